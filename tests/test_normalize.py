"""Normalisation: NFKC, variant and OCR characters, and the map back to original offsets."""

from corpus.normalize import normalize, normalize_query


def test_variant_and_ocr_characters_are_fixed():
    assert normalize("髙标准建设,计划2023年新幵工,历史遺留矿山,都市圏,起歩区,透明质駿").text == (
        "高标准建设,计划2023年新开工,历史遗留矿山,都市圈,起步区,透明质酸"
    )


def test_full_width_forms_become_half_width_and_lower_case():
    assert normalize("ＧＤＰ２０２５年，达到１５万辆").text == "gdp2025年,达到15万辆"


def test_spaces_between_cjk_characters_are_dropped_but_offsets_map_back():
    original = "各部 门,市属 ABC 单位"
    norm = normalize(original)
    assert norm.text == "各部门,市属 abc 单位"
    start = norm.text.index("部门")
    a, b = norm.to_original(start, start + 2)
    assert original[a:b] == "部 门"


def test_offsets_of_every_character_point_back_to_its_source():
    original = "（一）构建髙能级创新平台。"
    norm = normalize(original)
    for i, ch in enumerate(norm.text):
        a, b = norm.to_original(i, i + 1)
        assert normalize(original[a:b]).text == ch


def test_query_is_trimmed():
    assert normalize_query("  新能源汽车？ ") == "新能源汽车?"
