"""Follow-ups that ask for arithmetic on the figures the conversation's answers gave.

"两者相差多少？" after two answers, "比去年实际增速高多少？" after a target and last year's result, "要比去年多产多少？",
"三者合计多少？" after an answer listing three amounts: the reply is computed from those figures, each cited, with
no new search. A follow-up naming something the earlier questions did not is not one of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.conversation import QUESTION_WORD
from assistant.sessions import Turn
from assistant.topic_followup import names_new_thing
from corpus.facts import Fact
from corpus.figures import amount_text, chinese_number, difference_text, magnitude_of

DIFFERENCE = re.compile(r"相差|差距|差了?多少|差几|(?P<way>高|低|多|少|快|慢|大|小)[产收建增投引招]?(?:出|了)?(?:多少|几)|"
                        r"\bby how much\b|\bhow much (?:higher|lower|more|less)\b|\bdifference\b", re.IGNORECASE)
SUM = re.compile(r"合计|加起来|加在一起|合起来|一共|总共|共计|总和|之和|总计|\bin total\b|\bcombined\b|\badd(?:ed)? up\b",
                 re.IGNORECASE)
HOW_MANY = re.compile(r"([两二三四五六七八九十])(?P<what>者|项|个|地|省|市|区|样|年|类)")
PLACES_COUNTED = ("地", "省", "市", "区")  # 两省合计: one figure of each place
OPPOSITES = {"高": "低", "低": "高", "多": "少", "少": "多", "快": "慢", "慢": "快", "大": "小", "小": "大"}
# Words of an arithmetic follow-up that name nothing: 两者, 比去年, 实际, 全年 …
FRAME = re.compile(r"个?百分点|全年|至少|最少|起码|大约|大概|这|那|两者|三者|[两二三四五六七八九十](?:项|个|地|省|样|年|类)|比|较|和|与|跟|同|的|"
                   r"是|要|了|呢|还|再|[？?。！!，,]|\b(?:which|of|the|two|three|both|them|is|are|was|higher|lower|more|"
                   r"less|and|by|how|much|what|between|in|all|together|one|than|s|so|does|do|did|it|its|need|needs|to|produce|make|"
                   r"reach|grow|get)\b", re.IGNORECASE)
ASKED_UNIT = re.compile(r"(?:多少|几)([个件项人家所座条辆列])(?!百分点)")
WHICH_PLACE = re.compile(r"谁|哪个|哪些|哪几|最[高低多少大小快慢]")
PLAIN_PHRASE = re.compile(r"[\u4e00-\u9fff]{2,16}")
# Within this factor of each other, two amounts of one base unit measure comparable things (not 1050斤 vs 466亿斤).
COMPARABLE = Decimal(1000)


@dataclass(frozen=True)
class Worked:
    """A computed reply: the question it was read as, its text, and the figures it used."""

    standalone: str
    text: str
    facts: tuple[Fact, ...]


def _comparable(a: Fact, b: Fact) -> bool:
    if a.base_unit != b.base_unit or a.base_value is None or b.base_value is None or a.fact_id == b.fact_id:
        return False
    x, y = abs(Decimal(a.base_value)), abs(Decimal(b.base_value))
    return min(x, y) * COMPARABLE >= max(x, y)


def _shared(words: str, fact: Fact) -> tuple[int, int]:
    """How many of ``words``' character pairs, then characters, the fact's subject and measure hold."""
    own = fact.subject + (fact.metric or "")
    pairs = {words[i:i + 2] for i in range(len(words) - 1)}
    return sum(p in own for p in pairs), sum(ch in own for ch in set(words))


def _given(turn: Turn, fact_of: Callable[[str], Fact | None]) -> list[Fact]:
    """The figures a turn's answer gave, the one its question asked about first (by the user's own words, then by
    the question they were read as)."""
    facts = [f for f in map(fact_of, turn.facts) if f is not None and f.kind == "figure" and f.base_value is not None]
    return sorted(facts, key=lambda f: (_shared(turn.question, f), _shared(turn.rewritten, f)), reverse=True)


def _asked_thing(question: str) -> str:
    """What a question asks the figure of: its words before the question word (湖南省今年的目标定了多少 → 湖南省今年的目标);
    nothing for a question asking which place (谁的目标最低), whose words do not name the figure."""
    if QUESTION_WORD.search(question) is None or WHICH_PLACE.search(question):
        return ""
    return QUESTION_WORD.split(question, 1)[0].rstrip("是为的有要达到定了")


def _labels(history: Sequence[Turn], turns: Sequence[list[Fact]], place_of: Callable[[str], str]) -> dict[str, str]:
    """What each figure is, in words: the (Chinese) question's subject when its answer gave that one figure, else the
    figure's own subject when it is a plain phrase (an answer listing several amounts gives none: it is cited); led
    by its document's place when the words do not name it."""
    labels = {}
    for turn, facts in zip(history, turns):
        for fact in facts:
            own = fact.subject if PLAIN_PHRASE.fullmatch(fact.subject) else ""
            asked = _asked_thing(turn.rewritten) if len(facts) == 1 and not turn.rewritten.isascii() else ""
            label = asked or own
            place = place_of(fact.doc_id)
            labels[fact.fact_id] = label if place in label else f"{place}{label}"
    return labels


def _value(fact: Fact) -> Decimal:
    return Decimal(fact.value)


