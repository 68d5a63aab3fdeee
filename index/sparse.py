"""BM25 over jieba tokens (bm25s), saved as plain arrays plus JSON."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np


def _bm25s():
    """bm25s (with scipy, a quarter of a second to import), imported when BM25 is first needed; its log quietened."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def build_bm25(token_lists: list[list[str]]):
    retriever = _bm25s().BM25()
    retriever.index(token_lists, show_progress=False)
    return retriever


def bm25_scores(retriever, query_tokens: list[str]) -> np.ndarray:
    """BM25 score of every chunk for the query (zeros when no token is known)."""
    known = [t for t in query_tokens if t in retriever.vocab_dict]
    if not known:
        return np.zeros(retriever.scores["num_docs"], dtype=np.float32)
    return np.asarray(retriever.get_scores(known), dtype=np.float32)


def save_bm25(retriever, folder: Path) -> None:
    retriever.save(str(folder), show_progress=False)


def load_bm25(folder: Path):
    return _bm25s().BM25.load(str(folder), show_progress=False, verbosity=0)
