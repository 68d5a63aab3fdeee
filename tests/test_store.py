"""Index directories: build, load, reuse of unchanged vectors, staleness, damage named."""

import json
from pathlib import Path

import numpy as np
import pytest

from corpus.documents import Document, load_corpus
from index.manifest import IndexLoadError
from index.sentences import closest_sentences
from index.store import CURRENT_FILE, build_index, current_build, index_is_current, load_index
from tests.fakes import HashingEmbedder

DOCS = [
    Document("a", "甲文件", "一、总则\n济南将推进总投资100亿元的10个重点项目。到2025年人才总量突破300万。\n"),
    Document("b", "乙文件", "二、民生\n普惠性幼儿园覆盖率达到90%。\n"),
]


def test_build_then_load_round_trip(tmp_path: Path):
    report = build_index(DOCS, HashingEmbedder(), tmp_path / "idx")
    loaded = load_index(tmp_path / "idx", HashingEmbedder())
    assert report.chunks == len(loaded.chunks) == loaded.dense.ntotal
    manifest = json.loads((loaded.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["name"] == "fake-hashing" and manifest["model"]["dimension"] == 256
    assert manifest["chunk_count"] == report.chunks and len(manifest["corpus_sha256"]) == 64
    assert {"created_at", "versions"} <= set(manifest["build"])


def test_unchanged_chunks_are_not_embedded_again(tmp_path: Path):
    embedder = HashingEmbedder()
    first = build_index(DOCS, embedder, tmp_path / "idx")
    changed = [DOCS[0], Document("b", "乙文件", "二、民生\n普惠性幼儿园覆盖率达到95%。\n")]
    second = build_index(changed, embedder, tmp_path / "idx")
    assert first.embedded == first.chunks
    assert second.embedded == 1 and second.reused == second.chunks - 1
    assert first.sentences == 3 and second.sentences_embedded == 1
    assert embedder.passages_encoded == first.chunks + first.sentences + 2


def test_staleness_follows_corpus_and_model(tmp_path: Path):
    root = tmp_path / "idx"
    assert not index_is_current(root, DOCS, HashingEmbedder(), 200, "flat")
    build_index(DOCS, HashingEmbedder(), root)
    assert index_is_current(root, DOCS, HashingEmbedder(), 200, "flat")
    assert not index_is_current(root, DOCS[:1], HashingEmbedder(), 200, "flat")
    assert not index_is_current(root, DOCS, HashingEmbedder(weights="other"), 200, "flat")
    assert not index_is_current(root, DOCS, HashingEmbedder(), 120, "flat")


def test_only_one_build_is_kept_and_current_points_at_it(tmp_path: Path):
    root = tmp_path / "idx"
    build_index(DOCS, HashingEmbedder(), root)
    report = build_index(DOCS[:1], HashingEmbedder(), root)
    assert current_build(root) == report.path
    assert [p.name for p in root.iterdir() if p.is_dir()] == [report.path.name]


def test_missing_index_names_the_folder(tmp_path: Path):
    with pytest.raises(IndexLoadError, match="no index here"):
        load_index(tmp_path / "nothing")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: (b / "dense.faiss").write_bytes((b / "dense.faiss").read_bytes()[:100]), "dense.faiss: damaged"),
        (lambda b: (b / "chunks.jsonl").unlink(), "chunks.jsonl: missing"),
        (lambda b: (b / "manifest.json").write_text("{", encoding="utf-8"), "manifest is not valid JSON"),
        (lambda b: np.save(b / "vectors.npy", np.zeros((1, 256), np.float32)), "vectors.npy: damaged"),
    ],
)
def test_damaged_pieces_are_named(tmp_path: Path, damage, message):
    root = tmp_path / "idx"
    report = build_index(DOCS, HashingEmbedder(), root)
    damage(report.path)
    with pytest.raises(IndexLoadError, match=message):
        load_index(root, HashingEmbedder())


def test_a_different_model_is_refused(tmp_path: Path):
    build_index(DOCS, HashingEmbedder(), tmp_path / "idx")
    with pytest.raises(IndexLoadError, match="built with model 'fake-hashing'.*configured model is 'other'"):
        load_index(tmp_path / "idx", HashingEmbedder(name="other"))


def test_a_failed_build_leaves_the_previous_index_live(tmp_path: Path):
    root = tmp_path / "idx"
    build_index(DOCS, HashingEmbedder(), root)
    before = (root / CURRENT_FILE).read_text()

    class Exploding(HashingEmbedder):
        def encode_passages(self, texts, show_progress=False):
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        build_index([Document("c", "丙", "三、新内容。\n")], Exploding(), root)
    assert (root / CURRENT_FILE).read_text() == before
    assert len(load_index(root, HashingEmbedder()).chunks) == 2


def test_unknown_index_type_names_the_allowed_values(tmp_path: Path):
    with pytest.raises(ValueError, match="index_type must be one of flat, hnsw, ivf; got 'annoy'"):
        build_index(DOCS, HashingEmbedder(), tmp_path / "idx", index_type="annoy")


def test_shipped_corpus_builds_with_hnsw(tmp_path: Path):
    report = build_index(load_corpus(), HashingEmbedder(), tmp_path / "idx", index_type="hnsw")
    assert load_index(tmp_path / "idx").manifest.index_type == "hnsw" and report.chunks > 100


def test_every_sentence_gets_a_vector_and_a_missing_sentence_file_is_reported(tmp_path: Path):
    report = build_index(DOCS, HashingEmbedder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx")
    assert len(index.sentences) == report.sentences == len(index.sentence_vectors) == 3
    assert [index.chunks[s.row].text[s.start - index.chunks[s.row].start:][:4] for s in index.sentences][-1] == "普惠性幼"
    (report.path / "sentence_vectors.npy").unlink()
    with pytest.raises(IndexLoadError, match="sentence_vectors.npy: missing"):
        load_index(tmp_path / "idx")


def test_sentences_within_the_margin_of_the_closest_are_all_candidates_closest_first():
    vectors = np.array([[1.0, 0.0], [0.995, 0.0999], [0.6, 0.8]], dtype=np.float32)
    query = np.array([1.0, 0.0], dtype=np.float32)
    assert [i for i, _ in closest_sentences(vectors, query, margin=0.01)] == [0, 1]
    assert [i for i, _ in closest_sentences(vectors, query, margin=0.0)] == [0]
    assert closest_sentences(np.zeros((0, 2), dtype=np.float32), query, margin=0.01) == []
