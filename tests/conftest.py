"""Session-wide reporting: how many examples the property-based tests ran."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.support import EXAMPLES_RUN

if TYPE_CHECKING:
    import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the examples each property-based test ran (shown with or without -s)."""
    if not EXAMPLES_RUN:
        return
    terminalreporter.section("hypothesis examples")
    for test, count in sorted(EXAMPLES_RUN.items()):
        terminalreporter.write_line(f"{count:5d}  {test}")
    terminalreporter.write_line(f"{sum(EXAMPLES_RUN.values()):5d}  in total")
