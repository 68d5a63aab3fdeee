"""What a question asks of the same indicator across documents: which indicator, for which year, and the
operation — each document's value, the extremes, the top or bottom N, the members meeting a condition, their
count, or a pair compared. Pure functions over the normalised question text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from corpus.figures import FIGURE, chinese_number, read_figure
from corpus.indicators import CONTRACTIONS, Indicator, growth_of, indicator_named, indicators

MAX_WORDS = ("最高", "最大", "最多", "最快", "之首", "最强")
MIN_WORDS = ("最低", "最小", "最少", "最慢", "最弱")
PAIR_WORDS = ("谁", "哪个", "哪一个", "相差", "差多少", "差了多少", "差几", "高几", "多几", "低几", "差距", "高多少", "多多少", "快多少", "大多少", "低多少", "少多少", "比")
DIFFERENCE = re.compile(r"相差|差多少|差了多少|差几|差距|高多少|高几|多多少|多几|低多少|低几|少多少|少几")
COUNT = re.compile(r"几个|多少个|几份|多少份|几家|几省|多少省")
MEMBERS = re.compile(r"哪些|哪几")
TOP = re.compile(r"(?<!倒数)前(\d+|[一二三四五六七八九十]+)(?:名|位|个|强)?")
BOTTOM = re.compile(r"倒数(?:前)?(第一|\d+|[一二三四五六七八九十]+)")
NEGATION_REACH = 32
NEGATED = re.compile(r"没有把|没把|未把|不是|并非|不为|没有定为|未定为|没有写成")
NONE_STATED = re.compile(r"(?:没有|未|没)(?:给出|列出|提出|设定|设置|明确|写明|提|定)")
TARGET_WORDS = ("目标", "预期", "计划", "力争", "定为", "定在", "target", "goal", "aim")
# How the question compares a value with its figure; without one of these, a value must equal it as printed.
COMPARATORS = (("达到或超过", ">="), ("及以上", ">="), ("或以上", ">="), ("不低于", ">="), ("不少于", ">="),
               ("及以下", "<="), ("不高于", "<="), ("不超过", "<="), ("高于", ">"), ("超过", ">"), ("大于", ">"),
               ("多于", ">"), ("低于", "<"), ("少于", "<"), ("小于", "<"), ("不到", "<"))
QUOTED_QUALIFIER = re.compile(r"[“\"](以上|左右|以内|以下)[”\"]")
LAST_YEAR = ("去年", "上年", "上一年", "last year")
BARE_GROWTH_TARGET = re.compile(r"(?:^|\d年|今年|的|省|区|市)(?:经济)?(?:增长|增速)目标|经济目标")
IN_TARGETS_ONLY = re.compile(r"(?:主要预期目标|预期目标|主要目标)[中里内]|目标段落")
EACH_WORDS = re.compile(r"各是|各为|分别|各自|各省.{0,12}多少")
SIZE_WORDS = re.compile(r"how large|how big|总量|规模|盘子|多大")
GROWTH_WORDS = re.compile(r"增长|增速|涨|增幅|长了|长多|\b(?:grow|grew|growth|increase|rise|rose)")
# A total asked for beside its growth: 多少？…增长多少, 是多少、增长了多少.
TOTAL_ASKED = re.compile(r"^[^增涨]*(?:多少|多大|几)[^增涨]*[？?，,、和及]")
THIS_YEAR = ("今年", "本年", "当年")
NOW = ("现在", "目前", "当前", "如今")
SUM_ASKED = re.compile(r"加起来|合计|总和|合起来|一共是多少|总共是多少")
BASELINE_YEAR = re.compile(r"[比较同与跟](?:去年|上年|上一年)")
ASKED = re.compile(r"多少|多大|多高|几")
NUMBER_ASKED = re.compile(r"具体[^，,。？?]{0,10}数字|数值|具体数|数字目标")
# A question about the urban and the rural residents both (城里人和农村人的收入, 城乡居民收入分别…).
PARTS_ASKED = re.compile(r"(?:城里人?|城市|城镇)(?:居民|常住居民)?的?(?:和|与|、|及|跟)(?:农村人?|农民|乡村)(?:常住)?(?:居民)?(?:人均可支配收入|的收入|收入)?|"
                         r"城乡(?:常住)?居民(?:人均可支配收入|收入)?")
# A part of a question that asks only how much, or a rank, of what the other part names (是多少, 在全国排第几).
ONLY_ASKS = re.compile(r"(?:是|有|为|大约|大概|共|一共|总共|达到|预计)*(?:多少[万亿]?[元人个吨斤]?|多大|几|在[\u4e00-\u9fff]{1,4}排第几|排第几)")
PART_ASKS = re.compile(r"多少|多大|多高|几|\bhow (?:many|much|large|big)\b|\bwhat\b")
JOINED = re.compile(r"(?:和|及|与|、)([\u4e00-\u9fff]{2,10}?)(?:各|分别|是|有|为|达|多少|几)")
AND_GROWTH = re.compile(r"\band (?:its |the )?(?:growth|increase)|\band (?:by )?how (?:fast|much) did it (?:grow|increase|rise)")


@dataclass(frozen=True)
class Condition:
    value: Decimal | None
    qualifier: str | None
    comparator: str  # "=" (as printed), ">=", ">", "<", "<=", "none" (states no figure), "number" (states one)
    unit: str = ""  # the unit the question gives the value in (10万亿元), compared in base units


@dataclass(frozen=True)
class AcrossQuery:
    indicator: Indicator
    year: int | None  # None: the year each document is about
    relative_year: int  # -1 for 去年 (the year before each document's own), else 0
    target: bool
    operation: str  # each, max, min, maxmin, top, bottom, members, count, pair
    n: int = 1
    condition: Condition | None = None
    asked_unit: str | None = None
    companions: tuple[Indicator, ...] = ()  # also asked of one document: its growth beside a total
    each_too: bool = False  # an extreme asked beside every value (各是多少？谁最高？)
    counter: str = "个"  # the measure word a count is asked in (几个省份, 几份报告)
    in_targets_only: bool = False  # only what the targets paragraph states (主要预期目标中列出…的)
    total: bool = False  # their sum asked too (各是多少？加起来是多少？)


def counter_of(text: str) -> str:
    """The measure word a question counts in: 份 for 几份报告, else 个."""
    asked = COUNT.search(text)
    return "份" if asked and "份" in asked.group() else "个"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text) or 1


def _condition(text: str, indicator_end: int, indicator: Indicator) -> Condition | None:
    negated = NEGATED.search(text) is not None
    if NONE_STATED.search(text) and not negated:
        return Condition(None, None, "none")
    for match in FIGURE.finditer(text, indicator_end):
        figure = read_figure(match)
        if figure is None or not indicator.takes(figure.unit):  # 第20位, 时隔5年 are no condition on the value
            continue
        around = text[max(0, match.start() - 6): match.end() + 4]
        comparator = next((op for word, op in COMPARATORS if word in around), "=")
        qualifier = figure.qualifier if comparator == "=" else None
        # 没有把…写成“2%左右”: the negation stands before this figure (是“5.5%以内”而不是“5.5%左右”: not the first)
        negated_here = NEGATED.search(text, max(0, match.start() - NEGATION_REACH), match.start()) is not None
        return Condition(figure.value, qualifier, "!=" if negated_here and comparator == "=" else comparator,
                         figure.unit or "")
    quoted = QUOTED_QUALIFIER.search(text)
    if quoted is not None:
        return Condition(None, quoted.group(1), "=")
    return None


def _operation(text: str, places_named: int) -> tuple[str, int]:
    if places_named == 2 and any(w in text for w in PAIR_WORDS) and ("分别" not in text or DIFFERENCE.search(text)):
        return "pair", 1
    has_max, has_min = any(w in text for w in MAX_WORDS), any(w in text for w in MIN_WORDS)
    if has_max and has_min:
        return "maxmin", 1
    if (bottom := BOTTOM.search(text)) is not None:
        return "bottom", _number(bottom.group(1)) if bottom.group(1) != "第一" else 1
    if (top := TOP.search(text)) is not None:
        return "top", _number(top.group(1))
    if has_max:
        return "max", 1
    if has_min:
        return "min", 1
    if COUNT.search(text):
        return "count", 1
    if MEMBERS.search(text):
        return "members", 1
    return "each", 1


def _names_total(text: str, total: Indicator) -> bool:
    """Whether ``text`` names the total itself, not only as the start of its growth's name (地区生产总值增长)."""
    return any(re.search(re.escape(a.lower()) + r"(?!增长|增速)", text.lower()) for a in total.aliases if len(a) > 1)


