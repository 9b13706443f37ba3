"""The configuration gate: refuse a synthesized stack a plan job must not run with credentials.

A CI plan job runs ``terraform plan`` with cloud credentials on a ``cdk.tf.json`` that
a pull request produced. Terraform runs providers, provisioners and functions named in
that file, so before any credential is configured this gate refuses a configuration
that could reach past the plan: providers other than ``hashicorp/aws`` and
``cloudflare/cloudflare``, provider blocks that send calls elsewhere (endpoints, base
URLs, proxies), a backend other than the expected S3 bucket, provisioners, the
``terraform_remote_state`` data source, modules, and functions that read the runner's
files. It is defence in depth: the workflow file itself comes from the pull request.

From the command line:
``cognito-access-check-config CDK_TF_JSON --state-bucket BUCKET [--state-key KEY]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cognito_access.review._cli import usage_error

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

ALLOWED_SOURCES = frozenset({"hashicorp/aws", "cloudflare/cloudflare"})
_PUBLIC_REGISTRY = "registry.terraform.io/"
# Terraform's built-in provider: terraform_data (allowed), terraform_remote_state (not).
_BUILT_IN = "terraform"
_REMOTE_STATE = "terraform_remote_state"
# Top-level blocks of a stack as cdktf writes it. Others (module, check) are refused.
_BLOCKS = frozenset(
    {"//", "terraform", "provider", "resource", "data", "output", "locals", "variable"}
    | {"import", "moved", "removed"}
)
# Provider or backend arguments that send calls (and credentials) to another place.
_ELSEWHERE = re.compile(r"endpoint|base_url|api_hostname|api_base_path|proxy|ca_bundle")
# Terraform functions that read files on the runner (its credentials among them).
_FILE_FUNCTIONS = re.compile(
    r"\b(?:file|fileexists|fileset|filebase64|filebase64sha256|filebase64sha512|filemd5"
    r"|filesha1|filesha256|filesha512|templatefile|pathexpand|abspath)\s*\("
)


def config_problems(
    config: Mapping[str, Any], *, state_bucket: str, state_key: str | None = None
) -> list[str]:
    """Why ``config`` (a parsed ``cdk.tf.json``) must not be planned with credentials.

    Empty when it may. ``state_bucket`` (and ``state_key``, when given) are what the
    S3 backend must name.
    """
    problems = [
        f"has a top-level `{name}` block; only {', '.join(sorted(_BLOCKS - {'//'}))} are allowed"
        for name in config
        if name not in _BLOCKS
    ]
    terraform = _object(config.get("terraform"))
    sources = _sources(terraform, problems)
    problems += _provider_problems(config, sources)
    problems += _backend_problems(terraform, state_bucket, state_key)
    problems += _resource_problems(config, sources)
    problems += [
        f"calls a function that reads the runner's files at {where}: {match}"
        for where, match in _file_functions(config, "")
    ]
    return problems


def _sources(terraform: Mapping[str, Any], problems: list[str]) -> dict[str, str]:
    """Each required provider's local name and source; refused sources go to ``problems``."""
    sources = {}
    for name, requirement in _object(terraform.get("required_providers")).items():
        source = requirement.get("source") if isinstance(requirement, Mapping) else None
        sources[name] = _normalized(str(source) if source is not None else name)
        if sources[name] not in ALLOWED_SOURCES:
            problems.append(
                f"requires provider `{name}` from `{sources[name]}`; only "
                f"{' and '.join(sorted(ALLOWED_SOURCES))} are allowed"
            )
    return sources


def _normalized(source: str) -> str:
    """A provider source as namespace/type: ``aws`` is ``hashicorp/aws``."""
    source = source.lower().removeprefix(_PUBLIC_REGISTRY)
    return source if "/" in source else f"hashicorp/{source}"


def _provider_problems(config: Mapping[str, Any], sources: Mapping[str, str]) -> Iterator[str]:
    for name, blocks in _object(config.get("provider")).items():
        source = sources.get(name, _normalized(name))
        if source not in ALLOWED_SOURCES:
            yield f"configures provider `{name}` (`{source}`), which is not allowed"
        for block in blocks if isinstance(blocks, list) else [blocks]:
            alias = _object(block).get("alias")
            label = f"`{name}`" + (f" (alias `{alias}`)" if alias else "")
            for argument in _object(block):
                if _ELSEWHERE.search(argument):
                    yield (
                        f"sets `{argument}` in provider {label}: it would send the provider's "
                        "calls, and its credentials, somewhere else"
                    )


