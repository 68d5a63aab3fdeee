"""A deterministic fake embedder: a real implementation of the Embedder interface.

Vectors are hashed character uni- and bigrams of the text (prompts ignored),
L2-normalised, so texts sharing characters are similar, with no model at all.
"""

from __future__ import annotations

import hashlib

import numpy as np


class HashingEmbedder:
    def __init__(self, dimension: int = 256, name: str = "fake-hashing", weights: str = "fake-weights-v1"):
        self._dimension = dimension
        self._name = name
        self._weights = weights
        self.passages_encoded = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def weights_sha256(self) -> str:
        return hashlib.sha256(self._weights.encode()).hexdigest()

    @property
    def dimension(self) -> int:
        return self._dimension

    @property
    def runtimes(self) -> dict[str, str]:
        return {"passages": "hashed character n-grams", "queries": "hashed character n-grams"}

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self._dimension, dtype=np.float32)
        grams = list(text) + [text[i : i + 2] for i in range(len(text) - 1)]
        for gram in grams:
            digest = hashlib.blake2b(gram.encode(), digest_size=4).digest()
            vec[int.from_bytes(digest, "little") % self._dimension] += 1.0
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        self.passages_encoded += len(texts)
        return np.stack([self._vector(t) for t in texts])
