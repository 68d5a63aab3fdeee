"""Statistical indicators by the names they go by (地区生产总值增长 / 经济增长 / GDP增长), from the reference
data shipped in ``corpus/reference/indicators.json``, and where a text states one: a clause that opens with an
indicator's name and gives its value, as a figure (5.5%左右) or in words (保持合理水平, 与经济增长同步).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from corpus.figures import FIGURE, read_figure
from corpus.normalize import normalize
from corpus.tokenize import tagger

REFERENCE = Path(__file__).resolve().parent / "reference" / "indicators.json"
CLAUSE = re.compile(r"[^；;。，,、：:\n]+")
# How far into a clause an indicator's name may start (全省, 2024年, 今年全区…) and how long a value in words may be.
MAX_LEAD = 8
SHORT_NAME = 2
COMPOUND_LOOKAHEAD, COMPOUND_WORDS = 6, 2  # 就业见习岗位: the noun may come second
# Nouns that may follow a short question name and still ask about the indicator: 就业目标, 物价水平, 外贸形势.
SHORT_NAME_NOUNS = frozenset(
    "目标 人数 情况 方面 形势 规模 水平 指数 压力 工作 状况 指标 总体 整体 数据 增速 增幅 涨幅 总量 数字 数量 总额".split()
)
MAX_WORDED = 16
GROWTH = "增长"
GROWTH_SAID = re.compile("增长|增速")
LOOSE_GROWTH = r"[^，,。？?]{0,8}?(?:增长|增速|涨|速度|增幅|多快|长了|长多)"  # 经济大概长了多少
# Words that may stand before an indicator's name in the clause stating it: a time, the whole territory, a hedge.
LEAD = re.compile(r"(?:——|—|·|•|全社会|(?:19|20)\d{2}年|今年|去年|全年|上年|全[\u4e00-\u9fff]|我[省区市州县]|预计|实现|完成|力争|确保|"
                  r"全体|初步核算|其中|主要预期目标[是为]?|预期目标[是为]?|\s)*")
TARGET_MARK = "目标"
TARGETS_LEAD = re.compile(r"目标(?:是|为)?[:：]")
CHANGE = re.compile(r"增产|减产|新增|增加|减少|净增")
# Parts named before a shared name and given one value each (城镇、农村居民人均可支配收入分别增长4.8%、6.2%).
DISTRIBUTED = re.compile(r"(?P<parts>城乡|[\u4e00-\u9fff]{2}(?:[、和与及][\u4e00-\u9fff]{2})+)(?P<tail>[\u4e00-\u9fff]{2,16}?)"
                         r"分别(?P<verb>增长|达到|达|为)?(?P<values>[^；;。，,]*)")
CONTRACTIONS = {"城乡": ("城镇", "农村")}  # 城乡居民 are the 城镇 and the 农村 residents
# A paragraph opening with a dash names its topic first (——经济发展贡献新担当).
TOPIC_MARKS = "—"
# A clause that goes on about the indicator the clause before named: a time, then 达到/达/为/突破 and the value.
CONTINUES = re.compile(r"\s*(?:(?:19|20)\d{2}年|全年)?(?:达到|达|为|突破|超过)(?=\d)")


@dataclass(frozen=True)
class Indicator:
    name: str
    aliases: tuple[str, ...]
    units: tuple[str, ...]
    headline: bool = False
    asked_as: tuple[str, ...] = ()

    def takes(self, unit: str | None) -> bool:
        return unit is not None and any(unit.endswith(u) or unit == u for u in self.units)


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """The reference indicators; a total's growth (X增长) also goes by each of the total's names with 增长 or 增速."""
    records = json.loads(REFERENCE.read_text(encoding="utf-8"))["indicators"]
    names = {r["name"]: r for r in records}
    found = []
    for r in records:
        total = names.get(r["name"].removesuffix(GROWTH)) if r["name"].endswith(GROWTH) else None
        derived = [a + w for a in (total["aliases"] if total else ()) if not a.isascii() for w in (GROWTH, "增速")]
        aliases = tuple(dict.fromkeys([*r["aliases"], *derived]))
        found.append(Indicator(r["name"], aliases, tuple(r["units"]), bool(r.get("headline")), tuple(r.get("asked_as", ()))))
    return tuple(found)


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[str, Indicator], ...]:
    """Every name of every indicator, longest first (so 地区生产总值增长 wins over 地区生产总值)."""
    pairs = [(alias.lower(), ind) for ind in indicators() for alias in ind.aliases]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=1)
def _asked_names() -> tuple[tuple[str, Indicator], ...]:
    pairs = [(name.lower(), ind) for ind in indicators() for name in (*ind.aliases, *ind.asked_as)]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def growth_of(indicator: Indicator) -> Indicator | None:
    """The indicator of ``indicator``'s growth (地区生产总值 → 地区生产总值增长), when there is one."""
    return next((i for i in indicators() if i.name == indicator.name + GROWTH), None)


