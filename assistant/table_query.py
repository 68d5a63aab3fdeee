"""Understanding questions about a plan's section table: which areas, which category, which
measure, and which operation (lookup, sum, difference, share, ratio, extreme, ranking, comparison).

``parse_table_query`` returns None for questions the table cannot answer, so
they go to retrieval instead. Areas are recognised by ordinal (第五个领域,
重点N：, N、) and by the names the table's wording gives them (``corpus.table_vocabulary``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.figures import chinese_number
from corpus.projects import COUNT, INVESTMENT, TASKS
from corpus.table_vocabulary import WHOLE, TableVocabulary

NUMERAL = "一二三四五六七八九十"
# Mentions of the plan itself, removed before looking for areas (a title may name an area's words, as a plan on 绿色低碳 names its green area).
PLAN_NAMES = re.compile(r"《[^》]*》|(?:三年)?行动计划")
ORDINAL = re.compile(rf"第([{NUMERAL}\d]+)(?=个|大|项|领域|、|和|与|及|,|部分|方面)")
SUMMARY_NUMBER = re.compile(rf"重点([{NUMERAL}]+)")
# "排第二的是哪个领域", "投资第三多的领域", "倒数第二": one place in a ranking of the ten areas.
NTH = re.compile(rf"(?:排(?:名|在)?|倒数)第(?P<place>[{NUMERAL}\d]+)|第(?P<place2>[{NUMERAL}\d]+)(?P<way>多|大|高|少|小|低)")
HEADING_NUMBER = re.compile(rf"(?<![{NUMERAL}第])([{NUMERAL}]{{1,2}})、")
ITEM = "项目"
# "这个项目" is one named project, not a row.
ONE_PROJECT = ("这个项目", "该项目", "这一项目")
INVESTMENT_CUES = ("投资", "资金", "多少钱", "投了", "多少亿", "盘子", "金额")
COUNT_CUES = ("多少个", "几个", "项目数", "个数", "数量", "数目", "多少项目", "几项目", "有多少", "多少重点项目")
TASK_CUES = ("重点工作", "几项工作", "多少项工作", "工作任务", "重点任务")
FIGURE_CUES = ("多少", "几", "最多", "最少", "最大", "最小", "最高", "最低", "排名", "排序", "前三", "比例", "比重", "占比",
               "百分之", "倍", "相差", "多多少", "加起来", "合计", "之和", "哪个多", "更多", "多大")
# "数字经济类项目": a kind of project the table does not break down.
PROJECT_KIND = re.compile(r"[\u4e00-\u9fff]类(?:重点)?项目")
DIFFERENCE_CUES = ("多多少", "少多少", "相差", "差多少", "差距", "多出", "差额", "多几个", "少几个")
EVERY_AREA_CUES = ("各领域", "各个领域", "所有领域", "哪个领域", "哪一个领域", "哪些领域", "哪几个领域", "哪三个领域")


@dataclass(frozen=True)
class TableQuery:
    """A parsed table question; ``areas`` empty means the plan as a whole."""

    areas: tuple[int, ...]
    categories: tuple[str, ...]
    measures: tuple[str, ...]
    operation: str
    largest: bool = True
    top: int = 3
    over_all_areas: bool = False
    wants_time: bool = False


def _numeral(text: str) -> int | None:
    value = int(text) if text.isdigit() else chinese_number(text)
    return value if value is not None and 1 <= value <= 10 else None


def over_all_cues(table: TableVocabulary) -> tuple[str, ...]:
    """The words that ask about every area of ``table`` together (the table's group cues, 各领域, 哪个领域…)."""
    return table.group_cues + EVERY_AREA_CUES


def category_cues(table: TableVocabulary) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each part category of ``table`` and the words a question names it by."""
    return tuple((part.key, part.cues) for part in table.parts)


def find_areas(text: str, table: TableVocabulary) -> tuple[int, ...]:
    """Areas of ``table`` named in ``text``, in the order they are mentioned (ordinals, 重点N, N、, names)."""
    for cue in table.group_cues:
        text = text.replace(f"{cue}中的", "")
    text = PLAN_NAMES.sub(" ", text)
    found: list[tuple[int, int]] = []
    taken = [False] * len(text)
    for pattern in (SUMMARY_NUMBER, ORDINAL, HEADING_NUMBER):
        for match in pattern.finditer(text):
            area = _numeral(match.group(1))
            if area is not None:
                found.append((match.start(), area))
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
    aliases = sorted(((a, area) for area, names in table.section_aliases for a in names), key=lambda p: -len(p[0]))
    for alias, area in aliases:
        for match in re.finditer(re.escape(alias), text):
            if not any(taken[match.start():match.end()]):
                found.append((match.start(), area))
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
    return tuple(dict.fromkeys(area for _, area in sorted(found)))


def named_categories(text: str, table: TableVocabulary) -> tuple[str, ...]:
    """The categories of ``table`` that ``text`` names, in order; empty when it names none. "有多少个重点项目，
    其中<part>项目多少个" asks for the whole area first, then the part."""
    found = [(min(text.find(c) for c in cues if c in text), name) for name, cues in category_cues(table)
             if any(c in text for c in cues)]
    whole_then_part = re.search(rf"{re.escape(table.whole.printed)}.*(?:其中|of them)", text)
    if whole_then_part and found and min(at for at, _ in found) > whole_then_part.start():
        found.append((-1, WHOLE))
    return tuple(name for _, name in sorted(found))


def named_measures(text: str) -> tuple[str, ...]:
    """The measures ``text`` asks for by a cue word (项目数, 总投资, 重点工作…); empty when none."""
    if any(c in text for c in TASK_CUES) and "项目" not in text:
        return (TASKS,)
    investment = [text.find(c) for c in INVESTMENT_CUES if c in text]
    count = [text.find(c) for c in COUNT_CUES if c in text]
    if investment and count:
        return (COUNT, INVESTMENT) if min(count) < min(investment) else (INVESTMENT, COUNT)
    return (INVESTMENT,) if investment else (COUNT,) if count else ()


def named_operation(text: str, areas: tuple[int, ...]) -> tuple[str, bool, int] | None:
    """(operation, largest, top) when ``text`` has an operation cue (排第二, 排名, 最多, 占比, 倍, 多多少…), else None."""
    nth = NTH.search(text)
    if nth and not areas:
        place = _numeral(nth["place"] or nth["place2"])
        if place is not None:
            smallest = "倒数" in text or (nth["way"] or "") in ("少", "小", "低")
            return "nth", not smallest, place
    top = re.search(rf"前([{NUMERAL}\d])", text)
    if top or any(c in text for c in ("排名", "排序", "排行", "从高到低", "从多到少", "依次")):
        return "rank", "从低到高" not in text and "从少到多" not in text, _numeral(top.group(1)) if top else 10
    extremes = [c for c in ("最多", "最大", "最高", "最少", "最小", "最低") if c in text]
    if not areas and {"最多", "最大", "最高"} & set(extremes) and {"最少", "最小", "最低"} & set(extremes) and any(
            c in text for c in DIFFERENCE_CUES):
        return "spread", True, 1
    if extremes and len(areas) != 2:
        return "extreme", extremes[0] in ("最多", "最大", "最高"), 1
    if any(c in text for c in ("百分之", "比例", "比重", "占比", "占")):
        return "share", True, 1
    if "倍" in text and len(areas) == 2:
        return "ratio", True, 1
    if len(areas) == 2 and any(c in text for c in DIFFERENCE_CUES):
        return "difference", True, 1
    if len(areas) == 2 and any(c in text for c in ("哪个", "哪一个", "谁", "更多", "更大", "更高", "比较")):
        return "compare", True, 1
    if any(c in text for c in ("加起来", "之和", "合计", "总和")):
        return "sum", True, 1
    return None


def default_operation(areas: tuple[int, ...], categories: tuple[str, ...]) -> tuple[str, bool, int]:
    """The operation of a question without an operation cue: a sum over several areas or categories, else a lookup."""
    parts = [c for c in categories if c != WHOLE]  # the whole and one of its parts are not added up
    return ("sum", True, 1) if len(areas) >= 2 or len(parts) >= 2 else ("lookup", True, 1)


def _asks_figure(text: str) -> bool:
    """The question asks for an amount or a computation (not, say, a list of projects)."""
    return any(c in text for c in INVESTMENT_CUES + COUNT_CUES + FIGURE_CUES)


def parse_table_query(normalized: str, years: tuple[str, ...], wants_time: bool,
                      table: TableVocabulary) -> TableQuery | None:
    """The question in ``normalized`` (a normalised question) about the section table worded as ``table``, or
    None when it is not one (or the documents state no table)."""
    if not table or any(y not in table.years for y in years):
        return None
    if any(w in normalized for w in ONE_PROJECT + table.not_table):
        return None
    if PROJECT_KIND.search(normalized):
        return None
    measures = named_measures(normalized) or ((COUNT,) if ITEM in normalized else ())
    on_topic = any(t in normalized for t in (ITEM, *TASK_CUES)) or any(c in normalized for c in INVESTMENT_CUES)
    if not measures or not on_topic or not (wants_time or _asks_figure(normalized)):
        return None
    areas = find_areas(normalized, table)
    categories = named_categories(normalized, table) or (WHOLE,)
    operation, largest, top = named_operation(normalized, areas) or default_operation(areas, categories)
    # "总投资最高的领域和最低的领域": a ranking that speaks of 领域 ranges over all ten areas.
    ranks_areas = operation in ("extreme", "rank", "nth", "spread") and "领域" in normalized
    over_all = not areas and (ranks_areas or any(c in normalized for c in over_all_cues(table)))
    if not areas and not over_all and not any(t in normalized for t in (ITEM, *TASK_CUES)):
        return None
    if wants_time and not any(c in normalized for c in ("多少", "几个", "几项")):
        operation = "when"
    if operation == "sum" and not areas:
        over_all = True
    # A share of the whole plan in the whole plan is always 100%: the question is about something the table lacks.
    if operation == "share" and not areas and categories == (WHOLE,):
        return None
    return TableQuery(areas, categories, measures, operation, largest, top, over_all, wants_time)
