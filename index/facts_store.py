"""The facts table on disk: one SQLite file per index build, readable with any SQLite client.

Values are stored as text (exact decimals), never as floats. ``load_facts``
opens the file read-only and returns ``Fact`` objects in document order.
"""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

from corpus.facts import Fact
from index.manifest import IndexLoadError

FACTS_FILE = "facts.sqlite"
COLUMNS = [f.name for f in fields(Fact)]
QUOTED_COLUMNS = ", ".join(f'"{name}"' for name in COLUMNS)
INTEGER_COLUMNS = {"start", "end", "area"}


def _schema() -> str:
    columns = ", ".join(
        f'"{name}" {"INTEGER" if name in INTEGER_COLUMNS else "TEXT"}' + (" PRIMARY KEY" if name == "fact_id" else "")
        for name in COLUMNS
    )
    return f"CREATE TABLE facts ({columns})"


def save_facts(facts: list[Fact], path: Path) -> None:
    """Write ``facts`` to a new SQLite file at ``path`` (the heading path is stored joined by ' › ')."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(_schema())
            connection.execute('CREATE INDEX facts_cell ON facts (area, category, metric)')
            placeholders = ", ".join("?" for _ in COLUMNS)
            connection.executemany(
                f"INSERT INTO facts VALUES ({placeholders})",
                [tuple(f.section if name == "path" else getattr(f, name) for name in COLUMNS) for f in facts],
            )
    finally:
        connection.close()


def load_facts(path: Path) -> list[Fact]:
    """All facts in the file, in document order; a clear ``IndexLoadError`` when it is missing or unreadable."""
    if not path.exists():
        raise IndexLoadError(f"{path}: missing")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute(
                f"SELECT {QUOTED_COLUMNS} FROM facts "
                'ORDER BY doc_id, start, "end", kind'
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise IndexLoadError(f"{path}: cannot be read ({exc})") from exc
    return [
        Fact(**{**dict(zip(COLUMNS, row)), "path": tuple(row[COLUMNS.index("path")].split(" › "))})
        for row in rows
    ]
