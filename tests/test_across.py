"""Many documents: a question finds the documents it names, declines places none governs, and compares one
indicator across all of them — over the 24 provincial reports, with the deterministic fake embedder (the answers
across documents are read from the documents' statements, not retrieved)."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api import create_app
from assistant.service import Assistant
from assistant.settings import Settings
from tests.fakes import HashingEmbedder

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov-reports-2025"
GDP_TARGET = re.compile(r"(?:生产总值|经济)增长([\d.]+[%％](?:左右|以上)?)")


def _docx_text(path: Path) -> str:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S))


def gdp_targets_read_directly() -> dict[str, str]:
    """Each report's 2025 GDP growth target, read from the Word file's XML by a regex after “预期目标”: nothing of
    the project's reading, chunking or facts is used."""
    targets = {}
    for path in sorted(REPORTS.glob("*.docx")):
        text = _docx_text(path)
        for start in (m.start() for m in re.finditer("预期目标", text)):
            if match := GDP_TARGET.search(text, start, start + 120):
                targets[path.stem] = match.group(1)
                break
    return targets


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Assistant:
    settings = Settings(home=tmp_path_factory.mktemp("reports-home"), corpus=[REPORTS], min_relevance=0.0)
    assistant = Assistant(settings, embedder_factory=lambda s: HashingEmbedder())
    assistant.warm_up()
    return assistant


def test_each_documents_value_lists_exactly_the_documents_that_state_it(reports):
    expected = gdp_targets_read_directly()
    assert len(expected) >= 20
    response = reports.ask("各省2025年地区生产总值增长目标分别是多少？")
    stated = {row.doc_id: row.printed for row in response.table if row.printed is not None}
    assert stated == expected
    for row in response.table:
        if row.printed is not None:
            assert f"{row.place}：{row.printed}" in response.answer
    text = {c.doc_id: c for c in response.citations}
    for row in response.table:  # each value's offsets point at the value as printed
        if row.printed is not None:
            citation = text[row.doc_id]
            assert citation.text[row.start - citation.start: row.end - citation.start] == row.printed


def test_the_highest_target_lists_every_tie_and_says_the_qualifiers_differ(reports):
    answer = reports.ask("哪个省份今年的经济增长目标最高？").answer
    assert "最高：海南（6%以上）、新疆（6%左右）、内蒙古（6%左右）" in answer and "按数值并列" in answer


