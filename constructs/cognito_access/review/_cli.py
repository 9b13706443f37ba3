"""The command line: ``cognito-access-plan-summary [PLAN_JSON] [--max-chars N]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cognito_access.review._plan import EXPECTED, plan_problem
from cognito_access.review._render import GITHUB_COMMENT_LIMIT, MIN_LIMIT, summarize

if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Print the summary of a plan's JSON read from a file or standard input.

    Returns 0, or 2 after a message on standard error when the input is not a plan's
    JSON. Bad usage (an unknown option, a ``--max-chars`` below 500) exits with 2, as
    argparse does.
    """
    parser = argparse.ArgumentParser(
        prog="cognito-access-plan-summary",
        description=(
            "Summarize a Terraform plan for a pull-request comment, as Markdown on stdout. "
            "Sensitive and secret-looking values are never printed."
        ),
    )
    parser.add_argument(
        "plan_json",
        nargs="?",
        default="-",
        metavar="PLAN_JSON",
        help="the output of `terraform show -json <plan file>`; '-' or absent: standard input",
    )
    parser.add_argument(
        "--max-chars",
        type=_limit_argument,
        default=GITHUB_COMMENT_LIMIT,
        metavar="N",
        help=f"the most characters to print (at least {MIN_LIMIT}). Default: %(default)s",
    )
    arguments = parser.parse_args(argv)
    source: str = arguments.plan_json
    name = "standard input" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return usage_error(parser, f"{name} is not UTF-8 text, so not a plan's JSON")
    except OSError as error:
        return usage_error(parser, f"cannot read {name}: {error.strerror or error}")
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as error:
        return usage_error(parser, f"{name} is not JSON ({error}); expected {EXPECTED}")
    problem = plan_problem(plan)
    if problem is not None:
        return usage_error(parser, f"{name} {problem}")
    sys.stdout.write(summarize(plan, limit=arguments.max_chars))
    return 0


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """Print the usage and ``message`` on standard error, as argparse does; return 2."""
    parser.print_usage(sys.stderr)
    sys.stderr.write(f"{parser.prog}: error: {message}\n")
    return 2


def _limit_argument(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        msg = f"must be a whole number; got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < MIN_LIMIT:
        msg = f"must be at least {MIN_LIMIT}; got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value
