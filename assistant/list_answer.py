"""Lists a document announces by a count: "“六场战役”是哪六场？", "10件民生实事包括哪些？" — the items, each cited,
read where the text gives them: in a definition (“三通一码”：赣服通、赣政通…), in the same sentence before the
term (A、B、C“七大攻坚”), or in the sentences that follow it, one item each (一是…二是…, （一）…（二）…, X方面…).
When the text gives fewer items than announced, the reply says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.chunking import Chunk, split_sentences
from corpus.figures import chinese_number
from corpus.normalize import normalize

ASKS_ITEMS = re.compile(r"哪些|哪几|哪[一二三四五六七八九十两\d]+[个项场件大条张支块种篇]|分别是|分别指|分别涉及|分别聚焦|指什么|"
                        r"指的是什么|是什么|包括|涉及哪|具体指|具体是")
QUOTED = re.compile(r"[“\"]([^”\"]{2,16})[”\"]")
COUNTED = re.compile(r"([一二三四五六七八九十两]+|(?<!\d)\d{1,2}(?!\d))([大个项场件条张支块种篇]?)([\u4e00-\u9fff]{1,8}?)"
                     r"(?=[是指分包有都具涉的聚涵主中在里，,？?]|$)")
DEFINES = re.compile(r"^[”\"]?\s*(?:[\u4e00-\u9fff]{0,2}[:：]|[，,]?即|是指|指|包括)")
ENUMERATED = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、]|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、是]|\d+[．.、])")
ASPECT = re.compile(r"^([\u4e00-\u9fff“”]{2,16}?)方面")
SENTENCE_ITEMS = "N是"  # 一是…十一是: each item a sentence of its own, which may hold figures
LIST_BREAKS = re.compile(r"[、，,；;]")
SPLIT = re.compile(r"[、，,；;]|和(?=[\u4e00-\u9fff]{2})")
SENTENCE_END = "。；;\n"
MAX_ITEM_CHARS = 40
QUOTED_TERM = re.compile(r"[“\"][^”\"]*[”\"]")
# Items named by the term's own head word, each in its own clause (“六个攻坚战” → 投资消费稳定增长攻坚战、…;
# “六个严防” → 严防发生新增政府隐性债务、…): the head ends or opens each item.
ITEM_BREAKS = "。；;，,、：:\n“”\""
MIN_HEAD_CHARS = 2
SHARED_OPENING = 2
LEAD_CHARS = 2  # the word each sentence of a run opens with (聚焦, 围绕)
QUOTES_AROUND = "“”\"' \u3000"
LOOKAHEAD_CHARS = 6000
NTH = re.compile(r"第([一二三四五六七八九十]+|\d{1,2})(?:项|个|件|条|大|场|方面|篇|点|类|种)|最后一(?:项|个|件|条|场|篇|点|类|种)")
LAST = -1  # asked_item's answer for 最后一项
FIRST_ITEM_WITHIN = 200  # the first item must follow the term closely
ANNOUNCES = r"[\u4e00-\u9fff]{0,4}:"  # a passage announcing items it does not give: …十个方面的工作：
MIN_HEADING_TERM = 4  # the shortest ending of a question's phrase a heading may be found by
MIN_STEM_CHARS = 3  # 向图强: shorter stems match too much
ASPECTS = re.compile(r"^(?P<term>[\u4e00-\u9fff\d]{4,20}?)(?:分为|分成|分|包括|包含|有|列了)(?:哪几|哪些|几)个?(?:方面|部分)")


ABOUT = re.compile(r"(?:跟|与|和|同)([\u4e00-\u9fff]{1,8}?)(?:有关|相关)的?|关于([\u4e00-\u9fff]{1,8}?)的(?:是|那)")
ITEM_REPLY = "《{title}》所说的“{term}”的第{nth}项是：{item}。"
REPLIED_ITEM = re.compile(r"^《[^》]+》所说的“[^”]+”的第\d+项是：(?P<item>[^\n]+)。$")


def replied_item(answer: str) -> str | None:
    """The item a reply naming one item of a list gave (``ITEM_REPLY``), for a follow-up pointing at it (这一项…)."""
    match = REPLIED_ITEM.match(answer)
    return match.group("item") if match else None


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
    aspects = ASPECTS.search(question)  # 河南2025年重点工作分哪几个方面？
    return announced_term(question) or ((aspects.group("term"), None) if aspects else None)


def announced_term(question: str) -> tuple[str, int | None] | None:
    """The quoted or counted term a question names (“四千行动”, 10件惠民实事), and the count it announces."""
    quoted = QUOTED.search(question)
    term = quoted.group(1) if quoted else None
    counted = COUNTED.search(term or question)
    if term is None:
        if counted is None:
            return None
        term = counted.group(0)
    return term, _numeral(counted.group(1)) if counted is not None else None


def _numeral(text: str) -> int | None:
    """12 → 12, 十 → 10."""
    return int(text) if text.isdigit() else chinese_number(text)


def asked_about(question: str) -> str | None:
    """The word an item is asked by ("跟养老有关的是哪一件？" → 养老), when the question picks one item by its content."""
    match = ABOUT.search(question)
    return next(g for g in match.groups() if g) if match else None


def item_about(items: Sequence[Item], word: str) -> int | None:
    """The number (from 1) of the first item holding ``word``, else of the one sharing most of its characters."""
    held = next((i for i, item in enumerate(items, start=1) if word in item.text), None)
    if held is not None:
        return held
    shared = [(sum(c in item.text for c in set(word)), -i, i) for i, item in enumerate(items, start=1)]
    best = max(shared, default=(0, 0, None))
    return best[2] if best[0] * 2 > len(set(word)) else None


def asked_item(question: str) -> int | None:
    """Which one item a question asks for (“七大攻坚”的第二项是什么 → 2; 最后一项 → ``LAST``), when it asks for one."""
    nth = NTH.search(question)
    if nth is None:
        return None
    return _numeral(nth.group(1)) if nth.group(1) else LAST


def _clean(item: str) -> str:
    item = ENUMERATED.sub("", item.strip()).strip("\"：: ")
    if item.startswith("“") and "”" not in item:
        item = item[1:]
    if item.endswith("”") and "“" not in item:
        item = item[:-1]
    # a verb leading a whole list (大力实施A、B、C) is not the first item's; an item's own verb (加快发展…) stays
    return re.sub(r"^(?:聚力打好|奋力打好|大力实施|更大力度推动)", "", item)


def _definition(text: str, after: int, number: int | None) -> list[tuple[int, int]]:
    """Items of a definition right after the term: “三通一码”：赣服通、赣政通、赣企通、赣通码。 An item may hold
    a 和 (提升城市居家社区和农村养老服务能力) when splitting there would give more items than announced."""
    rest = text[after:]
    lead = DEFINES.match(rest)
    if lead is None:
        return []
    start = after + lead.end()
    end = min((i for i in (text.find(c, start) for c in "。\n") if i >= 0), default=len(text))
    spans = _spans(text, start, end)
    if number is not None and len(spans) > number:
        whole = _spans(text, start, end, split=LIST_BREAKS)
        spans = whole if len(whole) == number else spans
    return spans if _plain(text, spans) else []


def _before(text: str, at: int) -> list[tuple[int, int]]:
    """Items listed in the same sentence right before the term: 大力实施A、B、C“七大攻坚”."""
    start = max((text.rfind(c, 0, at) for c in "。；;\n，,"), default=-1) + 1
    spans = _spans(text, start, at)
    return spans if len(spans) >= 2 and _plain(text, spans) else []


def _plain(text: str, spans: list[tuple[int, int]], figures: bool = False) -> bool:
    """Items are plain phrases, not other announced terms or figures (“三馆一中心”, 2025年10件民生实事); a quoted
    name inside an item (推进“可躺式”课桌椅进校园) is part of it. Items that are sentences of their own may hold
    ``figures`` (二是为2万名高危人群进行健康筛查)."""
    return not any((not figures and re.search(r"\d", text[a:b])) or QUOTED_TERM.fullmatch(text[a:b].strip())
                   for a, b in spans)


def _spans(text: str, start: int, end: int, split: re.Pattern[str] = SPLIT) -> list[tuple[int, int]]:
    spans, position = [], start
    for piece in split.split(text[start:end]):
        piece_start = text.find(piece, position, end) if piece else -1
        if piece.strip() and piece_start >= 0:
            spans.append((piece_start, piece_start + len(piece)))
            position = piece_start + len(piece)
    trimmed = []
    for a, b in spans:  # the quote that opens the term (…民生补短提质“七大攻坚”) is not part of the item
        while a < b and text[a] in QUOTES_AROUND and not (text[a] == "“" and "”" in text[a:b].rstrip("”")):
            a += 1
        while b > a and text[b - 1] in QUOTES_AROUND and not (text[b - 1] == "”" and "“" in text[a:b - 1]):
            b -= 1
        if 0 < b - a <= MAX_ITEM_CHARS:
            trimmed.append((a, b))
    return trimmed


def _following(text: str, after: int, head: str | None = None) -> list[tuple[int, int]]:
    """One item per following sentence that opens an enumeration (一是…, （一）…, X方面…): the clause naming the
    term's head word (一是突出…，奋力打好投资消费稳定增长攻坚战), else the first clause of each."""
    spans, named_spans, position, kind, last = [], [], after, None, 0
    end = min(len(text), after + LOOKAHEAD_CHARS)
    while position < end and (spans or position - after <= FIRST_ITEM_WITHIN):
        next_end = min((i for i in (text.find(c, position) for c in SENTENCE_END) if i >= 0), default=end)
        sentence = text[position:next_end].lstrip("——— \u3000：:")  # 抓好五件事：一是…
        offset = position + (len(text[position:next_end]) - len(sentence))
        enumerated = ENUMERATED.match(sentence)
        # one run keeps one shape of enumerator: 一是…十是, not the （十一） of the next section
        opens = (re.sub(r"[一二三四五六七八九十]+|\d+", "N", enumerated.group()) if enumerated
                 else "aspect" if ASPECT.match(sentence) else None)
        ordinal = _ordinal(enumerated.group()) if enumerated else None
        if ordinal is not None and spans and kind == opens and ordinal <= last:
            break  # the numbering starts again: another list
        if opens is not None and (kind is None or opens == kind):
            kind, last = opens, ordinal or 0
            clause = min((i for i in (sentence.find(c) for c in "，,：:") if i > 0), default=len(sentence))
            if opens == "aspect":
                clause = ASPECT.match(sentence).end(1)
            spans.append((offset, offset + min(clause, MAX_ITEM_CHARS)))
            named = sentence.find(head) if head else -1
            if named > clause and sentence[named + len(head): named + len(head) + 1] in ("", *ITEM_BREAKS):
                begin = max(sentence.rfind(c, 0, named) for c in ITEM_BREAKS) + 1
                named_spans.append((offset + begin, offset + named + len(head)))
        position = next_end + 1
    # every item's sentence names the head at the end of a later clause: those clauses are the items
    spans = named_spans if spans and len(named_spans) == len(spans) else spans
    return spans if _plain(text, spans, figures=kind == SENTENCE_ITEMS) else []


