"""Answer assembly: idf coverage, trimming to the answering clause, figures in the unit asked."""

from assistant.answer import IdfTable, coverage, implied_year, plan_year, states_answer_kind, trim
from assistant.query import analyze

IDF = IdfTable({"储备项目": 2.0, "项目": 1.0, "生物": 2.0, "医药": 2.0, "聚焦": 2.0, "领域": 1.0})
SENTENCE = "其中续建项目21个,总投资176.94亿元,计划2024年、2025年开工的谋划储备项目30个,总投资371.04亿元。"


def test_figure_answers_keep_the_trailing_investment_clause():
    question = analyze("降碳领域谋划储备项目有多少个？")
    a, b = trim(question, SENTENCE, IDF)
    assert SENTENCE[a:b].endswith("储备项目30个,总投资371.04亿元。")


def test_list_answers_are_not_trimmed():
    text = "生物医药产业,要突出扩规模树品牌,聚焦抗肿瘤药物、医美抗衰、干细胞与再生医学、特医食品、中医中药、医疗器械等六大领域,招引培育一批行业领军企业。"
    assert trim(analyze("生物医药产业聚焦哪些领域？"), text, IDF) == (0, len(text))


def test_unknown_words_weigh_like_the_rarest():
    assert coverage(["生物", "房价"], {"生物"}, IDF) == 0.5


def test_a_figure_in_another_unit_does_not_answer_a_question_that_names_its_unit():
    question = analyze("比亚迪整车项目的总投资是多少亿元？")
    assert not states_answer_kind(question, "到2025年国家级、省级集群达到8个以上。")
    assert states_answer_kind(question, "总投资1.5万亿元。") and states_answer_kind(question, "总投资90.02亿元。")
    assert states_answer_kind(analyze("新能源车要有多少辆？"), "新能源汽车保有量达到15万辆以上。")


def test_how_much_a_thing_grew_is_answered_by_a_rate_not_another_amount():
    question = analyze("广东2024年地区生产总值比上年增长了多少？")
    assert not states_answer_kind(question, "东莞长安成为全省第3个地区生产总值超千亿元镇。")
    assert states_answer_kind(question, "地区生产总值增长3.5%。")
    assert states_answer_kind(analyze("城镇新增就业增加多少万人？"), "城镇新增就业增加12万人。")


def test_a_count_of_people_may_be_written_in_bare_ten_thousands():
    assert states_answer_kind(analyze("海南入境游客有多少人？"), "其中入境游客111万、增长115.6%。")
    assert not states_answer_kind(analyze("海南入境游客有多少人？"), "入境游客消费111万元。")


def test_a_count_of_enterprises_may_be_written_in_households():
    question = analyze("2021年济南打算让多少家市属重点国有企业引入混合所有制？")
    assert states_answer_kind(question, "推动50户市属重点国有企业混合所有制改革。")
    assert not states_answer_kind(question, "混合所有制改革面达到60%。")


ROADMAP_2021 = "2021济南经济路线图出炉"
PLAN_2023 = "济南市深化新旧动能转换推动绿色低碳高质量发展三年行动计划(2023—2025年)"


def test_a_one_year_plan_dates_the_action_it_schedules():
    question = analyze("济南地铁6号线和8号线一期计划哪一年开工建设？")
    assert plan_year(ROADMAP_2021) == "2021"
    assert implied_year(question, "开工建设轨道交通6号线、8号线一期", ROADMAP_2021) == "2021"


def test_no_year_is_implied_by_a_multi_year_plan_another_action_or_another_asked_year():
    sentence = "开工建设轨道交通6号线、8号线一期"
    assert plan_year(PLAN_2023) is None
    assert implied_year(analyze("6号线哪一年开工建设？"), sentence, PLAN_2023) is None
    assert implied_year(analyze("6号线哪一年建成通车？"), sentence, ROADMAP_2021) is None
    assert implied_year(analyze("6号线2022年开工吗？什么时候开工"), sentence, ROADMAP_2021) is None
    assert implied_year(analyze("6号线定在几月份开工？"), sentence, ROADMAP_2021) is None
