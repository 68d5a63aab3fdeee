"""Tokenisation with the corpus dictionary."""

from corpus.tokenize import tokenize_query


def test_corpus_names_stay_whole():
    tokens = tokenize_query("中科院济南科创城和新旧动能转换起步区建设进展如何？")
    assert "中科院济南科创城" in tokens and "新旧动能转换起步区" in tokens


def test_stopwords_and_punctuation_are_dropped():
    assert tokenize_query("有多少个？") == []
