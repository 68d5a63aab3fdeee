"""Start-up and memory: one-shot `ask` by kind of question, `serve` warm and cold, server memory after N questions.

    python bench/startup.py [--json bench/results/startup.json] [--questions 1000] [--skip-cold-start]

Every figure is a separate process started with this interpreter (``sys.executable``, not a shell
shim): `ask` wall time and peak RSS (from the child's own rusage), `serve` from launch to the first
answer of each kind, the chat UI's readiness, and the server's resident memory after answering N
questions of the eval set (all kinds, fresh and repeated). "Warm" runs on an existing index and
converted model; "cold" on an empty home, so the model conversion, the lexicon and the index build
are included.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from common import ROOT, free_port, machine, write_json  # noqa: E402  (sets sys.path)

FIGURE = "2025年新能源汽车保有量目标是多少？"
RETRIEVAL = "济南要打造什么样的国际消费中心？"
KINDS = {"figure question (facts table)": FIGURE, "question through retrieval": RETRIEVAL}


def run_ask(question: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `python -m assistant ask` process."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "assistant", "ask", question], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024


def ask_one_shot(env: dict[str, str], repeats: int) -> dict:
    run_ask(FIGURE, env)  # the first run after a build pays for the page cache, not for the code
    result = {}
    for label, question in KINDS.items():
        runs = [run_ask(question, env) for _ in range(repeats)]
        walls, rss = [w for w, _ in runs], [r for _, r in runs]
        result[label] = {"runs": repeats, "wall_s_median": round(statistics.median(walls), 2),
                         "wall_s_max": round(max(walls), 2), "peak_rss_mb": round(max(rss), 1)}
        print(f"ask, {label:<32} median {statistics.median(walls):5.2f} s  max {max(walls):5.2f} s  "
              f"peak RSS {max(rss):6.1f} MB")
    return result


def status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def serve(env: dict[str, str], questions: list[str], label: str) -> dict:
    """Launch `serve`, time the first answer of each kind and the UI, then answer ``questions`` and read its memory."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    log = tempfile.TemporaryFile(mode="w+")  # a pipe could fill up with progress bars and stall the server
    child = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=log, text=True)
    result: dict = {}
    try:
        with httpx.Client(timeout=120) as client:
            for kind, question in KINDS.items():
                while True:
                    if child.poll() is not None:
                        log.seek(0)
                        raise RuntimeError(f"serve exited: {log.read()[-2000:]}")
                    try:
                        response = client.post(f"{url}/ask", json={"question": question})
                        if response.status_code == 200:
                            break
                    except httpx.HTTPError:
                        pass
                    time.sleep(0.02)
                result[f"first answer, {kind}_s"] = round(time.perf_counter() - started, 2)
            while client.get(f"{url}/ui/").status_code != 200:
                time.sleep(0.1)
            result["chat UI ready_s"] = round(time.perf_counter() - started, 2)
            result["rss_after_start_mb"] = status_mb(child.pid, "VmRSS")
            for question in questions:
                client.post(f"{url}/ask", json={"question": question}).raise_for_status()
            result["questions"] = len(questions)
            result["rss_after_questions_mb"] = status_mb(child.pid, "VmRSS")
            result["peak_rss_mb"] = status_mb(child.pid, "VmHWM")
    finally:
        child.terminate()
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
        log.close()
    print(f"serve, {label}: " + ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


def eval_questions(n: int) -> list[str]:
    with (ROOT / "eval" / "qa.jsonl").open(encoding="utf-8") as fh:
        questions = [json.loads(line)["question"] for line in fh if line.strip()]
    return [questions[i % len(questions)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--questions", type=int, default=1000, help="questions the warm server answers before its RSS is read")
    parser.add_argument("--repeats", type=int, default=5, help="`ask` runs per kind of question")
    parser.add_argument("--skip-cold-start", action="store_true")
    args = parser.parse_args()
    home = Path(os.environ.get("JNQA_HOME", Path.home() / ".cache" / "jinan-qa"))
    env = {**os.environ, "JNQA_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "assistant", "index", "-q"], cwd=ROOT, env=env, check=True)
    result: dict = {"machine": machine(), "home": str(home)}
    result["ask"] = ask_one_shot(env, args.repeats)
    result["serve warm"] = serve(env, eval_questions(args.questions), "existing index")
    if not args.skip_cold_start:
        with tempfile.TemporaryDirectory() as empty:
            cold = {**env, "JNQA_HOME": empty}
            cold.pop("JNQA_LEXICON_DIR", None)
            result["serve cold"] = serve(cold, [], "empty home (model conversion, lexicon, index build)")
            shutil.rmtree(empty, ignore_errors=True)
    write_json(args.json, result)


if __name__ == "__main__":
    main()
