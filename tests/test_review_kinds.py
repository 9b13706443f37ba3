"""The list of caution kinds: one registry in the code, and the same list in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cognito_access.review._kinds import Kind, table

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "reference" / "cautions.md"
REVIEW = ROOT / "constructs" / "cognito_access" / "review"
ROW = re.compile(r"^\| `(?P<key>[a-z0-9-]+)` \| (?P<text>.+) \|$")


def documented() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    return {match["key"]: match["text"] for match in map(ROW.match, text.splitlines()) if match}


def test_the_docs_list_every_kind_of_caution_and_no_other() -> None:
    assert set(documented()) == {kind.key for kind in Kind}


def test_the_docs_say_what_each_kind_warns_of_as_the_code_does() -> None:
    assert documented() == {kind.key: kind.value for kind in Kind}


def test_the_docs_table_is_the_one_the_code_prints() -> None:
    assert table() in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", list(Kind), ids=[kind.key for kind in Kind])
def test_every_kind_is_raised_somewhere_in_the_review_code(kind: Kind) -> None:
    sources = "".join(
        path.read_text(encoding="utf-8") for path in REVIEW.glob("*.py") if path.name != "_kinds.py"
    )
    assert f"Kind.{kind.name}" in sources
