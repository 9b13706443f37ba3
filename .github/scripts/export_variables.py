"""Hand the repository variables a synth command reads to the next steps' environment.

A reusable workflow cannot see its caller's environment, only ``vars``. This writes the
variables named in ``NAMES`` (space-separated), taken from ``VARIABLES``
(``${{ toJSON(vars) }}``), to ``$GITHUB_ENV``, each in the multi-line form with a random
delimiter, so no value can add another variable. Unset ones are left out. Names the
runner or an interpreter reads (``PATH``, ``GITHUB_*``, ``LD_*``, ``NODE_OPTIONS``, ...)
are refused. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RESERVED = re.compile(
    r"(?:PATH|HOME|SHELL|BASH_ENV|ENV|IFS|CI|NODE_OPTIONS|NODE_PATH|PERL5LIB|RUBYOPT"
    r"|GITHUB_\w*|RUNNER_\w*|ACTIONS_\w*|LD_\w*|DYLD_\w*|PYTHON\w*|AWS_\w*|CLOUDFLARE_API_TOKEN)",
    re.IGNORECASE,
)
_ALLOWED_AWS = frozenset({"AWS_REGION"})


def environment_file(names: str, variables: Mapping[str, object]) -> str:
    """The lines to append to ``$GITHUB_ENV``. Raises ValueError naming a refused name."""
    lines = []
    for name in names.split():
        if not _NAME.fullmatch(name) or (_RESERVED.fullmatch(name) and name not in _ALLOWED_AWS):
            msg = f"synth-variables may not name {name!r}: the runner or an interpreter reads it"
            raise ValueError(msg)
        value = variables.get(name)
        if isinstance(value, str) and value:
            delimiter = f"EOF_{secrets.token_hex(16)}"
            lines += [f"{name}<<{delimiter}", value, delimiter]
    return "".join(f"{line}\n" for line in lines)


def main() -> int:
    """Append the variables to ``$GITHUB_ENV``; 1 with the reason when a name is refused."""
    try:
        text = environment_file(os.environ.get("NAMES", ""), json.loads(os.environ["VARIABLES"]))
    except ValueError as error:
        print(f"::error title=synth-variables::{error}")
        return 1
    with open(os.environ["GITHUB_ENV"], "a", encoding="utf-8") as github_env:  # noqa: PTH123 - one append
        github_env.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
