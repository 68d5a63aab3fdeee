"""Outline parsing: a document becomes headings and passages with exact offsets.

Handles the numbering of Chinese government documents (重点N：, 一、, (一), 第一章,
第一条, 1., (1)), short unpunctuated heading lines (joined when they follow each
other, like the two-line sub-headings of news reports), a heading glued to the
end of a paragraph, signature blocks that end in a date, the 导读 lead, and site
boilerplate, which is dropped. Every offset is into the original text, so
``doc.text[p.start:p.end] == p.text`` holds for every passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.normalize import normalize

NUM = "一二三四五六七八九十百零〇两"
NUMBERED_HEADINGS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^重点[{NUM}]+[:：]")),
    (1, re.compile(rf"^第[{NUM}]+[章部]")),
    (1, re.compile(rf"^[{NUM}—]+、")),
    (2, re.compile(rf"^[(（][{NUM}]+[)）]")),
    (2, re.compile(rf"^第[{NUM}]+条")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^[(（]\d{1,2}[)）]")),
]
BOILERPLATE = [
    re.compile(r"^写稿\s*投稿$"),
    re.compile(r"^作者[:：].*来源[:：]"),
    re.compile(r"^免责声明"),
    re.compile(r"^全文如下[:：]?$"),
]
LEAD = re.compile(r"^\[\s*导读\s*\]\s*")
FIRST_TOP = re.compile(r"^[一—]、")
DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
SENTENCE_END = "。！？!?；;"
MAX_HEADING_CHARS = 50
FRONT_LABEL = "导语"
ANNEX = "附件"
GLOSSARY = ("名词解释", "名词注释", "注释", "附注")  # notes explaining a document's terms, at its end
GLOSSARY_WITHIN = 20  # 附件 《政府工作报告》有关内容名词注释: the word comes early in the heading


@dataclass(frozen=True)
class Heading:
    """A heading: its level, label (normalised, for matching), where its text stands in the original, and that text
    as printed (for display)."""

    level: int
    label: str
    start: int
    end: int
    printed: str = ""


@dataclass(frozen=True)
class Passage:
    """A block of body text under a heading path (normalised labels; ``printed`` holds the headings as the document
    prints them); ``text`` is ``original[start:end]``."""

    doc_id: str
    path: tuple[str, ...]
    start: int
    end: int
    text: str
    kind: str = "paragraph"
    printed: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return " › ".join(self.printed or self.path)


@dataclass
class Outline:
    doc_id: str
    headings: list[Heading] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    text: str


def _segments(text: str) -> list[_Segment]:
    """Non-empty stripped lines with offsets; a heading glued to a paragraph's end is split off."""
    segments = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not any(b.search(stripped) for b in BOILERPLATE):
            start = pos + line.index(stripped)
            segments.extend(_split_glued_heading(_Segment(start, start + len(stripped), stripped)))
        pos += len(line) + 1
    return segments


def _split_glued_heading(seg: _Segment) -> list[_Segment]:
    cut = max(seg.text.rfind(p) for p in "。！？") + 1
    tail = seg.text[cut:]
    if cut == 0 or not tail or not _is_heading_like(tail) or len(tail) < 6:
        return [seg]
    return [_Segment(seg.start, seg.start + cut, seg.text[:cut]), _Segment(seg.start + cut, seg.end, tail)]


def _is_heading_like(text: str) -> bool:
    return (
        len(text) <= MAX_HEADING_CHARS
        and not any(p in text for p in SENTENCE_END + ",，")
        and not text.endswith((":", "："))
    )


def _numbered_level(text: str) -> int | None:
    for level, pattern in NUMBERED_HEADINGS:
        if pattern.match(text):
            return level
    return None


def heading_label(text: str) -> str:
    """Display label of a heading: normalised characters, an OCR dash read as 一."""
    label = normalize(text).text
    return "一、" + label[2:] if label.startswith("—、") else label


def _heading_part(text: str) -> str:
    """The heading of a numbered line that carries body text: up to the first full stop."""
    cut = text.find("。")
    return text if cut < 0 else text[:cut]


