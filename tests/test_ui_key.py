"""A configured API key guards the chat UI too: its page, Gradio API and file routes, and gradio_client."""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client

from assistant.settings import Settings
from tests.servers import running_server

KEY = "s3cret"
QUESTION = "民生领域有多少重点项目？"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    settings = Settings(home=tmp_path_factory.mktemp("ui-key-home"), min_relevance=0.0, api_key=KEY)
    with running_server(settings, with_ui=True) as base:
        yield base


@pytest.mark.parametrize("path", ["/ui/", "/ui/gradio_api/info", "/ui/config", "/ui/gradio_api/file=/etc/hostname",
                                  "/ui/gradio_api/queue/data?session_hash=x"])
def test_without_the_key_every_ui_route_is_refused(url, path):
    response = httpx.get(url + path)
    assert response.status_code == 401 and "sign in at /signin" in response.json()["detail"]
    assert httpx.get(url + path, headers={"X-API-Key": "wrong"}).status_code == 401


def test_a_browser_is_sent_to_the_sign_in_page_and_comes_back_signed_in(url):
    with httpx.Client(base_url=url, follow_redirects=True) as browser:
        page = browser.get("/ui/", headers=HTML)
        assert page.status_code == 200 and "访问密钥" in page.text and str(page.url).endswith("/signin?next=/ui/")
        wrong = browser.post("/signin", data={"key": "wrong", "next": "/ui/"})
        assert wrong.status_code == 401 and "密钥不对" in wrong.text and not browser.cookies
        signed = browser.post("/signin", data={"key": KEY, "next": "/ui/"}, headers=HTML)
        assert signed.status_code == 200 and str(signed.url) == url + "/ui/" and "gradio" in signed.text.lower()
        assert KEY not in browser.cookies["jnqa_ui"]
        assert "/respond" in browser.get("/ui/gradio_api/info").text
        # the UI's cookie is not an API credential
        assert browser.post("/ask", json={"question": QUESTION}).status_code == 401


def test_sign_in_never_redirects_off_the_ui(url):
    response = httpx.post(url + "/signin", data={"key": KEY, "next": "https://example.org/"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ui"


def test_gradio_client_needs_the_key(url):
    with pytest.raises(Exception):
        Client(url + "/ui/", verbose=False)
    client = Client(url + "/ui/", headers={"X-API-Key": KEY}, verbose=False)
    # gradio_client returns the visible outputs (the box and the chat), not the session state
    _box, chat = client.predict(QUESTION, [], None, [], api_name="/respond")
    assert "210个" in str(chat)
