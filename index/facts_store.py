"""The facts table on disk: one SQLite file per index build, readable with any SQLite client.

Values are stored as text (exact decimals), never as floats. ``load_facts``
opens the file read-only and returns ``Fact`` objects in document order.
Beside them, ``fact_words`` holds the words of each fact's subject and of its
sentence and heading path, tokenised at build time (``load_fact_words``): what
questions find facts by.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

from corpus.facts import Fact
from corpus.tokenize import text_tokens
from index.manifest import IndexLoadError

FACTS_FILE = "facts.sqlite"
COLUMNS = [f.name for f in fields(Fact)]
QUOTED_COLUMNS = ", ".join(f'"{name}"' for name in COLUMNS)
INTEGER_COLUMNS = {"start", "end", "area"}
PATH_COLUMNS = ("path", "printed")  # heading paths, stored joined by ' › '



def _schema() -> str:
    columns = ", ".join(
        f'"{name}" {"INTEGER" if name in INTEGER_COLUMNS else "TEXT"}' + (" PRIMARY KEY" if name == "fact_id" else "")
        for name in COLUMNS
    )
    return f"CREATE TABLE facts ({columns})"


@dataclass(frozen=True)
class FactWords:
    """The tokens of a fact's subject, and of its sentence with its heading path."""

    subject: frozenset[str]
    context: frozenset[str]


def fact_words(fact: Fact) -> FactWords:
    return FactWords(text_tokens(fact.subject), text_tokens(fact.context))


def save_facts(facts: list[Fact], path: Path) -> None:
    """Write ``facts`` and their words to a new SQLite file at ``path`` (heading paths are stored joined by ' › ')."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(_schema())
            connection.execute('CREATE INDEX facts_cell ON facts (area, category, metric)')
            connection.execute("CREATE TABLE fact_words (fact_id TEXT PRIMARY KEY, subject TEXT, context TEXT)")
            placeholders = ", ".join("?" for _ in COLUMNS)
            connection.executemany(
                f"INSERT INTO facts VALUES ({placeholders})",
                [tuple(" › ".join(getattr(f, name)) if name in PATH_COLUMNS else getattr(f, name) for name in COLUMNS)
                 for f in facts],
            )
            connection.executemany(
                "INSERT OR IGNORE INTO fact_words VALUES (?, ?, ?)",
                [(f.fact_id, *(json.dumps(sorted(w), ensure_ascii=False) for w in (words.subject, words.context)))
                 for f in facts for words in [fact_words(f)]],
            )
    finally:
        connection.close()


def _rows(path: Path, query: str) -> list[tuple]:
    if not path.exists():
        raise IndexLoadError(f"{path}: missing")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return connection.execute(query).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise IndexLoadError(f"{path}: cannot be read ({exc})") from exc


def load_facts(path: Path) -> list[Fact]:
    """All facts in the file, in document order; a clear ``IndexLoadError`` when it is missing or unreadable."""
    rows = _rows(path, f'SELECT {QUOTED_COLUMNS} FROM facts ORDER BY doc_id, start, "end", kind')
    return [
        Fact(**{**dict(zip(COLUMNS, row)),
                **{name: tuple(p for p in row[COLUMNS.index(name)].split(" › ") if p) for name in PATH_COLUMNS}})
        for row in rows
    ]


def load_fact_words(path: Path) -> dict[str, FactWords]:
    """Fact id → its words, as tokenised when the index was built."""
    return {fact_id: FactWords(frozenset(json.loads(subject)), frozenset(json.loads(context)))
            for fact_id, subject, context in _rows(path, "SELECT fact_id, subject, context FROM fact_words")}
