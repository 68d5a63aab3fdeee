"""Many documents against one city's: indexing the 24 provincial reports from an empty home, and /ask on the
24-report index against the shipped Jinan index in the same run.

    python bench/corpora.py [--json bench/results/corpora.json] [--questions 240]

1. ``python -m assistant index --corpus <24 reports>`` with an empty ``JNQA_HOME`` (model graph, lexicon and
   index all written), timed, with its peak RSS.
2. Two servers (``python -m assistant serve``): the Jinan index and the 24-report index. Each eval set's
   questions are sent to its own server, one Jinan question then one report question, each question once
   (fresh), so both are measured under the same load. The ratio of the two p50s is the cost of many documents
   (target ≤ 1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import ROOT, Server, answered_from, ask, machine, print_table, summary, write_json  # noqa: E402

REPORTS = ROOT.parent / "shared" / "corpora" / "gov-reports-2025"
JINAN_QA = ROOT / "eval" / "qa.jsonl"
REPORTS_QA = ROOT / "eval" / "corpora" / "gov-reports-2025" / "qa.jsonl"


def questions(path: Path, n: int) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["question"] for r in rows if r.get("split") == "dev"][:n]


def cold_index(home: Path, out: Path) -> dict:
    env = {**os.environ, "JNQA_HOME": str(home)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant", "index", "--corpus", str(REPORTS), "--out", str(out), "-q"],
                   cwd=ROOT, env=env, check=True)
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"documents": len(list(REPORTS.glob("*.docx"))), "wall_s": round(wall, 1), "peak_rss_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--questions", type=int, default=240, help="questions per corpus (dev split)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        reports_index = Path(tmp) / "reports-index"
        build = cold_index(home, reports_index)
        print(f"24 reports indexed from an empty home in {build['wall_s']} s, peak RSS {build['peak_rss_mb']} MB")
        jinan_qs, report_qs = questions(JINAN_QA, args.questions), questions(REPORTS_QA, args.questions)
        timings: dict[str, list[float]] = {"jinan": [], "reports": []}
        by_path: dict[str, list[float]] = {"reports, facts": [], "reports, retrieval": []}
        with Server({"JNQA_HOME": str(home)}) as jinan, \
                Server({"JNQA_HOME": str(home), "JNQA_INDEX_DIR": str(reports_index)}) as reports:
            clients = {"jinan": httpx.Client(base_url=jinan.url, timeout=60),
                       "reports": httpx.Client(base_url=reports.url, timeout=60)}
            for name, qs in (("jinan", jinan_qs[:5]), ("reports", report_qs[:5])):  # each server's first encode
                for question in qs:
                    ask(clients[name], question + "？")
            for i in range(max(len(jinan_qs), len(report_qs))):
                if i < len(jinan_qs):
                    timings["jinan"].append(ask(clients["jinan"], jinan_qs[i])[0])
                if i < len(report_qs):
                    ms, body = ask(clients["reports"], report_qs[i])
                    timings["reports"].append(ms)
                    by_path[f"reports, {answered_from(body)}"].append(ms)
            rss = {"jinan_server_peak_rss_mb": jinan.peak_rss_mb(), "reports_server_peak_rss_mb": reports.peak_rss_mb()}
    rows = {name: summary(ms) for name, ms in {**timings, **by_path}.items()}
    ratio = round(rows["reports"]["p50_ms"] / rows["jinan"]["p50_ms"], 2)
    print_table("POST /ask, fresh questions of each corpus's eval set", list(rows.items()))
    print(f"\np50 24 reports ÷ p50 Jinan: {ratio} (target ≤ 1.5)")
    write_json(args.json, {"machine": machine(), "cold_index_24_reports": build, "ask": rows, "p50_ratio": ratio, **rss})


if __name__ == "__main__":
    main()