@pytest.mark.parametrize(("question", "expected"), [
    ("目标定在5.5%左右的有哪些省份？", "吉林、宁夏、河南、浙江、湖南、甘肃、贵州"),
    ("有几个省份2025年地区生产总值增长目标定为5%以上？", "共4个：山东、江苏、河北、辽宁"),
    ("四个直辖市2025年地区生产总值增长目标分别是多少？", "重庆：没有这个地方的文档"),
    ("海南和青海2025年地区生产总值增长目标谁高？高多少？", "海南高于青海，相差1.5个百分点"),
    ("江苏和山东2024年地区生产总值谁更大？相差多少？", "江苏高于山东，相差3.84万亿元"),
    ("哪些省份2025年没有给出城镇调查失业率目标？", "江苏、湖南"),
    ("哪些省份没有把2025年居民消费价格涨幅目标写成“2%左右”？", "云南、山东、湖南"),
    ("How fast did Shandong's economy grow in 2024, and how large was its GDP?", "9.86万亿元，2024年地区生产总值增长为5.7%"),
    ("What was Shaanxi's GDP in 2024 and its growth rate?", "35538亿元，2024年地区生产总值增长为5.3%"),
    ("By how much did fixed-asset investment in Nei Mongol grow in 2024?", "内蒙古2024年固定资产投资增长为13%"),
    ("哪些省份的政府工作报告是在省人大第四次会议上作的？", "吉林、海南"),
    # things no reference indicator names are compared from each document's figure of them
    ("浙江和江苏去年办理的省人大代表建议，哪个多、多多少件？", "浙江890件，江苏748件；浙江高于江苏，相差142件"),
    ("上海、山东、广东、湖南四地去年办理人大代表建议，哪个最多？", "最高：上海（1155件）"),
    ("上海港和天津港2024年集装箱吞吐量差多少？", "上海高于天津，相差2821.6万标准箱"),
    # a subject holding all the question names (常住人口城镇化率 for 城镇化率) is the same thing
    ("宁夏和甘肃2024年城镇化率谁高？高多少？", "宁夏68.2%，甘肃56.83%；宁夏高于甘肃，相差11.37个百分点"),
    # the growth of a thing is not the ratio named like it (研发经费投入增长 is no 研发经费投入强度)
    ("河北2025年全社会研发经费投入增长目标是多少？", "全社会研发经费投入增长8%左右"),
    ("广东2024年进出口总额规模和增速是多少？", "广东2024年外贸进出口为突破9万亿元，2024年外贸进出口增长为9.8%"),
    ("北京和江苏2024年PM2.5浓度分别是多少？差多少？", "江苏32.3微克/立方米，北京30.5微克/立方米；江苏高于北京，相差1.8微克/立方米"),
    ("What growth target did Xinjiang set for its total imports and exports in 2025?", "新疆2025年外贸进出口增长目标为12%左右"),
    ("广东去年外贸一共做了多大的量？", "广东2024年外贸进出口为突破9万亿元"),
    ("青海去年物价总体涨了多少？", "青海2024年居民消费价格涨幅为0.5%"),
    # a gap of less than one of the larger unit is given in the smaller one
    ("上海和广东2024年地方一般公共预算收入谁高，高多少？", "广东高于上海，相差5125.8亿元"),
    # 总产 after 粮食增产42.2亿斤 is the output, the 增产 a change
    ("江苏和山东2024年粮食总产量谁多，多多少？", "山东1142亿斤，江苏762亿斤；山东高于江苏，相差380亿斤"),
    ("新疆去年一共打了多少粮食？", "新疆2024年粮食产量为466亿斤"),
    ("湖南今年经济打算跑多快？", "湖南地区生产总值增长目标为5.5%左右"),
    ("海南2025年政府工作报告是在哪一次人代会上作的，报告人是谁？", "会议：海南省第七届人民代表大会第四次会议"),
    # a rank asked beside a value is quoted from the same sentence
    ("甘肃去年经济增速在全国排第几？", "甘肃2024年地区生产总值增长为5.8%，增速居全国第3位"),
    ("湖南2024年研发投入强度是多少？在中部排第几？", "2.57%，居中部第2位"),
    # the urban and the rural residents asked together, in their words or the report's
    ("陕西今年城里人和农村人的收入打算各涨多少？", "城镇居民人均可支配收入增长目标为5%，农村居民人均可支配收入增长目标为6%"),
    ("海南和江西今年农村居民人均可支配收入增长目标相差多少？", "海南高于江西，相差1个百分点"),
    ("在主要预期目标中分别给出城镇和农村居民收入增速目标的省份有几个？", "共6个"),
    # a targets list goes on into the next chunk of its paragraph; "具体数字" leaves out a value in words
    ("内蒙古、宁夏、广西、新疆中，哪些自治区在2025年主要预期目标里列了粮食产量目标？", "的地方广西、新疆（4份文档中）"),
    ("有几份报告在2025年主要预期目标里写了具体的粮食产量数字？", "写明数值的地方共11份"),
    # a threshold with its own unit is compared in base units (31534亿元 is not above 10万亿元)
    ("2024年地区生产总值超过10万亿元的省份有几个？", "高于10万亿元的地方共2个：广东、江苏"),
    ("分别设定城乡居民收入增长目标的省份中，农村居民收入增速目标最高的是哪个？", "最高：海南（7.5%左右）"),
    # a question asking for something beside the indicator is answered from the sentence stating both
    ("青海2024年粮食产量和牛羊出栏各是多少？", "牛羊出栏937"),
    ("广东2024年全省研发经费支出大约多少？研发投入强度是多少？", "研发经费支出约5100亿元、研发投入强度3.6%左右"),
    # a growth and its total asked together, in either order
    ("湖南2024年全年经济增长多少、经济总量达到多少？", "湖南2024年地区生产总值为5.3万亿元，2024年地区生产总值增长为4.8%"),
])
def test_figures_are_compared_across_documents(reports, question, expected):
    response = reports.ask(question)
    assert response.answered and expected in response.answer


