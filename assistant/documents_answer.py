"""Answers that come from knowing the documents: a question about a place no document governs is declined with
the places covered; which documents mention a term; when, where and by whom documents were delivered; and an
indicator asked of one document or compared across many, from the statements read at start-up.

``DocumentsAnswerer.answer(analysis, scope)`` is the one entry point; None leaves the question to the facts
table and retrieval. Over documents that all govern one place, only the decline applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.across import RANK_ASKED, AcrossIndex, Row, answer_across, answer_one, what_is_asked
from assistant.across_query import AcrossQuery, asks_beyond, counter_of, parse_across
from assistant.answer import Excerpt, IdfTable, compose_where_answer
from assistant.evidence import Evidence, chunk_citation
from assistant.found import Found
from assistant.list_answer import (
    ITEM_REPLY, LAST, announced_term, asked_about, asked_item, asked_list, heading_naming, item_about, list_items,
)
from assistant.mentions import mentioned_term, mentions
from assistant.profile_answer import asked_fields, compose, said
from assistant.query import QueryAnalysis, analyze
from assistant.reasons import MEASURE_NOT_STATED, NONE_STATED, PLACE_NOT_COVERED
from assistant.schemas import Citation
from assistant.scope import Catalogue, Scope
from assistant.subject_across import SubjectAcross
from corpus.chunking import PATH_SEPARATOR, Chunk, split_sentences
from corpus.indicators import growth_of, indicator_named
from corpus.places import place_groups, short_name
from index.facts_store import FactWords

QUOTED_NAME = re.compile(r"[“\"]([^”\"]{2,20})[”\"]")
NO_PLACE = "文档里没有关于{places}的内容：收录的{count}个地方的文档是{covered}。"
NO_TARGET = "《{title}》列出了当年的主要目标，但没有写明{what}。"
OPENING = "文档开头"
# A question about the places no document covers: 哪些省份不在这批文件里, 有几个省没有收录.
NOT_COLLECTED = r"(?:不在(?:这|此|其中|里面|文档|本)|没有收录|没收录|未收录|没有包括|未包括)"
MISSING_ASKED = re.compile(rf"(?:哪|几)[^，,。？?]{{0,16}}{NOT_COLLECTED}|{NOT_COLLECTED}[^，,。？?]{{0,12}}(?:哪|几)")
GROWTH_GAP = 4  # characters between a total and the growth printed after it (、增长, ，比上年增长)


def _names_indicator(name: str) -> bool:
    """Whether a quoted name is an indicator's own name (“城镇新增就业”), not a thing named after one (“就业驿站”)."""
    named = indicator_named(name)
    return named is not None and len(named[1]) >= len(name) - 1


