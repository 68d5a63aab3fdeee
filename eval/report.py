"""The eval report: a console summary, and `report.md`, `report.json` and PNG plots in one folder."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from assistant.reasons import REASONS  # noqa: E402
from eval.runner import ASSISTANT  # noqa: E402

COLUMNS = [
    ("answer_accuracy", "answer acc."),
    ("abstention_precision", "abstention P"),
    ("abstention_recall", "abstention R"),
    ("recall_at_1", "recall@1"),
    ("recall_at_5", "recall@5"),
    ("mrr", "MRR"),
    ("citation_precision", "citation P"),
    ("latency_p50_ms", "p50 ms"),
    ("latency_p95_ms", "p95 ms"),
]
ACCURACY_PLOT = "accuracy_by_category.png"
LATENCY_PLOT = "latency.png"


def _cell(key: str, value: float) -> str:
    return f"{value:.1f}" if key.endswith("_ms") else f"{value:.1%}" if key != "mrr" else f"{value:.3f}"


def _systems_table(report: dict, split: str) -> list[str]:
    lines = ["| system | n | " + " | ".join(label for _, label in COLUMNS) + " |",
             "|---|---|" + "---|" * len(COLUMNS)]
    for name, system in report["systems"].items():
        m = system["metrics"].get(split)
        if m:
            cells = " | ".join(_cell(key, m[key]) for key, _ in COLUMNS)
            lines.append(f"| {'**' + name + '**' if name == ASSISTANT else name} | {m['questions']} | {cells} |")
    return lines


def _category_table(report: dict) -> list[str]:
    names = list(report["systems"])
    first = report["systems"][names[0]]["per_category"]
    lines = ["| category | n | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for category, m in first.items():
        cells = " | ".join(f"{report['systems'][n]['per_category'][category]['answer_accuracy']:.1%}" for n in names)
        lines.append(f"| {category} | {m['questions']} | {cells} |")
    return lines


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _failures(report: dict) -> list[str]:
    failures = [r for r in report["systems"][ASSISTANT]["results"] if not r["correct"]]
    if not failures:
        return ["None."]
    lines = ["| id | split | category | question | expected | what it lacked | got |", "|---|---|---|---|---|---|---|"]
    for r in failures:
        expected = "、".join(r["expected"]) if r["answerable"] else "(decline)"
        lines.append(f"| {r['id']} | {r['split']} | {r['category']} | {_escape(r['question'])} | {_escape(expected)} "
                     f"| {_escape(lacked(r))} | {_escape(r['answer'][:160])} |")
    return lines


def lacked(result: dict) -> str:
    """What a wrong reply lacked: the expected strings its text does not hold, the reason it declined with, or a
    decline where the documents state nothing."""
    if not result["answerable"]:
        return "answered a question the documents do not answer"
    if not result["answered"]:
        return f"declined: {result.get('reason') or 'unstated'}"
    return "lacks " + "、".join(e for e in result["expected"] if e not in result["answer"])


def _declines(report: dict) -> list[str]:
    """How many questions the assistant declined, by the reason it gave, for answerable and unanswerable ones."""
    counts: dict[str, list[int]] = {}
    for r in report["systems"][ASSISTANT]["results"]:
        if not r["answered"]:
            counts.setdefault(r.get("reason") or "unstated", [0, 0])[0 if r["answerable"] else 1] += 1
    if not counts:
        return ["No question was declined."]
    lines = ["| reason | declined, answerable | declined, unanswerable |", "|---|---|---|"]
    for reason, (answerable, unanswerable) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
        said = REASONS[reason].says if reason in REASONS else reason
        lines.append(f"| {reason} ({said}) | {answerable} | {unanswerable} |")
    return lines


def _dialog_section(dialogs: dict | None) -> list[str]:
    if not dialogs:
        return ["No dialogs in this run."]
    m = dialogs["metrics"]
    lines = [f"{m['dialogs']} dialogs, {m['turns']} turns, each dialog in its own session: turn accuracy "
             f"**{m['turn_accuracy']:.1%}**, follow-up detection {m['follow_up_detection']:.1%}, "
             f"dialogs entirely correct {m['dialogs_all_correct']:.1%}.", ""]
    failed = [t for t in dialogs["turns"] if not t["correct"]]
    if failed:
        lines += ["| dialog | turn | question | understood as | expected | got |", "|---|---|---|---|---|---|"]
        lines += [f"| {t['dialog']} | {t['turn']} | {_escape(t['question'])} | {_escape(t['rewritten_question'])} "
                  f"| {_escape('、'.join(t['expected']) or '(decline)')} | {_escape(t['answer'][:120])} |" for t in failed]
    else:
        lines.append("Failed turns: none.")
    return lines


def markdown(report: dict) -> str:
    assistant = report["systems"][ASSISTANT]
    counts = {split: m["questions"] for split, m in assistant["metrics"].items()}
    lines = [
        "# Evaluation report",
        "",
        f"`python -m assistant eval` on {report['generated']}: model `{report['model']}`, index of "
        f"{report['index']['chunks']} chunks from {report['index']['documents']} documents; `{report['qa_file']}` "
        f"({counts.get('all', 0)} questions: {counts.get('dev', 0)} dev, {counts.get('test', 0)} test).",
        "",
        "Baselines are the same assistant with one part taken away: *hybrid, no figure path* answers every question "
        "through retrieval (no facts table); *dense only* and *BM25 only* also rank with one retriever instead of "
        "fusing both. Thresholds were set on the `dev` split; quality is reported on `test`.",
        "",
    ]
    for split in ("test", "all"):
        if split in assistant["metrics"]:
            lines += [f"## Systems side by side: {split} ({counts[split]} questions)", "", *_systems_table(report, split), ""]
    lines += [
        "Citation P: share of answered questions whose quoted excerpt contains the expected figure "
        f"({assistant['metrics']['all']['citations_checked']} checkable for the assistant).",
        f"The assistant answered {assistant['metrics']['all']['answered_from_facts']} of {counts['all']} questions "
        "from the facts table, without retrieval.",
        "",
        "## Accuracy by category (all questions)",
        "",
        *_category_table(report),
        "",
        f"![accuracy by category]({ACCURACY_PLOT})",
        "",
        "## Latency",
        "",
        f"![latency]({LATENCY_PLOT})",
        "",
        "## Declines by reason",
        "",
        *_declines(report),
        "",
        "## Dialogs",
        "",
        *_dialog_section(report.get("dialogs")),
        "",
        f"## Every failure of the assistant ({sum(not r['correct'] for r in assistant['results'])})",
        "",
        *_failures(report),
        "",
    ]
    return "\n".join(lines)


def plot_accuracy(report: dict, path: Path) -> None:
    names = list(report["systems"])
    categories = list(report["systems"][names[0]]["per_category"])
    height = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(categories) * len(names) / 2 + 2))
    for i, name in enumerate(names):
        values = [report["systems"][name]["per_category"][c]["answer_accuracy"] * 100 for c in categories]
        ax.barh([y + i * height for y in range(len(categories))], values, height, label=name)
    ax.set_yticks([y + height * (len(names) - 1) / 2 for y in range(len(categories))], categories)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("answer accuracy (%)")
    ax.set_title("Answer accuracy by category, all questions")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=len(names), fontsize="small", frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_latency(report: dict, path: Path) -> None:
    names = list(report["systems"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.boxplot([[r["latency_ms"] for r in report["systems"][n]["results"]] for n in names], tick_labels=names)
    left.set_yscale("log")
    left.set_ylabel("ms per question (log scale)")
    left.set_title("Latency per system (in process)")
    left.tick_params(axis="x", labelsize=8)
    results = report["systems"][ASSISTANT]["results"]
    top = max((r["latency_ms"] for r in results), default=1.0)
    bins = [top * i / 40 for i in range(41)]  # shared, so both paths' bars have the same width
    for route in ("facts", "retrieval"):
        values = [r["latency_ms"] for r in results if r["path"] == route]
        if values:
            right.hist(values, bins=bins, alpha=0.7, label=f"{route} ({len(values)})")
    right.set_xlabel("ms per question")
    right.set_ylabel("questions")
    right.set_title("Assistant: answered from the facts vs through retrieval")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(report: dict, out: Path) -> list[Path]:
    """report.json, report.md and the two plots in ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    report.setdefault("generated", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    paths = [out / "report.md", out / "report.json", out / ACCURACY_PLOT, out / LATENCY_PLOT]
    paths[0].write_text(markdown(report), encoding="utf-8")
    paths[1].write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    plot_accuracy(report, paths[2])
    plot_latency(report, paths[3])
    return paths


def format_summary(report: dict) -> str:
    """The console view: the side-by-side tables, dialogs, and the assistant's failures."""
    lines = []
    for split in ("test", "all"):
        if split in report["systems"][ASSISTANT]["metrics"]:
            lines += [f"{split}:", *_systems_table(report, split), ""]
    if report.get("dialogs"):
        lines += ["dialogs: " + _dialog_section(report["dialogs"])[0], ""]
    failures = [r for r in report["systems"][ASSISTANT]["results"] if not r["correct"]]
    lines.append(f"assistant failures ({len(failures)}):")
    lines += [f"- {r['id']} [{r['category']}] {r['question']}\n    expected {r['expected']} got: {r['answer'][:120]}"
              for r in failures]
    return "\n".join(lines)


def summary_json(report: dict, written: list[Path]) -> dict:
    """The figures a script wants: every system's metrics per split, the dialog metrics, the files written."""
    return {
        "systems": {name: system["metrics"] for name, system in report["systems"].items()},
        "dialogs": report["dialogs"]["metrics"] if report.get("dialogs") else None,
        "failures": [r["id"] for r in report["systems"][ASSISTANT]["results"] if not r["correct"]],
        "written": [str(p) for p in written],
    }


def side_by_side(reports: dict[str, dict]) -> str:
    """Every eval set's figures in one page: each system's accuracy per set and split, the assistant's accuracy
    per category in each set, and the dialogs."""
    names = list(reports)
    systems = list(dict.fromkeys(s for r in reports.values() for s in r["systems"]))
    lines = ["# Eval sets side by side", "", f"Generated {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.", "",
             "## Answer accuracy by system", "",
             "| system | " + " | ".join(f"{n} all | {n} dev | {n} test" for n in names) + " |",
             "|---|" + "---|---|---|" * len(names)]
    for system in systems:
        cells = []
        for name in names:
            metrics = reports[name]["systems"].get(system, {}).get("metrics", {})
            cells += [f"{metrics[s]['answer_accuracy']:.1%} ({metrics[s]['questions']})" if s in metrics else "—"
                      for s in ("all", "dev", "test")]
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    categories = sorted({c for r in reports.values() for c in r["systems"][ASSISTANT]["per_category"]})
    lines += ["", "## The assistant by category", "", "| category | " + " | ".join(names) + " |",
              "|---|" + "---|" * len(names)]
    for category in categories:
        cells = []
        for name in names:
            row = reports[name]["systems"][ASSISTANT]["per_category"].get(category)
            cells.append(f"{row['answer_accuracy']:.1%} ({row['questions']})" if row else "—")
        lines.append(f"| {category} | " + " | ".join(cells) + " |")
    lines += ["", "## Dialogs", "", "| set | dialogs | turns | turn accuracy | follow-up detection |", "|---|---|---|---|---|"]
    for name in names:
        dialogs = (reports[name].get("dialogs") or {}).get("metrics")
        if dialogs:
            lines.append(f"| {name} | {dialogs['dialogs']} | {dialogs['turns']} | {dialogs['turn_accuracy']:.1%} | "
                         f"{dialogs['follow_up_detection']:.1%} |")
    return "\n".join(lines) + "\n"
