"""Index build time: cold, after one changed document, and with nothing changed; and startup to first answer.

    python bench/index_build.py [--json bench/results/index_build.json]

Works on a copy of the shipped corpus in a temporary folder. The model is
loaded once (its load time is reported on its own); "nothing changed" is also
timed as the whole `python -m assistant index` command (target ≤ 2 s).
Startup is timed from launching `python -m assistant serve` to the first
answer, on an existing index (warm) and on an empty home (cold: model
conversion and index build included).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from common import ROOT, Server, machine, write_json  # noqa: E402  (sets sys.path)

from assistant.service import default_embedder, ensure_index  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from corpus.documents import load_corpus  # noqa: E402

SHIPPED = ROOT / "corpus" / "data"
CHANGE = "\n\n此外，济南将持续优化营商环境，推动重点项目早开工、早投产。\n"


def _first_answer(env: dict[str, str]) -> dict:
    started = time.perf_counter()
    with Server(env=env, timeout_s=900) as server:
        httpx.post(f"{server.url}/ask", json={"question": "科技创新领域有多少个重点项目？"}, timeout=120).raise_for_status()
        return {"ready_s": round(server.ready_s, 2), "first_answer_s": round(time.perf_counter() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-cold-start", action="store_true", help="skip the empty-home start (about a minute)")
    args = parser.parse_args()
    result: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        shutil.copytree(SHIPPED, corpus)
        settings = Settings(home=Path(os.environ.get("JNQA_HOME", Settings().home)), index_dir=tmp_path / "index",
                            corpus=[corpus])
        started = time.perf_counter()
        embedder = default_embedder(settings)
        embedder.warm_up()
        result["model_load_s"] = round(time.perf_counter() - started, 2)

        def timed(label: str) -> None:
            started = time.perf_counter()
            report = ensure_index(settings, embedder)
            seconds = time.perf_counter() - started
            result[label] = {"seconds": round(seconds, 3), "chunks": report.chunks if report else None,
                             "embedded": report.embedded if report else 0, "rebuilt": report is not None}
            print(f"{label:<28} {seconds:>7.2f} s   embedded {result[label]['embedded']}")

        timed("cold build")
        changed = sorted(corpus.glob("*.txt"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + CHANGE, encoding="utf-8")
        timed("one document changed")
        timed("nothing changed (in process)")
        env = {**os.environ, "JNQA_HOME": str(settings.home), "JNQA_INDEX_DIR": str(settings.index_root)}
        started = time.perf_counter()
        output = subprocess.run([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus)], cwd=ROOT,
                                env=env, capture_output=True, text=True, check=True).stdout.strip()
        result["nothing changed (command)"] = {"seconds": round(time.perf_counter() - started, 2), "output": output}
        print(f"{'nothing changed (command)':<28} {result['nothing changed (command)']['seconds']:>7.2f} s   {output}")

        result["startup warm"] = _first_answer({"JNQA_HOME": str(settings.home)})
        print(f"startup, existing index: ready {result['startup warm']['ready_s']} s, first answer "
              f"{result['startup warm']['first_answer_s']} s")
        if not args.skip_cold_start:
            result["startup cold"] = _first_answer({"JNQA_HOME": str(tmp_path / "empty-home")})
            print(f"startup, empty home (model conversion + index build): first answer "
                  f"{result['startup cold']['first_answer_s']} s")
    print(f"model load {result['model_load_s']} s; {len(load_corpus([SHIPPED]))} documents")
    write_json(args.json, result)


if __name__ == "__main__":
    main()
