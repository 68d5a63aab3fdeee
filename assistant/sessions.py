"""Conversation sessions in SQLite (WAL), next to the index: they survive restarts.

A session is an ordered list of turns (question, the standalone question it
was understood as, answer). Sessions idle longer than ``idle_seconds`` are
expired (read as empty, then deleted); each keeps at most ``max_turns`` turns.
Every write is one ``BEGIN IMMEDIATE`` transaction, so concurrent requests
never lose each other's turns, and each thread has its own connection.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 2
log = logging.getLogger(__name__)
SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    question TEXT NOT NULL,
    rewritten TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered INTEGER NOT NULL,
    areas TEXT NOT NULL,
    facts TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE INDEX IF NOT EXISTS sessions_by_update ON sessions(updated);
"""


@dataclass(frozen=True)
class Turn:
    """One question and answer; ``rewritten`` is the standalone question the next turn goes on from (for a turn
    computed from earlier answers' figures, the question before it), ``areas`` are the plan areas the answer is about
    and ``facts`` the ids of the figures it gave, in the order it gave them (both for follow-ups)."""

    question: str
    rewritten: str
    answer: str
    answered: bool
    areas: tuple[int, ...] = ()
    at: float = 0.0
    facts: tuple[str, ...] = ()


class SessionStore:
    """Turns per session id; ``open()`` creates the file and purges expired sessions."""

    def __init__(self, path: Path, idle_seconds: float, max_turns: int, clock: Callable[[], float] = time.time):
        if idle_seconds <= 0:
            raise ValueError(f"idle_seconds must be positive, got {idle_seconds}")
        if max_turns < 1:
            raise ValueError(f"max_turns must be at least 1, got {max_turns}")
        self.path = path
        self.idle_seconds = idle_seconds
        self.max_turns = max_turns
        self.clock = clock
        self._local = threading.local()
        # Writers in this process queue here rather than in SQLite's busy handler, whose back-off sleeps
        # (up to 100 ms a try) would turn a few concurrent writes into long tail latencies.
        self._write_lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
        return connection

    def open(self) -> SessionStore:
        """Create the file (or replace a store of another schema version: conversations are disposable)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._connection()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables and version != SCHEMA_VERSION:
            log.warning("%s has conversation schema %d, not %d: starting with no conversations", self.path, version, SCHEMA_VERSION)
            db.executescript("DROP TABLE IF EXISTS turns; DROP TABLE IF EXISTS sessions;")
        db.executescript(SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")
        self.purge_expired()
        return self

    def _write(self, statements: Callable[[sqlite3.Connection], object]) -> object:
        connection = self._connection()
        with self._write_lock:
            connection.execute("BEGIN IMMEDIATE")
            try:
                result = statements(connection)
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        return result

    def _oldest_live(self) -> float:
        return self.clock() - self.idle_seconds

    def history(self, session_id: str) -> list[Turn]:
        """The session's turns, oldest first; empty for an unknown or expired session."""
        rows = self._connection().execute(
            "SELECT t.question, t.rewritten, t.answer, t.answered, t.areas, t.at, t.facts FROM turns t JOIN sessions s ON s.id = t.session_id"
            " WHERE s.id = ? AND s.updated >= ? ORDER BY t.seq",
            (session_id, self._oldest_live()),
        ).fetchall()
        return [Turn(q, r, a, bool(ok), tuple(int(x) for x in areas.split(",") if x), at, tuple(f for f in facts.split(",") if f))
                for q, r, a, ok, areas, at, facts in rows]

    def append(self, session_id: str, turn: Turn) -> None:
        """Add a turn; expired sessions (this one included) are deleted first, so it starts afresh.
        Only the last ``max_turns`` turns are kept."""
        now = self.clock()

        def statements(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM sessions WHERE updated < ?", (now - self.idle_seconds,))
            db.execute(
                "INSERT INTO sessions(id, created, updated) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated = ?",
                (session_id, now, now, now),
            )
            seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE session_id = ?", (session_id,)).fetchone()[0]
            db.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, seq, turn.question, turn.rewritten, turn.answer, int(turn.answered),
                 ",".join(map(str, turn.areas)), ",".join(turn.facts), now),
            )
            db.execute("DELETE FROM turns WHERE session_id = ? AND seq <= ?", (session_id, seq - self.max_turns))

        self._write(statements)

    def delete(self, session_id: str) -> bool:
        """Forget a session; False when there was no such (live) session."""
        oldest = self._oldest_live()

        def statements(db: sqlite3.Connection) -> bool:
            live = db.execute("SELECT updated >= ? FROM sessions WHERE id = ?", (oldest, session_id)).fetchone()
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            return bool(live and live[0])

        return bool(self._write(statements))

    def purge_expired(self) -> int:
        """Delete every expired session; returns how many."""
        oldest = self._oldest_live()
        return int(self._write(lambda db: db.execute("DELETE FROM sessions WHERE updated < ?", (oldest,)).rowcount))

    def count(self) -> int:
        return self._connection().execute("SELECT COUNT(*) FROM sessions WHERE updated >= ?", (self._oldest_live(),)).fetchone()[0]
