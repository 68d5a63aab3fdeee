"""Targets, deadlines and publication dates straight from the facts: "到2025年城镇新增就业要达到多少",
"什么时候出台实施方案", "这篇稿子是什么时候发布的".

A fact answers a question when the question names the fact's subject (nearly
all of the subject's idf weight is among the question's tokens) and the
fact's sentence holds most of the question. If the best matches disagree on
the value, or the question names a year the sentence does not, there is no
match and the question goes to retrieval.

``FactIndex`` finds the facts a question can name through the words of their
subjects (tokenised when the index was built), so a question scores the few
facts that share a word with it, not every fact of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from assistant.answer import IdfTable, coverage
from assistant.query import QueryAnalysis
from corpus.facts import Fact
from index.facts_store import FactWords

PUBLISHED_CUES = ("发布", "发表", "刊发", "刊登", "发稿", "上线", "published")
ARTICLE_WORDS = ("稿子", "文章", "报道", "新闻", "这篇", "该文", "article")
MIN_SUBJECT_NAMED = 0.8
MIN_QUESTION_HELD = 0.6
ANSWERING_KINDS = ("figure", "deadline")


def key_words(subject: frozenset[str], idf: IdfTable) -> list[str]:
    """The subject's most distinctive words, as few as hold more than ``1 - MIN_SUBJECT_NAMED`` of its idf weight:
    a question naming none of them names too little of the subject to be answered by the fact."""
    total = sum(idf[w] for w in subject)
    keys, held = [], 0.0
    for word in sorted(subject, key=lambda w: (-idf[w], w)):
        keys.append(word)
        held += idf[word]
        if held >= (1 - MIN_SUBJECT_NAMED + 1e-6) * total:
            break
    return keys


class FactIndex:
    """The answering facts (targets, deadlines, publication dates) by the distinctive words of their subjects, so a
    question scores the few facts it can name, however many the corpus holds."""

    def __init__(self, facts: Sequence[Fact], words: dict[str, FactWords], idf: IdfTable):
        self.words = words
        self._by_word: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._facts = list(facts)
        for position, fact in enumerate(self._facts):
            if fact.kind in ANSWERING_KINDS:
                for word in key_words(words[fact.fact_id].subject, idf):
                    self._by_word[fact.kind, word].append(position)
        self.published = [f for f in self._facts if f.kind == "published"]

    def naming(self, kind: str, tokens: Sequence[str], doc_ids: Collection[str] | None = None) -> list[Fact]:
        """Facts of ``kind`` whose subject ``tokens`` may name, in document order (within ``doc_ids`` when given)."""
        positions = {p for token in set(tokens) for p in self._by_word.get((kind, token), ())}
        return [self._facts[p] for p in sorted(positions) if doc_ids is None or self._facts[p].doc_id in doc_ids]


def _score(analysis: QueryAnalysis, words: FactWords, fact: Fact, idf: IdfTable) -> float | None:
    if not words.subject:
        return None
    named = coverage(tuple(words.subject), frozenset(analysis.tokens), idf)
    held = coverage(analysis.tokens, words.context, idf)
    if named < MIN_SUBJECT_NAMED or held < MIN_QUESTION_HELD:
        return None
    if any(year not in fact.sentence for year in analysis.years):
        return None
    return named + held


def match_fact(analysis: QueryAnalysis, facts: FactIndex, idf: IdfTable, doc_ids: Collection[str] | None = None) -> Fact | None:
    """The one fact that answers a target or deadline question (in ``doc_ids`` when given), else None."""
    if analysis.wants_place or not (analysis.wants_number or analysis.wants_time) or not analysis.tokens:
        return None
    kind = "deadline" if analysis.wants_time else "figure"
    scored = [(score, fact) for fact in facts.naming(kind, analysis.tokens, doc_ids)
              if (score := _score(analysis, facts.words[fact.fact_id], fact, idf)) is not None]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [fact for score, fact in scored if score >= best - 1e-9]
    if len({(f.value, f.unit, f.high) for f in top}) > 1:
        return None
    # The full text (deeper heading path) is the authoritative printing when both agree.
    return max(top, key=lambda f: (len(f.path), f.start))


def match_publication(analysis: QueryAnalysis, facts: FactIndex, idf: IdfTable,
                      doc_ids: Collection[str] | None = None) -> Fact | None:
    """The publication date a "这篇稿子是什么时候发布的" question asks for: the document named by its title,
    or the only article with a printed publication date."""
    if not analysis.wants_time or not any(c in analysis.normalized for c in PUBLISHED_CUES):
        return None
    published = [f for f in facts.published if doc_ids is None or f.doc_id in doc_ids]
    named = [f for f in published
             if coverage(tuple(facts.words[f.fact_id].subject), frozenset(analysis.tokens), idf) >= MIN_SUBJECT_NAMED]
    if len(named) == 1:
        return named[0]
    generic = len(published) == 1 and any(w in analysis.normalized for w in ARTICLE_WORDS)
    return published[0] if generic else None
