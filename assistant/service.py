"""The answering service: owns the index and the model, answers one question at a time.

``Assistant(settings)`` only stores settings; ``warm_up()`` loads (or builds,
when missing or stale) the index and the embedding model. ``ask()`` is the one
answering function behind the HTTP API, the chat UI, the CLI and the eval.
"""

from __future__ import annotations

import copy
import functools
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from assistant.answer import (
    NO_FIGURE,
    NOT_COVERED,
    Excerpt,
    IdfTable,
    choose_excerpt,
    compose_answer,
    compose_dated_answer,
    compose_where_answer,
    coverage,
    implied_year,
    matchable_tokens,
    question_match,
    section_summaries,
    states_answer_kind,
    text_tokens,
    trim,
)
from assistant.conversation import Resolution, resolve
from assistant.documents_answer import DocumentsAnswerer
from assistant.evidence import Evidence, chunk_citation, fact_citation, fact_model
from assistant.figure_followup import Worked, work_out
from assistant.fact_match import FactIndex, match_fact, match_publication
from assistant.found import Found
from assistant import reasons
from assistant.query import LAST_YEAR, PLAN_WORDS, THIS_YEAR, QueryAnalysis, analyze
from assistant.relevance import (
    KnownWords, Thresholds, excerpt_fits, foreign_terms, is_close_paraphrase, is_covered, is_on_topic, missing_per_unit, proper_names,
)
from assistant.retrieval import Hit, hybrid_search
from assistant.schemas import AskResponse, Citation, HealthResponse
from assistant.scope import Catalogue, Scope
from assistant.sessions import SessionStore, Turn
from assistant.settings import Settings
from assistant.spelling import HomophoneSpeller
from assistant.table_answer import TableAnswer, answer_table
from assistant.table_followup import table_words
from assistant.table_query import parse_table_query
from assistant.topic_followup import PlaceFinder
from corpus.documents import corpus_files, read_corpus
from corpus.facts import Fact
from corpus.indicators import indicator_named, measured_by
from corpus.project_table import ProjectTable, build_table
from corpus.table_vocabulary import TableVocabulary
from corpus.tokenize import segment, tokenize, use_lexicon, word_frequency
from corpus.tokenize import warm_up as warm_up_tokenizer
from index.embedder import DEFAULT_MODEL, DefaultModelEmbedder, Embedder, SentenceTransformerEmbedder, configure_offline
from index.manifest import IndexLoadError, files_fingerprint
from index.sentences import closest_sentences, sentence_text
from index.store import (
    BuildReport, LoadedIndex, build_index, index_files_unchanged, index_is_current, load_index, recorded_corpus,
    remember_fingerprint,
)

log = logging.getLogger(__name__)
SIDE_BY_SIDE = ("各地文档的说法不同，下面按相关程度列出{shown}份（共{count}份文档）；问题里写明地方（如“{places}”）"
                "可只看一份。")
SIDE_BY_SIDE_HITS = 20
SIDE_BY_SIDE_DOCS = 5


class UnknownPlace(LookupError):
    """A place no indexed document governs."""

    def __init__(self, place: str, covered: Sequence[str]):
        super().__init__(f"no document governs {place!r}; the documents cover: {'、'.join(covered)}")


class UnknownDocuments(LookupError):
    """``ask`` was given document ids the index does not hold."""

    def __init__(self, ids: Sequence[str]):
        named = ", ".join(repr(i) for i in list(dict.fromkeys(ids))[:5])
        super().__init__(f"no such document: {named} (GET /documents lists the indexed ones)")
NO_CONTEXT = ("“{question}”像是接着上一个问题的追问，但这次对话里还没有上文（或对话已过期）。"
              "请把问题说完整：写明问的是什么（哪个地方、哪项指标或哪件事）。")


def default_embedder(settings: Settings) -> Embedder:
    """The configured model; the default one runs in ONNX Runtime (no torch) unless ``runtime`` says otherwise."""
    if settings.model == DEFAULT_MODEL and settings.runtime == "onnx":
        return DefaultModelEmbedder(settings.model_cache, settings.query_prompt, settings.passage_prompt)
    return SentenceTransformerEmbedder(
        settings.model, settings.model_cache, settings.query_prompt, settings.passage_prompt
    )


