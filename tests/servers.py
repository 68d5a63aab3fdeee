"""A real uvicorn server in a background thread, for tests that drive the app over a socket."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from assistant.api import create_app
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(settings: Settings, with_ui: bool = False) -> Iterator[str]:
    """Serve the app with the fake embedder on a free loopback port; yields the base URL."""
    app = create_app(settings, Assistant(settings, embedder_factory=lambda s: HashingEmbedder()), with_ui=with_ui)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    if with_ui:
        assert app.state.ui.ready.wait(max(deadline - time.monotonic(), 1)), "the chat UI did not start"
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