def test_a_place_no_document_governs_is_declined_with_the_places_covered(reports):
    response = reports.ask("重庆2025年经济增长目标是多少？")
    assert not response.answered and response.reason == "place_not_covered"
    assert response.reason_note() == "未回答的原因：问题里的地方不在收录的文档里"
    unstated = reports.ask("江苏2025年城镇调查失业率目标是多少？")
    assert not unstated.answered and unstated.reason == "measure_not_stated"
    assert response.answer.startswith("文档里没有关于重庆的内容：收录的24个地方的文档是上海、云南")
    assert not reports.ask("What is Chongqing's GDP growth target?").answered


def test_a_question_naming_a_place_is_answered_from_its_document_only(reports):
    for question in ("广西2025年GDP增长目标是多少？", "What is Guangxi's GDP growth target for 2025?"):
        response = reports.ask(question)
        assert "5%左右" in response.answer and response.documents == ["2025年广西政府工作报告"]
        assert {c.doc_id for c in response.citations} == {"2025年广西政府工作报告"}


def test_in_a_conversation_the_place_changes_and_the_measure_stays(reports):
    first = reports.ask("江苏2025年GDP增长目标是多少？")
    second = reports.ask("那浙江呢？", first.session_id)
    assert second.rewritten_question == "浙江2025年GDP增长目标是多少？" and "5.5%左右" in second.answer
    third = reports.ask("就业目标呢？", first.session_id)
    assert third.rewritten_question.startswith("浙江2025年") and "100万人以上" in third.answer
    fourth = reports.ask("那四川呢？", first.session_id)
    assert not fourth.answered and "没有关于四川" in fourth.answer


def test_a_follow_up_about_a_measure_of_the_indicator_keeps_its_place_and_year(reports):
    first = reports.ask("甘肃2024年地区生产总值是多少？")
    second = reports.ask("增速在全国排第几？", first.session_id)
    assert second.rewritten_question == "甘肃2024年地区生产总值增速在全国排第几？" and "第3位" in second.answer
    third = reports.ask("陕西的总量呢？", first.session_id)
    assert third.rewritten_question.startswith("陕西2024年地区生产总值总量") and "35538亿元" in third.answer
    growth = reports.ask("湖南2024年经济总量是多少？")
    assert reports.ask("增速呢？", growth.session_id).rewritten_question == "湖南2024年经济增速是多少？"


@pytest.mark.parametrize(("question", "section"), [
    ("海南报告中关于封关运作准备的2025年部署出现在哪个部分？", "「三、2025年工作安排 › （一）着力推动自贸港建设进入新阶段」"),
    # the lead of the paragraph the sentence stands in (一是聚力打好稳增长阵地战，…), found back across its chunks
    ("甘肃报告在哪一部分提到兰州中川机场旅客吞吐量突破1700万人次？", "“聚力打好稳增长阵地战”一段"),
    ("山东报告里关于海洋经济的部署在哪一部分？", "「三、2025年重点工作 › （六）在发展壮大现代海洋经济上下功夫、求实效」"),
])
def test_where_a_report_sets_out_its_years_work_is_found_in_the_sections_about_that_year(reports, question, section):
    response = reports.ask(question)
    assert response.answered and section in response.answer


@pytest.mark.parametrize(("question", "expected", "section"), [
    ("青海2025年农牧区劳动力转移就业的目标是多少？", "106万人次以上", "二、2025年目标任务和重点工作"),
    ("海南去年来了多少入境游客？", "111万", "一、2024年工作回顾"),
    ("山东今年准备让城镇多出多少就业岗位？", "110万人以上", "二、2025年工作总体要求和主要目标"),
    ("上海2025年重大工程计划完成多少投资？", "2400亿元", "二、2025年主要任务"),
])
def test_a_question_about_this_year_or_last_is_answered_from_the_sections_about_that_year(reports, question, expected,
                                                                                          section):
    response = reports.ask(question)
    assert response.answered and expected in response.answer and section in response.answer


