"""Run synthesized stacks with real Terraform, offline, against the moto AWS emulator.

Three rewrites make a ``cdk.tf.json`` runnable here:

- the AWS provider is pinned to the version in the local filesystem mirror (the
  bindings pin 6.x, the mirror holds 5.100.0; the configuration is valid on both);
- the AWS provider is pointed at the emulator, with dummy credentials;
- every ``cloudflare_*`` resource becomes Terraform's built-in ``terraform_data``,
  whose ``input`` is the resource's arguments, with references to it rewritten, so
  Terraform itself resolves every value that would reach Cloudflare. Its
  ``ignore_changes`` paths move under ``input``; an ``import`` block for it is
  dropped (there is nothing to import a stand-in from).

For an apply, the state is also kept local to the workspace (``use_local_state``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIRROR_ENV = "COGNITO_ACCESS_TF_MIRROR"
DEFAULT_MIRROR = "/opt/tf-plugins"
AWS_MIRROR_DIR = Path("registry.terraform.io", "hashicorp", "aws")
STAND_IN = "terraform_data"
# The state file format state_file_values reads (Terraform 1.x writes version 4).
_STATE_FORMAT = 4
# terraform_data's attributes of any type, which a state file keeps as {"value", "type"}
# (terraform show -json prints the value alone). The mirror's AWS resources have none.
_STAND_IN_DYNAMIC = ("input", "output", "triggers_replace")
_META_ARGUMENTS = ("//", "provider", "count", "for_each")
# References to Cloudflare resources: <type>.<name>.<attribute>, outside or inside ${...}.
_CLOUDFLARE_REFERENCE = re.compile(r"\b(cloudflare_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.(\w+)")


def mirror_path() -> Path:
    """The filesystem mirror of providers: $COGNITO_ACCESS_TF_MIRROR, or /opt/tf-plugins."""
    return Path(os.environ.get(MIRROR_ENV, DEFAULT_MIRROR))


def mirrored_aws_version(mirror: Path) -> str | None:
    """The hashicorp/aws version in ``mirror`` (the newest, if several), or None."""
    versions = sorted(
        (path.parent.name for path in (mirror / AWS_MIRROR_DIR).glob("*/linux_amd64")),
        key=lambda version: tuple(int(part) for part in version.split(".")),
    )
    return versions[-1] if versions else None


def write_cli_config(directory: Path, mirror: Path) -> Path:
    """A Terraform CLI config: hashicorp/* from ``mirror`` only, with a plugin cache."""
    cache = directory / "plugin-cache"
    cache.mkdir(parents=True, exist_ok=True)
    config = directory / "terraform.rc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path = "{mirror}"\n    include = ["hashicorp/*"]\n  }}\n'
        '  direct {\n    exclude = ["hashicorp/*"]\n  }\n'
        "}\n"
        f'plugin_cache_dir = "{cache}"\n',
        encoding="utf-8",
    )
    return config


def _stand_in_name(resource_type: str, name: str) -> str:
    return f"{resource_type}_{name}"


def _rewrite_reference(match: re.Match[str]) -> str:
    resource_type, name, attribute = match.groups()
    stand_in = f"{STAND_IN}.{_stand_in_name(resource_type, name)}"
    return f"{stand_in}.id" if attribute == "id" else f"{stand_in}.output.{attribute}"


def stand_in_for_cloudflare(config: dict[str, Any]) -> dict[str, Any]:
    """Replace every ``cloudflare_*`` resource with a ``terraform_data`` holding its arguments."""
    text = _CLOUDFLARE_REFERENCE.sub(_rewrite_reference, json.dumps(config))
    rewritten: dict[str, Any] = json.loads(text)
    resources: dict[str, Any] = rewritten.get("resource", {})
    for resource_type in [kind for kind in resources if kind.startswith("cloudflare_")]:
        for name, arguments in resources.pop(resource_type).items():
            inputs = {key: value for key, value in arguments.items() if key not in _META_ARGUMENTS}
            meta = {key: inputs.pop(key) for key in ("depends_on", "lifecycle") if key in inputs}
            ignored = meta.get("lifecycle", {}).get("ignore_changes")
            if isinstance(ignored, list):
                meta["lifecycle"]["ignore_changes"] = [f"input.{path}" for path in ignored]
            stand_ins = resources.setdefault(STAND_IN, {})
            stand_ins[_stand_in_name(resource_type, name)] = {"input": inputs, **meta}
    if "import" in rewritten:
        rewritten["import"] = [
            block for block in rewritten["import"] if not block["to"].startswith("cloudflare_")
        ]
    rewritten.get("provider", {}).pop("cloudflare", None)
    rewritten.get("terraform", {}).get("required_providers", {}).pop("cloudflare", None)
    return rewritten


def drop_resources(config: dict[str, Any], resource_type: str) -> dict[str, Any]:
    """Remove every ``resource_type`` resource, and ``depends_on`` entries naming one.

    For a resource type the mirror's provider does not have; returns what was removed,
    by name, so a test can still check it.
    """
    dropped: dict[str, Any] = config.get("resource", {}).pop(resource_type, {})
    addresses = {f"{resource_type}.{name}" for name in dropped}
    for resources in config.get("resource", {}).values():
        for arguments in resources.values():
            if "depends_on" in arguments:
                kept = [entry for entry in arguments["depends_on"] if entry not in addresses]
                if kept:
                    arguments["depends_on"] = kept
                else:
                    del arguments["depends_on"]
    return dropped


def use_local_state(config: dict[str, Any]) -> dict[str, Any]:
    """Drop the configured backend: the state stays in the workspace."""
    config.get("terraform", {}).pop("backend", None)
    return config


def pin_aws_provider(config: dict[str, Any], version: str) -> dict[str, Any]:
    """Require exactly ``version`` of hashicorp/aws (the mirror's)."""
    terraform = config.setdefault("terraform", {})
    terraform.setdefault("required_providers", {})["aws"] = {
        "source": "hashicorp/aws",
        "version": version,
    }
    return config


def point_aws_at(config: dict[str, Any], endpoint: str) -> dict[str, Any]:
    """Send every AWS provider's Cognito calls to ``endpoint``, with dummy credentials."""
    for provider in config.get("provider", {}).get("aws", []):
        provider.update(
            access_key="testing",
            secret_key="testing",  # noqa: S106 - the emulator's dummy credentials
            skip_credentials_validation=True,
            skip_requesting_account_id=True,
            skip_metadata_api_check=True,
            endpoints=[{"cognitoidp": endpoint}],
        )
    return config


def write_s3_backend_overrides(directory: Path, endpoint: str) -> Path:
    """A partial backend config sending the synthesized S3 backend to ``endpoint``.

    Passed with ``terraform init -backend-config=<file>``, it adds to the backend block
    as synthesized (bucket, key, region, encrypt, use_lockfile) without replacing it.
    """
    overrides = directory / "emulator.s3.tfbackend"
    overrides.write_text(
        f'endpoints = {{ s3 = "{endpoint}" }}\n'
        "use_path_style = true\n"
        'access_key = "testing"\n'
        'secret_key = "testing"\n'
        "skip_credentials_validation = true\n"
        "skip_requesting_account_id = true\n"
        "skip_metadata_api_check = true\n"
        "skip_region_validation = true\n",
        encoding="utf-8",
    )
    return overrides


@dataclass(frozen=True)
class Workspace:
    """A Terraform working directory with its own state, sharing the session's plugin cache."""

    directory: Path
    cli_config: Path

    def write(self, config: dict[str, Any]) -> None:
        """Write ``config`` as the workspace's only configuration file."""
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "main.tf.json").write_text(json.dumps(config, indent=2), "utf-8")

    def terraform(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``terraform <args>`` here; raise with its output if ``check`` and it fails."""
        executable = shutil.which("terraform")
        if executable is None:
            msg = "terraform is not on PATH"
            raise FileNotFoundError(msg)
        env = {
            **os.environ,
            "TF_CLI_CONFIG_FILE": str(self.cli_config),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
            # The AWS provider (a Go program) spends about a third of its CPU time collecting
            # garbage while it builds its schema, at every start (several per command): no
            # collection below 1 GiB, where it starts again, makes the suite's terraform
            # commands about 30% cheaper. What Terraform decides is not changed.
            "GOGC": "off",
            "GOMEMLIMIT": "1GiB",
        }
        result = subprocess.run(  # noqa: S603 - terraform with arguments from the tests
            [executable, *args, "-no-color"],
            cwd=self.directory,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            command = " ".join(args)
            msg = f"terraform {command} exited {result.returncode}:\n{result.stderr}{result.stdout}"
            raise AssertionError(msg)
        return result

    def plan_json(self, name: str = "tfplan") -> dict[str, Any]:
        """Plan into a file and return ``terraform show -json`` of it."""
        self.terraform("plan", f"-out={name}")
        plan: dict[str, Any] = json.loads(self.terraform("show", "-json", name).stdout)
        return plan

    def state_values(self) -> dict[str, dict[str, Any]]:
        """Each root module resource's values in the state, by address, sensitive ones included.

        A local state (``use_local_state``) is read from its file: what ``terraform show
        -json`` would print, without starting the AWS provider (about 2 s of CPU each
        time). A state kept in a backend is read with ``terraform show -json``.
        """
        local = self.directory / "terraform.tfstate"
        if not local.is_file():
            state = json.loads(self.terraform("show", "-json").stdout)
            resources = state["values"]["root_module"].get("resources", [])
            return {resource["address"]: resource["values"] for resource in resources}
        return state_file_values(json.loads(local.read_text(encoding="utf-8")))


def state_file_values(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each root module resource instance's attributes in a state file, by address.

    The same as ``terraform show -json``'s ``values`` (tests/integration/test_lifecycle.py
    compares the two). The addresses are written as Terraform writes them (``type.name``,
    ``data.`` for a data source, ``[0]`` or ``["key"]`` for an instance of ``count`` or
    ``for_each``).
    """
    if state.get("version") != _STATE_FORMAT:
        msg = f"state file format {state.get('version')!r}; this reads format {_STATE_FORMAT}"
        raise ValueError(msg)
    values: dict[str, dict[str, Any]] = {}
    for resource in state.get("resources", []):
        if "module" in resource:
            continue  # terraform show -json lists these under child_modules
        prefix = "data." if resource["mode"] == "data" else ""
        base = f"{prefix}{resource['type']}.{resource['name']}"
        for instance in resource["instances"]:
            key = f"[{json.dumps(instance['index_key'])}]" if "index_key" in instance else ""
            attributes = dict(instance["attributes"])
            if resource["type"] == STAND_IN:
                for name in _STAND_IN_DYNAMIC:
                    if isinstance(attributes.get(name), dict):
                        attributes[name] = attributes[name]["value"]
            values[f"{base}{key}"] = attributes
    return values
