"""A damaged index is reported and rebuilt at start-up; a build killed with SIGKILL leaves the previous one usable."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from corpus.documents import load_corpus
from index.store import CURRENT_FILE, build_index, current_build, load_index
from tests.fakes import HashingEmbedder

ROOT = Path(__file__).resolve().parents[1]


def make(home: Path) -> Assistant:
    settings = Settings(home=home, min_relevance=0.0)
    return Assistant(settings, embedder_factory=lambda s: HashingEmbedder())


def _truncate(build: Path) -> None:
    (build / "dense.faiss").write_bytes((build / "dense.faiss").read_bytes()[:100])


def _dimension_mismatch(build: Path) -> None:
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    manifest["model"]["dimension"] += 1
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("damage", [_truncate, _dimension_mismatch, lambda b: (b / "chunks.jsonl").unlink()],
                         ids=["truncated FAISS file", "manifest mismatch", "missing file"])
def test_a_damaged_index_is_named_in_the_log_and_rebuilt(tmp_path, damage, caplog):
    home = tmp_path / "home"
    first = make(home)
    first.warm_up()
    damaged = current_build(first.settings.index_root)
    damage(damaged)
    restarted = make(home)
    restarted.warm_up()
    assert "is damaged" in caplog.text and "rebuilding" in caplog.text
    assert current_build(restarted.settings.index_root) != damaged
    assert "210个" in restarted.ask("民生领域有多少重点项目？").answer


# A build of new content that stops half-way through writing its files (before the BM25 index).
BUILD_SLOWLY = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import index.store as store
    from corpus.documents import Document
    from tests.fakes import HashingEmbedder

    def stall(*args, **kwargs):
        print("writing", flush=True)
        time.sleep(60)

    store.save_bm25 = stall
    store.build_index([Document("n", "新", "一、全新的内容。\\n")], HashingEmbedder(), Path(sys.argv[1]))
""")


def test_a_build_killed_with_sigkill_leaves_the_previous_index_usable(tmp_path):
    home = tmp_path / "home"
    assistant = make(home)
    assistant.warm_up()
    root = assistant.settings.index_root
    before = (root / CURRENT_FILE).read_text()
    child = subprocess.Popen([sys.executable, "-c", BUILD_SLOWLY, str(root)], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout.readline().strip() == "writing"
    half_written = [p for p in root.iterdir() if p.name.startswith(".tmp-build-")]
    assert half_written and (half_written[0] / "dense.faiss").exists()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert (root / CURRENT_FILE).read_text() == before
    assert len(load_index(root, HashingEmbedder()).chunks) == len(assistant.index.chunks)
    assert "210个" in make(home).ask("民生领域有多少重点项目？").answer
    # The next build clears the half-written directory away.
    build_index(load_corpus(), HashingEmbedder(), root)
    assert not any(p.name.startswith(".tmp-build-") for p in root.iterdir())