def _anaphora(text: str, after: int, number: int) -> list[tuple[int, int]]:
    """Items given by following sentences that open with the same word (聚焦封关运作，… 聚焦投资扩容，…): what
    follows the word, up to the first comma, of each of the first ``number`` such sentences; the run starts close
    after the term."""
    spans: list[tuple[int, int]] = []
    lead, position = None, after
    end = min(len(text), after + LOOKAHEAD_CHARS)
    while position < end and len(spans) < number:
        next_end = min((i for i in (text.find(c, position) for c in SENTENCE_END) if i >= 0), default=end)
        sentence = text[position:next_end]
        if not sentence.strip():  # the break between two chunks
            position = next_end + 1
            continue
        clause = min((i for i in (sentence.find(c) for c in "，,") if i > 0), default=-1)
        if lead is None or not sentence.startswith(lead) or clause <= LEAD_CHARS:
            if position - after > FIRST_ITEM_WITHIN:
                break  # a new run may start only close after the term
            lead, spans = (sentence[:LEAD_CHARS], []) if clause > LEAD_CHARS else (None, [])
        if lead is not None:
            spans.append((position + LEAD_CHARS, position + min(clause, MAX_ITEM_CHARS)))
        position = next_end + 1
    return spans if len(spans) == number and _plain(text, spans) else []


