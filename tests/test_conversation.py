"""Follow-ups rewritten into standalone questions, and table questions written back as text."""

import itertools

import pytest

from assistant.conversation import is_dangling, resolve, subject_of
from assistant.query import analyze
from assistant.sessions import Turn
from assistant.table_followup import render_table_query
from assistant.table_query import TableQuery, parse_table_query
from corpus.projects import COUNT, INVESTMENT, TASKS
from tests.conftest import shipped_table


def turns(*pairs) -> list[Turn]:
    """History from (standalone question, areas the answer was about) pairs."""
    return [Turn(q, q, "", True, areas) for q, areas in pairs]


def follow(question: str, *history: str) -> str:
    return resolve(question, turns(*((q, ()) for q in history)), table=shipped_table()).standalone


@pytest.mark.parametrize(
    ("history", "question", "standalone"),
    [
        (["民生领域有多少重点项目？"], "总投资呢？", "民生领域的重点项目总投资是多少？"),
        (["民生领域的重点项目总投资是多少？"], "比安全领域多多少？", "民生领域的重点项目总投资比安全领域多多少？"),
        (["民生领域的重点项目总投资比安全领域多多少？"], "那文化领域呢？", "文化领域的重点项目总投资是多少？"),
        (["科技创新领域有多少个重点项目？"], "其中续建的有多少？", "科技创新领域的续建项目数是多少？"),
        (["科技创新领域的续建项目数是多少？"], "新开工的呢？", "科技创新领域的2023年新开工项目数是多少？"),
        (["第一个领域要认真抓好几项重点工作？"], "第二个呢？", "现代产业体系领域的重点工作数是多少？"),
        (["安全领域有多少个重点项目？"], "占全部的比例是多少？", "安全领域的重点项目数占全部的比例是多少？"),
        (["安全领域的重点项目数占全部的比例是多少？"], "是文化领域的几倍？", "安全领域的重点项目数是文化领域的几倍？"),
        (["哪个领域的重点项目总投资最多？"], "最少的呢？", "哪个领域的重点项目总投资最少？"),
        (["哪个领域的重点项目总投资最少？"], "排名前三的呢？", "十大领域按重点项目总投资从高到低排名前三的是哪些？"),
        (["民生和安全领域重点项目一共有多少个？"], "总投资加起来呢？", "民生和安全领域的重点项目总投资加起来是多少？"),
        (["文化领域的储备项目什么时候开工？"], "民生领域呢？", "民生领域的储备项目什么时候开工？"),
    ],
)
def test_table_follow_ups_keep_what_they_do_not_change(history, question, standalone):
    assert follow(question, *history) == standalone


def test_after_which_area_question_the_follow_up_is_about_the_area_found():
    history = turns(("哪个领域2023年新开工的重点项目最多？", (2,)))
    assert resolve("总投资呢？", history, table=shipped_table()).standalone == "现代产业体系领域的2023年新开工项目总投资是多少？"
    history += turns(("现代产业体系领域的2023年新开工项目总投资是多少？", (2,)))
    assert resolve("比扩大内需领域的新开工项目多几个？", history, table=shipped_table()).standalone == \
        "现代产业体系领域的2023年新开工项目数比扩大内需领域多多少？"


def test_these_two_areas_are_the_areas_of_the_last_two_answers():
    history = turns(("第二个领域的储备项目数是多少？", (2,)), ("扩大内需领域的储备项目数是多少？", (3,)))
    assert resolve("这两个领域的储备项目总投资加起来是多少？", history, table=shipped_table()).standalone == \
        "现代产业体系和扩大内需领域的储备项目总投资加起来是多少？"


