"""Typing slips read as the documents' words: a homophone one character away, and nothing else."""

from assistant.query import analyze
from assistant.spelling import Correction, HomophoneSpeller
from corpus.tokenize import segment, tokenize, word_frequency

DOCUMENTS = "规划建设国家电投黄河流域氢能产业基地。实施中心城区路网加密专项行动。第一批重点项目。提高比重。“无废城市”建设。"


def speller(text: str = DOCUMENTS) -> HomophoneSpeller:
    return HomophoneSpeller(text, set(tokenize(text)), segment, word_frequency)


def test_a_homophone_slip_is_read_as_the_documents_word():
    assert speller().correct("黄河流域轻能产业基地是哪家企业的项目？") == (
        "黄河流域氢能产业基地是哪家企业的项目？", (Correction("轻能", "氢能"),))
    assert speller().correct("路网加秘专项行动是哪个方面的部署？")[1] == (Correction("加秘", "加密"),)
    assert speller().correct("“无费城市”建设的指标？")[0] == "“无废城市”建设的指标？"
    assert speller("建设煤炭储备基地。").correct("建设哪两个能源储被基地？")[1] == (Correction("储被", "储备"),)


def test_real_words_and_words_of_the_question_are_left_as_written():
    # 青岛 is a word the documents lack; 第一批 is whole even though 比重 sounds like 批重; 的 is grammar.
    for question in ("青岛的氢能产业基地在哪？", "第一批重点项目有多少个？", "加密的进度？"):
        assert speller().correct(question) == (question, ())


def test_a_slip_with_two_sound_alike_readings_is_not_guessed():
    one = HomophoneSpeller("结果公示。", {"公示"}, segment, word_frequency)
    two = HomophoneSpeller("结果公示。计算公式。", {"公示", "公式"}, segment, word_frequency)
    assert one.correct("何时公世？")[0] == "何时公示？"
    assert two.correct("何时公世？") == ("何时公世？", ())


def test_the_analysis_matches_on_the_repaired_words_and_keeps_what_it_read():
    analysis = analyze("黄河流域轻能产业基地是谁的？", speller().correct)
    assert "氢能" in analysis.tokens
    assert analysis.corrections == (Correction("轻能", "氢能"),)
