"""Answer assembly: the best sentence from the top chunks, trimmed, stated first.

Sentences of the retrieved chunks are scored by how much of the question
they cover (idf-weighted token overlap with the sentence and with its heading
path), the chunk's retrieval rank, and whether they carry a figure or a date
when the question asks for one. The winner is trimmed to the clauses that
answer the question and keeps exact offsets into the original document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.query import YEAR, YEAR_RANGE, QueryAnalysis, has_quantity, in_asked_years
from assistant.retrieval import Hit
from corpus.chunking import Chunk, split_sentences
from index.sentences import is_heading_line
from corpus.normalize import normalize
from corpus.outline import is_glossary
from corpus.tokenize import text_tokens, tokenize

TIME_EXPRESSION = re.compile(r"\d{4}年(\d{1,2}月)?(年?底|底前|前|以前|之前)|\d{4}年\d{1,2}月|年底前|底前")
CLAUSE_BREAK = re.compile(r"[,，:：]")
NOT_COVERED = "抱歉，现有文档中没有找到能回答这个问题的内容。"
NO_FIGURE = "现有文档提到了相关内容，但没有给出这个问题要的具体数字或日期。最接近的原文：{excerpt}"
# Verbs of a scheduled action: "哪一年开工" is answered by an undated "开工建设…" of a one-year plan.
# A question after the month or the day ("几月份举办") is not answered by the plan's year.
FINER_THAN_YEAR = re.compile(r"几月|哪个月|哪一月|月份|几号|哪天|哪一天|几日|日期|具体时间")
ACTION = re.compile(r"开工|建成|通车|投产|投用|竣工|完工|开通|运营|启用|开业|举办|实施|启动")
TRIM_ABOVE_CHARS = 60
SHORT_CLAUSE_CHARS = 16
W_SENTENCE, W_SECTION, W_RANK, W_FIGURE, W_TIME, W_DEPTH = 1.0, 0.5, 0.3, 0.5, 0.3, 0.2
W_NOTES = 0.5
# Words glossed from English count less than the question's own Chinese words: a mixed question's "(整车项目)"
# outweighs the glosses of "vehicle".
W_GLOSS = 0.5


@dataclass(frozen=True)
class Excerpt:
    """The answering text: which hit it came from and its exact original offsets."""

    hit_index: int
    start: int
    end: int
    text: str
    score: float


class IdfTable(dict):
    """idf per token; a token the corpus never uses weighs as much as the rarest one."""

    def __init__(self, weights: dict[str, float]):
        super().__init__(weights)
        self.unseen = max(weights.values(), default=1.0)

    def __missing__(self, token: str) -> float:
        return self.unseen


def coverage(query_tokens: Sequence[str], tokens: frozenset[str] | set[str], idf: IdfTable) -> float:
    """Share of the question's idf weight found among ``tokens`` (0..1)."""
    unique = set(query_tokens)
    if not unique:
        return 0.0
    total = sum(idf[t] for t in unique)
    return sum(idf[t] for t in unique if t in tokens) / total


def matchable_tokens(tokens: tuple[str, ...], idf: dict[str, float]) -> tuple[str, ...]:
    """The question tokens a Chinese corpus could hold: English words it never uses are left to the
    (multilingual) dense similarity instead of counting as missing."""
    return tuple(t for t in tokens if not (t.isascii() and t.isalpha() and t not in idf))


def question_match(analysis: QueryAnalysis, tokens: frozenset[str], idf: IdfTable) -> float:
    """How much of the question ``tokens`` hold: its own words the corpus could hold, plus its English words
    glossed, at a discount."""
    own = matchable_tokens(analysis.tokens, idf)
    return coverage(own, tokens, idf) + W_GLOSS * coverage(analysis.glossed, tokens, idf)


# "多少亿元", "多少万人": a question that names the unit of the amount it wants.
ASKED_UNIT = re.compile(r"多少(亿元|万元|亿美元|元|万人|人|万辆|辆|公里|千瓦|万千瓦|吨|万吨|公顷|%|列|所|座|家|名|台|套|趟|架|届)")


