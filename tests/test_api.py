"""The HTTP contract of `/ask`, `/facts` and `/health`, and clear 4xx messages for bad input."""

import threading

import pytest
from fastapi.testclient import TestClient

from assistant import api
from assistant.api import create_app


@pytest.fixture
def client(fake_assistant):
    with TestClient(create_app(fake_assistant.settings, fake_assistant, with_ui=False)) as test_client:
        yield test_client


def test_ask_returns_the_contract(client):
    body = client.post("/ask", json={"question": "济南要怎样构建高能级创新平台？"}).json()
    assert set(body) >= {"answer", "answered", "session_id", "rewritten_question", "citations", "facts"}
    citation = body["citations"][0]
    assert set(citation) >= {"doc_id", "doc_title", "section", "text", "start", "end", "score"}
    assert len(body["citations"]) == 5


def test_citation_offsets_point_into_the_original_document(client, documents):
    body = client.post("/ask", json={"question": "新能源汽车保有量", "top_k": 3}).json()
    assert len(body["citations"]) == 3
    for c in body["citations"]:
        assert documents[c["doc_id"]].text[c["start"] : c["end"]] == c["text"]


def test_session_id_is_kept(client):
    first = client.post("/ask", json={"question": "人才总量目标？"}).json()
    second = client.post("/ask", json={"question": "常住人口呢？", "session_id": first["session_id"]}).json()
    assert second["session_id"] == first["session_id"]


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        ({"question": ""}, 422, "question is empty"),
        ({"question": "   "}, 422, "question is empty"),
        ({"question": "问" * 10_000}, 422, "question is 10000 characters long; the limit is 500"),
        ({"question": 42}, 422, "question must be a string"),
        ({"question": "人才", "top_k": 5.5}, 422, "top_k must be a whole number from 1 to 20"),
        ({"question": "人才", "top_k": 0}, 422, "top_k: Input should be greater than or equal to 1"),
        ({"question": "人才", "top_k": 21}, 422, "top_k: Input should be less than or equal to 20"),
        ({"question": "人才", "top_k": "5"}, 422, "top_k must be a whole number from 1 to 20"),
        ({"question": "人才", "colour": "red"}, 422, "unknown field 'colour'"),
        ({}, 422, "missing field 'question'"),
        ({"question": "人才", "session_id": "../etc"}, 422, "session_id"),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, payload, status, message):
    response = client.post("/ask", json=payload)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_malformed_json_and_oversized_bodies(client):
    bad = client.post("/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad.status_code == 422 and "not valid JSON" in bad.json()["detail"]
    huge = client.post("/ask", content=b"x" * 100_000, headers={"Content-Type": "application/json"})
    assert huge.status_code == 413
    assert client.post("/ask", json={"question": "人才总量"}).status_code == 200


def test_health_reports_model_and_index(client):
    body = client.get("/health").json()
    assert body["model"] == "fake-hashing" and body["chunks"] > 100 and body["documents"] == 2
    assert body["built_at"]


def test_openapi_documents_ask(client):
    assert "/ask" in client.get("/openapi.json").json()["paths"]


def test_ui_is_mounted_on_the_same_app(fake_assistant):
    app = create_app(fake_assistant.settings, fake_assistant)
    with TestClient(app) as ui_client:
        assert app.state.ui.ready.wait(120)
        assert ui_client.get("/ui/").status_code == 200
        assert ui_client.get("/", follow_redirects=False).headers["location"] == "/ui"


def test_the_api_answers_while_the_ui_is_still_starting(fake_assistant, monkeypatch):
    gate = threading.Event()
    mount = api._mount_gradio

    def slow_mount(*args):
        assert gate.wait(120)
        mount(*args)

    monkeypatch.setattr(api, "_mount_gradio", slow_mount)
    app = create_app(fake_assistant.settings, fake_assistant)
    with TestClient(app) as ui_client:
        page = ui_client.get("/ui/")
        assert page.status_code == 503 and "正在启动" in page.text and page.headers["retry-after"] == "1"
        assert ui_client.post("/ask", json={"question": "民生领域有多少重点项目？"}).json()["answered"]
        gate.set()
        assert app.state.ui.ready.wait(120)
        assert ui_client.get("/ui/").status_code == 200


def test_a_ui_that_fails_to_start_says_so_and_the_api_keeps_serving(fake_assistant, monkeypatch):
    def broken_mount(*args):
        raise RuntimeError("no theme")

    monkeypatch.setattr(api, "_mount_gradio", broken_mount)
    app = create_app(fake_assistant.settings, fake_assistant)
    with TestClient(app) as ui_client:
        assert app.state.ui.ready.wait(120)
        page = ui_client.get("/ui/")
        assert page.status_code == 500 and "RuntimeError: no theme" in page.text
        assert ui_client.post("/ask", json={"question": "民生领域有多少重点项目？"}).json()["answered"]


def test_table_question_is_answered_from_facts_without_retrieval(client, documents):
    body = client.post("/ask", json={"question": "民生比安全多多少个重点项目？"}).json()
    assert body["answered"] and "210 − 38 = 172个" in body["answer"]
    assert "encoding_ms" not in body["timings_ms"] and "lookup_ms" in body["timings_ms"]
    assert {f["written"] for f in body["facts"]} >= {"210个", "38个", "21。个"}
    for citation in body["citations"]:
        text = documents[citation["doc_id"]].text
        start, end = citation["highlight"]
        assert citation["start"] <= start < end <= citation["end"]
        assert any(f["start"] >= start and f["end"] <= end for f in body["facts"])
        assert text[citation["start"]:citation["end"]] == citation["text"]


def test_facts_endpoint_filters(client):
    body = client.get("/facts", params={"query": "新能源汽车保有量"}).json()
    assert body["count"] == 2
    assert {f["written"] for f in body["facts"]} == {"15万辆以上"}
    assert client.get("/facts", params={"kind": "deadline", "limit": 1}).json()["count"] > 1
    assert len(client.get("/facts", params={"kind": "deadline", "limit": 1}).json()["facts"]) == 1
    assert client.get("/facts", params={"kind": "bogus"}).status_code == 422


def test_a_mended_typing_slip_is_reported(client):
    body = client.post("/ask", json={"question": "黄河流域轻能产业基地是哪家企业的项目？"}).json()
    assert body["read_as"] == ["轻能→氢能"]
    assert client.post("/ask", json={"question": "黄河流域氢能产业基地是哪家企业的项目？"}).json()["read_as"] == []


@pytest.mark.parametrize(("question", "figure"), [("十个领域中总投资规模最大的是哪个领域？", "6551.23亿元"),
                                                  ("把正文十个领域的重点项目总投资逐项加总，合计是多少亿元？", "24101.82亿元")])
def test_table_questions_are_not_mistaken_for_questions_about_a_named_company(client, question, figure):
    body = client.post("/ask", json={"question": question}).json()
    assert body["answered"] and figure in body["answer"]


@pytest.mark.parametrize(("question", "reason"), [
    ("上海市2025年新能源汽车保有量目标是多少？", "place_not_covered"),
    ("2030年济南GDP目标是多少？", "year_not_covered"),
    ("那个呢？", "no_context"),
])
def test_a_declined_question_says_why_in_a_field_of_its_own(client, question, reason):
    body = client.post("/ask", json={"question": question}).json()
    assert not body["answered"] and body["reason"] == reason
    assert client.post("/ask", json={"question": "2025年新能源汽车保有量目标是多少？"}).json()["reason"] is None


def test_documents_lists_each_document_with_its_profile(client, documents):
    body = client.get("/documents").json()
    assert body["count"] == len(documents) == len(body["documents"])
    plan = next(d for d in body["documents"] if d["profile"]["kind"] == "行动计划")
    assert (plan["profile"]["place"], plan["profile"]["period"]) == ("济南市", "2023—2025")
    assert "Jinan" in plan["profile"]["place_english"]
