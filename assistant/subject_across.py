"""Figures across documents for a thing no reference indicator names (办理省人大代表建议, 集装箱吞吐量, 粮食
以外的任何产出): in each document in scope, the figure whose subject the question names, read as a statement so
that the across answers (a pair compared, extremes, each value) work over it as over an indicator.

A document's figure answers when the question names nearly all of its subject (as for one document's facts),
it measures what the question measures (a growth only when a growth is asked), and its section is about the
year asked; the figures compared must share a unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.across import FRAME_TOKENS, AcrossIndex, Row
from assistant.across_query import AcrossQuery, asked_year, compared_operation
from assistant.answer import IdfTable, coverage
from assistant.evidence import Evidence
from assistant.fact_match import MIN_SUBJECT_NAMED
from assistant.query import QueryAnalysis
from corpus.chunking import Chunk
from corpus.facts import Fact
from corpus.indicators import Indicator, Statement
from index.facts_store import FactWords

GROWTH_ASKED = ("增长", "增速", "增幅", "涨")
GROWTH_METRICS = ("增长", "下降", "提高", "降低")
COMPARING = frozenset("谁 高 低 多 少 大 小 快 慢 更 最 哪个 哪 相差 差 几 和 与 两地 两省 分别 各 更高 更低 更多 更少 更大 更小 更快 "
                      "更慢 最高 最低 最多 最少 最大 最小 哪里 哪家 多少".split())


@dataclass(frozen=True)
class Compared:
    """The query over a thing the question names, and each document's figure of it."""

    query: AcrossQuery
    rows: list[Row]


def _measures_asked(fact: Fact, analysis: QueryAnalysis) -> bool:
    grows = bool(fact.metric) and any(m in fact.metric for m in GROWTH_METRICS)
    return grows == any(w in analysis.normalized for w in GROWTH_ASKED)


def _statement(fact: Fact, indicator: Indicator, chunk: Chunk) -> Statement:
    before = chunk.text.rfind(fact.subject, 0, fact.start - chunk.start) if fact.subject else -1
    clause_start = chunk.start + before if before >= 0 else fact.start
    return Statement(indicator, fact.written, Decimal(fact.value), Decimal(fact.high) if fact.high else None, fact.unit,
                     fact.qualifier, fact.start, fact.end, clause_start, fact.end, in_targets=False)


class SubjectAcross:
    """Each document's figure of a thing the question names, from the facts table."""

    def __init__(self, words: dict[str, FactWords], idf: IdfTable, evidence: Evidence, across: AcrossIndex):
        self.words, self.idf, self.evidence, self.across = words, idf, evidence, across

    def _best(self, analysis: QueryAnalysis, topic: tuple[str, ...], doc_id: str,
              year: int | None) -> tuple[float, Fact, int] | None:
        question = frozenset(analysis.tokens)
        best = None
        for fact in self.evidence.facts_of(doc_id):
            words = self.words.get(fact.fact_id)
            if fact.kind != "figure" or words is None or not (question & words.subject):
                continue
            # the question names the fact's subject, or the subject holds all the question names (常住人口城镇化率)
            named = max(coverage(tuple(words.subject), question, self.idf) if words.subject else 0.0,
                        coverage(topic, words.subject, self.idf) if topic else 0.0)
            row = self.evidence.chunk_row(fact)
            if named < MIN_SUBJECT_NAMED or row is None or not _measures_asked(fact, analysis):
                continue
            if year is not None and self.across.year_of(row) != year:
                continue
            score = named + coverage(analysis.tokens, words.subject | words.context, self.idf)
            if best is None or score > best[0]:
                best = (score, fact, row)
        return best

    def compared(self, analysis: QueryAnalysis, doc_ids: Sequence[str], places_named: int,
                 unplaced: QueryAnalysis) -> Compared | None:
        """The reading of a question comparing one thing across ``doc_ids`` (``unplaced``: the question without its
        place names), or None when fewer than two of them state a figure of it in one unit."""
        operation = compared_operation(analysis.normalized, places_named)
        if operation is None:
            return None
        topic = tuple(t for t in unplaced.tokens if t not in FRAME_TOKENS and t not in COMPARING and not t.isdigit())
        year, relative = asked_year(analysis.normalized, analysis.years)
        found = {}
        for doc_id in doc_ids:
            period = self.across.period(doc_id)
            wanted = year if year is not None else (period + relative if relative and period else None)
            best = self._best(analysis, topic, doc_id, wanted)
            if best is not None:
                found[doc_id] = best
        units = Counter(fact.base_unit or fact.unit for _, fact, _ in found.values())
        if not units:
            return None
        unit, stating = units.most_common(1)[0]
        if stating < 2:
            return None
        chosen = {d: (f, r) for d, (_, f, r) in found.items() if (f.base_unit or f.unit) == unit}
        subjects = Counter(f.subject for f, _ in chosen.values())
        name = min(subjects, key=lambda s: (-subjects[s], len(s)))
        indicator = Indicator(name, (name,), (unit or "",))
        rows = []
        for doc_id in doc_ids:
            fact, row = chosen.get(doc_id, (None, None))
            statement = _statement(fact, indicator, self.across.chunks[row]) if fact is not None else None
            rows.append(Row(doc_id, self.across.place(doc_id), statement, row,
                            self.across.year_of(row) if row is not None else None))
        n = operation[1]
        return Compared(AcrossQuery(indicator, year, relative, False, operation[0], n), rows)
