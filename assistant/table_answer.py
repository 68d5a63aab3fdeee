"""Answers from a plan's section table: exact figures as written, computations shown, every input cited.

``answer_table(query, table)`` returns the answer text and the facts it rests
on (in the order they are used), or None when the table lacks a needed cell.
Arithmetic is done on ``Decimal`` values; shares are rounded half-up to one
decimal place, ratios to two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.table_query import TableQuery, over_all_cues
from corpus.facts import Fact
from corpus.figures import plain
from corpus.project_table import SOURCE_NAMES, Cell, ProjectTable
from corpus.projects import COUNT, INVESTMENT, TASKS
from corpus.table_vocabulary import WHOLE

NUMERALS = "一二三四五六七八九十"
UNITS = {COUNT: "个", INVESTMENT: "亿元", TASKS: "项"}


@dataclass(frozen=True)
class TableAnswer:
    text: str
    facts: tuple[Fact, ...]
    areas: tuple[int, ...] = ()  # the areas the answer is about (for a "which area…" question, the one found)


def _name(table: ProjectTable, area: int, short: bool = False) -> str:
    title = table.titles.get(area, "").replace(",", "，")
    if short:
        title = title.split("，")[0]
    return f"第{NUMERALS[area - 1]}个领域（{title}）"


def _measure_phrase(calc: _Calculator, category: str, measure: str) -> str:
    if measure == TASKS:
        return TASKS
    return calc.names((category,)) + ("总投资" if measure == INVESTMENT else "数")


def _with_unit(value: Decimal, measure: str) -> str:
    return plain(value) + UNITS[measure]


def _conflict_note(cell: Cell) -> str:
    conflict = cell.conflict
    if conflict is None:
        return ""
    readings = "，".join(f"{SOURCE_NAMES.get(f.source, f.source)}印作“{f.written}”" for f in conflict.readings)
    if conflict.supported is None:
        return f"注意：两处印刷不一致（{readings}），分项核算也无法判定哪一个正确。"
    return (f"注意：两处印刷不一致（{readings}）；按分项核算 {conflict.reason}，"
            f"支持{conflict.supported.written}，此处取{conflict.supported.written}。")


class _Calculator:
    """Cells and sums for one query; remembers every fact it reads, for the citations."""

    def __init__(self, table: ProjectTable, focus: tuple[int, ...]):
        self.table = table
        self.group = table.vocabulary.group
        self.focus = focus
        self.subject = focus
        self.used: list[Fact] = []
        self.notes: list[str] = []

    def names(self, categories: tuple[str, ...]) -> str:
        """The categories as answers name them (重点项目、<part>项目)."""
        return "、".join(self.table.vocabulary.category(c).name for c in categories)

    def cell(self, area: int | None, category: str, measure: str, record: bool = True) -> Cell | None:
        cell = self.table.cell(area, category, measure)
        if cell is not None and record:
            self.used.append(cell.fact)
            # Conflicts are explained for the areas asked about, not for every area summed or ranked.
            if cell.conflict is not None and (area in self.focus or area is None):
                self.used.extend(f for f in cell.conflict.readings if f is not cell.fact)
                note = _conflict_note(cell)
                if note not in self.notes:
                    self.notes.append(note)
        return cell

    def value(self, area: int | None, categories: tuple[str, ...], measure: str, record: bool = True) -> tuple[Decimal, str] | None:
        """The value (summed over categories) with how it is made up, e.g. (59.18, "37.34亿元 + 21.84亿元")."""
        cells = [self.cell(area, c, measure, record) for c in categories]
        if None in cells:
            return None
        if len(cells) == 1:
            return cells[0].value, cells[0].fact.written
        return sum(c.value for c in cells), " + ".join(c.fact.written for c in cells)

    def plan_value(self, categories: tuple[str, ...], measure: str, record: bool = True) -> tuple[Decimal, str] | None:
        """Plan-wide value: the sum over all areas (exact, unlike the rounded 超过2.4万亿元)."""
        parts = [self.value(area, categories, measure, record) for area in self.table.areas]
        if not parts or None in parts:
            return None
        return sum(v for v, _ in parts), " + ".join(p for _, p in parts)


def _lookup_measures(query: TableQuery) -> tuple[str, ...]:
    """A count question also gets the investment (and the reverse): users want both."""
    if TASKS in query.measures:
        return query.measures
    return tuple(dict.fromkeys(query.measures + (COUNT, INVESTMENT)))


def _cell_phrase(calc: _Calculator, category: str, measures: tuple[str, ...], values: list[str]) -> str:
    """<part>项目33个，总投资3102.9亿元 / <part>项目总投资3102.9亿元，共33个 / 要<lead>5项重点工作."""
    if measures == (TASKS,):
        return f"要{calc.table.vocabulary.tasks_lead}{values[0]}{TASKS}"
    head, *rest = zip(measures, values)
    text = calc.names((category,)) + ("总投资" if head[0] == INVESTMENT else "") + head[1]
    for measure, value in rest:
        text += f"，总投资{value}" if measure == INVESTMENT else f"，共{value}"
    return text


def _lookup(query: TableQuery, calc: _Calculator) -> str | None:
    measures = _lookup_measures(query)
    if query.areas:
        lines = []
        for area in query.areas:
            pieces = []
            for category in query.categories:
                cells = [calc.cell(area, category, measure) for measure in measures]
                if None in cells:
                    return None
                pieces.append(_cell_phrase(calc, category, measures, [c.fact.written for c in cells]))
            lines.append(f"{_name(calc.table, area)}：{'；'.join(pieces)}。")
        return "".join(lines)
    pieces = []
    for measure in measures:
        for category in query.categories:
            printed = calc.cell(None, category, measure)
            total = calc.plan_value((category,), measure, record=printed is None)
            if total is None:
                return None
            shown = _with_unit(total[0], measure)
            if printed is not None:
                exact = "" if printed.value * _scale(printed) == total[0] else f"（{calc.group}逐项相加为{shown}）"
                pieces.append(f"{_measure_phrase(calc, category, measure)}{printed.fact.qualifier or ''}{printed.fact.written}{exact}")
            else:
                pieces.append(f"{_measure_phrase(calc, category, measure)}合计{shown}（{calc.group}逐项相加：{total[1]} = {shown}）")
    return f"全市{over_all_cues(calc.table.vocabulary)[0]}：{'，'.join(pieces)}。"


def _scale(cell: Cell) -> Decimal:
    """Factor from the printed unit to the table's unit (2.4万亿元 → 24000亿元)."""
    return Decimal(10000) if cell.fact.unit == "万亿元" else Decimal(1)