def asks_beyond(text: str, query: AcrossQuery) -> bool:
    """Whether one of the question's parts asks about something the indicators read do not name
    (研发经费支出大约多少？研发投入强度是多少？ asks for the spending too, not only the intensity)."""
    parts = [p for p in re.split(r"[？?，,；;。]|\band (?=what|how)", text) if PART_ASKS.search(p.replace("第几", ""))]
    named = [indicator_named(p) for p in parts]
    if any(n is not None and _joined_to_other(p, n[1]) for p, n in zip(parts, named)):
        return True
    if len(parts) < 2:
        return False
    asked = {query.indicator, *query.companions}
    return any(n is None and not GROWTH_WORDS.search(p) and not ONLY_ASKS.fullmatch(p.strip()) for p, n in zip(parts, named)) \
        or any(n is not None and n[0] not in asked for n in named)


def _joined_to_other(part: str, alias: str) -> bool:
    """粮食产量和牛羊出栏各是多少: the indicator's name joined to another thing no indicator names."""
    after = part[part.lower().find(alias.lower()) + len(alias):]
    joined = JOINED.match(after)
    other = joined.group(1) if joined is not None else ""
    return bool(other) and indicator_named(other) is None and not GROWTH_WORDS.search(other) and not SIZE_WORDS.search(other)


