"""Listing, filtering and checking facts: what `python -m assistant facts` and `GET /facts` print.

``filter_facts`` keeps the facts whose text matches every term of a query
(normalised, so 髙 matches 高); ``format_facts`` renders them as an aligned
table, JSON or CSV; ``check_report`` prints every cross-check of the project
table and every conflict with both readings, their offsets and the verdict.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from corpus.facts import Fact
from corpus.normalize import normalize_query
from corpus.project_table import ProjectTable, label

FORMATS = ("table", "json", "csv")
TABLE_COLUMNS = ("kind", "written", "value", "unit", "qualifier", "time", "subject", "metric", "source", "start", "end", "section")


def _haystack(fact: Fact) -> str:
    parts = (fact.subject, fact.metric or "", fact.written, fact.time or "", fact.section)
    return normalize_query(" ".join(parts))


def filter_facts(facts: list[Fact], query: str | None, kind: str | None = None) -> list[Fact]:
    """Facts matching every whitespace-separated term of ``query`` (and of ``kind``, when given)."""
    terms = [normalize_query(term) for term in (query or "").split()]
    return [f for f in facts if (kind is None or f.kind == kind) and all(t in _haystack(f) for t in terms)]


def _cell(fact: Fact, column: str) -> str:
    value = fact.section if column == "section" else getattr(fact, column)
    return "" if value is None else str(value)


def _width(text: str) -> int:
    """Terminal width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_facts(facts: list[Fact], fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    if fmt == "json":
        return json.dumps([f.to_dict() for f in facts], ensure_ascii=False, indent=2)
    rows = [[_cell(f, c) for c in TABLE_COLUMNS] for f in facts]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(TABLE_COLUMNS)
        writer.writerows(rows)
        return out.getvalue()
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(TABLE_COLUMNS[:-1])]
    lines = ["  ".join(_pad(c, w) for c, w in zip(TABLE_COLUMNS, widths)) + "  section"]
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths)) + "  " + r[-1] for r in rows]
    lines.append(f"({len(facts)} facts)")
    return "\n".join(lines)


def check_report(table: ProjectTable) -> tuple[str, bool]:
    """The consistency report, and whether it is clean (every check passes or the arithmetic settles it)."""
    lines = []
    conflicted = {c.key for c in table.conflicts}
    for check in table.checks:
        mark = "ok  " if check.ok else "FAIL"
        lines.append(f"[{mark}] {check.name}: {check.detail}")
    lines.append("")
    lines.append(f"conflicts ({len(table.conflicts)}):")
    for conflict in table.conflicts:
        lines.append(f"- {conflict.describe()}")
    unresolved = [c for c in table.conflicts if c.supported is None]
    failed = [c for c in table.checks if not c.ok and not any(c.name.startswith(f"{label(k)}：") for k in conflicted)]
    passed = sum(c.ok for c in table.checks)
    lines.append("")
    lines.append(f"{len(table.checks)} checks: {passed} passed, {len(table.checks) - passed} failed "
                 f"({len(table.conflicts) - len(unresolved)} of {len(table.conflicts)} conflicts settled by arithmetic)")
    return "\n".join(lines), not failed and not unresolved

