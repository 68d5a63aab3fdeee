"""The section table of a plan: per numbered section (area), the count and investment of its projects and
of each category the document's table wording names (``corpus.table_vocabulary``), the number of key
tasks, and the plan-wide totals.

Each figure is read from every printing (the news summary ``重点N：`` and the
full text ``N、``) as a ``Fact`` tagged with area, category and source. The
table itself (``corpus.project_table``) reconciles the printings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from corpus.chunking import split_sentences
from corpus.documents import Document
from corpus.facts import Fact, extract_facts, fact_id
from corpus.figures import MAGNITUDES, chinese_number, plain
from corpus.normalize import normalize
from corpus.outline import Outline, Passage, parse_outline
from corpus.table_vocabulary import WHOLE, TableVocabulary

COUNT, INVESTMENT, TASKS = "项目数", "总投资", "重点工作"
NUM = r"\d+(?:\.\d+)?"
# A count damaged by OCR (…的35。个重点项目) is read as printed and left to the arithmetic.
DAMAGED_COUNT = r"\d+。?"
AREA_HEADING = re.compile(r"^(?:重点(?P<summary>[一二三四五六七八九十]+):|(?P<full>[一二三四五六七八九十—]+)、)")

@dataclass(frozen=True)
class _Patterns:
    """How a section and the plan as a whole print each category's count and investment, and a section its tasks."""

    section: tuple[tuple[str, re.Pattern[str]], ...]
    plan: tuple[tuple[str, re.Pattern[str]], ...]
    tasks: re.Pattern[str] | None

    @classmethod
    def of(cls, table: TableVocabulary) -> _Patterns:
        whole = re.escape(table.whole.printed)
        amount = rf"总投资(?P<qualifier>超过|超)?(?P<investment>{NUM}(?P<mag>万亿|亿)元)"
        section = [(WHOLE, re.compile(rf"总投资(?P<investment>{NUM}亿元)的(?P<count>{DAMAGED_COUNT}个){whole}"))]
        plan = [(WHOLE, re.compile(rf"(?P<count>\d+个){whole},{amount}"))]
        for part in table.parts:
            printed = re.escape(part.printed)
            section.append((part.key, re.compile(rf"{printed}(?P<count>\d+个),总投资(?P<investment>{NUM}亿元)")))
            plan.append((part.key, re.compile(rf"{printed}(?P<count>\d+个),{amount}")))
        lead = table.tasks_lead
        return cls(tuple(section), tuple(plan), re.compile(rf"{re.escape(lead)}(?P<count>\d+项){TASKS}") if lead else None)


def area_of(path: tuple[str, ...]) -> tuple[int, str] | None:
    """(area number, "summary" | "full") of a heading path under 重点N： or N、, else None."""
    if not path:
        return None
    match = AREA_HEADING.match(path[0])
    if match is None:
        return None
    numeral = (match.group("summary") or match.group("full")).replace("—", "一")
    number = chinese_number(numeral)
    return (number, "summary" if match.group("summary") else "full") if number and number <= 10 else None


def area_title(heading: str) -> str:
    """The heading without its number: ``推动科技创新,建设…`` from ``一、推动…``."""
    return AREA_HEADING.sub("", heading)


def _sentence_at(passage: Passage, start: int) -> str:
    for span in split_sentences(passage.text, passage.start):
        if span.start <= start < span.end:
            return passage.text[span.start - passage.start : span.end - passage.start]
    return passage.text


