"""Hostile input, table-driven: every case gets its documented 4xx or a normal answer, never a 500."""

import json

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from assistant.service import Assistant
    from assistant.settings import Settings
    from tests.fakes import HashingEmbedder

    settings = Settings(home=tmp_path_factory.mktemp("hostile"), min_relevance=0.0)
    with TestClient(create_app(settings, Assistant(settings, embedder_factory=lambda s: HashingEmbedder()), with_ui=False)) as c:
        yield c


def raw(body: str | bytes) -> dict:
    return {"content": body, "headers": {"Content-Type": "application/json"}}


CASES = [
    ("empty question", {"json": {"question": ""}}, 422, "question is empty"),
    ("whitespace only", {"json": {"question": " \t\n\u3000 "}}, 422, "question is empty"),
    ("10 000 characters", {"json": {"question": "问" * 10_000}}, 422, "the limit is 500"),
    ("control characters", {"json": {"question": "民生领域\x00有多少\x07重点项目？"}}, 200, "210个"),
    ("lone surrogate", raw('{"question": "\\ud800民生"}'), 422, "unpaired surrogate"),
    ("emoji", {"json": {"question": "🚗🚗 2025年新能源汽车保有量目标是多少？🤔"}}, 200, ""),
    ("HTML", {"json": {"question": "<script>alert(1)</script>民生领域有多少重点项目？"}}, 200, "210个"),
    ("SQL-looking", {"json": {"question": "'; DROP TABLE turns; -- 民生领域有多少重点项目？"}}, 200, "210个"),
    ("1 MB body", raw(json.dumps({"question": "问" * 400_000})), 413, "request body over"),
    ("question of the wrong type", {"json": {"question": 42}}, 422, "question must be a string"),
    ("top_k of the wrong type", {"json": {"question": "民生", "top_k": "5"}}, 422, "top_k"),
    ("top_k out of range", {"json": {"question": "民生", "top_k": 500}}, 422, "top_k"),
    ("session_id with odd characters", {"json": {"question": "民生", "session_id": "../../etc/passwd"}}, 422, "session_id"),
    ("missing question", {"json": {"session_id": "abc"}}, 422, "missing field 'question'"),
    ("unknown field", {"json": {"question": "民生", "file": "/etc/passwd"}}, 422, "unknown field 'file'"),
    ("not JSON", raw("question=民生"), 422, "not valid JSON"),
    ("JSON array", {"json": ["民生"]}, 422, ""),
    ("JSON null", raw("null"), 422, ""),
]


@pytest.mark.parametrize(("name", "request_kwargs", "status", "message"), CASES, ids=[c[0] for c in CASES])
def test_hostile_input_gets_a_documented_status(client, name, request_kwargs, status, message):
    response = client.post("/ask", **request_kwargs)
    assert response.status_code == status, response.text[:300]
    assert message in (response.json().get("answer", "") if status == 200 else response.json()["detail"])


def test_a_chunked_body_without_length_is_refused(client):
    response = client.post("/ask", content=iter([b'{"question": "', "民生".encode(), b'"}']),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 411 and "Content-Length" in response.json()["detail"]


@pytest.mark.parametrize("query", ["'; DROP TABLE facts; --", "<b>x</b>", "问" * 200, "%00"])
def test_facts_queries_never_fail(client, query):
    assert client.get("/facts", params={"query": query}).status_code == 200
