"""Build, save and load an index directory, atomically and with consistency checks.

Layout of an index root::

    CURRENT            name of the live build (replaced atomically)
    build-<stamp>/     manifest.json, dense.faiss, vectors.npy, sentence_vectors.npy,
                       chunks.jsonl, terms.json, vocabulary.json, facts.sqlite, bm25/

A build is written to a temporary directory and only becomes live when
``CURRENT`` is swapped, so an interrupted build leaves the previous index in
use. Chunks and sentences whose content is unchanged reuse their stored vectors.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np
from tqdm import tqdm

from corpus.chunking import Chunk, chunk_document
from corpus.documents import Document
from corpus.profile import read_profile
from corpus.facts import Fact
from corpus.projects import document_facts
from corpus.tokenize import add_terms, quoted_terms, tokenize
from corpus.vocabulary import CorpusVocabulary
from index.dense import build_dense, load_dense, save_dense, validate_index_type
from index.checksums import file_sha256
from index.embedder import Embedder
from index.facts_store import FACTS_FILE, FactWords, load_fact_words, load_facts, save_facts
from index.manifest import MANIFEST_FILE, IndexLoadError, Manifest, ModelInfo, corpus_sha256
from index.sentences import SentenceRef, chunk_sentences, sentence_key, sentence_texts
from index.sparse import build_bm25, load_bm25, save_bm25

CURRENT_FILE = "CURRENT"
DENSE_FILE = "dense.faiss"
VECTORS_FILE = "vectors.npy"
SENTENCE_VECTORS_FILE = "sentence_vectors.npy"
CHUNKS_FILE = "chunks.jsonl"
TERMS_FILE = "terms.json"
VOCABULARY_FILE = "vocabulary.json"
BM25_DIR = "bm25"
# Texts per encoder call: a few of the encoder's batches, so the progress bar moves often.
EMBED_GROUP = 64
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchStructures:
    """What retrieval needs: chunk vectors and their FAISS index, BM25, and the sentence vectors."""

    vectors: np.ndarray
    dense: object
    bm25: object
    sentences: list[SentenceRef]
    sentence_vectors: np.ndarray


class LoadedIndex:
    """Everything a query needs, read from one build directory. The search structures are read on first use,
    so a question the facts answer never loads FAISS, BM25 or a vector (their files are checksummed at load)."""

    def __init__(self, path: Path, manifest: Manifest, chunks: list[Chunk], facts: list[Fact],
                 fact_words: dict[str, FactWords], vocabulary: CorpusVocabulary):
        self.path = path
        self.manifest = manifest
        self.chunks = chunks
        self.facts = facts
        self.fact_words = fact_words
        self.vocabulary = vocabulary
        self._search: SearchStructures | None = None
        self._lock = threading.Lock()

    def search_structures(self) -> SearchStructures:
        with self._lock:
            if self._search is None:
                self._search = _load_search(self.path, self.manifest, self.chunks)
            return self._search

    @property
    def vectors(self) -> np.ndarray:
        return self.search_structures().vectors

    @property
    def dense(self):
        return self.search_structures().dense

    @property
    def bm25(self):
        return self.search_structures().bm25

    @property
    def sentences(self) -> list[SentenceRef]:
        return self.search_structures().sentences

    @property
    def sentence_vectors(self) -> np.ndarray:
        return self.search_structures().sentence_vectors


@dataclass(frozen=True)
class BuildReport:
    path: Path
    chunks: int
    embedded: int
    reused: int
    seconds: float
    rebuilt: bool = True
    sentences: int = 0
    sentences_embedded: int = 0
    skipped: tuple[str, ...] = ()


def current_build(root: Path) -> Path | None:
    """The live build directory under ``root`` (or ``root`` itself if it is a build)."""
    if (root / MANIFEST_FILE).exists():
        return root
    pointer = root / CURRENT_FILE
    if not pointer.exists():
        return None
    return root / pointer.read_text(encoding="utf-8").strip()


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in ("faiss-cpu", "bm25s", "jieba", "sentence-transformers", "torch", "onnxruntime", "numpy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    return versions


def _model_info(embedder: Embedder, query_prompt: str, passage_prompt: str) -> ModelInfo:
    return ModelInfo(
        name=embedder.name,
        weights_sha256=embedder.weights_sha256,
        dimension=embedder.dimension,
        query_prompt=query_prompt,
        passage_prompt=passage_prompt,
    )


def _read_chunks(build: Path) -> list[Chunk]:
    try:
        with (build / CHUNKS_FILE).open(encoding="utf-8") as fh:
            return [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]
    except (json.JSONDecodeError, TypeError, KeyError) as exc:
        raise IndexLoadError(f"{build / CHUNKS_FILE}: unreadable chunk record ({exc})") from exc


def _previous_vectors(root: Path, model: ModelInfo) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Vectors of the live build by chunk id and by sentence key, if it was built with the same model."""
    build = current_build(root)
    if build is None:
        return {}, {}
    try:
        manifest = Manifest.read(build / MANIFEST_FILE, any_version=True)
        if (manifest.model.name, manifest.model.weights_sha256) != (model.name, model.weights_sha256):
            return {}, {}
        vectors = np.load(build / VECTORS_FILE, allow_pickle=False)
        chunks = _read_chunks(build)
        sentence_vectors = np.load(build / SENTENCE_VECTORS_FILE, allow_pickle=False)
    except (IndexLoadError, OSError, ValueError) as exc:
        log.warning("previous index not reusable (%s); embedding everything", exc)
        return {}, {}
    if len(vectors) != manifest.chunk_count:
        return {}, {}
    keys = [sentence_key(t) for t in sentence_texts(chunks, chunk_sentences(chunks))]
    sentences = dict(zip(keys, sentence_vectors)) if len(keys) == len(sentence_vectors) else {}
    return dict(zip(manifest.chunk_ids, vectors)), sentences