class _OutlineBuilder:
    def __init__(self, doc_id: str, text: str, segments: list[_Segment]):
        self.outline = Outline(doc_id)
        self.text = text
        self.segments = segments
        self.levels: list[int] = []
        self.path: list[str] = []
        self.printed: list[str] = []

    def add_heading(self, level: int, start: int, end: int, label: str) -> None:
        """A heading goes under the nearest one of a lower level (1. right under 一、 keeps 一、 as the parent of
        1., 2., 3. alike)."""
        printed = " ".join(line.strip() for line in self.text[start:end].split("\n") if line.strip())
        self.outline.headings.append(Heading(level, label, start, end, printed))
        keep = sum(1 for above in self.levels if above < level)
        self.levels = self.levels[:keep] + [level]
        self.path = self.path[:keep] + [label]
        self.printed = self.printed[:keep] + [printed]

    def add_passage(self, seg: _Segment, kind: str = "paragraph") -> None:
        path, printed = (tuple(self.path), tuple(self.printed)) if self.path else ((FRONT_LABEL,), (FRONT_LABEL,))
        self.outline.passages.append(Passage(self.outline.doc_id, path, seg.start, seg.end, seg.text, kind, printed))

    def heading_run(self, i: int) -> int:
        """Index just past the run of consecutive heading-like segments starting at ``i``.

        A run stops after a date line, so a signature block (issuer, date) never
        merges with the title that follows it.
        """
        j = i
        while j < len(self.segments):
            seg = self.segments[j]
            if not _is_heading_like(seg.text) or _numbered_level(seg.text) is not None:
                break
            j += 1
            if DATE_LINE.match(seg.text):
                break
        return j

    def _opens_list(self, at: int) -> bool:
        """Whether the segment at ``at`` is the first of a run of top-level numbered headings (一、…)."""
        return at < len(self.segments) and FIRST_TOP.match(self.segments[at].text) is not None

    def build(self) -> Outline:
        i = 0
        numbered_top = False  # a top-level numbered heading has been seen: the body has begun
        nested = 0  # 1 under an unnumbered heading of the back matter whose numbered headings are its items
        while i < len(self.segments):
            seg = self.segments[i]
            level = _numbered_level(seg.text)
            if level is not None:
                numbered_top = numbered_top or level == 1
                head = _heading_part(seg.text)
                self.add_heading(level + nested, seg.start, seg.start + len(head), heading_label(head))
                if len(head) < len(seg.text):
                    self.add_passage(seg, kind="item")
                i += 1
                continue
            lead = LEAD.match(seg.text)
            if lead:
                body = _Segment(seg.start + lead.end(), seg.end, seg.text[lead.end():])
                self.path, self.printed = self.path[:1] + ["导读"], self.printed[:1] + ["导读"]
                self.add_passage(body, kind="lead")
                self.levels, self.path, self.printed = self.levels[:1], self.path[:1], self.printed[:1]
                i += 1
                continue
            end = self.heading_run(i)
            if end == i:
                self.add_passage(seg)
                i += 1
            elif DATE_LINE.match(self.segments[end - 1].text):
                first, last = self.segments[i], self.segments[end - 1]
                block = _Segment(first.start, last.end, self.text[first.start : last.end])
                self.add_passage(block, kind="signature")
                i = end
            else:
                run = self.segments[i:end]
                label = " ".join(heading_label(s.text) for s in run)
                self.add_heading(1, run[0].start, run[-1].end, label)
                # an annex such as "2025年10件惠民实事" followed by 一、…二、…: those headings are its items
                nested = 1 if numbered_top and self._opens_list(end) else 0
                i = end
        return self.outline


def parse_outline(doc_id: str, text: str) -> Outline:
    """Headings and passages of one document."""
    return _OutlineBuilder(doc_id, text, _segments(text)).build()


def is_glossary(heading: str) -> bool:
    """Whether a top heading opens the notes explaining a document's terms (名词解释, 附件2 名词解释)."""
    return any(g in heading[:GLOSSARY_WITHIN] for g in GLOSSARY)


def is_notes(heading: str) -> bool:
    """Whether a top heading opens an annex or a glossary (附件 2025年10件惠民实事, 名词解释), not the body."""
    return heading.startswith(ANNEX) or is_glossary(heading)
