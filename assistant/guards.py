"""Safe defaults around the HTTP API: body size limit, optional API key, per-request timeout, CORS.

The key, the timeout and CORS apply to the API routes only; the chat UI keeps
its own long-lived streaming connections. No route reads a file the client
names: the index and corpus paths come from the settings alone.
"""

from __future__ import annotations

import asyncio
import hmac

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from assistant.settings import Settings

API_PREFIXES = ("/ask", "/facts", "/sessions")
BODY_METHODS = ("POST", "PUT", "PATCH")


def _error(status: int, detail: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail})


def _key_matches(request: Request, key: str) -> bool:
    sent = request.headers.get("x-api-key") or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    return bool(sent) and hmac.compare_digest(sent.encode(), key.encode())


def install_guards(app: FastAPI, settings: Settings) -> None:
    limit = settings.max_body_bytes
    key = settings.api_key.get_secret_value() if settings.api_key else None

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if request.method in BODY_METHODS:
            length = request.headers.get("content-length")
            if length is None:
                return _error(411, "send the request body with a Content-Length header (chunked bodies are not accepted)")
            if not length.isdigit() or int(length) > limit:
                return _error(413, f"request body over {limit} bytes")
        if not request.url.path.startswith(API_PREFIXES):
            return await call_next(request)
        if key is not None and not _key_matches(request, key):
            return _error(401, "missing or wrong API key: send it in the X-API-Key header")
        try:
            return await asyncio.wait_for(call_next(request), settings.request_timeout_s)
        except TimeoutError:
            return _error(504, f"the request took longer than {settings.request_timeout_s:g} s")

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "X-API-Key", "Authorization"],
        )
