"""Pure metric functions over ranked ids and answers."""

import pytest

from eval.metrics import abstention_scores, answer_correct, mrr, percentile, recall_at_k

RANKED = {"q1": ["a", "b", "c"], "q2": ["x", "y", "z"], "q3": ["m"]}
RELEVANT = {"q1": {"b"}, "q2": {"q"}, "q3": set()}


def test_recall_counts_only_queries_with_relevant_ids():
    assert recall_at_k(RANKED, RELEVANT, 1) == 0.0
    assert recall_at_k(RANKED, RELEVANT, 2) == 0.5


def test_mrr_uses_first_relevant_rank():
    assert mrr(RANKED, RELEVANT) == pytest.approx(0.25)


def test_answer_must_contain_every_expected_string_or_decline_when_unanswerable():
    assert answer_correct("总投资1920.83亿元的90个重点项目", True, ["90个", "1920.83亿元"], True)
    assert not answer_correct("90个重点项目", True, ["90个", "1920.83亿元"], True)
    assert not answer_correct("90个重点项目", False, ["90个"], True)
    assert answer_correct("没有找到", False, [], False)


def test_abstention_precision_and_recall():
    scores = abstention_scores([True, False, False, True], [True, False, True, False])
    assert scores == {"abstention_accuracy": 0.5, "abstention_precision": 0.5, "abstention_recall": 0.5}


def test_percentile_nearest_rank():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95
