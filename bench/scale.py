"""The dense index alone at 10k, 100k and 1M synthetic vectors: exact (flat) against HNSW and IVF.

    python bench/scale.py [--sizes 10000 100000 1000000] [--types flat hnsw ivf] [--json bench/results/scale.json]

Vectors are clustered (a mixture of Gaussians, L2-normalised, 384 dimensions
like the default model), because real embeddings have structure and uniform
noise would flatter no index. For each size and index type (built with the
product's own ``build_dense``): build time, memory (serialised index size),
single-query latency p50/p95 with one search thread, and recall@10 against
exact search.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import faiss
import numpy as np

from common import machine, summary, write_json  # noqa: E402  (sets sys.path)

from index.dense import build_dense, dense_search, use_one_search_thread  # noqa: E402

DIMENSION = 384
QUERIES = 200
K = 10
BUILD_THREADS = os.cpu_count() or 1


def clustered(n: int, rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    labels = rng.integers(0, len(centers), size=n)
    vectors = centers[labels] + rng.normal(scale=0.35, size=(n, DIMENSION)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def measure(vectors: np.ndarray, queries: np.ndarray, index_type: str, truth: np.ndarray | None) -> tuple[dict, np.ndarray]:
    faiss.omp_set_num_threads(BUILD_THREADS)
    started = time.perf_counter()
    index = build_dense(vectors, index_type)
    build_s = time.perf_counter() - started
    use_one_search_thread()
    latencies, found = [], []
    for query in queries:
        t0 = time.perf_counter()
        _, rows = dense_search(index, query, K)
        latencies.append((time.perf_counter() - t0) * 1000)
        found.append(rows[0])
    found = np.array(found)
    recall = 1.0 if truth is None else float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth)]))
    row = {"build_s": round(build_s, 2), "memory_mb": round(len(faiss.serialize_index(index)) / 2**20, 1),
           "recall_at_10": round(recall, 4), **{f"query_{k}": v for k, v in summary(latencies).items()}}
    return row, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--types", nargs="+", default=["flat", "hnsw", "ivf"])
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    centers = rng.normal(size=(256, DIMENSION)).astype(np.float32)
    results = []
    print(f"{'size':>9} {'index':<6}{'build s':>9}{'MB':>9}{'p50 ms':>9}{'p95 ms':>9}{'recall@10':>11}")
    for size in args.sizes:
        vectors = clustered(size, rng, centers)
        queries = clustered(QUERIES, rng, centers)
        truth = None
        for index_type in ["flat"] + [t for t in args.types if t != "flat"]:
            row, found = measure(vectors, queries, index_type, truth)
            if index_type == "flat":
                truth = found
                if "flat" not in args.types:
                    continue
            results.append({"size": size, "index_type": index_type, **row})
            print(f"{size:>9} {index_type:<6}{row['build_s']:>9.2f}{row['memory_mb']:>9.1f}"
                  f"{row['query_p50_ms']:>9.3f}{row['query_p95_ms']:>9.3f}{row['recall_at_10']:>11.4f}")
        del vectors
    write_json(args.json, {"machine": machine(), "dimension": DIMENSION, "queries": QUERIES, "results": results})


if __name__ == "__main__":
    main()
