"""Each top-level block, allowed only in the shapes the stack writes.

The blocks cdktf writes for the stack: ``terraform``, ``provider``, ``resource``,
``data``, ``output``, ``locals``, ``variable``, ``import``, and the ``moved`` and
``removed`` blocks a renamed construct id needs. Resources and data sources only of the
allowed types; no provisioner or ``connection``; references (``provider``,
``depends_on``, ``ignore_changes``, ``replace_triggered_by``, ``import.to``, ``moved``,
``removed``) only as plain addresses, which Terraform parses as expressions but which
then call nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cognito_access._facts import LAMBDA_FUNCTION
from cognito_access.review._config_check._allowed import (
    ALLOWED_TYPES,
    IDENTIFIER,
    PROVIDERS,
    RESOURCE,
    SECRET_DESTINATION,
    TYPE_CONSTRUCTORS,
)
from cognito_access.review._config_check._directory import ASSETS
from cognito_access.review._config_check._settings import (
    Providers,
    StateBackend,
    provider_blocks,
    terraform_block,
)
from cognito_access.review._config_check._syntax import Node, blocks, body, labels, shown
from cognito_access.review._config_check._templates import (
    UnreadableTemplateError,
    read_expression,
)
from cognito_access.review._config_check._values import function_problems

if TYPE_CHECKING:
    from collections.abc import Callable

    from cognito_access.review._config_check._syntax import Problems

# A plain address: aws_x.name, aws_x.name[0], aws_x.name["key"], config.client_secret.
REFERENCE: Final = re.compile(
    r'[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\]|\["[A-Za-z0-9_.:/ -]*"\])*'
)
# A provider argument: aws, aws.login.
_PROVIDER_REFERENCE: Final = re.compile(r"[a-z][a-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)?")
# The arguments Terraform itself reads in a resource or data block (the others are the
# provider's); provisioner and connection are refused.
_RESOURCE_META = ("provider", "depends_on", "count", "for_each", "lifecycle")
_RESOURCE_LIFECYCLE = (
    "create_before_destroy",
    "prevent_destroy",
    "ignore_changes",
    "replace_triggered_by",
    "precondition",
    "postcondition",
)
_DATA_LIFECYCLE = ("precondition", "postcondition")
_CONDITION = ("condition", "error_message")
_OUTPUT = ("value", "description", "sensitive", "ephemeral", "depends_on", "precondition")
_VARIABLE = ("type", "default", "description", "sensitive", "nullable", "ephemeral", "validation")
_IMPORT = ("to", "id", "provider", "for_each")
_MOVED = ("from", "to")
_REMOVED = ("from", "lifecycle")
_REMOVED_LIFECYCLE = ("destroy",)
# A Lambda function's code: only a zip cdktf synthesized under assets/, a plain relative path.
_ASSET_FILE: Final = re.compile(re.escape(ASSETS) + r"(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)+\.zip")
# The other places a Lambda function can take code from, all refused.
_OTHER_CODE: Final = ("s3_bucket", "s3_key", "s3_object_version", "image_uri", "layers")


@dataclass
class _Reader:
    """One reading of a configuration's blocks."""

    problems: Problems
    state: StateBackend
    extra_types: frozenset[str]
    providers: Providers

    def __post_init__(self) -> None:
        self.backends: list[Node] = []
        # The JSON paths where the construct sends the client secret (SECRET_DESTINATION).
        self.destinations: set[str] = set()

    def read(self, root: Node) -> None:
        readers: dict[str, Callable[[Node], None]] = {
            "data": lambda node: self.resources(node, "data"),
            "import": self.imports,
            "locals": self.locals,
            "moved": self.moved,
            "output": self.outputs,
            "provider": lambda node: provider_blocks(node, self.problems, self.providers),
            "removed": self.removed,
            "resource": lambda node: self.resources(node, "resource"),
            "terraform": self.terraform,
            "variable": self.variables,
        }
        for name, node in body(root, self.problems):
            reader = readers.get(name)
            if reader is None:
                self.problems.add(
                    node, f"is a block the stack does not write; it writes {', '.join(readers)}"
                )
            else:
                reader(node)
        self.providers.check(self.problems)
        if not self.backends:
            self.problems.add(
                root, f"has no backend; expected `s3` in bucket `{self.state.bucket}`"
            )
        for extra in self.backends[1:]:
            self.problems.add(extra, "is a second backend; the stack has one")

    def terraform(self, node: Node) -> None:
        self.backends += terraform_block(node, self.problems, self.providers, self.state)

    def allowed(self, resource_type: str, mode: str) -> bool:
        """Whether the stack may declare ``resource_type`` as a ``mode`` block."""
        modes = ALLOWED_TYPES.get(resource_type, frozenset())
        if mode == "resource" and resource_type in self.extra_types:
            modes = modes | RESOURCE
        return mode in modes

    def resources(self, node: Node, mode: str) -> None:
        what = "resource type" if mode == "resource" else "data source"
        for resource_type, named in labels(node, self.problems):
            if not self.allowed(resource_type, mode):
                self.problems.add(named, f"is a {what} the stack does not use: {self.used(mode)}")
            else:
                self.providers.use(resource_type.split("_", 1)[0], named)
            for name, content in labels(named, self.problems):
                self.identifier(name, content)
                for block in blocks(content, self.problems):
                    self.resource(block, resource_type, mode)

    def used(self, mode: str) -> str:
        names = sorted(name for name in ALLOWED_TYPES if self.allowed(name, mode))
        names += sorted(self.extra_types - set(names)) if mode == "resource" else []
        return f"it uses {', '.join(names)}" if names else f"it uses no {mode} block"

    def resource(self, node: Node, resource_type: str, mode: str) -> None:
        for argument, item in body(node, self.problems):
            if argument in {"provisioner", "connection"}:
                self.problems.add(item, "would run commands on the runner: no provisioners")
            elif argument == "provider":
                self.provider_reference(item, resource_type.split("_", 1)[0])
            elif argument == "depends_on":
                self.references(item)
            elif argument == "lifecycle":
                self.lifecycle(item, _RESOURCE_LIFECYCLE if mode == "resource" else _DATA_LIFECYCLE)
            elif (mode, resource_type) == ("resource", SECRET_DESTINATION[0]):
                self.destination(argument, item)
            elif (mode, resource_type) == ("resource", LAMBDA_FUNCTION):
                self.function_code(argument, item)

    def function_code(self, argument: str, node: Node) -> None:
        """A Lambda function's code comes only from a zip under the synthesized assets."""
        if argument in _OTHER_CODE:
            self.problems.add(
                node, f"would run code from outside the stack: only `filename` under `{ASSETS}/`"
            )
        elif argument == "filename" and not (
            isinstance(node.value, str) and _ASSET_FILE.fullmatch(node.value)
        ):
            self.problems.add(
                node,
                f"is {shown(node.value)}; expected a zip under `{ASSETS}/` as cdktf synthesizes "
                "it (a plain relative path)",
            )

    def destination(self, argument: str, node: Node) -> None:
        """Note where ``node`` (``argument`` of a resource) holds SECRET_DESTINATION's path."""
        first, *rest = SECRET_DESTINATION[1]
        if argument != first:
            return
        for step in rest:
            if not (isinstance(node.value, dict) and step in node.value):
                return
            node = node.child(step)
        self.destinations.add(node.path)

    def provider_reference(self, node: Node, provider: str | None) -> None:
        """Check a ``provider`` argument: ``provider`` (any allowed one if None) or an alias."""
        value = node.value
        local = value.split(".", 1)[0] if isinstance(value, str) else None
        wanted = {provider} if provider is not None else set(PROVIDERS)
        if not (isinstance(value, str) and _PROVIDER_REFERENCE.fullmatch(value)) or (
            local not in wanted
        ):
            expected = " or ".join(f"`{name}`, `{name}.<alias>`" for name in sorted(wanted))
            self.problems.add(node, f"is {shown(value)}; expected {expected}")
        else:
            self.providers.use(str(local), node)

    def references(self, node: Node) -> None:
        items = node.value if isinstance(node.value, list) else None
        if items is None:
            self.problems.add(node, "must be a list of addresses")
            return
        for index, value in enumerate(items):
            if not (isinstance(value, str) and REFERENCE.fullmatch(value)):
                self.problems.add(
                    Node(value, f"{node.path}[{index}]"), f"is {shown(value)}; expected an address"
                )

    def reference(self, node: Node, *, resource: bool) -> None:
        value = node.value
        if not (isinstance(value, str) and REFERENCE.fullmatch(value)):
            self.problems.add(node, f"is {shown(value)}; expected an address")
        elif resource and not self.allowed(value.split(".", 1)[0], "resource"):
            self.problems.add(
                node, f"is not a resource the stack may declare: {self.used('resource')}"
            )

    def lifecycle(self, node: Node, allowed: tuple[str, ...]) -> None:
        def check(argument: str, item: Node) -> None:
            if argument == "ignore_changes":
                if item.value != "all":
                    self.references(item)
            elif argument == "replace_triggered_by":
                self.references(item)
            elif argument in {"precondition", "postcondition"}:
                self.each_block(item, _CONDITION)

        self.each_block(node, allowed, check)

    def each_block(
        self,
        node: Node,
        allowed: tuple[str, ...],
        check: Callable[[str, Node], None] | None = None,
    ) -> None:
        """Check each block at ``node``: only ``allowed`` arguments, each passed to ``check``."""
        for block in blocks(node, self.problems):
            for argument, item in body(block, self.problems):
                if argument not in allowed:
                    self.problems.add(
                        item,
                        f"is not written by the stack here, where it writes {', '.join(allowed)}",
                    )
                elif check is not None:
                    check(argument, item)

    def imports(self, node: Node) -> None:
        def check(argument: str, item: Node) -> None:
            if argument == "to":
                self.reference(item, resource=True)
            elif argument == "provider":
                self.provider_reference(item, None)

        self.each_block(node, _IMPORT, check)

    def moved(self, node: Node) -> None:
        for block in blocks(node, self.problems):
            types: dict[str, Node] = {}

            def check(_: str, item: Node, types: dict[str, Node] = types) -> None:
                self.reference(item, resource=True)
                if isinstance(item.value, str):
                    types.setdefault(item.value.split(".", 1)[0], item)

            self.each_block(block, _MOVED, check)
            if len(types) > 1:
                self.problems.add(
                    list(types.values())[-1],
                    "moves a resource to another type (the provider would convert its state); "
                    "the stack moves resources within their type",
                )

    def removed(self, node: Node) -> None:
        def check(argument: str, item: Node) -> None:
            if argument == "from":
                self.reference(item, resource=True)
            else:
                self.each_block(item, _REMOVED_LIFECYCLE)

        self.each_block(node, _REMOVED, check)

    def outputs(self, node: Node) -> None:
        self.named(node, _OUTPUT, self.output_argument)

    def output_argument(self, argument: str, item: Node) -> None:
        if argument == "depends_on":
            self.references(item)
        elif argument == "precondition":
            self.each_block(item, _CONDITION)

    def variables(self, node: Node) -> None:
        self.named(node, _VARIABLE, self.variable_argument)

    def variable_argument(self, argument: str, item: Node) -> None:
        if argument == "validation":
            self.each_block(item, _CONDITION)
        elif argument == "type":
            self.type_expression(item)

    def type_expression(self, node: Node) -> None:
        if not isinstance(node.value, str):
            self.problems.add(node, f"is {shown(node.value)}; expected a type such as `string`")
            return
        try:
            calls = read_expression(node.value).calls
        except UnreadableTemplateError as error:
            self.problems.add(node, f"holds a type the gate cannot read: {error}")
            return
        except RecursionError:
            self.problems.add(node, "holds a type nested too deeply to be read")
            return
        function_problems(
            (name for name in calls if name not in TYPE_CONSTRUCTORS), node, self.problems, ""
        )

    def named(
        self, node: Node, allowed: tuple[str, ...], check: Callable[[str, Node], None]
    ) -> None:
        for name, content in labels(node, self.problems):
            self.identifier(name, content)
            self.each_block(content, allowed, check)

    def locals(self, node: Node) -> None:
        for block in blocks(node, self.problems):
            for name, item in body(block, self.problems):
                self.identifier(name, item)

    def identifier(self, name: str, where: Node) -> None:
        if not IDENTIFIER.fullmatch(name):
            self.problems.add(
                where, "is not named as the stack names things (letters, digits, _ and -)"
            )


def block_problems(
    root: Node, problems: Problems, state: StateBackend, extra_types: frozenset[str]
) -> set[str]:
    """Check every block of the configuration at ``root``.

    Returns the JSON paths where the construct sends the client secret.
    """
    reader = _Reader(problems, state, extra_types, Providers())
    reader.read(root)
    return reader.destinations