def _ordinal(enumerator: str) -> int | None:
    digits = re.search(r"[一二三四五六七八九十]+|\d+", enumerator)
    return _numeral(digits.group()) if digits is not None else None


def _head(term: str) -> str | None:
    """The word a counted term names its items by (六个攻坚战 → 攻坚战, 五个中心 → 中心, 六个严防 → 严防)."""
    counted = COUNTED.fullmatch(term)
    head = counted.group(3) if counted is not None else None
    return head if head is not None and len(head) >= MIN_HEAD_CHARS else None


def _sharing(text: str, after: int, head: str, number: int) -> list[tuple[int, int]]:
    """The first ``number`` distinct clauses after the term that end (or open) with its head word."""
    end = min(len(text), after + LOOKAHEAD_CHARS)
    readings = []
    for opens in (False, True):
        spans, seen = [], set()
        for match in re.finditer(re.escape(head), text[after:end]):
            a, b = after + match.start(), after + match.end()
            if opens:
                b = min((i for i in (text.find(c, b, end) for c in ITEM_BREAKS) if i >= 0), default=end)
            else:
                a = max(text.rfind(c, after, a) for c in ITEM_BREAKS) + 1 if a > after else a
            item = _clean(text[a:b])
            if len(item) > len(head) and b - a <= MAX_ITEM_CHARS and item not in seen:
                seen.add(item)
                spans.append((a, b))
        # items of one list share their opening too (国际经济中心、国际金融中心…), unlike others naming the head
        openings: dict[str, list[tuple[int, int]]] = {}
        for a, b in spans:
            openings.setdefault(_clean(text[a:b])[:SHARED_OPENING], []).append((a, b))
        shared = next((alike for alike in (_alike(text, group) for group in openings.values()) if len(alike) >= number),
                      None)
        chosen = shared if shared is not None and not opens else spans
        readings.append(chosen[:number] if len(chosen) >= number else [])
    return max(readings, key=len)