def _sum(query: TableQuery, calc: _Calculator) -> str | None:
    lines = []
    for measure in query.measures:
        if query.over_all_areas or not query.areas:
            total = calc.plan_value(query.categories, measure)
            if total is None:
                return None
            label = calc.group + ("" if measure == TASKS else calc.names(query.categories))
            line = f"{label}{_noun(measure)}合计{_with_unit(total[0], measure)}（{total[1]} = {_with_unit(total[0], measure)}）。"
            printed = calc.table.cell(None, query.categories[0], measure) if len(query.categories) == 1 else None
            if printed is not None:
                calc.used.append(printed.fact)
                line += f"全市数字印作{printed.fact.qualifier or ''}{printed.fact.written}，{'相符' if _agrees(printed, total[0]) else '不符'}。"
            lines.append(line)
            continue
        parts = [(area, calc.value(area, query.categories, measure)) for area in query.areas]
        if any(v is None for _, v in parts):
            return None
        total = sum(v[0] for _, v in parts)
        if len(parts) == 1:
            terms = f"{_name(calc.table, parts[0][0], short=True)}{parts[0][1][1]}"
        else:
            terms = " + ".join(f"{_name(calc.table, a, short=True)}{_with_unit(v[0], measure)}" for a, v in parts)
        what = "" if measure == TASKS else calc.names(query.categories)
        lines.append(f"{what}{_noun(measure)}合计{_with_unit(total, measure)}：{terms} = {_with_unit(total, measure)}。")
    return "".join(lines)


def _noun(measure: str) -> str:
    return {INVESTMENT: "总投资", COUNT: "数", TASKS: "重点工作"}[measure]


def _agrees(printed: Cell, total: Decimal) -> bool:
    value = printed.value * _scale(printed)
    return total >= value if printed.fact.qualifier else total == value


def _pair(query: TableQuery, calc: _Calculator, measure: str):
    (a, b) = query.areas[:2]
    va, vb = calc.value(a, query.categories, measure), calc.value(b, query.categories, measure)
    return (a, va[0], b, vb[0]) if va is not None and vb is not None else None


