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


def test_serve_builds_a_missing_index_in_a_child_process_and_a_current_one_not_again(tmp_path, monkeypatch):
    from assistant import cli, service
    from assistant.settings import Settings
    from tests.fakes import HashingEmbedder

    monkeypatch.setattr(service, "default_embedder", lambda settings: HashingEmbedder())
    commands = []

    class Done:
        returncode = 0

    monkeypatch.setattr(cli.subprocess, "run", lambda command, check: commands.append(command) or Done())
    settings = Settings(home=tmp_path / "home")
    assert cli.build_in_child(settings) == 0
    assert commands and commands[0][1:4] == ["-m", "assistant", "index"]
    assert commands[0][commands[0].index("--out") + 1] == str(settings.index_root)
    service.ensure_index(settings, HashingEmbedder())
    commands.clear()
    assert cli.build_in_child(settings) == 0 and not commands
