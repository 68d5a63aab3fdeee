"""Where a text states an indicator: a clause opening with one of its names, its value as printed."""

from __future__ import annotations

import pytest

from corpus.indicators import indicator_named, measured_by, statements

TARGETS = ("今年经济社会发展的主要预期目标是：全区地区生产总值增长5%左右；城镇调查失业率5.5%左右，城镇新增就业32万人以上；"
           "居民消费价格保持合理水平；居民收入增长和经济增长同步。")


def _said(text: str) -> list[tuple[str, str]]:
    return [(s.indicator.name, s.printed) for s in statements(text)]


def test_a_targets_paragraph_gives_each_indicator_with_its_qualifier_or_its_words():
    assert _said(TARGETS) == [("地区生产总值增长", "5%左右"), ("城镇调查失业率", "5.5%左右"), ("城镇新增就业", "32万人以上"),
                              ("居民消费价格涨幅", "保持合理水平"), ("居民人均可支配收入增长", "和经济增长同步")]
    assert all(s.in_targets for s in statements(TARGETS))


def test_a_value_is_printed_as_the_text_has_it_and_offsets_point_at_it():
    text = "2025年经济社会发展主要预期目标是：地区生产总值增长5.5％左右。"
    (statement,) = statements(text)
    assert statement.printed == "5.5％左右" and text[statement.start:statement.end] == "5.5％左右"
    assert statement.value == 5.5 and statement.qualifier == "左右"


def test_a_clause_carries_on_the_indicator_named_before_it():
    assert _said("全年实现地区生产总值9.86万亿元、增长5.7%。") == [("地区生产总值", "9.86万亿元"), ("地区生产总值增长", "5.7%")]
    assert _said("全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元、增长5.8%。") == [
        ("地区生产总值", "1.3万亿元"), ("地区生产总值增长", "5.8%")]


@pytest.mark.parametrize("text", ["工业对GDP增长贡献率45%。", "预计海洋生产总值1.8万亿元左右。", "对东盟进出口增长16.5%。",
                                  "经济增速逐季抬升。", "居民收入增长和经济增长同步。"])
def test_a_name_inside_another_subject_or_a_value_in_words_outside_targets_is_not_a_statement(text):
    assert _said(text) == []


def test_questions_name_indicators_in_their_own_words_and_facts_by_their_subject():
    assert indicator_named("今年GDP增速目标是多少")[0].name == "地区生产总值增长"
    assert indicator_named("what is the new urban jobs target")[0].name == "城镇新增就业"
    assert indicator_named("就业目标呢")[0].name == "城镇新增就业"
    assert measured_by("全区地区生产总值增长").name == "地区生产总值增长"
    assert measured_by("工业对GDP增长贡献率") is None and measured_by("农村劳动力转移就业") is None
    assert measured_by("预计地区生产总值增长").name == "地区生产总值增长" and measured_by("海洋生产总值增长") is None


def test_a_short_question_name_inside_a_longer_noun_names_no_indicator():
    assert indicator_named("要建多少个就业驿站？") is None and indicator_named("就业见习岗位呢？") is None
    assert indicator_named("今年稳就业的目标是多少")[0].name == "城镇新增就业"
    assert indicator_named("物价涨了多少")[0].name == "居民消费价格涨幅"


def test_colloquial_and_english_names_of_per_capita_output_urbanisation_and_growth():
    assert indicator_named("平均每个人创造的产值有多少")[0].name == "人均地区生产总值"
    assert indicator_named("What about its urbanization rate target?")[0].name == "常住人口城镇化率"
    assert indicator_named("经济大概长了多少")[0].name == "地区生产总值增长"
    assert indicator_named("城里新找到工作的人有多少")[0].name == "城镇新增就业"


def test_a_paragraph_headed_by_an_indicator_lends_it_to_a_later_measure_of_it():
    text = "——粮食生产再创新高。播种面积达到8780.7万亩，总产量达到853.2亿斤，全国第4。\n总产量达到9亿斤。"
    assert _said(text) == [("粮食产量", "853.2亿斤")]  # the next paragraph has no heading of its own


def test_a_targets_list_opened_in_its_paragraph_goes_on_over_its_sentences():
    text = "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。城镇调查失业率5.5%左右。城乡居民人均可支配收入分别增长5%和7%左右。"
    assert all(s.in_targets for s in statements(text)) and len(statements(text)) == 4
    assert not any(s.in_targets for s in statements("过去一年，地区生产总值增长5.8%。城镇调查失业率5.1%。"))


def test_parts_named_before_a_shared_name_each_get_their_value():
    assert _said("城镇、农村居民人均可支配收入分别增长4.8%、6.2%。") == [
        ("城镇居民人均可支配收入增长", "4.8%"), ("农村居民人均可支配收入增长", "6.2%")]
    assert _said("城乡居民人均可支配收入分别达6.6万元和3.2万元，城乡居民收入比缩小") == [
        ("城镇居民人均可支配收入", "6.6万元"), ("农村居民人均可支配收入", "3.2万元")]
    assert _said("一产、二产、三产增加值分别增长5.5%左右、6%左右、5%左右。") == []  # no indicator goes by these names
    # only the parts that name an indicator get a value, each its own
    assert _said("粮食、油料、蔬菜产量分别达118.3万吨、33万吨、165万吨，均创十年新高") == [("粮食产量", "118.3万吨")]


def test_a_paragraph_led_by_a_topic_reads_a_bare_measure_of_it_as_that_indicator():
    text = "——经济发展贡献新担当。实现三季度增长4.6%、追平全国，全年增长4.8%、总量达5.3万亿元；粮食总产达615.6亿斤。"
    assert _said(text)[:2] == [("地区生产总值增长", "4.8%"), ("地区生产总值", "5.3万亿元")]
    assert _said("——数字经济加快发展。全年增长10%。") == []  # the lead opens with another thing


def test_a_measure_of_the_indicator_just_named_continues_it_but_an_area_is_not_an_output():
    assert _said("粮食播种面积4157万亩、产量1146.1万吨，均超额完成。") == [("粮食产量", "1146.1万吨")]
