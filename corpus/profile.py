"""What a document is, read from its own title and opening lines at index time: the place it governs,
its kind (政府工作报告, 行动计划, 规划…), the issuing body, the period it covers, who delivered it and
the dates its text states (the congress session a work report was delivered at, 印发/发布 dates).

Every field read from the text keeps its offsets into the document, so a document-level question
("谁作的报告？") can be answered with a citation. A field the user states (in a ``.jsonl`` record or a
folder's ``documents.json``) replaces the one read from the text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from corpus.documents import PROFILE_FIELDS, Document
from corpus.places import Place, local_place, local_places_named, province_named, short_local_place

HEAD_CHARS = 600
# Kinds of official documents (公文文种 and plan types), most specific first.
KINDS = ("政府工作报告", "统计公报", "规划纲要", "行动计划", "行动方案", "实施方案", "工作方案", "实施意见", "指导意见",
         "白皮书", "规划", "意见", "通知", "办法", "条例", "决定", "公报", "报告", "方案", "计划", "纲要")
NEWS_MARKS = ("新闻", "记者", "报道", "出炉")
CN_NUMBER = "一二三四五六七八九十"
SPAN_YEARS = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年?")
YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年|\D|$)")
FIVE_YEAR_PLAN = re.compile(rf"([{CN_NUMBER}]+)五")
DATE = re.compile(r"((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d{1,2})-(\d{1,2}))")
SESSION = re.compile(rf"第[{CN_NUMBER}]+届\s*人民代表大会(?:常务委员会)?第[{CN_NUMBER}]+次(?:全体)?会议")
ROLES = "代省长|代市长|省长|市长|自治区人民政府主席|自治区主席|人民政府主席|主席|区长|县长|州长"
NAME = r"[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})?"
SPEAKER_AFTER_ROLE = re.compile(rf"({ROLES})[ \u3000]*({NAME}?)(?=同志|作|在|的|[ \u3000]*$|[ \u3000]*\n)", re.M)
SPEAKER_BEFORE_ROLE = re.compile(rf"日({NAME}?)({ROLES})(?=在|作)")
REPRESENTING = re.compile(r"我代表([\u4e00-\u9fff]{0,16}?政府)")
ISSUED_BY = re.compile(r"([\u4e00-\u9fff][\u4e00-\u9fff 　、]{1,40}?(?:委|政府|厅|局|委员会|办公室|部))(?:联合)?印发")
EVENTS = (("人民代表大会", "会议"), ("会议", "会议"), ("印发", "印发"), ("发布", "发布"), ("通过", "通过"))


@dataclass(frozen=True)
class Span:
    """A stretch of the document's text: what it says and where."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class StatedDate:
    date: str  # ISO, 2025-01-15
    event: str  # 会议, 印发, 发布, 通过, or 日期 when the line does not say
    span: Span


@dataclass
class DocumentProfile:
    place: str | None = None
    place_short: str | None = None
    place_english: list[str] = field(default_factory=list)
    place_level: str | None = None
    kind: str | None = None
    issuer: str | None = None
    speaker: Span | None = None
    period: str | None = None
    session: Span | None = None
    dates: list[StatedDate] = field(default_factory=list)
    stated: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict) -> DocumentProfile:
        def span(value: dict | None) -> Span | None:
            return Span(**value) if value else None

        return cls(**{**record, "speaker": span(record.get("speaker")), "session": span(record.get("session")),
                      "dates": [StatedDate(d["date"], d["event"], Span(**d["span"])) for d in record.get("dates", [])]})


def _place(title: str, head: str) -> Place | None:
    """The title's place (with its suffix, a province, then a known place name without suffix), else the head's."""
    for text in (title, head):
        local = local_places_named(text)
        place = local[0] if local else province_named(text) or (short_local_place(text) if text is title else None)
        if place is not None:
            return place
    return None


def _kind(doc: Document) -> str | None:
    title = re.sub(r"[（(][^）)]*[)）]", "", doc.title)
    for kind in KINDS:
        if kind in title:
            return kind
    if any(mark in (doc.source or "") or mark in doc.title for mark in NEWS_MARKS):
        return "新闻报道"
    return None


