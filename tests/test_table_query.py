"""Table questions: areas by ordinal, name or paraphrase; category; measure; operation; and the answers."""

import pytest

from assistant.query import analyze
from assistant.table_answer import answer_table
from assistant.table_query import find_areas, parse_table_query
from corpus.project_table import build_table
from corpus.projects import COUNT, INVESTMENT, TASKS, document_facts
from tests.conftest import PLAN_ID, shipped_table


def parse(question):
    analysis = analyze(question)
    return parse_table_query(analysis.document_terms, analysis.years, analysis.wants_time, shipped_table())


@pytest.fixture(scope="module")
def table(documents):
    return build_table(document_facts(documents[PLAN_ID]), shipped_table())


@pytest.mark.parametrize(
    ("question", "areas"),
    [
        ("第五个领域有多少个重点项目", (5,)),
        ("重点七的投资", (7,)),
        ("十大领域中的第三个有几个项目", (3,)),
        ("全文“六、”这一部分", (6,)),
        ("第一、第二、第三个领域", (1, 2, 3)),
        ("民生比安全多多少", (9, 10)),
        ("乡村振兴方向", (6,)),
        ("《济南市深化新旧动能转换推动绿色低碳高质量发展三年行动计划》里科技创新这块", (1,)),
    ],
)
def test_areas_by_ordinal_name_and_paraphrase(question, areas):
    assert find_areas(analyze(question).normalized, shipped_table()) == areas


@pytest.mark.parametrize(
    ("question", "operation", "categories", "measures"),
    [
        ("重点五里面续建项目有多少个？总投资多少？", "lookup", ("续建",), (COUNT, INVESTMENT)),
        ("文化那块储备了几个项目？", "lookup", ("储备",), (COUNT,)),
        ("重点五有多少个重点项目，其中续建项目多少个？", "lookup", ("全部", "续建"), (COUNT,)),
        ("How many key projects are in 重点五, and how many of them are continuing (续建) projects?", "lookup",
         ("全部", "续建"), (COUNT,)),
        ("第八个领域要认真抓好几项重点工作？", "lookup", ("全部",), (TASKS,)),
        ("民生比安全多多少个重点项目？", "difference", ("全部",), (COUNT,)),
        ("科技创新和民生哪个领域的重点项目总投资多？", "compare", ("全部",), (INVESTMENT,)),
        ("十个领域中，哪个领域的重点项目总投资最少？", "extreme", ("全部",), (INVESTMENT,)),
        ("按重点项目总投资排序，排前三的是哪三个领域？", "rank", ("全部",), (INVESTMENT,)),
        ("按重点项目个数排，排第二的是哪个领域？", "nth", ("全部",), (COUNT,)),
        ("续建项目投资第三多的是哪个领域？", "nth", ("续建",), (INVESTMENT,)),
        ("重点项目总投资最高和最低的领域相差多少亿元？", "spread", ("全部",), (INVESTMENT,)),
        ("重点九的重点项目数占全部重点项目的百分之多少？", "share", ("全部",), (COUNT,)),
        ("安全领域的续建项目和谋划储备项目，投资加起来是多少？", "sum", ("续建", "储备"), (INVESTMENT,)),
        ("文化领域那20个谋划储备项目打算什么时候开工？", "when", ("储备",), (COUNT,)),
    ],
)
def test_operations(question, operation, categories, measures):
    query = parse(question)
    assert (query.operation, query.categories, query.measures) == (operation, categories, measures)


@pytest.mark.parametrize(
    "question",
    [
        "2021年济南工业投资和技改投资要增长多少？",
        "到2025年国家级、省级产业集群要达到几个？",
        "科技创新领域有哪些重点项目？",
        "济南2026年计划新开工多少个项目？",
        "2025年新能源汽车保有量目标是多少？",
        "山左环球直采保税展示展销中心这个项目总投资是多少亿元？",
        "开发区引进的项目里，制造业项目要占多大比例？",
        "2023年新开工的545个项目里，数字经济类项目有多少个？",
        "黄河流域生态保护和高质量发展(济南)母基金的规模是多少亿元?",
    ],
)
def test_questions_the_table_does_not_answer_go_to_retrieval(question):
    assert parse(question) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("民生比安全多多少个重点项目？", ["210 − 38 = 172个"]),
        ("重点九的重点项目数占全部1301个重点项目的百分之多少？", ["210 ÷ 1301 = 16.1%"]),
        ("农业和文化两个领域的重点项目总投资合计多少？", ["524.95亿元 + ", "1509.71亿元 = 2034.66亿元"]),
        ("按重点项目总投资排序，排前三的是哪三个领域？", ["1. 第五个领域", "2. 第三个领域", "3. 第二个领域"]),
        ("十个领域计划2024年、2025年开工的谋划储备项目加起来一共多少个？", ["= 306个"]),
        ("按重点项目个数排，排第二的是哪个领域？有多少个项目？", ["第二的是第三个领域", "267个", "1. 第二个领域"]),
        ("重点项目数倒数第二的领域是哪个？", ["倒数第二的是第七个领域", "48个，与第八个领域", "并列"]),
        ("重点项目总投资最高和最低的领域相差多少亿元？", ["最多的是第五个领域", "6551.23 − 125.74 = 6425.49亿元"]),
        ("总投资最高的领域和最低的领域相差多少亿元？", ["6425.49亿元"]),
        ("济南十大领域第一批重点项目有多少个？总投资是多少？", ["1301个", "超过2.4万亿元", "24101.82亿元"]),
        ("重点十的续建项目总投资是多少？", ["37.34亿元", "全文印作“37.31亿元”", "支持37.34亿元"]),
        ("第九个领域一共有多少个重点项目？", ["210个", "“21。个”"]),
    ],
)
def test_answers_show_the_figure_and_the_computation(table, question, expected):
    answer = answer_table(parse(question), table)
    for piece in expected:
        assert piece in answer.text


def test_every_input_figure_is_cited(table, documents):
    answer = answer_table(parse("第一、第二、第三个领域计划2023年新开工的项目一共多少个？"), table)
    assert [f.written for f in answer.facts] == ["37个", "154个", "100个"]
    for fact in answer.facts:
        assert documents[fact.doc_id].text[fact.start:fact.end] == fact.written


def test_targets_and_deadlines_match_one_fact(documents):
    from assistant.answer import IdfTable
    from assistant.fact_match import FactIndex, match_fact
    from corpus.tokenize import tokenize
    from corpus.vocabulary import CorpusVocabulary
    from index.facts_store import fact_words

    found = [f for doc in documents.values() for f in document_facts(doc)]
    idf = IdfTable(CorpusVocabulary.build([tokenize(f.sentence) for f in found]).idf())
    facts = FactIndex(found, {f.fact_id: fact_words(f) for f in found}, idf)
    car = match_fact(analyze("到2025年新能源汽车保有量要达到多少？"), facts, idf)
    assert car.written == "15万辆以上"
    when = match_fact(analyze("碳达峰工作方案什么时候制定？"), facts, idf)
    assert when.written == "2023年年底前"
    assert match_fact(analyze("2030年新能源汽车保有量要达到多少？"), facts, idf) is None
    assert match_fact(analyze("新能源汽车保有量属于哪项任务？"), facts, idf) is None
