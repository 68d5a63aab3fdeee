"""Targets, deadlines and publication dates straight from the facts: "到2025年新能源汽车保有量要达到多少",
"什么时候制定碳达峰工作方案", "这篇稿子是什么时候发布的".

A fact answers a question when the question names the fact's subject (nearly
all of the subject's idf weight is among the question's tokens) and the
fact's sentence holds most of the question. If the best matches disagree on
the value, or the question names a year the sentence does not, there is no
match and the question goes to retrieval.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer import IdfTable, coverage, text_tokens
from assistant.query import QueryAnalysis
from corpus.facts import Fact

PUBLISHED_CUES = ("发布", "发表", "刊发", "刊登", "发稿", "上线", "published")
ARTICLE_WORDS = ("稿子", "文章", "报道", "新闻", "这篇", "该文", "article")
MIN_SUBJECT_NAMED = 0.8
MIN_QUESTION_HELD = 0.6
ANSWERING_KINDS = ("figure", "deadline")


def _context(fact: Fact) -> str:
    return f"{fact.sentence} {fact.section}"


def warm_up(facts: Sequence[Fact]) -> None:
    """Tokenise every fact once, so the first questions do not pay for it."""
    for fact in facts:
        text_tokens(fact.subject), text_tokens(_context(fact))


def _score(analysis: QueryAnalysis, fact: Fact, idf: IdfTable) -> float | None:
    subject = tuple(text_tokens(fact.subject))
    if not subject:
        return None
    named = coverage(subject, frozenset(analysis.tokens), idf)
    held = coverage(analysis.tokens, text_tokens(_context(fact)), idf)
    if named < MIN_SUBJECT_NAMED or held < MIN_QUESTION_HELD:
        return None
    if any(year not in fact.sentence for year in analysis.years):
        return None
    return named + held


def match_fact(analysis: QueryAnalysis, facts: Sequence[Fact], idf: IdfTable) -> Fact | None:
    """The one fact that answers a target or deadline question, else None."""
    if analysis.wants_place or not (analysis.wants_number or analysis.wants_time) or not analysis.tokens:
        return None
    kind = "deadline" if analysis.wants_time else "figure"
    scored = [(score, fact) for fact in facts if fact.kind == kind
              if (score := _score(analysis, fact, idf)) is not None]
    if not scored:
        return None
    best = max(score for score, _ in scored)
    top = [fact for score, fact in scored if score >= best - 1e-9]
    if len({(f.value, f.unit, f.high) for f in top}) > 1:
        return None
    # The full text (deeper heading path) is the authoritative printing when both agree.
    return max(top, key=lambda f: (len(f.path), f.start))


def match_publication(analysis: QueryAnalysis, facts: Sequence[Fact], idf: IdfTable) -> Fact | None:
    """The publication date a "这篇稿子是什么时候发布的" question asks for: the document named by its title,
    or the only article with a printed publication date."""
    if not analysis.wants_time or not any(c in analysis.normalized for c in PUBLISHED_CUES):
        return None
    published = [f for f in facts if f.kind == "published"]
    named = [f for f in published if coverage(tuple(text_tokens(f.subject)), frozenset(analysis.tokens), idf) >= MIN_SUBJECT_NAMED]
    if len(named) == 1:
        return named[0]
    generic = len(published) == 1 and any(w in analysis.normalized for w in ARTICLE_WORDS)
    return published[0] if generic else None