def test_a_follow_up_naming_a_measure_the_answer_gave_asks_it_of_the_same_thing(reports):
    first = reports.ask("浙江“千项万亿”重大项目去年有多少个？")
    assert "1299个重大项目" in first.answer
    second = reports.ask("完成投资呢？", first.session_id)
    assert second.rewritten_question == "浙江“千项万亿”重大项目去年的完成投资是多少？" and "1.4万亿元" in second.answer


def test_a_follow_up_keeps_what_follows_the_place_and_a_complete_question_starts_anew(reports):
    first = reports.ask("上海港2024年集装箱吞吐量是多少？")
    second = reports.ask("那天津港呢？", first.session_id)
    assert second.rewritten_question == "天津港2024年集装箱吞吐量是多少？" and "2329万标准箱" in second.answer
    higher = reports.ask("哪个更高？", first.session_id)  # the places of the last two turns, for a thing of any kind
    assert higher.rewritten_question == "上海和天津港2024年集装箱吞吐量哪个更高？" and "上海高于天津" in higher.answer
    third = reports.ask("内蒙古2024年新能源装机规模达到多少？", first.session_id)
    assert third.rewritten_question == "内蒙古2024年新能源装机规模达到多少？" and "1.35亿千瓦" in third.answer


def test_one_item_of_a_list_the_previous_turn_asked_is_answered_with_its_citation(reports):
    first = reports.ask("湖南提出的“七大攻坚”有哪些？")
    second = reports.ask("第二项是什么？", first.session_id)
    assert second.rewritten_question == "湖南“七大攻坚”的第二项是什么？"
    assert second.answer.endswith("的第2项是：产业育新培强。")
    (citation,) = second.citations
    assert citation.text[citation.highlight[0] - citation.start: citation.highlight[1] - citation.start] == "产业育新培强"


def test_an_item_of_an_annex_list_is_read_from_its_headings_and_a_follow_up_points_at_it(reports):
    first = reports.ask("云南省2025年10件惠民实事的第一件是什么？")
    assert first.answer.endswith("的第1项是：稳定和扩大就业。")
    assert first.citations[0].section == "附件 2025年10件惠民实事 › 一、稳定和扩大就业"  # as printed, with its annex
    third = reports.ask("第三项是什么？", first.session_id)
    assert third.answer.endswith("的第3项是：实施银龄人才计划。")  # the heading as printed
    assert reports.ask("这一项今年要引进留用多少人？", first.session_id).rewritten_question == \
        "云南省实施银龄人才计划今年要引进留用多少人？"


def test_the_parts_a_section_announces_are_its_sub_headings(reports):
    for question in ("河南2025年重点工作分哪几个方面？", "河南2025年重点抓好的十个方面工作是哪些？"):
        response = reports.ask(question)
        assert "：全方位扩大内需、科技创新和产业创新深度融合、" in response.answer and "\n10. 发展和安全良性互动" in response.answer
        assert len(response.citations) == 10


def test_each_places_value_and_their_sum_when_it_is_asked(reports):
    response = reports.ask("东北三省2024年粮食产量各是多少？报告里有的加起来是多少？")
    assert "吉林：853.2亿斤" in response.answer and "辽宁：500.1亿斤" in response.answer
    assert response.answer.endswith("写明的2个数值合计1353.3亿斤。")
    assert "合计" not in reports.ask("东北三省2024年粮食产量各是多少？").answer


def test_a_quoted_name_is_not_read_as_the_indicator_it_contains(reports):
    response = reports.ask("广东今年的十件民生实事里，要建多少个“就业驿站”？")
    assert "122个“就业驿站”" in response.answer and "110万人" not in response.answer


def test_an_abbreviations_items_are_the_words_set_into_its_stem(reports):
    response = reports.ask("海南的“五向图强”具体是哪五个方向？")
    assert "：向种图强、向海图强、向天图强、向数图强、向绿图强。" in response.answer


def test_that_year_in_an_english_follow_up_is_the_previous_questions_year(reports):
    first = reports.ask("How much cotton did Xinjiang produce in 2024?")
    second = reports.ask("And what was its total grain output that year?", first.session_id)
    assert "in 2024" in second.rewritten_question and "Xinjiang" in second.rewritten_question


