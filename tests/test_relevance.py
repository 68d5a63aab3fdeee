"""Whether the documents cover a question: foreign places and years, similarity and lexical support."""

import pytest

from assistant.query import analyze
from assistant.answer import IdfTable, matchable_tokens
from assistant.relevance import (
    KnownWords, Thresholds, excerpt_fits, foreign_terms, is_close_paraphrase, is_covered, is_english, proper_names,
    unknown_measure_nouns,
)
from corpus.tokenize import tokenize
from corpus.vocabulary import spellings

TEXT = "济南 到2025年新能源汽车保有量达到15万辆以上 2023年 地区生产总值"


def known(text: str) -> KnownWords:
    return KnownWords(text, spellings(tokenize(text)))


CORPUS = known(TEXT)


def test_other_cities_and_uncovered_years_are_foreign():
    assert foreign_terms(analyze("青岛到2025年新能源汽车保有量是多少？"), CORPUS) == ["青岛"]
    assert foreign_terms(analyze("济南2030年新能源汽车保有量？"), CORPUS) == ["2030年"]
    assert foreign_terms(analyze("What is Qingdao's 2025 GDP target?"), CORPUS) == ["Qingdao"]
    assert foreign_terms(analyze("What is Jinan's GDP target for 2025?"), CORPUS) == []


def test_covered_needs_similarity_and_lexical_support():
    question = analyze("济南2025年新能源汽车保有量？")
    limits = Thresholds(min_dense=0.8, min_context_coverage=0.3)
    assert is_covered(question, CORPUS, 0.9, 0.6, limits)
    assert not is_covered(question, CORPUS, 0.79, 0.6, limits)
    assert not is_covered(question, CORPUS, 0.95, 0.1, limits)


def test_a_pinyin_name_the_corpus_writes_in_chinese_is_not_foreign():
    corpus = known(TEXT + " 加快建设广安门医院济南医院")
    question = analyze("Jinan will build a hospital linked to Guang'anmen Hospital. What is it called?")
    assert foreign_terms(question, corpus) == []
    assert foreign_terms(question, CORPUS) == ["Guang'anmen"]
    assert foreign_terms(analyze("What is Qingdao's GDP target?"), corpus) == ["Qingdao"]


def test_capitalised_english_words_are_foreign_only_when_they_spell_a_chinese_place():
    corpus = known(TEXT + " 华为三大创新中心")
    assert foreign_terms(analyze("Hosting the International Spring Festival boosts which title of Jinan?"), corpus) == []
    assert foreign_terms(analyze("How many Huawei (华为) innovation centers are planned?"), corpus) == []
    assert foreign_terms(analyze("What does Zhengzhou plan for 2025?"), corpus) == ["Zhengzhou"]


def test_a_district_the_tagger_does_not_know_as_a_place_is_foreign():
    assert foreign_terms(analyze("历城区现在的常住人口有多少？"), CORPUS) == ["历城区"]
    assert foreign_terms(analyze("哪个区的地区生产总值最高？"), CORPUS) == []


def test_english_questions_get_the_lower_dense_floor_and_drop_words_the_corpus_never_uses():
    limits = Thresholds(min_dense=0.8, min_context_coverage=0.3, min_dense_english=0.75)
    english = analyze("Which satellite constellation is named next to 北斗导航?")
    assert is_english(english.question) and not is_english("2025年新能源汽车保有量目标是多少？")
    assert is_covered(english, CORPUS, 0.78, 0.9, limits)
    assert not is_covered(analyze("北斗导航旁边列的是哪个卫星星座？"), CORPUS, 0.78, 0.9, limits)
    assert matchable_tokens(("satellite", "北斗", "2025"), {"北斗": 1.0}) == ("北斗", "2025")


def test_company_names_are_found():
    assert proper_names("比亚迪新能源汽车整车项目在济南的总投资是多少亿元？") == ["比亚迪"]


def test_ordinals_the_corpus_never_uses_are_foreign():
    corpus = known(TEXT + " 第一批1301个重点项目")
    assert foreign_terms(analyze("济南第二批重点项目有多少个？"), corpus) == ["第二批"]
    assert foreign_terms(analyze("第一批重点项目有多少个？"), corpus) == []


def test_common_words_the_tagger_takes_for_places_are_not_foreign():
    assert foreign_terms(analyze("中国氢谷要吸引哪些东西落地？"), CORPUS) == []
    assert foreign_terms(analyze("东西南北各方向分别要打造成什么样的城市？"), known(TEXT + " 城市")) == []


IDF = IdfTable({"济南": 0.0, "济南市": 0.4, "南市": 0.4, "港口": 4.6, "天津港": 4.6, "总投资": 1.2, "比亚迪": 4.6, "城镇化率": 4.6, "常住人口": 3.0})
PORTS = "强化与省内各港口及天津港、黄骅港等互联互通与全面合作。"


def test_a_paraphrase_is_answered_by_a_close_sentence_sharing_a_distinctive_word():
    question = analyze("济南除了省里的港口，还想跟哪两个港口多打交道？")
    assert is_close_paraphrase(question, PORTS, 0.91, IDF, Thresholds())
    assert not is_close_paraphrase(question, PORTS, 0.85, IDF, Thresholds())
    assert not is_close_paraphrase(analyze("济南现在的房价每平米多少钱？"), "济南将推进总投资3110.49亿元的重点项目。",
                                   0.95, IDF, Thresholds())