PERCENT_ASKED = re.compile(r"百分之几|百分之多少|几个百分点|多少个百分点|百分比是多少")
# How much a thing grew is answered by a rate (增长5.3%), not by another amount of it.
GROWTH_ASKED = re.compile(r"(?:增长|增加|提高|涨)了?多少(?![万亿元人个件吨斤])|增速是?多少|增幅是?多少")
# Measure words the documents use interchangeably with the one asked: 多少家企业 is answered by "50户".
COUNTED_ALIKE = {"家": ("家", "户", "个"), "所": ("所", "个"), "座": ("座", "个"), "名": ("名", "人"),
                 "人": ("人", "名", "人次", "万、", "万，", "万。")}  # a count of people in bare 万: 入境游客111万、增长…


def states_answer_kind(analysis: QueryAnalysis, text: str) -> bool:
    """Whether ``text`` carries what a figure/date question asks for (in the unit asked, when one is named)."""
    if analysis.wants_time:
        return TIME_EXPRESSION.search(text) is not None or has_quantity(text)
    if analysis.wants_number and (PERCENT_ASKED.search(analysis.normalized) or GROWTH_ASKED.search(analysis.normalized)):
        return re.search(r"\d(?:\.\d+)?\s*(?:%|％|个百分点|倍)", text) is not None
    unit = ASKED_UNIT.search(analysis.normalized)
    if analysis.wants_number and unit:
        units = "|".join(re.escape(u) for u in COUNTED_ALIKE.get(unit.group(1), (unit.group(1),)))
        return re.search(rf"[\d一二三四五六七八九十两](?:\.\d+)?\s*[十百千万亿]*(?:{units})", text) is not None
    return not analysis.wants_number or has_quantity(text)


def plan_year(doc_title: str) -> str | None:
    """The one year a document plans for, when its title names a single year and no range
    ("2021某市经济工作要点" → 2021; "…三年行动计划(2023—2025年)" → None)."""
    years = YEAR.findall(doc_title)
    return years[0] if len(years) == 1 and YEAR_RANGE.search(doc_title) is None else None


def implied_year(analysis: QueryAnalysis, text: str, doc_title: str) -> str | None:
    """For a "哪一年…" question whose sentence carries no date: the year of the one-year plan it belongs to,
    when the sentence schedules the very action asked about (开工, 建成通车…) and no other year is asked."""
    year = plan_year(doc_title)
    if not analysis.wants_time or year is None or set(analysis.years) - {year} or FINER_THAN_YEAR.search(analysis.normalized):
        return None
    asked = set(ACTION.findall(analysis.normalized))
    return year if asked and asked <= set(ACTION.findall(normalize(text).text)) else None


def _figure_bonus(analysis: QueryAnalysis, text: str) -> float:
    bonus = 0.0
    if analysis.wants_number and has_quantity(text):
        bonus += W_FIGURE
    if analysis.wants_time and TIME_EXPRESSION.search(text):
        bonus += W_TIME
    return bonus


def trim(analysis: QueryAnalysis, text: str, idf: IdfTable) -> tuple[int, int]:
    """Span within ``text`` of the clauses that answer: the best clause and its relevant neighbours.

    Only figure and date questions are trimmed; a list or a policy reads best whole.
    """
    if len(text) <= TRIM_ABOVE_CHARS or not (analysis.wants_number or analysis.wants_time):
        return 0, len(text)
    bounds = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text)] + [len(text)]
    clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    covered = [question_match(analysis, text_tokens(text[a:b]), idf) for a, b in clauses]
    scores = [cov + _figure_bonus(analysis, text[a:b]) for cov, (a, b) in zip(covered, clauses)]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    lo = hi = best
    while lo > 0 and covered[lo - 1] > 0:
        lo -= 1
    while hi + 1 < len(clauses) and covered[hi + 1] > 0:
        hi += 1
    if analysis.wants_number and not has_quantity(text[clauses[lo][0] : clauses[hi][1]]):
        while hi + 1 < len(clauses) and not has_quantity(text[clauses[hi][0] : clauses[hi][1]]):
            hi += 1
    # A short figure clause right after the window qualifies it (…其中在建项目30个,总投资371.04亿元).
    if hi + 1 < len(clauses):
        a, b = clauses[hi + 1]
        if b - a <= SHORT_CLAUSE_CHARS and has_quantity(text[a:b]):
            hi += 1
    start, end = clauses[lo][0], clauses[hi][1]
    if end < len(text) and text[end - 1] in ",，:：":
        end -= 1
    return start, end


