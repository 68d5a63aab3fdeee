"""Whether the documents cover a question: foreign places and years, similarity and lexical support."""

from assistant.query import analyze
from assistant.relevance import Thresholds, foreign_terms, is_covered, is_english, matchable_tokens, proper_names

CORPUS = "济南 到2025年新能源汽车保有量达到15万辆以上 2023年 地区生产总值"


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


def test_capitalised_english_words_are_foreign_only_when_they_spell_a_chinese_place():
    corpus = CORPUS + " 华为三大创新中心"
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
