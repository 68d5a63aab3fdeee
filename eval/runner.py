"""The eval runner: the QA set through the assistant and its baselines, the dialogs turn by turn.

Every system answers the same questions in the same run: the assistant, and
the baselines that show what each component earns (hybrid retrieval without
the figure path, dense only, BM25 only). Metrics are computed overall and
per split and category; ``eval.report`` writes them as ``report.md``,
``report.json`` and plots.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from assistant.schemas import AskResponse
from assistant.service import Assistant
from assistant.settings import Settings
from corpus.chunking import Chunk
from corpus.documents import CorpusError
from eval.metrics import (
    abstention_scores,
    answer_correct,
    citation_supports,
    latency_summary,
    mrr,
    rate,
    recall_at_k,
)

DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
DEFAULT_DIALOGS = Path(__file__).resolve().parent / "dialogs.jsonl"
DEFAULT_REPORT = Path("eval/reports/latest")
SETS = Path(__file__).resolve().parent / "corpora"
JINAN_SET = "jinan"  # the shipped documents, with eval/qa.jsonl and eval/dialogs.jsonl
RETRIEVAL_K = 5
ASSISTANT = "assistant"
# Each baseline is the assistant with these settings changed.
SYSTEMS: dict[str, dict] = {
    ASSISTANT: {},
    "hybrid, no figure path": {"use_facts": False},
    "dense only": {"use_facts": False, "retrieval": "dense"},
    "BM25 only": {"use_facts": False, "retrieval": "bm25"},
}
SPLITS = ("all", "dev", "test")
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


def _quoted(response: AskResponse) -> list[str]:
    """What the answer shows as its evidence: the heading path and excerpt of each citation it highlights
    (the first citation when it highlights none)."""
    shown = [c for c in response.citations if c.highlight] or response.citations[:1]
    return [f"{c.section}\n{c.text}" for c in shown]


def _answer(assistant: Assistant, item: dict, chunks: list[Chunk], by_span: dict) -> tuple[dict, list[str]]:
    """The item's result row and the chunk ids its citations point at."""
    started = time.perf_counter()
    response = assistant.ask(item["question"], top_k=RETRIEVAL_K)
    elapsed = (time.perf_counter() - started) * 1000
    assistant.forget(response.session_id)
    checkable = [e for e in item["expected"] if any(e in c.text for c in chunks)]
    result = {
        "id": item["id"],
        "split": item.get("split", ""),
        "category": item["category"],
        "question": item["question"],
        "expected": item["expected"],
        "answerable": item["answerable"],
        "answered": response.answered,
        "reason": response.reason,
        "answer": response.answer,
        "path": "facts" if "lookup_ms" in response.timings_ms else "retrieval",
        "correct": answer_correct(response.answer, response.answered, item["expected"], item["answerable"]),
        "citation_supports": citation_supports(_quoted(response), checkable)
        if response.answered and item["answerable"] and checkable else None,
        "latency_ms": round(elapsed, 3),
    }
    # A citation outside every chunk (a page's publication line) counts as its own span.
    return result, [by_span.get((c.doc_id, c.start, c.end), f"{c.doc_id}:{c.start}-{c.end}") for c in response.citations]


def run_system(assistant: Assistant, items: list[dict], progress: str | None = None) -> dict:
    """One system over the items: per-item results, metrics per split and per category.
    ``progress`` names a progress bar on stderr (None: no bar)."""
    assistant.warm_up()
    chunks = assistant.index.chunks
    by_span = {(c.doc_id, c.start, c.end): c.chunk_id for c in chunks}
    results, ranked = [], {}
    for item in tqdm(items, desc=progress, unit="q", disable=progress is None, file=sys.stderr):
        result, ranked[item["id"]] = _answer(assistant, item, chunks, by_span)
        results.append(result)
    relevant = {item["id"]: relevant_chunks(item, chunks) for item in items if item["answerable"]}
    metrics = {
        split: summarize(subset, ranked, relevant)
        for split in SPLITS
        if (subset := [r for r in results if split == "all" or r["split"] == split])
    }
    return {"metrics": metrics, "per_category": per_category(results), "results": results}


