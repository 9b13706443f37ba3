"""The command line: cognito-access-plan-summary reads a plan file or standard input."""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

import pytest

from cognito_access.review import main, summarize
from tests.plans import (
    REPLACE,
    listed,
    many_updates,
    plan,
    resource,
)
from tests.support import modules_after

if TYPE_CHECKING:
    from pathlib import Path

# The command


def test_the_command_prints_the_summary_of_a_plan_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = plan(resource("aws_cognito_user_pool_client.app", REPLACE))
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main([str(path)]) == 0
    assert capsys.readouterr().out == summarize(document)


@pytest.mark.parametrize("argv", [[], ["-"]])
def test_the_command_reads_standard_input(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    document = plan(resource("aws_s3_bucket.logs", ["create"]))
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(document)))
    assert main(argv) == 0
    assert list(listed(capsys.readouterr().out)) == ["aws_s3_bucket.logs"]


def test_the_command_cuts_to_max_chars(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(many_updates(100))))
    assert main(["--max-chars", "1000"]) == 0
    out = capsys.readouterr().out
    assert len(out) <= 1000
    assert "(1,000 characters)" in out


INVALID: list[tuple[str, str]] = [
    ("{not json", "standard input is not JSON"),
    ("", "standard input is not JSON"),
    ('{"format_version": "1.0", "values": {}}', "standard input is Terraform state, not a plan"),
    ('["format_version"]', "standard input is not a JSON object"),
]


@pytest.mark.parametrize(("text", "phrase"), INVALID)
def test_the_command_refuses_what_is_not_a_plan_with_exit_status_2(
    text: str, phrase: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"cognito-access-plan-summary: error: {phrase}" in captured.err


def test_the_command_says_when_it_cannot_read_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main([str(missing)]) == 2
    assert f"error: cannot read {missing}: No such file or directory" in capsys.readouterr().err


def test_the_command_refuses_max_chars_below_500(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--max-chars", "499", "plan.json"])
    assert exited.value.code == 2
    assert "--max-chars: must be at least 500; got 499" in capsys.readouterr().err


@pytest.mark.process
def test_the_command_starts_without_importing_cdktf() -> None:
    imported = modules_after("import cognito_access.review, cognito_access.plan_summary")
    assert [name for name in imported if name.startswith("cdktf")] == []
