"""`python -m assistant facts`: listing, formats and the consistency check."""

import json

import pytest

from assistant.cli import main


def test_check_reports_the_known_conflicts_and_exits_zero(capsys):
    assert main(["facts", "--check"]) == 0
    out = capsys.readouterr().out
    assert "conflicts (2):" in out
    assert "37.31亿元（全文" in out and "37.34亿元（摘要" in out and "算术支持37.34亿元" in out
    assert "21。个（全文" in out and "算术支持210个" in out
    assert "94 checks: 92 passed, 2 failed (2 of 2 conflicts settled by arithmetic)" in out


def test_query_and_formats(capsys):
    assert main(["facts", "--query", "续建 领域10", "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert sorted(f["written"] for f in facts) == ["11个", "11个", "37.31亿元", "37.34亿元"]
    assert main(["facts", "--query", "新能源汽车保有量", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("kind,written,value") and len(lines) == 3


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["facts", "--format", "xml"])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