def corpus_paths(settings: Settings) -> list[Path]:
    """The configured corpus, else the one the live index was built from (empty: the shipped corpus)."""
    return settings.corpus or recorded_corpus(settings.index_root)


def index_files_current(settings: Settings, embedder: Embedder) -> bool:
    """Whether the live index was built from the corpus files as they are now, with this model and these settings
    (without reading a document; False when unsure)."""
    fingerprint = files_fingerprint(corpus_files(corpus_paths(settings)), settings.max_chunk_chars)
    return index_files_unchanged(settings.index_root, fingerprint, embedder, settings.index_type)


def ensure_index(settings: Settings, embedder: Embedder, show_progress: bool = False, force: bool = False) -> BuildReport | None:
    """Build the index when it is missing or stale (or ``force``d); None when the live one is current.

    Without configured corpus paths, the index keeps the corpus it was built from (``index --corpus``),
    so `serve` or `ask` on it never swaps the user's documents for the shipped ones."""
    use_lexicon(settings.lexicon_root)
    root = settings.index_root
    paths = corpus_paths(settings)
    fingerprint = files_fingerprint(corpus_files(paths), settings.max_chunk_chars)
    if not force and index_files_unchanged(root, fingerprint, embedder, settings.index_type):
        log.info("index at %s is current (the corpus files are unchanged)", root)
        return None
    read = read_corpus(paths, show_progress=show_progress)
    documents = read.documents
    if not force and index_is_current(root, documents, embedder, settings.max_chunk_chars, settings.index_type):
        log.info("index at %s is current; its files were touched, not changed", root)
        remember_fingerprint(root, fingerprint, read.skipped)
        return None
    log.info("building index at %s from %d documents", root, len(documents))
    return build_index(
        documents,
        embedder,
        root,
        max_chars=settings.max_chunk_chars,
        index_type=settings.index_type,
        query_prompt=settings.query_prompt,
        passage_prompt=settings.passage_prompt,
        show_progress=show_progress,
        sources=[str(p.resolve()) for p in paths],
        fingerprint=fingerprint,
        skipped=read.skipped,
    )


