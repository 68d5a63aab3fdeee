"""No rule written for one document: the code under assistant/, corpus/ and index/ (its string literals and the
tokenizer's user dictionary) names none of the shipped documents' own words.

A word of the shipped documents is generic when it is the language of plans — printed in several of the 24
provincial reports — or a common Chinese word (frequent in jieba's dictionary); the few generic words
neither test catches are listed, reviewed, in ``GENERIC``. Everything else that a document says about
itself (its sections, table categories, names, terms) belongs in its corpus record (``documents.json``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.documents import load_corpus
from corpus.tokenize import lexicon

ROOT = Path(__file__).resolve().parents[1]
CODE = ("assistant", "corpus", "index")
USER_DICT = ROOT / "corpus" / "userdict.txt"
REPORTS = ROOT.parent / "shared" / "corpora" / "gov-reports-2025"
PLANS_THAT_MAKE_IT_GENERIC = 3
COMMON_WORD_FREQUENCY = 1000
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Reviewed: words of plans and news pages in general that the two tests above miss.
GENERIC = frozenset({
    "印发", "底前", "年底前", "月底", "力争达到", "工作方案", "路线图", "出炉", "我市", "加总", "个领域", "电动车",
    "导读", "发布时间", "写稿", "投稿", "免责声明", "全文如下",
})


def _docstrings(tree: ast.AST) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def code_words(path: Path) -> Iterator[tuple[int, str]]:
    """(line, Chinese run) of every string literal in a Python file, docstrings left out (they explain, with
    examples; they decide nothing), or of every entry of a word list."""
    if path.suffix != ".py":
        for line, entry in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield from ((line, run) for run in CJK_RUN.findall(entry))
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    explained = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in explained:
            yield from ((node.lineno, run) for run in CJK_RUN.findall(node.value))


def document_words_in(files: list[Path], shipped: str, plans: list[str]) -> dict[str, list[str]]:
    """Each run of ``files`` that the shipped text prints and that is neither generic nor common → where it is."""
    found: dict[str, list[str]] = {}
    for path in files:
        for line, run in code_words(path):
            if run not in shipped or run in GENERIC:
                continue
            entry = lexicon().entry(run)
            if (entry[0] if entry else 0) >= COMMON_WORD_FREQUENCY:
                continue
            if sum(run in plan for plan in plans) >= PLANS_THAT_MAKE_IT_GENERIC:
                continue
            found.setdefault(run, []).append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}")
    return found


@pytest.fixture(scope="module")
def texts() -> tuple[str, list[str]]:
    if not REPORTS.exists():
        pytest.skip(f"needs the 24 reports at {REPORTS} to tell a plan's general words from the shipped ones")
    shipped = "\n".join(doc.text for doc in load_corpus())
    return shipped, [doc.text for doc in load_corpus([REPORTS])]


def test_the_code_names_no_word_of_the_shipped_documents(texts):
    files = sorted(p for folder in CODE for p in (ROOT / folder).rglob("*.py")) + [USER_DICT]
    found = document_words_in(files, *texts)
    assert found == {}, "words of the shipped documents in code (state them in corpus/data/documents.json):\n" + \
        "\n".join(f"  {word}: {', '.join(places)}" for word, places in sorted(found.items()))


def test_a_section_name_written_into_code_is_caught(texts, tmp_path):
    rule = tmp_path / "rule.py"
    rule.write_text('"""Docstrings may say 十大领域."""\nAREAS = ("十大领域", "领域", "目标")\n', encoding="utf-8")
    assert document_words_in([rule], *texts) == {"十大领域": [f"{rule}:2"]}
