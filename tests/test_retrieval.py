"""Hybrid retrieval: reciprocal rank fusion and the BM25 ranking, on plain vectors and tokens."""

import numpy as np

from assistant.retrieval import bm25_ranking, hybrid_search, reciprocal_rank_fusion
from index.dense import build_dense
from index.sparse import build_bm25


def test_rrf_rewards_agreement_between_rankings():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1, 4]], k=60)
    assert max(fused, key=fused.get) == 1
    assert fused[3] > fused[2] and fused[4] == 1 / 63


def test_bm25_ranking_skips_zero_scores():
    assert bm25_ranking(np.array([0.0, 2.0, 0.5, 0.0]), 10) == [1, 2]


def test_hybrid_search_finds_a_lexical_match_the_vectors_miss():
    vectors = np.eye(4, dtype=np.float32)
    tokens = [["济南", "项目"], ["人才"], ["幼儿园", "覆盖率"], ["外资"]]
    hits = hybrid_search(build_dense(vectors), vectors, build_bm25(tokens), vectors[0], ["覆盖率"], top_k=2)
    assert {h.row for h in hits} == {0, 2}
    assert next(h for h in hits if h.row == 0).dense == 1.0
