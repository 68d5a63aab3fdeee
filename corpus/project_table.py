"""The project table reconciled: one value per (area, category, measure), every cross-check, every conflict.

Where the summary and the full text print different figures for the same cell,
both readings are kept and the arithmetic decides: the reading for which the
area's parts (the categories its table wording names) sum to its total is the supported one.
Plan-wide totals are checked against the sum over the areas, and each area's
"N项重点工作" against the numbered tasks printed under it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from corpus.facts import Fact
from corpus.figures import plain
from corpus.projects import COUNT, INVESTMENT, TASKS, area_title
from corpus.table_vocabulary import NO_TABLE, WHOLE, TableVocabulary

SOURCE_NAMES = {"summary": "摘要", "full": "全文", "outline": "任务编号"}
# The official full text is cited first when both printings agree.
SOURCE_ORDER = {"full": 0, "summary": 1, "outline": 2}
AT_LEAST = ("超过", "超", "突破", "以上")

Key = tuple[int | None, str, str]


def amount(fact: Fact) -> Decimal:
    """The value in base units (元 for investment), so 2.4万亿元 and 24101.82亿元 compare."""
    return Decimal(fact.base_value)


def show(fact: Fact) -> str:
    return f"{fact.written}（{SOURCE_NAMES.get(fact.source, fact.source)}，第{fact.start}—{fact.end}字）"


@dataclass(frozen=True)
class Conflict:
    """Two printings of one cell that disagree, and which one the arithmetic supports (if any)."""

    key: Key
    readings: tuple[Fact, ...]
    supported: Fact | None
    reason: str

    def describe(self) -> str:
        readings = "；".join(show(f) for f in self.readings)
        verdict = f"算术支持{self.supported.written}" if self.supported else "算术无法判定"
        return f"{label(self.key)}：{readings}。{verdict}：{self.reason}"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Cell:
    key: Key
    fact: Fact
    readings: tuple[Fact, ...]
    conflict: Conflict | None = None

    @property
    def value(self) -> Decimal:
        return Decimal(self.fact.value)


def label(key: Key) -> str:
    area, category, measure = key
    where = "全市" if area is None else f"领域{area}"
    return f"{where}·{category}·{measure}"


@dataclass
class ProjectTable:
    cells: dict[Key, Cell] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    vocabulary: TableVocabulary = NO_TABLE

    @property
    def areas(self) -> list[int]:
        return sorted({area for area, _, _ in self.cells if area is not None})

    def cell(self, area: int | None, category: str, measure: str) -> Cell | None:
        return self.cells.get((area, category, measure))


def _readings(facts: list[Fact]) -> dict[Key, list[Fact]]:
    grouped: dict[Key, list[Fact]] = {}
    for fact in facts:
        if fact.kind == "table":
            grouped.setdefault((fact.area, fact.category, fact.metric), []).append(fact)
    for readings in grouped.values():
        readings.sort(key=lambda f: SOURCE_ORDER.get(f.source, 9))
    return grouped


def _distinct(readings: list[Fact]) -> list[Fact]:
    seen: dict[Decimal, Fact] = {}
    for fact in readings:
        seen.setdefault(amount(fact), fact)
    return list(seen.values())


def _sum_text(parts: list[Fact], total: Fact) -> str:
    return " + ".join(p.written for p in parts) + f" = {total.written}"


def _solve_area(grouped: dict[Key, list[Fact]], parts: tuple[str, ...], area: int,
                measure: str) -> tuple[dict[Key, Fact], Check | None]:
    """Choose one reading per cell of ``area`` so that the ``parts`` sum to the total."""
    keys = [(area, WHOLE, measure)] + [(area, part, measure) for part in parts]
    if not all(k in grouped for k in keys):
        return {k: grouped[k][0] for k in keys if k in grouped}, None
    options = [_distinct(grouped[k]) for k in keys]
    solutions = [combo for combo in itertools.product(*options) if sum(amount(f) for f in combo[1:]) == amount(combo[0])]
    chosen = solutions[0] if len(solutions) == 1 else tuple(o[0] for o in options)
    total, readings = chosen[0], list(chosen[1:])
    ok = len(solutions) == 1
    computed = plain(sum(Decimal(p.value) for p in readings))
    detail = (" + ".join(p.written for p in readings) + f" = {computed}{total.unit}"
              + ("，与合计相符" if ok else f"，合计印作{total.written}"))
    check = Check(f"领域{area} {measure}：{' + '.join(parts)} = {WHOLE}", ok, detail, tuple(chosen))
    return dict(zip(keys, chosen)), check


def _conflict(key: Key, readings: list[Fact], chosen: Fact, solved: Check | None) -> Conflict:
    supported = chosen if solved is not None and solved.ok else None
    reason = solved.detail if solved is not None else "没有可用于核对的分项"
    return Conflict(key, tuple(readings), supported, reason)


def _plan_checks(table: ProjectTable) -> list[Check]:
    checks = []
    for category, measure in itertools.product((c.key for c in table.vocabulary.categories), (COUNT, INVESTMENT)):
        stated = table.cell(None, category, measure)
        parts = [table.cell(a, category, measure) for a in table.areas]
        if stated is None or not parts or None in parts:
            continue
        total = sum(amount(c.fact) for c in parts)
        at_least = stated.fact.qualifier in AT_LEAST
        ok = total >= amount(stated.fact) if at_least else total == amount(stated.fact)
        shown = plain(sum(c.value for c in parts)) + parts[0].fact.unit
        relation = "≥" if at_least else "="
        checks.append(Check(
            f"全市 {category} {measure}：{table.vocabulary.group}之和 {relation} 全市数",
            ok,
            f"{' + '.join(c.fact.written for c in parts)} = {shown}，全市印作"
            f"{stated.fact.qualifier or ''}{stated.fact.written}",
            (stated.fact, *(c.fact for c in parts)),
        ))
    return checks


def _task_checks(table: ProjectTable, facts: list[Fact]) -> list[Check]:
    outline = {f.area: f for f in facts if f.kind == "outline"}
    checks = []
    for area in table.areas:
        stated = table.cell(area, WHOLE, TASKS)
        printed = outline.get(area)
        if stated is None or printed is None:
            continue
        ok = stated.value == Decimal(printed.value)
        checks.append(Check(
            f"领域{area} 重点工作：所述项数 = 编号任务数", ok,
            f"{table.vocabulary.tasks_lead}{stated.fact.written}{TASKS}，编号任务至{printed.written}共{printed.value}项",
            (stated.fact, printed),
        ))
    return checks


def build_table(facts: list[Fact], vocabulary: TableVocabulary = NO_TABLE) -> ProjectTable:
    """Reconcile every printing of the table figures (worded as ``vocabulary`` says) into one table with its checks."""
    table = ProjectTable(vocabulary=vocabulary)
    parts = tuple(c.key for c in vocabulary.parts)
    grouped = _readings(facts)
    for fact in sorted(facts, key=lambda f: SOURCE_ORDER.get(f.source, 9)):
        if fact.kind == "table" and fact.area is not None:
            table.titles.setdefault(fact.area, area_title(fact.path[0]))
    areas = sorted({k[0] for k in grouped if k[0] is not None})
    for area, measure in itertools.product(areas, (COUNT, INVESTMENT)):
        chosen, solved = _solve_area(grouped, parts, area, measure)
        if solved is not None:
            table.checks.append(solved)
        for key, fact in chosen.items():
            readings = grouped[key]
            conflict = _conflict(key, _distinct(readings), fact, solved) if len(_distinct(readings)) > 1 else None
            table.cells[key] = Cell(key, fact, tuple(readings), conflict)
            if conflict is not None:
                table.conflicts.append(conflict)
    for key, readings in grouped.items():
        if key not in table.cells:
            distinct = _distinct(readings)
            conflict = _conflict(key, distinct, readings[0], None) if len(distinct) > 1 else None
            table.cells[key] = Cell(key, readings[0], tuple(readings), conflict)
            if conflict is not None:
                table.conflicts.append(conflict)
    for key, cell in sorted(table.cells.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1], kv[0][2])):
        sources = {f.source for f in cell.readings}
        if len(sources) > 1:
            table.checks.append(Check(
                f"{label(key)}：摘要 = 全文", cell.conflict is None,
                "；".join(show(f) for f in cell.readings), cell.readings,
            ))
    table.checks += _plan_checks(table) + _task_checks(table, facts)
    return table
