"""Follow-ups that change one part of the previous question — its place, its year, its indicator, or a
measure of the same indicator — over documents that govern different places:

- "那四川呢？", "重庆的呢？" ask the previous question about another place (a pair compared becomes one);
- "那辽宁去年呢？" changes the place and the year; "今年的目标呢？", "去年实际产量呢？" the year (and whether a
  target or what was achieved is asked);
- "就业目标呢？" asks about another indicator; "增速呢？" for the growth of the previous indicator;
- "去年实际增长了多少？" asks the previous indicator's growth in another year; "增速在全国排第几？" its growth's rank;
- "哪个更高？", "两者差多少？" compare the previous question's places, for an indicator or any other thing;
- "第二项是什么？" asks that item of the list the previous question asked for.

A follow-up naming a thing the previous question did not (吉林去年产业投资增长多少？) is a question of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from assistant.list_answer import asked_list
from assistant.query import QueryAnalysis, analyze
from corpus.indicators import indicator_named
from corpus.places import place_groups

RELATIVE_YEAR = re.compile(r"^(今年|去年|上年|明年|当年)")
ITEM_ONLY = re.compile(r"(?:那么?|那|其中)?(第[一二三四五六七八九十]+|第\d{1,2}|最后一)(项|个|件|条|场|方面|篇|点|类|种)?"
                       r"(?:是什么|是哪个|是哪一项|是哪一[篇件条]|是啥|呢)?[？?。]*")
LOOKING_BACK = re.compile(r"去年|上年|实际")
LOOKING_BACK_ONLY = re.compile(r"实际")
COMPARING = re.compile(r"(?:哪个|哪一个|谁|哪些|哪几个)[^，,。？?]{0,10}(?:更|最)?(?:高|低|多|少|快|慢|大|小|严|宽)|"
                       r"相差|差了多少|差多少|差距")
POINTING = re.compile(r"这两个里面|这两个中|这两个|两个里面|两个中|两者中|两者|两地|两省|这一目标|这个目标|这一指标|这个指标|这项指标")
TARGET_WORDS = ("目标", "计划", "预期")
SETTING = re.compile(r"(?:制定|设定|确定|提出|定下|定)的")
DOCUMENT_ASKS = re.compile(r"^(?:这份报告|报告|它)?(?:是)?(?:哪天|哪一天|什么时候|何时|在什么会议|在哪次会议|由谁|谁)(?:作|做|发布|印发)")
SAME_DAY = re.compile(r"同一天|同一日|同日|当天|那一天|那天")
DATE = re.compile(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日")
PLACE_POINTER = re.compile(r"^(?:那)?(?:去年|今年)?(它|该省|该地|这个省|这个地方|这个省份|这里)")
ACROSS_PLACES = re.compile(r"省份|省区市|地方|地区|哪些省|哪个省")
YEAR_PHRASE = re.compile(r"(?:到|至|在)?(?:19|20)\d{2}年(?:底|末|前)?|今年|去年|上年|明年")
GROWTH_MODIFIERS = ("增速", "增长率", "增幅", "增长")
TOTAL = ("总量",)
MODIFIERS = (*GROWTH_MODIFIERS, *TOTAL, "目标")
# A question asking how many items a list has: 要办几件民生实事 (its measure word, and the thing counted).
COUNT_ASKED = re.compile(r"(?:几|多少)([件项个条类种场])([\u4e00-\u9fff]{2,8}?)(?:[？?。，,]|$)")
ACHIEVED = "实际"
EXTREMES = {a: b for x, y in (("最高", "最低"), ("最多", "最少"), ("最大", "最小"), ("最快", "最慢")) for a, b in ((x, y), (y, x))}
TARGET = "目标"
MODIFIER_ONLY = re.compile(rf"({'|'.join(MODIFIERS)})(?:是|为|有|达到)?(?:多少|几)[？?。]*")
QUESTION_PART = re.compile(r"(?:的)?(?:目标)?(?:是|为|有|达到|要)?(?:多少|(?<!第)几|多大|怎样|如何|什么)")


# Words that carry no subject of their own: a question made only of these needs the previous subject.
GENERIC = frozenset(
    "完成 实现 制定 出台 建成 开工 推进 开展 建设 落实 目标 要求 计划 安排 措施 具体 情况 内容 进展 时间 期限 "
    "达到 提高 降低 增长 一部 一部分 部分 方面 这个 那个 这些 那些 这项 年 多少 规模 数量 总共 一共 相关 线 条 个 家 项 "
    "比 上年 去年 今年 明年 当年 同期 全国 排 第几 排名 件 建 办 一天 哪一天 增速 增幅 新增 增加 减少 占 大 实际 "
    "投入 钱 多少钱 累计 总数 目前 现在".split()
)


def names_new_thing(text: str, previous: str) -> bool:
    """Whether ``text`` names something beyond generic words and what ``previous`` named (去年投资实际增长了多少 after
    a question about 固定资产投资 names nothing new; 吉林去年产业投资增长多少 names 产业)."""
    words = (t.removesuffix("了") for t in analyze(text).tokens)  # 产了 is the verb 产
    previous = previous.lower()  # tokens are lower-case (Jiangsu → jiangsu)
    return any(len(w) > 1 and w not in GENERIC and not w.isdigit() and w not in previous for w in words)


def is_subject_free(analysis: QueryAnalysis) -> bool:
    """Whether a question names nothing of its own (什么时候完成？, 比上年增长了多少？), only generic words."""
    return all(t in GENERIC or t.isdigit() for t in analysis.tokens)


class Mentioned(Protocol):
    start: int
    end: int


PlaceFinder = Callable[[str], Sequence[Mentioned]]
# Words that make a question about every place (or rank them); narrowed to one place, they go.
COLLECTIVE = re.compile(r"各(?:个)?(?:省份|省区市|省市|省|地区|地方|地)|(?:哪个|哪些|哪几个)(?:省份|省区市|省|地方|地区)|分别|"
                        r"\d+份报告中?|全部|最高|最低|最多|最少|最大|最小|最快|最慢")
ASKS = re.compile(r"多少|几|哪|什么|怎样|如何|吗")
WHO = re.compile(r"(?:的)?是(?:谁|哪个|哪一个|哪里)|谁的")


@lru_cache(maxsize=1)
def _group_names() -> re.Pattern[str]:
    """The names of the shipped place groups (西北五省区, 四个直辖市), with the 里/中 after them."""
    names = sorted({n for g in place_groups() for n in (g.name, *g.aliases)}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, names)) + ")(?:里|中|当中|之中)?") if names else re.compile("(?!)")


def with_place(place: str, previous: str, mentions: Sequence[Mentioned]) -> str:
    """The previous question about ``place``: the places it named (one, or a pair compared) become ``place``; a
    question that named none (or a group, or asked who ranks first) is narrowed to it."""
    if not mentions:
        narrowed = WHO.sub("", COLLECTIVE.sub("", _group_names().sub("", previous)))
        return place + (narrowed if ASKS.search(narrowed) else narrowed.rstrip("？?。 的") + "是多少？")
    return previous[: mentions[0].start] + place + previous[mentions[-1].end:]


def _with_year(word: str, previous: str) -> str:
    match = YEAR_PHRASE.search(previous)
    if match is None:
        return word + previous
    return previous[: match.start()] + word + previous[match.end():]


def _achieved(previous: str) -> str:
    """The previous question asking what was achieved rather than targeted."""
    return previous.replace("预期目标", "").replace(TARGET, "")


def _indicator_span(text: str) -> tuple[int, int] | None:
    """Where ``text`` names an indicator."""
    named = indicator_named(text)
    if named is None:
        return None
    start = text.lower().find(named[1].lower())
    return start, start + len(named[1])


def _after_indicator(previous: str, word: str) -> str | None:
    """``previous`` with ``word`` put right after the indicator it names (地区生产总值 + 增速 → 地区生产总值增速)."""
    span = _indicator_span(previous)
    return previous[:span[1]] + word + previous[span[1]:] if span else None


def _targeted(previous: str) -> str:
    return previous if TARGET in previous else _after_indicator(previous, TARGET) or previous


def _with_indicator(topic: str, previous: str) -> str | None:
    """The previous question about the indicator ``topic`` names (就业目标 → …城镇新增就业目标…)."""
    span = _indicator_span(previous)
    if indicator_named(topic) is None or span is None:
        return None
    start, end = span
    if previous.startswith(TARGET, end) and topic.endswith(TARGET):
        end += len(TARGET)
    elif previous.startswith("增长目标", end) and topic.endswith(TARGET):
        end += len("增长目标")
    return previous[:start] + topic + previous[end:]


def _with_modifier(modifier: str, previous: str) -> str | None:
    """The previous indicator's growth, total or target (地区生产总值 + 增速 → 地区生产总值增速)."""
    if modifier in previous:
        return previous
    if modifier == TARGET:  # 目标呢 after 去年进出口增长了多少: this year's target
        targeted = _targeted(previous).replace(TARGET + "了", TARGET + "是")
        return _with_year("今年", LOOKING_BACK_ONLY.sub("", targeted)) if LOOKING_BACK.search(targeted) else targeted
    span = _indicator_span(previous)
    if span is None:
        return None
    # 总量 after 增速 asks for the total instead of the growth, and the other way round
    alias = previous[span[0]: span[1]]
    same, other = (GROWTH_MODIFIERS, TOTAL) if modifier in GROWTH_MODIFIERS else (TOTAL, GROWTH_MODIFIERS)
    if any(alias.endswith(m) or previous.startswith(m, span[1]) for m in same):
        return previous
    inside = next((m for m in other if alias.endswith(m) and len(alias) > len(m)), "")
    after = next((m for m in other if previous.startswith(m, span[1])), "")
    rest = previous[span[1] + len(after):]
    if (inside or after) and rest.startswith("了"):  # 增长了多少 → 总量是多少
        rest = "是" + rest[1:]
    return previous[: span[1] - len(inside)] + modifier + rest


