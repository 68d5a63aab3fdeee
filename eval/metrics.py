"""Pure metric functions over ranked ids and answers (no model, no I/O).

Data contract, as in sentence-transformers' evaluators: ``queries {qid: text}``,
``relevant {qid: set(cid)}`` and rankings ``{qid: [cid, ...]}`` best first.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence


def recall_at_k(ranked: Mapping[str, Sequence[str]], relevant: Mapping[str, set[str]], k: int) -> float:
    """Share of queries with at least one relevant id in the top ``k``."""
    qids = [q for q in relevant if relevant[q]]
    if not qids:
        return 0.0
    return sum(bool(set(ranked.get(q, [])[:k]) & relevant[q]) for q in qids) / len(qids)


def mrr(ranked: Mapping[str, Sequence[str]], relevant: Mapping[str, set[str]], k: int = 10) -> float:
    """Mean reciprocal rank of the first relevant id within the top ``k``."""
    qids = [q for q in relevant if relevant[q]]
    if not qids:
        return 0.0
    total = 0.0
    for q in qids:
        for rank, cid in enumerate(ranked.get(q, [])[:k], start=1):
            if cid in relevant[q]:
                total += 1.0 / rank
                break
    return total / len(qids)


def answer_correct(answer: str, answered: bool, expected: Sequence[str], answerable: bool) -> bool:
    """Answerable: answered and every expected string present. Unanswerable: declined."""
    if not answerable:
        return not answered
    return answered and all(s in answer for s in expected)


def rate(flags: Sequence[bool]) -> float:
    """Share of true values (0.0 for none)."""
    return sum(flags) / len(flags) if flags else 0.0


def citation_supports(quoted: Sequence[str], expected: Sequence[str]) -> bool:
    """Whether the quoted excerpts contain every expected string (the figure the answer rests on)."""
    return all(any(e in q for q in quoted) for e in expected)


def abstention_scores(answered: Sequence[bool], answerable: Sequence[bool]) -> dict[str, float]:
    """Accuracy of the answer/decline decision, and precision/recall of declining."""
    pairs = list(zip(answered, answerable))
    declined = [not a for a, _ in pairs]
    should = [not ok for _, ok in pairs]
    true_decline = sum(d and s for d, s in zip(declined, should))
    return {
        "abstention_accuracy": sum(d == s for d, s in zip(declined, should)) / len(pairs) if pairs else 0.0,
        "abstention_precision": true_decline / sum(declined) if sum(declined) else 1.0,
        "abstention_recall": true_decline / sum(should) if sum(should) else 1.0,
    }


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(pct / 100 * len(ordered))))
    return ordered[rank - 1]


def latency_summary(ms: Sequence[float]) -> dict[str, float]:
    return {
        "latency_p50_ms": round(statistics.median(ms), 2) if ms else 0.0,
        "latency_p95_ms": round(percentile(ms, 95), 2),
    }
