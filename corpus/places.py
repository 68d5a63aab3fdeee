"""Places a document can govern and a question can name: China's provincial-level divisions and their
groups (reference data shipped in ``corpus/reference/places.json``), and any other place a text names
with an administrative suffix that the lexicon knows as a place name (苏州市, 长宁区).

Each place has its full name, the short name people use (重庆, 广西, 内蒙古) and English or pinyin
spellings (Chongqing, Inner Mongolia), so questions in either language find it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference" / "places.json"
LOCAL_SUFFIXES = ("自治州", "地区", "市", "区", "县", "州", "盟", "旗")
# Words that quantify places rather than name one: 各省市, 全市, 本区, 我县, 每个地区.
NOT_A_NAME = frozenset("各全本我该每此")


@dataclass(frozen=True)
class Place:
    name: str
    short: str
    english: tuple[str, ...] = ()
    level: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, self.short)))


@dataclass(frozen=True)
class PlaceGroup:
    name: str
    members: tuple[str, ...]
    aliases: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def _reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def provinces() -> tuple[Place, ...]:
    return tuple(Place(p["name"], p["short"], tuple(p["english"]), p["level"]) for p in _reference()["places"])


@lru_cache(maxsize=1)
def place_groups() -> tuple[PlaceGroup, ...]:
    return tuple(PlaceGroup(name, tuple(g["members"]), tuple(g["aliases"])) for name, g in _reference()["groups"].items())


def pinyin_names(chinese: str, limit: int = 4) -> tuple[str, ...]:
    """Pinyin spellings of a place name as words, the likeliest first: 苏州 → Suzhou; 长宁 → Zhangning, …, Changning
    (the readings of polyphonic characters are all kept, up to ``limit`` spellings)."""
    from itertools import product

    from pypinyin import Style, lazy_pinyin, pinyin

    likeliest = "".join(lazy_pinyin(chinese))
    readings = [dict.fromkeys(r) for r in pinyin(chinese, style=Style.NORMAL, heteronym=True)]
    spellings = dict.fromkeys([likeliest, *("".join(c) for c in product(*readings))])
    return tuple(s.capitalize() for s in list(spellings)[:limit])


def _is_place_word(word: str) -> bool:
    from corpus.tokenize import lexicon

    entry = lexicon().entry(word)
    return entry is not None and entry[1] == "ns"


def local_place(name: str) -> Place | None:
    """A place below the provincial level named with its suffix (苏州市, 长宁区), when the lexicon knows the name
    with or without the suffix as a place."""
    suffix = next((s for s in LOCAL_SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), None)
    if suffix is None:
        return None
    short = name[: -len(suffix)]
    if not (_is_place_word(name) or _is_place_word(short)):
        return None
    return Place(name, short, pinyin_names(short), suffix)


def short_name(name: str) -> str:
    """The short name of a provincial-level division given by its full name (重庆市 → 重庆); else the name."""
    return next((p.short for p in provinces() if p.name == name), name)


def province_named(text: str) -> Place | None:
    """The provincial-level division whose full or short name comes first in ``text``."""
    found = [(text.find(name), -len(name), place) for place in provinces() for name in place.names if name in text]
    return min(found, key=lambda hit: hit[:2])[2] if found else None


def local_places_named(text: str) -> list[Place]:
    """Places below the provincial level that ``text`` names with their suffix (苏州市, or 长宁 + 区), in order."""
    from corpus.tokenize import segment

    words = segment(text)
    places: list[Place] = []
    for word, after in zip(words, [*words[1:], ""]):
        if word[:1] in NOT_A_NAME:
            continue
        place = local_place(word) or (local_place(word + after) if after in LOCAL_SUFFIXES else None)
        if place is not None and province_named(place.name) is None and all(p.name != place.name for p in places):
            places.append(place)
    return places


def short_local_place(text: str) -> Place | None:
    """A place the lexicon knows, named without its suffix (2021苏州经济工作要点 → 苏州), for titles."""
    from corpus.tokenize import segment

    for word in segment(text):
        if len(word) >= 2 and _is_place_word(word) and province_named(word) is None:
            return Place(word, word, pinyin_names(word), "")
    return None
