"""Figures across documents: each document's statement of one indicator, and the answer to an
``AcrossQuery`` over them (each value, extremes, top/bottom N, members, counts, a pair compared), every row
cited with its document and offsets. A document that states no such figure is listed as stating none.

Which year a statement is about comes from the heading it stands under (一、2024年工作回顾 → 2024; a heading
naming no year keeps the year of the heading before it) and the document's own period: a question about
the document's year asks for its targets, one about an earlier year for what was achieved.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.across_query import AcrossQuery
from assistant.evidence import chunk_citation
from assistant.query import QueryAnalysis
from assistant.schemas import AcrossRow, Citation
from corpus.chunking import Chunk
from corpus.figures import amount_text, base_unit_of, difference_text, magnitude_of, plain
from corpus.indicators import LEAD, Statement, indicator_named, opens_targets, statements
from corpus.normalize import normalize
from corpus.outline import is_notes

YEAR = re.compile(r"(?:19|20)\d{2}")
LOOKING_BACK = ("回顾", "过去", "去年")
MAX_LISTED = 40
RANK_ASKED = re.compile(r"第几|排名|排第|排在|rank", re.I)
# A rank stated right after a value, in its sentence (、增速居全国第3位; 全国第4的地位), and how far after it may start.
RANK = re.compile(r"[^。；;！!？?\n]{0,12}?第(?:\d+|[一二三四五六七八九十]+)(?:位|名)?")
RANK_REACH = 16
# Words of a question about one indicator that say when, how or what is wanted, not what is measured.
FRAME_TOKENS = frozenset("目标 预期 主要 多少 是 年 今年 去年 计划 全省 全区 全市 定为 定在 定 设定 左右 以上 为 的 报告 政府工作报告 "
                         "增长 增速 达到 实现 提出 要求 打算 准备 希望 争取 预计 大概 一共 总共 分别 各 多大 涨 说 提到 根据 "
                         "全年 上年 比 增长率 定了 设定 比上年 达 有 共 实际 同比 下降 完成 速度 水平 幅度 数字 数 "
                         "规模 总量 总额 数额 体量 盘子 总体 整体 大约 大体".split())


@dataclass(frozen=True)
class Located:
    """A statement with the chunk it stands in and the year its section is about."""

    statement: Statement
    row: int
    year: int | None


@dataclass(frozen=True)
class Row:
    doc_id: str
    place: str
    statement: Statement | None
    row: int | None
    year: int | None = None  # the year the statement's section is about

    @property
    def number(self) -> Decimal | None:
        return self.statement.value if self.statement is not None else None


def _period_year(profile: dict) -> int | None:
    period = (profile or {}).get("period") or ""
    return int(period) if period.isdigit() else None


def _section_years(chunks: Sequence[tuple[int, Chunk]], period: int | None) -> dict[int, int | None]:
    """The year each chunk's top-level section is about, in document order."""
    years: dict[int, int | None] = {}
    current = period
    last_heading = None
    for row, chunk in chunks:
        heading = chunk.path[0] if chunk.path else ""
        if heading != last_heading:
            last_heading = heading
            named = YEAR.search(heading)
            if named is not None:  # 附件 2025年10件惠民实事 too
                current = int(named.group())
            elif is_notes(heading):  # 附件 名词解释: about no year of its own
                current = None
            elif period is not None and any(w in heading for w in LOOKING_BACK):
                current = period - 1
        years[row] = current
    return years


