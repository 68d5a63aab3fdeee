"""Each document knows what it is: place, kind, issuer, period, speaker, session and dates, read from its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.documents import Document, load_corpus
from corpus.profile import DocumentProfile, read_profile

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov-reports-2025"


def _report(name: str) -> Document:
    (doc,) = load_corpus([REPORTS / name])
    return doc


@pytest.mark.parametrize(("name", "place", "short", "english", "speaker", "session", "date"), [
    ("2025年广西政府工作报告.docx", "广西壮族自治区", "广西", "Guangxi", "蓝天立",
     "广西壮族自治区第十四届人民代表大会第三次会议", "2025-01-13"),
    ("2025年内蒙古自治区政府工作报告.docx", "内蒙古自治区", "内蒙古", "Inner Mongolia", "王莉霞",
     "内蒙古自治区第十四届人民代表大会第三次会议", "2025-01-14"),
    ("2025年上海市政府工作报告.docx", "上海市", "上海", "Shanghai", "龚正",
     "上海市第十六届人民代表大会第三次会议", "2025-01-15"),
])
def test_a_work_report_knows_its_place_session_speaker_and_date_with_offsets(name, place, short, english, speaker,
                                                                           session, date):
    doc = _report(name)
    profile = read_profile(doc)
    assert (profile.place, profile.place_short, profile.kind, profile.period) == (place, short, "政府工作报告", "2025")
    assert english in profile.place_english and profile.issuer == place + "人民政府"
    assert speaker in profile.speaker.text and doc.text[profile.speaker.start:profile.speaker.end] == profile.speaker.text
    assert profile.session.text == session and doc.text[profile.session.start:profile.session.end] == session
    (stated,) = profile.dates
    assert (stated.date, stated.event) == (date, "会议") and doc.text[stated.span.start:stated.span.end] == stated.span.text


def test_a_plan_knows_its_city_kind_period_and_issuers(tmp_path):
    (tmp_path / "plan.txt").write_text("各区县人民政府：\n现将《行动计划》印发给你们。\n一、总体要求\n到2025年，全市地区生产总值增长6%。", encoding="utf-8")
    (tmp_path / "documents.json").write_text(json.dumps(
        [{"file": "plan.txt", "title": "苏州市推动制造业高质量发展三年行动计划（2023—2025年）"}], ensure_ascii=False), encoding="utf-8")
    profile = read_profile(load_corpus([tmp_path])[0])
    assert (profile.place, profile.place_short, profile.place_level) == ("苏州市", "苏州", "市")
    assert "Suzhou" in profile.place_english
    assert (profile.kind, profile.period) == ("行动计划", "2023—2025")


def test_a_five_year_plan_covers_its_five_years(tmp_path):
    (tmp_path / "plan.txt").write_text("第一章 发展基础\n“十三五”时期，全省经济稳步增长。", encoding="utf-8")
    (tmp_path / "documents.json").write_text(json.dumps(
        [{"file": "plan.txt", "title": "湖北省国民经济和社会发展第十四个五年规划纲要"}], ensure_ascii=False), encoding="utf-8")
    assert read_profile(load_corpus([tmp_path])[0]).period is None  # 第十四个五年 is not 十四五: nothing guessed
    (tmp_path / "documents.json").write_text(json.dumps(
        [{"file": "plan.txt", "title": "湖北省“十四五”规划纲要"}], ensure_ascii=False), encoding="utf-8")
    profile = read_profile(load_corpus([tmp_path])[0])
    assert (profile.place_short, profile.kind, profile.period) == ("湖北", "规划纲要", "2021—2025")


def test_what_the_user_states_replaces_what_is_read_and_says_so(tmp_path):
    (tmp_path / "report.txt").write_text("各位代表：\n现在，我代表省人民政府，向大会报告工作。", encoding="utf-8")
    (tmp_path / "documents.json").write_text(json.dumps(
        [{"file": "report.txt", "title": "政府工作报告", "place": "重庆市", "issuer": "重庆市人民政府办公厅"}], ensure_ascii=False),
        encoding="utf-8")
    profile = read_profile(load_corpus([tmp_path])[0])
    assert (profile.place, profile.place_short, profile.issuer) == ("重庆市", "重庆", "重庆市人民政府办公厅")
    assert "Chongqing" in profile.place_english and sorted(profile.stated) == ["issuer", "place"]


def test_a_profile_survives_the_manifest_round_trip():
    profile = read_profile(_report("2025年广西政府工作报告.docx"))
    assert DocumentProfile.from_dict(json.loads(json.dumps(profile.to_dict()))) == profile
