"""Query analysis: what kind of answer a question wants, synonyms, years."""

from assistant.query import analyze, asked_measure, has_quantity, in_asked_years, years_in


def test_colloquial_and_english_words_map_to_document_terms():
    assert "新能源汽车" in analyze("到2025年济南新能源车要有多少辆？").tokens
    assert "地区生产总值" in analyze("What is Jinan's GDP target for 2025?").tokens
    assert "人均地区生产总值" in analyze("平均每个人摊到的GDP是多少钱？").document_terms
    assert "新增贷款" in analyze("银行新放出去的贷款有多少？").document_terms
    assert "政府债务" in analyze("为了缓解政府欠债的压力发了多少债券？").document_terms


def test_a_question_about_where_in_the_report_asks_for_a_section():
    assert analyze("十件民生实事的清单在报告哪里？").wants_place
    assert not analyze("新能源汽车产业园建在哪里？").wants_place


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


def test_a_line_number_question_is_not_a_date_question():
    assert not analyze("要推进城市轨道交通几号线作为过河通道？").wants_time
    assert analyze("经济工作会议是几号召开的？").wants_time


def test_a_target_that_is_a_thing_is_not_a_figure_question():
    assert not analyze("2021年济南的目标是打造什么“之都”？").wants_number
    assert analyze("到2025年人才总量目标是多少？").wants_number


def test_in_which_year_asks_for_a_time_not_a_place_in_the_plan():
    question = analyze("济南计划在哪一年实现碳达峰？")
    assert question.wants_time and not question.wants_place
    assert analyze("这项工作在哪一部分？").wants_place


def test_traditional_characters_are_read_as_simplified():
    assert "中国氢谷" in analyze("「中國氫谷」建設要吸引哪些東西落地？").tokens


def test_year_ranges_cover_the_years_between():
    assert years_in("三年行动计划(2023—2025年)") == {"2023", "2024", "2025"}
    question = analyze("2021年要加快建设哪些高速公路？")
    assert in_asked_years(question, "加快济青中线等高速公路建设。", "2021济南经济路线图出炉 › 交通")
    assert not in_asked_years(question, "推进济南至微山等高速公路项目规划建设。", "三年行动计划(2023—2025年) › 交通")


def test_english_questions_about_a_length_or_a_share_ask_for_an_amount():
    assert analyze("How long was Hunan's expressway network at the end of 2024?").wants_number
    assert analyze("What share of days had good air quality?").wants_number


def test_the_asked_measure_is_no_time_and_no_generic_ending():
    assert asked_measure(analyze("内蒙古2024年新能源装机规模达到多少？")) == "装机"
    assert asked_measure(analyze("重大项目去年有多少个？")) == "重大项目"
    assert has_quantity("备案上线大模型105款") and not has_quantity("6号线")


def test_a_heading_looking_back_is_about_the_year_before_the_titles():
    question = analyze("广西2024年空气质量优良天数比率是多少？")
    assert in_asked_years(question, "空气质量优良天数比率97.1%。", "2025年广西政府工作报告 › 一、过去一年工作回顾\n…")
    assert not in_asked_years(question, "空气质量优良天数比率97.1%。", "2025年广西政府工作报告 › 二、2025年工作安排\n…")


def test_the_asked_measure_is_the_word_before_a_closing_how_much():
    assert asked_measure(analyze("到2025年济南常住人口城镇化率要达到多少？")) == "城镇化率"
    assert asked_measure(analyze("到2025年人才总量目标是多少？")) == "人才总量"
    assert asked_measure(analyze("民生领域有多少重点项目？")) is None
    assert asked_measure(analyze("投行化招商机制属于哪项任务？")) is None


def test_a_few_of_something_is_not_a_question_about_how_many():
    assert not analyze("以后在省会周边几个城市之间坐公交，优惠能不能通用？").wants_number
    assert not analyze("那几家企业要建什么项目？").wants_number
    assert analyze("济南有几个国家级产业集群？").wants_number


def test_a_word_of_change_is_not_the_asked_measure():
    assert asked_measure(analyze("2021年济南常住人口和户籍人口城镇化率的提升目标是多少?")) == "城镇化率"
    assert asked_measure(analyze("2021年济南常住人口和户籍人口城镇化率各要提高多少?")) == "城镇化率"


def test_the_asked_measure_is_found_before_a_compound_unit():
    assert asked_measure(analyze("行动计划里的抽水蓄能电站装机容量是多少万千瓦？")) == "装机容量"
    assert asked_measure(analyze("农村承包地第二轮到期以后，还能再续多少年？")) is None
