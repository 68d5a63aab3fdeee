from assistant.query import analyze
from assistant.relevance import Thresholds, foreign_terms, is_covered

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
