"""Which documents a question is about: the places it names (Chinese, short, English or pinyin names; groups
such as 直辖市 or 东北三省), the documents it names (《…》, a kind such as 政府工作报告), or the ids a caller
passes. The catalogue of what each document governs comes from the profiles read at index time.

``Catalogue.scope(question)`` returns a ``Scope``: the documents to answer from (None: all), the places named
that the documents govern, those named that none governs (the question is then declined), and whether the
documents in scope differ by place (so an answer from one of them would be arbitrary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus.places import Place, PlaceGroup, local_places_named, place_groups, provinces
from corpus.profile import KINDS

TITLE = re.compile(r"《([^》]{2,60})》")
PROVINCIAL_LEVELS = ("省", "自治区", "直辖市", "特别行政区")
# Kinds short enough to be everyday words (计划, 意见, 决定) do not name a document in a question.
MIN_KIND_CHARS = 4


@dataclass(frozen=True)
class Governed:
    """A place some documents govern, with its documents."""

    place: Place
    doc_ids: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A name in the question and where it stands."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Scope:
    doc_ids: tuple[str, ...] | None  # None: every document
    places: tuple[Governed, ...] = ()
    uncovered: tuple[str, ...] = ()
    group: PlaceGroup | None = None
    mentions: tuple[Mention, ...] = ()
    varies: bool = False  # the documents in scope govern different places

    @property
    def narrowed(self) -> bool:
        return self.doc_ids is not None


def _word_bounds(text: str) -> set[int]:
    """Offsets at which the text's words (as the tokenizer segments it) begin or end."""
    from corpus.tokenize import segment

    bounds, position = {0}, 0
    for word in segment(text):
        position += len(word)
        bounds.add(position)
    return bounds


def _english(name: str) -> re.Pattern[str]:
    """A place's English or pinyin name in any case, its syllables written together or apart (Neimenggu, Nei Menggu)."""
    joined = r"[\s\-]?".join(re.escape(ch) for ch in name if not ch.isspace() and ch != "-")
    return re.compile(rf"(?<![A-Za-z]){joined}(?![a-z])", re.IGNORECASE)


