"""Follow-up questions rewritten into standalone ones, deterministically, from the previous turn.

The context is the previous turn's standalone question, plus the plan areas
the recent answers were about. A new question is resolved against it:

- a follow-up on the project table ("总投资呢？", "其中<part>的呢？", "比<area>领域多多少？",
  "这两个领域加起来呢？") keeps the previous areas, categories, measures and operation
  except those it names, and is rendered as a full table question;
- an elliptical "那X呢？" asks the previous question about X ("那地区生产总值呢？"
  after "到2025年常住人口要达到多少？" → "到2025年地区生产总值要达到多少？"), and
  "2023年呢？" swaps the year;
- a pronoun (它, 这, 这个目标, 该项工作…) is replaced by the previous subject;
- a question without a subject of its own ("什么时候完成？") gets the previous one.

Anything else is complete: it is left alone and becomes the new context, so a
change of topic drops what was carried.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.english_followup import follow_english
from assistant.list_answer import replied_item
from assistant.query import YEAR, QueryAnalysis, analyze
from corpus.indicators import indicator_named
from assistant.sessions import Turn
from assistant.table_followup import follow_table, needs_context, render_table_query
from assistant.table_query import parse_table_query
from corpus.table_vocabulary import NO_TABLE, TableVocabulary
from assistant.topic_followup import (
    COMPARING, PlaceFinder, follow_comparison, follow_document, follow_item, follow_place, follow_topic, follow_year,
    dated_in_answer, is_subject_free, modifier_asked, named_in_answer, with_place,
)
from assistant.topic_followup import YEAR_PHRASE as WHEN  # a year or 今年/去年; this module's YEAR_PHRASE is a year only

QUESTION_WORD = re.compile(
    r"多少[个家条项所辆人元件次座名]?|多大|多高|多快|几[个家条项所年月处天]?|什么时候|何时|哪一年|哪年|哪些|哪几[个家条项所]?|哪项|哪一项|哪个|哪一|哪条|哪|什么|如何|怎样|怎么|是否|吗"
)
# Words between a subject and its question word: 目标是多少, 要达到多少, 稳定在多少, 属于哪项任务.
FRAME_WORDS = sorted(
    "目标 要求 计划 预计 力争 争取 要 将 会 是 为 有 能 大概 大约 约 一共 共 总共 的 达到 提高到 提升到 降低到 降到 降低 "
    "增长 稳定在 保持在 控制在 突破 超过 属于 归在 放在 出现在 在 被 突破了 达到了 超过了 包括 包含 是指 指".split(),
    key=len,
    reverse=True,
)
LEAD = re.compile(r"^(?:那么|那|还有|另外|再问一下|再问|然后)[，,、\s]*")
ELLIPSIS = re.compile(r"^(?P<x>.*?)(?:的)?呢[？?！!。.\s]*$|^(?:and\s+)?(?:how|what)\s+about\s+(?P<en>.+?)[?.!\s]*$",
                      re.IGNORECASE)
PRONOUN = re.compile(
    r"它们|它|其(?=目标|任务|内容|要求|时间)|(?:这|那|该|此)(?:个|项|些|一项|一个|条)?"
    r"(?:目标|任务|工作|项目|措施|政策|指标|数字|方案|事情|事)|(?:这|那)(?:一项|一个|个|项|些|条)|该|此|这"
)
POINTED_NOUNS = ("目标", "任务", "指标")  # 这个目标 after "…总产量目标是多少？": the subject's own noun is kept
BASELINE = re.compile(r"[较比跟与同]")
# Words for "the place we were talking about" (全省接待游客增长多少), and words that ask across places instead.
BOTH = re.compile(r"两者|两省|两地|两个省|两个地方|二者|这两个")
ACROSS_PLACES = re.compile(r"哪个省|哪个地区|哪个市|哪些|各省|各地|各市|几个省|几个地区|省份|全国|几份|多少份|哪份|哪几份|所有|全部|\d+份")
YEAR_PHRASE = re.compile(r"(?:到|至|在)?(?:19|20)\d{2}年(?:底|末|前)?")
OWN_YEAR = re.compile(r"(?<![比较同与跟])(?:(?:19|20)\d{2}年|今年|去年|上年|明年)")  # not a baseline (比上年增长)
PUNCTUATION = "？?！!。.，,、 "
PLACE_JOINERS = ("和", "与", "及", "、", "跟", "同", " and ", ", ")
SHORT_SECOND_QUESTION = 8
THAT_YEAR = re.compile(r"\b(?:in )?that year\b", re.IGNORECASE)
SIBLING_MIN, SIBLING_HEAD = 4, 2  # 服务贸易 beside 货物贸易: four characters, the last two shared

@dataclass(frozen=True)
class Resolution:
    """The standalone question a turn was understood as, and how."""

    question: str
    standalone: str
    how: str  # "standalone", "table", "ellipsis", "topic", "year", "pronoun", "subject", "place", "measure", "figures" (arithmetic on earlier answers), or "dangling" (a follow-up with nothing before it)

    @property
    def rewritten(self) -> bool:
        return self.standalone != self.question


def _frame(question: str) -> tuple[int, re.Match[str]] | None:
    """Where the question part begins (its question word and the frame words before it), and that question word."""
    match = QUESTION_WORD.search(question)
    if match is None:
        return None
    start = match.start()
    while True:
        word = next((w for w in FRAME_WORDS if question[:start].endswith(w)), None)
        if word is None or start == len(word):
            return start, match
        start -= len(word)


def subject_of(question: str) -> str:
    """The thing a question is about: "到2025年城镇新增就业目标是多少？" → "到2025年城镇新增就业"."""
    text = LEAD.sub("", question.strip().rstrip(PUNCTUATION))
    frame = _frame(text)
    if frame is None:
        return text
    start, match = frame
    after = _after_question_word(text, match)
    if after:  # "2025年要建成哪些城市快速路" → "2025年要建成城市快速路"
        return (text[: match.start()] + after).strip()
    return text[:start].rstrip("的").strip()


def _after_question_word(text: str, match: re.Match[str]) -> str:
    """What a question names after its question word ("…建成哪些城市快速路" → "城市快速路"), if anything."""
    after = text[match.end():].strip()
    return after if after and not is_subject_free(analyze(after)) else ""


def object_of(question: str) -> str | None:
    """The thing counted when a question asks how much was done to it: "吉林去年新建和改造提升了多少高标准农田？" →
    "高标准农田" (None for a question of another shape)."""
    text = LEAD.sub("", question.strip().rstrip(PUNCTUATION))
    frame = _frame(text)
    after = _after_question_word(text, frame[1]) if frame is not None else ""
    return after if after and QUESTION_WORD.search(after) is None else None


def _year_phrase(text: str) -> str:
    match = YEAR_PHRASE.search(text)
    return match.group(0) if match else ""


def _ask_about(topic: str, previous: str) -> str:
    """The previous question asked about ``topic`` instead: its year and its question part are kept when
    the question part ends it ("…要达到多少？"); otherwise the kind of answer it wanted is asked for."""
    text = LEAD.sub("", previous.strip())
    frame = _frame(text)
    year = "" if YEAR.search(topic) else _year_phrase(text[:frame[0]] if frame else text)
    if frame is not None:
        start, match = frame
        if is_subject_free(analyze(text[match.end():])):
            return f"{year}{topic}{text[start:]}"
    before = analyze(previous)
    asks = "属于哪项任务？" if before.wants_place else "是什么时候？" if before.wants_time else (
        "是多少？" if before.wants_number else "有哪些安排？")
    return f"{year}{topic}{asks}"


def _swap_year(year: str, previous: str) -> str:
    """``previous`` about ``year``: the first year that is not a baseline (跟2020年比, 较2020年) is replaced."""
    for match in YEAR.finditer(previous):
        if not BASELINE.fullmatch(previous[max(0, match.start() - 1): match.start()]):
            return previous[: match.start()] + year + previous[match.end():]
    return f"{year}年{previous}"


def _elliptical_topic(question: str) -> str | None:
    """X in "那X呢？" (None when the question is not of that shape or X is itself a question)."""
    match = ELLIPSIS.match(LEAD.sub("", question.strip()))
    if match is None:
        return None
    topic = (match.group("x") if match.group("x") is not None else match.group("en")).strip(PUNCTUATION)
    return topic if topic and QUESTION_WORD.search(topic) is None else None


def _sibling(topic: str, previous: str) -> str | None:
    """The word of ``previous`` that ``topic`` stands beside, sharing its head (货物贸易 for 服务贸易), if there is one."""
    if len(topic) < SIBLING_MIN or not re.fullmatch(r"[\u4e00-\u9fff]+", topic):
        return None
    head = topic[-SIBLING_HEAD:]
    return next((w for w in analyze(previous).tokens if len(w) >= SIBLING_MIN and w.endswith(head) and w != topic
                 and w[:-SIBLING_HEAD] and not any(c in topic[:-SIBLING_HEAD] for c in w[:-SIBLING_HEAD])), None)


def is_dangling(question: str) -> bool:
    """A follow-up that cannot stand alone: "总投资呢？", "它属于哪项任务？", "什么时候完成？"."""
    if _elliptical_topic(question) is not None:
        return True
    analysis = analyze(question)
    return is_subject_free(analysis) and (QUESTION_WORD.search(question) is not None or PRONOUN.search(question) is not None)


def _carry_places(standalone: str, previous: str, places: PlaceFinder) -> str:
    """A follow-up that names no place keeps the previous question's places (重庆的目标是多少 → 就业目标呢)."""
    before = places(previous)
    if not before or places(standalone):
        return standalone
    joined = [before[0]]  # 北京和河北 carry together; 青海…比青海 carries one
    for mention in before[1:]:
        if previous[joined[-1].end: mention.start] not in PLACE_JOINERS:
            break
        joined.append(mention)
    place = previous[joined[0].start: joined[-1].end]
    named = list(dict.fromkeys(previous[m.start: m.end] for m in before))
    if BOTH.search(standalone) and len(named) == 2:  # 两省…各是多少 after 陕西比甘肃多多少: both of them
        place = "和".join(named)
    english = standalone[:1].isascii() and standalone[:1].isalpha()
    return f"{place} {standalone}" if english else place + standalone  # "Xinjiang What share…"


