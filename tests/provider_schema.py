"""The arguments a prebuilt provider binding accepts, read offline from its Python sources.

    python -m tests.provider_schema [CDKTN_SITE_PACKAGES]

prints, as a Markdown table, what moving from the cdktf bindings (this venv's
``cdktf_cdktf_provider_*``) to the CDK Terrain ones (``cdktn_provider_*`` in
CDKTN_SITE_PACKAGES, default: ``.venv-cdktn``'s) changes in the arguments of every
resource type the construct and the example app declare: added, removed, or a changed
type or required-ness, nested blocks included (``config.client_id``).

A binding's module for one resource type (``cognito_user_pool_client/__init__.py``)
is parsed with ``ast``, never imported: no jsii kernel, no Node.js, a fraction of a
second per module. jsii generates one ``@jsii.data_type`` class per configuration
block; its ``__init__``'s keyword-only arguments are the block's arguments (no default:
required) and each ``:param x:`` line links the Terraform Registry at ``#<terraform
name>``. Reading the ``.jsii`` assembly instead would mean parsing 155 MB of JSON for
the AWS provider alone.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

ROOT = Path(__file__).resolve().parent.parent
CDKTN_VENV = ROOT / ".venv-cdktn"

# Resource types the construct and the example app declare, by provider; "provider" is
# the provider block itself (AwsProvider, CloudflareProvider).
RESOURCE_TYPES: dict[str, tuple[str, ...]] = {
    "aws": (
        "provider",
        "aws_cognito_user_pool",
        "aws_cognito_user_pool_client",
        "aws_cognito_user_pool_domain",
        "aws_cognito_resource_server",
        "aws_cognito_user_group",
        "aws_cognito_managed_login_branding",
    ),
    "cloudflare": (
        "provider",
        "cloudflare_zero_trust_access_identity_provider",
        "cloudflare_zero_trust_access_application",
        "cloudflare_zero_trust_access_policy",
        "cloudflare_dns_record",
    ),
}
# Python packages of each provider's bindings: cdktf's, then CDK Terrain's.
CDKTF_PACKAGES = {
    "aws": "cdktf_cdktf_provider_aws",
    "cloudflare": "cdktf_cdktf_provider_cloudflare",
}
CDKTN_PACKAGES = {"aws": "cdktn_provider_aws", "cloudflare": "cdktn_provider_cloudflare"}
PROVIDER_CLASSES = {"aws": "AwsProvider", "cloudflare": "CloudflareProvider"}
# Terraform's meta-arguments, which every resource's configuration class inherits.
META_ARGUMENTS = frozenset(
    ("connection", "count", "depends_on", "for_each", "lifecycle", "provider", "provisioners")
)
_TERRAFORM_NAME = re.compile(r"#(\w+)\}")
_FRAMEWORK_ALIAS = re.compile(r"^_cdkt[fn]_[0-9a-f]+\.")
_SCALARS = {
    "builtins.str": "string",
    "builtins.bool": "bool",
    "jsii.Number": "number",
    "typing.Any": "any",
}


@dataclass(frozen=True)
class Argument:
    """One argument of a resource or of one of its nested blocks."""

    path: str  # Terraform names, dotted through nested blocks: "config.client_id"
    type: str  # "string", "list(string)", "block", "list(block)", "map(string)", ...
    required: bool


@dataclass(frozen=True)
class Change:
    """How one argument differs between the old and the new binding."""

    resource: str
    path: str
    change: str  # "added", "removed", "type", "required"
    old: str
    new: str


def cdktf_site_packages() -> Path | None:
    """The site-packages this interpreter's cdktf provider bindings are in, or None."""
    import importlib.util  # noqa: PLC0415 - only this needs it

    spec = importlib.util.find_spec(CDKTF_PACKAGES["aws"])  # a top-level spec imports nothing
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent.parent


def site_packages(venv: Path) -> Path | None:
    """The site-packages directory of ``venv``, or None if it has none."""
    found = sorted(venv.glob("lib/python3*/site-packages"))
    return found[0] if found else None


def module_and_class(provider: str, resource_type: str) -> tuple[str, str]:
    """The binding's submodule and configuration class for a Terraform resource type."""
    if resource_type == "provider":
        return "provider", f"{PROVIDER_CLASSES[provider]}Config"
    module = resource_type.removeprefix(f"{provider}_")
    return module, "".join(word.capitalize() for word in module.split("_")) + "Config"


