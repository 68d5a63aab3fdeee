"""Safe defaults around the HTTP API: body size limit, optional API key, per-request timeout, CORS.

The timeout and CORS apply to the API routes only; the chat UI keeps its own
long-lived streaming connections. A configured key guards the API routes and the
chat UI alike (its page, Gradio API and file routes): programs send the key in a
header, browsers sign in once at ``/signin`` (``assistant.signin``). No route reads a file the client
names: the index and corpus paths come from the settings alone. The guard is
a plain ASGI middleware (no per-request task or body buffering), so it costs
next to nothing on the hot path.
"""

from __future__ import annotations

import asyncio
import hmac

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.settings import Settings
from assistant.signin import UI_PREFIX, signed_in, signin_router, signin_url

API_PREFIXES = ("/ask", "/documents", "/facts", "/sessions", "/v1")
BODY_METHODS = ("POST", "PUT", "PATCH")


class Guard:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.limit = settings.max_body_bytes
        self.key = settings.api_key.get_secret_value().encode() if settings.api_key else None
        self.timeout = settings.request_timeout_s

    def _sent_key(self, headers: dict[str, str]) -> bool:
        sent = headers.get("x-api-key") or headers.get("authorization", "").removeprefix("Bearer ").strip()
        return bool(sent) and hmac.compare_digest(sent.encode(), self.key)

    def _ui_refusal(self, scope: Scope, headers: dict[str, str]) -> Response | None:
        if self._sent_key(headers) or signed_in(headers.get("cookie"), self.key):
            return None
        if scope.get("method") == "GET" and "text/html" in headers.get("accept", ""):
            return RedirectResponse(signin_url(scope["path"]), status_code=303)
        return error_response(scope["path"], 401, "missing or wrong API key: sign in at /signin, or send it in the X-API-Key header")

    def _refusal(self, scope: Scope) -> Response | None:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope.get("method") in BODY_METHODS:
            length = headers.get("content-length")
            if length is None:
                return error_response(scope["path"], 411, "send the request body with a Content-Length header (chunked bodies are not accepted)")
            if not length.isdigit() or int(length) > self.limit:
                return error_response(scope["path"], 413, f"request body over {self.limit} bytes")
        if self.key is not None and scope["path"].startswith(UI_PREFIX):
            return self._ui_refusal(scope, headers)
        # CORS preflights (OPTIONS) never carry the key; they pass through to the CORS middleware.
        if self.key is not None and scope["method"] != "OPTIONS" and scope["path"].startswith(API_PREFIXES):
            if not self._sent_key(headers):
                return error_response(scope["path"], 401, "missing or wrong API key: send it in the X-API-Key header")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and self.key is not None and self._refusal(scope) is not None:
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)  # built for scope["path"], in that path's error shape
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        if not scope["path"].startswith(API_PREFIXES):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracked), self.timeout)
        except TimeoutError:
            if not started:
                await error_response(scope["path"], 504, f"the request took longer than {self.timeout:g} s")(scope, receive, send)


# Every status the API itself answers with, for the OpenAPI schema (each route family documents its own body shape).
ERROR_DESCRIPTIONS = (
    (401, "missing or wrong API key (only when one is configured)"),
    (411, "a request body without Content-Length"),
    (413, "a request body over the size limit"),
    (422, "invalid input; the message says what to send"),
    (503, "the index is unavailable"),
    (504, "the request took longer than the per-request timeout"),
)


def documented_errors(model: type) -> dict[int, dict]:
    """FastAPI ``responses`` for the error statuses, with ``model`` as the body."""
    return {status: {"model": model, "description": text} for status, text in ERROR_DESCRIPTIONS}


OPENAI_PREFIX = "/v1"
ERROR_TYPES = {401: "authentication_error", 404: "not_found_error", 504: "timeout"}


def error_response(path: str, status: int, detail: str, errors: list[str] | None = None,
                   headers: dict | None = None) -> JSONResponse:
    """``{"detail": …}`` for the API, the ``{"error": {"message": …}}`` shape OpenAI clients read under /v1."""
    if path.startswith(OPENAI_PREFIX):
        content = {"error": {"message": detail, "type": ERROR_TYPES.get(status, "invalid_request_error"), "code": status}}
    else:
        content = {"detail": detail, **({"errors": errors} if errors is not None else {})}
    return JSONResponse(status_code=status, content=content, headers=headers)


def install_guards(app: FastAPI, settings: Settings) -> None:
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )
    app.add_middleware(Guard, settings=settings)
    if settings.api_key:
        app.include_router(signin_router(settings.api_key.get_secret_value().encode()))
