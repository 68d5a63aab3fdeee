"""Sentence vectors: every answering sentence of every chunk, embedded on its own.

A chunk vector blends several sentences; a colloquial question ("收垃圾和回收废品合到一块儿弄叫啥")
can sit close to one sentence while sharing few words with it. The sentences are derived from the
chunks (so only their vectors are stored), in chunk order; a chunk's own heading line is left out,
as it answers nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corpus.chunking import Chunk, split_sentences


@dataclass(frozen=True)
class SentenceRef:
    """One sentence: ``row`` of its chunk in the index, exact ``[start, end)`` in the document."""

    row: int
    start: int
    end: int


def is_heading_line(text: str, chunk: Chunk) -> bool:
    """A task's own heading line ("(十一)推动产业升级。")."""
    return text.rstrip("。.").strip() == chunk.path[-1]


def sentence_text(chunk: Chunk, ref: SentenceRef) -> str:
    return chunk.text[ref.start - chunk.start : ref.end - chunk.start]


def chunk_sentences(chunks: Sequence[Chunk]) -> list[SentenceRef]:
    """The answering sentences of ``chunks``, in order."""
    refs = []
    for row, chunk in enumerate(chunks):
        for span in split_sentences(chunk.text, chunk.start):
            ref = SentenceRef(row, span.start, span.end)
            text = sentence_text(chunk, ref)
            if text.strip() and not is_heading_line(text, chunk):
                refs.append(ref)
    return refs


def sentence_key(text: str) -> str:
    """Content key of a sentence, so an unchanged sentence keeps its vector across rebuilds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def sentence_texts(chunks: Sequence[Chunk], refs: Sequence[SentenceRef]) -> list[str]:
    return [sentence_text(chunks[ref.row], ref) for ref in refs]


def closest_sentences(sentence_vectors: np.ndarray, query_vector: np.ndarray, margin: float) -> list[tuple[int, float]]:
    """(index, cosine) of the sentences within ``margin`` of the closest one, closest first (vectors are
    L2-normalised). Cosines that close are a tie for a small encoder; the caller breaks it on other grounds."""
    similarities = sentence_vectors @ np.asarray(query_vector, dtype=np.float32).reshape(-1)
    if similarities.size == 0:
        return []
    close = np.flatnonzero(similarities >= similarities.max() - margin)
    return [(int(i), float(similarities[i])) for i in close[np.argsort(-similarities[close], kind="stable")]]