def summarize(results: list[dict], ranked: dict, relevant: dict) -> dict:
    ids = {r["id"] for r in results}
    ranked = {q: v for q, v in ranked.items() if q in ids}
    relevant = {q: v for q, v in relevant.items() if q in ids}
    cited = [r["citation_supports"] for r in results if r["citation_supports"] is not None]
    return {
        "questions": len(results),
        "answer_accuracy": rate([r["correct"] for r in results]),
        **abstention_scores([r["answered"] for r in results], [r["answerable"] for r in results]),
        "recall_at_1": recall_at_k(ranked, relevant, 1),
        "recall_at_5": recall_at_k(ranked, relevant, 5),
        "mrr": mrr(ranked, relevant, RETRIEVAL_K),
        "citation_precision": rate(cited),
        "citations_checked": len(cited),
        "answered_from_facts": sum(r["path"] == "facts" for r in results),
        **latency_summary([r["latency_ms"] for r in results]),
    }


def per_category(results: list[dict]) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        groups[r["category"]].append(r)
    figures = [r for r in results if r["category"] in FIGURE_CATEGORIES]
    if figures:
        groups["figures (all)"] = figures
    return {cat: {"questions": len(rs), "answer_accuracy": rate([r["correct"] for r in rs])}
            for cat, rs in sorted(groups.items())}


