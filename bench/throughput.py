"""Throughput and latency under load: 1, 4 and 16 concurrent clients, each a bounded request loop.

    python bench/throughput.py [--seconds 60] [--clients 1 4 16] [--json bench/results/throughput.json]

Each client asks the eval questions in its own order, in its own conversation,
until the time is up (no request starts after the deadline), so every loop
stops by itself. Reported per level: requests/s, p50/p95/p99, errors, and
p95 ÷ p50 (target at 16 clients: zero errors, p95 ≤ 10 × p50).
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from pathlib import Path

import httpx

from common import Server, machine, summary, write_json  # noqa: E402  (sets sys.path)

from eval.runner import DEFAULT_QA, load_items  # noqa: E402


def client_loop(url: str, questions: list[str], deadline: float, seed: int, latencies: list[float], errors: list[str]) -> None:
    order = questions[:]
    random.Random(seed).shuffle(order)
    session_id = None
    with httpx.Client(base_url=url, timeout=60) as client:
        i = 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response = client.post("/ask", json={"question": order[i % len(order)], "session_id": session_id})
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}")
                else:
                    session_id = response.json()["session_id"]
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            latencies.append((time.perf_counter() - started) * 1000)
            i += 1


def run_level(url: str, questions: list[str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(url, questions, deadline, seed, latencies, errors))
               for seed in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    row = summary(latencies)
    row.update({"clients": clients, "seconds": round(wall, 1), "requests_per_s": round(len(latencies) / wall, 1),
                "errors": len(errors), "error_kinds": sorted(set(errors)),
                "p95_over_p50": round(row["p95_ms"] / row["p50_ms"], 2) if row.get("n") else None})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA)
    parser.add_argument("--seconds", type=float, default=60, help="per concurrency level (default 60)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    questions = [item["question"] for item in load_items(args.qa)]
    levels = []
    with Server() as server:
        httpx.post(f"{server.url}/ask", json={"question": "预热"}, timeout=60)
        for clients in args.clients:
            levels.append(run_level(server.url, questions, clients, args.seconds))
            row = levels[-1]
            print(f"{clients:>3} clients: {row['requests_per_s']:>7.1f} req/s  p50 {row['p50_ms']:.1f} ms  "
                  f"p95 {row['p95_ms']:.1f} ms  p99 {row['p99_ms']:.1f} ms  p95/p50 {row['p95_over_p50']}  "
                  f"errors {row['errors']} {row['error_kinds'] or ''}")
        peak_mb = server.peak_rss_mb()
    print(f"server peak RSS {peak_mb} MB")
    write_json(args.json, {"machine": machine(), "levels": levels, "server_peak_rss_mb": peak_mb})


if __name__ == "__main__":
    main()
