"""Lists a document announces by a count: "“六场战役”是哪六场？", "10件民生实事包括哪些？" — the items, each cited,
read where the text gives them: in a definition (“三通一码”：赣服通、赣政通…), in the same sentence before the
term (A、B、C“七大攻坚”), or in the sentences that follow it, one item each (一是…二是…, （一）…（二）…, X方面…).
When the text gives fewer items than announced, the reply says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.chunking import Chunk
from corpus.figures import chinese_number

ASKS_ITEMS = re.compile(r"哪些|哪几|哪[一二三四五六七八九十两\d]+[个项场件大条张支块种篇]|分别是|分别指|分别涉及|分别聚焦|指什么|"
                        r"指的是什么|是什么|包括|涉及哪|具体指|具体是")
QUOTED = re.compile(r"[“\"]([^”\"]{2,16})[”\"]")
COUNTED = re.compile(r"([一二三四五六七八九十两]+|(?<!\d)\d{1,2}(?!\d))([大个项场件条张支块种篇]?)([\u4e00-\u9fff]{1,8}?)"
                     r"(?=[是指分包有都具涉的，,？?]|$)")
DEFINES = re.compile(r"^[”\"]?\s*(?:[:：]|即|是指|指|包括)")
ENUMERATED = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、是]|\d+[．.、])")
ASPECT = re.compile(r"^([\u4e00-\u9fff“”]{2,16}?)方面")
SPLIT = re.compile(r"[、，,；;]|和(?=[\u4e00-\u9fff]{2})")
SENTENCE_END = "。；;\n"
MAX_ITEM_CHARS = 40
QUOTES_AROUND = "“”\"' \u3000"
LOOKAHEAD_CHARS = 6000
FIRST_ITEM_WITHIN = 200  # the first item must follow the term closely


@dataclass(frozen=True)
class Item:
    text: str
    row: int
    start: int  # in the document
    end: int


def asked_list(question: str) -> tuple[str, int | None] | None:
    """The announced term a question asks the items of, and how many it announces (None when it does not say)."""
    if ASKS_ITEMS.search(question) is None:
        return None
    quoted = QUOTED.search(question)
    term = quoted.group(1) if quoted else None
    counted = COUNTED.search(term or question)
    if term is None:
        if counted is None:
            return None
        term = counted.group(0)
    number = None
    if counted is not None:
        digits = counted.group(1)
        number = int(digits) if digits.isdigit() else chinese_number(digits)
    return term, number


def _clean(item: str) -> str:
    item = ENUMERATED.sub("", item.strip()).strip("“”\"：: ")
    return re.sub(r"^(?:坚持|聚力打好|奋力打好|打好|大力实施|实施|加快|推动|更大力度推动)", "", item)


def _definition(text: str, after: int) -> list[tuple[int, int]]:
    """Items of a definition right after the term: “三通一码”：赣服通、赣政通、赣企通、赣通码。"""
    rest = text[after:]
    lead = DEFINES.match(rest)
    if lead is None:
        return []
    start = after + lead.end()
    end = min((i for i in (text.find(c, start) for c in "。\n") if i >= 0), default=len(text))
    spans = _spans(text, start, end)
    return spans if _plain(text, spans) else []


def _before(text: str, at: int) -> list[tuple[int, int]]:
    """Items listed in the same sentence right before the term: 大力实施A、B、C“七大攻坚”."""
    start = max((text.rfind(c, 0, at) for c in "。；;\n，,"), default=-1) + 1
    spans = _spans(text, start, at)
    return spans if len(spans) >= 2 and _plain(text, spans) else []


def _plain(text: str, spans: list[tuple[int, int]]) -> bool:
    """Items are plain phrases, not other announced terms or figures (“三馆一中心”, 2025年10件民生实事)."""
    return not any(re.search(r"[“”\"]|\d", text[a:b]) for a, b in spans)


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    for piece in SPLIT.split(text[start:end]):
        piece_start = text.find(piece, position, end) if piece else -1
        if piece.strip() and piece_start >= 0:
            spans.append((piece_start, piece_start + len(piece)))
            position = piece_start + len(piece)
    trimmed = []
    for a, b in spans:  # the quote that opens the term (…民生补短提质“七大攻坚”) is not part of the item
        while a < b and text[a] in QUOTES_AROUND:
            a += 1
        while b > a and text[b - 1] in QUOTES_AROUND:
            b -= 1
        if 0 < b - a <= MAX_ITEM_CHARS:
            trimmed.append((a, b))
    return trimmed


def _following(text: str, after: int) -> list[tuple[int, int]]:
    """One item per following sentence that opens an enumeration (一是…, （一）…, X方面…), the first clause of each."""
    spans, position, kind = [], after, None
    end = min(len(text), after + LOOKAHEAD_CHARS)
    while position < end and (spans or position - after <= FIRST_ITEM_WITHIN):
        next_end = min((i for i in (text.find(c, position) for c in SENTENCE_END) if i >= 0), default=end)
        sentence = text[position:next_end].lstrip("——— \u3000")
        offset = position + (len(text[position:next_end]) - len(sentence))
        opens = "enumerated" if ENUMERATED.match(sentence) else "aspect" if ASPECT.match(sentence) else None
        if opens is not None and (kind is None or opens == kind):
            kind = opens
            clause = min((i for i in (sentence.find(c) for c in "，,：:") if i > 0), default=len(sentence))
            if opens == "aspect":
                clause = ASPECT.match(sentence).end(1)
            spans.append((offset, offset + min(clause, MAX_ITEM_CHARS)))
        position = next_end + 1
    return spans if _plain(text, spans) else []


def list_items(term: str, number: int | None, chunks: Sequence[Chunk], rows: Sequence[int]) -> list[Item]:
    """The items of ``term`` in the chunks at ``rows`` (one document's, in order): the reading that gives as many
    items as announced, else the one that gives most."""
    text, starts = "", []
    for row in rows:
        starts.append((len(text), row))
        text += chunks[row].text + "\n"
    best: list[tuple[int, int]] = []
    occurrences = [m for m in re.finditer(re.escape(term), text)]
    # A definition or the sentence naming the items beats a run of sentences that follow the term.
    for following, reading in ((False, lambda m: _definition(text, m.end()) or _before(text, m.start())),
                               (True, lambda m: _following(text, m.end()))):
        for match in occurrences:
            spans = reading(match)
            # a run of sentences, or a sentence naming the items, counts only when it gives as many as announced
            if number is not None and (following or not DEFINES.match(text[match.end():])):
                spans = spans[:number] if len(spans) >= number else []
            if len(spans) >= 2 and _fit(spans, number) > _fit(best, number):
                best = spans
        if best:  # a definition or the naming sentence, whatever its count, is the text's own list
            break
    return [_item(text, a, b, starts, chunks) for a, b in best]


def _fit(spans: list, number: int | None) -> tuple[bool, int]:
    return (number is not None and len(spans) == number, len(spans))


def _item(text: str, a: int, b: int, starts: list[tuple[int, int]], chunks: Sequence[Chunk]) -> Item:
    offset, row = max((s for s in starts if s[0] <= a), key=lambda s: s[0])
    chunk = chunks[row]
    start = chunk.start + (a - offset)
    return Item(_clean(text[a:b]), row, start, start + (b - a))
