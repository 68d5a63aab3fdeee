"""Where facts stand among the index's chunks: the chunk that holds a fact, the facts inside a
quoted excerpt, and the conversion of both into the API's ``Citation`` and ``Fact`` models.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from assistant.schemas import Citation
from assistant.schemas import Fact as FactModel
from corpus.chunking import Chunk
from corpus.facts import Fact

TABLE_SCORE = 1.0

# A paragraph opening with a dash or an enumerator names what it is about (——稳增长阵地战。一是聚力打好稳增长阵地战，…).
PARAGRAPH_LEAD = re.compile(r"——|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]")
MAX_LEAD_CHARS = 24


def fact_model(fact: Fact) -> FactModel:
    return FactModel(
        subject=fact.subject,
        metric=fact.metric or "",
        value=fact.value,
        unit=fact.unit,
        qualifier=fact.qualifier,
        year=fact.year,
        time=fact.time,
        written=fact.written,
        section=fact.section,
        source=fact.source,
        doc_id=fact.doc_id,
        start=fact.start,
        end=fact.end,
    )


def chunk_citation(chunk: Chunk, score: float, highlight: list[int] | None = None) -> Citation:
    """A chunk as a citation; ``highlight`` is the ``[start, end)`` of the answering text in the document."""
    return Citation(
        doc_id=chunk.doc_id, doc_title=chunk.doc_title, section=chunk.section, text=chunk.text,
        start=chunk.start, end=chunk.end, score=score, highlight=highlight,
    )


def fact_citation(fact: Fact, doc_title: str) -> Citation:
    """A fact outside every chunk (the publication line of a page header) cited by its own line."""
    start = fact.start - fact.sentence.index(fact.written)
    return Citation(
        doc_id=fact.doc_id, doc_title=doc_title, section=fact.section, text=fact.sentence,
        start=start, end=start + len(fact.sentence), score=TABLE_SCORE, highlight=[fact.start, fact.end],
    )


class Evidence:
    """Chunks and facts of one index, located by document offsets."""

    def __init__(self, chunks: list[Chunk], facts: list[Fact]):
        self.chunks = chunks
        self._chunk_starts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row, chunk in enumerate(chunks):
            self._chunk_starts[chunk.doc_id].append((chunk.start, row))
        for starts in self._chunk_starts.values():
            starts.sort()
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self._facts[fact.doc_id].append(fact)

    def rows_of(self, doc_id: str) -> list[int]:
        """The rows of a document's chunks, in document order."""
        return [row for _, row in self._chunk_starts.get(doc_id, [])]

    def chunk_row(self, fact: Fact) -> int | None:
        """Row of the chunk whose text contains the fact (None if it lies outside every chunk)."""
        return self.row_at(fact.doc_id, fact.start, fact.end)

    def row_at(self, doc_id: str, start: int, end: int) -> int | None:
        """Row of the chunk whose text contains ``[start, end)`` of the document (None if none does)."""
        starts = self._chunk_starts.get(doc_id, [])
        i = bisect.bisect_right(starts, (start, len(self.chunks))) - 1
        if i < 0:
            return None
        row = starts[i][1]
        return row if end <= self.chunks[row].end else None

    def paragraph_lead(self, row: int) -> str | None:
        """The lead of the paragraph chunk ``row`` stands in, when the paragraph opens with one (——稳增长阵地战。):
        found back through the chunks it runs on from, with no break between them."""
        chunk = self.chunks[row]
        starts = self._chunk_starts.get(chunk.doc_id, [])
        position = bisect.bisect_left(starts, (chunk.start, row))
        while position > 0 and self.chunks[starts[position - 1][1]].end == self.chunks[starts[position][1]].start:
            position -= 1
        first = self.chunks[starts[position][1]].text if starts else chunk.text
        marked = PARAGRAPH_LEAD.match(first)
        if marked is None:
            return None
        lead = re.split(r"[，,。；;]", first[marked.end():], maxsplit=1)[0]
        return lead if 0 < len(lead) <= MAX_LEAD_CHARS else None

    def facts_of(self, doc_id: str) -> list[Fact]:
        """Every fact of a document, in document order."""
        return self._facts.get(doc_id, [])

    def facts_within(self, doc_id: str, start: int, end: int) -> list[Fact]:
        return [f for f in self._facts.get(doc_id, []) if start <= f.start and f.end <= end]

    def citations_for(self, facts: tuple[Fact, ...]) -> list[Citation]:
        """One citation per chunk holding any of ``facts``, in order of first use; the highlight
        spans the facts that chunk holds."""
        spans: dict[int, list[int]] = {}
        for fact in facts:
            row = self.chunk_row(fact)
            if row is None:
                continue
            span = spans.setdefault(row, [fact.start, fact.end])
            span[0], span[1] = min(span[0], fact.start), max(span[1], fact.end)
        return [chunk_citation(self.chunks[row], TABLE_SCORE, span) for row, span in spans.items()]