class AcrossIndex:
    """Every indicator statement of every document, found once, by document."""

    def __init__(self, chunks: Sequence[Chunk], documents: Sequence[dict]):
        self.chunks = chunks
        self.documents = {d["doc_id"]: d for d in documents}
        self._by_doc: dict[str, list[Located]] | None = None
        self._years: dict[int, int | None] = {}
        self._reading = threading.Lock()

    def _located(self) -> dict[str, list[Located]]:
        if self._by_doc is not None:  # read already: no lock on the hot path
            return self._by_doc
        # read once, whole, under a lock: the server reads in the background while the first questions arrive
        with self._reading:
            if self._by_doc is None:
                rows_by_doc: dict[str, list[tuple[int, Chunk]]] = defaultdict(list)
                for row, chunk in enumerate(self.chunks):
                    rows_by_doc[chunk.doc_id].append((row, chunk))
                by_doc, all_years = {}, {}
                for doc_id, rows in rows_by_doc.items():
                    rows.sort(key=lambda pair: pair[1].start)
                    years = _section_years(rows, self.period(doc_id))
                    all_years.update(years)
                    by_doc[doc_id] = [Located(s, row, years[row]) for row, s in _read_in_paragraphs(rows)]
                self._years, self._by_doc = all_years, by_doc
        return self._by_doc

    def year_of(self, row: int) -> int | None:
        """The year the section of chunk ``row`` is about."""
        self._located()
        return self._years.get(row)

    def statements(self) -> int:
        """Find every statement now (the server does this in the background); how many were found."""
        return sum(len(found) for found in self._located().values())

    def asks_only_indicator(self, analysis: QueryAnalysis, query: AcrossQuery) -> bool:
        """Whether the question asks for the indicator itself, not a narrower thing named with it (单位GDP能耗,
        农村居民收入, 海洋生产总值) or another thing beside it (研发经费支出相当于生产总值的比例): no noun touches the
        indicator's name in the question, and at most one noun stands elsewhere, unless they belong to the
        indicator's own names or to the question's frame."""
        text = analysis.normalized
        named = indicator_named(text)
        names = " ".join(a.lower() for ind in (query.indicator, *query.companions)
                         for a in (ind.name, *ind.aliases, *ind.asked_as))
        # the headline indicator taken for a bare 增长目标 is all the question may be about
        start = text.find(named[1]) if named is not None else len(text)
        end = start + len(named[1]) if named is not None else len(text)
        words = _words(text)

        def foreign(word: str) -> bool:
            return (len(word) > 1 and _is_noun(word) and word not in names and word not in FRAME_TOKENS
                    and LEAD.fullmatch(word) is None)

        touching = [w[: max(0, start - p)] or w for p, w in words if p < start < p + len(w) or p + len(w) == start]
        touching += [w for p, w in words if p == end]
        elsewhere = [w for p, w in words if (p + len(w) <= start or p >= end) and foreign(w)]
        return not any(foreign(w) for w in touching) and len(elsewhere) <= (1 if named is not None else 0)

    def sets_targets_without(self, doc_id: str, query: AcrossQuery) -> bool:
        """Whether the document states targets for the year asked, though not this indicator's."""
        period = self.period(doc_id)
        if not query.target or period is None or (query.year is not None and query.year != period):
            return False
        targets = {loc.row for loc in self._located().get(doc_id, []) if loc.statement.in_targets and loc.year == period}
        # a targets paragraph that names the indicator, though not as read (城乡居民人均可支配收入分别增长5%、6%), is no decline
        names = [a.removesuffix("增长").removesuffix("增速") for a in query.indicator.aliases if not a.isascii()]
        named = any(n in self.chunks[row].text for row in targets for n in names if len(n) > 1)
        return bool(targets) and not named

    def table_row(self, row: Row) -> AcrossRow:
        statement = row.statement
        chunk = self.chunks[row.row] if row.row is not None else None
        return AcrossRow(
            doc_id=row.doc_id, doc_title=self.documents.get(row.doc_id, {}).get("title", row.doc_id), place=row.place,
            printed=statement.printed if statement else None,
            value=plain(statement.value) if statement and statement.value is not None else None,
            unit=statement.unit if statement else None, qualifier=statement.qualifier if statement else None,
            section=chunk.section if chunk else None,
            start=statement.start if statement else None, end=statement.end if statement else None,
        )

    def period(self, doc_id: str) -> int | None:
        return _period_year(self.documents.get(doc_id, {}).get("profile"))

    def place(self, doc_id: str) -> str:
        profile = self.documents.get(doc_id, {}).get("profile") or {}
        return profile.get("place_short") or profile.get("place") or self.documents.get(doc_id, {}).get("title", doc_id)

    def statement_for(self, doc_id: str, query: AcrossQuery) -> Located | None:
        """The document's statement of the asked indicator for the asked year (its targets for its own year)."""
        period = self.period(doc_id)
        year = query.year if query.year is not None else (period + query.relative_year if period else None)
        candidates = [loc for loc in self._located().get(doc_id, []) if loc.statement.indicator == query.indicator
                      and (loc.statement.in_targets or not query.in_targets_only)]
        if year is not None and period is not None:
            candidates = [loc for loc in candidates if loc.year == year]
            looking_back = year < period
        else:
            looking_back = False
        if looking_back or not query.target:
            candidates = [loc for loc in candidates if loc.statement.value is not None]
        if not candidates:
            return None
        if looking_back:
            return min(candidates, key=lambda loc: loc.statement.gap)
        return min(candidates, key=lambda loc: (not loc.statement.in_targets, loc.statement.value is None))

    def rows(self, doc_ids: Sequence[str], query: AcrossQuery) -> list[Row]:
        found = []
        for doc_id in doc_ids:
            located = self.statement_for(doc_id, query)
            found.append(Row(doc_id, self.place(doc_id), located.statement if located else None,
                             located.row if located else None, located.year if located else None))
        return found