class DocumentsAnswerer:
    """The documents of one index by what they are, and their statements of indicators."""

    def __init__(self, chunks: Sequence[Chunk], documents: Sequence[dict], evidence: Evidence, catalogue: Catalogue,
                 gloss: Callable[[str], tuple[str, ...]], fact_words: dict[str, FactWords], idf: IdfTable):
        self.chunks = chunks
        self.profiles = {d["doc_id"]: d.get("profile") for d in documents}
        self.evidence = evidence
        self.catalogue = catalogue
        self.gloss = gloss
        self.across = AcrossIndex(chunks, documents)
        self.subjects = SubjectAcross(fact_words, idf, evidence, self.across)

    def answer(self, analysis: QueryAnalysis, scope: Scope, use_facts: bool = True) -> Found | None:
        """Declines a question about places no document governs; answers one about an indicator across the
        documents in scope (or in the one document it names) from their statements of it."""
        catalogue = self.catalogue
        if scope.uncovered and not scope.places:
            covered = catalogue.covered_names()
            return Found(NO_PLACE.format(places="、".join(scope.uncovered), count=len(covered),
                                         covered="、".join(covered)), False, [], (), reason=PLACE_NOT_COVERED)
        if not catalogue.many_places or not use_facts:
            return None
        if catalogue.provincial and MISSING_ASKED.search(analysis.normalized):
            return self._not_collected(scope, analysis.normalized)
        if analysis.corrections:  # indicators go by the user's own words (经济涨 is not a slip for 经济账)
            analysis = analyze(analysis.question, gloss=self.gloss)
        ids = list(scope.doc_ids) if scope.doc_ids is not None else list(catalogue.titles)
        asked = mentioned_term(analysis.question)
        if asked is not None:
            return self._mentioning(asked, ids)
        listed = asked_list(analysis.question)
        listing = ids
        if listed is not None and scope.varies and not scope.places:  # a term only one document holds is its own
            holding = [m.doc_id for m in mentions(listed[0], self.chunks, ids)[1]]
            listing = holding if len(holding) == 1 else ids
        if listed is not None and len(listing) == 1:
            found = self._listing(*listed, listing[0], asked_item(analysis.question), asked_about(analysis.question))
            if found is not None:
                return found
        named = announced_term(analysis.question) if analysis.wants_place else None
        if named is not None and not scope.varies and len(ids) == 1:
            found = self._section_naming(named[0], ids[0])
            if found is not None:
                return found
        fields = asked_fields(analysis.normalized)
        if fields and indicator_named(analysis.normalized) is None:
            return self._from_profiles(analysis, fields, ids)
        places_named = len(scope.places) + len(scope.uncovered)
        query = parse_across(analysis.normalized, analysis.years, places_named)
        if query is None and analysis.document_terms != analysis.normalized:  # 城里人平均每人到手的收入: in plan words
            query = parse_across(analysis.document_terms, analysis.years, places_named)
        if query is None and scope.varies:  # a thing no reference indicator names, compared across documents
            unplaced = analyze(self.catalogue.without_mentions(analysis.question, scope), gloss=self.gloss)
            compared = self.subjects.compared(analysis, ids, places_named, unplaced)
            return self._across(compared.query, compared.rows, scope) if compared is not None else None
        # An English question naming an indicator asks for its value (its question words are not read).
        if query is None or not (analysis.wants_number or query.operation != "each" or query.target
                                 or analysis.question.isascii()):
            return None
        if not scope.varies:
            return self._one_document(analysis, query, ids)
        return self._across(query, self.across.rows(ids, query), scope)

    def _not_collected(self, scope: Scope, text: str) -> Found | None:
        """"有几个省份的报告不在这批文件里？": the places of the group asked (else the smallest group holding every
        place the documents govern, 全国31个省区市 for provincial reports) that no document governs."""
        governed = {g.place.name for g in self.catalogue.governed}
        groups = [scope.group] if scope.group is not None else sorted(
            (g for g in place_groups() if governed <= set(g.members)), key=lambda g: len(g.members))
        if not groups:
            return None
        group = groups[0]
        missing = [short_name(p) for p in group.members if p not in governed]
        head = f"{group.name}中，文档没有收录的共{len(missing)}{counter_of(text)}" + (f"：{'、'.join(missing)}" if missing else "")
        return Found(f"{head}（收录了{len(group.members) - len(missing)}个）。", True, [], ())

    def _across(self, query: AcrossQuery, rows: list[Row], scope: Scope) -> Found:
        """The answer to ``query`` over each document's row, with a table row for each document shown."""
        group = scope.group
        missing = list(scope.uncovered) + ([short_name(p) for p in group.members if not self.catalogue.governs(p)]
                                           if group is not None else [])
        answer = answer_across(query, rows, self.chunks, missing)
        facts = tuple(f for r in answer.rows if r.statement is not None
                      for f in self.evidence.facts_within(r.doc_id, r.statement.start, r.statement.end))
        table = tuple(self.across.table_row(r) for r in answer.rows)
        return Found(answer.text, answer.answered, answer.citations, facts, table=table,
                     reason=None if answer.answered else NONE_STATED)

    def _listing(self, term: str, number: int | None, doc_id: str, nth: int | None = None,
                 about: str | None = None) -> Found | None:
        """The items the document announces as ``term`` (or its ``nth`` one, or the one ``about`` a word), each cited;
        None when it gives fewer than two."""
        rows = self.evidence.rows_of(doc_id)
        items = list_items(term, number, self.chunks, rows)
        if nth is None and about is not None:
            nth = item_about(items, about)
        if not items or (nth is not None and nth > len(items)):
            return None
        if nth is not None:
            nth = len(items) if nth == LAST else nth
            item = items[nth - 1]
            text = ITEM_REPLY.format(title=self.catalogue.titles[doc_id], term=term, nth=nth, item=item.text)
            return Found(text, True, [chunk_citation(self.chunks[item.row], 1.0, [item.start, item.end])], ())
        short = f"（原文在此列出{len(items)}项，少于所说的{number}项）" if number and len(items) < number else ""
        lines = [f"{i}. {item.text}" for i, item in enumerate(items, start=1)]
        head = f"《{self.catalogue.titles[doc_id]}》所说的“{term}”是：{'、'.join(item.text for item in items)}{short}。"
        spans: dict[int, list[int]] = {}
        for item in items:
            span = spans.setdefault(item.row, [item.start, item.end])
            span[0], span[1] = min(span[0], item.start), max(span[1], item.end)
        citations = [chunk_citation(self.chunks[row], 1.0, span) for row, span in spans.items()]
        return Found("\n".join([head, *lines]), True, citations, ())

    def _section_naming(self, term: str, doc_id: str) -> Found | None:
        """"“10件惠民实事”放在报告哪里？": the section whose heading names the term (附件 2025年10件惠民实事), cited by
        its first sentence; None when no heading names it."""
        found = heading_naming(term, self.chunks, self.evidence.rows_of(doc_id))
        if found is None:
            return None
        row, depth = found
        chunk = self.chunks[row]
        section = PATH_SEPARATOR.join(chunk.headings[: depth + 1])
        first = split_sentences(chunk.text, chunk.start)[0]
        excerpt = Excerpt(0, first.start, first.end, chunk.text[first.start - chunk.start: first.end - chunk.start], 1.0)
        text = compose_where_answer(excerpt, chunk.doc_title, section, None)
        return Found(text, True, [chunk_citation(chunk, 1.0, [first.start, first.end])], ())

    def _mentioning(self, term: str, ids: list[str]) -> Found:
        """The documents whose text holds ``term``, each cited where it first does."""
        term, found = mentions(term, self.chunks, ids)
        names = "、".join(self.across.place(m.doc_id) for m in found)
        shown = term if any(q in term for q in "“”\"") else f"“{term}”"
        head = f"{len(ids)}份文档中，提到{shown}的有{len(found)}份" + (f"：{names}。" if found else "。")
        citations = [chunk_citation(self.chunks[m.row], 1.0, [m.start, m.end]) for m in found]
        lines = [f"- {self.across.place(m.doc_id)}：{self.chunks[m.row].section}" for m in found]
        return Found("\n".join([head, *lines]), bool(found), citations, ())

    def _from_profiles(self, analysis: QueryAnalysis, fields: list[str], ids: list[str]) -> Found | None:
        """When, at which session and by whom the documents in scope were delivered, quoted from their openings."""
        by_doc = {d: said(d, self.profiles.get(d) or {}) for d in ids}
        if not any(f in item for item in by_doc.values() for f in fields):
            return None
        places = {d: self.across.place(d) for d in ids}
        text, quoted = compose(analysis.normalized, fields, by_doc, places, self.catalogue.titles, analysis.tokens)
        spans: dict[int, list[int]] = {}
        for item in quoted:
            row = self.evidence.row_at(item.doc_id, item.start, item.end)
            if row is not None:
                span = spans.setdefault(row, [item.start, item.end])
                span[0], span[1] = min(span[0], item.start), max(span[1], item.end)
        citations = [chunk_citation(self.chunks[row], 1.0, span) for row, span in spans.items()]
        # What a document's opening states before its first section may lie outside every chunk: cited as printed.
        citations += [Citation(doc_id=item.doc_id, doc_title=self.catalogue.titles[item.doc_id], section=OPENING,
                               text=item.text, start=item.start, end=item.end, score=1.0, highlight=[item.start, item.end])
                      for item in quoted if self.evidence.row_at(item.doc_id, item.start, item.end) is None]
        return Found(text, bool(quoted), citations, ())

    def _growth_beside(self, query: AcrossQuery, row: Row, ids: list[str]) -> tuple[AcrossQuery, Row] | None:
        """The growth of the total ``row`` states, when the text prints it right after the total."""
        growth = growth_of(query.indicator)
        if growth is None or query.target:
            return None
        asked = replace(query, indicator=growth, companions=())
        found = self.across.rows(ids, asked)[0]
        if found.statement is None or not 0 <= found.statement.start - row.statement.end <= GROWTH_GAP:
            return None
        return asked, found

    def _one_document(self, analysis: QueryAnalysis, query: AcrossQuery, ids: list[str]) -> Found | None:
        """An indicator asked of the one document in scope: its statement (and a companion's: a total's growth),
        or a decline when the document sets its year's targets without this one; None leaves it to the other paths."""
        if len(ids) != 1 or not self.across.asks_only_indicator(analysis, query) or asks_beyond(analysis.normalized, query):
            return None
        if any(not _names_indicator(name) for name in QUOTED_NAME.findall(analysis.question)):
            return None  # 要建多少个“就业驿站”: a named thing, not the employment indicator
        asked = [query, *(replace(query, indicator=c, companions=()) for c in query.companions)]
        rows = [self.across.rows(ids, q)[0] for q in asked]
        if any(r.statement is None for r in rows):
            if rows[0].statement is None and self.across.sets_targets_without(ids[0], query):
                title = self.catalogue.titles[ids[0]]
                return Found(NO_TARGET.format(title=title, what=what_is_asked(query)), False, [], (), reason=MEASURE_NOT_STATED)
            return None
        beside = self._growth_beside(query, rows[0], ids) if not query.companions else None
        if beside is not None:  # 达到8374.2亿元、增长0.7%: a total is given with the growth printed beside it
            asked, rows = [*asked, beside[0]], [*rows, beside[1]]
        answer = answer_one(asked, rows, self.chunks, RANK_ASKED.search(analysis.normalized) is not None)
        facts = tuple(f for r in rows for f in self.evidence.facts_within(r.doc_id, r.statement.start, r.statement.end))
        return Found(answer.text, True, answer.citations, facts, table=tuple(self.across.table_row(r) for r in rows))
