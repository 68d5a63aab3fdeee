"""How a document's section table is worded: its categories, what its sections are called, and the words
people use for them, as the corpus states it (a ``"table"`` field of the document's record in
``documents.json`` or in a ``.jsonl`` corpus).

A plan whose sibling sections each state "N个项目，总投资X亿元，其中<part>项目N个，总投资X亿元…" holds a
table: one row per section, one column per category and measure. Which categories it has, how the text
prints them and what a reader calls them are facts about that document, so they live with it, not in the
code; a document without a ``"table"`` field has no section table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

WHOLE = "全部"


@dataclass(frozen=True)
class TableCategory:
    """One column group: ``key`` (全部 for the whole), the text's own wording of it in a section (``printed``,
    e.g. 2025年新建项目), its name in facts (``label``), in answers (``name``) and in rewritten follow-ups
    (``word``), the words a question uses for it (``cues``) and when it starts (``time``)."""

    key: str
    printed: str
    label: str
    name: str
    word: str
    cues: tuple[str, ...] = ()
    time: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping) -> TableCategory:
        printed = data["printed"]
        return cls(data.get("key", WHOLE), printed, data.get("label", printed), data.get("name", printed),
                   data.get("word", printed), tuple(data.get("cues", ())), data.get("time"))


@dataclass(frozen=True)
class TableVocabulary:
    """A section table's wording; ``categories[0]`` is the whole, the others its parts."""

    categories: tuple[TableCategory, ...]
    section_aliases: tuple[tuple[int, tuple[str, ...]], ...] = ()  # section number → names, longest first
    section_names: tuple[tuple[int, str], ...] = ()  # the name a rewritten follow-up gives each section
    group: str = ""  # all sections together, in answers (五个领域)
    group_cues: tuple[str, ...] = ()  # words a question uses for all sections together
    tasks_lead: str = ""  # the words before a section's count of tasks ("抓好" N项重点工作)
    years: tuple[str, ...] = ()  # the years the table covers; a question about another year is not about it
    not_table: tuple[str, ...] = ()  # amounts a question may ask that the table does not hold

    @classmethod
    def from_dict(cls, data: Mapping) -> TableVocabulary:
        sections = data.get("sections", {})
        return cls(
            categories=tuple(TableCategory.from_dict(c) for c in data["categories"]),
            section_aliases=tuple((int(n), tuple(s.get("aliases", ()))) for n, s in sections.items()),
            section_names=tuple((int(n), s["name"]) for n, s in sections.items() if "name" in s),
            group=data.get("group", ""), group_cues=tuple(data.get("group_cues", ())),
            tasks_lead=data.get("tasks_lead", ""), years=tuple(data.get("years", ())),
            not_table=tuple(data.get("not_table", ())),
        )

    @classmethod
    def of_records(cls, records: Iterable[Mapping]) -> TableVocabulary:
        """The table of the first document record stating one (``"table"``), else ``NO_TABLE``."""
        return next((cls.from_dict(r["table"]) for r in records if r.get("table")), NO_TABLE)

    def __bool__(self) -> bool:
        """Whether the documents state a table at all."""
        return bool(self.whole.printed)

    def section_name(self, area: int) -> str:
        """The section's stated name, else its first alias, else its ordinal (第3个): each reads back as it."""
        aliases = dict(self.section_aliases).get(area, ())
        return dict(self.section_names).get(area) or (aliases[0] if aliases else f"第{area}个")

    @property
    def whole(self) -> TableCategory:
        return self.categories[0]

    @property
    def parts(self) -> tuple[TableCategory, ...]:
        return self.categories[1:]

    def category(self, key: str) -> TableCategory:
        return next(c for c in self.categories if c.key == key)

    def times(self) -> dict[str, str]:
        """The start time of each category that has one."""
        return {c.key: c.time for c in self.categories if c.time}


NO_TABLE = TableVocabulary(categories=(TableCategory(WHOLE, "", "", "", ""),))
