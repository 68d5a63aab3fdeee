"""Homophone typo repair: words typed with a pinyin input method and the wrong character picked.

A stretch of the question that the documents never contain, and that is not a word in its own right,
is read as the documents' wording when exactly one character differs and it sounds the same
(轻能 → 氢能, 加秘 → 加密, 港口吞土量 → 港口吞吐量). Nothing else is touched: a real word the documents
do not use (青岛, 期中) stays as written, so a question about something else is still declined.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from corpus.tokenize import char_readings

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
WINDOW_SIZES = (4, 3, 2)
# A stretch jieba's dictionary counts this often is a word someone meant (人材, 期中), not a slip.
REAL_WORD_MIN_FREQ = 20
# Grammar characters: swapping one (的→地, 还→市) never mends a content word, and invites false repairs.
FUNCTION_CHARS = frozenset("的地得了着过是在有和与及或要还也都就又才把给对为到从向往于以之其中这那哪什么几多少吗呢吧啊个些每各该请没不")


@dataclass(frozen=True)
class Correction:
    written: str
    read_as: str


def spelled(word: str) -> str:
    """The word in toneless pinyin, run together (长安街 → changanjie): how English text writes Chinese names."""
    from pypinyin import Style, pinyin  # its phrase tables take a third of a second to import

    return "".join(syllable for syllables in pinyin(word, style=Style.NORMAL, errors="ignore") for syllable in syllables)


def sound_alike(a: str, b: str) -> bool:
    return bool(char_readings(a) & char_readings(b))


class HomophoneSpeller:
    """Built once from the documents' text and words; ``correct`` is cheap.

    ``segment`` splits a question into words and ``word_frequency`` tells how common a word is
    (both from the project's jieba tokenizer)."""

    def __init__(
        self,
        corpus_text: str,
        vocabulary: Iterable[str],
        segment: Callable[[str], Iterable[str]],
        word_frequency: Callable[[str], int],
    ):
        self.corpus_text = corpus_text
        self.segment = segment
        self.word_frequency = word_frequency
        # (size, position, the word with that character blanked) → the characters the documents' words have there.
        self._slots: dict[tuple[int, int, str], set[str]] = defaultdict(set)
        for word in vocabulary:
            if len(word) in WINDOW_SIZES and CJK_RUN.fullmatch(word):
                for j in range(len(word)):
                    self._slots[len(word), j, word[:j] + word[j + 1:]].add(word[j])

    def _is_real_word(self, text: str) -> bool:
        return self.word_frequency(text) >= REAL_WORD_MIN_FREQ

    def _real_word_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the question's own real words stand (第一批, 准备): a repair may not cut through one."""
        spans, start = [], 0
        for word in self.segment(text):
            if len(word) > 1 and self._is_real_word(word):
                spans.append((start, start + len(word)))
            start += len(word)
        return spans

    def _read_as(self, window: str) -> str | None:
        found = {
            window[:j] + char + window[j + 1:]
            for j in range(len(window))
            if window[j] not in FUNCTION_CHARS
            for char in self._slots.get((len(window), j, window[:j] + window[j + 1:]), ())
            if sound_alike(char, window[j])
        }
        # The candidates come from a dict; the costlier corpus scan runs only for the few windows that have one.
        if len(found) != 1 or window in self.corpus_text or self._is_real_word(window):
            return None
        return found.pop()

    def correct(self, text: str) -> tuple[str, tuple[Correction, ...]]:
        """``text`` with each repairable slip replaced (longest stretch first), and what was replaced."""
        words = self._real_word_spans(text)
        corrections: list[Correction] = []
        for size in WINDOW_SIZES:
            i = 0
            while i + size <= len(text):
                window = text[i:i + size]
                # A four-character document word is evidence enough; a shorter stretch must not split a real word.
                cuts = size < max(WINDOW_SIZES) and any(a < i < b or a < i + size < b for a, b in words)
                read_as = CJK_RUN.fullmatch(window) and not cuts and self._read_as(window)
                if read_as:
                    text = text[:i] + read_as + text[i + size:]
                    corrections.append(Correction(window, read_as))
                    i += size
                else:
                    i += 1
        return text, tuple(corrections)
