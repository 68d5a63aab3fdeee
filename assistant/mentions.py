"""Which documents mention something: "哪些省份提到了“人工智能+”行动？", "有几份报告提出建设低空经济？" —
every document whose text holds the term, each cited where it first does, and how many.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.chunking import Chunk

MENTION = re.compile(
    r"(?P<ask>哪些|哪几个|哪几份|几个|几份|多少个|多少份)(?:省份|省区市|省市|省|地方|地区|报告|文档|文件)?"
    r"(?:的报告)?(?:里|中)?(?:都)?(?:提到|提出|提及|写到|写了|部署|谈到|涉及|讲到)了?(?P<term>[^？?。]+)")
QUOTES = "“”\"'《》「」 "
MIN_TERM_CHARS = 2
LEADING_VERB = re.compile(r"^(?:要|将)?(?:建设|发展|推进|实施|打造|加快|推动|开展|培育|建立|设立|举办)")


@dataclass(frozen=True)
class Mention:
    doc_id: str
    row: int
    start: int  # of the term in the document
    end: int


def mentioned_term(question: str) -> str | None:
    """The term a "which documents mention X" question asks about."""
    match = MENTION.search(question)
    if match is None:
        return None
    term = match.group("term").strip().removesuffix("的")
    if term.count("“") != term.count("”"):  # a quote opened or closed at the term's edge only
        term = term.strip(QUOTES)
    return term if len(term.strip(QUOTES)) >= MIN_TERM_CHARS else None


def mentions(term: str, chunks: Sequence[Chunk], doc_ids: Sequence[str]) -> tuple[str, list[Mention]]:
    """The first place each of ``doc_ids`` states ``term`` (in the order of ``doc_ids``); a term no document
    states is tried without its quotes, then without the verb it opens with (建设低空经济 → 低空经济). Returns the term
    found."""
    found = _first_mentions(term, chunks, doc_ids)
    unquoted = term.strip(QUOTES)
    if not found and unquoted != term:  # “冰雪经济”, printed without the quotes
        term, found = unquoted, _first_mentions(unquoted, chunks, doc_ids)
    bare = LEADING_VERB.sub("", term)
    if not found and bare != term and len(bare) >= MIN_TERM_CHARS:
        return bare, _first_mentions(bare, chunks, doc_ids)
    return term, found


def _first_mentions(term: str, chunks: Sequence[Chunk], doc_ids: Sequence[str]) -> list[Mention]:
    wanted = set(doc_ids)
    first: dict[str, Mention] = {}
    for row, chunk in enumerate(chunks):
        if chunk.doc_id not in wanted:
            continue
        at = chunk.text.find(term)
        if at >= 0 and (chunk.doc_id not in first or chunk.start + at < first[chunk.doc_id].start):
            first[chunk.doc_id] = Mention(chunk.doc_id, row, chunk.start + at, chunk.start + at + len(term))
    return [first[d] for d in doc_ids if d in first]