def _unquote(node: ast.expr) -> ast.expr:
    """The expression a string annotation (a forward reference) stands for."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return ast.parse(node.value, mode="eval").body
    return node


def _describe(node: ast.expr) -> tuple[str, str | None]:
    """A readable type for an annotation, and the struct class it refers to, if any."""
    node = _unquote(node)
    if isinstance(node, ast.Name):
        return "block", node.id  # a struct (configuration block) of the same module
    if isinstance(node, ast.Subscript):
        described = _describe_subscript(ast.unparse(node.value), node.slice)
        if described is not None:
            return described
    text = _FRAMEWORK_ALIAS.sub("", ast.unparse(node))
    return _SCALARS.get(text, text), None


def _describe_subscript(outer: str, index: ast.expr) -> tuple[str, str | None] | None:
    """``_describe`` for ``typing.Optional[...]`` and the like; None for any other subscript."""
    inner = list(index.elts) if isinstance(index, ast.Tuple) else [index]
    if outer == "typing.Optional":
        return _describe(inner[0])
    if outer == "typing.Union":
        kept = [
            element
            for element in map(_unquote, inner)
            if not ast.unparse(element).endswith("IResolvable")
            and not ast.unparse(element).startswith("typing.Dict")
        ]
        if len(kept) == 1:
            return _describe(kept[0])
        return " | ".join(_describe(element)[0] for element in kept), None
    if outer in {"typing.Sequence", "typing.Mapping"}:
        text, struct = _describe(inner[-1])
        return f"{'list' if outer == 'typing.Sequence' else 'map'}({text})", struct
    return None


def _data_types(source: str) -> dict[str, ast.FunctionDef]:
    """The ``__init__`` of every ``@jsii.data_type`` class in a module, by class name."""
    found: dict[str, ast.FunctionDef] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        is_struct = any(
            isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "jsii.data_type"
            for decorator in node.decorator_list
        )
        init = next(
            (
                item
                for item in node.body
                if isinstance(item, ast.FunctionDef) and item.name == "__init__"
            ),
            None,
        )
        if is_struct and init is not None:
            found[node.name] = init
    return found


def _terraform_names(init: ast.FunctionDef) -> dict[str, str]:
    """Python argument name to Terraform name, from the Registry links in the docstring."""
    names: dict[str, str] = {}
    for line in (ast.get_docstring(init) or "").splitlines():
        match = re.match(r"\s*:param (\w+):(.*)", line)
        if match:
            links = _TERRAFORM_NAME.findall(match.group(2))
            names[match.group(1)] = links[-1] if links else match.group(1)
    return names


def _walk(
    structs: Mapping[str, ast.FunctionDef], name: str, prefix: str, skip: frozenset[str]
) -> Iterator[Argument]:
    init = structs[name]
    terraform = _terraform_names(init)
    # kw_defaults lines up with kwonlyargs: None where an argument has no default.
    for arg, default in zip(init.args.kwonlyargs, init.args.kw_defaults, strict=True):
        if arg.arg in skip or arg.annotation is None:
            continue
        path = f"{prefix}{terraform.get(arg.arg, arg.arg)}"
        text, struct = _describe(arg.annotation)
        yield Argument(path, text, required=default is None)
        if struct is not None and struct in structs and struct != name:
            yield from _walk(structs, struct, f"{path}.", frozenset())


def read_schema(package_dir: Path, provider: str, resource_type: str) -> dict[str, Argument] | None:
    """Every argument of ``resource_type`` in the binding at ``package_dir``, by path.

    None if the binding has no module for the resource type.
    """
    module, config_class = module_and_class(provider, resource_type)
    source = package_dir / module / "__init__.py"
    if not source.is_file():
        return None
    structs = _data_types(source.read_text(encoding="utf-8"))
    skip = META_ARGUMENTS if resource_type != "provider" else frozenset()
    return {argument.path: argument for argument in _walk(structs, config_class, "", skip)}


def compare(
    resource: str, old: Mapping[str, Argument] | None, new: Mapping[str, Argument] | None
) -> list[Change]:
    """What changed from ``old`` to ``new``, argument by argument, in path order."""
    if old is None or new is None:
        return [Change(resource, "(resource type)", "added" if old is None else "removed", "", "")]
    changes: list[Change] = []
    for path in sorted(old.keys() | new.keys()):
        before, after = old.get(path), new.get(path)
        if before is None and after is not None:
            changes.append(Change(resource, path, "added", "", _spec(after)))
        elif after is None and before is not None:
            changes.append(Change(resource, path, "removed", _spec(before), ""))
        elif before is not None and after is not None:
            if before.type != after.type:
                changes.append(Change(resource, path, "type", _spec(before), _spec(after)))
            elif before.required != after.required:
                changes.append(Change(resource, path, "required", _spec(before), _spec(after)))
    return changes


def _spec(argument: Argument) -> str:
    return f"{argument.type}, {'required' if argument.required else 'optional'}"


def all_changes(old_site: Path, new_site: Path) -> list[Change]:
    """The changes for every resource type in RESOURCE_TYPES."""
    changes: list[Change] = []
    for provider, resource_types in RESOURCE_TYPES.items():
        old_dir = old_site / CDKTF_PACKAGES[provider]
        new_dir = new_site / CDKTN_PACKAGES[provider]
        for resource_type in resource_types:
            label = f"{provider} provider" if resource_type == "provider" else resource_type
            changes += compare(
                label,
                read_schema(old_dir, provider, resource_type),
                read_schema(new_dir, provider, resource_type),
            )
    return changes


def markdown(changes: list[Change]) -> str:
    """The changes as a Markdown table."""
    lines = [
        "| Resource | Argument | Change | cdktf binding | cdktn binding |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| `{c.resource}` | `{c.path}` | {c.change} | {c.old} | {c.new} |" for c in changes]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the table; the cdktf bindings are this interpreter's."""
    old_site = cdktf_site_packages()
    if old_site is None:
        print("cdktf_cdktf_provider_aws is not installed here", file=sys.stderr)  # noqa: T201
        return 2
    new_site = Path(argv[0]) if argv else site_packages(CDKTN_VENV)
    if new_site is None:
        print(f"no site-packages in {CDKTN_VENV}: run `make setup-cdktn`", file=sys.stderr)  # noqa: T201
        return 2
    print(markdown(all_changes(old_site, new_site)))  # noqa: T201 - the table is the output
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