def choose_excerpt(
    analysis: QueryAnalysis, hits: Sequence[Hit], chunks: Sequence[Chunk], idf: IdfTable
) -> Excerpt | None:
    """The best answering excerpt among the hits' sentences, or None when nothing overlaps."""
    best: Excerpt | None = None
    for rank, hit in enumerate(hits):
        chunk = chunks[hit.row]
        section_cov = question_match(analysis, text_tokens(f"{chunk.doc_title} {chunk.labels}"), idf)
        depth = W_DEPTH if analysis.wants_place and len(chunk.path) > 1 else 0.0
        if analysis.wants_place and chunk.path and is_glossary(chunk.path[0]):
            depth = -W_NOTES  # where a term stands is the body that sets it out, not the note explaining it
        for span in split_sentences(chunk.text, chunk.start):
            text = chunk.text[span.start - chunk.start : span.end - chunk.start]
            if is_heading_line(text, chunk) or not in_asked_years(analysis, text, chunk.context):
                continue
            score = (
                W_SENTENCE * question_match(analysis, text_tokens(text), idf)
                + W_SECTION * section_cov
                + W_RANK / (rank + 1)
                + depth
                + _figure_bonus(analysis, text)
            )
            if best is None or score > best.score:
                a, b = trim(analysis, text, idf)
                best = Excerpt(rank, span.start + a, span.start + b, text[a:b], score)
    return best


SUMMARY_MAX_CHARS = 40


def section_summaries(chunks: Sequence[Chunk]) -> dict[tuple[str, str], str]:
    """A short opening sentence of each top-level section, where it has one.

    News reports state a theme in one line under its sub-headings (我市将全力扩大开放,…);
    that line names the theme better than the sub-headings do.
    """
    summaries: dict[tuple[str, str], str] = {}
    for chunk in chunks:
        key = (chunk.doc_id, chunk.path[0])
        if key in summaries or len(chunk.path) != 1:
            continue
        first = split_sentences(chunk.text)[0]
        sentence = chunk.text[first.start : first.end]
        summaries[key] = sentence if len(sentence) <= SUMMARY_MAX_CHARS else ""
    return {key: text for key, text in summaries.items() if text}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1] in "。！？；" else text + "。"


def compose_answer(excerpt: Excerpt, doc_title: str, section: str) -> str:
    """The answer text: the excerpt first, then where it stands."""
    return f"{_sentence(excerpt.text)}（出处：《{doc_title}》{section}）"


def compose_dated_answer(excerpt: Excerpt, doc_title: str, section: str, year: str) -> str:
    """A date question answered by the year of the one-year plan that schedules the action."""
    return f"{year}年：这项工作列在《{doc_title}》（{year}年的工作安排）中，原文未另写日期。原文：{_sentence(excerpt.text)}（{section}）"


def compose_where_answer(excerpt: Excerpt, doc_title: str, section: str, summary: str | None,
                         lead: str | None = None) -> str:
    """For "which part/task…" questions: the place in the plan first (and the lead of its paragraph, when it has
    one), then the quoted text."""
    theme = f"（{summary.rstrip('。')}）" if summary else ""
    paragraph = f"“{lead}”一段" if lead else ""
    return f"这项内容位于《{doc_title}》的「{section}」部分{theme}{paragraph}。原文：{_sentence(excerpt.text)}"
