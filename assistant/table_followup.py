"""Follow-ups on a plan's section table: "总投资呢？", "其中<part>的呢？", "比<area>领域多多少？", "那<area>领域呢？".

``follow_table`` merges what a follow-up names (areas, categories, measures,
an operation) into the previous table question and returns the merged
``TableQuery``, or None when the follow-up is not about the table.
``render_table_query`` writes a ``TableQuery`` back as a standalone Chinese
question that ``parse_table_query`` reads as the same query, so the rewrite
shown to the user is exactly what gets answered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.table_query import (
    COUNT_CUES,
    INVESTMENT_CUES,
    NUMERAL,
    TASK_CUES,
    TableQuery,
    category_cues,
    default_operation,
    find_areas,
    named_categories,
    named_measures,
    named_operation,
    over_all_cues,
)
from corpus.projects import COUNT, TASKS
from corpus.table_vocabulary import TableVocabulary

PLAN_WIDE_CUES = ("全市", "总共", "一共", "全部领域", "所有领域", "整个计划", "整体")
COMPARE_CUES = ("比", "多多少", "少多少", "相差", "差多少", "差距", "几倍", "哪个多", "哪个更多", "更多", "更大")
OPERATION_WORDS = ("最多", "最少", "最大", "最小", "最高", "最低", "排名", "排序", "排行", "从高到低", "从低到高", "占比", "比例",
                   "比重", "百分之", "加起来", "之和", "合计", "总和", "倍", "领域", "重点项目", "项目", "重点", "其中", "分别",
                   "各", "是多少", "多少", "总投资", "全部", "名")
ORDINAL_WORDS = re.compile(rf"[第前][{NUMERAL}\d]+个?|重点[{NUMERAL}]+|[{NUMERAL}]{{1,2}}、")
# "这两个领域", "这三个领域", "这几个领域": the areas of the last answers.
GROUP = re.compile(r"(?:这|那|上面|前面|刚才)(两|二|三|四|五|几)个领域|(两|几)个领域")
GROUP_SIZES = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
RECENT_TURNS = 5
FILLER = re.compile(r"[那么呢的是有个其和与跟及还也又再吧啊呀呐哪谁占了比较它们这该此多少几\s，,。.？?！!、：:]")


@functools.cache
def table_words(table: TableVocabulary) -> tuple[str, ...]:
    """Everything a follow-up on ``table`` may consist of, longest first; any other word means it is about
    something else."""
    return tuple(sorted(
        {a for _, names in table.section_aliases for a in names}
        | {c for _, cues in category_cues(table) for c in cues}
        | set(INVESTMENT_CUES + COUNT_CUES + TASK_CUES + PLAN_WIDE_CUES + over_all_cues(table) + COMPARE_CUES
              + OPERATION_WORDS),
        key=len, reverse=True,
    ))


def is_table_follow_up(normalized: str, table: TableVocabulary) -> bool:
    """True when the text consists only of table words (areas, categories, measures, operations) and fillers."""
    rest = ORDINAL_WORDS.sub("", GROUP.sub("", normalized))
    for word in table_words(table):
        rest = rest.replace(word, "")
    return FILLER.sub("", rest) == ""


def _fits(operation: str, areas: tuple[int, ...], categories: tuple[str, ...]) -> bool:
    """Whether ``operation`` still makes sense over these areas and categories."""
    match operation:
        case "difference" | "compare" | "ratio":
            return len(areas) == 2
        case "extreme" | "rank":
            return len(areas) != 1 and len(areas) != 2
        case "sum":
            return len(areas) != 1 or len(categories) >= 2
        case _:
            return True


def needs_context(own: TableQuery | None, normalized: str) -> bool:
    """Whether a table question is incomplete on its own: no area, "这两个领域", or "比X领域多多少" with one area."""
    if own is None or GROUP.search(normalized):
        return True
    if len(own.areas) == 1:
        return any(c in normalized for c in COMPARE_CUES)
    return not own.areas and not own.over_all_areas


def _recent_areas(recent: Sequence[tuple[int, ...]], count: int | None) -> tuple[int, ...]:
    """The last ``count`` distinct areas the recent answers were about (all of them when None), oldest first."""
    found: list[int] = []
    for areas in reversed(recent[-RECENT_TURNS:]):
        for area in reversed(areas):
            if area not in found and (count is None or len(found) < count):
                found.append(area)
    return tuple(reversed(found))


def follow_table(previous: TableQuery, normalized: str, table: TableVocabulary,
                 recent: Sequence[tuple[int, ...]] = ()) -> TableQuery | None:
    """``previous`` with the slots the follow-up ``normalized`` names replaced, or None if it is no table follow-up.

    ``recent`` holds the areas each recent answer was about, oldest first; the last one is the
    focus of the follow-up (after "哪个领域…最多？" that is the area found, not all ten).
    """
    if not is_table_follow_up(normalized, table):
        return None
    focus = (recent[-1] if recent else ()) or previous.areas
    named = find_areas(normalized, table)
    group = GROUP.search(normalized)
    if group:
        size = group.group(1) or group.group(2)
        areas = _recent_areas(recent, GROUP_SIZES.get(size))
    elif len(named) == 1 and len(focus) == 1 and named != focus and any(c in normalized for c in COMPARE_CUES):
        areas = focus + named
    elif named:
        areas = named
    elif any(c in normalized for c in PLAN_WIDE_CUES + over_all_cues(table)):
        areas = ()
    else:
        areas = focus
    categories = named_categories(normalized, table) or previous.categories
    measures = named_measures(normalized) or previous.measures
    operation = named_operation(normalized, areas)
    if operation is not None and operation[0] in ("extreme", "rank") and not named and not group:
        areas = previous.areas
    if operation is None and _fits(previous.operation, areas, categories):
        operation = (previous.operation, previous.largest, previous.top)
    if operation is None:
        operation = default_operation(areas, categories)
    name, largest, top = operation
    over_all = not areas and (name in ("sum", "extreme", "rank") or previous.over_all_areas
                              or any(c in normalized for c in over_all_cues(table)))
    return replace(previous, areas=areas, categories=categories, measures=measures, operation=name,
                   largest=largest, top=top, over_all_areas=over_all, wants_time=name == "when")


def _areas(areas: tuple[int, ...], table: TableVocabulary) -> str:
    names = [table.section_name(a) for a in areas]
    return ("、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0]) + "领域"


def _words(query: TableQuery, table: TableVocabulary) -> str:
    return "和".join(table.category(c).word for c in query.categories)


def _noun(query: TableQuery, table: TableVocabulary) -> str:
    """What is measured: 重点项目数, <part>项目总投资, <part>项目数量和总投资, 重点工作数."""
    if query.measures == (TASKS,):
        return "重点工作数"
    projects = _words(query, table)
    if len(query.measures) == 1:
        return f"{projects}数" if query.measures[0] == COUNT else f"{projects}总投资"
    return f"{projects}数量和总投资" if query.measures[0] == COUNT else f"{projects}总投资和数量"


def render_table_query(query: TableQuery, table: TableVocabulary) -> str:
    """A standalone question that ``parse_table_query`` reads as ``query``; each area is rendered by the name
    its table wording gives it, one of its aliases, so it parses back to the area."""
    noun = _noun(query, table)
    scope = (_areas(query.areas, table) if query.areas else over_all_cues(table)[0] if query.over_all_areas
             else "全部")
    more = "最多" if query.largest else "最少"
    match query.operation:
        case "sum":
            return f"{scope}的{noun}加起来是多少？"
        case "difference":
            return f"{_areas(query.areas[:1], table)}的{noun}比{_areas(query.areas[1:], table)}多多少？"
        case "compare":
            return f"{_areas(query.areas[:1], table)}和{_areas(query.areas[1:], table)}哪个的{noun}更多？"
        case "ratio":
            return f"{_areas(query.areas[:1], table)}的{noun}是{_areas(query.areas[1:], table)}的几倍？"
        case "share":
            return f"{scope}的{noun}占全部的比例是多少？"
        case "extreme":
            return f"{scope + '中' if query.areas else ''}哪个领域的{noun}{more}？"
        case "rank":
            order = "从高到低" if query.largest else "从低到高"
            top = f"前{NUMERAL[query.top - 1]}" if query.top < 10 else ""
            return f"{scope}按{noun}{order}排名{top}的是哪些？"
        case "when":
            return f"{scope}的{_words(query, table)}什么时候开工？"
        case _:
            return f"{scope}的{noun}{'各' if len(query.measures) > 1 else ''}是多少？"

