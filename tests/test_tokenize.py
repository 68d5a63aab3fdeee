"""Tokenisation with the corpus dictionary."""

from corpus.tokenize import tokenize_query


def test_corpus_names_stay_whole():
    tokens = tokenize_query("中科院济南科创城和新旧动能转换起步区建设进展如何？")
    assert "中科院济南科创城" in tokens and "新旧动能转换起步区" in tokens


def test_stopwords_and_punctuation_are_dropped():
    assert tokenize_query("有多少个？") == []


def test_a_years_character_is_not_joined_to_the_word_after_it():
    assert "产煤" in tokenize_query("内蒙古2024年产煤多少") and "年产" not in tokenize_query("内蒙古2024年产煤多少")
    assert "年底" in tokenize_query("2025年底前建成")