def test_where_a_named_list_is_set_out_is_the_section_whose_heading_names_it(reports):
    response = reports.ask("广东2025年省十件民生实事的具体清单在报告哪里？")
    assert "「附件1 2025年省十件民生实事」部分" in response.answer
    assert response.citations[0].section.startswith("附件1 2025年省十件民生实事")
    # a term no heading names is left to retrieval
    assert "附件" not in reports.ask("湖南“七大攻坚”在报告哪一部分？").answer


def test_a_difference_or_a_sum_of_earlier_answers_is_computed_from_their_figures(reports):
    first = reports.ask("吉林省2024年粮食总产量是多少？")
    reports.ask("今年目标是多少？", first.session_id)
    more = reports.ask("要比去年多产多少？", first.session_id)
    assert "前者比后者多26.8亿斤" in more.answer and {f.written for f in more.facts} == {"853.2亿斤", "880亿斤以上"}
    assert len(more.citations) == 2 and more.follow_up
    growth = reports.ask("河南省2024年生产总值是多少？增长多少？")
    assert reports.ask("今年的增长目标呢？", growth.session_id).rewritten_question == "河南省今年生产总值增长目标多少？"
    assert "高0.4个百分点" in reports.ask("比去年实际增速高多少？", growth.session_id).answer
    where = reports.ask("这个目标在报告哪部分？", first.session_id)  # the target, not the computed difference
    assert where.rewritten_question == "吉林省今年粮食总产量目标在报告哪部分？" and "2025年" in where.answer


def test_a_list_term_one_document_holds_is_listed_from_it_and_its_items_may_hold_figures(reports):
    metals = reports.ask("报告里说的10种有色金属有哪些？")
    assert "所说的“10种有色金属”是：铜、铅、锌" in metals.answer
    assert reports.ask("第二种是什么？", metals.session_id).answer.endswith("第2项是：铅。")
    count = reports.ask("山西今年要办几件民生实事？")
    second = reports.ask("第二件是什么？", count.session_id)
    assert second.answer.endswith("第2项是：为2万名高危人群进行上消化道健康筛查。")
    about = reports.ask("江西今年10件民生实事里跟养老有关的是哪一件？")  # an item picked by its content
    assert about.answer.endswith("第4项是：提升城市居家社区和农村养老服务能力。")


def test_the_places_no_document_covers_are_named_from_the_group_asked(reports):
    answer = reports.ask("全国31个省区市中，有几个省份的报告不在这批文件里？").answer
    assert answer.startswith("全国31个省区市中，文档没有收录的共7个：") and "西藏" in answer and "广东" not in answer
    assert reports.ask("西部地区有哪些省份的报告没有收录？").answer.startswith("西部中，文档没有收录的共3个")


def test_where_a_term_stands_is_the_body_setting_it_out_not_the_note_explaining_it(reports):
    answer = reports.ask("广东报告在哪部分提出要弘扬“岳山造林”光荣传统？").answer
    assert "（八）深入推进绿美广东生态建设" in answer and "名词解释 ›" not in answer


def test_items_announced_before_a_colon_start_right_after_it(reports):
    answer = reports.ask("内蒙古在发展新能源产业上提出要重点抓好哪五件事？").answer
    assert "1. 加快发展新型储能" in answer and "5. 做好新能源运维服务业" in answer


def test_a_total_is_given_with_the_growth_printed_beside_it(reports):
    answer = reports.ask("上海2024年一般公共预算收入是多少？").answer
    assert "8374.2亿元" in answer and "增长为0.7%" in answer


def test_a_bare_follow_up_takes_the_previous_subject_unless_it_names_a_thing_of_its_own(reports):
    first = reports.ask("上海说的三大先导产业是哪几个？")
    size = reports.ask("规模有多大？", first.session_id)
    assert size.rewritten_question == "上海说的三大先导产业规模有多大？"
    growth = reports.ask("吉林2025年固定资产投资增长目标是多少？")
    other = reports.ask("吉林去年产业投资增长多少？", growth.session_id)
    assert other.rewritten_question == "吉林去年产业投资增长多少？" and "10.1％" in other.answer
    grain = reports.ask("辽宁2025年粮食产量目标是多少？")
    assert reports.ask("辽宁去年实际产了多少？", grain.session_id).rewritten_question == "辽宁去年粮食产量实际产了多少？"


