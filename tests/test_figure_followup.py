"""Follow-ups computed from the figures earlier answers gave: differences and sums, each figure cited."""

from decimal import Decimal

from assistant.figure_followup import work_out
from assistant.sessions import Turn
from corpus.facts import Fact
from corpus.figures import magnitude_of



def fact(fact_id: str, written: str, value: str, unit: str, subject: str, metric: str | None = None,
         start: int = 0, doc_id: str = "report") -> Fact:
    base_unit = next((u.removeprefix(m) for u in (unit,) for m in ("万亿", "亿", "万") if u.startswith(m)), unit)
    base = Decimal(value) * magnitude_of(unit)
    return Fact(fact_id=fact_id, doc_id=doc_id, path=("一、回顾",), kind="figure", written=written, value=value,
                high=None, unit=unit, base_value=str(base), base_unit=base_unit, qualifier=None, time=None, year=None,
                subject=subject, metric=metric, sentence=f"{subject}{written}", start=start, end=start + len(written))


GROWTH_2024 = fact("g24", "4.8%", "4.8", "%", "全年", "增长", start=30)
GROWTH_Q4 = fact("q4", "5.6%", "5.6", "%", "四季度", "增长", start=10)
TARGET_2025 = fact("t25", "5.5%左右", "5.5", "%", "经济", "增长", start=500)
GRAIN_2024 = fact("gr24", "466亿斤", "466", "亿斤", "粮食总产量", start=40)
YIELD_2024 = fact("y24", "1050斤", "1050", "斤", "粮食单产", start=60)
GRAIN_2025 = fact("gr25", "476亿斤以上", "476", "亿斤", "粮食产量", start=700)
TRANSPORT = fact("tr", "3252亿元", "3252", "亿元", "交通", start=100)
ENERGY = fact("en", "2140亿元", "2140", "亿元", "能源", start=108)
WATER = fact("wa", "748亿元", "748", "亿元", "水利", start=116)
GRAIN_TARGET_A = fact("ga", "1285万吨", "1285", "万吨", "粮食产量", doc_id="guangdong")
GRAIN_TARGET_B = fact("gb", "1300万吨以上", "1300", "万吨", "粮食产量", doc_id="shaanxi")
FACTS = {f.fact_id: f for f in (GROWTH_2024, GROWTH_Q4, TARGET_2025, GRAIN_2024, YIELD_2024, GRAIN_2025,
                                TRANSPORT, ENERGY, WATER, GRAIN_TARGET_A, GRAIN_TARGET_B)}
PLACES = {"report": "", "guangdong": "广东", "shaanxi": "陕西"}


def turn(question: str, *facts: Fact, answered: bool = True) -> Turn:
    return Turn(question, question, "…", answered, facts=tuple(f.fact_id for f in facts))


def worked(question: str, *history: Turn):
    return work_out(question, list(history), FACTS.get, PLACES.get)


def test_a_target_against_last_years_result_is_a_gap_in_percentage_points():
    history = (turn("湖南省2024年经济增长了多少？", GROWTH_2024), turn("湖南省2024年四季度多少？", GROWTH_Q4),
               turn("湖南省今年的目标定了多少？", TARGET_2025))
    reply = worked("比去年全年实际增速高多少？", *history)
    assert reply is not None
    # 全年 points at the year's growth, not the fourth quarter's, though that answer came later
    assert "高0.7个百分点" in reply.text and reply.facts == (TARGET_2025, GROWTH_2024)
    assert "湖南省今年的目标5.5%左右" in reply.text


def test_only_amounts_of_a_like_size_are_compared():
    history = (turn("新疆2024年粮食总产量是多少？", GRAIN_2024), turn("新疆2024年单产是多少？", YIELD_2024),
               turn("新疆今年粮食总产量的目标是多少？", GRAIN_2025))
    reply = worked("比去年多多少？", *history)
    assert reply is not None and "多10亿斤" in reply.text and reply.facts == (GRAIN_2025, GRAIN_2024)
    assert worked("要比去年多产多少？", *history).facts == (GRAIN_2025, GRAIN_2024)


def test_three_amounts_one_answer_gave_are_added_up():
    history = (turn("山东省2024年交通完成投资多少？", TRANSPORT, ENERGY, WATER),
               turn("山东省2024年能源和水利多少？", TRANSPORT, ENERGY, WATER))
    reply = worked("三者合计多少？", *history)
    assert reply is not None and reply.text == "交通3252亿元、能源2140亿元、水利748亿元，合计6140亿元。"
    assert reply.facts == (TRANSPORT, ENERGY, WATER)


def test_the_figures_of_two_answers_are_added_when_the_count_is_not_said():
    history = (turn("山东交通完成投资多少？", TRANSPORT), turn("山东水利完成投资多少？", WATER))
    assert "合计4000亿元" in worked("加起来一共多少？", *history).text


def test_a_difference_without_a_direction_says_how_far_apart():
    history = (turn("山东交通完成投资多少？", TRANSPORT), turn("山东能源完成投资多少？", ENERGY))
    assert "两者相差1112亿元" in worked("两者相差多少？", *history).text


