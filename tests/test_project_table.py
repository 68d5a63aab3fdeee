"""The key-project table: all 80 area figures and the plan-wide totals, exactly as printed, and the checks."""

from decimal import Decimal

import pytest

from assistant.facts_report import check_report
from corpus.project_table import build_table
from corpus.projects import COUNT, INVESTMENT, TASKS, document_facts
from tests.conftest import PLAN_ID, shipped_table

# area: (全部, 续建, 新开工, 储备) as (count, investment in 亿元), typed in from the full text.
AREAS = {
    1: ((90, "1920.83"), (37, "854.58"), (37, "683.91"), (16, "382.34")),
    2: ((308, "3110.49"), (88, "1611.69"), (154, "754.63"), (66, "744.17")),
    3: ((267, "5420.69"), (103, "2838.88"), (100, "1292.2"), (64, "1289.61")),
    4: ((96, "850.39"), (21, "176.94"), (45, "302.41"), (30, "371.04")),
    5: ((102, "6551.23"), (33, "3102.9"), (23, "1429.6"), (46, "2018.73")),
    6: ((94, "524.95"), (24, "130.79"), (53, "327.76"), (17, "66.4")),
    7: ((48, "990.2"), (15, "552.03"), (24, "348.15"), (9, "90.02")),
    8: ((48, "1509.71"), (13, "499.03"), (15, "259.26"), (20, "751.42")),
    9: ((210, "3097.59"), (105, "1666.84"), (79, "1169.27"), (26, "261.48")),
    10: ((38, "125.74"), (11, "37.34"), (15, "66.56"), (12, "21.84")),
}
TASK_COUNTS = {1: 6, 2: 5, 3: 5, 4: 5, 5: 6, 6: 4, 7: 4, 8: 5, 9: 5, 10: 5}
CATEGORIES = ("全部", "续建", "新开工", "储备")


@pytest.fixture(scope="module")
def plan(documents):
    doc = documents[PLAN_ID]
    facts = document_facts(doc)
    return doc, facts, build_table(facts, shipped_table())


def test_all_eighty_area_figures_match_the_text(plan):
    doc, _, table = plan
    checked = 0
    for area, row in AREAS.items():
        for category, (count, investment) in zip(CATEGORIES, row):
            for measure, expected in ((COUNT, Decimal(count)), (INVESTMENT, Decimal(investment))):
                cell = table.cell(area, category, measure)
                assert cell is not None, (area, category, measure)
                assert cell.value == expected, (area, category, measure)
                for reading in cell.readings:
                    assert doc.text[reading.start:reading.end] == reading.written
                assert cell.fact.written in (f"{expected}个", f"{expected}亿元")
                checked += 1
    assert checked == 80


def test_plan_wide_totals_and_task_counts(plan):
    _, _, table = plan
    total_count = table.cell(None, "全部", COUNT).fact
    total_investment = table.cell(None, "全部", INVESTMENT).fact
    new_count = table.cell(None, "新开工", COUNT).fact
    new_investment = table.cell(None, "新开工", INVESTMENT).fact
    assert (total_count.written, total_investment.written, total_investment.qualifier) == ("1301个", "2.4万亿元", "超过")
    assert total_investment.base_value == "2400000000000" and total_investment.base_unit == "元"
    assert (new_count.written, new_investment.written, new_investment.qualifier) == ("545个", "6600亿元", "超")
    assert {a: int(table.cell(a, "全部", TASKS).value) for a in AREAS} == TASK_COUNTS


def test_the_two_printings_disagree_exactly_where_known_and_arithmetic_decides(plan):
    doc, _, table = plan
    conflicts = {c.key: c for c in table.conflicts}
    assert set(conflicts) == {(10, "续建", INVESTMENT), (9, "全部", COUNT)}
    area_ten = conflicts[(10, "续建", INVESTMENT)]
    assert sorted(f.written for f in area_ten.readings) == ["37.31亿元", "37.34亿元"]
    assert area_ten.supported.written == "37.34亿元" and area_ten.supported.source == "summary"
    assert "37.34亿元 + 66.56亿元 + 21.84亿元 = 125.74亿元" in area_ten.reason
    area_nine = conflicts[(9, "全部", COUNT)]
    assert sorted(f.written for f in area_nine.readings) == ["210个", "21。个"]
    assert area_nine.supported.written == "210个"
    for reading in area_nine.readings:
        assert doc.text[reading.start:reading.end] == reading.written


def test_check_report_names_both_readings_offsets_and_verdict_and_nothing_else_fails(plan):
    _, _, table = plan
    report, clean = check_report(table)
    assert clean
    failed = [line for line in report.splitlines() if line.startswith("[FAIL]")]
    assert len(failed) == 2
    assert "37.31亿元（全文，第10916—10923字）" in report and "37.34亿元（摘要，第3855—3862字）" in report
    assert "算术支持37.34亿元" in report and "算术支持210个" in report
    assert "24101.82亿元，全市印作超过2.4万亿元" in report
    assert "= 545个，全市印作545个" in report


def test_a_misprint_the_arithmetic_cannot_settle_is_reported_unsettled(plan):
    from dataclasses import replace

    _, facts, _ = plan
    # Damage one more cell in the summary only: area one's 续建 count printed as 38.
    damaged = [replace(f, value="38", base_value="38") if (f.area, f.category, f.metric, f.source) == (1, "续建", COUNT, "summary") else f
               for f in facts]
    table = build_table(damaged, shipped_table())
    conflict = next(c for c in table.conflicts if c.key == (1, "续建", COUNT))
    assert conflict.supported is not None and conflict.supported.value == "37"
    both_wrong = [replace(f, value="38", base_value="38") if (f.area, f.category, f.metric) == (1, "续建", COUNT) else f
                  for f in facts]
    report, clean = check_report(build_table(both_wrong, shipped_table()))
    assert not clean and "[FAIL] 领域1 项目数" in report