def test_in_a_conversation_the_place_carries_into_a_question_naming_none(reports):
    first = reports.ask("湖南2024年研发投入强度是多少？")
    second = reports.ask("高新技术企业有多少家？", first.session_id)
    assert second.rewritten_question == "湖南高新技术企业有多少家？" and "1.75万家" in second.answer
    urban = reports.ask("甘肃2025年常住人口城镇化率目标是多少？")
    last = reports.ask("甘肃去年是多少？", urban.session_id)
    assert last.rewritten_question == "甘肃去年常住人口城镇化率是多少？" and "56.83%" in last.answer


def test_both_places_of_the_last_two_turns_are_compared(reports):
    first = reports.ask("河南2025年经济增长目标是多少？")
    reports.ask("那河北呢？", first.session_id)
    both = reports.ask("两者差多少？", first.session_id)
    assert both.rewritten_question == "河南和河北2025年经济增长目标差多少？"
    assert "河南高于河北，相差0.5个百分点" in both.answer


def test_a_follow_up_about_the_whole_province_stays_in_its_document(reports):
    first = reports.ask("海南去年接待了多少入境游客？")
    second = reports.ask("那全省接待游客总体增长多少？", first.session_id)
    assert second.rewritten_question == "海南全省接待游客总体增长多少？" and "8%" in second.answer
    assert {c.doc_id for c in second.citations} == {"2025年海南省政府工作报告"}


def test_a_reports_date_session_and_speaker_are_quoted_from_its_opening(reports):
    response = reports.ask("广西2025年政府工作报告是哪天在什么会议上作的？作报告的是谁？")
    assert "2025年1月13日" in response.answer and "广西壮族自治区第十四届人民代表大会第三次会议" in response.answer
    assert "蓝天立" in response.answer
    quoted = [c.text[c.highlight[0] - c.start: c.highlight[1] - c.start] for c in response.citations]
    assert {"2025年1月13日", "自治区主席 蓝天立", "广西壮族自治区第十四届人民代表大会第三次会议"} <= set(quoted)
    assert "吉林省第十四届人民代表大会第四次会议" in reports.ask("吉林这份报告是哪天在什么会上作的？").answer
    assert "第四次会议" in reports.ask("吉林是在人代会第几次会议上作的？").answer


def test_ask_takes_document_ids_and_facts_filter_by_place_and_indicator(reports):
    with TestClient(create_app(reports.settings, reports, with_ui=False)) as client:
        body = client.post("/ask", json={"question": "2025年地区生产总值增长目标是多少？",
                                         "documents": ["2025年青海省政府工作报告", "2025年海南省政府工作报告"]}).json()
        assert [row["place"] for row in body["table"]] == ["青海", "海南"]  # in the order asked
        missing = client.post("/ask", json={"question": "目标是多少？", "documents": ["no-such-report"]})
        assert missing.status_code == 404 and "no such document: 'no-such-report'" in missing.json()["detail"]
        facts = client.get("/facts", params={"place": "Hainan", "indicator": "GDP增长"}).json()
        assert {f["doc_id"] for f in facts["facts"]} == {"2025年海南省政府工作报告"}
        assert "6%以上" in [f["written"] for f in facts["facts"]]
        csv = client.get("/facts", params={"place": "海南", "indicator": "经济增长", "format": "csv"})
        assert csv.headers["content-type"].startswith("text/csv") and "6%以上" in csv.text
        unknown = client.get("/facts", params={"place": "重庆"})
        assert unknown.status_code == 404 and "no document governs '重庆'" in unknown.json()["detail"]


