"""Scale: the dense index alone at 10k, 100k and 1M synthetic vectors, and the whole service on a large real corpus.

    python bench/scale.py [--sizes 10000 100000 1000000] [--types flat hnsw ivf] [--json bench/results/scale.json]
    python bench/scale.py --end-to-end [--copies 3] [--json bench/results/scale_end_to_end.json]

``--end-to-end`` builds the index of ``bench/large_corpus.py``'s corpus (the 24 provincial reports, the
shipped documents and renamed, re-numbered copies of the reports: about 12,700 chunks with 3 copies)
with `python -m assistant index`, reporting its time, peak memory and chars/s, then serves it and
sends every eval question once (fresh) and again (repeated), one at a time: /ask p50/p95/p99 by
kind of question and the p95 of every stage, to show which, if any, grows with the corpus.

Vectors are clustered (a mixture of Gaussians, L2-normalised, 384 dimensions
like the default model), because real embeddings have structure and uniform
noise would flatter no index. For each size and index type (built with the
product's own ``build_dense``): build time, memory (serialised index size),
single-query latency p50/p95 with one search thread, and recall@10 against
exact search.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np

import httpx

from common import ROOT, Server, answered_from, ask, machine, print_table, summary, write_json  # noqa: E402
from large_corpus import write_large_corpus  # noqa: E402

from corpus.chunking import Chunk  # noqa: E402
from eval.metrics import percentile  # noqa: E402
from index.sentences import chunk_sentences, sentence_texts  # noqa: E402
from eval.runner import DEFAULT_QA, load_items  # noqa: E402

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


def end_to_end(copies: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = write_large_corpus(Path(tmp) / "corpus", copies), Path(tmp) / "index"
        env = {**os.environ, "JNQA_INDEX_DIR": str(index)}
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus)], cwd=ROOT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        build_s = time.perf_counter() - started
        if child.returncode != 0:
            raise RuntimeError(f"index exited with {child.returncode}")
        build = index / (index / "CURRENT").read_text(encoding="utf-8").strip()
        chunks = [Chunk.from_dict(json.loads(line)) for line in (build / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
        embedded = sum(map(len, [c.context for c in chunks] + sentence_texts(chunks, chunk_sentences(chunks))))
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        result = {"documents": len(manifest["documents"]), "chunks": len(chunks),
                  "sentences": manifest["build"]["sentences"], "facts": manifest["build"]["facts"],
                  "embedded_chars": embedded, "index_build_s": round(build_s, 1),
                  "index_build_chars_per_s": round(embedded / build_s), "index_build_peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}
        print(f"index: {result}")
        questions = [item["question"] for item in load_items(DEFAULT_QA)]
        ms: dict[str, list[float]] = {"fresh": [], "fresh facts": [], "fresh retrieval": [], "repeated": []}
        stages: dict[str, list[float]] = {}
        with Server(env={"JNQA_INDEX_DIR": str(index)}) as server, httpx.Client(base_url=server.url, timeout=60) as client:
            ask(client, "预热")
            for question in questions:
                elapsed, body = ask(client, question)
                ms["fresh"].append(elapsed)
                ms[f"fresh {answered_from(body)}"].append(elapsed)
                for name, value in body["timings_ms"].items():
                    stages.setdefault(name, []).append(value)
            for question in questions:
                ms["repeated"].append(ask(client, question)[0])
            result["server_ready_s"] = round(server.ready_s, 2)
            result["server_rss_mb"] = server.peak_rss_mb()
        for key, values in ms.items():
            result[key.replace(" ", "_")] = summary(values)
        result["stage_p95_ms"] = {name: round(percentile(v, 95), 2) for name, v in stages.items()}
        result["stage_p50_ms"] = {name: round(statistics.median(v), 2) for name, v in stages.items()}
    print_table(f"POST /ask on {result['chunks']} chunks, {result['facts']} facts", [
        ("fresh, all questions", result["fresh"]), ("fresh, figure (facts table)", result["fresh_facts"]), ("fresh, through retrieval", result["fresh_retrieval"]),
        ("repeated, all questions", result["repeated"])])
    print("stage p95 (ms): " + ", ".join(f"{k.removesuffix('_ms')} {v}" for k, v in result["stage_p95_ms"].items()))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--types", nargs="+", default=["flat", "hnsw", "ivf"])
    parser.add_argument("--end-to-end", action="store_true", help="the whole service on a large real corpus instead")
    parser.add_argument("--copies", type=int, default=3, help="renamed copies of the reports (--end-to-end)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.end_to_end:
        write_json(args.json, {"machine": machine(), "copies": args.copies, **end_to_end(args.copies)})
        return
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
