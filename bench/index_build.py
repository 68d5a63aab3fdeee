"""Index build speed against the encoder's own, on the shipped corpus and on the 24 provincial reports.

    python bench/index_build.py [--json bench/results/index_build.json] [--skip-reports]

For each corpus (copied to a temporary folder): a cold build in process with the encoder already
loaded (its load time is reported apart), timed as chars embedded per second; then the same texts
(every chunk with its heading path, and every sentence) encoded by the encoder alone, in one call,
as the reference; their ratio is the build's efficiency (target ≥ 0.8). Then a build after one
changed document, one with nothing changed, and the whole `python -m assistant index` command when
nothing changed (start-up included).
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

from common import ROOT, machine, write_json  # noqa: E402  (sets sys.path)

from assistant.service import default_embedder, ensure_index  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from index.store import load_index  # noqa: E402
from index.sentences import chunk_sentences, sentence_texts  # noqa: E402

SHIPPED = ROOT / "corpus" / "data"
REPORTS = ROOT.parent / "shared" / "corpora" / "gov-reports-2025"
CHANGE = "\n\n此外，将持续优化营商环境，推动重点项目早开工、早投产。\n"


def copy_corpus(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.suffix in (".txt", ".docx") or path.name == "documents.json":
            shutil.copy(path, target / path.name)
    return target


def measure(name: str, source: Path, home: Path, embedder) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = copy_corpus(source, Path(tmp) / "corpus")
        settings = Settings(home=home, index_dir=Path(tmp) / "index", corpus=[corpus])
        started = time.perf_counter()
        report = ensure_index(settings, embedder)
        build_s = time.perf_counter() - started
        index = load_index(settings.index_root)
        chunks = index.chunks
        texts = [c.context for c in chunks] + sentence_texts(chunks, chunk_sentences(chunks))
        chars = sum(map(len, texts))
        started = time.perf_counter()
        embedder.encode_passages(texts)
        encode_s = time.perf_counter() - started
        result = {"documents": len(index.manifest.documents), "chunks": report.chunks, "sentences": report.sentences,
                  "embedded_chars": chars, "cold_build_s": round(build_s, 2), "build_chars_per_s": round(chars / build_s),
                  "encoder_alone_s": round(encode_s, 2), "encoder_chars_per_s": round(chars / encode_s),
                  "build_over_encoder": round(encode_s / build_s, 3)}
        changed = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
        if changed:
            changed[0].write_text(changed[0].read_text(encoding="utf-8") + CHANGE, encoding="utf-8")
            started = time.perf_counter()
            again = ensure_index(settings, embedder)
            result["one_document_changed_s"] = round(time.perf_counter() - started, 2)
            result["one_document_changed_embedded"] = again.embedded + again.sentences_embedded
        started = time.perf_counter()
        assert ensure_index(settings, embedder) is None
        result["nothing_changed_in_process_s"] = round(time.perf_counter() - started, 3)
        env = {**os.environ, "JNQA_HOME": str(home), "JNQA_INDEX_DIR": str(settings.index_root)}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant", "index", "--corpus", str(corpus), "-q"], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        result["nothing_changed_command_s"] = round(time.perf_counter() - started, 2)
    print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in result.items()))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--skip-reports", action="store_true", help="only the shipped corpus (the reports take minutes)")
    args = parser.parse_args()
    home = Path(os.environ.get("JNQA_HOME", Settings().home))
    embedder = default_embedder(Settings(home=home))
    started = time.perf_counter()
    embedder.warm_up()
    result: dict = {"machine": machine(), "encoder": embedder.runtimes, "encoder_load_s": round(time.perf_counter() - started, 2)}
    result["shipped corpus"] = measure("shipped corpus", SHIPPED, home, embedder)
    if not args.skip_reports:
        result["24 provincial reports"] = measure("24 provincial reports", REPORTS, home, embedder)
    write_json(args.json, result)


if __name__ == "__main__":
    main()
