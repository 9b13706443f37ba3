"""Copy a synthesized stack from its artifact into a fresh directory: cdk.tf.json and assets/ only.

The artifact comes from a job that ran the caller's code, so it may hold anything:
a ``.terraform`` directory with a provider binary, an override file, variable files, a
lock file, symbolic links. Terraform would read those, so only ``cdk.tf.json`` (a
regular file) and the ``assets/`` directory cdktf writes (regular files and directories,
no links) are copied; anything else is refused with a line naming it.

Usage: ``lay_out_stack.py ARTIFACT_DIRECTORY STACK_DIRECTORY`` (the second must not
exist yet). Standard library only.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

CONFIGURATION = "cdk.tf.json"
ASSETS = "assets"


def problems(artifact: Path) -> list[str]:
    """Why ``artifact`` is not a synthesized stack of cdk.tf.json and assets/; empty if it is."""
    if not artifact.is_dir():
        return [f"{artifact} is not a directory"]
    found = [
        f"the artifact holds {entry.name!r}; only {CONFIGURATION} and {ASSETS}/ are laid out"
        for entry in sorted(artifact.iterdir())
        if entry.name not in {CONFIGURATION, ASSETS}
    ]
    configuration = artifact / CONFIGURATION
    if configuration.is_symlink() or not configuration.is_file():
        found.append(f"{CONFIGURATION} is missing or not a regular file")
    assets = artifact / ASSETS
    if assets.is_symlink() or (assets.exists() and not assets.is_dir()):
        found.append(f"{ASSETS} is not a directory")
    elif assets.is_dir():
        found += [
            f"{path.relative_to(artifact)} is a link or a special file"
            for path in sorted(assets.rglob("*"))
            if path.is_symlink() or not (path.is_file() or path.is_dir())
        ]
    return found


def lay_out(artifact: Path, stack: Path) -> None:
    """Copy the stack from ``artifact`` into ``stack``, which must not exist yet."""
    stack.mkdir(parents=True)
    shutil.copyfile(artifact / CONFIGURATION, stack / CONFIGURATION)
    if (artifact / ASSETS).is_dir():
        shutil.copytree(artifact / ASSETS, stack / ASSETS, symlinks=True)


def main(argv: list[str]) -> int:
    """Lay the stack out, or print why not and exit 1."""
    if len(argv) != 2:  # noqa: PLR2004 - the two paths
        print("usage: lay_out_stack.py ARTIFACT_DIRECTORY STACK_DIRECTORY", file=sys.stderr)
        return 2
    artifact, stack = Path(argv[0]), Path(argv[1])
    found = problems(artifact)
    if stack.exists():
        found.append(f"{stack} exists already; the stack is laid out in a fresh directory")
    for problem in found:
        print(f"::error title=Synthesized stack refused::{problem}")
    if found:
        return 1
    lay_out(artifact, stack)
    laid_out = [CONFIGURATION, f"{ASSETS}/"] if (stack / ASSETS).exists() else [CONFIGURATION]
    print(f"Laid out {' and '.join(laid_out)} in {stack}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