def _prefixed(rest: str, previous: str) -> str | None:
    """The previous question about the indicator ``rest`` makes of the previous one (人均呢？ after 地区生产总值)."""
    span = _indicator_span(previous)
    before = indicator_named(previous)
    if span is None or not rest or before is None:
        return None
    alias = previous[span[0]: span[1]]
    for stem in dict.fromkeys((alias, *(alias.removesuffix(m) for m in GROWTH_MODIFIERS if alias.endswith(m)))):
        named = indicator_named(rest + stem)  # 人均 + 地区生产总值(增长) → 人均地区生产总值
        if named is not None and named[0] != before[0] and named[1] == rest + stem:
            return previous[: span[0]] + rest + stem + previous[span[1]:]
    return None


def _changed(rest: str, previous: str) -> str | None:
    """``previous`` with the part ``rest`` names changed (a year, achieved/targeted, an indicator, a measure)."""
    rest = SETTING.sub("", rest)  # 今年定的目标: 定的 says nothing of what is asked
    if not rest:
        return previous
    relative = RELATIVE_YEAR.match(rest)
    if relative is not None:
        changed = _with_year(relative.group(), previous)
        rest = rest[relative.end():].lstrip("的")
        if ACHIEVED in rest or (LOOKING_BACK.fullmatch(relative.group()) and not any(w in rest for w in TARGET_WORDS)):
            changed = _achieved(changed)  # 去年呢？ after this year's target: what last year achieved
            rest = rest.replace(ACHIEVED, "")
        elif any(w in rest for w in TARGET_WORDS):
            changed = _targeted(changed)
            for word in TARGET_WORDS:
                rest = rest.replace(word, "")
        if rest and (rest in previous or set(rest) <= set(previous)):  # 去年实际产量呢 after 粮食产量 (棉花产量 after
            rest = ""                                                      # 棉花总产量): already asked
        return _changed(rest, changed) if rest and rest not in MODIFIERS else (
            _with_modifier(rest, changed) if rest else changed)
    if (swapped := _with_indicator(rest, previous)) is not None:
        if TARGET in rest and LOOKING_BACK.search(swapped):  # 去年实际增长了多少 → 社会消费品零售总额目标呢
            swapped = _with_year("今年", LOOKING_BACK_ONLY.sub("", swapped))
        return swapped
    if rest in MODIFIERS:
        return _with_modifier(rest, previous)
    if (prefixed := _prefixed(rest, previous)) is not None:
        return prefixed
    if rest in EXTREMES and EXTREMES[rest] in previous:  # 最低呢？ after …最高的是谁？
        return previous.replace(EXTREMES[rest], rest, 1)
    return None