class Catalogue:
    """The indexed documents by the places they govern, their titles and kinds."""

    def __init__(self, documents: Sequence[dict], corpus_text: str):
        self.titles = {d["doc_id"]: d["title"] for d in documents}
        self.kinds = {d["doc_id"]: (d.get("profile") or {}).get("kind") for d in documents}
        by_place: dict[str, list[str]] = {}
        places: dict[str, Place] = {}
        for record in documents:
            profile = record.get("profile") or {}
            if not profile.get("place"):
                continue
            short = profile.get("place_short") or profile["place"]
            places.setdefault(short, Place(profile["place"], short, tuple(profile.get("place_english") or ()),
                                           profile.get("place_level") or ""))
            by_place.setdefault(short, []).append(record["doc_id"])
        self.governed = tuple(Governed(places[s], tuple(ids)) for s, ids in by_place.items())
        self.corpus_text = corpus_text
        self.provincial = any(g.place.level in PROVINCIAL_LEVELS for g in self.governed)
        # Every place a question may name: the documents' own and the provincial-level divisions, longest name first.
        known = {g.place.name: g.place for g in self.governed} | {p.name: p for p in provinces()}
        names = sorted(((n, p) for p in known.values() for n in p.names), key=lambda pair: -len(pair[0]))
        self._name_patterns = [(re.compile(re.escape(n)), p) for n, p in names] + [
            (_english(e), p) for p in known.values() for e in sorted(p.english, key=len, reverse=True)]

    @property
    def many_places(self) -> bool:
        return len(self.governed) > 1

    def governs(self, name: str) -> bool:
        return any(name in (g.place.name, g.place.short) for g in self.governed)

    def mentions(self, text: str) -> list[Mention]:
        """The places ``text`` names that some document governs (for carrying a place through a conversation)."""
        return [m for m, place in self._places_named(text) if self._governing(place) is not None
                or place.level in PROVINCIAL_LEVELS]

    def covered_names(self) -> list[str]:
        return [g.place.short for g in self.governed]

    def _governing(self, place: Place) -> Governed | None:
        return next((g for g in self.governed if g.place.short == place.short or g.place.name == place.name), None)

    def _places_named(self, text: str) -> list[tuple[Mention, Place]]:
        """Every place the text names, longest name first where names overlap, in order of appearance."""
        found: list[tuple[Mention, Place]] = []
        taken = [False] * len(text)
        bounds = _word_bounds(text)
        for pattern, place in self._name_patterns:
            for match in pattern.finditer(text):
                # a short name must begin a word of the text (淮河南岸 does not name 河南; 上海港 names 上海)
                whole = len(match.group()) > 2 or match.group().isascii() or match.start() in bounds
                if whole and not any(taken[match.start():match.end()]):
                    taken[match.start():match.end()] = [True] * (match.end() - match.start())
                    found.append((Mention(match.group(), match.start(), match.end()), place))
        for group in place_groups():  # a group's name (长三角地区) is not a place of its own
            for alias in (*group.aliases, group.name):
                for match in re.finditer(re.escape(alias), text):
                    taken[match.start():match.end()] = [True] * len(alias)
        for place in local_places_named(text):
            start = text.find(place.name)
            if start >= 0 and not any(taken[start:start + len(place.name)]):
                found.append((Mention(place.name, start, start + len(place.name)), place))
        return sorted(found, key=lambda item: item[0].start)

    def _group_named(self, text: str, mentions: Iterable[Mention]) -> tuple[PlaceGroup, Mention] | None:
        spans = [(m.start, m.end) for m in mentions]
        for group in place_groups():
            for alias in sorted((*group.aliases, group.name), key=len, reverse=True):
                start = text.find(alias)
                if start >= 0 and not any(a < start + len(alias) and start < b for a, b in spans):
                    return group, Mention(alias, start, start + len(alias))
        return None

    def _is_uncovered(self, place: Place) -> bool:
        """A named place no document governs, and that the documents cannot be about: a peer of the provinces
        they govern, or a place their text never names."""
        if place.level in PROVINCIAL_LEVELS and self.provincial:
            return True
        return not any(name in self.corpus_text for name in place.names)

    def _titled(self, text: str) -> list[str]:
        ids = []
        for quoted in TITLE.findall(text):
            ids += [d for d, title in self.titles.items() if quoted in title or title in quoted]
        # A kind names a document only among documents of many places: in one city's plans, 行动计划 is as often a
        # programme the text describes (实施某产业提升三年行动计划) as the plan itself.
        kinds = [k for k in KINDS if len(k) >= MIN_KIND_CHARS and k in text] if self.many_places else []
        if not ids and kinds:
            ids = [d for d, kind in self.kinds.items() if kind and kind in kinds[:1]]
        return ids if 0 < len(ids) < len(self.titles) else []

    def scope(self, text: str, requested: Sequence[str] | None = None) -> Scope:
        """The documents ``text`` is about, within ``requested`` ids when given."""
        allowed = set(requested) if requested else set(self.titles)
        named = self._places_named(text) if self.governed else []
        governed, uncovered, mentions = [], [], []
        for mention, place in named:
            hit = self._governing(place)
            if hit is not None:  # every naming of a place is a mention of it (Nei Menggu (Inner Mongolia))
                if hit not in governed:
                    governed.append(hit)
                mentions.append(mention)
            elif hit is None and (self.many_places or self._is_uncovered(place)) and place.short not in uncovered:
                uncovered.append(place.short)
                mentions.append(mention)
        group = None
        if not governed and not uncovered and self.many_places:
            found = self._group_named(text, mentions)
            members = [g for g in self.governed if g.place.name in found[0].members] if found else []
            if members:
                group, governed, mentions = found[0], members, [found[1]]
        ids: list[str] | None = None
        if governed:
            ids = [d for g in governed for d in g.doc_ids]
        titled = self._titled(text)
        if titled:
            ids = [d for d in (ids if ids is not None else titled) if d in titled] or titled
        if requested:
            kept = set(ids if ids is not None else self.titles)
            ids = [d for d in dict.fromkeys(requested) if d in kept]
        if ids is not None and set(ids) == set(self.titles) and not requested:
            ids = None
        in_scope = set(ids) if ids is not None else set(self.titles)
        varies = len({g.place.short for g in self.governed if in_scope & set(g.doc_ids)}) > 1
        return Scope(tuple(ids) if ids is not None else None, tuple(governed), tuple(uncovered), group,
                     tuple(mentions), varies)

    def without_mentions(self, text: str, scope: Scope) -> str:
        """The question with the place names it was scoped by taken out (they name documents, not what to find)."""
        for mention in sorted(scope.mentions, key=lambda m: -m.start):
            text = text[:mention.start] + text[mention.end:]
        return text
