"""Stop a run whose commit is no longer the head of its branch: it would plan or apply old code.

Re-running an old deploy run (or approving one that a newer commit overtook) would plan
or apply the commit it was started for. This asks GitHub for the branch's head now
(``gh api``, with ``GH_TOKEN``) and exits 1, saying so, when it is another commit.

Environment: ``GITHUB_REPOSITORY``, ``GITHUB_SHA``, ``BRANCH`` and ``GH_TOKEN``.
Standard library and the ``gh`` command of the runner.
"""

from __future__ import annotations

import os
import subprocess
import sys


def branch_head(repository: str, branch: str) -> str:
    """The commit ``branch`` of ``repository`` points to now."""
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["gh", "api", f"repos/{repository}/git/ref/heads/{branch}", "--jq", ".object.sha"],  # noqa: S607 - the runner's gh
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        msg = (
            f"cannot read the head of {branch!r}: {result.stderr.strip() or result.stdout.strip()}"
        )
        raise RuntimeError(msg)
    return result.stdout.strip()


def main() -> int:
    """Exit 0 when this run's commit is the branch's head, else 1 with the reason."""
    repository, commit, branch = (
        os.environ[name] for name in ("GITHUB_REPOSITORY", "GITHUB_SHA", "BRANCH")
    )
    try:
        head = branch_head(repository, branch)
    except RuntimeError as error:
        print(f"::error title=Not the head of {branch}::{error}")
        return 1
    if head != commit:
        print(
            f"::error title=An old commit::This run is for {commit}, but {branch} is at {head} "
            "now. Re-running an old run (or approving one a newer commit overtook) would plan "
            f"or apply an old commit, so it stops here. The run of {head} plans the newest "
            f"commit; or start the workflow on {branch} again."
        )
        return 1
    print(f"{commit} is the head of {branch}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