def modifier_asked(question: str) -> str | None:
    """The growth, total or target a question asks for and nothing else ("总量是多少？", "增速是多少？"): it asks it
    of the previous indicator, as "总量呢？" would."""
    match = MODIFIER_ONLY.fullmatch(question.strip())
    return match.group(1) if match else None


def follow_topic(topic: str, previous: str, places: PlaceFinder) -> str | None:
    """The standalone question for the elliptical "那X呢？" whose X is ``topic``, when X is a place and/or a part of
    the previous question; None when it is neither."""
    topic = topic.strip()
    named = places(topic)
    changed = previous
    if named and named[0].start == 0:
        before = places(previous)
        changed = with_place(topic[: named[-1].end], previous, before)
        rest = topic[named[-1].end:].strip("的 ")
        if before and rest and previous.startswith(rest, before[-1].end):  # 那天津港呢 after 上海港…: 港 stays
            rest = ""
    else:
        rest = topic.rstrip("的")
    result = _changed(rest, changed)
    return result if result is not None and result != previous else None


def follow_year(question: str, previous: str, places: PlaceFinder) -> str | None:
    """A question that opens with another year and names no indicator of its own ("去年实际增长了多少？", "内蒙古去年
    实际增长了多少？") asks it of the previous question's indicator, and of its place unless it names one."""
    own = places(question)
    lead = question[: own[-1].end] if own and own[0].start == 0 else ""
    question = question[len(lead):].lstrip("的")
    relative = RELATIVE_YEAR.match(question)
    named = indicator_named(previous)
    if relative is None or named is None or indicator_named(question) is not None:
        return None
    if names_new_thing(question[relative.end():], previous):  # 吉林去年产业投资增长多少？ asks about another thing
        return None
    mentions = places(previous)
    place = lead or (previous[mentions[0].start: mentions[-1].end] if mentions else "")
    asked = question[relative.end():]
    start = previous.lower().find(named[1])
    alias = previous[start: start + len(named[1])]
    if alias.endswith("增长") and "增长" in asked:
        alias = alias[: -len("增长")]
    return f"{place}{relative.group()}{alias}{asked}"