def _read_in_paragraphs(rows: Sequence[tuple[int, Chunk]]) -> list[tuple[int, Statement]]:
    """Each chunk's statements with document offsets; a chunk that goes on with the paragraph of the one before it
    (no break between them) goes on with its targets list too (…主要预期目标是：…；| 粮食产量476亿斤以上；)."""
    found: list[tuple[int, Statement]] = []
    in_targets, previous_end = False, None
    for row, chunk in rows:
        read = [_shifted(s, chunk.start) for s in statements(chunk.text)]
        in_targets = in_targets and chunk.start == previous_end  # the same paragraph goes on
        if in_targets:
            read = [replace(s, in_targets=True) for s in read]
        found += [(row, s) for s in read]
        in_targets = in_targets or opens_targets(chunk.text)
        previous_end = chunk.end
    return found


def _words(text: str) -> list[tuple[int, str]]:
    from corpus.tokenize import segment

    found, position = [], 0
    for word in segment(text):
        found.append((position, word))
        position += len(word)
    return found


def _is_noun(word: str) -> bool:
    from corpus.tokenize import lexicon

    entry = lexicon().entry(word)
    return entry is not None and entry[1] is not None and entry[1][:1] in ("n", "j") and entry[1] not in ("nr",)


def _shifted(statement: Statement, offset: int) -> Statement:
    return replace(statement, start=statement.start + offset, end=statement.end + offset,
                   clause_start=statement.clause_start + offset, clause_end=statement.clause_end + offset)


def _base(statement: Statement) -> Decimal:
    return statement.value * magnitude_of(statement.unit or "")


def _meets(statement: Statement | None, query: AcrossQuery) -> bool:
    condition = query.condition
    if condition is None:  # 哪些省份列出了…目标: those that state it
        return statement is not None
    if condition.comparator == "!=" and (statement is None or statement.value is None):
        return True  # 没有把…定为2%左右: those stating another value, in words, or none
    if condition.comparator == "none":
        return statement is None or statement.value is None
    if statement is None or statement.value is None:
        return False
    if condition.comparator == "number":
        return True
    if condition.value is None:
        return statement.qualifier == condition.qualifier
    value, wanted = statement.value, condition.value
    if condition.unit and base_unit_of(condition.unit) == base_unit_of(statement.unit or ""):
        value, wanted = _base(statement), condition.value * magnitude_of(condition.unit)  # 31534亿元 < 10万亿元
    return {
        "=": value == wanted and (condition.qualifier is None or statement.qualifier == condition.qualifier),
        "!=": not (value == wanted and (condition.qualifier is None or statement.qualifier == condition.qualifier)),
        ">=": value >= wanted, ">": value > wanted, "<": value < wanted, "<=": value <= wanted,
    }[condition.comparator]