@lru_cache(maxsize=1)
def _loose_growth() -> tuple[tuple[re.Pattern[str], Indicator, str], ...]:
    """Growth asked in other words between the thing and its growth: 经济大概增长了多少, 经济打算跑出多快的速度."""
    found = []
    for indicator in indicators():
        for alias in indicator.aliases:
            stem = alias.removesuffix(GROWTH).removesuffix("增速")
            if stem != alias and not stem.isascii():
                found.append((re.compile(re.escape(stem.lower()) + LOOSE_GROWTH), indicator, stem.lower()))
    return tuple(sorted(found, key=lambda item: -len(item[2])))


RATIO_OF = re.compile(r"(?:占|相当于)(?:全[省市区国])?$")


def indicator_named(text: str) -> tuple[Indicator, str] | None:
    """The indicator whose longest name (or name used in questions) ``text`` contains, with that name; else a
    growth asked with other words between the thing and its growth (经济大概增长了多少)."""
    lowered = text.lower()
    # a ratio's name followed by 增长 (研发经费投入增长) names the growth of another thing, not the ratio
    # and a name after 占/相当于 (研发经费支出占GDP的比例) is the base of another thing's ratio
    named = next(((indicator, name) for name, indicator in _asked_names() if name in lowered
                  and not (indicator.units == ("%",) and not indicator.name.endswith(GROWTH)
                           and GROWTH_SAID.match(lowered, lowered.find(name) + len(name)))
                  and not RATIO_OF.search(lowered, 0, lowered.find(name))
                  and not _compounded(lowered, name, indicator)), None)
    if named is not None:
        return named
    return next(((indicator, stem) for pattern, indicator, stem in _loose_growth() if pattern.search(lowered)), None)


def _compounded(text: str, name: str, indicator: Indicator) -> bool:
    """A short name only questions use, followed by a noun it makes a longer one with: 就业 in 就业驿站 is not
    城镇新增就业 (就业目标, 物价上涨, 外贸一共… still name the indicator)."""
    if len(name) > SHORT_NAME or name not in (n.lower() for n in indicator.asked_as):
        return False
    after = text[text.find(name) + len(name):]
    if not re.match(r"[\u4e00-\u9fff]", after):
        return False
    run = re.match(r"[\u4e00-\u9fff]+", after[:COMPOUND_LOOKAHEAD]).group()
    for word, tag in tagger().cut(run)[:COMPOUND_WORDS]:
        if word in SHORT_NAME_NOUNS or tag.startswith("n"):
            return word not in SHORT_NAME_NOUNS
    return False


@lru_cache(maxsize=1)
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, Indicator]]:
    by_alias = dict(_aliases())
    return re.compile("|".join(re.escape(a) for a in by_alias)), by_alias


def measured_by(subject: str) -> Indicator | None:
    """The indicator a fact's subject (with its metric) measures: the one whose name ends it (全区地区生产总值增长 →
    地区生产总值增长; 工业对GDP增长贡献率 → none)."""
    lowered = subject.lower()
    # what stands before the name only says when, where or how (预计, 全区): 海洋生产总值增长 is not GDP growth
    return next((ind for alias, ind in _aliases() if lowered.endswith(alias)
                 and LEAD.fullmatch(lowered[: len(lowered) - len(alias)].strip())), None)


def _named_at(text: str, position: int) -> tuple[str, Indicator] | None:
    pattern, by_alias = _alias_pattern()
    match = pattern.match(text, position)
    return (match.group(), by_alias[match.group()]) if match else None


