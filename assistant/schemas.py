"""Request and response models of the HTTP API (the `/ask` contract in DESIGN.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_QUESTION_CHARS = 500


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., description="the question, 1–500 characters after trimming")
    session_id: str | None = Field(None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    top_k: int = Field(5, ge=1, le=20, strict=True, description="how many retrieved excerpts to cite (1–20); answers computed from the facts cite every input figure instead")

    @field_validator("question", mode="before")
    @classmethod
    def _question_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError("question must be a string")
        stripped = value.strip()
        if not stripped:
            raise ValueError("question is empty; ask something, e.g. 2025年新能源汽车保有量目标是多少？")
        if len(stripped) > MAX_QUESTION_CHARS:
            raise ValueError(f"question is {len(stripped)} characters long; the limit is {MAX_QUESTION_CHARS}")
        return stripped


class Citation(BaseModel):
    doc_id: str
    doc_title: str
    section: str
    text: str
    start: int
    end: int
    score: float
    highlight: list[int] | None = Field(None, description="[start, end) of the quoted answer within the document")


class Fact(BaseModel):
    """A figure from the documents: ``value`` is an exact decimal as text; ``written`` is the figure as printed."""

    subject: str
    metric: str
    value: str
    unit: str | None = None
    qualifier: str | None = None
    year: str | None = None
    time: str | None = None
    written: str = ""
    section: str = ""
    source: str | None = Field(None, description="summary or full for the two printings of the 2023 plan")
    doc_id: str
    start: int
    end: int


class FactsResponse(BaseModel):
    count: int
    facts: list[Fact]


class AskResponse(BaseModel):
    answer: str
    answered: bool
    session_id: str
    rewritten_question: str
    citations: list[Citation]
    facts: list[Fact] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)


class HealthResponse(BaseModel):
    status: str
    model: str
    model_weights_sha256: str
    index_path: str
    index_type: str
    chunks: int
    documents: int
    built_at: str | None
