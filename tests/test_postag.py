"""The on-demand lexicon tokenizes and tags exactly as jieba does with its whole dictionary loaded."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jieba
import pytest

from corpus.tokenize import _tokenizer, char_readings, tagger

ROOT = Path(__file__).resolve().parents[1]
EDGE_CASES = ["", "abc 123 4.5%", "\r\n 济南\t", "C++和C#", "AT&T的B超", "十个领域中总投资", "历城区和平阴县", "泉城济南欢迎您！！"]


@cache
def texts() -> list[str]:
    with (ROOT / "eval" / "qa.jsonl").open(encoding="utf-8") as fh:
        questions = [json.loads(line)["question"] for line in fh if line.strip()]
    lines = [line for path in sorted((ROOT / "corpus" / "data").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return questions + lines + EDGE_CASES


@cache
def full_dictionary() -> dict[str, int]:
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok.FREQ


def reference() -> jieba.Tokenizer:
    """jieba with its whole dictionary in memory, and the words ours has added so far (the user dictionary and
    the terms of every index loaded in this process)."""
    tok = jieba.Tokenizer()
    frequencies = full_dictionary()
    ours = _tokenizer()
    tok.FREQ = {**frequencies, **ours.FREQ.added}
    tok.total = ours.total
    tok.initialized = True
    return tok


def test_words_equal_jiebas_in_every_mode():
    ours, theirs = _tokenizer(), reference()
    for text in texts():
        assert ours.lcut_for_search(text) == theirs.lcut_for_search(text), text
        assert ours.lcut(text, HMM=False) == theirs.lcut(text, HMM=False), text


@pytest.mark.parametrize("hmm", [True, False])
def test_tags_equal_jieba_possegs(hmm):
    import jieba.posseg

    theirs = jieba.posseg.POSTokenizer(reference())
    tagger().cut("")  # takes in the user dictionary's tags
    theirs.word_tag_tab.update(tagger().user_tags)
    wrong = [text for text in texts() if tagger().cut(text, hmm=hmm) != [tuple(p) for p in theirs.lcut(text, HMM=hmm)]]
    assert not wrong, f"{len(wrong)} texts tagged differently, e.g. {wrong[0]!r}"


def test_a_word_added_at_run_time_is_cut_whole_and_keeps_its_tag():
    text = "推进甲乙丙丁新业态"
    _tokenizer().add_word("甲乙丙丁", 20000, "nz")
    assert "甲乙丙丁" in _tokenizer().lcut(text) and ("甲乙丙丁", "nz") in tagger().cut(text)


def test_pinyin_readings_of_a_character_include_every_heteronym():
    assert char_readings("重") >= {"zhong4", "chong2"} and char_readings("岗") == {"gang3", "gang1"}
    assert char_readings("a") == frozenset()
