"""`/ask` latency over HTTP on loopback, by kind of question, against the bare query-encoding time.

    python bench/latency.py [--json bench/results/latency.json]

Starts the server in its own process (on the index under ``$JNQA_HOME``),
then sends, one request at a time: every eval question once (fresh), every
question again (repeated), and the dialogs turn by turn (follow-ups). In the
same run it times ``encode_queries`` alone on the questions that went through
retrieval, and prints p50/p95/p99, the stage breakdown and the ratios to the
targets: fresh retrieval ≤ 1.3 × bare encode, figure and repeated questions
≤ 10 ms at p50.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

from common import Server, machine, print_table, summary, write_json  # noqa: E402  (sets sys.path)

from assistant.query import analyze  # noqa: E402
from assistant.service import default_embedder  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from eval.runner import DEFAULT_DIALOGS, DEFAULT_QA, load_items  # noqa: E402


def _ask(client: httpx.Client, question: str, session_id: str | None = None) -> tuple[float, dict]:
    started = time.perf_counter()
    response = client.post("/ask", json={"question": question, "session_id": session_id})
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed, response.json()


def _path(body: dict) -> str:
    return "facts" if "lookup_ms" in body["timings_ms"] else "retrieval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA)
    parser.add_argument("--dialogs", type=Path, default=DEFAULT_DIALOGS)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    questions = [item["question"] for item in load_items(args.qa)]
    dialogs = load_items(args.dialogs)

    ms: dict[str, list[float]] = {key: [] for key in ("fresh", "fresh facts", "fresh retrieval", "repeated",
                                                      "repeated retrieval", "follow-ups")}
    stages: dict[str, dict[str, list[float]]] = {key: {} for key in ms}
    retrieval_questions: list[str] = []

    def record(keys: tuple[str, ...], elapsed: float, body: dict) -> None:
        for key in keys:
            ms[key].append(elapsed)
            for name, value in body["timings_ms"].items():
                stages[key].setdefault(name, []).append(value)

    with Server() as server, httpx.Client(base_url=server.url, timeout=60) as client:
        _ask(client, "预热")
        for question in questions:
            elapsed, body = _ask(client, question)
            path = _path(body)
            record(("fresh", f"fresh {path}"), elapsed, body)
            if path == "retrieval":
                retrieval_questions.append(question)
        for question in questions:
            elapsed, body = _ask(client, question)
            record(("repeated",) + (("repeated retrieval",) if _path(body) == "retrieval" else ()), elapsed, body)
        for dialog in dialogs:
            session_id = None
            for turn in dialog["turns"]:
                elapsed, body = _ask(client, turn["question"], session_id)
                session_id = body["session_id"]
                if body["follow_up"]:
                    record(("follow-ups",), elapsed, body)
        peak_mb = server.peak_rss_mb()
        ready_s = server.ready_s

    embedder = default_embedder(Settings())
    texts = [analyze(q).document_terms for q in retrieval_questions]
    embedder.encode_queries(texts[:1])
    encode_ms = []
    for text in texts:
        started = time.perf_counter()
        embedder.encode_queries([text])
        encode_ms.append((time.perf_counter() - started) * 1000)

    result = {
        "machine": machine(),
        "server_ready_s": round(ready_s, 2),
        "server_peak_rss_mb": peak_mb,
        **{key.replace(" ", "_"): summary(values) for key, values in ms.items()},
        "bare_encode": summary(encode_ms),
        "stages_p50_ms": {key: {name: round(statistics.median(v), 3) for name, v in by_stage.items()}
                          for key, by_stage in stages.items() if by_stage},
    }
    encode_p50 = result["bare_encode"]["p50_ms"]
    result["targets"] = {
        "fresh retrieval p50 ÷ bare encode p50 (≤ 1.3)": round(result["fresh_retrieval"]["p50_ms"] / encode_p50, 2),
        "figure questions p50 ms (≤ 10)": result["fresh_facts"]["p50_ms"],
        "repeated questions p50 ms (≤ 10)": result["repeated"]["p50_ms"],
    }
    print_table("POST /ask over HTTP, one client", [
        ("fresh, all questions", result["fresh"]), ("fresh, figure (facts table)", result["fresh_facts"]),
        ("fresh, through retrieval", result["fresh_retrieval"]), ("repeated, all questions", result["repeated"]),
        ("repeated, through retrieval", result["repeated_retrieval"]), ("follow-ups (dialog turns)", result["follow-ups"]),
        ("bare encode_queries (retrieval qs)", result["bare_encode"]),
    ])
    print("\nstage p50 (ms):")
    for key, by_stage in result["stages_p50_ms"].items():
        print(f"  {key:<20} " + ", ".join(f"{k.removesuffix('_ms')} {v}" for k, v in by_stage.items()))
    print("\ntargets:")
    for name, value in result["targets"].items():
        print(f"  {name}: {value}")
    print(f"server ready in {ready_s:.1f} s; peak RSS {peak_mb} MB")
    write_json(args.json, result)


if __name__ == "__main__":
    main()
