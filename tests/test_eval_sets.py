"""The shape of the eval sets: every QA item and dialog turn has what the runner and the report need."""

import pytest

from corpus.outline import parse_outline
from eval.runner import DEFAULT_DIALOGS, DEFAULT_QA, load_items
from tests.conftest import PLAN_ID, REPORT_ID

TURN_FIELDS = {"question", "expected", "answerable", "follow_up"}
CATEGORIES = {"figure", "target", "deadline", "list", "where", "aggregate", "conflict", "unanswerable",
              "paraphrase", "variant", "english", "typo", "fact"}
REQUIRED_CATEGORIES = CATEGORIES - {"fact"}


def test_dialogs_have_enough_turns_and_a_complete_first_question():
    dialogs = load_items(DEFAULT_DIALOGS)
    assert len(dialogs) >= 15 and sum(len(d["turns"]) for d in dialogs) >= 40
    assert len({d["id"] for d in dialogs}) == len(dialogs)
    for dialog in dialogs:
        assert dialog["split"] in ("dev", "test") and len(dialog["turns"]) >= 2, dialog["id"]
        assert not dialog["turns"][0]["follow_up"], dialog["id"]
        for turn in dialog["turns"]:
            assert set(turn) == TURN_FIELDS, (dialog["id"], turn)
            assert turn["question"].strip() and isinstance(turn["expected"], list)
            assert bool(turn["expected"]) == turn["answerable"], (dialog["id"], turn["question"])


def test_dialogs_mix_follow_ups_topic_changes_and_declines():
    turns = [t for d in load_items(DEFAULT_DIALOGS) for t in d["turns"][1:]]
    assert sum(t["follow_up"] for t in turns) >= 30
    assert sum(not t["follow_up"] for t in turns) >= 5
    assert sum(not t["answerable"] for t in turns) >= 5


@pytest.fixture(scope="module")
def qa():
    return load_items(DEFAULT_QA)


def test_every_qa_item_has_a_valid_schema_and_gold_that_points_into_the_text(qa, documents):
    assert len(qa) >= 150 and len({i["id"] for i in qa}) == len(qa)
    for item in qa:
        assert set(item) == {"id", "question", "category", "answerable", "expected", "gold", "split"}, item["id"]
        assert item["category"] in CATEGORIES and item["split"] in ("dev", "test"), item["id"]
        assert item["question"].strip() and bool(item["expected"]) == item["answerable"], item["id"]
        assert bool(item["gold"]) == item["answerable"], item["id"]
        for gold in item["gold"]:
            assert documents[gold["doc_id"]].text[gold["start"]:gold["end"]] == gold["evidence"], item["id"]


def test_no_question_is_asked_twice_so_no_test_question_is_also_a_dev_question(qa):
    questions = [i["question"].strip() for i in qa]
    assert len(set(questions)) == len(questions)


def test_every_category_is_asked_in_both_splits(qa):
    for split in ("dev", "test"):
        assert {i["category"] for i in qa if i["split"] == split} >= REQUIRED_CATEGORIES, split


def _gold_sections(qa, documents, doc_id: str, depth: int) -> dict[tuple[str, ...], int]:
    """How many answerable items have a gold span inside each heading path (cut to ``depth``) of a document."""
    outline = parse_outline(doc_id, documents[doc_id].text)
    counts: dict[tuple[str, ...], int] = {}
    for passage in outline.passages:
        key = passage.path[:depth]
        counts.setdefault(key, 0)
        counts[key] += sum(1 for i in qa for g in i["gold"]
                           if g["doc_id"] == doc_id and g["start"] < passage.end and passage.start < g["end"])
    return counts


def test_all_fifty_tasks_of_the_plan_are_covered(qa, documents):
    counts = _gold_sections(qa, documents, PLAN_ID, 2)
    tasks = {path: n for path, n in counts.items() if len(path) == 2 and path[1].startswith("(")}
    assert len(tasks) == 50
    assert [path[1] for path, n in tasks.items() if n == 0] == []


def test_all_themes_of_the_2021_report_are_covered(qa, documents):
    counts = _gold_sections(qa, documents, REPORT_ID, 1)
    themes = {path: n for path, n in counts.items() if path[0] != documents[REPORT_ID].title}
    assert len(themes) == 8
    assert [path[0] for path, n in themes.items() if n == 0] == []


def test_the_24_reports_set_has_its_corpus_blind_questions_and_gold_that_points_into_the_reports():
    from pathlib import Path

    from corpus.documents import load_corpus
    from eval.runner import SETS, eval_set
    from assistant.settings import Settings

    settings, qa_file, dialogs_file, out = eval_set("gov-reports-2025", Settings(home=Path("/tmp/unused")))
    (corpus,) = settings.corpus
    texts = {d.doc_id: d.text for d in load_corpus([corpus])}
    items = load_items(qa_file)
    assert len(items) >= 200 and len({i["id"] for i in items}) == len(items)
    dev = {i["question"] for i in items if i["split"] == "dev"}
    assert not [i["id"] for i in items if i["split"] == "test" and i["question"] in dev]  # rounds overlap; test never
    cross = [i for i in items if i["category"].startswith("cross_")]
    assert len(cross) >= 100 and {i["category"] for i in cross} == {
        "cross_each", "cross_extreme", "cross_group", "cross_membership", "cross_count", "cross_pair"}
    for item in items:
        assert bool(item["expected"]) == item["answerable"], item["id"]
        for gold in item["gold"]:
            assert texts[gold["doc_id"]][gold["start"]:gold["end"]] == gold["evidence"], item["id"]
    assert out == Path("eval/reports/gov-reports-2025") and SETS.joinpath("gov-reports-2025") == qa_file.parent
    assert load_items(dialogs_file)
