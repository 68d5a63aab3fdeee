"""Normalised copies of text for matching, with a map back to original offsets.

Display and citations always use the original text; retrieval matches on the
normalised copy (NFKC, lower-case, OCR/variant characters fixed, stray spaces
between CJK characters removed). ``NormalizedText.to_original`` turns a span
of the normalised copy back into a span of the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import zhconv

# OCR and variant characters seen in the shipped plan documents.
VARIANT_CHARS: dict[str, str] = {
    "髙": "高",
    "幵": "开",
    "遺": "遗",
    "圏": "圈",
    "歩": "步",
    "駿": "酸",
    "•": "·",
    "・": "·",
}

def is_cjk(ch: str) -> bool:
    """True for CJK ideographs (the characters between which spaces are noise)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def normalize_char(ch: str) -> str:
    """The normalised form of one character (may be empty or several characters)."""
    ch = VARIANT_CHARS.get(ch, ch)
    return unicodedata.normalize("NFKC", ch).lower()


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string plus, for each of its characters, the original index."""

    original: str
    text: str
    origin: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to the original span."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def _drop_cjk_gap_spaces(original: str) -> set[int]:
    """Indices of single spaces standing between two CJK characters (OCR line joins)."""
    drop = set()
    for i in range(1, len(original) - 1):
        if original[i] in " \u3000" and is_cjk(original[i - 1]) and is_cjk(original[i + 1]):
            drop.add(i)
    return drop


def normalize(original: str) -> NormalizedText:
    """Normalise ``original`` keeping a per-character map back to it."""
    drop = _drop_cjk_gap_spaces(original)
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(original):
        if i in drop:
            continue
        for out in normalize_char(ch):
            chars.append(out)
            origin.append(i)
    return NormalizedText(original=original, text="".join(chars), origin=tuple(origin))


def normalize_query(text: str) -> str:
    """Normalised form of a user question (no offset map needed); traditional characters become simplified,
    as the documents are written in them (「綠色發展」建設 → 「绿色发展」建设)."""
    return normalize(zhconv.convert(text.strip(), "zh-cn")).text
