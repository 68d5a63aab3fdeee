"""jieba's dictionary and part-of-speech model, and pypinyin's readings, in one SQLite file read on demand.

Loading jieba's dictionary (349,046 words with all their prefixes) takes about a second and 70 MB,
part-of-speech tagging reads the dictionary a second time for its tags and imports a 4 MB model, and
pypinyin imports its phrase tables: together more than a one-shot question costs. A question needs a
few hundred of those entries. ``ensure_lexicon`` writes everything once per machine (per jieba and
pypinyin version) into ``lexicon-<key>.sqlite``; ``Lexicon`` reads entries as they are asked for and
keeps what it has read.

Tables: ``words`` (jieba's frequency of every word and prefix, 0 for a bare prefix, and the word's
part of speech), ``pos_chars`` (per character: the HMM states it can take and their emission
log-probabilities), ``pinyin`` (per character: its toned readings), ``meta`` (total frequency, HMM
start and transition tables).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, MutableMapping
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

LEXICON_VERSION = 1
log = logging.getLogger(__name__)
State = tuple[str, str]


def default_lexicon_dir() -> Path:
    """``$JNQA_LEXICON_DIR``, else ``$JNQA_HOME/lexicon``, else ``~/.cache/jinan-qa/lexicon``."""
    if os.environ.get("JNQA_LEXICON_DIR"):
        return Path(os.environ["JNQA_LEXICON_DIR"])
    return Path(os.environ.get("JNQA_HOME") or Path.home() / ".cache" / "jinan-qa") / "lexicon"


def lexicon_path(directory: Path) -> Path:
    versions = f"{LEXICON_VERSION}|jieba {metadata.version('jieba')}|pypinyin {metadata.version('pypinyin')}"
    return Path(directory) / f"lexicon-{hashlib.sha256(versions.encode()).hexdigest()[:12]}.sqlite"


def ensure_lexicon(directory: Path) -> Path:
    """The lexicon file under ``directory``, written first if missing (atomically: a half-written file is never used)."""
    path = lexicon_path(directory)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    log.info("writing the lexicon (jieba's dictionary and tagger, pypinyin's readings) to %s", path)
    staging = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        _write(staging)
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)
    log.info("lexicon written in %.1f s", time.perf_counter() - started)
    return path


def _state_key(state: State) -> str:
    return ",".join(state)


def _write(path: Path) -> None:
    import jieba
    from jieba.posseg.char_state_tab import P as char_states
    from jieba.posseg.prob_emit import P as emissions
    from jieba.posseg.prob_start import P as start
    from jieba.posseg.prob_trans import P as transitions
    from pypinyin import Style, pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    tokenizer = jieba.Tokenizer()
    frequencies, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tags: dict[str, str] = {}
    with tokenizer.get_dict_file() as fh:  # as jieba.posseg reads it: the last line of a word wins
        for line in fh:
            fields = line.decode("utf-8").split()
            if len(fields) == 3:
                tags[fields[0]] = fields[2]
    by_char: dict[str, dict[str, float]] = {}
    for state, probabilities in emissions.items():
        for char, probability in probabilities.items():
            by_char.setdefault(char, {})[_state_key(state)] = probability
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = OFF")  # a staging file: if the write fails, it is thrown away
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(
            "CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID;"
            "CREATE TABLE pos_chars (char TEXT PRIMARY KEY, states TEXT, emissions TEXT) WITHOUT ROWID;"
            "CREATE TABLE pinyin (char TEXT PRIMARY KEY, readings TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        )
        db.executemany("INSERT INTO words VALUES (?, ?, ?)",
                       ((word, frequencies[word], tags.get(word)) for word in sorted(frequencies)))
        db.executemany("INSERT INTO pos_chars VALUES (?, ?, ?)",
                       ((char, json.dumps([_state_key(s) for s in char_states[char]]) if char in char_states else None,
                         json.dumps(by_char.get(char, {})))
                        for char in sorted(set(char_states) | set(by_char))))
        # The speller repairs CJK Unified Ideographs only (U+4E00–U+9FFF).
        db.executemany("INSERT INTO pinyin VALUES (?, ?)",
                       ((char, " ".join(found[0]))
                        for char in map(chr, sorted(cp for cp in pinyin_dict if 0x4E00 <= cp <= 0x9FFF))
                        if (found := pinyin(char, style=Style.TONE3, heteronym=True, errors="ignore"))))
        meta = {
            "total": total,
            "start": {_state_key(s): p for s, p in start.items()},
            "transitions": {_state_key(s): {_state_key(t): p for t, p in nxt.items()} for s, nxt in transitions.items()},
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v)) for k, v in meta.items()))


class Lexicon:
    """Read-only access to a lexicon file, safe from several threads; entries are cached as read."""

    def __init__(self, path: Path):
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.total = int(self._meta("total"))

    def _one(self, sql: str, key: str) -> tuple | None:
        with self._lock:
            return self._db.execute(sql, (key,)).fetchone()

    def _meta(self, key: str):
        return json.loads(self._one("SELECT value FROM meta WHERE key = ?", key)[0])

    @lru_cache(maxsize=1 << 16)
    def entry(self, word: str) -> tuple[int, str | None] | None:
        """(frequency, part of speech) of a word or prefix jieba's dictionary holds, else None."""
        return self._one("SELECT freq, tag FROM words WHERE word = ?", word)

    @lru_cache(maxsize=1 << 14)
    def readings(self, char: str) -> frozenset[str]:
        """Every toned pinyin reading of one character (岗 → gang3, gang1)."""
        row = self._one("SELECT readings FROM pinyin WHERE char = ?", char)
        return frozenset(row[0].split()) if row else frozenset()

    @lru_cache(maxsize=1 << 14)
    def char_model(self, char: str) -> tuple[tuple[State, ...] | None, dict[State, float]]:
        """The part-of-speech HMM's states for one character (None: any state) and their emission log-probabilities."""
        row = self._one("SELECT states, emissions FROM pos_chars WHERE char = ?", char)
        if row is None:
            return None, {}
        states = tuple(tuple(s.split(",")) for s in json.loads(row[0])) if row[0] else None
        return states, {tuple(s.split(",")): p for s, p in json.loads(row[1]).items()}

    @cached_property
    def hmm(self) -> tuple[dict[State, float], dict[State, dict[State, float]]]:
        """The part-of-speech HMM's start and transition log-probabilities."""
        start = {tuple(s.split(",")): p for s, p in self._meta("start").items()}
        transitions = {tuple(s.split(",")): {tuple(t.split(",")): p for t, p in nxt.items()}
                       for s, nxt in self._meta("transitions").items()}
        return start, transitions


class Frequencies(MutableMapping):
    """jieba's ``Tokenizer.FREQ`` over a lexicon: reads go to the words jieba's tokenizer added (user and corpus
    terms) and then to the lexicon; writes stay in memory."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.added: dict[str, int] = {}

    def __getitem__(self, word: str) -> int:
        if word in self.added:
            return self.added[word]
        entry = self.lexicon.entry(word)
        if entry is None:
            raise KeyError(word)
        return entry[0]

    def __contains__(self, word: object) -> bool:
        return word in self.added or (isinstance(word, str) and self.lexicon.entry(word) is not None)

    def get(self, word: str, default=None):
        try:
            return self[word]
        except KeyError:
            return default

    def __setitem__(self, word: str, freq: int) -> None:
        self.added[word] = freq

    def __delitem__(self, word: str) -> None:
        raise TypeError("the lexicon's words cannot be deleted")

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the lexicon is read by word, not listed")

    def __len__(self) -> int:
        raise TypeError("the lexicon is read by word, not counted")
