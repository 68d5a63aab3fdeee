"""Sentence splitting and chunking of outline passages, offsets kept exact.

A chunk is a run of whole sentences within one passage, at most ``max_chars``
long (a single longer sentence stays whole). Its id is a content hash, so an
unchanged chunk keeps its id (and its cached embedding) across rebuilds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from corpus.documents import Document
from corpus.normalize import normalize
from corpus.outline import Passage, parse_outline

SENTENCE_ENDS = "。！？；!?;"
CLOSERS = "”’\"'）)」』"
DEFAULT_MAX_CHARS = 200
# Bump when parsing or chunking changes what chunks come out, so existing indexes count as stale.
CHUNKER_VERSION = 4

PATH_SEPARATOR = " › "


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """A citable piece of a document: original text, heading path (normalised labels, for matching; ``printed``: the
    headings as printed, for display) and ``[start, end)``."""

    chunk_id: str
    doc_id: str
    doc_title: str
    path: tuple[str, ...]
    position: int
    start: int
    end: int
    text: str
    norm_text: str
    printed: tuple[str, ...] = ()

    @property
    def headings(self) -> tuple[str, ...]:
        """The headings as the document prints them (the labels, for a chunk read without them)."""
        return self.printed or self.path

    @property
    def section(self) -> str:
        """The heading path as the document prints it."""
        return PATH_SEPARATOR.join(self.headings)

    @property
    def labels(self) -> str:
        """The heading path in normalised labels."""
        return PATH_SEPARATOR.join(self.path)

    @property
    def context(self) -> str:
        """What retrieval sees: document title and heading path, then the normalised text."""
        return f"{normalize(self.doc_title).text}{PATH_SEPARATOR}{self.labels}\n{self.norm_text}"

    def to_dict(self) -> dict:
        return {
            "chunk_id": self.chunk_id,
            "doc_id": self.doc_id,
            "doc_title": self.doc_title,
            "path": list(self.path),
            "position": self.position,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "norm_text": self.norm_text,
            "printed": list(self.printed),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Chunk":
        return cls(**{**data, "path": tuple(data["path"]), "printed": tuple(data.get("printed", ()))})


MEASURE_WORDS = "个家项条所座处户名"


def _ocr_stop(text: str, i: int) -> bool:
    """A full stop between a digit and a measure word (…的35。个重点项目) is OCR noise, not a sentence end."""
    return text[i] == "。" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1] in MEASURE_WORDS


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentence spans of ``text`` (shifted by ``offset``); closing quotes stay with their sentence."""
    spans = []
    start = 0
    i = 0
    while i < len(text):
        if text[i] in SENTENCE_ENDS and not _ocr_stop(text, i):
            i += 1
            while i < len(text) and text[i] in CLOSERS:
                i += 1
            spans.append(Span(offset + start, offset + i))
            start = i
        else:
            i += 1
    if start < len(text) and text[start:].strip():
        spans.append(Span(offset + start, offset + len(text)))
    return [s for s in spans if s.end > s.start]


def group_sentences(sentences: list[Span], max_chars: int) -> list[Span]:
    """Consecutive sentences joined into spans of at most ``max_chars`` characters."""
    groups: list[Span] = []
    for sent in sentences:
        if groups and sent.end - groups[-1].start <= max_chars:
            groups[-1] = Span(groups[-1].start, sent.end)
        else:
            groups.append(sent)
    return groups


def chunk_id(doc_id: str, doc_title: str, path: tuple[str, ...], text: str) -> str:
    payload = "\x1f".join([doc_id, doc_title, *path, text]).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def chunk_passages(doc: Document, passages: list[Passage], max_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    for passage in passages:
        sentences = split_sentences(passage.text, passage.start)
        for span in group_sentences(sentences, max_chars):
            text = doc.text[span.start : span.end]
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(doc.doc_id, doc.title, passage.path, text),
                    doc_id=doc.doc_id,
                    doc_title=doc.title,
                    path=passage.path,
                    position=len(chunks),
                    start=span.start,
                    end=span.end,
                    text=text,
                    norm_text=normalize(text).text,
                    printed=passage.printed,
                )
            )
    return chunks


def chunk_document(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Parse ``doc`` into its outline and chunk every passage."""
    return chunk_passages(doc, parse_outline(doc.doc_id, doc.text).passages, max_chars)