@dataclass(frozen=True)
class Statement:
    """An indicator's value as a text states it; offsets are into the text given to ``statements``."""

    indicator: Indicator
    printed: str  # the value as printed: 5.5%左右, 保持合理水平
    value: Decimal | None
    high: Decimal | None
    unit: str | None
    qualifier: str | None
    start: int  # of the value
    end: int
    clause_start: int
    clause_end: int
    in_targets: bool  # the sentence sets targets (…主要预期目标是：…)
    gap: int = 0  # characters between the indicator's name and its value (粮食总产量466亿斤: 0)


def _lead_is_free(clause: str, position: int) -> bool:
    """Whether what stands before the indicator's name only says when, where or how (2024年, 全省, 预计)."""
    return position <= MAX_LEAD and LEAD.fullmatch(clause[:position].strip()) is not None


def _named_in(body: str, previous: tuple[str, Indicator] | None, headline: Indicator | None,
              topic: str = "") -> tuple[str, Indicator, int, int] | None:
    """The indicator a clause is about — its own name near its start, or one carried on, or a measure of the
    paragraph's ``topic`` (the words its lead opens with) — with where the name starts and how long it is (0 for
    a carried one)."""
    for position in range(min(len(body), MAX_LEAD + 1)):
        named = _named_at(body, position)
        if named is not None:
            return (*named, position, len(named[0])) if _lead_is_free(body, position) else None
    if previous and body.lstrip().startswith(GROWTH):
        named = _named_at(previous[0] + GROWTH, 0)
        return (*named, body.find(GROWTH), len(GROWTH)) if named else None
    if previous and (verb := CONTINUES.match(body)) is not None:
        # 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元 → the same indicator, in the next clause
        return (*previous, 0, verb.end())
    # ——粮食生产再创新高。播种面积…，总产量达到853.2亿斤; 粮食播种面积4157万亩、产量1146.1万吨: a measure of the
    # paragraph's or the previous clause's indicator (粮食总产量, 粮食产量)
    for lent in (previous[1] if previous else None, headline):
        measure = next((a[i:] for a in (lent.aliases if lent else ()) for i in range(1, len(a) - 1)
                        if not a.isascii() and body.startswith(a[i:])), None)
        if measure is not None:
            return measure, lent, 0, len(measure)
    return _measure_of_topic(body, topic)


def _measure_of_topic(body: str, topic: str) -> tuple[str, Indicator, int, int] | None:
    """——经济发展贡献新担当。…，全年增长4.8%、总量达5.3万亿元: a clause opening (after a time or hedge) with a
    measure (增长, 总量) of the word the paragraph's lead opens with (经济), read as that indicator (经济增长)."""
    if not topic:
        return None
    _, by_alias = _alias_pattern()
    lead = LEAD.match(body)
    position = lead.end() if lead else 0
    for alias, indicator in by_alias.items():
        for cut in range(2, len(alias) - 1):
            if not alias.isascii() and topic.startswith(alias[:cut]) and body.startswith(alias[cut:], position):
                return alias[cut:], indicator, position, len(alias) - cut
    return None


def _distributed(norm) -> list[Statement]:
    """城镇、农村居民人均可支配收入分别增长4.8%、6.2%; 城乡居民…分别达6.6万元和3.2万元: one value for each part
    named before a shared name, read as that part's indicator (城镇居民人均可支配收入增长 4.8%)."""
    found = []
    _, by_alias = _alias_pattern()
    for match in DISTRIBUTED.finditer(norm.text):
        parts = CONTRACTIONS.get(match.group("parts")) or tuple(re.split(r"[、和与及]", match.group("parts")))
        grows = match.group("verb") == GROWTH
        names = [by_alias.get(f"{part}{match.group('tail')}{GROWTH if grows else ''}") for part in parts]
        figures = [f for f in map(read_figure, FIGURE.finditer(norm.text, match.start("values"), match.end("values")))
                   if f is not None][: len(parts)]
        if all(n is None for n in names) or len(figures) != len(parts):
            continue  # 粮食、油料、蔬菜产量分别达…: each part that names an indicator gets its own value
        in_targets = _in_targets(norm.text, match.start())
        c_start, c_end = norm.to_original(match.start(), match.end("values"))
        for indicator, figure in zip(names, figures):
            if indicator is None:
                continue
            if not indicator.takes(figure.unit):
                break
            a, b = norm.to_original(figure.start, figure.end)
            found.append(Statement(indicator, norm.original[a:b], figure.value, figure.high, figure.unit, figure.qualifier,
                                   a, b, c_start, c_end, in_targets))
    return found