class _PassageReader:
    """Table facts in one passage (normalised for matching, offsets mapped back to the original)."""

    def __init__(self, doc: Document, table: TableVocabulary, patterns: _Patterns, passage: Passage, area: int | None,
                 source: str):
        self.doc, self.table, self.patterns, self.passage = doc, table, patterns, passage
        self.area, self.source = area, source
        self.norm = normalize(passage.text)

    def fact(self, match: re.Match[str], group: str, category: str, measure: str, unit: str) -> Fact:
        o_start, o_end = self.norm.to_original(*match.span(group))
        start, end = o_start + self.passage.start, o_end + self.passage.start
        written = self.doc.text[start:end]
        value = Decimal(re.sub(r"[^\d.]", "", match.group(group)).rstrip("."))
        magnitude = match.groupdict().get("mag") if group == "investment" else None
        base = value * MAGNITUDES[magnitude or ("亿" if unit == "亿元" else "")] if unit.endswith("元") else value
        qualifier = match.groupdict().get("qualifier") if group == "investment" else None
        subject = ("全市" if self.area is None else f"领域{self.area}") + "·" + self.table.category(category).label
        time = self.table.category(category).time
        return Fact(
            fact_id=fact_id(self.doc.doc_id, start, end, "table", subject + measure),
            doc_id=self.doc.doc_id, path=self.passage.path, printed=self.passage.printed, kind="table", written=written,
            value=plain(value), high=None, unit=(magnitude + "元") if magnitude else unit,
            base_value=plain(base), base_unit="元" if unit.endswith("元") else unit, qualifier=qualifier,
            time=time, year=(time or "")[:4] or None,
            subject=subject, metric=measure, sentence=_sentence_at(self.passage, start),
            start=start, end=end, area=self.area, category=category, source=self.source,
        )

    def facts(self) -> list[Fact]:
        text = self.norm.text
        found: list[Fact] = []
        for category, pattern in self.patterns.plan if self.area is None else self.patterns.section:
            for match in pattern.finditer(text):
                found.append(self.fact(match, "count", category, COUNT, "个"))
                found.append(self.fact(match, "investment", category, INVESTMENT, "亿元"))
        if self.area is not None and self.patterns.tasks is not None:
            for match in self.patterns.tasks.finditer(text):
                found.append(self.fact(match, "count", WHOLE, TASKS, "项"))
        return found


def _task_headings(doc: Document, outline: Outline) -> list[Fact]:
    """Per area of the full text, the numbered tasks (一)…(六) actually printed under it."""
    facts: list[Fact] = []
    area, tasks = None, []
    for heading in outline.headings + [None]:
        if heading is None or heading.level == 1:
            if area is not None and tasks:
                # The fact points at the last task's number, e.g. "(六)": the count as the outline shows it.
                last = tasks[-1]
                close = max(doc.text.find(")", last.start, last.end), doc.text.find("）", last.start, last.end))
                end = close + 1 if close >= 0 else last.end
                subject = f"领域{area[0]}·编号任务"
                facts.append(Fact(
                    fact_id=fact_id(doc.doc_id, last.start, end, "outline", subject), doc_id=doc.doc_id,
                    path=(area[1],), kind="outline", written=doc.text[last.start:end], value=str(len(tasks)),
                    high=None, unit="项", base_value=str(len(tasks)), base_unit="项", qualifier=None, time=None,
                    year=None, subject=subject, metric=TASKS, sentence=last.label, start=last.start, end=end,
                    area=area[0], category=WHOLE, source="outline",
                ))
            found = area_of((heading.label,)) if heading is not None else None
            area = (found[0], heading.label) if found and found[1] == "full" else None
            tasks = []
        elif heading.level == 2 and area is not None:
            tasks.append(heading)
    return facts


def table_facts(doc: Document, outline: Outline | None = None) -> list[Fact]:
    """Every printing of every table figure in ``doc`` (empty for documents whose record states no table)."""
    if not doc.table:
        return []
    table = TableVocabulary.from_dict(doc.table)
    patterns = _Patterns.of(table)
    outline = outline or parse_outline(doc.doc_id, doc.text)
    facts: list[Fact] = []
    in_sections = False
    for passage in outline.passages:
        located = area_of(passage.path)
        in_sections |= located is not None
        if located is not None:
            facts += _PassageReader(doc, table, patterns, passage, located[0], located[1]).facts()
        elif not in_sections:  # what comes before the first section speaks of the plan as a whole
            facts += _PassageReader(doc, table, patterns, passage, None, "summary").facts()
    return facts + (_task_headings(doc, outline) if facts else [])


def document_facts(doc: Document) -> list[Fact]:
    """Table facts plus every other figure and deadline; a figure read as a table cell is not repeated."""
    outline = parse_outline(doc.doc_id, doc.text)
    table = table_facts(doc, outline)
    taken = {(f.start, f.end) for f in table}
    spans = [(f.start, f.end) for f in table if f.kind == "table"]
    others = [f for f in extract_facts(doc, outline)
              if (f.start, f.end) not in taken and not any(a <= f.start < b for a, b in spans)]
    return sorted(table + others, key=lambda f: (f.start, f.end, f.kind))
