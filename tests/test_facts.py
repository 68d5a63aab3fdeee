"""Figures as written: exact values, units, qualifiers, times and what they measure."""

import pytest

from corpus.documents import Document
from corpus.facts import extract_facts, publication_fact
from corpus.figures import FIGURE, read_figure
from corpus.projects import document_facts
from index.facts_store import load_facts, save_facts
from index.manifest import IndexLoadError
from tests.conftest import PLAN_ID, REPORT_ID


@pytest.mark.parametrize(
    ("text", "written", "value", "high", "unit", "base", "qualifier"),
    [
        ("总投资超过2.4万亿元", "2.4万亿元", "2.4", None, "万亿元", "2400000000000", "超过"),
        ("引进3—5家国际一流种业集团", "3—5家", "3", "5", "家", "3", None),
        ("保有量达到15万辆以上", "15万辆以上", "15", None, "万辆", "150000", "以上"),
        ("经济外向度提高到20%左右", "20%左右", "20", None, "%", "20", "左右"),
        ("关停整合30万千瓦以下小煤电机组", "30万千瓦以下", "30", None, "万千瓦", "300000", "以下"),
        ("人才总量突破300万", "300万", "300", None, "万", "3000000", "突破"),
        ("办理省人大代表建议748件", "748件", "748", None, "件", "748", None),
        ("外调绿电规模力争达到400亿千瓦时", "400亿千瓦时", "400", None, "亿千瓦时", "40000000000", "力争"),
        ("PM2.5平均浓度降至20.6微克/立方米", "20.6微克/立方米", "20.6", None, "微克/立方米", "20", None),
        ("集装箱吞吐量达到5150.6万标准箱", "5150.6万标准箱", "5150.6", None, "万标准箱", "51506000", None),
        ("外送电量3150亿度、占全国16%", "3150亿度", "3150", None, "亿度", "315000000000", None),
        ("力争算力规模突破10万p", "10万p", "10", None, "万p", "100000", "突破"),  # as normalised (10万P)
    ],
)
def test_figures_are_read_exactly(text, written, value, high, unit, base, qualifier):
    figure = next(f for f in map(read_figure, FIGURE.finditer(text)) if f is not None)
    assert (figure.written, str(figure.value), figure.high and str(figure.high), figure.unit) == (written, value, high, unit)
    assert (format(figure.base_value, "f").split(".")[0], figure.qualifier) == (base, qualifier)


def test_target_facts_know_subject_time_and_predicate(documents):
    facts = extract_facts(documents[PLAN_ID])
    car = next(f for f in facts if f.written == "15万辆以上")
    assert (car.subject, car.metric, car.time, car.qualifier) == ("新能源汽车保有量", "达到", "到2025年", "以上")
    energy = next(f for f in facts if f.written == "14%以上")
    assert (energy.subject, energy.metric, energy.year) == ("能耗强度", "较2020年降低", "2025")
    deadline = next(f for f in facts if f.kind == "deadline" and f.written == "2023年6月底前")
    assert deadline.subject == "制定促进共同富裕的实施意见"
    words = {(f.written, f.subject) for f in facts if f.kind == "count"}
    assert ("十大", "攻坚行动") in words


def test_every_fact_points_at_its_text(documents):
    for doc in documents.values():
        facts = document_facts(doc)
        assert facts
        for fact in facts:
            assert doc.text[fact.start:fact.end] == fact.written, fact


def test_a_table_figure_is_not_repeated_as_a_plain_figure(documents):
    facts = document_facts(documents[PLAN_ID])
    spans = [(f.start, f.end) for f in facts]
    assert len(spans) == len(set(spans))


def test_years_and_dates_are_not_figures():
    doc = Document("d", "t", "到2025年建成7号线一期,2023年6月底前完成。")
    assert [(f.kind, f.written, f.subject) for f in extract_facts(doc)] == [
        ("deadline", "到2025年", "建成7号线一期"), ("deadline", "2023年6月底前", "完成"),
    ]


def test_facts_round_trip_through_sqlite(documents, tmp_path):
    facts = document_facts(documents[PLAN_ID])
    save_facts(facts, tmp_path / "facts.sqlite")
    assert load_facts(tmp_path / "facts.sqlite") == sorted(facts, key=lambda f: (f.doc_id, f.start, f.end, f.kind))


def test_missing_or_damaged_facts_file_is_a_clear_error(tmp_path):
    with pytest.raises(IndexLoadError, match="facts.sqlite: missing"):
        load_facts(tmp_path / "facts.sqlite")
    (tmp_path / "facts.sqlite").write_bytes(b"not a database at all, really" * 10)
    with pytest.raises(IndexLoadError, match="cannot be read"):
        load_facts(tmp_path / "facts.sqlite")


def test_the_publication_date_comes_from_the_page_header_with_exact_offsets(documents):
    report = documents[REPORT_ID]
    fact = publication_fact(report)
    assert (fact.kind, fact.written, fact.subject) == ("published", "2021-01-11", report.title)
    assert report.text[fact.start:fact.end] == "2021-01-11" and fact.sentence in report.text
    assert publication_fact(documents[PLAN_ID]) is None


def test_a_publication_question_is_answered_and_cited_from_the_header(fake_assistant, documents):
    response = fake_assistant.ask("《2021济南经济路线图出炉》这篇稿子是什么时候发布的？")
    assert response.answered and "2021-01-11" in response.answer
    citation = response.citations[0]
    assert documents[citation.doc_id].text[citation.start:citation.end] == citation.text
    a, b = citation.highlight
    assert documents[citation.doc_id].text[a:b] == "2021-01-11"