def follow_comparison(question: str, previous: str, places: PlaceFinder, answer: str = "") -> str | None:
    """"哪个更低？", "哪个省份这一目标最高？" after a question about an indicator: the same indicator compared, among the
    previous question's places (or the two its ``answer`` found, for "这两个里面…") — or among every place, when the
    follow-up asks which province. A year the follow-up names replaces the previous one, and a look back at what was
    achieved ("哪个2024年实际增速更高？" after targets) drops the target."""
    if COMPARING.search(question) is None or indicator_named(question) is not None:
        return None
    span = _indicator_span(previous)
    mentions = places(previous)
    if span is None:  # 两者差多少？ after 上海港和天津港…集装箱吞吐量是多少？: the same thing of both places
        asks = QUESTION_PART.search(previous, mentions[-1].end) if len(mentions) >= 2 else None
        return previous[: asks.start()] + POINTING.sub("", question).strip() if asks else None
    start, end = span
    alias = previous[start:end]
    asked = POINTING.sub("", question).strip()
    own_year = YEAR_PHRASE.search(asked)
    year = own_year or YEAR_PHRASE.search(previous[:start])
    if own_year is not None:
        asked = asked[: own_year.start()] + asked[own_year.end():]
    if LOOKING_BACK.search(question):
        asked = LOOKING_BACK_ONLY.sub("", asked)
        if alias.endswith(GROWTH_MODIFIERS[-1]) and any(m in asked for m in GROWTH_MODIFIERS[:-1]):
            alias = alias[: -len(GROWTH_MODIFIERS[-1])]  # 地区生产总值增长 + 增速 → 地区生产总值增速
    elif previous.startswith(TARGET, end):
        alias += TARGET
    year_text = year.group() if year else ""
    if ACROSS_PLACES.search(asked):
        return f"{year_text}{alias}{asked}"
    compared = _places_compared(previous, mentions, answer, places) if POINTING.search(question) or not mentions else (
        previous[mentions[0].start: mentions[-1].end])
    if not compared:
        return f"{year_text}{alias}{asked}"
    return f"{compared}{year_text}{alias}{asked}"


