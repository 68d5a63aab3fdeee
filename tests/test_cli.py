"""The command line: exit codes that mean something, messages that say what went wrong, JSON for scripts."""

import json

import pytest

from assistant.cli import EXIT_INDEX, EXIT_USAGE, build_parser, main


def test_every_command_has_help(capsys):
    for command in ("index", "ask", "facts", "serve", "eval"):
        with pytest.raises(SystemExit) as exit_info:
            main([command, "--help"])
        assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--json" in out and "--fail-under" in out and ".docx" in out


def test_an_empty_question_is_a_usage_error(capsys):
    assert main(["ask", "   "]) == EXIT_USAGE
    assert "question is empty" in capsys.readouterr().err


def test_a_missing_corpus_is_named_with_exit_3(tmp_path, capsys):
    assert main(["index", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "idx")]) == EXIT_INDEX
    assert "no such file or folder" in capsys.readouterr().err


def test_eval_flags_parse():
    args = build_parser().parse_args(["eval", "--split", "test", "--no-baselines", "--json", "-q", "--fail-under", "r.json"])
    assert (args.split, args.no_baselines, args.json, args.quiet, args.fail_under) == ("test", True, True, True, "r.json")
    assert json.loads(json.dumps(vars(args), default=str))["margin"] == 0.02
