"""Hybrid retrieval: dense and BM25 rankings fused by reciprocal rank fusion.

Functions here take vectors and token lists, never a model, so they are
tested without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from index.dense import dense_search
from index.sparse import bm25_scores

RRF_K = 60
RETRIEVAL_MODES = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk (``row`` into the index's chunk list) with its scores."""

    row: int
    score: float
    dense: float
    bm25: float


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> dict[int, float]:
    """Sum of ``1 / (k + rank)`` over every ranking an item appears in (rank starts at 1)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def bm25_ranking(scores: np.ndarray, limit: int) -> list[int]:
    """Rows with a positive BM25 score, best first, at most ``limit``."""
    order = np.argsort(-scores, kind="stable")[:limit]
    return [int(i) for i in order if scores[i] > 0]


def hybrid_search(
    dense_index,
    vectors: np.ndarray,
    bm25,
    query_vector: np.ndarray,
    query_tokens: Sequence[str],
    top_k: int,
    candidates: int = 30,
    mode: str = "hybrid",
    allowed: np.ndarray | None = None,
) -> list[Hit]:
    """Top ``top_k`` chunks by RRF over the dense and BM25 candidate lists.

    ``mode`` "dense" or "bm25" ranks by one list only (the eval's baselines).
    ``vectors`` are the indexed chunk vectors, used to report every hit's exact cosine.
    ``allowed`` (chunk rows) limits the search to some documents: their vectors are scored exactly.
    """
    if mode not in RETRIEVAL_MODES:
        raise ValueError(f"unknown retrieval mode {mode!r}; allowed: {', '.join(RETRIEVAL_MODES)}")
    lexical = bm25_scores(bm25, list(query_tokens))
    if allowed is None:
        _, dense_rows = dense_search(dense_index, query_vector, candidates)
        dense_ranking = [int(r) for r in dense_rows[0] if r >= 0]
    else:
        scores = vectors[allowed] @ np.asarray(query_vector, dtype=np.float32).reshape(-1)
        dense_ranking = [int(allowed[i]) for i in np.argsort(-scores, kind="stable")[:candidates]]
        masked = np.zeros_like(lexical)
        masked[allowed] = lexical[allowed]
        lexical = masked
    lexical_ranking = bm25_ranking(lexical, candidates)
    rankings = {"hybrid": [dense_ranking, lexical_ranking], "dense": [dense_ranking], "bm25": [lexical_ranking]}
    fused = reciprocal_rank_fusion(rankings[mode])
    best = sorted(fused, key=lambda row: (-fused[row], row))[:top_k]
    cosine = vectors[best] @ np.asarray(query_vector, dtype=np.float32).reshape(-1)
    return [Hit(row, fused[row], float(c), float(lexical[row])) for row, c in zip(best, cosine)]