def compared_operation(text: str, places_named: int) -> tuple[str, int] | None:
    """The comparison a question makes of a thing across documents (a pair, extremes, top or bottom N, each value
    when it says 分别), or None when it asks something else of them."""
    operation, n = _operation(text, places_named)
    if operation in ("members", "count") or (operation == "each" and "分别" not in text):
        return None
    return operation, n


def asked_year(text: str, years: tuple[str, ...]) -> tuple[int | None, int]:
    """The year a question names, or None and -1 for 去年 (the year before each document's own) and for 现在 without a
    target (what stands now is the last year's result, in reports looking back and ahead), else None and 0."""
    year = int(years[0]) if years else None
    text = BASELINE_YEAR.sub("", text)  # 比上年增长 compares with last year; it does not ask about it
    now = any(w in text for w in NOW) and not any(w in text for w in (*TARGET_WORDS, *THIS_YEAR))
    return year, -1 if year is None and (now or any(w in text for w in LAST_YEAR)) else 0


def _both_parts(text: str) -> tuple[Indicator, Indicator] | None:
    """城里人和农村人的收入, 城镇和农村居民人均可支配收入, 城乡居民收入分别…: the urban and the rural indicator."""
    if PARTS_ASKED.search(text) is None or "收入" not in text:
        return None
    by_name = {i.name: i for i in indicators()}
    parts = tuple(by_name.get(f"{part}居民人均可支配收入") for part in CONTRACTIONS["城乡"])
    return parts if None not in parts else None