def _backend_problems(terraform: Mapping[str, Any], bucket: str, key: str | None) -> Iterator[str]:
    if "cloud" in terraform:
        yield "uses a `cloud` block; the state must be in the S3 backend"
    backend = _object(terraform.get("backend"))
    if list(backend) != ["s3"]:
        found = ", ".join(f"`{name}`" for name in backend) or "none"
        yield f"has backend {found}; expected `s3` with bucket `{bucket}`"
        return
    s3 = _object(backend["s3"])
    if s3.get("bucket") != bucket:
        yield f"keeps its state in bucket `{s3.get('bucket')}`; expected `{bucket}`"
    if key is not None and s3.get("key") != key:
        yield f"keeps its state under key `{s3.get('key')}`; expected `{key}`"
    for argument in s3:
        if _ELSEWHERE.search(argument):
            yield f"sets `{argument}` in the S3 backend: it would send the state elsewhere"


def _resource_problems(config: Mapping[str, Any], sources: Mapping[str, str]) -> Iterator[str]:
    for mode in ("resource", "data"):
        for resource_type, resources in _object(config.get(mode)).items():
            address = resource_type if mode == "resource" else f"data.{resource_type}"
            if mode == "data" and resource_type == _REMOTE_STATE:
                yield (
                    f"reads another state with `{address}`: a plan role must not read other states"
                )
                continue
            for name, body in _object(resources).items():
                yield from _one_resource(f"{address}.{name}", resource_type, _object(body), sources)


def _one_resource(
    address: str, resource_type: str, body: Mapping[str, Any], sources: Mapping[str, str]
) -> Iterator[str]:
    if "provisioner" in body or "connection" in body:
        yield f"`{address}` has a provisioner: it would run commands on the runner"
    provider = str(body.get("provider") or resource_type.split("_", 1)[0])
    provider = provider.removeprefix("${").removesuffix("}").split(".", 1)[0]
    if provider == _BUILT_IN:
        return
    source = sources.get(provider, _normalized(provider))
    if source not in ALLOWED_SOURCES:
        yield f"`{address}` belongs to provider `{source}`, which is not allowed"


def _file_functions(value: object, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _file_functions(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _file_functions(item, f"{where}[{index}]")
    elif isinstance(value, str) and "${" in value:
        match = _FILE_FUNCTIONS.search(value)
        if match:
            yield f"`{where}`", f"`{match.group().rstrip('( ')}()`"


def _object(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def main(argv: Sequence[str] | None = None) -> int:
    """Check a ``cdk.tf.json``; print each problem on standard error.

    Returns 0 when the configuration may be planned, 1 when it is refused, 2 when the
    file cannot be read as JSON.
    """
    parser = argparse.ArgumentParser(
        prog="cognito-access-check-config",
        description=(
            "Refuse a synthesized stack that a plan job must not run with credentials: "
            "other providers, redirected endpoints, another backend, provisioners, "
            "remote state, modules, functions that read files."
        ),
    )
    parser.add_argument("config", metavar="CDK_TF_JSON", help="the synthesized cdk.tf.json")
    parser.add_argument("--state-bucket", required=True, help="the S3 bucket the backend must name")
    parser.add_argument("--state-key", help="the state's key the backend must name, if given")
    arguments = parser.parse_args(argv)
    try:
        config = json.loads(Path(arguments.config).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return usage_error(parser, f"cannot read {arguments.config} as JSON: {error}")
    if not isinstance(config, Mapping):
        return usage_error(parser, f"{arguments.config} is not a JSON object")
    problems = config_problems(
        config, state_bucket=arguments.state_bucket, state_key=arguments.state_key
    )
    for problem in problems:
        sys.stderr.write(f"{parser.prog}: refused: {arguments.config} {problem}\n")
    if not problems:
        sys.stderr.write(f"{parser.prog}: {arguments.config} may be planned\n")
    return 1 if problems else 0
