"""The chat UI mounted at once but built in the background, so the API answers before Gradio has loaded.

Importing Gradio and building the Blocks take seconds (and most of the server's start-up); the API
needs none of it. ``DeferredUI`` is the ASGI app at ``/ui`` from the first request on: until the
Gradio app is ready it answers 503 with a page that reloads itself, then it hands every request to
Gradio. ``start`` builds the UI in a worker thread and runs Gradio's own start-up in the server's
event loop; ``stop`` runs its shutdown.
"""

from __future__ import annotations

import contextlib
import html
import logging
import threading
from collections.abc import Callable

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)
STARTING_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta http-equiv="refresh" content="1">
<title>正在启动…</title></head><body style="font-family:sans-serif;margin:3em">
<p>对话界面正在启动，马上就好（API 已可使用：<a href="/docs">/docs</a>）。</p></body></html>"""
FAILED_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>界面启动失败</title></head>
<body style="font-family:sans-serif;margin:3em"><p>对话界面启动失败（{reason}）；API 照常可用：<a href="/docs">/docs</a>。
详情见服务器日志。</p></body></html>"""


class DeferredUI:
    def __init__(self, path: str, mount: Callable[[FastAPI, str], None]):
        """``mount(app, path)`` mounts the Gradio app on ``app`` at ``path`` (``gr.mount_gradio_app``); it is called
        in a worker thread."""
        self.path = path
        self._mount = mount
        self.app: ASGIApp | None = None
        self.ready = threading.Event()
        self.failed: str | None = None
        self._exit = contextlib.AsyncExitStack()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.app is not None:
            await self.app(scope, receive, send)
        elif self.failed:
            await HTMLResponse(FAILED_PAGE.format(reason=html.escape(self.failed)), status_code=500)(scope, receive, send)
        else:
            await HTMLResponse(STARTING_PAGE, status_code=503, headers={"Retry-After": "1"})(scope, receive, send)

    def _build(self, app: FastAPI) -> ASGIApp:
        lifespan, routes = app.router.lifespan_context, len(app.router.routes)
        self._mount(app, self.path)
        # gr.mount_gradio_app appends its own Mount and wraps the app's lifespan; this object serves the path
        # instead, and Gradio's start-up runs in ``start``.
        app.router.lifespan_context = lifespan
        (gradio_mount,) = app.router.routes[routes:]
        app.router.routes.remove(gradio_mount)
        return gradio_mount.app

    async def start(self, app: FastAPI) -> None:
        try:
            gradio_app = await run_in_threadpool(self._build, app)
            await self._exit.enter_async_context(gradio_app.router.lifespan_context(gradio_app))
            blocks = gradio_app.get_blocks()
            blocks.run_startup_events()
            await blocks.run_extra_startup_events()
        except Exception as exc:
            log.exception("the chat UI could not be started; the API keeps serving")
            self.failed = f"{type(exc).__name__}: {exc}"
            self.ready.set()
            return
        self.app = gradio_app
        self.ready.set()
        log.info("chat UI ready at %s", self.path)

    async def stop(self) -> None:
        await self._exit.aclose()