def _both_places(question: str, previous: str, history: Sequence[Turn], places: PlaceFinder) -> str:
    """"两者差多少？" after "那河北呢？" (after a question about 河南): the previous question about both places."""
    if not (BOTH.search(question) or COMPARING.search(question)) or len(history) < 2:
        return previous
    now, before = places(previous), places(history[-2].rewritten)
    if len(now) != 1 or len(before) != 1:
        return previous
    earlier = history[-2].rewritten[before[0].start: before[0].end]
    named = previous[now[0].start: now[0].end]
    if earlier == named:
        return previous
    return previous[: now[0].start] + f"{earlier}和{named}" + previous[now[0].end:]


def _that_year(question: str, previous: str) -> str:
    """"…that year?" asks about the previous question's year."""
    year = YEAR.search(previous)
    return THAT_YEAR.sub(f"in {year.group(0)}", question) if year is not None else question


def _asked_part(previous: str, question: str) -> str:
    """Of a question asking two things of one subject ("…生产总值是多少？增长多少？"), the one a follow-up goes on
    with: the second when the follow-up names its words ("今年的增长目标呢？"), else the first."""
    parts = [p.strip() for p in re.split(r"(?<=[？?])", previous) if p.strip()]
    if len(parts) == 1:  # …办多少件民生实事，投入多少钱？: a short second question after a comma
        parts = [p.strip(" ，,") for p in re.split(r"(?<=[，,])", previous) if p.strip(" ，,")]
        if len(parts) != 2 or len(parts[1]) > SHORT_SECOND_QUESTION:
            return previous
    if len(parts) != 2 or not all(QUESTION_WORD.search(p) for p in parts):
        return previous
    second = analyze(parts[1])
    words = [t for t in second.tokens if len(t) > 1 and QUESTION_WORD.fullmatch(t) is None]
    if not any(w in question for w in words):
        return parts[0]
    return subject_of(parts[0]) + parts[1] if is_subject_free(second) else previous


