"""`/ask` latency over HTTP on loopback vs the bare query-encoding time, for the eval questions.

    python bench/latency.py [--qa eval/qa.jsonl] [--rounds 1] [--json bench/results/latency.json]

Starts the app in-process on a free 127.0.0.1 port, sends every eval question
(one client, sequentially), then times ``embedder.encode_queries`` alone on
the same questions, and prints p50/p95 of both and their ratio. Questions the
facts table answers (no retrieval, no encoding) are reported separately from
those that go through retrieval, with the stage breakdown of each path.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.api import create_app  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from eval.metrics import percentile  # noqa: E402
from eval.runner import DEFAULT_QA, load_items  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_in_thread(app, port: int) -> uvicorn.Server:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 120
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start within 120 s")
        time.sleep(0.05)
    return server


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 95), 2),
            "mean_ms": round(statistics.fmean(ms), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the questions")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    questions = [item["question"] for item in load_items(args.qa)] * args.rounds
    assistant = Assistant(Settings())
    started = time.perf_counter()
    assistant.warm_up()
    warm_s = time.perf_counter() - started
    port = free_port()
    server = serve_in_thread(create_app(assistant.settings, assistant, with_ui=False), port)

    http_ms: dict[str, list[float]] = {"all": [], "facts table": [], "retrieval": []}
    stages: dict[str, dict[str, list[float]]] = {"facts table": {}, "retrieval": {}}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        client.post("/ask", json={"question": "预热"})
        for question in questions:
            t0 = time.perf_counter()
            response = client.post("/ask", json={"question": question})
            elapsed = (time.perf_counter() - t0) * 1000
            response.raise_for_status()
            timings = response.json()["timings_ms"]
            path = "facts table" if "lookup_ms" in timings else "retrieval"
            http_ms["all"].append(elapsed)
            http_ms[path].append(elapsed)
            for name, value in timings.items():
                stages[path].setdefault(name, []).append(value)
    server.should_exit = True

    encode_ms = []
    for question in questions:
        t0 = time.perf_counter()
        assistant.embedder.encode_queries([question])
        encode_ms.append((time.perf_counter() - t0) * 1000)

    result = {
        "questions": len(questions),
        "warm_up_s": round(warm_s, 2),
        "ask_http": summary(http_ms["all"]),
        "ask_http_facts_table": summary(http_ms["facts table"]) if http_ms["facts table"] else None,
        "ask_http_retrieval": summary(http_ms["retrieval"]) if http_ms["retrieval"] else None,
        "bare_encode": summary(encode_ms),
        "stages_p50_ms": {path: {name: round(statistics.median(v), 3) for name, v in by_stage.items()}
                          for path, by_stage in stages.items()},
    }
    result["ratio_p50"] = round(result["ask_http"]["p50_ms"] / result["bare_encode"]["p50_ms"], 2)
    rows = (("/ask, all questions", "ask_http"), ("/ask, facts table", "ask_http_facts_table"),
            ("/ask, retrieval", "ask_http_retrieval"), ("bare model.encode", "bare_encode"))
    print(f"{'what':<24}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for label, key in rows:
        row = result[key]
        if row:
            print(f"{label:<24}{row['n']:>5}{row['p50_ms']:>10.2f}{row['p95_ms']:>10.2f}{row['mean_ms']:>10.2f}")
    print(f"ratio /ask ÷ encode (p50): {result['ratio_p50']:.2f}   warm-up: {warm_s:.1f} s")
    if result["ask_http_facts_table"] and result["ask_http_retrieval"]:
        print(f"ratio facts table ÷ retrieval (p50): "
              f"{result['ask_http_facts_table']['p50_ms'] / result['ask_http_retrieval']['p50_ms']:.2f}")
    for path, by_stage in result["stages_p50_ms"].items():
        print(f"stage p50, {path} (ms): " + ", ".join(f"{k.removesuffix('_ms')} {v}" for k, v in by_stage.items()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