def _stem(term: str) -> str | None:
    """The words a counted abbreviation is made of, its count left out (五向图强 → 向图强)."""
    counted = COUNTED.fullmatch(term)
    stem = (counted.group(2) + counted.group(3)) if counted is not None else ""
    return stem if len(stem) >= MIN_STEM_CHARS and re.fullmatch(r"[\u4e00-\u9fff]+", stem) else None


def _infixed(text: str, after: int, stem: str, number: int) -> list[tuple[int, int]]:
    """Items an abbreviation names by one word set into its stem (“五向图强” → 向种图强、向海图强…): the first
    ``number`` distinct ones after the term, when that many follow."""
    end = min(len(text), after + LOOKAHEAD_CHARS)
    for cut in range(1, len(stem)):
        pattern = re.compile(re.escape(stem[:cut]) + r"[\u4e00-\u9fff]{1,2}?" + re.escape(stem[cut:]))
        spans, seen = [], set()
        for match in pattern.finditer(text, after, end):
            if match.group() not in seen:
                seen.add(match.group())
                spans.append(match.span())
        if len(spans) >= number:
            return spans[:number]
    return []


def _alike(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans no longer than twice the median one: a list's items are alike in length."""
    lengths = sorted(len(_clean(text[a:b])) for a, b in spans)
    median = lengths[len(lengths) // 2] if lengths else 0
    return [(a, b) for a, b in spans if len(_clean(text[a:b])) <= 2 * median]


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
    head = _head(term)
    readings = [(False, lambda m: _definition(text, m.end(), number) or _before(text, m.start())),
                (True, lambda m: _following(text, m.end(), head))]
    if number is not None:
        readings.append((True, lambda m: _anaphora(text, m.end(), number)))
    if head is not None and number is not None:
        readings.append((True, lambda m: _sharing(text, m.end(), head, number)))
    stem = _stem(term)
    if stem is not None and number is not None:
        readings.append((True, lambda m: _infixed(text, m.end(), stem, number)))
    for following, reading in readings:
        for match in occurrences:
            spans = reading(match)
            # a run of sentences, or a sentence naming the items, counts only when it gives as many as announced
            if number is not None and (following or not DEFINES.match(text[match.end():])):
                spans = spans[:number] if len(spans) >= number else []
            if len(spans) >= 2 and _fit(spans, number) > _fit(best, number):
                best = spans
        if best:  # a definition or the naming sentence, whatever its count, is the text's own list
            break
    items = [_item(text, a, b, starts, chunks) for a, b in best]
    headed = _subheadings(term, chunks, rows)[:number or None]
    return headed if _fit(headed, number) > _fit(items, number) else items


def heading_naming(term: str, chunks: Sequence[Chunk], rows: Sequence[int]) -> tuple[int, int] | None:
    """The first of ``rows`` under a heading naming ``term``, and that heading's depth in its path (a glossary's
    entry defining the term, “1+3+N”平台：…, does not say where the text sets it out)."""
    key = normalize(term).text
    for row in rows:
        depth = next((d for d, label in enumerate(chunks[row].path) if key in label and ":" not in label), None)
        if depth is not None:
            return row, depth
    return None


def _subheadings(term: str, chunks: Sequence[Chunk], rows: Sequence[int]) -> list[Item]:
    """Items given as the headings right under a heading naming the term (附件 2025年10件惠民实事 › 一、稳定和扩大就业
    › …), or under the section whose text announces it (重点抓好十个方面的工作： › （一）… （二）…): each one's words
    as printed, cited by the first sentence under it."""
    key = normalize(term).text
    for parent in _announcing(key, chunks, rows):
        items: list[Item] = []
        seen: set[str] = set()
        for row in rows:
            chunk = chunks[row]
            if chunk.path[: len(parent)] != parent or len(chunk.path) <= len(parent):
                continue
            child = chunk.path[len(parent)]
            if child not in seen:
                seen.add(child)
                first = split_sentences(chunk.text, chunk.start)[0]
                items.append(Item(_clean(chunk.headings[len(parent)]), row, first.start, first.end))
        if len(items) >= 2:
            return items
    return []


def _announcing(key: str, chunks: Sequence[Chunk], rows: Sequence[int]) -> list[tuple[str, ...]]:
    """The heading paths whose last heading names ``key`` (or its longest ending a heading holds: 2025年重点工作 of
    河南2025年重点工作), then those of the passages whose text announces it (重点抓好十个方面的工作：)."""
    bare = key.replace("的", "")
    labels = {chunks[r].path[: d + 1] for r in rows for d in range(len(chunks[r].path))}
    for start in range(0, max(0, len(bare) - MIN_HEADING_TERM) + 1):
        named = sorted((p for p in labels if bare[start:] in p[-1].replace("的", "")), key=len)
        if named:
            break
    said = [chunks[r].path for r in rows if re.search(re.escape(bare) + ANNOUNCES, chunks[r].norm_text.replace("的", ""))]
    return list(dict.fromkeys([*named, *said]))


def _fit(spans: list, number: int | None) -> tuple[bool, int]:
    return (number is not None and len(spans) == number, len(spans))


def _item(text: str, a: int, b: int, starts: list[tuple[int, int]], chunks: Sequence[Chunk]) -> Item:
    offset, row = max((s for s in starts if s[0] <= a), key=lambda s: s[0])
    chunk = chunks[row]
    start = chunk.start + (a - offset)
    return Item(_clean(text[a:b]), row, start, start + (b - a))
