"""The eval runner: questions through `Assistant.ask`, metrics, a table and `report.json`."""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from assistant.service import Assistant
from assistant.settings import Settings
from corpus.chunking import Chunk
from eval.metrics import abstention_scores, answer_correct, latency_summary, mrr, recall_at_k

DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
DEFAULT_DIALOGS = Path(__file__).resolve().parent / "dialogs.jsonl"
RETRIEVAL_K = 5
# The categories whose answer is a figure, a computed figure or a date: reported together as "figures".
FIGURE_CATEGORIES = frozenset({"figure", "aggregate", "conflict", "target", "deadline"})


def load_items(path: Path, split: str = "all") -> list[dict]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [item for item in items if split == "all" or item.get("split") == split]


def relevant_chunks(item: dict, chunks: list[Chunk]) -> set[str]:
    """Chunks overlapping any gold span of the item."""
    return {
        c.chunk_id
        for g in item.get("gold", [])
        for c in chunks
        if c.doc_id == g["doc_id"] and c.start < g["end"] and g["start"] < c.end
    }


def run_eval(assistant: Assistant, items: list[dict]) -> dict:
    """Answer every item; return metrics overall and per category plus per-item results."""
    assistant.warm_up()
    chunks = assistant.index.chunks
    by_span = {(c.doc_id, c.start, c.end): c.chunk_id for c in chunks}
    results, ranked, relevant, latencies = [], {}, {}, []
    for item in items:
        started = time.perf_counter()
        response = assistant.ask(item["question"], top_k=RETRIEVAL_K)
        latencies.append((time.perf_counter() - started) * 1000)
        assistant.forget(response.session_id)
        ranked[item["id"]] = [by_span[(c.doc_id, c.start, c.end)] for c in response.citations]
        if item["answerable"]:
            relevant[item["id"]] = relevant_chunks(item, chunks)
        results.append(
            {
                "id": item["id"],
                "category": item["category"],
                "question": item["question"],
                "expected": item["expected"],
                "answerable": item["answerable"],
                "answered": response.answered,
                "answer": response.answer,
                "path": "table" if "lookup_ms" in response.timings_ms else "retrieval",
                "correct": answer_correct(response.answer, response.answered, item["expected"], item["answerable"]),
            }
        )
    metrics = summarize(results, ranked, relevant, latencies)
    return {"metrics": metrics, "per_category": per_category(results), "results": results}


def run_dialogs(assistant: Assistant, dialogs: list[dict]) -> dict:
    """Each dialog in its own session, turn by turn: a turn is correct when its answer is."""
    assistant.warm_up()
    turns = []
    for dialog in dialogs:
        session_id = None
        for number, turn in enumerate(dialog["turns"], start=1):
            response = assistant.ask(turn["question"], session_id, top_k=RETRIEVAL_K)
            session_id = response.session_id
            turns.append({
                "dialog": dialog["id"],
                "turn": number,
                "question": turn["question"],
                "rewritten_question": response.rewritten_question,
                "expected": turn["expected"],
                "answerable": turn["answerable"],
                "answered": response.answered,
                "answer": response.answer,
                "follow_up": turn["follow_up"],
                "resolved_as_follow_up": response.follow_up,
                "correct": answer_correct(response.answer, response.answered, turn["expected"], turn["answerable"]),
            })
        assistant.forget(session_id)
    by_dialog = defaultdict(list)
    for t in turns:
        by_dialog[t["dialog"]].append(t["correct"])
    n = len(turns)
    metrics = {
        "dialogs": len(by_dialog),
        "turns": n,
        "turn_accuracy": sum(t["correct"] for t in turns) / n if n else 0.0,
        "follow_up_detection": sum(t["follow_up"] == t["resolved_as_follow_up"] for t in turns) / n if n else 0.0,
        "dialogs_all_correct": sum(all(v) for v in by_dialog.values()) / len(by_dialog) if by_dialog else 0.0,
    }
    return {"metrics": metrics, "turns": turns}


def summarize(results: list[dict], ranked: dict, relevant: dict, latencies: list[float]) -> dict:
    n = len(results)
    return {
        "questions": n,
        "answer_accuracy": sum(r["correct"] for r in results) / n if n else 0.0,
        **abstention_scores([r["answered"] for r in results], [r["answerable"] for r in results]),
        "recall_at_1": recall_at_k(ranked, relevant, 1),
        "recall_at_5": recall_at_k(ranked, relevant, 5),
        "mrr": mrr(ranked, relevant, RETRIEVAL_K),
        **latency_summary(latencies),
    }


def per_category(results: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["category"]].append(r)
    figures = [r for r in results if r["category"] in FIGURE_CATEGORIES]
    if figures:
        groups["figures (all)"] = figures
    return {cat: {"questions": len(rs), "answer_accuracy": sum(r["correct"] for r in rs) / len(rs)}
            for cat, rs in sorted(groups.items())}


def format_table(report: dict) -> str:
    lines = ["metric                 value", "---------------------  --------"]
    for key, value in report["metrics"].items():
        lines.append(f"{key:<21}  {value:.3f}" if isinstance(value, float) else f"{key:<21}  {value}")
    lines += ["", "category       n    accuracy", "-------------  ---  --------"]
    for cat, m in report["per_category"].items():
        lines.append(f"{cat:<13}  {m['questions']:>3}  {m['answer_accuracy']:.3f}")
    from_table = sum(r["path"] == "table" for r in report["results"])
    lines.append(f"\nanswered from the facts table without retrieval: {from_table} of {len(report['results'])}")
    failures = [r for r in report["results"] if not r["correct"]]
    if failures:
        lines += ["", f"failures ({len(failures)}):"]
        for r in failures:
            lines.append(f"- {r['id']} [{r['category']}] {r['question']}\n    expected {r['expected']} got: {r['answer'][:120]}")
    return "\n".join(lines)


def format_dialogs(report: dict) -> str:
    lines = ["dialog metric          value", "---------------------  --------"]
    for key, value in report["metrics"].items():
        lines.append(f"{key:<21}  {value:.3f}" if isinstance(value, float) else f"{key:<21}  {value}")
    failures = [t for t in report["turns"] if not t["correct"]]
    if failures:
        lines += ["", f"failed turns ({len(failures)}):"]
        for t in failures:
            lines.append(f"- {t['dialog']} turn {t['turn']}: {t['question']} (understood as {t['rewritten_question']})"
                         f"\n    expected {t['expected']} got: {t['answer'][:120]}")
    return "\n".join(lines)


def run_eval_command(settings: Settings, args: argparse.Namespace) -> int:
    assistant = Assistant(settings)
    items = load_items(args.qa or DEFAULT_QA, args.split)
    report = run_eval(assistant, items)
    report["qa_file"] = str(args.qa or DEFAULT_QA)
    report["split"] = args.split
    print(format_table(report))
    dialogs = load_items(args.dialogs or DEFAULT_DIALOGS, args.split)
    if dialogs:
        report["dialogs"] = run_dialogs(assistant, dialogs)
        print("\n" + format_dialogs(report["dialogs"]))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nreport written to {args.out / 'report.json'}")
    if args.fail_under is not None and report["metrics"]["answer_accuracy"] < args.fail_under:
        print(f"answer accuracy {report['metrics']['answer_accuracy']:.3f} is below {args.fail_under}")
        return 1
    return 0
