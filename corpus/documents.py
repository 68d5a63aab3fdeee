"""Documents and where they come from: the shipped corpus, a folder (.txt, .md, .docx, .pdf), or a JSONL file.

A file that cannot be read (damaged, not text, a scan without a text layer) is skipped with its
reason, logged and returned beside the documents, so one bad file never stops the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from corpus.readers import READABLE_SUFFIXES, UnreadableDocument, read_document, read_text_file
from corpus.table_vocabulary import TableVocabulary

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
# Profile fields (corpus.profile) a .jsonl record or documents.json may state instead of them being read from the text.
PROFILE_FIELDS = ("place", "place_short", "kind", "issuer", "period")
# Files that describe a collection rather than belong to it, by the conventional names of such notes.
FOLDER_NOTES = frozenset({"README", "SOURCES", "LICENSE", "CHANGELOG", "NOTICE"})
log = logging.getLogger(__name__)


class CorpusError(ValueError):
    """A corpus path or record that cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Document:
    """One source document, its original text kept exactly as read."""

    doc_id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    stated: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    table: dict = field(default_factory=dict, compare=False, hash=False)  # its section table's wording (corpus.table_vocabulary)
    synonyms: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # a question's words → the document's
    terms: tuple[str, ...] = field(default=(), compare=False, hash=False)  # its names to keep whole when tokenising

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class CorpusRead:
    """The documents read from a corpus, and the files skipped with why (``"path: reason"``)."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def text_of(self, path: Path) -> str | None:
        """The text of ``path``, or None (and the reason recorded) when it cannot be read."""
        try:
            return read_document(path) if path.suffix.lower() != ".jsonl" else read_text_file(path)
        except UnreadableDocument as exc:
            log.warning("skipped %s", exc)
            self.skipped.append(str(exc))
            return None


def _stated(record: dict) -> dict[str, str]:
    return {name: record[name] for name in PROFILE_FIELDS if isinstance(record.get(name), str) and record[name].strip()}


def _table(record: dict, where: str) -> dict:
    """The record's ``"table"`` description, checked to be one ``TableVocabulary`` can read."""
    table = record.get("table") or {}
    if table:
        try:
            TableVocabulary.from_dict(table)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorpusError(f"{where}: the \"table\" field cannot be read ({type(exc).__name__}: {exc})") from exc
    return table


def _synonyms(record: dict, where: str) -> dict[str, str]:
    """The record's ``"synonyms"``: words a question may use (English, colloquial) → the document's own words."""
    synonyms = record.get("synonyms") or {}
    if not isinstance(synonyms, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in synonyms.items()):
        raise CorpusError(f"{where}: \"synonyms\" must map question words to the document's words (strings)")
    return synonyms


def _terms(record: dict, where: str) -> tuple[str, ...]:
    """The record's ``"terms"``: the document's names a tokenizer should keep whole (a project's or a district's name)."""
    terms = record.get("terms") or []
    if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip() for t in terms):
        raise CorpusError(f"{where}: \"terms\" must be a list of words (strings)")
    return tuple(terms)


def _described(record: dict, where: str) -> dict:
    """What a record states about its document beyond title and text: profile fields, table, synonyms, terms."""
    return {"stated": _stated(record), "table": _table(record, where), "synonyms": _synonyms(record, where),
            "terms": _terms(record, where)}


def _metadata(folder: Path) -> dict[str, dict]:
    meta_file = folder / "documents.json"
    if not meta_file.exists():
        return {}
    try:
        records = json.loads(meta_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{meta_file}: invalid JSON ({exc.msg}, line {exc.lineno})") from exc
    return {rec["file"]: rec for rec in records}


def _first_line(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:80]
    return fallback


def _folder_files(folder: Path) -> list[Path]:
    """The folder's documents: readable files, except a collection's own notes (README.md, SOURCES.md…)."""
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in READABLE_SUFFIXES and p.stem.upper() not in FOLDER_NOTES)


def corpus_files(paths: list[Path] | None = None) -> list[Path]:
    """Every file ``load_corpus(paths)`` reads (documents and ``documents.json``), without reading any."""
    files = []
    for path in paths or [SHIPPED_DIR]:
        if path.is_dir():
            files += _folder_files(path) + [p for p in [path / "documents.json"] if p.exists()]
        else:
            files.append(path)
    return files


def _read_folder(folder: Path, read: CorpusRead, show_progress: bool) -> None:
    """Every ``.txt``/``.md``/``.docx``/``.pdf`` file in ``folder``; titles from ``documents.json`` when present."""
    from tqdm import tqdm

    meta = _metadata(folder)
    bar = tqdm(_folder_files(folder), desc="documents read", unit="doc", disable=not show_progress)
    for path in bar:
        bar.set_postfix_str(path.name, refresh=False)
        text = read.text_of(path)
        if text is None:
            continue
        rec = meta.get(path.name, {})
        read.documents.append(
            Document(
                doc_id=rec.get("id", path.stem),
                title=rec.get("title") or _first_line(text, path.stem),
                text=text,
                date=rec.get("date"),
                source=rec.get("source"),
                **_described(rec, f"{folder / 'documents.json'} ({path.name})"),
            )
        )


def _read_single(path: Path, read: CorpusRead) -> None:
    text = read.text_of(path)
    if text is not None:
        read.documents.append(Document(doc_id=path.stem, title=_first_line(text, path.stem), text=text))


def _read_jsonl(path: Path, read: CorpusRead) -> None:
    """Documents from a JSONL file of ``{"id", "title", "text", "date"?, "source"?}`` and any ``PROFILE_FIELDS``."""
    lines = read.text_of(path)
    for lineno, line in enumerate((lines or "").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from exc
        missing = [key for key in ("id", "title", "text") if not isinstance(rec.get(key), str)]
        if missing:
            raise CorpusError(f"{path}:{lineno}: missing or non-string field(s): {', '.join(missing)}")
        read.documents.append(
            Document(
                doc_id=rec["id"],
                title=rec["title"],
                text=rec["text"].replace("\r\n", "\n"),
                date=rec.get("date"),
                source=rec.get("source"),
                **_described(rec, f"{path}:{lineno}"),
            )
        )


def read_corpus(paths: list[Path] | None = None, show_progress: bool = False) -> CorpusRead:
    """Documents from folders and/or JSONL files (the shipped corpus when ``paths`` is empty), and the files
    skipped as unreadable."""
    read = CorpusRead()
    for path in paths or [SHIPPED_DIR]:
        if path.is_dir():
            _read_folder(path, read, show_progress)
        elif path.suffix.lower() == ".jsonl":
            _read_jsonl(path, read)
        elif path.suffix.lower() in READABLE_SUFFIXES and path.is_file():
            _read_single(path, read)
        elif path.exists():
            raise CorpusError(f"{path}: expected a folder, a .txt/.md/.docx/.pdf file or a .jsonl file")
        else:
            raise CorpusError(f"{path}: no such file or folder")
    seen: set[str] = set()
    for doc in read.documents:
        if doc.doc_id in seen:
            raise CorpusError(f"duplicate document id {doc.doc_id!r}")
        seen.add(doc.doc_id)
    if not read.documents:
        skipped = f" ({len(read.skipped)} unreadable: {'; '.join(read.skipped)})" if read.skipped else ""
        raise CorpusError(f"no documents found in {', '.join(map(str, paths or [SHIPPED_DIR]))}{skipped}")
    return read


def load_corpus(paths: list[Path] | None = None, show_progress: bool = False) -> list[Document]:
    """The documents of ``read_corpus`` (unreadable files skipped and logged)."""
    return read_corpus(paths, show_progress).documents
