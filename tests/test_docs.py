"""The documentation site's sources agree with the code they describe.

``make docs`` (``mkdocs build --strict``) catches broken links, missing includes and
docstring references that do not resolve; these tests hold the pages to the lists they
must cover, without building the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import cognito_access

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def test_the_api_page_documents_every_public_name() -> None:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = re.findall(r"^::: cognito_access\.(\w+)$", page, flags=re.MULTILINE)
    assert sorted(documented) == sorted(cognito_access.__all__)


def test_every_example_app_is_included_in_the_docs() -> None:
    pages = "\n".join(path.read_text(encoding="utf-8") for path in DOCS.rglob("*.md"))
    included = set(re.findall(r'^--8<-- "examples/(\w+)\.py"$', pages, flags=re.MULTILINE))
    assert included == {path.stem for path in (ROOT / "examples").glob("*.py")}


def test_every_page_in_docs_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = set(re.findall(r":\s+(\S+\.md)$", config, flags=re.MULTILINE))
    pages = {path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")}
    assert pages <= in_nav, f"not in mkdocs.yml's nav: {sorted(pages - in_nav)}"
