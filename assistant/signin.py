"""The sign-in page that puts the chat UI behind the API key, when one is configured.

A browser cannot add an ``X-API-Key`` header, so ``/signin`` takes the key in a form and answers
with a cookie that stands for it: an HMAC of a fixed label under the key (the key itself never
leaves the server), HttpOnly and SameSite=Strict. ``Guard`` accepts that cookie on the UI's
paths only (page, Gradio API, file routes); programs send the key in a header on every path.
"""

from __future__ import annotations

import hashlib
import hmac
import html
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from assistant import APP_NAME

UI_PREFIX = "/ui"
SIGNIN_PATH = "/signin"
UI_COOKIE = "jnqa_ui"
SIGNIN_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>登录 · {app}</title></head>
<body style="font-family:sans-serif;margin:3em auto;max-width:24em">
<h1 style="font-size:1.3em">{app}</h1>
<p>这个服务设置了访问密钥（JNQA_API_KEY），请输入密钥后使用对话界面。</p>{error}
<form method="post" action="/signin"><input type="hidden" name="next" value="{next}">
<label>访问密钥 <input type="password" name="key" autofocus required style="width:100%;padding:.4em"></label>
<p><button type="submit" style="padding:.4em 1.2em">登录</button></p></form></body></html>"""
WRONG_KEY = '<p role="alert" style="color:#b00020">密钥不对，请重新输入。</p>'


def ui_token(key: bytes) -> str:
    """The cookie value that stands for ``key`` on the UI's paths."""
    return hmac.new(key, b"jnqa chat ui", hashlib.sha256).hexdigest()


def signed_in(cookie_header: str | None, key: bytes) -> bool:
    if not cookie_header:
        return False
    try:
        morsel = SimpleCookie(cookie_header).get(UI_COOKIE)
    except CookieError:
        return False
    return morsel is not None and hmac.compare_digest(morsel.value.encode(), ui_token(key).encode())


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path under the UI, never another site."""
    return path if path and path.startswith(UI_PREFIX) and not path.startswith("//") else UI_PREFIX


def signin_url(path: str) -> str:
    return f"{SIGNIN_PATH}?next={quote(safe_next(path))}"


def _page(next_path: str, error: str = "", status: int = 200) -> HTMLResponse:
    return HTMLResponse(SIGNIN_PAGE.format(app=APP_NAME, next=html.escape(safe_next(next_path)), error=error), status_code=status)


def signin_router(key: bytes) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get(SIGNIN_PATH)
    def signin_form(next: str = UI_PREFIX) -> HTMLResponse:
        return _page(next)

    @router.post(SIGNIN_PATH, response_model=None)
    async def signin(request: Request) -> HTMLResponse | RedirectResponse:
        form = parse_qs((await request.body()).decode("utf-8", "replace"))
        sent, next_path = form.get("key", [""])[0], form.get("next", [UI_PREFIX])[0]
        if not hmac.compare_digest(sent.encode(), key):
            return _page(next_path, WRONG_KEY, status=401)
        response = RedirectResponse(safe_next(next_path), status_code=303)
        response.set_cookie(UI_COOKIE, ui_token(key), httponly=True, samesite="strict", path=UI_PREFIX)
        return response

    return router
