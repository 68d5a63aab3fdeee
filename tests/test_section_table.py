"""A section table worded unlike the shipped plan's: read, reconciled, asked and followed up from the wording
its corpus record states, with nothing of it in the code."""

import json

import pytest

from assistant.conversation import resolve
from assistant.query import analyze
from assistant.sessions import Turn
from assistant.table_answer import answer_table
from assistant.table_query import parse_table_query
from corpus.documents import CorpusError, Document, load_corpus
from corpus.project_table import build_table
from corpus.projects import COUNT, INVESTMENT, document_facts
from corpus.table_vocabulary import NO_TABLE, TableVocabulary

TEXT = """某市2025年重点项目建设方案
今年全市共安排120个重点项目，总投资500亿元。
一、建设创新高地
大力推进总投资200亿元的50个重点项目，其中在建项目30个，总投资150亿元，新建项目20个，总投资50亿元。
（一）建设实验室。加快建设实验室。
二、改善城乡环境
推进总投资300亿元的70个重点项目，其中在建项目40个，总投资100亿元，新建项目31个，总投资200亿元。
（一）治理河道。推进河道治理。
"""
TABLE = {
    "categories": [{"printed": "重点项目"}, {"key": "在建", "printed": "在建项目", "cues": ["在建"]},
                   {"key": "新建", "printed": "新建项目", "cues": ["新建"], "time": "2025年"}],
    "sections": {"1": {"name": "创新", "aliases": ["创新高地", "创新"]},
                 "2": {"name": "城乡环境", "aliases": ["城乡环境", "环境"]}},
    "group": "两个领域", "years": ["2025"],
}
VOCABULARY = TableVocabulary.from_dict(TABLE)


@pytest.fixture(scope="module")
def plan():
    doc = Document("plan", "某市2025年重点项目建设方案", TEXT, table=TABLE)
    facts = document_facts(doc)
    return doc, facts, build_table(facts, VOCABULARY)


def ask(question: str, table) -> str | None:
    analysis = analyze(question)
    query = parse_table_query(analysis.document_terms, analysis.years, analysis.wants_time, VOCABULARY)
    answer = answer_table(query, table) if query is not None else None
    return answer.text if answer is not None else None


def test_every_section_and_the_plan_total_are_read_in_the_documents_own_wording(plan):
    _, _, table = plan
    assert table.cell(1, "在建", COUNT).fact.written == "30个"
    assert table.cell(2, "新建", INVESTMENT).fact.written == "200亿元"
    assert table.cell(None, "全部", COUNT).fact.written == "120个"
    assert table.titles == {1: "建设创新高地", 2: "改善城乡环境"}


def test_parts_that_do_not_add_up_to_the_section_total_fail_their_check(plan):
    _, _, table = plan
    checks = {c.name: c.ok for c in table.checks}
    assert checks["领域1 项目数：在建 + 新建 = 全部"] and checks["领域1 总投资：在建 + 新建 = 全部"]
    assert not checks["领域2 项目数：在建 + 新建 = 全部"]  # 40 + 31 ≠ 70


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("城乡环境领域的新建项目总投资是多少？", "第二个领域（改善城乡环境）：新建项目总投资200亿元，共31个。"),
        ("哪个领域的在建项目最多？", "两个领域中在建项目数最多的是第二个领域（改善城乡环境）：40个"),
        ("创新领域的新建项目什么时候开工？", "第一个领域（建设创新高地）的新建项目20个，计划2025年开工。"),
    ],
)
def test_lookups_extremes_and_start_times_use_the_tables_names(plan, question, expected):
    assert expected in ask(question, plan[2])


def test_a_follow_up_keeps_the_section_and_category_and_changes_the_measure():
    history = [Turn("创新领域有多少个在建项目？", "创新领域有多少个在建项目？", "", True, (1,))]
    assert resolve("总投资呢？", history, table=VOCABULARY).standalone == "创新领域的在建项目总投资是多少？"


def test_a_section_the_record_gives_no_name_is_rewritten_by_its_ordinal():
    unnamed = TableVocabulary.from_dict({**TABLE, "sections": {}})
    history = [Turn("第二个领域有多少个在建项目？", "第二个领域有多少个在建项目？", "", True, (2,))]
    assert resolve("总投资呢？", history, table=unnamed).standalone == "第2个领域的在建项目总投资是多少？"


def test_without_a_stated_table_nothing_is_read_or_parsed_as_one():
    assert [f for f in document_facts(Document("plan", "方案", TEXT)) if f.kind == "table"] == []
    analysis = analyze("城乡环境领域的新建项目总投资是多少？")
    assert parse_table_query(analysis.document_terms, analysis.years, analysis.wants_time, NO_TABLE) is None


def test_a_table_field_that_cannot_be_read_names_the_file_and_the_problem(tmp_path):
    (tmp_path / "plan.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "documents.json").write_text(json.dumps([{"file": "plan.txt", "table": {"sections": {}}}]),
                                             encoding="utf-8")
    with pytest.raises(CorpusError, match=r"documents\.json \(plan\.txt\): the \"table\" field cannot be read"):
        load_corpus([tmp_path])
