"""Documents and where they come from: the shipped corpus, a folder (.txt, .md, .docx, .pdf), or a JSONL file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from corpus.readers import READABLE_SUFFIXES, UnreadableDocument, read_document, read_text_file

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


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

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _read(path: Path) -> str:
    try:
        return read_document(path) if path.suffix.lower() != ".jsonl" else read_text_file(path)
    except UnreadableDocument as exc:
        raise CorpusError(str(exc)) from exc


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
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in READABLE_SUFFIXES)


def corpus_files(paths: list[Path] | None = None) -> list[Path]:
    """Every file ``load_corpus(paths)`` reads (documents and ``documents.json``), without reading any."""
    files = []
    for path in paths or [SHIPPED_DIR]:
        if path.is_dir():
            files += _folder_files(path) + [p for p in [path / "documents.json"] if p.exists()]
        else:
            files.append(path)
    return files


def load_folder(folder: Path, show_progress: bool = False) -> list[Document]:
    """Every ``.txt``/``.md``/``.docx``/``.pdf`` file in ``folder``; titles from ``documents.json`` when present."""
    from tqdm import tqdm

    meta = _metadata(folder)
    docs = []
    for path in tqdm(_folder_files(folder), desc="documents read", unit="doc", disable=not show_progress):
        text = _read(path)
        rec = meta.get(path.name, {})
        docs.append(
            Document(
                doc_id=rec.get("id", path.stem),
                title=rec.get("title") or _first_line(text, path.stem),
                text=text,
                date=rec.get("date"),
                source=rec.get("source"),
            )
        )
    return docs


def _single(path: Path) -> list[Document]:
    text = _read(path)
    return [Document(doc_id=path.stem, title=_first_line(text, path.stem), text=text)]


def load_jsonl(path: Path) -> list[Document]:
    """Documents from a JSONL file of ``{"id", "title", "text", "date"?, "source"?}``."""
    docs = []
    for lineno, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{lineno}: invalid JSON ({exc.msg})") from exc
        missing = [key for key in ("id", "title", "text") if not isinstance(rec.get(key), str)]
        if missing:
            raise CorpusError(f"{path}:{lineno}: missing or non-string field(s): {', '.join(missing)}")
        docs.append(
            Document(
                doc_id=rec["id"],
                title=rec["title"],
                text=rec["text"].replace("\r\n", "\n"),
                date=rec.get("date"),
                source=rec.get("source"),
            )
        )
    return docs


def load_corpus(paths: list[Path] | None = None, show_progress: bool = False) -> list[Document]:
    """Documents from folders and/or JSONL files; the shipped corpus when ``paths`` is empty."""
    docs: list[Document] = []
    for path in paths or [SHIPPED_DIR]:
        if path.is_dir():
            docs.extend(load_folder(path, show_progress))
        elif path.suffix.lower() == ".jsonl":
            docs.extend(load_jsonl(path))
        elif path.suffix.lower() in READABLE_SUFFIXES and path.is_file():
            docs.extend(_single(path))
        elif path.exists():
            raise CorpusError(f"{path}: expected a folder, a .txt/.md/.docx/.pdf file or a .jsonl file")
        else:
            raise CorpusError(f"{path}: no such file or folder")
    seen: set[str] = set()
    for doc in docs:
        if doc.doc_id in seen:
            raise CorpusError(f"duplicate document id {doc.doc_id!r}")
        seen.add(doc.doc_id)
    if not docs:
        raise CorpusError(f"no documents found in {', '.join(map(str, paths or [SHIPPED_DIR]))}")
    return docs
