"""Shared fixtures: every test runs in its own temp dir with its own JNQA_HOME."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from corpus.documents import load_corpus
from corpus.table_vocabulary import TableVocabulary
from corpus.tokenize import add_terms
from index.store import stated_terms
from tests.fakes import HashingEmbedder

SHIPPED_DIR = Path(__file__).resolve().parents[1] / "corpus" / "data"
PLAN_ID = "003_cfd4501bfed26ed9"
REPORT_ID = "000_bf0516e3f1e3eb90"


@functools.cache
def shipped_table() -> TableVocabulary:
    """The wording of the shipped plan's section table, as its corpus record states it."""
    return TableVocabulary.of_records({"table": doc.table} for doc in load_corpus())


def pytest_configure(config: pytest.Config) -> None:
    """jieba's dictionary is written into a lexicon file once per test session, not once per test's home; set before
    the test modules are collected, as some tokenise at import."""
    os.environ["JNQA_LEXICON_DIR"] = tempfile.mkdtemp(prefix="jnqa-lexicon-")
    # The shipped documents' terms, as loading their index teaches the tokenizer: many tests tokenise without one.
    add_terms(stated_terms([{"terms": doc.terms} for doc in load_corpus()]), freq=None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop("JNQA_LEXICON_DIR", ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JNQA_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture(scope="session")
def documents():
    return {doc.doc_id: doc for doc in load_corpus()}


@pytest.fixture
def fake_assistant(tmp_path: Path) -> Assistant:
    """An assistant over the shipped corpus with the deterministic fake embedder."""
    settings = Settings(home=tmp_path / "home", min_relevance=0.0)
    assistant = Assistant(settings, embedder_factory=lambda s: HashingEmbedder())
    assistant.warm_up()
    return assistant