def _period(title: str) -> str | None:
    span = SPAN_YEARS.search(title)
    if span:
        return f"{span.group(1)}—{span.group(2)}"
    plan = FIVE_YEAR_PLAN.search(title)
    if plan and plan.group(1) in ("十", *(f"十{d}" for d in CN_NUMBER[:9])) and plan.group(1) != "十":
        number = 10 + CN_NUMBER.index(plan.group(1)[1]) + 1
        start = 1966 + 5 * (number - 3)  # the third plan began in 1966; each runs five years
        return f"{start}—{start + 4}"
    year = YEAR.search(title)
    return year.group() if year else None


def _line_around(text: str, start: int, end: int) -> str:
    return text[text.rfind("\n", 0, start) + 1: (text.find("\n", end) + 1 or len(text) + 1) - 1]


def _dates(text: str, head_end: int) -> list[StatedDate]:
    found = []
    for match in DATE.finditer(text, 0, head_end):
        year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
        if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
            continue
        line = _line_around(text, match.start(), match.end())
        event = next((name for mark, name in EVENTS if mark in line), "日期")
        found.append(StatedDate(f"{year}-{int(month):02d}-{int(day):02d}", event, Span(match.group(), match.start(), match.end())))
    return found


def _session(head: str, place: Place | None) -> Span | None:
    """The congress session the text was delivered at, with the place named before it (上海市第十六届…会议)."""
    match = SESSION.search(head)
    if match is None:
        return None
    start = match.start()
    named = next((n for n in (place.names if place else ()) if head.startswith(n, start - len(n))), "")
    start -= len(named)
    return Span(head[start: match.end()], start, match.end())


def _speaker(text: str, head_end: int) -> Span | None:
    head = text[:head_end]
    match = SPEAKER_AFTER_ROLE.search(head)
    if match and match.group(2):
        return Span(match.group().strip(), match.start(), match.start() + len(match.group().rstrip()))
    match = SPEAKER_BEFORE_ROLE.search(head)
    if match and match.group(1):
        return Span(match.group()[1:], match.start() + 1, match.end())
    return None


def _issuer(doc: Document, place: Place | None, head: str) -> str | None:
    representing = REPRESENTING.search(doc.text[: HEAD_CHARS * 2])
    if representing:
        body = re.sub(r"(?<!人民)政府$", "人民政府", representing.group(1))  # 省政府 is short for 省人民政府
        if place is not None and not body.startswith(place.names):  # 我代表省人民政府 → 云南省人民政府
            body = place.name + re.sub(r"^(?:省|自治区|市|区|县|州)", "", body)
        return body
    for text in (doc.source or "", head):
        issued = ISSUED_BY.search(text)
        if issued:
            return issued.group(1).strip()
    return None


def read_profile(doc: Document) -> DocumentProfile:
    """The profile of ``doc`` read from its title and opening lines, with the fields its metadata states."""
    head_end = min(len(doc.text), HEAD_CHARS)
    head = doc.text[:head_end]
    stated_place = doc.stated.get("place")
    place = (province_named(stated_place) or local_place(stated_place) or Place(stated_place, stated_place)
             if stated_place else _place(doc.title, head))
    session = _session(head, place)
    profile = DocumentProfile(
        place=place.name if place else None,
        place_short=place.short if place else None,
        place_english=list(place.english) if place else [],
        place_level=(place.level or None) if place else None,
        kind=_kind(doc),
        issuer=_issuer(doc, place, head),
        speaker=_speaker(doc.text, head_end),
        period=_period(doc.title),
        session=session,
        dates=_dates(doc.text, head_end),
    )
    for name in PROFILE_FIELDS:
        if doc.stated.get(name):
            setattr(profile, name, doc.stated[name])
            profile.stated.append(name)
    return profile


def dated(record: dict) -> str | None:
    """The date a manifest record's document was delivered or issued (its profile's first dated event), else
    its stated date."""
    profile = record.get("profile") or {}
    return next((d["date"] for d in profile.get("dates", []) if d["event"] != "日期"), record.get("date"))