class Assistant:
    def __init__(
        self,
        settings: Settings,
        embedder_factory: Callable[[Settings], Embedder] = default_embedder,
        build_if_stale: bool = True,
    ):
        self.settings = settings
        self.embedder_factory = embedder_factory
        self.build_if_stale = build_if_stale
        self.thresholds = Thresholds(min_dense=settings.min_relevance)
        self.embedder: Embedder | None = None
        self.index: LoadedIndex | None = None
        self.sessions = SessionStore(settings.sessions_path, settings.session_idle_seconds, settings.session_max_turns)

    def warm_up(self) -> None:
        """Load the model and the index (building it first when missing or stale)."""
        if self.index is not None:
            return
        configure_offline()
        use_lexicon(self.settings.lexicon_root)
        warm_up_tokenizer()
        self.embedder = self.embedder_factory(self.settings)
        if self.build_if_stale:
            ensure_index(self.settings, self.embedder)
        try:
            self.index = load_index(self.settings.index_root, self.embedder)
        except IndexLoadError as exc:
            if not self.build_if_stale:
                raise
            # A damaged build (truncated file, manifest mismatch, missing file) is rebuilt, never half-used.
            log.error("index at %s is damaged: %s; rebuilding it", self.settings.index_root, exc)
            ensure_index(self.settings, self.embedder, force=True)
            self.index = load_index(self.settings.index_root, self.embedder)
        vocabulary = self.index.vocabulary
        self._idf = IdfTable(vocabulary.idf())
        self._corpus_text = "\n".join(c.context for c in self.index.chunks)
        self._known = KnownWords(self._corpus_text, vocabulary.spellings)
        self._speller = HomophoneSpeller(self._corpus_text, vocabulary.words, segment, word_frequency)
        self._glossary = vocabulary.glossary
        # The documents' own synonyms (documents.json "synonyms"), in record order, each pair once.
        self._synonyms = tuple(dict.fromkeys((phrase, term) for record in self.index.manifest.documents
                                             for phrase, term in record.get("synonyms", {}).items()))
        self._summaries = section_summaries(self.index.chunks)
        self.table: ProjectTable = build_table(self.index.facts, TableVocabulary.of_records(self.index.manifest.documents))
        self.evidence = Evidence(self.index.chunks, self.index.facts)
        self._fact_by_id = {f.fact_id: f for f in self.index.facts}
        self._facts = FactIndex(self.index.facts, self.index.fact_words, self._idf)
        self._catalogue = Catalogue(self.index.manifest.documents, self._corpus_text)
        self._documents = DocumentsAnswerer(self.index.chunks, self.index.manifest.documents, self.evidence,
                                            self._catalogue, self._glossary.gloss, self.index.fact_words, self._idf)
        self.sessions.open()
        self._query_vector = self._query_cache()
        log.info("ready: %d chunks and %d facts from %s", len(self.index.chunks), len(self.index.facts), self.index.path)

    def _analyze(self, question: str) -> QueryAnalysis:
        return analyze(question, self._speller.correct, self._glossary.gloss, self._synonyms)

    def warm_up_model(self) -> None:
        """Load the search structures and the query encoder now, so the first question through retrieval does not wait
        for them (the server calls this in the background; a one-shot figure question never needs them)."""
        self.warm_up()
        # A first question reads the tagger's tables and the lexicon's commonest words; this one pays for that.
        foreign_terms(self._analyze("今年的增长目标是多少？"), self._known)
        self.index.search_structures()
        if self._catalogue.many_places:
            self._documents.across.statements()
        warm = getattr(self.embedder, "warm_up", None)
        if warm is not None:
            warm()
        # The first encode of a process pays one-off set-up; pay it here, not on the first question.
        self._encode_query("warm up")

    def _query_cache(self) -> Callable[[str], np.ndarray]:
        """A repeated question (or the same follow-up rewrite) is not encoded twice; bounded, thread-safe."""
        return functools.lru_cache(maxsize=self.settings.query_cache_size)(self._encode_query)

    def _encode_query(self, text: str) -> np.ndarray:
        vector = self.embedder.encode_queries([text])[0]
        vector.flags.writeable = False
        return vector

    def health(self) -> HealthResponse:
        self.warm_up()
        manifest = self.index.manifest
        return HealthResponse(
            status="ok",
            model=manifest.model.name,
            model_weights_sha256=manifest.model.weights_sha256,
            index_path=str(self.index.path),
            index_type=manifest.index_type,
            chunks=manifest.chunk_count,
            documents=len(manifest.documents),
            built_at=manifest.build.get("created_at"),
        )

    def index_facts(self) -> list[Fact]:
        self.warm_up()
        return self.index.facts

    def facts(self, facts: list[Fact], place: str | None = None, indicator: str | None = None) -> list[Fact]:
        """``facts`` of the documents governing ``place`` and about ``indicator`` (in any of its wordings)."""
        if place:
            scope = self._catalogue.scope(place)
            if not scope.places:
                raise UnknownPlace(place, self._catalogue.covered_names())
            wanted = {d for g in scope.places for d in g.doc_ids}
            facts = [f for f in facts if f.doc_id in wanted]
        if indicator:
            named = indicator_named(indicator)
            if named is None:
                return [f for f in facts if indicator in f.subject]
            ind = named[0]
            facts = [f for f in facts if ind.takes(f.unit) and measured_by(f.subject + (f.metric or "")) == ind]
        return facts

    def documents(self) -> list[dict]:
        """The indexed documents with their profiles, as the manifest records them."""
        self.warm_up()
        return self.index.manifest.documents

    def variant(self, **settings) -> Assistant:
        """The same warmed-up model, index and sessions with other answering settings (the eval's baselines).
        Its query cache starts empty, so no system's latency is measured on encodings another system paid for."""
        self.warm_up()
        other = copy.copy(self)
        other.settings = self.settings.model_copy(update=settings)
        other._query_vector = other._query_cache()
        return other

    def history(self, session_id: str) -> list[Turn]:
        self.warm_up()
        return self.sessions.history(session_id)

    def forget(self, session_id: str) -> bool:
        self.warm_up()
        return self.sessions.delete(session_id)

    def ask(self, question: str, session_id: str | None = None, top_k: int | None = None,
            documents: Sequence[str] | None = None) -> AskResponse:
        """Answer one question with citations, as a follow-up of the session's previous turn, from the
        documents it names (or ``documents``, a list of ids; all when neither says).

        ``answered`` is False when the documents do not cover the question.
        """
        self.warm_up()
        top_k = top_k or self.settings.top_k
        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = round((now - clock) * 1000, 3)
            clock = now

        history = self.sessions.history(session_id) if session_id else []
        session_id = session_id or uuid.uuid4().hex
        unknown = [d for d in documents or () if d not in self._catalogue.titles]
        if unknown:
            raise UnknownDocuments(unknown)
        places = self._catalogue.mentions if self._catalogue.many_places else None
        resolution = resolve(question, history, places, self.table.vocabulary)
        lap("context_ms")
        resolution, (analysis, scope, found) = self._answer_turn(resolution, history, places, documents, top_k, lap)
        # a computed turn goes on from the question it computed on: "这个目标在哪部分？" after "多多少？" is about the target
        context = history[-1].rewritten if resolution.how == "figures" and history else resolution.standalone
        self.sessions.append(session_id, Turn(resolution.question, context, found.text, found.answered,
                                             found.areas, facts=tuple(f.fact_id for f in found.facts)))
        lap("assembly_ms")
        return AskResponse(
            answer=found.text,
            answered=found.answered,
            session_id=session_id,
            rewritten_question=resolution.standalone,
            follow_up=resolution.rewritten,
            read_as=[f"{c.written}→{c.read_as}" for c in analysis.corrections],
            citations=found.citations,
            facts=[fact_model(f) for f in found.facts],
            table=list(found.table),
            documents=list(scope.doc_ids) if scope.doc_ids is not None else [],
            reason=found.reason.code if found.reason is not None else None,
            timings_ms=timings,
        )

    def _answer_turn(self, resolution: Resolution, history: Sequence[Turn], places: PlaceFinder | None,
                     documents: Sequence[str] | None, top_k: int, lap: Callable[[str], None],
                     ) -> tuple[Resolution, tuple[QueryAnalysis, Scope, Found]]:
        """The answer to a turn as resolved, and the resolution it was answered as: arithmetic on the earlier answers'
        figures ("三者合计多少？"), unless the conversation rewrote it as a comparison of two places that can be
        answered as one; and a follow-up that finds nothing read once more against the turn before the last."""
        worked = work_out(resolution.question, history, self._fact_by_id.get, self._documents.across.place) if (
            resolution.how != "table") else None
        compares_places = places is not None and resolution.how == "topic" and len(places(resolution.standalone)) > 1
        if worked is None or compares_places:
            found = self._find(resolution, None, documents, top_k, lap)
            if worked is None or found[2].answered:
                return self._retried(resolution, found, history, places, documents, top_k, lap)
        resolution = Resolution(resolution.question, worked.standalone, "figures")
        return resolution, self._find(resolution, worked, documents, top_k, lap)

    def _retried(self, resolution: Resolution, found: tuple[QueryAnalysis, Scope, Found], history: Sequence[Turn],
                 places: PlaceFinder | None, documents: Sequence[str] | None, top_k: int, lap: Callable[[str], None],
                 ) -> tuple[Resolution, tuple[QueryAnalysis, Scope, Found]]:
        """A follow-up that found nothing (not a document that plainly does not state it) read against the turn before
        the last: "天津港呢？" after a side question (连续多少年排名第一？) goes on with the throughput asked before it."""
        reply = found[2]
        if (reply.answered or reply.reason not in (reasons.NOT_FOUND, reasons.NO_FIGURE) or not resolution.rewritten
                or resolution.how == "dangling" or len(history) < 2):
            return resolution, found
        earlier = resolve(resolution.question, history[:-1], places, self.table.vocabulary)
        if not earlier.rewritten or earlier.standalone == resolution.standalone:
            return resolution, found
        retried = self._find(earlier, None, documents, top_k, lap)
        return (earlier, retried) if retried[2].answered else (resolution, found)

    def _find(self, resolution: Resolution, worked: Worked | None, documents: Sequence[str] | None, top_k: int,
              lap: Callable[[str], None]) -> tuple[QueryAnalysis, Scope, Found]:
        """Read the standalone question, scope it, and find its answer: computed from earlier answers, from the
        documents' profiles or figures across them, from the facts, side by side, or by retrieval."""
        analysis = self._analyze(resolution.standalone)
        scope = self._catalogue.scope(resolution.standalone, documents)
        if scope.narrowed and scope.mentions and len(scope.places) == 1:
            analysis = self._analyze(self._catalogue.without_mentions(resolution.standalone, scope))
        rows = self._year_rows(analysis, scope.doc_ids)
        lap("analysis_ms")
        if resolution.how == "dangling":
            found = Found(NO_CONTEXT.format(question=resolution.question), False, [], (), reason=reasons.NO_CONTEXT)
        elif worked is not None:
            found = Found(worked.text, True, self.evidence.citations_for(worked.facts), worked.facts)
        elif (found := self._documents.answer(analysis, scope, self.settings.use_facts)) is not None:
            lap("lookup_ms")
        elif (found := self._from_facts(analysis, scope.doc_ids, rows)) is not None:
            lap("lookup_ms")
        elif scope.varies and not scope.places and self._catalogue.many_places:
            found = self._side_by_side(analysis, top_k, lap)
        else:
            found = self._from_retrieval(analysis, top_k, lap, rows)
        return analysis, scope, found

    def _year_rows(self, analysis: QueryAnalysis, doc_ids: Sequence[str] | None) -> np.ndarray | None:
        """The rows a question may be answered from: for one about a year (2024年, 今年, 去年; for "在哪一部分",
        also 部署, 工作安排) in reports that look back and ahead, the sections about that year, when there are any."""
        rows = self._rows(doc_ids)
        if not self._catalogue.many_places:
            return rows
        asked = int(analysis.years[0]) if len(analysis.years) == 1 else None
        text = analysis.normalized
        relative = -1 if LAST_YEAR.search(text) else 0 if THIS_YEAR.search(text) or (
            analysis.wants_place and PLAN_WORDS.search(text)) else None
        if asked is None and relative is None:
            return rows
        across = self._documents.across
        candidates = rows if rows is not None else np.arange(len(self.index.chunks), dtype=np.int64)
        kept = [r for r in candidates.tolist() if across.year_of(r) == (
            asked if asked is not None else (across.period(self.index.chunks[r].doc_id) or 0) + relative)]
        return np.array(kept, dtype=np.int64) if kept else rows

    def _rows(self, doc_ids: Sequence[str] | None) -> np.ndarray | None:
        if doc_ids is None:
            return None
        return np.array(sorted(row for d in set(doc_ids) for row in self.evidence.rows_of(d)), dtype=np.int64)

    def _side_by_side(self, analysis: QueryAnalysis, top_k: int, lap: Callable[[str], None]) -> Found:
        """A question naming no place over documents that differ by place: the answer of each of the documents
        closest to it, side by side, never one of them alone."""
        query_vector = self._query_vector(analysis.document_terms)
        hits = hybrid_search(self.index.dense, self.index.vectors, self.index.bm25, query_vector,
                             analysis.search_tokens, SIDE_BY_SIDE_HITS, mode=self.settings.retrieval)
        doc_ids = list(dict.fromkeys(self.index.chunks[h.row].doc_id for h in hits))
        lines, citations, facts = [], [], []
        for doc_id in doc_ids:
            found = self._from_retrieval(analysis, top_k, lambda name: None, self._rows([doc_id]))
            if not found.answered:
                continue
            cited = next(c for c in found.citations if c.highlight)
            excerpt = self._excerpt_of(cited)
            lines.append(f"- {self._documents.across.place(doc_id)}：{excerpt}（{cited.doc_title}，{cited.section}）")
            citations.append(cited)
            facts += found.facts
            if len(lines) == SIDE_BY_SIDE_DOCS:
                break
        lap("search_ms")
        if not lines:
            return Found(NOT_COVERED, False, [], (), reason=reasons.NOT_FOUND)
        count = len(self._catalogue.titles)
        text = SIDE_BY_SIDE.format(shown=len(lines), count=count, places="、".join(self._catalogue.covered_names()[:3]))
        return Found(text + "\n" + "\n".join(lines), True, citations, tuple(facts))

    @staticmethod
    def _excerpt_of(citation: Citation) -> str:
        start, end = citation.highlight
        return citation.text[start - citation.start: end - citation.start]

    def _from_retrieval(self, analysis: QueryAnalysis, top_k: int, lap: Callable[[str], None],
                        allowed: np.ndarray | None = None) -> Found:
        """Encode, search (the ``allowed`` chunk rows only, when given), pick the answering sentence; the facts
        are those inside the quoted excerpt."""
        index = self.index
        query_vector = self._query_vector(analysis.document_terms)
        lap("encoding_ms")
        hits = hybrid_search(index.dense, index.vectors, index.bm25, query_vector, analysis.search_tokens, top_k,
                             mode=self.settings.retrieval, allowed=allowed)
        lap("search_ms")
        excerpt = choose_excerpt(analysis, hits, index.chunks, self._idf)
        top_dense = max((h.dense for h in hits), default=0.0)
        chunk = index.chunks[hits[excerpt.hit_index].row] if excerpt is not None else None
        covered_topic = chunk is not None and is_covered(
            analysis,
            self._known,
            top_dense,
            coverage(matchable_tokens(analysis.tokens, self._idf), text_tokens(chunk.context), self._idf),
            self.thresholds,
        ) and excerpt_fits(analysis, excerpt.text, chunk.context, self._idf, self.thresholds)
        # Declined on wording alone (foreign names and a low similarity stay declined): try the closest sentence.
        if not covered_topic and chunk is not None and is_on_topic(analysis, self._known, top_dense, self.thresholds):
            close = self._closest_paraphrase(analysis, query_vector, hits)
            if close is not None:
                excerpt, chunk, covered_topic = close, index.chunks[hits[close.hit_index].row], True
        answered = covered_topic and states_answer_kind(analysis, excerpt.text)
        year = implied_year(analysis, excerpt.text, chunk.doc_title) if covered_topic and not answered else None
        answered = answered or year is not None
        order = list(range(len(hits)))
        if answered:
            order.insert(0, order.pop(excerpt.hit_index))
            if year is not None:
                answer = compose_dated_answer(excerpt, chunk.doc_title, chunk.section, year)
            elif analysis.wants_place:
                summary = self._summaries.get((chunk.doc_id, chunk.path[0]))
                lead = self.evidence.paragraph_lead(hits[excerpt.hit_index].row)
                lead = lead if lead and lead not in chunk.section else None  # a heading's own words
                answer = compose_where_answer(excerpt, chunk.doc_title, chunk.section, summary, lead)
            else:
                answer = compose_answer(excerpt, chunk.doc_title, chunk.section)
        elif covered_topic:
            answer = NO_FIGURE.format(excerpt=excerpt.text)
        else:
            answer = NOT_COVERED
        citations = [
            chunk_citation(index.chunks[hits[i].row], round(hits[i].score, 6),
                           [excerpt.start, excerpt.end] if answered and i == excerpt.hit_index else None)
            for i in order
        ]
        quoted = self.evidence.facts_within(chunk.doc_id, excerpt.start, excerpt.end) if answered else []
        return Found(answer, answered, citations, tuple(quoted), reason=None if answered else self._why_not(analysis, covered_topic))

    def _why_not(self, analysis: QueryAnalysis, covered_topic: bool) -> reasons.Reason:
        """Why retrieval found no answering sentence: something named the documents never mention, a passage on the
        topic without the asked figure, or nothing on the topic."""
        missing = foreign_terms(analysis, self._known)
        if missing:
            return reasons.foreign_reason(missing)
        return reasons.NO_FIGURE if covered_topic else reasons.NOT_FOUND

    def _closest_paraphrase(self, analysis: QueryAnalysis, query_vector: np.ndarray, hits: list[Hit]) -> Excerpt | None:
        """For a question worded unlike the documents: of its closest sentences (a near-tie counts), the one
        sharing most words with it among those that are close, anchored (see ``is_close_paraphrase``), in a
        retrieved chunk, and state what the question asks for."""
        rows = [hit.row for hit in hits]
        best: tuple[float, Excerpt] | None = None
        for position, similarity in closest_sentences(self.index.sentence_vectors, query_vector,
                                                      self.thresholds.sentence_tie_margin):
            ref = self.index.sentences[position]
            text = sentence_text(self.index.chunks[ref.row], ref)
            if ref.row not in rows or not is_close_paraphrase(analysis, text, similarity, self._idf, self.thresholds):
                continue
            if not excerpt_fits(analysis, text, self.index.chunks[ref.row].context, self._idf, self.thresholds):
                continue
            a, b = trim(analysis, text, self._idf)
            if not states_answer_kind(analysis, text[a:b]):
                continue
            match = question_match(analysis, text_tokens(text), self._idf)
            if best is None or match > best[0]:
                best = match, Excerpt(rows.index(ref.row), ref.start + a, ref.start + b, text[a:b], similarity)
        return best[1] if best is not None else None

    def _from_table(self, analysis: QueryAnalysis) -> TableAnswer | None:
        """The answer from the documents' section table, when the question is about it."""
        vocabulary = self.table.vocabulary
        # A question naming a company or other body (某公司…项目的总投资) is not about the plan's project table.
        if any(not any(n in word for word in table_words(vocabulary)) for n in proper_names(analysis.normalized)):
            return None
        query = parse_table_query(analysis.document_terms, analysis.years, analysis.wants_time, vocabulary)
        return answer_table(query, self.table) if query is not None else None

    def _from_facts(self, analysis: QueryAnalysis, doc_ids: Sequence[str] | None = None,
                    rows: np.ndarray | None = None) -> Found | None:
        """The answer from the facts alone (project table, or one target/deadline, in ``doc_ids`` when given, in
        the chunk ``rows`` when given), without retrieval."""
        if not self.settings.use_facts or foreign_terms(analysis, self._known):
            return None
        from_table = self._from_table(analysis) if self.table.vocabulary else None
        if from_table is not None:
            return Found(from_table.text, True, self.evidence.citations_for(from_table.facts), from_table.facts, from_table.areas)
        published = match_publication(analysis, self._facts, self._idf, doc_ids)
        if published is not None:
            answer = f"《{published.subject}》的发布时间是{published.written}（见原网页的发布信息）。"
            return Found(answer, True, [fact_citation(published, published.subject)], (published,))
        fact = match_fact(analysis, self._facts, self._idf, doc_ids)
        if fact is not None and missing_per_unit(analysis, fact.sentence):
            return None
        row = self.evidence.chunk_row(fact) if fact is not None else None
        if row is None or (rows is not None and row not in set(rows.tolist())):
            return None
        chunk = self.index.chunks[row]
        offset = chunk.text.find(fact.sentence)
        if offset < 0:
            return None
        sentence_start = chunk.start + offset
        a, b = trim(analysis, fact.sentence, self._idf)
        if not (sentence_start + a <= fact.start and fact.end <= sentence_start + b):
            a, b = 0, len(fact.sentence)
        excerpt = Excerpt(0, sentence_start + a, sentence_start + b, fact.sentence[a:b], 1.0)
        citation = chunk_citation(chunk, 1.0, [excerpt.start, excerpt.end])
        return Found(compose_answer(excerpt, chunk.doc_title, chunk.section), True, [citation], (fact,))
