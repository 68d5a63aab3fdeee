"""The index manifest: what built an index and what its files must contain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus.chunking import CHUNKER_VERSION
from corpus.documents import Document
from corpus.facts import FACTS_VERSION

FORMAT_VERSION = 3
MANIFEST_FILE = "manifest.json"


class IndexLoadError(RuntimeError):
    """An index directory that is missing, damaged or built differently; the message names the file."""


@dataclass(frozen=True)
class ModelInfo:
    name: str
    weights_sha256: str
    dimension: int
    query_prompt: str
    passage_prompt: str


@dataclass
class Manifest:
    model: ModelInfo
    index_type: str
    max_chars: int
    corpus_sha256: str
    documents: list[dict]
    chunk_ids: list[str]
    files: dict[str, str]
    build: dict = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    @property
    def chunk_count(self) -> int:
        return len(self.chunk_ids)

    def to_json(self) -> str:
        data = asdict(self)
        data["chunk_count"] = self.chunk_count
        return json.dumps(data, ensure_ascii=False, indent=2)

    @classmethod
    def read(cls, path: Path, any_version: bool = False) -> "Manifest":
        """The manifest at ``path``; ``any_version`` also reads an older format's (to reuse its vectors and corpus
        paths when rebuilding), else a different format version is an error."""
        if not path.exists():
            raise IndexLoadError(f"{path}: manifest missing")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise IndexLoadError(f"{path}: manifest is not valid JSON ({exc})") from exc
        if data.get("format_version") != FORMAT_VERSION and not any_version:
            raise IndexLoadError(
                f"{path}: index format version {data.get('format_version')!r}, expected {FORMAT_VERSION}; rebuild it"
            )
        data.pop("chunk_count", None)
        try:
            data["model"] = ModelInfo(**data["model"])
            return cls(**data)
        except (KeyError, TypeError) as exc:
            raise IndexLoadError(f"{path}: manifest is incomplete ({exc})") from exc


def corpus_sha256(documents: list[Document], max_chars: int) -> str:
    """One checksum over the documents and the chunking/extraction code and settings that shape the index."""
    digest = hashlib.sha256(f"v{FORMAT_VERSION}|chunker={CHUNKER_VERSION}|facts={FACTS_VERSION}|max_chars={max_chars}".encode())
    for doc in sorted(documents, key=lambda d: d.doc_id):
        stated = f"{sorted(doc.stated.items())}|{json.dumps(doc.table, sort_keys=True)}|{sorted(doc.synonyms.items())}|{doc.terms}"
        digest.update(f"|{doc.doc_id}|{doc.title}|{doc.date}|{doc.source}|{stated}|{doc.sha256}".encode())
    return digest.hexdigest()


def files_fingerprint(files: list[Path], max_chars: int) -> str:
    """A checksum of the corpus files' paths, sizes and modification times (and of the code versions and settings
    that shape an index): equal fingerprints mean the index is current without reading a document."""
    digest = hashlib.sha256(f"v{FORMAT_VERSION}|chunker={CHUNKER_VERSION}|facts={FACTS_VERSION}|max_chars={max_chars}".encode())
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            return ""
        digest.update(f"|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
