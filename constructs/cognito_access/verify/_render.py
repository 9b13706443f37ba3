"""The results as text lines for people, or as one JSON document for CI."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

from cognito_access.verify._results import Result, Status

if TYPE_CHECKING:
    from collections.abc import Sequence


def exit_status(results: Sequence[Result]) -> int:
    """1 when a check failed, else 0."""
    return 1 if any(result.status is Status.FAIL for result in results) else 0


def as_text(results: Sequence[Result]) -> str:
    """One line per result (``PASS``, ``FAIL`` or ``SKIP`` first), then the total."""
    lines = [f"{r.status} {r.check} {r.subject}: {r.detail}" for r in results]
    counts = Counter(result.status for result in results)
    verdict = "the setup does not work as declared" if exit_status(results) else "the setup works"
    lines.append(
        f"Total: {counts[Status.PASS]} passed, {counts[Status.FAIL]} failed, "
        f"{counts[Status.SKIP]} skipped; {verdict}"
    )
    return "\n".join(lines) + "\n"


def as_json(results: Sequence[Result]) -> str:
    """``{"results": [...], "passed": n, "failed": n, "skipped": n, "exit_status": 0|1}``."""
    counts = Counter(result.status for result in results)
    document = {
        "results": [
            {
                "check": result.check,
                "subject": result.subject,
                "status": str(result.status),
                "detail": result.detail,
            }
            for result in results
        ],
        "passed": counts[Status.PASS],
        "failed": counts[Status.FAIL],
        "skipped": counts[Status.SKIP],
        "exit_status": exit_status(results),
    }
    return json.dumps(document, indent=2) + "\n"


def error_as_json(message: str) -> str:
    """The document for a configuration error: no results, exit status 2."""
    return json.dumps({"results": [], "error": message, "exit_status": 2}, indent=2) + "\n"