def _places_compared(previous: str, mentions: Sequence[Mentioned], answer: str, places: PlaceFinder) -> str:
    """The places "这两个", "两者" point at: the previous question's, else the two its answer's first line names."""
    if mentions:
        return previous[mentions[0].start: mentions[-1].end]
    line = answer.split("\n", 1)[0]
    found = list(dict.fromkeys(line[m.start: m.end] for m in places(line)))
    return "和".join(found) if len(found) == 2 else ""


def follow_place(question: str, previous: str, places: PlaceFinder) -> str | None:
    """"青海今年的目标是多少？" after a question about an indicator: the same indicator, of the place it names;
    "增速在全国排第几？", naming no place, asks it of the previous question's place."""
    own, before = places(question), places(previous)
    span = _indicator_span(previous)
    if span is None or indicator_named(question) is not None:
        return None
    if own and own[0].start == 0:
        lead, rest = question[: own[-1].end], question[own[-1].end:]
    elif not own and before and question.startswith(MODIFIERS):
        lead, rest = previous[before[0].start: before[-1].end], question
    else:
        return None
    if names_new_thing(rest, previous):  # 内蒙古2024年新能源装机规模达到多少？ is a question of its own
        return None
    year = YEAR_PHRASE.search(previous)
    if year is not None and YEAR_PHRASE.search(question) is None:
        lead += year.group()
    alias = previous[span[0]: span[1]]
    at = next((rest.find(w) for w in (*TARGET_WORDS, *MODIFIERS) if w in rest), -1)
    if at < 0:
        asks = QUESTION_PART.search(rest)
        at = asks.start() if asks else len(rest.rstrip("？?"))
    return lead + rest[:at].rstrip("的") + alias + rest[at:]


def named_in_answer(question: str, answer: str, places: PlaceFinder) -> str:
    """A question pointing at the place the previous answer found ("它去年实际增长了多少？" after "哪个省份的目标
    最低？"): the pronoun becomes that place — the first one the answer's opening line names after its colon."""
    pointer = PLACE_POINTER.search(question)
    if pointer is None:
        return question
    line = answer.split("\n", 1)[0]
    found = places(line[line.find("：") + 1:]) if "：" in line else []
    if not found:
        return question
    head = line[line.find("：") + 1:]
    place = head[found[0].start: found[0].end]
    return question[: pointer.start(1)] + place + question[pointer.end(1):]


def dated_in_answer(question: str, answer: str) -> str:
    """"同一天还有哪些省份作了报告？" after an answer giving a date: the day becomes that date."""
    pointer, date = SAME_DAY.search(question), DATE.search(answer.split("（出处", 1)[0])
    if pointer is None or date is None:
        return question
    return question[: pointer.start()] + date.group() + question[pointer.end():]


def follow_item(question: str, previous: str, places: PlaceFinder, answer: str = "") -> str | None:
    """"第二项是什么？" after a question asking a list's items, or how many there are ("要办几件民生实事？", answered
    "办好15件民生实事"): that item of the same list, of the same place."""
    asked = ITEM_ONLY.fullmatch(question.strip())
    if asked is None:
        return None
    listed = asked_list(previous)
    counted = COUNT_ASKED.search(previous) if listed is None else None
    if counted is not None:
        found = re.search(rf"(?:\d{{1,3}}|[一二三四五六七八九十两]+){counted.group(1)}{re.escape(counted.group(2))}", answer)
        listed = (found.group(), None) if found else None
    if listed is None:
        return None
    mentions = places(previous)
    place = previous[mentions[0].start: mentions[-1].end] if mentions else ""
    return f"{place}“{listed[0]}”的{asked.group(1)}{asked.group(2) or '项'}是什么？"


def follow_document(question: str, previous: str, places: PlaceFinder) -> str | None:
    """"哪天作的？", "谁作的报告？" after a question about one place's document: asked of that place's report."""
    mentions = places(previous)
    if not mentions or places(question) or DOCUMENT_ASKS.search(question) is None:
        return None
    return f"{previous[mentions[0].start: mentions[-1].end]}的报告{question}"
