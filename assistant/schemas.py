"""Request and response models of the HTTP API (the `/ask` contract in DESIGN.md)."""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.reasons import REASONS

MAX_QUESTION_CHARS = 500
SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
VISIBLE = r"[^\s\x00-\x1f\x7f-\x9f]"  # a question needs at least one visible character
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., description="the question, 1–500 characters after trimming",
                          json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_CHARS, "pattern": VISIBLE})
    session_id: str | None = Field(None, pattern=SESSION_ID_PATTERN, description="continue this conversation (letters, digits, _ and -)")
    top_k: int = Field(5, ge=1, le=20, description="how many retrieved excerpts to cite (1–20); answers computed from the facts cite every input figure instead")
    documents: list[str] | None = Field(None, max_length=200, description="answer only from these document ids (GET /documents lists them)")

    @field_validator("question", mode="before")
    @classmethod
    def _question_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError("question must be a string")
        if SURROGATE.search(value):
            raise ValueError("question contains unpaired surrogate characters; send the text as UTF-8")
        stripped = CONTROL.sub(" ", value).strip()
        if not stripped:
            raise ValueError("question is empty; ask something, e.g. 今年的经济增长目标是多少？")
        if len(stripped) > MAX_QUESTION_CHARS:
            raise ValueError(f"question is {len(stripped)} characters long; the limit is {MAX_QUESTION_CHARS}")
        return stripped


    @field_validator("top_k", mode="before")
    @classmethod
    def _whole_number(cls, value: object) -> object:
        # JSON has one number type: 5.0 is the integer 5, but "5" and true are not numbers.
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
            raise ValueError("top_k must be a whole number from 1 to 20")
        return int(value)


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


class AcrossRow(BaseModel):
    """One document's statement of the indicator a question compares across documents."""

    doc_id: str
    doc_title: str
    place: str
    printed: str | None = Field(None, description="the value as printed (5.5%左右, 保持合理水平); null: the document states none")
    value: str | None = Field(None, description="the number, an exact decimal as text")
    unit: str | None = None
    qualifier: str | None = Field(None, description="左右, 以上, 以内, 力争…")
    section: str | None = None
    start: int | None = Field(None, description="[start, end) of the printed value in the document")
    end: int | None = None


class AskResponse(BaseModel):
    answer: str
    answered: bool
    session_id: str = Field(..., description="send it back with the next question to ask a follow-up")
    rewritten_question: str = Field(..., description="the standalone question that was answered")
    follow_up: bool = Field(False, description="true when the question was completed from the previous turn")
    read_as: list[str] = Field(default_factory=list,
                               description="typing slips read as the documents' words, e.g. 轻能→氢能")
    citations: list[Citation]
    facts: list[Fact] = Field(default_factory=list)
    table: list[AcrossRow] = Field(default_factory=list,
                                   description="for a question comparing documents: each document's value, in the answer's order")
    documents: list[str] = Field(default_factory=list, description="the ids of the documents answered from (empty: all)")
    reason: str | None = Field(None, description="why the question was declined (answered false): place_not_covered, "
                               "year_not_covered, named_absent, measure_not_stated, none_stated, no_figure, not_found, "
                               "no_context")
    timings_ms: dict[str, float] = Field(default_factory=dict)

    def reading_notes(self) -> list[str]:
        """How the question was read, for people: the completed follow-up, and any typing slips mended."""
        notes = [f"理解为：{self.rewritten_question}"] if self.follow_up else []
        if self.read_as:
            notes.append(f"按文档用词理解：{'，'.join(self.read_as)}")
        return notes

    def reason_note(self) -> str | None:
        """Why the question was not answered, for people."""
        return f"未回答的原因：{REASONS[self.reason].says}" if self.reason in REASONS else None


class TurnRecord(BaseModel):
    question: str
    rewritten_question: str
    answer: str
    answered: bool
    at: datetime


class SessionResponse(BaseModel):
    session_id: str
    turns: list[TurnRecord]


class ErrorResponse(BaseModel):
    detail: str
    errors: list[str] | None = Field(None, description="one message per invalid field (422 only)")


class TextSpan(BaseModel):
    text: str
    start: int = Field(description="offset into the document's text")
    end: int


class StatedDate(BaseModel):
    date: str = Field(description="ISO date, e.g. 2025-01-15")
    event: str = Field(description="会议 (delivered at a session), 印发, 发布, 通过, or 日期 when the text does not say")
    span: TextSpan


class DocumentProfile(BaseModel):
    place: str | None = Field(None, description="the place the document governs, e.g. 重庆市")
    place_short: str | None = Field(None, description="the name people use, e.g. 重庆")
    place_english: list[str] = Field(default_factory=list, description="English or pinyin names, e.g. Chongqing")
    place_level: str | None = Field(None, description="省, 自治区, 直辖市, 市, 区, 县…")
    kind: str | None = Field(None, description="政府工作报告, 行动计划, 规划, 实施方案, 新闻报道…")
    issuer: str | None = None
    speaker: TextSpan | None = Field(None, description="who delivered it, as printed")
    period: str | None = Field(None, description="the years it covers: 2025, 2023—2025")
    session: TextSpan | None = Field(None, description="the congress session it was delivered at")
    dates: list[StatedDate] = Field(default_factory=list, description="the dates its opening lines state")
    stated: list[str] = Field(default_factory=list, description="fields given by the corpus's metadata, not read from the text")


class DocumentInfo(BaseModel):
    doc_id: str
    title: str
    date: str | None
    source: str | None
    chunks: int
    profile: DocumentProfile | None = Field(None, description="None for an index built before profiles")


class DocumentsResponse(BaseModel):
    count: int
    documents: list[DocumentInfo]


class HealthResponse(BaseModel):
    status: str
    model: str
    model_weights_sha256: str
    index_path: str
    index_type: str
    chunks: int
    documents: int
    built_at: str | None
