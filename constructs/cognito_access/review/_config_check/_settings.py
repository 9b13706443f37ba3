"""The ``terraform`` and ``provider`` blocks: providers, their settings, the state's backend.

Providers only from the public registry's ``hashicorp/aws`` and ``cloudflare/cloudflare``,
with only the arguments the stack sets; the state in the one S3 backend the command
line names, encrypted and locked with a lock file, with nothing that would send it (or
the credentials) elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cognito_access.review._config_check._allowed import (
    AWS_REGION,
    IDENTIFIER,
    PROVIDERS,
    REGISTRY,
    VERSION_CONSTRAINT,
)
from cognito_access.review._config_check._syntax import Node, blocks, body, labels, shown

if TYPE_CHECKING:
    from cognito_access.review._config_check._syntax import Problems

# What the S3 backend of the example app sets (main.py's S3Backend and its override).
S3_ARGUMENTS = ("bucket", "key", "region", "encrypt", "use_lockfile")
_TERRAFORM_SETTINGS = ("backend", "required_providers", "required_version")
_REQUIREMENT_ARGUMENTS = ("source", "version")


@dataclass(frozen=True)
class StateBackend:
    """The S3 backend the command line expects: ``None`` where any value will do."""

    bucket: str
    key: str | None = None
    region: str | None = None


@dataclass
class Providers:
    """What the blocks read so far say about providers."""

    # Local names declared in terraform.required_providers, each where it was declared.
    required: dict[str, Node] = field(default_factory=dict)
    # Local names the configuration uses (blocks, types, references), each where first.
    used: dict[str, Node] = field(default_factory=dict)

    def use(self, name: str, where: Node) -> None:
        """Record that ``where`` uses provider ``name``."""
        self.used.setdefault(name, where)

    def check(self, problems: Problems) -> None:
        """Refuse a provider used without a requirement naming its source."""
        for name, where in self.used.items():
            if name in PROVIDERS and name not in self.required:
                problems.add(
                    where,
                    f"uses provider `{name}`, which `terraform.required_providers` does not "
                    f"require from {REGISTRY}/{PROVIDERS[name].source}",
                )


def terraform_block(
    node: Node, problems: Problems, providers: Providers, state: StateBackend
) -> list[Node]:
    """Check the ``terraform`` blocks at ``node``; return each backend block found."""
    backends: list[Node] = []
    for block in blocks(node, problems):
        for name, item in body(block, problems):
            if name == "required_providers":
                _required_providers(item, problems, providers)
            elif name == "backend":
                backends += _backends(item, problems, state)
            elif name == "required_version":
                _version(item, problems)
            else:
                problems.add(
                    item,
                    "is a setting the stack does not write; it writes only "
                    f"{', '.join(_TERRAFORM_SETTINGS)}",
                )
    return backends


def _required_providers(node: Node, problems: Problems, providers: Providers) -> None:
    for block in blocks(node, problems):
        for name, requirement in body(block, problems):
            if name not in PROVIDERS:
                problems.add(
                    requirement,
                    f"requires provider `{name}`; the stack requires only "
                    f"{' and '.join(f'`{known}`' for known in PROVIDERS)}",
                )
                continue
            if name in providers.required:
                problems.add(requirement, f"requires provider `{name}` a second time")
            providers.required.setdefault(name, requirement)
            _requirement(name, requirement, problems)


def _requirement(name: str, node: Node, problems: Problems) -> None:
    expected = f"{REGISTRY}/{PROVIDERS[name].source}"
    if not isinstance(node.value, dict):
        problems.add(node, f"must be an object with the `source` {expected} and a `version`")
        return
    if "source" not in node.value:
        problems.add(node, f"has no `source`; expected {expected}")
    for argument in node.value:
        item = node.child(argument)
        if argument == "source":
            if source_address(item.value) != expected:
                problems.add(item, f"is {shown(item.value)}; provider `{name}` is {expected}")
        elif argument == "version":
            _version(item, problems)
        else:
            problems.add(
                item,
                f"is not written by the stack, which sets only {_listed(_REQUIREMENT_ARGUMENTS)}",
            )


def source_address(source: object) -> str | None:
    """A provider source in full (``aws`` is registry.terraform.io/hashicorp/aws), or None."""
    if not isinstance(source, str):
        return None
    parts = source.split("/")
    if len(parts) == 1:
        parts = ["hashicorp", *parts]
    if len(parts) == 2:  # noqa: PLR2004 - namespace/type
        parts = [REGISTRY, *parts]
    return "/".join(parts).lower() if len(parts) == 3 else None  # noqa: PLR2004 - host/namespace/type


def _version(node: Node, problems: Problems) -> None:
    if not (isinstance(node.value, str) and VERSION_CONSTRAINT.fullmatch(node.value)):
        problems.add(
            node, f"is {shown(node.value)}; expected a version constraint such as `6.25.0`"
        )


def _backends(node: Node, problems: Problems, state: StateBackend) -> list[Node]:
    found = []
    for block in blocks(node, problems):
        for backend_type, settings in labels(block, problems):
            for backend in blocks(settings, problems):
                found.append(backend)
                if backend_type == "s3":
                    _s3(backend, problems, state)
                else:
                    problems.add(
                        backend,
                        f"keeps the state in a `{backend_type}` backend; expected `s3` in bucket "
                        f"`{state.bucket}`",
                    )
    return found


def _s3(node: Node, problems: Problems, state: StateBackend) -> None:
    expected: dict[str, tuple[object, str]] = {
        "bucket": (state.bucket, f"`{state.bucket}`"),
        "key": (state.key, f"`{state.key}`" if state.key else "a key"),
        "region": (state.region, f"`{state.region}`" if state.region else "an AWS region"),
        "encrypt": (True, "`true`"),
        "use_lockfile": (True, "`true` (S3-native locking)"),
    }
    seen = set()
    for argument, item in body(node, problems):
        if argument not in expected:
            problems.add(
                item,
                f"is not written by the stack, whose S3 backend sets only {_listed(S3_ARGUMENTS)}",
            )
            continue
        seen.add(argument)
        wanted, described = expected[argument]
        if not _matches(argument, item.value, wanted):
            problems.add(item, f"is {shown(item.value)}; expected {described}")
    for argument in S3_ARGUMENTS:
        if argument not in seen:
            problems.add(node, f"has no `{argument}`; expected {expected[argument][1]}")


def _matches(argument: str, value: object, wanted: object) -> bool:
    if wanted is not None:
        return value is wanted if isinstance(wanted, bool) else value == wanted
    if argument == "region":
        return isinstance(value, str) and AWS_REGION.fullmatch(value) is not None
    return isinstance(value, str) and value != ""


def provider_blocks(node: Node, problems: Problems, providers: Providers) -> None:
    """Check the ``provider`` blocks at ``node``: known providers, only their arguments."""
    for name, configurations in labels(node, problems):
        provider = PROVIDERS.get(name)
        if provider is None:
            problems.add(
                configurations,
                f"configures provider `{name}`; the stack uses only "
                f"{' and '.join(f'`{known}`' for known in PROVIDERS)}",
            )
            continue
        providers.use(name, configurations)
        allowed = ("alias", *provider.arguments)
        for block in blocks(configurations, problems):
            for argument, item in body(block, problems):
                pattern = IDENTIFIER if argument == "alias" else provider.arguments.get(argument)
                if pattern is None:
                    problems.add(
                        item,
                        f"is not set by the stack on provider `{name}`, which sets only "
                        f"{_listed(allowed)}",
                    )
                elif not (isinstance(item.value, str) and pattern.fullmatch(item.value)):
                    problems.add(item, f"is {shown(item.value)}; expected a plain {argument}")


def _listed(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names)