def parse_across(text: str, years: tuple[str, ...], places_named: int) -> AcrossQuery | None:
    """The across-documents reading of a normalised question, or None when it names no indicator."""
    named = indicator_named(text)
    parts = _both_parts(text)
    if parts is not None:
        outside = indicator_named(text.replace(PARTS_ASKED.search(text).group(), ""))
        if outside is not None and any(outside[0] in (p, growth_of(p)) for p in parts):
            named, parts = outside, None  # 城乡居民…中，农村居民收入增速目标最高的: the rural one is named on its own
    if parts is not None:
        grows = GROWTH_WORDS.search(text) is not None or ("目标" in text and "元" not in text)
        urban, rural = (growth_of(p) if grows else p for p in parts)
        query = parse_across(text.replace(PARTS_ASKED.search(text).group(), urban.name), years, places_named)
        return replace(query, indicator=urban, companions=(rural,)) if query is not None else None
    if named is None:
        # 目标为5%左右的有哪些省份, 今年的增长目标: no indicator named — the headline one (growth); but not when
        # another thing is named before it (社零增长目标)
        percent_target = "目标" in text and re.search(r"\d[%％]", text) is not None
        if not (percent_target or BARE_GROWTH_TARGET.search(text)):
            return None
        named = next(i for i in indicators() if i.headline), ""
    indicator, alias = named
    end = text.lower().find(alias.lower()) + len(alias) if alias else 0
    growth = growth_of(indicator)
    companions: tuple[Indicator, ...] = ()
    after = text.lower() if text.isascii() else text.lower()[end:]  # English word order puts growth anywhere
    # a size word outside the indicator's own name (经济盘子 names the total; 规模多大 asks for it)
    if growth is not None and GROWTH_WORDS.search(after) and SIZE_WORDS.search(text.lower().replace(alias.lower(), "", 1)):
        companions = (growth,)  # how fast did it grow, and how large was it
    elif growth is not None and GROWTH_WORDS.search(after):
        # 地区生产总值是多少？增长多少？ asks for both; GDP grow, 经济涨了多少 for the growth alone
        if TOTAL_ASKED.search(text[end:]) or "和增速" in text or "和增长" in text or AND_GROWTH.search(text.lower()):
            companions = (growth,)
        else:
            indicator = growth
    elif growth is not None and ("目标" in text or "target" in text.lower()) and not any(u in text for u in indicator.units):
        indicator = growth  # a total's target is set as its growth (一般公共预算收入目标 → 增长3%左右)
    if not companions and len(ASKED.findall(text)) >= 2:  # 经济增长多少、经济总量多大: the growth and the total
        total = next((i for i in indicators() if growth_of(i) == indicator), None)
        if total is not None and _names_total(text, total):
            indicator, companions = total, (growth_of(total),)
        elif growth is not None and indicator != growth and GROWTH_WORDS.search(text[: max(end - len(alias), 0)]):
            companions = (growth,)
    year, relative = asked_year(text, years)
    target = any(w in text.replace("稳定在", "") for w in TARGET_WORDS) or any(w in text for w in THIS_YEAR)
    operation, n = _operation(text, places_named)
    condition = _condition(text, max(end, 0), indicator) if operation in ("members", "count", "each") else None
    if condition is None and operation in ("members", "count") and NUMBER_ASKED.search(text):
        condition = Condition(None, None, "number")  # 写了具体的粮食产量数字: a value in words does not count
    if "分别" in text and operation == "members":  # 各省分别是多少？哪些没有给出？ — every value, those stating none among them
        operation, condition = "each", None
    if condition is not None and operation == "each":
        if "分别" in text:  # 各省分别是多少？哪些没有给出？ — every value, those stating none among them
            condition = None
        else:
            operation = "members"
    unit = next((u for u in ("万亿元", "亿元", "万人", "亿斤", "万吨") if f"多少{u}" in text), None)
    each_too = operation in ("max", "min", "maxmin", "top", "bottom") and EACH_WORDS.search(text) is not None
    return AcrossQuery(indicator, year, relative, target, operation, n, condition, unit, companions, each_too,
                       counter_of(text), IN_TARGETS_ONLY.search(text) is not None, SUM_ASKED.search(text) is not None)
