"""What the benchmarks share: the server in its own process, percentile summaries, a printed table, JSON.

The server runs as ``python -m assistant serve`` in a child process, so the
benchmark's own HTTP client never competes with it for the GIL.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.metrics import percentile  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``python -m assistant serve`` in a child process; ``url`` once it answers /health."""

    def __init__(self, env: dict[str, str] | None = None, timeout_s: float = 600):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(self.port)],
            cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout_s
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not answer /health within {timeout_s} s")
            time.sleep(0.1)
        self.ready_s = time.perf_counter() - self.started

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory (VmHWM) so far."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
        return 0.0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def ask(client: httpx.Client, question: str, session_id: str | None = None) -> tuple[float, dict]:
    """One `POST /ask`: (milliseconds, response body)."""
    started = time.perf_counter()
    response = client.post("/ask", json={"question": question, "session_id": session_id})
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed, response.json()


def answered_from(body: dict) -> str:
    """"facts" for an answer from the facts table, else "retrieval"."""
    return "facts" if "lookup_ms" in body["timings_ms"] else "retrieval"


def summary(ms: Sequence[float]) -> dict[str, float]:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2), "mean_ms": round(statistics.fmean(ms), 2)}


def print_table(title: str, rows: Sequence[tuple[str, dict]]) -> None:
    print(f"\n{title}\n{'what':<34}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for label, row in rows:
        if row.get("n"):
            print(f"{label:<34}{row['n']:>6}{row['p50_ms']:>10.2f}{row['p95_ms']:>10.2f}{row['p99_ms']:>10.2f}")


def write_json(path: Path | None, result: dict) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"\nwritten to {path}")


def machine() -> dict:
    return {"cpus": os.cpu_count(), "python": sys.version.split()[0],
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)}