def statements(text: str) -> list[Statement]:
    """Every indicator value ``text`` states, in order. A clause that opens with 增长 right after a clause naming an
    indicator continues it (实现地区生产总值9.86万亿元、增长5.7% → 地区生产总值增长 5.7%); a paragraph whose first
    clause names an indicator lends it to later clauses opening with one of its measures (总产量)."""
    norm = normalize(text)
    found: list[Statement] = _distributed(norm)
    shared = [(s.clause_start, s.clause_end) for s in found]
    previous, carried, headline, last_end, topic = None, 0, None, 0, ""
    for clause in CLAUSE.finditer(norm.text):
        body = clause.group()
        if any(a <= norm.to_original(clause.start(), clause.start() + 1)[0] < b for a, b in shared):
            continue  # read with the parts it shares its values with
        new_paragraph = "\n" in norm.text[last_end:clause.start()] or last_end == 0
        last_end = clause.end()
        named = _named_in(body, None if new_paragraph else previous, None if new_paragraph else headline,
                          "" if new_paragraph else topic)
        if new_paragraph:
            headline = named[1] if named is not None else None
            topic = body.strip().lstrip(TOPIC_MARKS) if body.strip().startswith(TOPIC_MARKS) else ""
        if named is not None:
            previous, carried = named[:2], 0
        else:
            carried += 1
            previous = previous if carried < 2 else None
            continue
        alias, indicator, position, named_len = named
        after = clause.start() + position + named_len
        in_targets = _in_targets(norm.text, clause.start())
        statement = _figure_after(norm, indicator, after, clause.end(), clause.start(), in_targets)
        if statement is None and in_targets and FIGURE.search(norm.text, after, clause.end()) is None:
            worded = norm.text[after:clause.end()].strip()
            if 1 < len(worded) <= MAX_WORDED and not any(ch.isdigit() for ch in worded):
                start, end = norm.to_original(after, clause.end())
                c_start, c_end = norm.to_original(clause.start(), clause.end())
                statement = Statement(indicator, text[start:end].strip(), None, None, None, None, start, end, c_start, c_end,
                                      True)
        if statement is not None:
            found.append(statement)
    return found


def opens_targets(text: str) -> bool:
    """Whether ``text`` opens a targets list (主要预期目标是：)."""
    return TARGETS_LEAD.search(text) is not None


def _in_targets(text: str, position: int) -> bool:
    """Whether ``position`` stands in a sentence setting targets, or further on in a paragraph whose targets list
    opened with 主要预期目标是：(城乡居民…分别增长5%和7%左右 after 居民消费价格涨幅2%左右。)"""
    paragraph = text[text.rfind("\n", 0, position) + 1: position]
    return TARGET_MARK in _sentence(text, position) or opens_targets(paragraph)


def _sentence(text: str, position: int) -> str:
    return text[text.rfind("。", 0, position) + 1: (text.find("。", position) + 1 or len(text) + 1) - 1]


def _figure_after(norm, indicator: Indicator, start: int, end: int, clause_start: int, in_targets: bool) -> Statement | None:
    for match in FIGURE.finditer(norm.text, start, end):
        figure = read_figure(match)
        if figure is None:
            continue
        if CHANGE.search(norm.text, start, match.start()) and not indicator.name.endswith(GROWTH):
            return None  # 粮食增产42.2亿斤 states a change, not the output
        if not indicator.takes(figure.unit):
            growth = growth_of(indicator)
            # 一般公共预算收入同口径增长5%左右: a total's name, then its growth
            if growth is None or not growth.takes(figure.unit) or not GROWTH_SAID.search(norm.text, start, match.start()):
                return None
            indicator = growth
        # printed with a qualifier before it (不少于26万人, 力争8%), but not a plain 达
        a, b = norm.to_original(match.start() if match.group("before") != "达" else figure.start, figure.end)
        c_start, c_end = norm.to_original(clause_start, end)
        printed = norm.original[a:b]
        return Statement(indicator, printed, figure.value, figure.high, figure.unit, figure.qualifier, a, b, c_start, c_end,
                         in_targets, match.start() - start)
    return None
