"""English follow-ups pointing back at the previous question's indicator become standalone questions."""

from assistant.english_followup import follow_english
from assistant.scope import Catalogue

DOCUMENTS = [
    {"doc_id": place, "title": f"2025年{short}政府工作报告",
     "profile": {"place": f"{short}省", "place_short": short, "place_english": [english], "place_level": "省"}}
    for place, short, english in (("gd", "广东", "Guangdong"), ("js", "江苏", "Jiangsu"))
]
PLACES = Catalogue(DOCUMENTS, "").mentions


def test_its_target_keeps_the_place_and_the_indicator_and_takes_the_year_asked():
    previous = "How many new urban jobs did Guangdong create in 2024?"
    assert follow_english("And what is its target for 2025?", previous, PLACES) == \
        "What is Guangdong's target for new urban jobs in 2025?"
    assert follow_english("What was it in 2023?", previous, PLACES) == "What was Guangdong's new urban jobs in 2023?"


def test_how_much_did_it_produce_asks_the_previous_indicator_of_the_year_named():
    assert follow_english("And how much did it produce in 2024?", "What is Jiangsu's grain output target for 2025?",
                          PLACES) == "What was Jiangsu's grain output in 2024?"


def test_what_about_another_place_keeps_the_indicator_and_the_target():
    previous = "What is Guangdong's target for new urban jobs in 2025?"
    assert follow_english("What about Jiangsu's 2025 target?", previous, PLACES) == \
        "What is Jiangsu's target for new urban jobs in 2025?"
    assert follow_english("And its growth?", "What was Jiangsu's GDP in 2024?", PLACES) == \
        "What was Jiangsu's GDP growth in 2024?"


def test_a_follow_up_with_words_of_its_own_or_in_chinese_is_left_alone():
    previous = "How many ports did Guangdong build in 2024?"
    assert follow_english("What share of the national total is that?", "What was Guangdong's GDP in 2024?", PLACES) is None
    assert follow_english("And its target?", previous, PLACES) is None  # no indicator to point back at
    assert follow_english("那江苏呢？", "What was Guangdong's GDP in 2024?", PLACES) is None
    assert follow_english("What is Jiangsu's CPI target?", "What was Guangdong's GDP in 2024?", PLACES) is None
