"""Conversations over HTTP: follow-ups, surviving a restart, GET and DELETE /sessions/{id}."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder


def make_client(home) -> TestClient:
    settings = Settings(home=home, min_relevance=0.0)
    assistant = Assistant(settings, embedder_factory=lambda s: HashingEmbedder())
    return TestClient(create_app(settings, assistant, with_ui=False))


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


def ask(client: TestClient, question: str, session_id: str | None = None) -> dict:
    response = client.post("/ask", json={"question": question, "session_id": session_id})
    assert response.status_code == 200
    return response.json()


def test_a_three_turn_conversation(home):
    with make_client(home) as client:
        first = ask(client, "民生领域有多少重点项目？")
        second = ask(client, "总投资呢？", first["session_id"])
        third = ask(client, "比安全领域多多少？", first["session_id"])
    assert "210个" in first["answer"] and not first["follow_up"]
    assert second["follow_up"] and second["rewritten_question"] == "民生领域的重点项目总投资是多少？"
    assert "3097.59亿元" in second["answer"]
    assert third["rewritten_question"] == "民生领域的重点项目总投资比安全领域多多少？"
    assert "2971.85亿元" in third["answer"]


def test_the_conversation_continues_after_a_restart(home):
    with make_client(home) as client:
        session_id = ask(client, "科技创新领域有多少个重点项目？")["session_id"]
        ask(client, "其中续建项目呢？", session_id)
    with make_client(home) as restarted:
        body = ask(restarted, "总投资呢？", session_id)
        history = restarted.get(f"/sessions/{session_id}").json()
    assert body["rewritten_question"] == "科技创新领域的续建项目总投资是多少？"
    assert "854.58亿元" in body["answer"]
    assert [t["question"] for t in history["turns"]] == ["科技创新领域有多少个重点项目？", "其中续建项目呢？", "总投资呢？"]


def test_sessions_do_not_leak_into_each_other(home):
    with make_client(home) as client:
        culture = ask(client, "文化领域有多少个重点项目？")["session_id"]
        safety = ask(client, "安全领域有多少个重点项目？")["session_id"]
        assert ask(client, "总投资呢？", culture)["rewritten_question"] == "文化领域的重点项目总投资是多少？"
        assert ask(client, "总投资呢？", safety)["rewritten_question"] == "安全领域的重点项目总投资是多少？"


def test_concurrent_conversations_keep_every_turn(home):
    areas = ["科技创新", "现代产业体系", "扩大内需", "降碳减污扩绿", "中心城市", "乡村振兴", "改革开放", "文化", "民生", "安全"]
    with make_client(home) as client:
        def converse(area: str) -> tuple[str, list[str]]:
            session_id = ask(client, f"{area}领域有多少个重点项目？")["session_id"]
            rewrites = [ask(client, q, session_id)["rewritten_question"] for q in ("总投资呢？", "其中续建项目呢？")]
            return session_id, rewrites

        with ThreadPoolExecutor(max_workers=16) as pool:
            results = list(pool.map(converse, areas * 2))
        for area, (session_id, rewrites) in zip(areas * 2, results):
            assert rewrites == [f"{area}领域的重点项目总投资是多少？", f"{area}领域的续建项目总投资是多少？"]
            assert len(client.get(f"/sessions/{session_id}").json()["turns"]) == 3


def test_delete_forgets_the_conversation(home):
    with make_client(home) as client:
        session_id = ask(client, "民生领域有多少重点项目？")["session_id"]
        assert client.delete(f"/sessions/{session_id}").status_code == 204
        assert client.get(f"/sessions/{session_id}").status_code == 404
        again = client.delete(f"/sessions/{session_id}")
        body = ask(client, "总投资呢？", session_id)
    assert again.status_code == 404 and "no conversation" in again.json()["detail"]
    assert not body["answered"] and "还没有上文" in body["answer"] and body["citations"] == []


def test_a_follow_up_as_first_question_asks_for_the_whole_question(home):
    with make_client(home) as client:
        body = ask(client, "它属于哪项任务？")
    assert not body["answered"] and "请把问题说完整" in body["answer"]


@pytest.mark.parametrize("bad_id", ["has space", "x" * 65, "semi;colon"])
def test_malformed_session_ids_are_rejected(home, bad_id):
    with make_client(home) as client:
        assert client.post("/ask", json={"question": "民生领域有多少重点项目？", "session_id": bad_id}).status_code == 422
        assert client.delete(f"/sessions/{bad_id}").status_code in (404, 422)


def test_an_idle_conversation_expires(home):
    settings = Settings(home=home, min_relevance=0.0, session_idle_seconds=1)
    assistant = Assistant(settings, embedder_factory=lambda s: HashingEmbedder())
    session_id = assistant.ask("民生领域有多少重点项目？").session_id
    assistant.sessions.clock = lambda: 10**12
    assert assistant.ask("总投资呢？", session_id).answered is False