def test_a_paraphrase_naming_a_company_needs_a_sentence_naming_it():
    question = analyze("比亚迪新能源汽车整车项目在济南的总投资是多少亿元？")
    assert not is_close_paraphrase(question, "济南将推进总投资3110.49亿元的重点项目。", 0.95, IDF, Thresholds())


def test_an_excerpt_must_give_the_asked_measure_and_share_a_distinctive_word():
    question = analyze("到2025年济南常住人口城镇化率要达到多少？")
    context = "三年行动计划(2023—2025年) › 塑强中心城市功能\n…"
    assert not excerpt_fits(question, "到2025年全市常住人口力争达到1000万人。", context, IDF, Thresholds())
    assert excerpt_fits(question, "到2025年常住人口城镇化率达到75%。", context, IDF, Thresholds())
    assert not excerpt_fits(analyze("济南市现任市长是谁？"), "济南市人民政府。", context, IDF, Thresholds())


def test_a_share_or_an_output_may_be_stated_without_its_name():
    idf = IdfTable({w: 3.0 for w in ("新疆", "棉花", "总产", "总产量", "产量", "全国", "比重", "青海", "碳酸", "碳酸锂", "钾肥")})
    context = "2025年新疆政府工作报告 › 一、2024年工作回顾\n…"
    assert excerpt_fits(analyze("新疆棉花总产量多少，占全国比重多少？"), "棉花总产568.6万吨、占全国92.2%。", context, idf, Thresholds())
    assert not excerpt_fits(analyze("新疆棉花占全国比重多少？"), "棉花总产568.6万吨。", context, idf, Thresholds())
    assert excerpt_fits(analyze("碳酸锂产量是多少？"), "生产钾肥749万吨、碳酸锂13.5万吨。", context, idf, Thresholds())


def test_a_figure_question_measuring_something_the_documents_never_name_is_not_fitted():
    idf = IdfTable({**IDF, "地区生产总值": 2.0, "比重": 2.0, "主要指标": 3.0, "全省": 2.0})
    context = "三年行动计划(2023—2025年) › 塑强中心城市功能\n…"
    excerpt = "到2025年地区生产总值力争达到1.5万亿元,主要指标占全省比重稳步提升。"
    research = analyze("到2025年，济南全社会研发经费投入占地区生产总值的比重目标是多少？")
    assert "经费" in unknown_measure_nouns(research, idf)
    assert not excerpt_fits(research, excerpt, context, idf, Thresholds(min_anchor_idf=1.5))
    assert unknown_measure_nouns(analyze("到2025年济南地区生产总值要达到多少？"), idf) == []


def test_names_are_words_the_dictionary_knows_not_guesses_across_word_boundaries():
    assert proper_names("十个领域中总投资规模最大的是哪个领域？") == []
    assert proper_names("把十个领域的重点项目总投资逐项加总，合计是多少亿元？") == []
    assert proper_names("比亚迪新能源汽车整车项目在济南的总投资是多少亿元？") == ["比亚迪"]


PLAN_CONTEXT = "三年行动计划(2023—2025年) › 塑强中心城市功能\n…"


@pytest.mark.parametrize(
    ("question", "weights", "wrong", "right"),
    [
        # a per-capita question is not answered by the total
        ("到2025年济南人均地区生产总值的目标是多少？", {"地区生产总值": 2.0, "人均": 4.0},
         "到2025年地区生产总值力争达到1.5万亿元。", "到2025年人均地区生产总值达到15万元。"),
        # "which cities" needs places the question does not name
        ("济南都市圈发展规划具体包括周边哪些城市？", {"都市圈": 4.0, "发展规划": 3.0},
         "编制实施济南都市圈发展规划,促进省会经济圈发展一体化。", "济南都市圈发展规划覆盖淄博、泰安、聊城等城市。"),
        # a figure about a named thing needs the name
        ("凤凰黄河大桥的总投资是多少亿元？", {"凤凰": 4.0, "黄河": 1.6, "大桥": 3.5},
         "扎实推进总投资6551.23亿元的102个重点项目。", "凤凰黄河大桥总投资60亿元。"),
        # a share (X占Y的比重) needs a distinctive word of X
        ("到2025年济南全社会研发投入占GDP的比重要达到多少?",
         {"地区生产总值": 2.0, "比重": 2.0, "主要指标": 3.0, "全省": 2.0, "研发": 4.0, "投入": 2.0, "全社会": 3.0,
          "社会": 2.0, "全": 1.0, "年": 0.1},
         "到2025年地区生产总值力争达到1.5万亿元,主要指标占全省比重稳步提升。", "到2025年全社会研发投入占地区生产总值比重达到3%。"),
    ],
)
def test_an_excerpt_must_hold_what_a_figure_question_is_about(question, weights, wrong, right):
    idf = IdfTable({**IDF, **weights})
    assert not excerpt_fits(analyze(question), wrong, PLAN_CONTEXT, idf, Thresholds())
    assert excerpt_fits(analyze(question), right, PLAN_CONTEXT, idf, Thresholds())
