"""The shape of the eval sets: every QA item and dialog turn has what the runner and the report need."""

from eval.runner import DEFAULT_DIALOGS, DEFAULT_QA, load_items

TURN_FIELDS = {"question", "expected", "answerable", "follow_up"}


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


def test_qa_items_have_the_fields_the_runner_reads():
    for item in load_items(DEFAULT_QA):
        assert {"id", "question", "category", "answerable", "expected", "split"} <= set(item), item["id"]
