"""An OpenAI-compatible chat endpoint: `POST /v1/chat/completions` (plain and streamed) and `GET /v1/models`.

Chat clients send the whole conversation each time; its user messages are
replayed through the conversation layer in a throwaway session, so follow-ups
("总投资呢？") are understood exactly as in `/ask`. The reply is the answer with
numbered citation footnotes; the structured citations, facts and the rewritten
question ride along in extra fields (`citations`, `facts`, `rewritten_question`,
`answered`), on the last chunk when streaming.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.guards import documented_errors
from assistant.schemas import MAX_QUESTION_CHARS, AskRequest, AskResponse
from assistant.service import Assistant

MODEL_ID = "jinan-plan-qa"
STREAM_PIECE_CHARS = 8
FOOTNOTE_CHARS = 120
# One server-sent event: "data: {chat.completion.chunk as JSON}", and a final "data: [DONE]".
SSE_EVENT = {"type": "object", "properties": {"data": {"type": "string"}, "event": {"type": "string"}}, "required": ["data"]}


class ErrorDetail(BaseModel):
    message: str
    type: str
    code: int


class OpenAIError(BaseModel):
    error: ErrorDetail


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="ignore")
    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="ignore")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    @property
    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class ChatRequest(BaseModel):
    """The OpenAI chat request; sampling parameters are accepted and ignored (answers are deterministic)."""

    model_config = ConfigDict(extra="ignore")
    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = Field(False, strict=True)


def footnoted(response: AskResponse) -> str:
    """The answer followed by one numbered footnote per citation: heading path and the quoted excerpt."""
    lines = [response.answer]
    for i, c in enumerate(response.citations, start=1):
        quoted = c.text[c.highlight[0] - c.start: c.highlight[1] - c.start] if c.highlight else c.text
        quoted = quoted if len(quoted) <= FOOTNOTE_CHARS else quoted[:FOOTNOTE_CHARS] + "…"
        lines.append(f"{'' if i > 1 else chr(10)}[{i}] 《{c.doc_title}》{c.section}：{quoted}")
    return "\n".join(lines)


def _question(text: str) -> str | None:
    try:
        return AskRequest(question=text).question
    except ValidationError:
        return None


def _no_question(reason: str) -> AskResponse:
    return AskResponse(answer=reason, answered=False, session_id="", rewritten_question="", citations=[])


def answer_chat(assistant: Assistant, request: ChatRequest) -> AskResponse:
    """Replay the earlier user messages as a conversation, answer the last one, forget the conversation.

    Chat clients show whatever comes back, so a conversation without a usable question gets a reply
    saying what to ask rather than an error."""
    questions = [m.text for m in request.messages if m.role == "user"]
    if not questions:
        return _no_question("请提一个关于收录的规划或报告的问题，例如某项指标今年的目标是多少。")
    last = _question(questions[-1])
    if last is None:
        return _no_question(f"问题需要是 1 到 {MAX_QUESTION_CHARS} 个字的文字，请换个问法再问一次。")
    session_id = None
    for question in filter(None, map(_question, questions[:-1])):
        session_id = assistant.ask(question, session_id).session_id
    response = assistant.ask(last, session_id)
    assistant.forget(response.session_id)
    return response


def _extras(response: AskResponse) -> dict:
    return {"answered": response.answered, "rewritten_question": response.rewritten_question,
            "citations": [c.model_dump() for c in response.citations], "facts": [f.model_dump() for f in response.facts]}


def _completion(response: AskResponse, prompt: str) -> dict:
    content = footnoted(response)
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion", "created": int(time.time()), "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": len(prompt), "completion_tokens": len(content), "total_tokens": len(prompt) + len(content)},
        **_extras(response),
    }


def _chunks(response: AskResponse) -> Iterator[str]:
    """Server-sent events: the role, the content a few characters at a time, the extras, then [DONE]."""
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": MODEL_ID}

    def event(delta: dict, finish: str | None = None, **extra) -> str:
        chunk = {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event({"role": "assistant", "content": ""})
    content = footnoted(response)
    for start in range(0, len(content), STREAM_PIECE_CHARS):
        yield event({"content": content[start:start + STREAM_PIECE_CHARS]})
    yield event({}, "stop", **_extras(response))
    yield "data: [DONE]\n\n"


def openai_router(assistant: Assistant) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["OpenAI-compatible"], responses=documented_errors(OpenAIError))

    @router.get("/models", summary="The one model this server answers with")
    def models() -> dict:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "jinan-plan-qa"}]}

    @router.post("/chat/completions", summary="OpenAI-style chat; follow-ups resolved from the message history",
                 responses={200: {"description": "a chat.completion, or chat.completion.chunk events when streaming",
                                  "content": {"text/event-stream": {"schema": SSE_EVENT}}}})
    def chat(request: ChatRequest):
        response = answer_chat(assistant, request)
        if request.stream:
            return StreamingResponse(_chunks(response), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})
        return _completion(response, "\n".join(m.text for m in request.messages))

    return router
