"""Which documents a question is about, from the places and documents it names."""

from __future__ import annotations

from assistant.conversation import resolve
from assistant.scope import Catalogue
from assistant.sessions import Turn
from assistant.topic_followup import (
    dated_in_answer, follow_comparison, follow_document, follow_item, follow_place, follow_topic, follow_year,
    named_in_answer,
)

DOCUMENTS = [
    {"doc_id": "gx", "title": "2025年广西政府工作报告",
     "profile": {"place": "广西壮族自治区", "place_short": "广西", "place_english": ["Guangxi"], "place_level": "自治区",
                 "kind": "政府工作报告"}},
    {"doc_id": "hb", "title": "2025年河北省政府工作报告",
     "profile": {"place": "河北省", "place_short": "河北", "place_english": ["Hebei"], "place_level": "省", "kind": "政府工作报告"}},
    {"doc_id": "bj", "title": "2025年北京市政府工作报告",
     "profile": {"place": "北京市", "place_short": "北京", "place_english": ["Beijing"], "place_level": "直辖市",
                 "kind": "政府工作报告"}},
    {"doc_id": "sz", "title": "苏州市制造业三年行动计划", "profile": {"place": "苏州市", "place_short": "苏州", "kind": "行动计划"}},
]
CATALOGUE = Catalogue(DOCUMENTS, "黄河北边的新区；深圳")


def test_a_place_named_in_chinese_short_or_english_scopes_to_its_documents():
    for question in ("广西壮族自治区今年的目标", "广西今年的目标", "What is Guangxi's target?", "What is Guang Xi's target?"):
        scope = CATALOGUE.scope(question)
        assert scope.doc_ids == ("gx",) and not scope.varies
    assert CATALOGUE.scope("河北和北京谁高").doc_ids == ("hb", "bj")
    named_twice = CATALOGUE.scope("What is Guangxi's (广西) target?")
    assert CATALOGUE.without_mentions("What is Guangxi's (广西) target?", named_twice) == "What is 's () target?"


def test_a_place_no_document_governs_is_uncovered_and_a_short_name_must_be_a_word():
    assert CATALOGUE.scope("重庆的增长目标").uncovered == ("重庆",)
    assert CATALOGUE.scope("Chongqing GDP target").uncovered == ("重庆",)
    assert CATALOGUE.scope("Chong-qing GDP target").uncovered == ("重庆",)
    assert CATALOGUE.scope("深圳市的目标").uncovered == ("深圳",)
    scope = CATALOGUE.scope("黄河北边的新区有什么规划")  # names no place: 河北 is not a word here
    assert scope.doc_ids is None and not scope.uncovered and scope.varies


def test_a_group_scopes_to_its_members_and_a_kind_to_its_documents():
    scope = CATALOGUE.scope("四个直辖市的增长目标")
    assert scope.doc_ids == ("bj",) and scope.group.name == "直辖市"
    assert CATALOGUE.scope("三年行动计划里的目标").doc_ids == ("sz",)
    assert CATALOGUE.scope("目标是多少", requested=["hb", "gx"]).doc_ids == ("hb", "gx")


def test_one_citys_documents_do_not_decline_the_places_their_text_names():
    jinan = Catalogue([{"doc_id": "a", "title": "济南市行动计划", "profile": {"place": "济南市", "place_short": "济南"}}],
                      "支持商河县、莱芜区创建示范园；与青岛协同")
    assert jinan.scope("商河县要创建什么").uncovered == ()
    assert jinan.scope("上海的目标").uncovered == ("上海",)
    assert jinan.scope("西部的项目").doc_ids is None  # a direction, not a group, among one city's documents


def test_follow_ups_change_the_place_the_year_or_the_measure():
    places = CATALOGUE.mentions
    assert follow_topic("四川", "重庆2025年GDP增长目标是多少？", places) == "四川2025年GDP增长目标是多少？"
    assert follow_topic("广西的", "哪个省份2025年地区生产总值增长目标最高？", places) == "广西2025年地区生产总值增长目标是多少？"
    assert follow_topic("增速", "河北2024年地区生产总值是多少？", places) == "河北2024年地区生产总值增速是多少？"
    assert follow_topic("今年的目标", "河北2024年粮食产量是多少？", places) == "河北今年粮食产量目标是多少？"
    assert follow_topic("就业目标", "广西2025年GDP增长目标是多少？", places) == "广西2025年就业目标是多少？"
    assert follow_topic("去年", "广西今年GDP增长目标是多少？", places) == "广西去年GDP增长是多少？"
    assert follow_topic("去年的目标", "广西今年GDP增长目标是多少？", places) == "广西去年GDP增长目标是多少？"
    assert follow_topic("最低", "西北五省区里今年GDP增长目标最高的是谁？", places) == "西北五省区里今年GDP增长目标最低的是谁？"
    assert follow_topic("河北", "四个直辖市中今年GDP增长目标最高的是哪个？", places) == "河北今年GDP增长目标是多少？"
    assert follow_year("去年实际增长了多少？", "北京2025年GDP增长目标是多少？", places) == "北京去年GDP实际增长了多少？"


