"""Safe defaults: loopback binding, optional API key, CORS only when configured, per-request timeout."""

import time

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.cli import build_parser, serve_settings
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder

QUESTION = {"question": "民生领域有多少重点项目？"}


def client_with(tmp_path, assistant_class=Assistant, **settings) -> TestClient:
    config = Settings(home=tmp_path / "home", min_relevance=0.0, **settings)
    return TestClient(create_app(config, assistant_class(config, embedder_factory=lambda s: HashingEmbedder()), with_ui=False))


def test_the_server_binds_to_loopback_unless_told_otherwise(monkeypatch):
    assert Settings().host == "127.0.0.1"
    assert serve_settings(build_parser().parse_args(["serve"])).host == "127.0.0.1"
    monkeypatch.setenv("JNQA_PORT", "7871")
    assert serve_settings(build_parser().parse_args(["serve"])).port == 7871
    assert serve_settings(build_parser().parse_args(["serve", "--port", "7999"])).port == 7999


def test_without_a_configured_key_the_api_is_open(tmp_path):
    with client_with(tmp_path) as client:
        assert client.post("/ask", json=QUESTION).status_code == 200


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401), ({"X-API-Key": "wrong"}, 401), ({"X-API-Key": "s3cret"}, 200), ({"Authorization": "Bearer s3cret"}, 200),
])
def test_a_configured_key_is_required_on_the_api(tmp_path, headers, status):
    with client_with(tmp_path, api_key="s3cret") as client:
        response = client.post("/ask", json=QUESTION, headers=headers)
        assert response.status_code == status
        if status == 401:
            assert "X-API-Key" in response.json()["detail"]
        assert client.get("/health").status_code == 200


def test_cors_is_off_unless_origins_are_configured(tmp_path):
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    with client_with(tmp_path) as client:
        assert "access-control-allow-origin" not in client.options("/ask", headers=preflight).headers
    with client_with(tmp_path, cors_origins=["https://example.org"]) as client:
        assert client.options("/ask", headers=preflight).headers["access-control-allow-origin"] == "https://example.org"


class SlowAssistant(Assistant):
    def ask(self, *args, **kwargs):
        time.sleep(0.5)
        return super().ask(*args, **kwargs)


def test_a_request_over_the_timeout_gets_a_504(tmp_path):
    with client_with(tmp_path, assistant_class=SlowAssistant, request_timeout_s=0.1) as client:
        response = client.post("/ask", json=QUESTION)
    assert response.status_code == 504 and "longer than 0.1 s" in response.json()["detail"]


def test_a_cors_preflight_passes_without_the_key(tmp_path):
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "X-API-Key"}
    with client_with(tmp_path, api_key="s3cret", cors_origins=["https://example.org"]) as client:
        response = client.options("/ask", headers=preflight)
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "https://example.org"