def _in_asked_unit(question: str, turns: Sequence[list[Fact]]) -> list[list[Fact]]:
    """Each answer's figures in the unit the question asks in, when it names one (多几件 leaves out 125亿元)."""
    asked = ASKED_UNIT.search(question)
    if asked is None:
        return list(turns)
    return [[f for f in facts if (f.unit or "").endswith(asked.group(1))] for facts in turns]


def _difference(question: str, turns: Sequence[list[Fact]]) -> tuple[Fact, Fact] | None:
    """The latest answer's figure, and the closest earlier one it can be compared with (the one the question's words
    point at, when they point at one: 去年全年 picks 全年增长4.8%, not 四季度增长5.6%)."""
    given = [facts for facts in _in_asked_unit(question, turns) if facts]
    if not given:
        return None
    latest = given[-1][0]
    earlier = [f for facts in reversed(given[:-1]) for f in facts if _comparable(latest, f)]
    if not earlier:
        earlier = [f for f in given[-1][1:] if _comparable(latest, f)]
    if not earlier:
        return None
    best = max(earlier, key=lambda f: _shared(question, f))
    if _shared(question, best) == (0, 0):
        best = earlier[0]
    return latest, best


def _sum(how_many: int | None, turns: Sequence[list[Fact]], by_place: bool = False) -> list[Fact]:
    """The figures to add: the latest answer's, when it gave enough of one kind (and the question does not count
    places); else the asked figure of each of the latest answers, back to as many as asked (two when it does not say),
    one per place when it counts places."""
    given = [facts for facts in turns if facts]
    if not given:
        return []
    latest = given[-1]
    alike = [latest[0], *(f for f in latest[1:] if _comparable(latest[0], f))]
    wanted = how_many or (len(alike) if len(alike) > 1 else 2)
    if by_place:  # one per place: the latest answer's, when it gave each place's (北京和上海…分别是多少？)
        alike = [f for i, f in enumerate(alike) if all(f.doc_id != g.doc_id for g in alike[:i])]
    if len(alike) >= wanted and (not by_place or len(alike) == wanted):
        return alike[:wanted] if by_place else sorted(alike, key=lambda f: f.start)[:wanted]
    picked = [latest[0]]
    for facts in reversed(given[:-1]):
        match = next((f for f in facts if _comparable(picked[0], f) and all(f.fact_id != p.fact_id for p in picked)
                      and not (by_place and any(f.doc_id == p.doc_id for p in picked))), None)
        if match is not None:
            picked.insert(0, match)
        if len(picked) == wanted:
            return picked
    return []


def _asks_nothing_else(question: str, history: Sequence[Turn]) -> bool:
    rest = FRAME.sub("", SUM.sub("", DIFFERENCE.sub("", question)))
    return not names_new_thing(rest, "".join(t.rewritten for t in history))


def work_out(question: str, history: Sequence[Turn], fact_of: Callable[[str], Fact | None],
             place_of: Callable[[str], str]) -> Worked | None:
    """The computed reply to an arithmetic follow-up on the figures of ``history``'s answers (``place_of`` names a
    document's place), or None when the question is not one or the answers gave no figures it could use."""
    if not history or not _asks_nothing_else(question, history):
        return None
    answered = [turn for turn in history if turn.answered]
    turns = [_given(turn, fact_of) for turn in answered]
    label = _labels(answered, turns, place_of)
    difference, total = DIFFERENCE.search(question), SUM.search(question)
    if difference is not None:
        return _compared(question, difference.group("way"), turns, label)
    if total is not None:
        return _added(question, turns, label)
    return None


def _compared(question: str, way: str | None, turns: Sequence[list[Fact]], label: dict[str, str]) -> Worked | None:
    """"高多少？" and "相差多少？": the latest figure against the earlier one the question points at."""
    pair = _difference(question, turns)
    if pair is None:
        return None
    a, b = pair
    gap = difference_text(_value(a), a.unit or "", _value(b), b.unit or "")
    if way is None:
        verdict = f"两者相差{gap}"
    else:
        more = way if way in "高多快大" else OPPOSITES[way]
        a_more = _value(a) * magnitude_of(a.unit or "") >= _value(b) * magnitude_of(b.unit or "")
        verdict = f"前者比后者{more if a_more else OPPOSITES[more]}{gap}"
    text = f"{label[a.fact_id]}{a.written}，{label[b.fact_id]}{b.written}：{verdict}。"
    return Worked(f"{label[a.fact_id]}（{a.written}）比{label[b.fact_id]}（{b.written}）{way or '相差'}多少？", text, (a, b))


def _added(question: str, turns: Sequence[list[Fact]], label: dict[str, str]) -> Worked | None:
    """"三者合计多少？", "两省合计多少个？": the figures asked, added up (never percentages)."""
    count = HOW_MANY.search(question)
    parts = _sum(chinese_number(count.group(1)) if count else None, turns,
                 count is not None and count.group("what") in PLACES_COUNTED)
    if len(parts) < 2 or parts[0].unit == "%":
        return None
    units = [p.unit or "" for p in parts]
    amount = amount_text(sum((_value(p) * magnitude_of(p.unit or "") for p in parts), Decimal(0)), units)
    # a label said once for a run of figures it names alike (山东3252亿元、2140亿元、748亿元)
    listed = "、".join(("" if i and label[p.fact_id] == label[parts[i - 1].fact_id] else label[p.fact_id]) + p.written
                      for i, p in enumerate(parts))
    return Worked(f"{'、'.join(p.written for p in parts)}合计多少？", f"{listed}，合计{amount}。", tuple(parts))