def test_a_follow_up_naming_something_new_or_without_usable_figures_is_not_computed():
    history = (turn("山东交通完成投资多少？", TRANSPORT), turn("山东能源完成投资多少？", ENERGY))
    assert worked("比浙江高多少？", *history) is None
    assert worked("两者相差多少？", turn("山东交通完成投资多少？", TRANSPORT)) is None
    assert worked("两者相差多少？", turn("山东交通完成投资多少？", TRANSPORT), turn("它的单产呢？", YIELD_2024)) is None
    assert worked("三者合计多少？", *history) is None  # two figures were given, three asked for
    assert worked("总投资是多少？", *history) is None
    # percentages are compared, never added up
    assert worked("加起来多少？", turn("增长多少？", GROWTH_2024), turn("目标呢？", TARGET_2025)) is None


def test_an_answer_that_was_declined_gives_no_figures():
    history = (turn("山东交通完成投资多少？", TRANSPORT), turn("山东能源完成投资多少？", ENERGY, answered=False))
    assert worked("两者相差多少？", *history) is None


def test_figures_asked_in_english_are_named_by_their_place_and_subject():
    history = (turn("What is Guangdong's grain output target?", GRAIN_TARGET_A), turn("How about Shaanxi?", GRAIN_TARGET_B))
    reply = worked("Which of the two is higher, and by how much?", *history)
    assert reply is not None and reply.text == "陕西粮食产量1300万吨以上，广东粮食产量1285万吨：两者相差15万吨。"


def test_two_places_added_up_take_each_places_asked_figure():
    new_zj = fact("zj4", "4个", "4", "个", "新增国家先进制造业集群", doc_id="zhejiang", start=10)
    all_zj = fact("zj8", "8个", "8", "个", "总数", doc_id="zhejiang", start=30)
    new_js = fact("js4", "4个", "4", "个", "新获批国家先进制造业集群", doc_id="jiangsu", start=10)
    all_js = fact("js14", "14个", "14", "个", "累计", doc_id="jiangsu", start=20)
    facts = {f.fact_id: f for f in (new_zj, all_zj, new_js, all_js)}
    history = [turn("浙江现在总数是多少个？", new_zj, all_zj), turn("江苏累计有多少个？", new_js, all_js)]
    reply = work_out("两省合计多少个？", history, facts.get, {"zhejiang": "浙江", "jiangsu": "江苏"}.get)
    assert reply is not None and reply.text.endswith("合计22个。") and reply.facts == (all_zj, all_js)


def test_a_difference_asked_in_a_unit_uses_the_figures_in_that_unit():
    money = fact("m", "125亿元", "125", "亿元", "投入")
    this_year = fact("n25", "40件", "40", "件", "民生实事")
    money_before = fact("m24", "100亿元", "100", "亿元", "投入")
    last_year = fact("n24", "35件", "35", "件", "民生实事")
    facts = {f.fact_id: f for f in (money, this_year, money_before, last_year)}
    history = [turn("今年办多少件民生实事？", money, this_year), turn("去年办了多少件？", money_before, last_year)]
    reply = work_out("今年比去年多几件？", history, facts.get, PLACES.get)
    assert reply is not None and "5件" in reply.text and set(reply.facts) == {this_year, last_year}


def test_a_gap_asked_in_percentage_points_after_a_comparison_uses_the_two_growths_it_gave():
    fast = fact("sx", "5.3%", "5.3", "%", "地区生产总值", "增长", doc_id="shaanxi")
    slow = fact("gd", "3.3%", "3.3", "%", "地区生产总值", "增长", doc_id="guangdong")
    facts = {f.fact_id: f for f in (fast, slow, GRAIN_TARGET_A)}
    history = [turn("广东2024年粮食产量是多少？", GRAIN_TARGET_A), turn("陕西和广东哪个增速更快？", fast, slow)]
    reply = work_out("增速差几个百分点？", history, facts.get, PLACES.get)
    assert reply is not None and "相差2个百分点" in reply.text and set(reply.facts) == {fast, slow}


def test_a_gap_asked_in_english_naming_both_places_is_computed():
    history = (turn("What is Guangdong's grain output target?", GRAIN_TARGET_A),
               turn("What is Shaanxi's grain output target?", GRAIN_TARGET_B))
    reply = worked("How much higher is Shaanxi's target than Guangdong's?", *history)
    assert reply is not None and reply.text.endswith("两者相差15万吨。")


def test_a_figure_found_by_asking_which_place_is_named_by_its_own_subject():
    lowest = fact("qh25", "4.5%左右", "4.5", "%", "地区生产总值", "增长", doc_id="shaanxi", start=500)
    actual = fact("qh24", "2.7%", "2.7", "%", "地区生产总值", "增长", doc_id="shaanxi", start=30)
    facts = {f.fact_id: f for f in (lowest, actual)}
    history = [turn("24份报告里谁的2025年GDP增长目标最低？", lowest), turn("陕西去年实际增长了多少？", actual)]
    reply = work_out("目标比去年实际高几个百分点？", history, facts.get, PLACES.get)
    assert reply is not None and "陕西地区生产总值4.5%左右" in reply.text and "低1.8个百分点" in reply.text