def _embed(texts: list[str], keys: list[str], cached: dict[str, np.ndarray], embedder: Embedder,
           dimension: int, label: str, show_progress: bool) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``: cached ones by key, the rest encoded, longest first in groups of similar length (little
    padding, and the progress bar's estimate errs high rather than low); and how many were encoded."""
    vectors = np.zeros((len(texts), dimension), dtype=np.float32)
    missing = [i for i, key in enumerate(keys) if key not in cached]
    for i, key in enumerate(keys):
        if key in cached:
            vectors[i] = cached[key]
    missing.sort(key=lambda i: -len(texts[i]))
    with tqdm(total=len(missing), desc=label, unit="text", disable=not show_progress or not missing) as bar:
        for start in range(0, len(missing), EMBED_GROUP):
            group = missing[start:start + EMBED_GROUP]
            vectors[group] = embedder.encode_passages([texts[i] for i in group])
            bar.update(len(group))
    return vectors, len(missing)


def recorded_corpus(root: Path) -> list[Path]:
    """The corpus paths the live build was made from (empty for the shipped corpus, or when they are gone)."""
    build = current_build(root)
    try:
        paths = [Path(p) for p in Manifest.read(build / MANIFEST_FILE, any_version=True).build.get("corpus", [])] if build else []
    except IndexLoadError:
        return []
    return paths if all(p.exists() for p in paths) else []


def _live_manifest(root: Path, embedder: Embedder, index_type: str) -> Manifest | None:
    """The live build's manifest if it was built with this model and index type."""
    build = current_build(root)
    if build is None:
        return None
    try:
        manifest = Manifest.read(build / MANIFEST_FILE)
    except IndexLoadError:
        return None
    same = (manifest.index_type == index_type and manifest.model.name == embedder.name
            and manifest.model.weights_sha256 == embedder.weights_sha256)
    return manifest if same else None


def index_is_current(root: Path, documents: list[Document], embedder: Embedder, max_chars: int, index_type: str) -> bool:
    """True when the live build matches these documents, this model and these settings."""
    manifest = _live_manifest(root, embedder, index_type)
    return manifest is not None and manifest.corpus_sha256 == corpus_sha256(documents, max_chars)


def index_files_unchanged(root: Path, fingerprint: str, embedder: Embedder, index_type: str) -> bool:
    """True when the live build was made from files of this ``files_fingerprint`` (the same paths, sizes and
    modification times), this model and index type: current without reading a document. False says nothing
    (compare the documents)."""
    manifest = _live_manifest(root, embedder, index_type)
    return manifest is not None and bool(fingerprint) and manifest.build.get("files_fingerprint") == fingerprint


def remember_fingerprint(root: Path, fingerprint: str, skipped: list[str]) -> None:
    """Record in the live build's manifest that corpus files of this fingerprint hold its documents (they were
    read and found unchanged) and which of them could not be read, so the next start need not read them."""
    build = current_build(root)
    manifest = Manifest.read(build / MANIFEST_FILE)
    manifest.build["files_fingerprint"] = fingerprint
    manifest.build["skipped"] = skipped
    staging = build / f".{MANIFEST_FILE}.{uuid.uuid4().hex[:8]}"
    staging.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(staging, build / MANIFEST_FILE)


def skipped_files(root: Path) -> list[str]:
    """The corpus files the live build could not read (``"path: reason"``)."""
    build = current_build(root)
    return Manifest.read(build / MANIFEST_FILE).build.get("skipped", []) if build is not None else []


def stated_terms(records: list[dict]) -> list[str]:
    """The terms the documents' records state, in record order, each once."""
    return list(dict.fromkeys(term for record in records for term in record.get("terms", ())))


def _document_record(doc: Document, chunks: int) -> dict:
    return {"doc_id": doc.doc_id, "title": doc.title, "date": doc.date, "source": doc.source,
            "sha256": doc.sha256, "chunks": chunks, "profile": read_profile(doc).to_dict(),
            **{name: value for name, value in (("table", doc.table), ("synonyms", doc.synonyms),
                                               ("terms", list(doc.terms))) if value}}


def build_index(
    documents: list[Document],
    embedder: Embedder,
    root: Path,
    *,
    max_chars: int = 200,
    index_type: str = "flat",
    query_prompt: str = "query: ",
    passage_prompt: str = "passage: ",
    show_progress: bool = False,
    sources: list[str] | None = None,
    fingerprint: str = "",
    skipped: list[str] | None = None,
) -> BuildReport:
    """Chunk, embed (reusing unchanged chunks' vectors), index and atomically publish. ``fingerprint`` is the
    corpus files' ``files_fingerprint``, taken before they were read, so the next start can skip reading them;
    ``skipped`` names the corpus files that could not be read."""
    validate_index_type(index_type)
    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    # The encoder loads (on a new machine: is converted) while the documents are parsed.
    loading = threading.Thread(target=getattr(embedder, "warm_up", lambda: None), name="load-encoder", daemon=True)
    loading.start()
    chunks: list[Chunk] = []
    facts: list[Fact] = []
    records = []
    terms: set[str] = set()
    if show_progress:
        tqdm.write(f"indexing {len(documents)} documents into {root}", file=sys.stderr)
    for doc in tqdm(documents, desc="documents parsed", unit="doc", disable=not show_progress):
        doc_chunks = chunk_document(doc, max_chars)
        chunks.extend(doc_chunks)
        facts.extend(document_facts(doc))
        records.append(_document_record(doc, len(doc_chunks)))
        terms |= quoted_terms(doc.text)
    if not chunks:
        raise ValueError("the corpus has no text to index")
    add_terms(stated_terms(records), freq=None)
    add_terms(sorted(terms))

    loading.join()
    model = _model_info(embedder, query_prompt, passage_prompt)
    cached_chunks, cached_sentences = _previous_vectors(root, model)
    vectors, embedded = _embed([c.context for c in chunks], [c.chunk_id for c in chunks], cached_chunks,
                               embedder, model.dimension, "chunks embedded", show_progress)
    texts = sentence_texts(chunks, chunk_sentences(chunks))
    sentence_vectors, sentences_embedded = _embed(texts, [sentence_key(t) for t in texts], cached_sentences,
                                                  embedder, model.dimension, "sentences embedded", show_progress)
    log.info("%d chunks: %d embedded, %d reused; %d sentences: %d embedded", len(chunks), embedded,
             len(chunks) - embedded, len(texts), sentences_embedded)

    tmp = root / f".tmp-build-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        save_dense(build_dense(vectors, index_type), tmp / DENSE_FILE)
        np.save(tmp / VECTORS_FILE, vectors, allow_pickle=False)
        np.save(tmp / SENTENCE_VECTORS_FILE, sentence_vectors, allow_pickle=False)
        with (tmp / CHUNKS_FILE).open("w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
        (tmp / TERMS_FILE).write_text(json.dumps(sorted(terms), ensure_ascii=False), encoding="utf-8")
        chunk_tokens = [tokenize(c.context) for c in chunks]
        save_bm25(build_bm25(chunk_tokens), tmp / BM25_DIR)
        CorpusVocabulary.build(chunk_tokens).save(tmp / VOCABULARY_FILE)
        save_facts(facts, tmp / FACTS_FILE)
        seconds = time.perf_counter() - started
        manifest = Manifest(
            model=model,
            index_type=index_type,
            max_chars=max_chars,
            corpus_sha256=corpus_sha256(documents, max_chars),
            documents=records,
            chunk_ids=[c.chunk_id for c in chunks],
            files={name: file_sha256(tmp / name)
                   for name in (DENSE_FILE, VECTORS_FILE, SENTENCE_VECTORS_FILE, CHUNKS_FILE, TERMS_FILE,
                                VOCABULARY_FILE, FACTS_FILE,
                                *sorted(str(p.relative_to(tmp)) for p in (tmp / BM25_DIR).iterdir()))},
            build={
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "seconds": round(seconds, 3),
                "embedded": embedded,
                "reused": len(chunks) - embedded,
                "sentences": len(texts),
                "sentences_embedded": sentences_embedded,
                "facts": len(facts),
                "encoders": embedder.runtimes,
                "corpus": sources or [],
                "files_fingerprint": fingerprint,
                "skipped": skipped or [],
                "versions": _versions(),
            },
        )
        (tmp / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
        final = root / f"build-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _publish(root, final)
    return BuildReport(final, len(chunks), embedded, len(chunks) - embedded, seconds,
                       sentences=len(texts), sentences_embedded=sentences_embedded, skipped=tuple(skipped or ()))


def _publish(root: Path, build: Path) -> None:
    """Point ``CURRENT`` at ``build`` atomically, then remove older builds."""
    pointer_tmp = root / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    pointer_tmp.write_text(build.name, encoding="utf-8")
    os.replace(pointer_tmp, root / CURRENT_FILE)
    for old in root.iterdir():
        if old != build and old.is_dir() and (old.name.startswith("build-") or old.name.startswith(".tmp-build-")):
            shutil.rmtree(old, ignore_errors=True)


def _check_files(build: Path, manifest: Manifest) -> None:
    for name, expected in manifest.files.items():
        path = build / name
        if not path.exists():
            raise IndexLoadError(f"{path}: missing")
        if file_sha256(path) != expected:
            raise IndexLoadError(f"{path}: damaged (checksum differs from {MANIFEST_FILE})")
    if not (build / BM25_DIR).is_dir():
        raise IndexLoadError(f"{build / BM25_DIR}: missing")


def load_index(root: Path, embedder: Embedder | None = None) -> LoadedIndex:
    """Read the live build under ``root`` and check that its pieces (and the model) agree."""
    build = current_build(root)
    if build is None:
        raise IndexLoadError(f"{root}: no index here (no {CURRENT_FILE} or {MANIFEST_FILE}); build one with `python -m assistant index`")
    manifest = Manifest.read(build / MANIFEST_FILE)
    _check_files(build, manifest)
    chunks = _read_chunks(build)
    if [c.chunk_id for c in chunks] != manifest.chunk_ids:
        raise IndexLoadError(f"{build / CHUNKS_FILE}: chunk ids differ from {MANIFEST_FILE}")
    # The shapes agree with the manifest (read from the .npy headers; the vectors themselves load on first use).
    dimension = manifest.model.dimension
    for name, rows in ((VECTORS_FILE, len(chunks)), (SENTENCE_VECTORS_FILE, len(chunk_sentences(chunks)))):
        shape = np.load(build / name, mmap_mode="r", allow_pickle=False).shape
        if shape != (rows, dimension):
            raise IndexLoadError(f"{build / name}: shape {shape}, but {MANIFEST_FILE} says ({rows}, {dimension})")
    if embedder is not None:
        built_with = (manifest.model.name, manifest.model.weights_sha256)
        if built_with != (embedder.name, embedder.weights_sha256):
            raise IndexLoadError(
                f"{build / MANIFEST_FILE}: index built with model {manifest.model.name!r} "
                f"(weights {manifest.model.weights_sha256[:12]}), but the configured model is {embedder.name!r} "
                f"(weights {embedder.weights_sha256[:12]}); rebuild with `python -m assistant index`"
            )
    add_terms(stated_terms(manifest.documents), freq=None)
    add_terms(json.loads((build / TERMS_FILE).read_text(encoding="utf-8")))
    return LoadedIndex(build, manifest, chunks, load_facts(build / FACTS_FILE), load_fact_words(build / FACTS_FILE),
                       CorpusVocabulary.load(build / VOCABULARY_FILE))


def _load_search(build: Path, manifest: Manifest, chunks: list[Chunk]) -> SearchStructures:
    vectors = np.load(build / VECTORS_FILE, allow_pickle=False)
    dense = load_dense(build / DENSE_FILE)
    if dense.ntotal != len(chunks) or dense.d != manifest.model.dimension or vectors.shape != (len(chunks), dense.d):
        raise IndexLoadError(
            f"{build / DENSE_FILE}: holds {dense.ntotal} vectors of dimension {dense.d}; "
            f"{MANIFEST_FILE} says {len(chunks)} of dimension {manifest.model.dimension}"
        )
    sentences = chunk_sentences(chunks)
    sentence_vectors = np.load(build / SENTENCE_VECTORS_FILE, allow_pickle=False)
    if sentence_vectors.shape != (len(sentences), dense.d):
        raise IndexLoadError(
            f"{build / SENTENCE_VECTORS_FILE}: shape {sentence_vectors.shape}, expected ({len(sentences)}, {dense.d})"
        )
    try:
        bm25 = load_bm25(build / BM25_DIR)
    except (OSError, ValueError, KeyError) as exc:
        raise IndexLoadError(f"{build / BM25_DIR}: cannot be read ({exc})") from exc
    if bm25.scores["num_docs"] != len(chunks):
        raise IndexLoadError(f"{build / BM25_DIR}: indexes {bm25.scores['num_docs']} chunks, expected {len(chunks)}")
    return SearchStructures(vectors, dense, bm25, sentences, sentence_vectors)
