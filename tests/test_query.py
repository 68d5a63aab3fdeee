"""Query analysis: what kind of answer a question wants, synonyms, years."""

from assistant.query import analyze, has_quantity


def test_colloquial_and_english_words_map_to_document_terms():
    assert "新能源汽车" in analyze("到2025年济南新能源车要有多少辆？").tokens
    assert "地区生产总值" in analyze("What is Jinan's GDP target for 2025?").tokens


def test_answer_kinds():
    assert analyze("科技创新领域有多少个重点项目？").wants_number
    assert analyze("碳达峰工作方案什么时候制定？").wants_time
    where = analyze("投行化招商机制出现在行动计划的哪项任务中？")
    assert where.wants_place and not where.wants_number
    assert "任务" not in where.tokens and "行动计划" not in where.tokens
    assert not analyze("2021年济南要开工哪几条高铁？").wants_number


def test_quantities_need_a_unit():
    assert has_quantity("到2025年新能源汽车保有量达到15万辆以上")
    assert has_quantity("占比80%以上")
    assert not has_quantity("开工建设轨道交通6号线")