def _per_pair(query: TableQuery, calc: _Calculator, render: Callable[..., str]) -> str | None:
    """``render(measure, a, value_a, b, value_b)`` for each measure asked, over the two areas named."""
    lines = []
    for measure in query.measures:
        pair = _pair(query, calc, measure)
        if pair is None:
            return None
        lines.append(render(query, calc, measure, *pair))
    return "".join(lines)


def _what(query: TableQuery, calc: _Calculator, measure: str) -> str:
    """What is measured, in words: 重点项目总投资, <part>项目数."""
    return calc.names(query.categories) + ("总投资" if measure == INVESTMENT else "数")


def _difference_line(query, calc, measure, a, va, b, vb) -> str:
    diff = abs(va - vb)
    more = a if va >= vb else b
    return (f"{_name(calc.table, a)}{_with_unit(va, measure)}，{_name(calc.table, b)}{_with_unit(vb, measure)}；"
            f"{plain(max(va, vb))} − {plain(min(va, vb))} = {_with_unit(diff, measure)}，"
            f"{_name(calc.table, more, short=True)}多{_with_unit(diff, measure)}。")


def _compare_line(query, calc, measure, a, va, b, vb) -> str:
    (hi, vhi), (lo, vlo) = sorted(((a, va), (b, vb)), key=lambda p: -p[1])
    what = _what(query, calc, measure)
    return (f"{what}更多的是{_name(calc.table, hi)}：{_with_unit(vhi, measure)}，"
            f"{_name(calc.table, lo, short=True)}为{_with_unit(vlo, measure)}，"
            f"多{_with_unit(vhi - vlo, measure)}（{plain(vhi)} − {plain(vlo)}）。")


def _difference(query: TableQuery, calc: _Calculator) -> str | None:
    return _per_pair(query, calc, _difference_line)


def _compare(query: TableQuery, calc: _Calculator) -> str | None:
    return _per_pair(query, calc, _compare_line)


def _ratio(query: TableQuery, calc: _Calculator) -> str | None:
    measure = query.measures[0]
    pair = _pair(query, calc, measure)
    if pair is None:
        return None
    a, va, b, vb = pair
    ratio = (va / vb).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return (f"{_name(calc.table, a)}{_with_unit(va, measure)}，{_name(calc.table, b)}{_with_unit(vb, measure)}；"
            f"{plain(va)} ÷ {plain(vb)} ≈ {ratio}倍。")