def test_a_comparison_follow_up_compares_the_previous_indicator():
    places = CATALOGUE.mentions
    assert follow_comparison("哪个更低？", "北京和河北2025年城镇调查失业率目标分别是多少？", places) == \
        "北京和河北2025年城镇调查失业率目标哪个更低？"
    assert follow_comparison("哪个省份这一目标最高？", "广西2025年一般公共预算收入增长目标是多少？", places) == \
        "2025年一般公共预算收入增长目标哪个省份最高？"
    assert follow_comparison("哪个更低？", "广西有哪些新兴产业？", places) is None


def test_a_comparison_follow_up_may_look_back_at_another_year_or_at_the_two_places_an_answer_found():
    places = CATALOGUE.mentions
    assert follow_comparison("两个里面哪个2024年实际增速更高？", "北京和河北2025年的地区生产总值增长目标各是多少？",
                             places) == "北京和河北2024年地区生产总值哪个增速更高？"
    answer = "2025年GDP增长目标为5%左右的地方北京、河北（3份文档中）。\n- 北京：5%左右"
    assert follow_comparison("这两个里面去年实际增速哪个更高？", "哪些省份的2025年GDP增长目标是5%左右？", places,
                             answer) == "北京和河北去年GDP增速哪个更高？"


def test_a_follow_up_naming_a_place_or_a_year_keeps_the_previous_indicator():
    places = CATALOGUE.mentions
    assert follow_place("河北的目标是多少？", "广西2025年GDP增长目标是多少？", places) == "河北2025年GDP增长目标是多少？"
    assert follow_place("河北今年的目标是多少？", "广西2025年GDP增长目标是多少？", places) == "河北今年GDP增长目标是多少？"
    assert follow_year("河北去年实际增长了多少？", "广西去年GDP实际增长了多少？", places) == "河北去年GDP实际增长了多少？"
    assert follow_comparison("两者差了多少？", "北京和河北2025年GDP增长目标分别是多少？", places) == \
        "北京和河北2025年GDP增长目标差了多少？"


def test_a_pronoun_points_at_the_place_the_previous_answer_found():
    answer = "2025年地区生产总值增长目标（3份文档写明，按数值比较）最低：河北（4.5%左右）。\n- 河北：4.5%左右"
    assert named_in_answer("它去年实际增长了多少？", answer, CATALOGUE.mentions) == "河北去年实际增长了多少？"
    assert named_in_answer("那去年它的失业率是多少？", answer, CATALOGUE.mentions) == "那去年河北的失业率是多少？"
    assert named_in_answer("它的目标呢？", "没有找到。", CATALOGUE.mentions) == "它的目标呢？"


def test_a_question_about_the_document_itself_is_asked_of_the_previous_place():
    assert follow_document("哪天作的？", "河北2025年GDP增长目标是多少？", CATALOGUE.mentions) == "河北的报告哪天作的？"
    assert follow_document("哪天作的？", "哪个省份的目标最高？", CATALOGUE.mentions) is None


def test_an_item_asked_after_how_many_there_are_is_an_item_of_the_list_the_answer_counted():
    answer = "着眼促进人的现代化，今年再办好15件民生实事。（出处：…）"
    assert follow_item("第二件是什么？", "河北今年要办几件民生实事？", CATALOGUE.mentions, answer) == \
        "河北“15件民生实事”的第二件是什么？"
    assert follow_item("第二种是什么？", "报告里说的10种有色金属有哪些？", CATALOGUE.mentions) == "“10种有色金属”的第二种是什么？"
    assert follow_item("第二件是什么？", "河北今年要办几件民生实事？", CATALOGUE.mentions, "没有找到。") is None


def test_a_follow_up_asking_only_a_measure_or_a_new_years_amount_keeps_the_previous_thing():
    def after(previous: str, question: str) -> str:
        return resolve(question, [Turn(previous, previous, "…", True)], CATALOGUE.mentions).standalone

    assert after("河北2024年地区生产总值增长了多少？", "总量是多少？") == "河北2024年地区生产总值总量是多少？"
    assert after("河北2024年地区生产总值是多少？", "增速是多少？") == "河北2024年地区生产总值增速是多少？"
    # last year's verbs (新建和改造提升) go with last year: this year's plan is asked of the thing itself
    assert after("河北去年新建和改造提升了多少高标准农田？", "今年计划建多少？") == "河北高标准农田今年计划建多少？"


def test_the_same_day_is_the_date_the_previous_answer_gave_and_a_prefix_makes_another_indicator():
    answer = "《2025年河北省政府工作报告》日期：2025年1月19日。"
    assert dated_in_answer("同一天还有哪些省份作了报告？", answer) == "2025年1月19日还有哪些省份作了报告？"
    assert dated_in_answer("同一天还有哪些省份作了报告？", "没有找到。") == "同一天还有哪些省份作了报告？"
    assert follow_topic("人均", "河北2024年地区生产总值是多少？", CATALOGUE.mentions) == "河北2024年人均地区生产总值是多少？"