def run_dialogs(assistant: Assistant, dialogs: list[dict], progress: bool = False) -> dict:
    """Each dialog in its own session, turn by turn: a turn is correct when its answer is."""
    assistant.warm_up()
    turns = []
    for dialog in tqdm(dialogs, desc="dialogs", unit="dialog", disable=not progress, file=sys.stderr):
        session_id = None
        for number, turn in enumerate(dialog["turns"], start=1):
            response = assistant.ask(turn["question"], session_id, top_k=RETRIEVAL_K)
            session_id = response.session_id
            turns.append({
                "dialog": dialog["id"],
                "split": dialog.get("split", ""),
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
    metrics = {
        "dialogs": len(by_dialog),
        "turns": len(turns),
        "turn_accuracy": rate([t["correct"] for t in turns]),
        "follow_up_detection": rate([t["follow_up"] == t["resolved_as_follow_up"] for t in turns]),
        "dialogs_all_correct": rate([all(v) for v in by_dialog.values()]),
    }
    return {"metrics": metrics, "turns": turns}


def run_all(assistant: Assistant, items: list[dict], dialogs: list[dict], systems: dict[str, dict] = SYSTEMS,
            progress: bool = False) -> dict:
    """Every system over the QA items, and the assistant over the dialogs."""
    report = {"systems": {}, "dialogs": run_dialogs(assistant, dialogs, progress) if dialogs else None}
    for name, changes in systems.items():
        bar = name if progress else None
        report["systems"][name] = {"settings": changes, **run_system(assistant.variant(**changes), items, bar)}
    manifest = assistant.index.manifest
    report["model"] = manifest.model.name
    report["index"] = {"chunks": manifest.chunk_count, "documents": len(manifest.documents), "type": manifest.index_type}
    return report


def gate_level(value: str, margin: float) -> float:
    """``--fail-under``: a fraction, or a report.json whose test-split accuracy minus ``margin`` is the floor."""
    if value.endswith(".json"):
        committed = json.loads(Path(value).read_text(encoding="utf-8"))
        return committed["systems"][ASSISTANT]["metrics"]["test"]["answer_accuracy"] - margin
    return float(value)


def eval_set(name: str, settings: Settings) -> tuple[Settings, Path, Path, Path]:
    """The settings, QA file, dialogs file and report folder of the eval set ``name`` (eval/corpora/NAME): its corpus
    (``corpus.json``: ``{"corpus": path relative to the repository}``) is indexed under the home's ``sets/NAME``."""
    folder = SETS / name
    described = folder / "corpus.json"
    if not described.exists():
        known = ", ".join(sorted(p.name for p in SETS.iterdir() if (p / "corpus.json").exists()))
        raise CorpusError(f"no eval set {name!r} (eval/corpora/{name}/corpus.json); known sets: {known}")
    corpus = (DEFAULT_QA.parents[1] / json.loads(described.read_text(encoding="utf-8"))["corpus"]).resolve()
    if not corpus.exists():
        raise CorpusError(f"eval set {name!r} reads its corpus from {corpus}, which does not exist")
    changed = settings.model_copy(update={"corpus": [corpus], "index_dir": settings.home / "sets" / name})
    return changed, folder / "qa.jsonl", folder / "dialogs.jsonl", Path("eval/reports") / name


def eval_sets() -> list[str]:
    """The eval sets with a corpus of their own (eval/corpora/NAME/corpus.json)."""
    return sorted(p.name for p in SETS.iterdir() if (p / "corpus.json").exists()) if SETS.exists() else []


def run_every_set(settings: Settings, args: argparse.Namespace) -> int:
    """``eval --set all``: the shipped documents' set and every other set, each into its own report folder, then
    ``eval/reports/corpora.md`` with all of them side by side."""
    from eval.report import side_by_side

    reports, worst = {}, 0
    for name in (JINAN_SET, *eval_sets()):
        one = argparse.Namespace(**{**vars(args), "set": None if name == JINAN_SET else name, "out": None, "qa": None,
                                    "dialogs": None, "fail_under": None})
        worst = max(worst, run_eval_command(settings, one))
        reports[name] = json.loads((one.out / "report.json").read_text(encoding="utf-8"))
    path = DEFAULT_REPORT.parent / "corpora.md"
    path.write_text(side_by_side(reports), encoding="utf-8")
    print(f"\nall sets side by side: {path}")
    return worst


def run_eval_command(settings: Settings, args: argparse.Namespace) -> int:
    from eval.report import format_summary, summary_json, write_report

    if args.set == "all":
        return run_every_set(settings, args)
    floor = gate_level(args.fail_under, args.margin) if args.fail_under else None
    qa, dialogs_file, out = DEFAULT_QA, DEFAULT_DIALOGS, DEFAULT_REPORT
    if args.set:
        settings, qa, dialogs_file, out = eval_set(args.set, settings)
    args.qa, args.dialogs, args.out = args.qa or qa, args.dialogs or dialogs_file, args.out or out
    items = load_items(args.qa, args.split)
    dialogs = load_items(args.dialogs, args.split) if args.dialogs.exists() else []
    systems = {ASSISTANT: {}} if args.no_baselines else SYSTEMS
    report = run_all(Assistant(settings), items, dialogs, systems, progress=not (args.quiet or args.json))
    qa_file = Path(args.qa or DEFAULT_QA).resolve()
    repo = DEFAULT_QA.parents[1]
    report["qa_file"] = str(qa_file.relative_to(repo) if qa_file.is_relative_to(repo) else qa_file)
    report["split"] = args.split
    written = write_report(report, args.out)
    if args.json:
        print(json.dumps(summary_json(report, written), ensure_ascii=False, indent=2))
    else:
        print(format_summary(report))
        print(f"\nreport written to {', '.join(str(p) for p in written)}")
    if floor is not None:
        split = "test" if "test" in report["systems"][ASSISTANT]["metrics"] else "all"
        accuracy = report["systems"][ASSISTANT]["metrics"][split]["answer_accuracy"]
        if accuracy < floor:
            print(f"FAIL: answer accuracy on the {split} split is {accuracy:.3f}, below the floor {floor:.3f}",
                  file=sys.stderr if args.json else sys.stdout)
            return 1
        print(f"gate passed: answer accuracy on the {split} split {accuracy:.3f} ≥ {floor:.3f}",
              file=sys.stderr if args.json else sys.stdout)
    return 0
