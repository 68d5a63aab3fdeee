"""Outline parsing of the shipped documents: headings, passages, boilerplate dropped, exact offsets."""

import re

from corpus.outline import parse_outline
from tests.conftest import PLAN_ID, REPORT_ID

CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[ones - 1] if ones else "")


def test_plan_has_ten_parts_and_fifty_tasks_in_order(documents):
    outline = parse_outline(PLAN_ID, documents[PLAN_ID].text)
    parts = [h for h in outline.headings if re.match(r"^[一二三四五六七八九十]+、", h.label)]
    tasks = [h for h in outline.headings if h.level == 2]
    assert [p.label.split("、")[0] for p in parts] == list(CN)
    assert [t.label[1 : t.label.index(")")] for t in tasks] == [cn_number(n) for n in range(1, 51)]
    assert tasks[21].label == "(二十二)塑强中心城市功能"


def test_plan_summary_points_and_notice_are_found(documents):
    labels = [h.label for h in parse_outline(PLAN_ID, documents[PLAN_ID].text).headings]
    assert [label[:3] for label in labels if label.startswith("重点")] == [f"重点{c}" for c in CN]
    assert any("关于印发" in label and label.endswith("的通知") for label in labels)
    assert "济南市深化新旧动能转换 推动绿色低碳高质量发展三年行动计划 (2023—2025年)" in labels


def test_ocr_dash_of_part_one_reads_as_one(documents):
    labels = [h.label for h in parse_outline(PLAN_ID, documents[PLAN_ID].text).headings]
    assert "一、聚力推动科技自立自强,在高水平创新型城市建设上先行一步" in labels


def test_heading_and_passage_offsets_are_exact(documents):
    for doc in documents.values():
        outline = parse_outline(doc.doc_id, doc.text)
        for passage in outline.passages:
            assert doc.text[passage.start : passage.end] == passage.text
        for heading in outline.headings:
            assert doc.text[heading.start : heading.end].strip() == doc.text[heading.start : heading.end]


def test_task_passages_sit_under_part_and_task(documents):
    outline = parse_outline(PLAN_ID, documents[PLAN_ID].text)
    task = next(p for p in outline.passages if p.text.startswith("(二十二)"))
    assert task.section == "五、聚力发挥中心城市作用,在服务和落实区域战略上先行一步 › (二十二)塑强中心城市功能"


def test_report_has_title_lead_and_eight_two_line_themes(documents):
    outline = parse_outline(REPORT_ID, documents[REPORT_ID].text)
    labels = [h.label for h in outline.headings]
    assert labels[0] == "2021济南经济路线图出炉"
    assert labels[1] == "高水平推进新旧动能转换起步区建设 加快社保“一卡通”等公共服务一体化"
    assert len(labels) == 9 and all(" " in label for label in labels[1:])
    assert outline.passages[0].kind == "lead" and outline.passages[0].path[-1] == "导读"


def test_boilerplate_is_not_content(documents):
    text = " ".join(p.text for p in parse_outline(REPORT_ID, documents[REPORT_ID].text).passages)
    assert "免责声明" not in text and "写稿" not in text and "所属栏目" not in text


def test_generic_numbering_and_unnumbered_documents():
    text = "第一章 总则\n第一条 为了规范管理，制定本办法。\n1. 适用范围包括全市。\n(1) 工业企业。\n"
    outline = parse_outline("x", text)
    assert [h.level for h in outline.headings] == [1, 2, 3, 4]
    plain = parse_outline("y", "第一段内容很长，说明了情况。\n\n第二段也有内容。")
    assert [p.path for p in plain.passages] == [("导语",), ("导语",)]


def test_headings_are_shown_as_printed_and_matched_normalised():
    outline = parse_outline("x", "二、2025年工作安排\n（八）办好民生实事，增进福祉\n加强基本民生保障。\n")
    passage = outline.passages[0]
    assert passage.path == ("二、2025年工作安排", "(八)办好民生实事,增进福祉")
    assert passage.section == "二、2025年工作安排 › （八）办好民生实事，增进福祉"


def test_a_numbered_heading_right_under_a_part_keeps_the_part_as_parent_of_all_its_siblings():
    text = "名词解释\n1.“两重”：国家重大战略实施。\n2.“两新”：大规模设备更新。\n"
    paths = [p.path[-2:] for p in parse_outline("x", "一、回顾\n正文。\n" + text).passages[1:]]
    assert paths == [("名词解释", "1.“两重”:国家重大战略实施"), ("名词解释", "2.“两新”:大规模设备更新")]


def test_an_annex_list_of_numbered_headings_sits_under_the_annex_title():
    text = ("一、2024年工作回顾\n经济平稳。\n二、2025年工作安排\n办好10件惠民实事。\n"
            "附件\n2025年10件惠民实事\n一、稳定和扩大就业\n年度目标：新增就业50万人。\n二、实施银龄人才计划\n年度目标：引进3600名。\n")
    passages = parse_outline("x", text).passages
    assert [p.printed for p in passages[-2:]] == [("附件 2025年10件惠民实事", "一、稳定和扩大就业"),
                                                 ("附件 2025年10件惠民实事", "二、实施银龄人才计划")]
    assert passages[1].path == ("二、2025年工作安排",)  # the body's own parts stay top-level
