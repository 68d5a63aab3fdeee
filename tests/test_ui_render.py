"""What the chat UI shows for a reply: the rewrite of a follow-up, the streamed answer, the citation panels."""

from assistant.schemas import AskResponse, Citation
from assistant.ui import render_response, stream_response


def reply(follow_up: bool) -> AskResponse:
    citation = Citation(doc_id="d", doc_title="计划", section="九、民生 › (四十三)教育", text="总投资3097.59亿元<b>",
                        start=100, end=118, score=1.0, highlight=[103, 112])
    return AskResponse(answer="民生领域重点项目总投资3097.59亿元，共210个。", answered=True, session_id="s",
                       rewritten_question="民生领域的重点项目总投资是多少？", follow_up=follow_up, citations=[citation])


def test_a_follow_up_shows_what_it_was_understood_as_and_the_highlighted_figure():
    html = render_response(reply(follow_up=True))
    assert '<div class="rewrite">理解为：民生领域的重点项目总投资是多少？</div>' in html
    assert "<summary>[1] 九、民生 › (四十三)教育</summary>" in html
    assert "总投资<mark>3097.59亿元</mark>&lt;b&gt;" in html


def test_a_standalone_question_has_no_rewrite_line():
    assert "理解为" not in render_response(reply(follow_up=False))


def test_mended_typing_slips_are_shown_with_the_follow_up():
    response = reply(follow_up=True).model_copy(update={"read_as": ["轻能→氢能", "加秘→加密"]})
    html = render_response(response)
    assert html.index("理解为：") < html.index('<div class="rewrite">按文档用词理解：轻能→氢能，加秘→加密</div>')


def test_the_answer_streams_in_after_the_rewrite_and_the_citations_come_last():
    response = reply(follow_up=True)
    steps = list(stream_response(response))
    assert len(steps) > 3
    assert all(s.startswith('<div class="rewrite">') for s in steps)
    assert all("<details" not in s for s in steps[:-1])
    lengths = [len(s) for s in steps]
    assert lengths == sorted(lengths) and steps[-1] == render_response(response)


def test_examples_over_many_places_name_the_documents_places():
    from assistant.ui import app_title, examples_for

    report = {"kind": "政府工作报告"}
    documents = [{"profile": {**report, "place_short": p}} for p in ("广西", "江苏", "海南")]
    assert examples_for(documents)[0] == "广西今年的经济增长目标是多少？"
    assert "江苏和海南的城镇新增就业目标分别是多少？" in examples_for(documents)
    assert app_title(documents) == "规划问答助手" and app_title(documents[:1]) == "广西规划问答助手"


def test_examples_over_one_place_come_from_its_table_figures_and_deadlines(documents):
    from assistant.ui import examples_for
    from corpus.projects import document_facts
    from tests.conftest import shipped_table

    facts = [f for doc in documents.values() for f in document_facts(doc)]
    examples = examples_for([{"profile": {"place_short": "济南"}}], facts, shipped_table())
    assert examples[0] == "科技创新领域有多少个重点项目？" and examples[-1] == "什么时候制定碳达峰工作方案？"
    assert len(examples) == 4 and all(q.endswith("？") for q in examples)
    assert examples_for([{"profile": {}}]) == ["这份文档的主要目标有哪些？"]