def _share(query: TableQuery, calc: _Calculator) -> str | None:
    lines = []
    for measure in query.measures:
        whole = calc.plan_value((WHOLE,), measure)
        if query.areas:
            part = calc.value(query.areas[0], query.categories, measure)
            label = _name(calc.table, query.areas[0]) + calc.names(query.categories)
            whole_label = f"{calc.group}{calc.names((WHOLE,))}合计"
        else:
            categories = tuple(c for c in query.categories if c != WHOLE) or (WHOLE,)
            part = calc.plan_value(categories, measure)
            label = calc.group + calc.names(categories)
            whole_label = f"全部{calc.names((WHOLE,))}"
        if part is None or whole is None or whole[0] == 0:
            return None
        share = (part[0] / whole[0] * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
        noun = "总投资" if measure == INVESTMENT else "数"
        lines.append(f"{label}{noun}{_with_unit(part[0], measure)}，占{whole_label}{noun}{_with_unit(whole[0], measure)}的{share}%"
                     f"（{plain(part[0])} ÷ {plain(whole[0])} = {share}%）。")
    return "".join(lines)


def _ranked(query: TableQuery, calc: _Calculator, measure: str) -> list[tuple[int, Decimal]] | None:
    values = [(area, calc.value(area, query.categories, measure)) for area in calc.table.areas]
    if not values or any(v is None for _, v in values):
        return None
    return sorted(((a, v[0]) for a, v in values), key=lambda p: p[1], reverse=query.largest)


def _ranking(query: TableQuery, calc: _Calculator) -> tuple[str, str, list[tuple[int, Decimal]]] | None:
    """The asked measure, what it is called (重点项目总投资), and the ten areas ranked by it."""
    measure = query.measures[0]
    ranked = _ranked(query, calc, measure)
    if ranked is None:
        return None
    what = _what(query, calc, measure)
    return measure, what, ranked


def _extreme(query: TableQuery, calc: _Calculator) -> str | None:
    ranking = _ranking(query, calc)
    if ranking is None:
        return None
    measure, what, ranked = ranking
    area, value = ranked[0]
    ties = [a for a, v in ranked if v == value]
    word = "最多" if query.largest else "最少"
    names = "、".join(_name(calc.table, a) for a in ties)
    calc.subject = tuple(ties)
    runner = next(((a, v) for a, v in ranked if v != value), None)
    tail = f"；其次是{_name(calc.table, runner[0], short=True)}，{_with_unit(runner[1], measure)}" if runner else ""
    return f"{calc.group}中{what}{word}的是{names}：{_with_unit(value, measure)}{tail}。"


def _rank(query: TableQuery, calc: _Calculator) -> str | None:
    ranking = _ranking(query, calc)
    if ranking is None:
        return None
    measure, what, ranked = ranking
    shown = ranked[: query.top]
    order = "从高到低" if query.largest else "从低到高"
    items = "；".join(f"{i}. {_name(calc.table, a)} {_with_unit(v, measure)}" for i, (a, v) in enumerate(shown, 1))
    return f"按{what}{order}排列{'（前' + str(len(shown)) + '名）' if len(shown) < len(ranked) else ''}：{items}。"


def _spread(query: TableQuery, calc: _Calculator) -> str | None:
    """The gap between the largest and the smallest area (最高的和最低的相差多少)."""
    ranking = _ranking(query, calc)
    if ranking is None:
        return None
    measure, what, ranked = ranking
    (top, high), (bottom, low) = ranked[0], ranked[-1]  # the parser always ranks a spread largest first
    calc.subject = (top, bottom)
    return (f"{calc.group}中{what}最多的是{_name(calc.table, top)}：{_with_unit(high, measure)}；最少的是"
            f"{_name(calc.table, bottom)}：{_with_unit(low, measure)}。两者相差{plain(high)} − {plain(low)} = "
            f"{_with_unit(high - low, measure)}。")


def _nth(query: TableQuery, calc: _Calculator) -> str | None:
    """One place in the ranking (排第二的领域), with the places above it so the order can be checked."""
    ranking = _ranking(query, calc)
    if ranking is None or query.top > len(ranking[2]):
        return None
    measure, what, ranked = ranking
    area, value = ranked[query.top - 1]
    calc.subject = (area,)
    place = ("" if query.largest else "倒数") + "第" + "一二三四五六七八九十"[query.top - 1]
    tied = [_name(calc.table, a, short=True) for a, v in ranked if v == value and a != area]
    tie = f"，与{'、'.join(tied)}并列" if tied else ""
    above = "；".join(f"{i}. {_name(calc.table, a, short=True)} {_with_unit(v, measure)}"
                      for i, (a, v) in enumerate(ranked[: query.top], 1))
    order = "从高到低" if query.largest else "从低到高"
    return f"{calc.group}中{what}{place}的是{_name(calc.table, area)}：{_with_unit(value, measure)}{tie}（{order}：{above}）。"


def _when(query: TableQuery, calc: _Calculator) -> str | None:
    times = calc.table.vocabulary.times()
    category = next((c for c in query.categories if c in times), None)
    if category is None:
        return None
    areas = query.areas or (None,)
    lines = []
    for area in areas:
        cell = calc.cell(area, category, COUNT)
        if cell is None:
            return None
        where = _name(calc.table, area) if area is not None else "全市"
        lines.append(f"{where}的{calc.names((category,))}{cell.fact.written}，计划{times[category]}开工。")
    return "".join(lines)


OPERATIONS = {
    "lookup": _lookup, "sum": _sum, "difference": _difference, "compare": _compare, "ratio": _ratio,
    "share": _share, "extreme": _extreme, "rank": _rank, "nth": _nth, "spread": _spread, "when": _when,
}


def answer_table(query: TableQuery, table: ProjectTable) -> TableAnswer | None:
    """The answer to a parsed table question, or None when the table cannot answer it."""
    if not table.cells:
        return None
    calc = _Calculator(table, query.areas)
    text = OPERATIONS[query.operation](query, calc)
    if text is None:
        return None
    return TableAnswer(text + "".join(calc.notes), tuple(dict.fromkeys(calc.used)), calc.subject)
