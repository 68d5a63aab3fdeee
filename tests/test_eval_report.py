"""The eval report from a small synthetic run: tables, every failure, plots, and the CI gate's floor."""

import json

from eval.report import markdown, write_report
from eval.runner import gate_level, per_category, summarize


def result(qid, split, category, correct, answered=True, answerable=True, path="facts", ms=3.0, reason=None):
    return {"id": qid, "split": split, "category": category, "question": f"问题{qid}", "expected": ["90个"] if answerable else [],
            "answerable": answerable, "answered": answered, "answer": "回答|含竖线", "path": path, "correct": correct,
            "citation_supports": True if answered and answerable else None, "latency_ms": ms, "reason": reason}


def system(results):
    ranked = {r["id"]: ["c1"] for r in results}
    relevant = {r["id"]: {"c1"} for r in results if r["answerable"]}
    return {"settings": {}, "results": results, "per_category": per_category(results),
            "metrics": {s: summarize([r for r in results if s == "all" or r["split"] == s], ranked, relevant)
                        for s in ("all", "dev", "test")}}


def report(b_correct=True):
    good = [result("a", "dev", "figure", True), result("b", "test", "figure", b_correct, path="retrieval", ms=30.0),
            result("c", "test", "unanswerable", True, answered=False, answerable=False, reason="year_not_covered"),
            result("d", "dev", "figure", False, answered=False, reason="no_figure")]
    bad = [result("a", "dev", "figure", True), result("b", "test", "figure", False, ms=25.0),
           result("c", "test", "unanswerable", False, answerable=False)]
    return {"systems": {"assistant": system(good), "BM25 only": system(bad)}, "dialogs": None, "model": "fake",
            "index": {"chunks": 3, "documents": 1, "type": "flat"}, "qa_file": "qa.jsonl", "split": "all",
            "generated": "2026-11-22 00:00 UTC"}


def test_the_markdown_shows_both_systems_per_split_and_lists_every_failure():
    text = markdown(report(b_correct=False))
    assert "## Systems side by side: test (2 questions)" in text
    assert "| **assistant** | 2 | 50.0% |" in text and "| BM25 only | 2 | 0.0% |" in text
    assert "## Every failure of the assistant (2)" in text
    assert "| b | test | figure | 问题b | 90个 | lacks 90个 | 回答\\|含竖线 |" in text
    assert "| d | dev | figure | 问题d | 90个 | declined: no_figure |" in text


def test_declines_are_counted_by_reason_for_answerable_and_unanswerable_questions():
    text = markdown(report())
    assert "| year_not_covered (文档没有写到问题里的年份) | 0 | 1 |" in text
    assert "| no_figure (找到了相关内容，但没有问题要的数字或日期) | 1 | 0 |" in text


def test_write_report_makes_the_json_the_markdown_and_two_plots(tmp_path):
    paths = write_report(report(), tmp_path)
    assert [p.name for p in paths] == ["report.md", "report.json", "accuracy_by_category.png", "latency.png"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(paths[1].read_text(encoding="utf-8"))["systems"]["assistant"]["metrics"]["test"]["answer_accuracy"] == 1.0


def test_the_gate_floor_is_the_committed_test_accuracy_minus_the_margin(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report()), encoding="utf-8")
    assert gate_level(str(path), 0.02) == 0.98
    assert gate_level("0.9", 0.02) == 0.9


def test_every_system_pays_for_its_own_query_encodings(fake_assistant):
    from eval.runner import run_system

    items = [{"id": "x1", "question": "济南要怎样构建高能级创新平台？", "category": "list", "answerable": True,
              "expected": ["创新平台"], "gold": [], "split": "test"}]
    encoded: list[str] = []
    encode = fake_assistant.embedder.encode_queries
    fake_assistant.embedder.encode_queries = lambda texts: encoded.extend(texts) or encode(texts)
    run_system(fake_assistant.variant(), items)
    run_system(fake_assistant.variant(retrieval="bm25"), items)
    assert len(encoded) == 2
