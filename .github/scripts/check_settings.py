"""Check a cognito-access workflow's settings before any job starts; name every problem.

Run by the first job of the reusable workflows (no credentials), with the settings in
its environment:

- ``EXPECTED_EVENTS``: the events the workflow may run on (``GITHUB_EVENT_NAME``);
- ``BRANCH``: when set, the only branch it may run on (``GITHUB_REF``);
- ``VARIABLES``: the repository's variables, ``${{ toJSON(vars) }}``;
- ``ROLE_VARIABLES``: variables that must each hold an IAM role ARN;
- ``REQUIRED_VARIABLES``: variables that must be set; ``A|B`` means one of them;
- ``SYNTH_VARIABLES``: the variables the synth command reads (names only);
- ``STACK``, ``STACK_DIRECTORY``, ``STATE_KEY``, ``LIBRARY_VERSION``: the inputs.

Prints one ``::error::`` line per problem and exits 1, or prints what it checked.
Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

_ROLE_ARN = re.compile(r"arn:aws(?:-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STACK = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
# Where the deploy workflow keeps saved plans; a state key there would expire with them.
PLANS_PREFIX = "plans/"


def problems(environ: Mapping[str, str]) -> list[str]:
    """Every problem with the settings in ``environ``; empty when there is none."""
    found = _event_problems(environ)
    try:
        variables = json.loads(environ.get("VARIABLES") or "{}")
    except json.JSONDecodeError:
        variables = None
    if not isinstance(variables, dict):
        return [*found, "VARIABLES is not the JSON object of the repository's variables"]
    found += _variable_problems(variables, environ)
    found += _input_problems(environ)
    return found


def _event_problems(environ: Mapping[str, str]) -> list[str]:
    found = []
    event, expected = environ.get("GITHUB_EVENT_NAME", ""), environ.get("EXPECTED_EVENTS", "")
    if event not in expected.split():
        found.append(f"this workflow runs on {' or '.join(expected.split())}, not on {event!r}")
    branch = environ.get("BRANCH", "")
    if branch and environ.get("GITHUB_REF") != f"refs/heads/{branch}":
        found.append(
            f"this workflow runs on the branch {branch!r} only, "
            f"not on {environ.get('GITHUB_REF', '')!r}"
        )
    return found


def _variable_problems(variables: Mapping[str, object], environ: Mapping[str, str]) -> list[str]:
    def value(name: str) -> str:
        setting = variables.get(name)
        return setting.strip() if isinstance(setting, str) else ""

    found = []
    for name in environ.get("ROLE_VARIABLES", "").split():
        if not value(name):
            found.append(f"set the repository variable {name} (the ARN of an IAM role)")
        elif not _ROLE_ARN.fullmatch(value(name)):
            found.append(f"{name} must be an IAM role ARN; got {value(name)!r}")
    for alternatives in environ.get("REQUIRED_VARIABLES", "").split():
        names = alternatives.split("|")
        if not any(value(name) for name in names):
            found.append(f"set the repository variable {' or '.join(names)}")
    listed = f"{environ.get('REQUIRED_VARIABLES', '')} {environ.get('SYNTH_VARIABLES', '')}"
    found += [
        f"{name!r} is not a variable name"
        for name in re.split(r"[\s|]+", listed)
        if name and not _NAME.fullmatch(name)
    ]
    return found


def _input_problems(environ: Mapping[str, str]) -> list[str]:
    found = []
    stack = environ.get("STACK", "")
    if not _STACK.fullmatch(stack):
        found.append(
            f"the input stack must be a cdktf stack name (letters, digits, - and _); got {stack!r}"
        )
    directory = PurePosixPath(environ.get("STACK_DIRECTORY", ""))
    if directory.is_absolute() or ".." in directory.parts or not directory.parts:
        found.append(
            f"the input stack-directory must be a path in the repository; got {str(directory)!r}"
        )
    key = environ.get("STATE_KEY", "")
    if not key or key.startswith(("/", PLANS_PREFIX)):
        found.append(
            f"the input state-key must be the state's key in the bucket, outside {PLANS_PREFIX} "
            f"(where saved plans expire); got {key!r}"
        )
    if not environ.get("LIBRARY_VERSION", "").strip():
        found.append(
            "the input library-version must name a release of cognito-access (tag or commit)"
        )
    return found


def main() -> int:
    """Print the problems as workflow errors; 1 if there are any."""
    found = problems(os.environ)
    for problem in found:
        print(f"::error title=cognito-access settings::{problem}")
    if not found:
        print("The settings are complete.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