def test_which_documents_mention_a_term_lists_each_with_where_it_first_does(reports):
    response = reports.ask("哪些省份提到了低空经济？")
    holding = {p.stem for p in sorted(REPORTS.glob("*.docx")) if "低空经济" in _docx_text(p)}
    assert {c.doc_id for c in response.citations} == holding
    assert f"提到“低空经济”的有{len(holding)}份" in response.answer
    # asked with the term in quotes the reports do not print, and with no noun after 多少份
    assert f"提到“低空经济”的有{len(holding)}份" in reports.ask("这些报告里有多少份提到了“低空经济”？").answer
    for citation in response.citations:
        start, end = citation.highlight
        assert citation.text[start - citation.start: end - citation.start] == "低空经济"


@pytest.mark.parametrize(("question", "items"), [
    ("甘肃报告中高质量发展“六场战役”指哪六场？", ["稳增长阵地战", "调结构突围战", "促改革攻坚战", "扩开放主动战", "惠民生持久战", "防风险保卫战"]),
    ("湖南报告提出的“七大攻坚”具体是哪七项？", ["内需扩量提效", "产业育新培强", "科技创新赋能", "改革开放深化", "环境优化提升",
                                       "安全强基固本", "民生补短提质"]),
    ("吉林2024年挂牌运行的3个省实验室是哪几个？", ["长白山", "三江", "吉光"]),
    # items named by the term's head word, in the clause that names it
    ("宁夏报告要求打好的“六个攻坚战”分别是什么？", ["投资消费稳定增长攻坚战", "特色优势产业升级攻坚战", "重点领域改革开放攻坚战",
                                      "能源安全绿色发展攻坚战", "数字经济深度融合攻坚战", "市场主体提质增效攻坚战"]),
    # a definition after “，即”; one run of 一是…十是 that stops where the numbering starts again
    ("宁夏报告提出坚决做到的“六个严防”是哪六个？", ["严防发生新增政府隐性债务", "严防发生新的工资拖欠", "严防发生脱贫人员返贫",
                                     "严防发生因群众生活困难而突破道德底线事件", "严防发生重大安全事故", "严防发生各类突发极端事件"]),
    ("广东2025年的十件民生实事分别是什么？", ["为老年人提供健康管理、医养结合服务和提升养老机构服务水平", "提升困难群众兜底保障和关爱服务水平",
                                 "为重点群体提供稳定就业保障和温馨暖心服务", "提升县域基础教育教学水平和提高特殊教育经费保障标准",
                                 "为孕产妇、新生儿提供出生缺陷筛查服务和增加普惠托育服务供给", "扎实推进城镇和农村生活污水治理",
                                 "深入推进“四好农村路”和高速公路服务配套建设", "提升县域医疗服务水平和完善居民医保激励机制",
                                 "提升食品、药品安全抽检水平和开展放心消费活动", "为青少年提供更加普惠专业的心理健康服务"]),
    # sentences that open with the same word (聚焦封关运作，…聚焦投资扩容，…), across a break between chunks
    ("海南2024年的七大攻坚战聚焦了哪些方面？", ["封关运作", "投资扩容", "旅游消费", "补链强链", "营商环境", "金融提质", "外资外贸"]),
    # a 和 inside an item when splitting there would give more than announced; a quoted name inside an item stays
    ("江西报告提到的“三大工程”建设具体是哪三项？", ["保障性住房建设", "“平急两用”公共基础设施建设", "城中村改造"]),
    ("江西2025年的10件民生实事包括哪些内容？", ["加大重点群体就业创业扶持力度", "提高困难群众救助保障水平", "提升残疾人关爱服务水平",
                                    "提升城市居家社区和农村养老服务能力", "开展肺癌筛查和早期干预", "推进普惠托育服务体系建设",
                                    "推进“可躺式”课桌椅进校园试点工作", "提高农村义务教育学校学生上学交通服务保障水平",
                                    "开展食品安全“你点我检”“你送我检”工作", "推进“口袋体育公园”建设"]),
])
def test_a_list_announced_by_a_count_is_answered_with_its_items_each_cited(reports, question, items):
    response = reports.ask(question)
    assert response.answered and "：" + "、".join(items) in response.answer
    quoted = "".join(c.text[c.highlight[0] - c.start: c.highlight[1] - c.start] for c in response.citations)
    assert all(item in quoted for item in items)