def resolve(question: str, history: Sequence[Turn], places: PlaceFinder | None = None,
            table: TableVocabulary = NO_TABLE) -> Resolution:
    """The standalone form of ``question`` after the session's earlier turns (oldest first). ``places`` finds
    the places a text names, for corpora whose documents govern different places; ``table`` is the wording of
    the documents' section table, if they have one."""
    question = question.strip()
    if not history:
        return Resolution(question, question, "dangling" if is_dangling(question) else "standalone")
    previous = _asked_part(history[-1].rewritten, question)
    question = _that_year(question, previous)
    if places is not None:
        question = dated_in_answer(named_in_answer(question, history[-1].answer, places), history[-1].answer)
        previous = _both_places(question, previous, history, places)
        asked = LEAD.sub("", question)
        topic = _elliptical_topic(question) or modifier_asked(asked)
        followed = follow_item(question, previous, places, history[-1].answer) or follow_english(question, previous, places) or (follow_topic(topic, previous, places) if topic else (
            follow_year(asked, previous, places) or follow_comparison(asked, previous, places, history[-1].answer)
            or follow_place(asked, previous, places) or follow_document(asked, previous, places)))
        if followed is not None:
            return Resolution(question, followed, "topic")
        own = places(question)
        if own and own[0].start == 0 and places(previous):  # 甘肃去年是多少？: the previous question, of 甘肃
            rest = question[own[-1].end:]
            moved = with_place(question[: own[-1].end], previous, places(previous))
            resolution = _resolve(rest, moved, history, table)
            if resolution.how in ("subject", "pronoun"):  # 江苏这个指标呢: the previous question's, of 江苏
                return Resolution(question, resolution.standalone, "subject")
        resolution = _resolve(question, previous, history, table)
        if resolution.how != "standalone":
            return Resolution(question, _carry_places(resolution.standalone, previous, places), resolution.how)
        # in a conversation the place carries: a question naming none, not asking across places, stays where it was
        if not ACROSS_PLACES.search(question) and not COMPARING.search(question):
            asked = LEAD.sub("", question)
            carried = _carry_places(asked, previous, places)
            if carried != asked:
                return Resolution(question, carried, "place")
        return resolution
    return _resolve(question, previous, history, table)


