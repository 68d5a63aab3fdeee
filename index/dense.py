"""FAISS over L2-normalised vectors: exact inner product by default, HNSW/IVF for large corpora.

faiss is imported when an index is built or read, not with this module: a question the facts answer never
needs it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

INDEX_TYPES = ("flat", "hnsw", "ivf")


def validate_index_type(index_type: str) -> str:
    if index_type not in INDEX_TYPES:
        raise ValueError(f"index_type must be one of {', '.join(INDEX_TYPES)}; got {index_type!r}")
    return index_type


def build_dense(vectors: np.ndarray, index_type: str = "flat"):
    """An inner-product index over ``vectors`` (rows must already be L2-normalised)."""
    import faiss

    validate_index_type(index_type)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    if index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 64
    elif index_type == "ivf":
        nlist = max(1, int(np.sqrt(len(vectors))))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.nprobe = min(nlist, 16)
    else:
        index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    return index


def dense_search(index, query_vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` (scores, row ids) per query; missing results have id -1."""
    queries = np.ascontiguousarray(query_vectors, dtype=np.float32).reshape(-1, index.d)
    return index.search(queries, min(k, index.ntotal))


def save_dense(index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def load_dense(path: Path):
    """The FAISS index at ``path``, to be searched with one thread (``use_one_search_thread``)."""
    import faiss

    use_one_search_thread()
    return faiss.read_index(str(path))


def use_one_search_thread() -> None:
    """One OpenMP thread per search: for single queries the thread start-up costs more than it saves,
    and concurrent requests already keep the cores busy."""
    import faiss

    faiss.omp_set_num_threads(1)
