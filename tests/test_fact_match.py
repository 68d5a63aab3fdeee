"""Facts are found through the distinctive words of their subjects: never a fact a full scan would answer with."""

import json
from pathlib import Path

from assistant.answer import IdfTable
from assistant.fact_match import ANSWERING_KINDS, FactIndex, _score
from assistant.query import analyze
from corpus.projects import document_facts
from corpus.tokenize import tokenize
from corpus.vocabulary import CorpusVocabulary
from index.facts_store import fact_words

QA = Path(__file__).resolve().parents[1] / "eval" / "qa.jsonl"


def test_the_index_offers_every_fact_a_full_scan_would_score(documents):
    facts = [f for doc in documents.values() for f in document_facts(doc)]
    idf = IdfTable(CorpusVocabulary.build([tokenize(f.sentence) for f in facts]).idf())
    words = {f.fact_id: fact_words(f) for f in facts}
    index = FactIndex(facts, words, idf)
    questions = [json.loads(line)["question"] for line in QA.read_text(encoding="utf-8").splitlines() if line.strip()]
    offered = scored = 0
    for question in questions[::3]:
        analysis = analyze(question)
        for kind in ANSWERING_KINDS:
            candidates = index.naming(kind, analysis.tokens)
            full = [f for f in facts if f.kind == kind and _score(analysis, words[f.fact_id], f, idf) is not None]
            assert set(full) <= set(candidates), question
            offered, scored = offered + len(candidates), scored + len(full)
    assert scored > 50 and offered < len(questions) * len(facts) / 20