def _resolve(question: str, previous: str, history: Sequence[Turn], table: TableVocabulary) -> Resolution:
    analysis, before = analyze(question), analyze(previous)
    own_table = parse_table_query(analysis.normalized, analysis.years, analysis.wants_time, table)
    previous_table = parse_table_query(before.normalized, before.years, before.wants_time, table)
    if previous_table is not None and needs_context(own_table, analysis.normalized):
        merged = follow_table(previous_table, analysis.normalized, table, [t.areas for t in history])
        if merged is not None and merged != own_table:
            return Resolution(question, render_table_query(merged, table), "table")
    topic = _elliptical_topic(question)
    if topic is not None:
        if YEAR_PHRASE.fullmatch(topic):
            return Resolution(question, _swap_year(YEAR.search(topic).group(0), previous), "year")
        answer = history[-1].answer.split("（出处", 1)[0] if history else ""
        sibling = _sibling(topic, previous)
        if sibling is not None:  # 服务贸易呢？ after 货物贸易增长了多少: the same question of the sibling
            return Resolution(question, previous.replace(sibling, topic, 1), "measure")
        if len(topic) > 1 and topic in answer and topic not in previous and indicator_named(topic) is None:
            # 完成投资呢？ after "…重大项目有多少个？" answered "1299个重大项目完成投资1.4万亿元": that measure of the same thing
            return Resolution(question, f"{subject_of(previous)}的{topic}是多少？", "measure")
        return Resolution(question, _ask_about(topic, previous), "ellipsis")
    subject_free = is_subject_free(analysis)
    pronoun = PRONOUN.search(question)
    # 它, 其 and a demonstrative with a noun (这项任务, 这个目标) always point back; a bare 这 only in a question without a subject.
    if pronoun is not None and (subject_free or len(pronoun.group(0)) > 1 or pronoun.group(0) in ("它", "其")):
        # 这一项 after "第三项是什么？" is the item that answer named; else the previous question's subject
        item = replied_item(history[-1].answer) if history else None
        subject = item or subject_of(previous)
        noun = next((n for n in POINTED_NOUNS if pronoun.group(0).endswith(n) and n not in subject
                     and subject + n in previous), "")
        text = question[: pronoun.start()] + subject + noun + question[pronoun.end():]  # 这个目标 → …粮食总产量目标
        return Resolution(question, LEAD.sub("", text), "pronoun")
    if QUESTION_WORD.search(question) and subject_free:
        subject = subject_of(previous)
        if OWN_YEAR.search(question):  # 今年计划建多少 after 去年…: the question's own year replaces the previous one,
            subject = object_of(previous) or WHEN.sub("", subject)  # and what was done that year goes with it
        return Resolution(question, subject + LEAD.sub("", question), "subject")
    return Resolution(question, question, "standalone")
