"""What a check reports, and the error that stops the command before it can check."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(enum.StrEnum):
    """The outcome of one check."""

    PASS = "PASS"  # noqa: S105 - a status word, not a password
    FAIL = "FAIL"
    SKIP = "SKIP"


@dataclass(frozen=True)
class Result:
    """One check's outcome: which check (1-6), what it looked at, and why it passed or not."""

    check: int
    subject: str
    status: Status
    detail: str


class ConfigurationError(Exception):
    """The command cannot check anything: an input, a credential or a dependency is missing.

    The message says what is missing and what to do; the command exits with status 2.
    """