@dataclass(frozen=True)
class AcrossAnswer:
    text: str
    answered: bool
    rows: list[Row]  # the rows the answer shows, in its order
    citations: list[Citation]


def _line(row: Row, chunks: Sequence[Chunk]) -> str:
    if row.statement is None:
        return f"- {row.place}：未写明"
    section = chunks[row.row].section
    return f"- {row.place}：{row.statement.printed}（{chunks[row.row].doc_title}，{section}）"


def rank_after(chunk: Chunk, end: int) -> tuple[int, int] | None:
    """The rank the chunk states right after document offset ``end`` (、增速居全国第3位), as document offsets."""
    found = RANK.match(chunk.text, end - chunk.start)
    if found is None or found.start() > end - chunk.start + RANK_REACH:
        return None
    return found.start() + chunk.start, found.end() + chunk.start


def answer_one(queries: Sequence[AcrossQuery], rows: Sequence[Row], chunks: Sequence[Chunk],
               rank_asked: bool = False) -> AcrossAnswer:
    """One document's statements of the asked indicators (a total and its growth), each cited; with the rank
    stated after a value when the question asks for it (在全国排第几)."""
    parts, spans = [], []
    for q, r in zip(queries, rows):
        span = [r.statement.clause_start, r.statement.clause_end]
        rank = rank_after(chunks[r.row], r.statement.end) if rank_asked else None
        said = ""
        if rank is not None:
            span[1] = rank[1]
            said = "，" + chunks[r.row].text[rank[0] - chunks[r.row].start: rank[1] - chunks[r.row].start].lstrip("、，,")
        asked = replace(q, year=r.year or q.year, relative_year=0) if q.relative_year else q
        parts.append(f"{what_is_asked(asked)}为{r.statement.printed}{said}")
        spans.append(span)
    first = rows[0]
    chunk = chunks[first.row]
    text = f"{first.place}{'，'.join(parts)}。（出处：《{chunk.doc_title}》{chunk.section}）"
    citations = [chunk_citation(chunks[r.row], 1.0, span) for r, span in zip(rows, spans)]
    return AcrossAnswer(text, True, list(rows), citations)


def what_is_asked(query: AcrossQuery) -> str:
    year = f"{query.year}年" if query.year else ("上一年" if query.relative_year else "")
    return f"{year}{query.indicator.name}{'目标' if query.target and query.relative_year == 0 else ''}"


def _ranked(rows: list[Row], reverse: bool) -> list[Row]:
    numeric = [r for r in rows if r.number is not None]
    return sorted(numeric, key=lambda r: (_base(r.statement), r.place), reverse=reverse)


def _extreme(rows: list[Row], reverse: bool, n: int) -> list[Row]:
    ranked = _ranked(rows, reverse)
    if not ranked:
        return []
    cutoff = _base(ranked[min(n, len(ranked)) - 1].statement)
    return [r for r in ranked if (_base(r.statement) >= cutoff if reverse else _base(r.statement) <= cutoff)]


def _qualifier_note(shown: list[Row]) -> str:
    kinds = {(r.statement.value, r.statement.qualifier) for r in shown if r.statement is not None}
    values = {v for v, _ in kinds}
    if len(kinds) > 1 and len(values) == 1:
        return "（按数值并列；各自的表述不同：" + "、".join(f"{r.place}{r.statement.printed}" for r in shown) + "）"
    return ""


def _difference(a: Row, b: Row, query: AcrossQuery) -> str:
    return difference_text(a.number, a.statement.unit or "", b.number, b.statement.unit or "", query.asked_unit)


