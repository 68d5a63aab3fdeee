"""Fact extraction: every figure and deadline in a document, with what it measures and where it stands.

A fact is one amount as written (``20万人以上``), its exact value, unit, value
in the base unit, qualifier, time (``到2025年``), the phrase it measures
(``城镇新增就业``), the predicate (``达到``), its heading path and its
``[start, end)`` offsets in the original text. Deadlines (``2025年6月底前出台…``)
are facts too, with the time as the value. Fact ids are content hashes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass

from corpus.chunking import split_sentences
from corpus.documents import Document
from corpus.figures import FIGURE, chinese_number, plain, read_figure
from corpus.normalize import NormalizedText, normalize
from corpus.outline import Outline, Passage, parse_outline

# Bump when extraction changes what facts come out, so existing indexes count as stale.
FACTS_VERSION = 12
CLAUSE_BREAKS = ",;:。!?"
TIME = re.compile(r"(?:到|至)?(?P<year>20\d{2})年(?:(?P<month>\d{1,2})月)?(?:年底|底)?(?:前|以前)?")
DEADLINE = re.compile(r"(?:到|至)?(?P<year>20\d{2})年(?:(?P<month>\d{1,2})月底|年底|底)?前")
TARGET_YEAR = re.compile(r"(?:到|至)(?P<year>20\d{2})年(?!\d|年|月|底|前)")
COMPARED_WITH = re.compile(r"较\d{4}年")
# Words that link a subject to its amount (longest first); what stands before them is the subject.
PREDICATES = (
    "力争达到", "提高到", "提升到", "增加到", "降低到", "稳定在", "保持在", "控制在", "达到", "突破",
    "超过", "增长", "降低", "提高", "新增", "延长", "达", "为",
)
# Connectives and the plan's own voice (我市…将…), dropped before a subject and before a deadline's action.
CONNECTIVES = ("此外", "其中", "同时", "我市", "将", "要")
# "<place>将…" after a deadline: who will act is the plan's own place, not part of the action.
WHO_WILL = re.compile(r"^[\u4e00-\u9fff]{1,3}将(?=[\u4e00-\u9fff])")
LEADING_WORDS = CONNECTIVES + (
    "并", "确保", "努力", "力争", "全力", "加快", "推进", "推动", "培育", "形成", "打造", "建设", "引进", "实施", "完成",
    "开展", "争取", "计划", "获", "全市", "均", "扎实推进",
)
CHINESE_COUNT = re.compile(r"(?P<num>[一二三四五六七八九十两]+)(?P<unit>大|个|项|条)(?P<noun>[\u4e00-\u9fff]{2,6})")
ORDINAL = re.compile(r"第(?P<num>[一二三四五六七八九十]+|\d+)(?P<unit>届|批|轮|期)")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# The publication line of a reposted article, e.g. "作者:… 来源:… 发布时间:2021-01-11 20:18".
PUBLISHED = re.compile(r"发布时间[:：]\s*(?P<date>(?P<year>\d{4})-\d{2}-\d{2})")
DOCUMENT_INFO = "文档信息"


@dataclass(frozen=True)
class Fact:
    """One figure (or deadline) in a document; ``value`` is an exact decimal written as text."""

    fact_id: str
    doc_id: str
    path: tuple[str, ...]
    kind: str
    written: str
    value: str
    high: str | None
    unit: str | None
    base_value: str | None
    base_unit: str | None
    qualifier: str | None
    time: str | None
    year: str | None
    subject: str
    metric: str | None
    sentence: str
    start: int
    end: int
    area: int | None = None
    category: str | None = None
    source: str | None = None
    printed: tuple[str, ...] = ()  # the heading path as printed (``path`` holds the normalised labels)

    @property
    def section(self) -> str:
        """The heading path as the document prints it."""
        return " › ".join(self.printed or self.path)

    @property
    def context(self) -> str:
        """The sentence and heading path: what a question about this fact should find in it."""
        return f"{self.sentence} {' › '.join(self.path)}"

    def to_dict(self) -> dict:
        return {**asdict(self), "path": list(self.path), "printed": list(self.printed)}

    @classmethod
    def from_dict(cls, data: dict) -> "Fact":
        return cls(**{**data, "path": tuple(data["path"]), "printed": tuple(data.get("printed", ()))})


def fact_id(doc_id: str, start: int, end: int, kind: str, subject: str) -> str:
    return hashlib.sha256(f"{doc_id}\x1f{start}\x1f{end}\x1f{kind}\x1f{subject}".encode()).hexdigest()[:16]


def _strip_words(text: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in words:
            if text.startswith(word):
                text, changed = text[len(word):], True
    return text


def split_subject(prefix: str) -> tuple[str, str | None]:
    """``城镇新增就业达到`` → (``城镇新增就业``, ``达到``); leading filler words are dropped."""
    compared = COMPARED_WITH.search(prefix)
    comparison = compared.group(0) if compared else ""
    prefix = TIME.sub("", COMPARED_WITH.sub("", prefix)).strip("、,的 ")
    metric = None
    for predicate in PREDICATES:
        cut = prefix.rfind(predicate)
        if cut >= 0 and cut + len(predicate) >= len(prefix) - 1:
            prefix, metric = prefix[:cut], comparison + predicate
            break
    subject = _strip_words(prefix.strip("、,的 "), LEADING_WORDS).strip("、,的 ")
    return subject.removesuffix("均"), metric


def _following_noun(text: str) -> str:
    """The noun phrase right after a count (``183公里滨河绿道`` → ``滨河绿道``)."""
    stop = min((i for i, ch in enumerate(text) if ch in CLAUSE_BREAKS + "、的"), default=len(text))
    return text[:stop][:20]


def _subject(text: str, clause: int, match: re.Match[str], end: int) -> tuple[str, str | None]:
    """What a figure measures: the noun it modifies (…的90个重点项目, 183公里滨河绿道),
    else the phrase before it up to the predicate (城镇新增就业达到…)."""
    prefix = text[clause:match.start()]
    following = _following_noun(text[match.end():end])
    subject, metric = split_subject(prefix)
    if following and (prefix.endswith("的") or (metric is None and not FIGURE.search(following))):
        return following, metric
    return subject or text[match.end():end].strip("、。")[:30], metric


def _clause_start(text: str, pos: int, floor: int) -> int:
    cut = max((text.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS), default=-1) + 1
    return max(cut, floor)


def _time_before(text: str, clause_start: int, sentence_start: int, pos: int) -> re.Match[str] | None:
    """The nearest time expression before ``pos``: in the same clause, else earlier in the sentence."""
    for lo in (clause_start, sentence_start):
        found = [m for m in TIME.finditer(text, lo, pos)
                 if not text[m.end():m.end() + 1].isdigit() and text[m.start() - 1:m.start()] != "较"]
        if found:
            return found[-1]
    return None


def _is_date(text: str, match: re.Match[str]) -> bool:
    """A year, month or line number rather than an amount (2023年, 6月底, 7号线)."""
    if match.group("unit") == "年" and len(match.group("low")) == 4:
        return True
    return text[match.end():match.end() + 1] in "月日号期"


def _states_amount(text: str) -> bool:
    return any(read_figure(m) is not None for m in FIGURE.finditer(text))


class _SentenceReader:
    """Facts of one sentence of a passage, on the normalised text with offsets mapped back."""

    def __init__(self, doc: Document, passage: Passage, norm: NormalizedText, lo: int, hi: int):
        self.doc, self.passage, self.norm = doc, passage, norm
        self.text, self.lo, self.hi = norm.text, lo, hi
        start, end = norm.to_original(lo, hi)
        self.sentence = passage.text[start:end]

    def _fact(self, kind: str, start: int, end: int, subject: str, **fields) -> Fact:
        o_start, o_end = (self.passage.start + i for i in self.norm.to_original(start, end))
        return Fact(
            fact_id=fact_id(self.doc.doc_id, o_start, o_end, kind, subject),
            doc_id=self.doc.doc_id,
            path=self.passage.path,
            printed=self.passage.printed,
            kind=kind,
            written=self.doc.text[o_start:o_end],
            subject=subject,
            sentence=self.sentence,
            start=o_start,
            end=o_end,
            **{"high": None, "unit": None, "base_value": None, "base_unit": None, "qualifier": None,
               "time": None, "year": None, "metric": None, **fields},
        )

    def figures(self) -> list[Fact]:
        facts, floor = [], self.lo
        quoted = [m.span() for m in QUOTED.finditer(self.text, self.lo, self.hi)]
        for match in FIGURE.finditer(self.text, self.lo, self.hi):
            figure = read_figure(match)
            if figure is None or _is_date(self.text, match) or any(a <= figure.start < b for a, b in quoted):
                continue
            clause = _clause_start(self.text, figure.start, floor)
            subject, metric = _subject(self.text, clause, match, self.hi)
            when = _time_before(self.text, clause, self.lo, figure.start)
            facts.append(self._fact(
                "figure", figure.start, figure.end, subject,
                value=plain(figure.value), high=plain(figure.high) if figure.high is not None else None,
                unit=figure.unit, base_value=plain(figure.base_value), base_unit=figure.base_unit,
                qualifier=figure.qualifier, metric=metric,
                time=when.group(0) if when else None, year=when.group("year") if when else None,
            ))
            # Only an enumeration (示范区10个、创新中心25个) starts a new subject at the previous figure.
            floor = match.end() + 1 if self.text[match.end():match.end() + 1] == "、" else self.lo
        return facts

    def counts_in_words(self) -> list[Fact]:
        """Chinese-numeral counts and ordinals that carry a figure (三大产业, 第四届)."""
        facts = []
        for pattern, kind in ((CHINESE_COUNT, "count"), (ORDINAL, "ordinal")):
            for match in pattern.finditer(self.text, self.lo, self.hi):
                number = match.group("num")
                value = int(number) if number.isdigit() else chinese_number(number)
                if value is None or (kind == "count" and (value < 2 or self.text[match.start() - 1] == "的")):
                    continue
                noun = match.groupdict().get("noun") or _following_noun(self.text[match.end():self.hi])
                facts.append(self._fact(kind, match.start(), match.end("unit"), noun, value=str(value),
                                        unit=match.group("unit")))
        return facts

    def _action_after(self, pos: int) -> str:
        rest = self.text[pos:self.hi].lstrip(",")
        action = _strip_words(rest[: min((i for i, ch in enumerate(rest) if ch in CLAUSE_BREAKS), default=len(rest))], CONNECTIVES)
        return WHO_WILL.sub("", action)

    def deadlines(self) -> list[Fact]:
        """``2025年6月底前出台…`` and ``到2024年…基本建成`` (a dated clause that states no amount)."""
        facts = []
        for pattern in (DEADLINE, TARGET_YEAR):
            for match in pattern.finditer(self.text, self.lo, self.hi):
                action = self._action_after(match.end())
                if not action or (pattern is TARGET_YEAR and _states_amount(action)):
                    continue
                facts.append(self._fact("deadline", match.start(), match.end(), action, value=match.group("year"),
                                        time=match.group(0), year=match.group("year")))
        return facts


def passage_facts(doc: Document, passage: Passage) -> list[Fact]:
    """Figures, word counts and deadlines in one passage, in reading order."""
    norm = normalize(passage.text)
    facts: list[Fact] = []
    for span in split_sentences(norm.text):
        reader = _SentenceReader(doc, passage, norm, span.start, span.end)
        facts += reader.figures() + reader.counts_in_words() + reader.deadlines()
    return sorted(facts, key=lambda f: (f.start, f.end))


def publication_fact(doc: Document) -> Fact | None:
    """The publication date printed in the site header (boilerplate, so read here rather than from a passage)."""
    match = PUBLISHED.search(doc.text)
    if match is None:
        return None
    start, end = match.span("date")
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", end)
    line_end = len(doc.text) if line_end < 0 else line_end
    return Fact(
        fact_id=fact_id(doc.doc_id, start, end, "published", doc.title), doc_id=doc.doc_id, path=(DOCUMENT_INFO,),
        kind="published", written=match.group("date"), value=match.group("date"), high=None, unit=None,
        base_value=None, base_unit=None, qualifier=None, time=match.group("date"), year=match.group("year"),
        subject=doc.title, metric="发布时间", sentence=doc.text[line_start:line_end].rstrip("\r"), start=start, end=end,
    )


def extract_facts(doc: Document, outline: Outline | None = None) -> list[Fact]:
    """All figures and deadlines of a document (boilerplate excluded, as in the outline), and its publication date."""
    outline = outline or parse_outline(doc.doc_id, doc.text)
    published = publication_fact(doc)
    return ([published] if published else []) + [fact for passage in outline.passages for fact in passage_facts(doc, passage)]
