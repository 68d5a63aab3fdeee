"""The HTTP app: `POST /ask`, `GET /facts`, `/sessions/{id}`, `GET /health`, OpenAPI docs, and the chat UI
on the same port.

Routes are thin: validation lives in the request models, answering in
``Assistant.ask``; the model and index are loaded in the lifespan.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from functools import partial
from datetime import datetime, timezone
from typing import Literal

from fastapi import FastAPI, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from assistant import APP_NAME
from assistant.deferred_ui import DeferredUI
from assistant.evidence import fact_model
from assistant.facts_report import filter_facts, format_facts
from assistant.guards import documented_errors, error_response, install_guards
from assistant.openai_api import openai_router
from assistant.schemas import (
    SESSION_ID_PATTERN,
    AskRequest,
    AskResponse,
    DocumentInfo,
    DocumentsResponse,
    ErrorResponse,
    FactsResponse,
    HealthResponse,
    SessionResponse,
    TurnRecord,
)
from assistant.service import Assistant, UnknownDocuments, UnknownPlace
from assistant.settings import Settings
from index.manifest import IndexLoadError

log = logging.getLogger(__name__)


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
    message = error.get("msg", "invalid value").removeprefix("Value error, ")
    if error.get("type") == "json_invalid":
        return "request body is not valid JSON; send {\"question\": \"…\"} with Content-Type: application/json"
    if error.get("type") == "extra_forbidden":
        return f"unknown field '{where}'; allowed fields: question, session_id, top_k"
    if error.get("type") == "missing":
        return f"missing field '{where or 'body'}'; send {{\"question\": \"…\"}}"
    return f"{where}: {message}" if where and not message.startswith(where) else message


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    messages = [_describe(e) for e in exc.errors()]
    return error_response(request.url.path, 422, "; ".join(messages), messages)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400:  # FastAPI's answer to a body it cannot decode (not UTF-8)
        detail = "request body is not valid UTF-8 JSON; send {\"question\": \"…\"} with Content-Type: application/json"
        return error_response(request.url.path, 422, detail, [detail])
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # name every method of the path, not just those of the first route matched
        methods = {m for route in request.app.routes if route.matches(request.scope)[0] != Match.NONE
                   for m in getattr(route, "methods", ())}
        headers["Allow"] = ", ".join(sorted(methods))
    return error_response(request.url.path, exc.status_code, str(exc.detail), headers=headers)


async def _index_error(request: Request, exc: IndexLoadError) -> JSONResponse:
    return error_response(request.url.path, 503, f"index unavailable: {exc}")


def create_app(settings: Settings | None = None, assistant: Assistant | None = None, with_ui: bool = True) -> FastAPI:
    settings = settings or Settings()
    assistant = assistant or Assistant(settings)

    ui = DeferredUI("/ui", partial(_mount_gradio, assistant)) if with_ui else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await run_in_threadpool(assistant.warm_up)
        # Figure questions are answered at once; the encoder, then the UI, load beside them (one after the other:
        # both at once would slow the first answers more than either).
        started = asyncio.create_task(_load_in_background(app, assistant, ui))
        yield
        started.cancel()
        if ui is not None:
            await ui.stop()

    app = FastAPI(
        title=APP_NAME,
        description="Answers Chinese questions about Jinan's economic plans with exact figures and cited excerpts.",
        version="0.1.0",
        lifespan=lifespan,
        responses=documented_errors(ErrorResponse),
    )
    app.state.assistant = assistant
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(IndexLoadError, _index_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    install_guards(app, settings)

    @app.post("/ask", response_model=AskResponse, summary="Answer one question with cited excerpts",
              responses={404: {"model": ErrorResponse, "description": "a listed document id the index does not hold"}})
    def ask(request: AskRequest) -> AskResponse:
        try:
            return assistant.ask(request.question, request.session_id, request.top_k, request.documents)
        except UnknownDocuments as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc

    @app.get("/facts", response_model=FactsResponse, summary="List the figures in the documents, optionally filtered",
             responses={200: {"content": {"text/csv": {}}}, 404: {"model": ErrorResponse, "description": "a place no document governs"}})
    def facts(
        query: str | None = Query(None, max_length=200, description="words every listed fact must contain"),
        kind: Literal["table", "figure", "deadline", "count", "ordinal", "outline", "published"] | None = Query(None),
        place: str | None = Query(None, max_length=50, description="only the documents of this place (重庆, 广西, Guangdong)"),
        indicator: str | None = Query(None, max_length=50,
                                      description="only figures of this indicator, in any of its wordings (GDP增长, 城镇新增就业)"),
        format: Literal["json", "csv"] = Query("json", description="csv: the same facts as a CSV download"),
        limit: int = Query(500, ge=1, le=5000),
    ) -> FactsResponse:
        try:
            found = assistant.facts(filter_facts(assistant.index_facts(), query, kind), place, indicator)
        except UnknownPlace as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc
        if format == "csv":
            return Response(format_facts(found[:limit], "csv"), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="facts.csv"'})
        return FactsResponse(count=len(found), facts=[fact_model(f) for f in found[:limit]])

    @app.get("/documents", response_model=DocumentsResponse,
             summary="The indexed documents, each with its profile (place, kind, issuer, period, dates)")
    def documents() -> DocumentsResponse:
        found = [DocumentInfo.model_validate(record) for record in assistant.documents()]
        return DocumentsResponse(count=len(found), documents=found)

    session_path = Path(..., pattern=SESSION_ID_PATTERN, description="the session_id returned by /ask")

    def _no_session(session_id: str) -> HTTPException:
        return HTTPException(status_code=404, detail=f"no conversation '{session_id}' (never started, deleted or expired)")

    @app.get("/sessions/{session_id}", response_model=SessionResponse, summary="The turns of one conversation",
             responses={404: {"model": ErrorResponse, "description": "no such conversation"}})
    def session(session_id: str = session_path) -> SessionResponse:
        turns = assistant.history(session_id)
        if not turns:
            raise _no_session(session_id)
        return SessionResponse(session_id=session_id, turns=[
            TurnRecord(question=t.question, rewritten_question=t.rewritten, answer=t.answer, answered=t.answered,
                       at=datetime.fromtimestamp(t.at, timezone.utc))
            for t in turns
        ])

    @app.delete("/sessions/{session_id}", status_code=204, summary="Forget one conversation",
                responses={404: {"model": ErrorResponse, "description": "no such conversation"}})
    def forget(session_id: str = session_path) -> Response:
        if not assistant.forget(session_id):
            raise _no_session(session_id)
        return Response(status_code=204)

    app.include_router(openai_router(assistant))

    @app.get("/health", response_model=HealthResponse, summary="Model, index size and build time")
    def health() -> HealthResponse:
        return assistant.health()

    if ui is not None:
        @app.get("/", include_in_schema=False)
        def root() -> RedirectResponse:
            return RedirectResponse("/ui")

        app.mount("/ui", ui)
        app.state.ui = ui
    return app


async def _load_in_background(app: FastAPI, assistant: Assistant, ui: DeferredUI | None) -> None:
    try:
        await asyncio.to_thread(assistant.warm_up_model)
    except Exception:  # the first question that needs the encoder reports it
        log.exception("the embedding model could not be loaded in the background")
    if ui is not None:
        await ui.start(app)


def _mount_gradio(assistant: Assistant, app: FastAPI, path: str) -> None:
    import gradio as gr

    from assistant.ui import CSS, build_ui

    gr.mount_gradio_app(app, build_ui(assistant), path=path, css=CSS, footer_links=["api"])
