"""The SQLite conversation store: persistence, idle expiry, history cap, isolation under concurrency."""

import sqlite3
import threading

import pytest

from assistant.sessions import SessionStore, Turn


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def turn(n: int, areas=()) -> Turn:
    return Turn(f"问题{n}", f"完整问题{n}", f"回答{n}", n % 2 == 0, areas)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return SessionStore(tmp_path / "sessions.sqlite", idle_seconds=3600, max_turns=5, clock=clock).open()


def test_turns_come_back_in_order_with_their_areas(store):
    store.append("a", turn(1, (9,)))
    store.append("a", turn(2, (9, 10)))
    history = store.history("a")
    assert [(t.question, t.rewritten, t.answer, t.answered, t.areas) for t in history] == [
        ("问题1", "完整问题1", "回答1", False, (9,)),
        ("问题2", "完整问题2", "回答2", True, (9, 10)),
    ]


def test_a_new_store_on_the_same_file_sees_the_turns(tmp_path, store, clock):
    store.append("a", turn(1))
    reopened = SessionStore(tmp_path / "sessions.sqlite", idle_seconds=3600, max_turns=5, clock=clock).open()
    assert [t.question for t in reopened.history("a")] == ["问题1"]


def test_the_file_is_in_wal_mode(tmp_path, store):
    store.append("a", turn(1))
    with sqlite3.connect(tmp_path / "sessions.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_idle_session_expires_and_starts_afresh(store, clock):
    store.append("a", turn(1))
    clock.now += 3599
    assert len(store.history("a")) == 1
    store.append("a", turn(2))
    clock.now += 3601
    assert store.history("a") == [] and store.count() == 0
    store.append("a", turn(3))
    assert [t.question for t in store.history("a")] == ["问题3"]


def test_expired_sessions_are_purged_from_the_file(store, clock):
    for sid in ("a", "b", "c"):
        store.append(sid, turn(1))
    clock.now += 7200
    assert store.purge_expired() == 3


def test_only_the_last_max_turns_are_kept(store):
    for n in range(1, 9):
        store.append("a", turn(n))
    assert [t.question for t in store.history("a")] == [f"问题{n}" for n in range(4, 9)]


def test_delete_forgets_one_session_only(store):
    store.append("a", turn(1))
    store.append("b", turn(1))
    assert store.delete("a") is True
    assert store.history("a") == [] and len(store.history("b")) == 1
    assert store.delete("a") is False


def test_concurrent_writers_lose_no_turns_and_never_mix_sessions(store):
    def talk(sid: str) -> None:
        for n in range(4):
            store.append(sid, Turn(sid, f"{sid}-{n}", "", True))

    store.max_turns = 100
    threads = [threading.Thread(target=talk, args=(f"s{i}",)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(12):
        assert [t.rewritten for t in store.history(f"s{i}")] == [f"s{i}-{n}" for n in range(4)]


@pytest.mark.parametrize(("idle", "turns", "message"), [(0, 5, "idle_seconds must be positive"), (60, 0, "max_turns must be at least 1")])
def test_settings_are_validated(tmp_path, idle, turns, message):
    with pytest.raises(ValueError, match=message):
        SessionStore(tmp_path / "s.sqlite", idle, turns)


def test_a_store_of_another_schema_is_replaced_not_crashed_on(tmp_path, clock):
    path = tmp_path / "sessions.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE turns (session_id TEXT, question TEXT)")
    store = SessionStore(path, idle_seconds=60, max_turns=5, clock=clock).open()
    store.append("a", turn(1))
    assert [t.question for t in store.history("a")] == ["问题1"]