@pytest.mark.parametrize(
    ("history", "question", "standalone"),
    [
        ("到2025年济南常住人口要达到多少？", "地区生产总值呢？", "到2025年地区生产总值要达到多少？"),
        ("2025年新能源汽车保有量目标是多少？", "那可再生能源装机规模呢？", "2025年可再生能源装机规模目标是多少？"),
        ("粮食综合生产能力要稳定在多少？", "蔬菜产量呢？", "蔬菜产量要稳定在多少？"),
        ("碳达峰工作方案什么时候制定？", "它属于哪项任务？", "碳达峰工作方案属于哪项任务？"),
        ("2021年开工建设的轨道交通是哪几条线？", "这属于哪个主题？", "2021年开工建设的轨道交通属于哪个主题？"),
        ("国家种子实验室济南基地建设属于哪项任务？", "这项任务要引进几家种业集团？", "国家种子实验室济南基地建设要引进几家种业集团？"),
        ("国家种子实验室济南基地建设要引进几家种业集团？", "粮食综合生产能力呢？", "粮食综合生产能力是多少？"),
        ("沿黄地区入河排污口整治属于哪项任务？", "什么时候完成？", "沿黄地区入河排污口整治什么时候完成？"),
        ("到2025年济南人才总量要达到多少？", "那2035年呢？", "到2035年济南人才总量要达到多少？"),
        ("跟2020年比，2025年济南能耗强度要降低多少？", "2030年呢？", "跟2020年比，2030年济南能耗强度要降低多少？"),
    ],
)
def test_topic_follow_ups_take_the_previous_question_or_subject(history, question, standalone):
    assert follow(question, history) == standalone


@pytest.mark.parametrize(
    ("history", "question"),
    [
        ("民生领域有多少重点项目？", "2021年济南计划新增几条国际货运航线？"),
        ("民生领域有多少重点项目？", "全市续建项目有多少个？"),
        ("2021年要确保哪些跨黄河通道建成通车？", "科技创新这一块，三年行动计划一共安排了多少个重点项目？"),
        ("碳达峰工作方案什么时候制定？", "到2025年济南人才总量要达到多少？"),
    ],
)
def test_complete_questions_are_left_alone(history, question):
    resolution = resolve(question, turns((history, ())))
    assert resolution.standalone == question and not resolution.rewritten


def test_a_change_of_topic_drops_the_carried_context():
    history = turns(("民生领域有多少重点项目？", (9,)), ("2021年济南计划新增几条国际货运航线？", ()))
    assert resolve("这属于哪个方面的部署？", history).standalone == "2021年济南计划新增国际货运航线属于哪个方面的部署？"


@pytest.mark.parametrize("question", ["总投资呢？", "它属于哪项任务？", "什么时候完成？", "2025年呢", "那青岛呢？"])
def test_a_follow_up_without_history_is_dangling(question):
    assert is_dangling(question) and resolve(question, []).how == "dangling"


@pytest.mark.parametrize("question", ["民生领域有多少重点项目？", "讲个笑话吧", "2025年新能源汽车保有量目标是多少？"])
def test_a_complete_first_question_is_not_dangling(question):
    assert resolve(question, []).how == "standalone"


def test_subject_of_a_question():
    assert subject_of("到2025年新能源汽车保有量目标是多少？") == "到2025年新能源汽车保有量"
    assert subject_of("2021年要确保哪些跨黄河通道建成通车？") == "2021年要确保跨黄河通道建成通车"


def _queries():
    categories = [("全部",), ("续建",), ("新开工",), ("储备",), ("续建", "储备")]
    measures = [(COUNT,), (INVESTMENT,), (COUNT, INVESTMENT), (INVESTMENT, COUNT)]
    for cats, meas in itertools.product(categories, measures):
        for area in (1, 2, 4, 5, 9, 10):
            yield TableQuery((area,), cats, meas, "sum" if len(cats) > 1 else "lookup", top=1)
            yield TableQuery((area,), cats, meas, "share", top=1)
        for pair in ((9, 10), (1, 3), (6, 8)):
            for op in ("difference", "compare", "ratio", "sum"):
                yield TableQuery(pair, cats, meas, op, top=1)
        yield TableQuery((), cats, meas, "sum", top=1, over_all_areas=True)
        for largest in (True, False):
            yield TableQuery((), cats, meas, "extreme", largest, 1, True)
            for top in (3, 10):
                yield TableQuery((), cats, meas, "rank", largest, top, True)
    yield TableQuery((7,), ("全部",), (TASKS,), "lookup", top=1)
    for cats in (("续建",), ("新开工",), ("储备",)):
        yield TableQuery((8,), cats, (COUNT,), "when", top=1, wants_time=True)


@pytest.mark.parametrize("query", list(_queries()), ids=str)
def test_a_rendered_table_question_reads_back_as_the_same_query(query):
    analysis = analyze(render_table_query(query, shipped_table()))
    assert parse_table_query(analysis.normalized, analysis.years, analysis.wants_time, shipped_table()) == query
