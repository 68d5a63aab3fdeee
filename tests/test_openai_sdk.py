"""The OpenAI-compatible endpoint driven by the real `openai` package against a running server."""

import pytest
from openai import AuthenticationError, OpenAI, UnprocessableEntityError

from assistant.openai_api import MODEL_ID
from assistant.settings import Settings
from tests.servers import running_server

FIRST = [{"role": "user", "content": "民生领域有多少重点项目？"}]


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    settings = Settings(home=tmp_path_factory.mktemp("openai-home"), min_relevance=0.0, api_key="s3cret")
    with running_server(settings) as base:
        yield base


@pytest.fixture(scope="module")
def client(url):
    return OpenAI(base_url=f"{url}/v1", api_key="s3cret", max_retries=0)


def follow_up(first_answer: str) -> list[dict]:
    return FIRST + [{"role": "assistant", "content": first_answer}, {"role": "user", "content": "总投资呢？"}]


def test_models_lists_the_assistant(client):
    assert [m.id for m in client.models.list().data] == [MODEL_ID]


def test_a_plain_completion_has_the_answer_footnotes_and_structured_citations(client):
    completion = client.chat.completions.create(model=MODEL_ID, messages=FIRST)
    content = completion.choices[0].message.content
    assert completion.choices[0].finish_reason == "stop" and "210个" in content
    assert "\n[1] 《" in content and "[2] 《" in content
    extra = completion.model_extra
    assert extra["answered"] is True and len(extra["citations"]) >= 2 and extra["facts"]
    assert extra["citations"][0]["highlight"] is not None


def test_a_follow_up_is_resolved_from_the_message_history(client):
    first = client.chat.completions.create(model=MODEL_ID, messages=FIRST).choices[0].message.content
    completion = client.chat.completions.create(model=MODEL_ID, messages=follow_up(first))
    assert "3097.59亿元" in completion.choices[0].message.content
    assert completion.model_extra["rewritten_question"] == "民生领域的重点项目总投资是多少？"


def test_streaming_delivers_the_same_reply_in_pieces_and_ends(client):
    plain = client.chat.completions.create(model=MODEL_ID, messages=FIRST).choices[0].message.content
    first = plain
    chunks = list(client.chat.completions.create(model=MODEL_ID, messages=follow_up(first), stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert len(chunks) > 5 and "3097.59亿元" in text and "[1] 《" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["rewritten_question"] == "民生领域的重点项目总投资是多少？"
    assert chunks[-1].model_extra["citations"]


def test_a_wrong_key_is_refused(url):
    with pytest.raises(AuthenticationError):
        OpenAI(base_url=f"{url}/v1", api_key="wrong", max_retries=0).models.list()


def test_a_conversation_without_a_question_gets_a_reply_saying_what_to_ask(client):
    completion = client.chat.completions.create(model=MODEL_ID, messages=[{"role": "system", "content": "你是助手"}])
    assert "请提一个" in completion.choices[0].message.content and completion.model_extra["answered"] is False


def test_an_invalid_request_gets_an_openai_style_error(client):
    with pytest.raises(UnprocessableEntityError, match="messages"):
        client.chat.completions.create(model=MODEL_ID, messages=[])
