"""The deployed stack's outputs, from ``terraform output -json`` or a file holding them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cognito_access._facts import OUTPUT_OFFBOARDING_FUNCTION, VERIFY_OUTPUTS
from cognito_access.verify._results import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping

# The outputs the checks read; a library user's stack must declare each of them.
REQUIRED_OUTPUTS = tuple(output.name for output in VERIFY_OUTPUTS)
_TERRAFORM_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Outputs:
    """The stack's outputs the checks need, as strings."""

    identity_provider_id: str
    client_id: str
    issuer_url: str
    hosted_ui_url: str
    callback_url: str
    # Where the stack declares AccessOffboarding: its function's name (check 7); else None.
    offboarding_function_name: str | None = None

    @property
    def user_pool_id(self) -> str:
        """The pool id: the issuer URL's last path segment."""
        return self.issuer_url.rstrip("/").rsplit("/", 1)[-1]

    @classmethod
    def from_json(cls, document: object, source: str) -> Outputs:
        """Outputs from ``terraform output -json``'s document (``{name: {"value": ...}}``).

        Raises:
            ConfigurationError: ``document`` is not an object of outputs, or an output the
                checks need is missing or not a non-empty string.
        """
        if not isinstance(document, dict):
            msg = f"{source} is not the JSON object `terraform output -json` writes"
            raise ConfigurationError(msg)
        values = {name: _value(entry) for name, entry in document.items()}
        missing = [name for name in REQUIRED_OUTPUTS if not isinstance(values.get(name), str)]
        missing += [name for name in REQUIRED_OUTPUTS if values.get(name) == ""]
        if missing:
            msg = (
                f"{source} lacks the output(s) {', '.join(missing)} (each a non-empty string); "
                f"the stack must declare {', '.join(REQUIRED_OUTPUTS)} (the construct's "
                "verify_outputs; see the guide 'Verifying a deployed setup'), and be applied"
            )
            raise ConfigurationError(msg)
        offboarding = values.get(OUTPUT_OFFBOARDING_FUNCTION.name)
        return cls(
            **{name: str(values[name]) for name in REQUIRED_OUTPUTS},
            offboarding_function_name=offboarding
            if isinstance(offboarding, str) and offboarding
            else None,
        )


def _value(entry: object) -> object:
    """An output's value: terraform writes ``{"value": ..., "type": ..., "sensitive": ...}``."""
    if isinstance(entry, dict) and "value" in entry:
        return entry["value"]
    return entry


def read_outputs_file(path: str) -> Outputs:
    """The outputs in ``path`` (``-``: standard input), as ``terraform output -json`` wrote them.

    Raises:
        ConfigurationError: The file cannot be read, is not JSON, or lacks an output.
    """
    name = "standard input" if path == "-" else path
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        msg = f"cannot read the outputs from {name}: {error}; pass --outputs FILE"
        raise ConfigurationError(msg) from None
    return Outputs.from_json(_parse(text, name), name)


def run_terraform_output(stack_dir: Path) -> Outputs:
    """The outputs ``terraform output -json`` prints in ``stack_dir``.

    Raises:
        ConfigurationError: The directory or terraform is missing, terraform fails, or an
            output is missing.
    """
    if not stack_dir.is_dir():
        msg = (
            f"no synthesized stack in {stack_dir}: run `cdktf deploy` first (in this "
            "repository, `make deploy`) from the directory that holds cdktf.out, give the "
            "stack's name with --stack, or pass --outputs FILE (from `terraform output -json`)"
        )
        raise ConfigurationError(msg)
    terraform = shutil.which("terraform")
    if terraform is None:
        msg = "terraform is not on PATH: install it, or pass --outputs FILE"
        raise ConfigurationError(msg)
    try:
        completed = subprocess.run(  # noqa: S603 - terraform from PATH, fixed arguments
            [terraform, "output", "-json", "-no-color"],
            cwd=stack_dir,
            capture_output=True,
            text=True,
            timeout=_TERRAFORM_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        msg = f"`terraform output -json` in {stack_dir} took over {_TERRAFORM_TIMEOUT_SECONDS} s"
        raise ConfigurationError(msg) from None
    source = f"`terraform output -json` in {stack_dir}"
    if completed.returncode != 0:
        msg = (
            f"{source} failed (exit status {completed.returncode}): "
            f"{completed.stderr.strip()}\nIs the directory initialized (`terraform init`, which "
            "`cdktf deploy` and `make deploy` run) and the state reachable (credentials, "
            "backend)?"
        )
        raise ConfigurationError(msg)
    return Outputs.from_json(_parse(completed.stdout, source), source)


def _parse(text: str, source: str) -> Mapping[str, Any]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        msg = f"{source} is not JSON ({error}); expected what `terraform output -json` writes"
        raise ConfigurationError(msg) from None
    if not isinstance(document, dict):
        msg = f"{source} is not the JSON object `terraform output -json` writes"
        raise ConfigurationError(msg)
    return document
