"""What an index knows of its corpus's words, derived once at build time and stored beside it.

Answering a question weighs its words by idf over the chunks, glosses its English into the
documents' words (CC-CEDICT kept to the corpus vocabulary) and recognises pinyin spellings of the
corpus's Chinese names (Chang'anjie → 长安街). Deriving these at start-up meant tokenising every
chunk, reading all of CC-CEDICT and spelling every word in pinyin: seconds before the first answer,
and growing with the corpus. ``CorpusVocabulary.build`` does it while indexing; the build's
``vocabulary.json`` holds the result.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.glossary import EnglishGlossary, cedict_lines

CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")


def spelled(word: str) -> str:
    """The word in toneless pinyin, run together (长安街 → changanjie): how English text writes Chinese names."""
    from pypinyin import Style, pinyin  # its phrase tables take a third of a second to import

    return "".join(syllable for syllables in pinyin(word, style=Style.NORMAL, errors="ignore") for syllable in syllables)


def spellings(words: Iterable[str]) -> frozenset[str]:
    """Toneless pinyin of the Chinese words of 2–4 characters: the English spellings the corpus's names may take."""
    return frozenset(spelled(w) for w in words if 2 <= len(w) <= 4 and CJK_WORD.fullmatch(w))


@dataclass(frozen=True)
class CorpusVocabulary:
    chunks: int
    document_frequency: dict[str, int]
    spellings: frozenset[str]
    glossary: EnglishGlossary

    @classmethod
    def build(cls, chunk_tokens: Sequence[Sequence[str]]) -> CorpusVocabulary:
        frequency = Counter(token for tokens in chunk_tokens for token in set(tokens))
        return cls(len(chunk_tokens), dict(frequency), spellings(frequency), EnglishGlossary.from_cedict(frequency, cedict_lines()))

    @property
    def words(self) -> frozenset[str]:
        return frozenset(self.document_frequency)

    def idf(self) -> dict[str, float]:
        """BM25-style idf of every token over the chunks."""
        n = self.chunks
        return {token: math.log(1 + (n - d + 0.5) / (d + 0.5)) for token, d in self.document_frequency.items()}

    def save(self, path: Path) -> None:
        data = {"chunks": self.chunks, "document_frequency": self.document_frequency,
                "spellings": sorted(self.spellings), "glossary": self.glossary.entries()}
        path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> CorpusVocabulary:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["chunks"], data["document_frequency"], frozenset(data["spellings"]),
                   EnglishGlossary.from_entries(data["glossary"]))
