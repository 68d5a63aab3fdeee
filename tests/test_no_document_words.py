"""No rule written for one document: the code under assistant/, corpus/ and index/ (every line, and the
tokenizer's user dictionary) names none of the shipped documents' own words.

A word of the shipped documents is generic when it is the language of plans — printed in several of the 24
provincial reports — or a common Chinese word (frequent in jieba's dictionary); the few generic words
neither test catches are listed, reviewed, in ``GENERIC``. Everything else that a document says about
itself (its sections, table categories, names, terms) belongs in its corpus record (``documents.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.documents import load_corpus
from corpus.profile import read_profile
from corpus.tokenize import lexicon, tokenize

ROOT = Path(__file__).resolve().parents[1]
CODE = ("assistant", "corpus", "index")
USER_DICT = ROOT / "corpus" / "userdict.txt"
REPORTS = ROOT.parent / "shared" / "corpora" / "gov-reports-2025"
PLANS_THAT_MAKE_IT_GENERIC = 3
COMMON_WORD_FREQUENCY = 1000
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
NUMERAL_RUN = re.compile(r"[零一二三四五六七八九十百千万两]+")
LONGEST_WORD = 4
# Reviewed: words of plans and news pages in general that the two tests above miss.
GENERIC = frozenset({
    "印发", "底前", "年底前", "月底", "力争达到", "工作方案", "路线图", "出炉", "我市", "加总", "个领域", "电动车",
    "导读", "发布时间", "写稿", "投稿", "免责声明", "全文如下",
})


def code_words(path: Path) -> Iterator[tuple[int, str]]:
    """(line, Chinese run) of every line of a file: literals, comments and docstrings alike, since an example
    copied from one document teaches the next reader to write rules for it."""
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield from ((line, run) for run in CJK_RUN.findall(text))


def is_document_word(word: str, shipped: str, plans: list[str], places: frozenset[str]) -> bool:
    """Printed in the shipped text and naming the shipped documents' place, or neither generic, nor a common word,
    nor a number."""
    if word not in shipped or word in GENERIC or NUMERAL_RUN.fullmatch(word):
        return False
    if any(place in word for place in places):
        return True
    entry = lexicon().entry(word)
    return (entry[0] if entry else 0) < COMMON_WORD_FREQUENCY and \
        sum(word in plan for plan in plans) < PLANS_THAT_MAKE_IT_GENERIC


def document_words_in(files: list[Path], shipped: str, plans: list[str], places: frozenset[str]) -> dict[str, list[str]]:
    """Each document word of ``files`` → where it is. A run longer than a word (…的90个重点项目) counts when one of
    its words is a document word, so prose that only strings general words together passes."""
    found: dict[str, list[str]] = {}
    for path in files:
        for line, run in code_words(path):
            if not is_document_word(run, shipped, plans, places):
                continue
            if len(run) > LONGEST_WORD and not any(is_document_word(w, shipped, plans, places) for w in tokenize(run)):
                continue
            found.setdefault(run, []).append(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}")
    return found


@pytest.fixture(scope="module")
def texts() -> tuple[str, list[str], frozenset[str]]:
    """The shipped text, the 24 reports' texts and the places the shipped documents govern (full and short)."""
    if not REPORTS.exists():
        pytest.skip(f"needs the 24 reports at {REPORTS} to tell a plan's general words from the shipped ones")
    documents = load_corpus()
    profiles = [read_profile(doc) for doc in documents]
    places = frozenset(p for profile in profiles for p in (profile.place, profile.place_short) if p)
    return "\n".join(doc.text for doc in documents), [doc.text for doc in load_corpus([REPORTS])], places


def test_the_code_names_no_word_of_the_shipped_documents(texts):
    files = sorted(p for folder in CODE for p in (ROOT / folder).rglob("*.py")) + [USER_DICT]
    found = document_words_in(files, *texts)
    assert found == {}, "words of the shipped documents in code (state them in corpus/data/documents.json):\n" + \
        "\n".join(f"  {word}: {', '.join(places)}" for word, places in sorted(found.items()))


def test_a_section_name_written_into_code_is_caught(texts, tmp_path):
    rule = tmp_path / "rule.py"
    rule.write_text('"""Areas by name."""\nAREAS = ("领域", "目标")  # 十大领域\n', encoding="utf-8")
    assert document_words_in([rule], *texts) == {"十大领域": [f"{rule}:2"]}
