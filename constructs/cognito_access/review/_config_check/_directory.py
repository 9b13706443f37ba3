"""The directory the gate reads: ``cdk.tf.json`` alone, as the workflows lay it out.

Terraform reads more than the file the gate checks: every ``*.tf`` and ``*.tf.json``
beside it (overrides too), ``*.auto.tfvars`` and ``terraform.tfvars``, provider
binaries under ``terraform.d/plugins``, a ``.terraform`` directory's backend, workspace
and modules, and the lock file. So nothing may sit beside the file but an ``assets``
directory (cdktf's ``TerraformAsset`` writes there; Terraform does not read it), which
holds no Terraform file and no symbolic or hard link (a link could hand a provider any
file of the runner).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from cognito_access.review._config_check._syntax import printable

if TYPE_CHECKING:
    from pathlib import Path

ASSETS: Final = "assets"
# Names Terraform (or its CLI) reads as configuration, variables, state, settings or plugins.
TERRAFORM_NAME: Final = re.compile(
    r".*\.(?:tf|tf\.json|tofu|tofu\.json|tfvars|tfvars\.json|tfstate|tfstate\.backup|tfbackend|hcl)"
    r"|\.terraform.*|terraform\.d|terraform\.rc|\.terraformrc|.*\.tfstate\..*",
    re.IGNORECASE,
)


def directory_problems(config: Path) -> list[str]:
    """Why the directory of ``config`` holds more than Terraform should read with it."""
    return [printable(line) for line in _problems(config)]


def _problems(config: Path) -> list[str]:
    if config.is_symlink():
        return [f"`{config.name}` is a symbolic link; the gate checks a file of its own"]
    problems = []
    for entry in sorted(config.parent.iterdir()):
        if entry.name == config.name:
            continue
        if entry.name == ASSETS and entry.is_dir() and not entry.is_symlink():
            problems += _asset_problems(entry)
        else:
            problems.append(
                f"`{entry.name}` sits beside `{config.name}`: Terraform reads the files of its "
                f"directory, so only `{config.name}` and `{ASSETS}/` may be there"
            )
    return problems


def _asset_problems(assets: Path) -> list[str]:
    problems = []
    for path in sorted(assets.rglob("*")):
        shown = path.relative_to(assets.parent).as_posix()
        if path.is_symlink():
            problems.append(
                f"`{shown}` is a symbolic link: it could point at any file of the runner"
            )
        elif path.is_file() and path.stat().st_nlink > 1:
            problems.append(f"`{shown}` is a hard link: it could be any file of the runner")
        elif TERRAFORM_NAME.fullmatch(path.name):
            problems.append(f"`{shown}` is a Terraform file; `{ASSETS}/` holds only assets")
    return problems
