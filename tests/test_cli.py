"""The command line: exit codes that mean something, messages that say what went wrong, JSON for scripts."""

import json

import pytest

from assistant.cli import EXIT_INDEX, EXIT_USAGE, build_parser, main


def test_every_command_has_help(capsys):
    for command in ("index", "ask", "documents", "facts", "serve", "eval"):
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


def test_documents_lists_each_indexed_documents_place_kind_and_period(tmp_path, capsys, monkeypatch):
    from assistant import service
    from assistant.settings import Settings
    from tests.fakes import HashingEmbedder

    monkeypatch.setenv("JNQA_HOME", str(tmp_path / "home"))
    service.ensure_index(Settings(), HashingEmbedder())
    assert main(["documents"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[0][:4] == ["id", "place", "kind", "period"]
    assert ["济南市", "行动计划", "2023—2025"] in [row[1:4] for row in rows[1:]]
    assert main(["documents", "--json"]) == 0
    assert {r["profile"]["place_short"] for r in json.loads(capsys.readouterr().out)} == {"济南"}


def test_documents_without_an_index_says_how_to_build_one(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("JNQA_HOME", str(tmp_path / "home"))
    assert main(["documents"]) == EXIT_INDEX
    assert "python -m assistant index" in capsys.readouterr().err