def answer_across(query: AcrossQuery, rows: list[Row], chunks: Sequence[Chunk], missing: Sequence[str] = ()) -> AcrossAnswer:
    """The reply to ``query`` over ``rows`` (one per document in scope); ``missing`` are places named or in a named
    group that no document governs."""
    years = [r.year for r in rows if r.year is not None]
    if query.relative_year and years:  # 去年 of 2025 reports: say 2024
        query = replace(query, year=max(set(years), key=years.count), relative_year=0)
    what = what_is_asked(query)
    stating = [r for r in rows if r.statement is not None]
    absent = "".join(f"\n- {p}：没有这个地方的文档" for p in missing)
    op = query.operation
    if op in ("max", "min", "top", "bottom", "maxmin"):
        parts, shown = [], []
        for reverse in ((True, False) if op == "maxmin" else (op in ("max", "top"),)):
            best = _extreme(rows, reverse, query.n if op in ("top", "bottom") else 1)
            label = ("最高" if reverse else "最低") if op in ("max", "min", "maxmin") else (
                f"{'前' if reverse else '倒数'}{query.n}")
            if best:
                parts.append(f"{label}：" + "、".join(f"{r.place}（{r.statement.printed}）" for r in best) + _qualifier_note(best))
                shown += best
        if not parts:
            return AcrossAnswer(f"{len(rows)}份文档都没有写明{what}的数值。", False, [], [])
        listed = rows if query.each_too else shown
        text = (f"{what}（{len(stating)}份文档写明，按数值比较）" + "；".join(parts) + "。\n"
                + "\n".join(_line(r, chunks) for r in listed) + absent)
        shown = listed
    elif op in ("members", "count"):
        shown = [r for r in rows if _meets(r.statement, query)]
        head = f"共{len(shown)}{query.counter}：" if op == "count" else ""
        names = "、".join(r.place for r in shown) or "没有"
        said = f"{what}{_condition_words(query)}" if query.condition is not None else f"写明{what}"
        text = f"{said}的地方{head}{names}（{len(rows)}份文档中）。\n" + "\n".join(
            _line(r, chunks) for r in shown if r.statement is not None)
    elif op == "pair" and len(stating) == 2 and all(r.number is not None for r in stating):
        a, b = sorted(stating, key=lambda r: _base(r.statement), reverse=True)
        shown = [a, b]
        if _base(a.statement) == _base(b.statement):
            verdict = f"两地{what}相同"
        else:
            verdict = f"{a.place}高于{b.place}，相差{_difference(a, b, query)}"
        text = f"{what}：{a.place}{a.statement.printed}，{b.place}{b.statement.printed}；{verdict}。\n" + "\n".join(
            _line(r, chunks) for r in shown) + absent
    else:
        shown = rows[:MAX_LISTED]
        more = f"\n……另有{len(rows) - MAX_LISTED}份文档未列出；问题里写明地方可缩小范围。" if len(rows) > MAX_LISTED else ""
        text = (f"{what}（{len(rows)}份文档中{len(stating)}份写明）：\n" + "\n".join(_line(r, chunks) for r in shown)
                + absent + more + (_total(stating) if query.total else ""))
    citations = [chunk_citation(chunks[r.row], 1.0, [r.statement.clause_start, r.statement.clause_end])
                 for r in shown if r.statement is not None]
    return AcrossAnswer(text, bool(stating), shown, citations)


def _total(stating: list[Row]) -> str:
    """"加起来是多少" over every value stated: their sum, in the largest of their units (not for percentages)."""
    numeric = [r for r in stating if r.number is not None]
    units = [r.statement.unit or "" for r in numeric]
    if len(numeric) < 2 or "%" in units or len({base_unit_of(u) for u in units}) != 1:
        return ""
    total = sum((_base(r.statement) for r in numeric), Decimal(0))
    return f"\n写明的{len(numeric)}个数值合计{amount_text(total, units)}。"


def _condition_words(query: AcrossQuery) -> str:
    condition = query.condition
    if condition is None:
        return ""
    if condition.comparator == "none":
        return "没有写明数值"
    if condition.comparator == "number":
        return "写明数值"
    if condition.value is None:
        return f"表述带“{condition.qualifier}”"
    figure = f"{plain(condition.value)}{condition.unit or (query.indicator.units[0] if query.indicator.units[0] == '%' else '')}"
    words = {"=": "为", "!=": "不为", ">=": "不低于", ">": "高于", "<": "低于", "<=": "不高于"}[condition.comparator]
    return f"{words}{figure}{condition.qualifier or ''}"
