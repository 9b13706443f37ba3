"""Functions in templates: refused wherever they are, unless pure; read as HCL reads them.

A function that reads the runner's files, its directories or renders a template made at
plan time is refused in a value, in a property name, in a ``%{ }`` directive, in a
quoted string inside a sequence, at any depth of any block; one the example app uses,
or any other pure one, passes; escaped sequences are literal text.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.config_gate import GROUP, IDP, POOL, example_stack, naming, refusals

IDP_NAME = "CognitoAccess_IdentityProvider_007C1E07"
# Functions that read the runner (files, its directories) or that the gate cannot follow.
READING = [
    "file", "fileexists", "fileset", "filebase64", "filebase64sha256", "filebase64sha512",
    "filemd5", "filesha1", "filesha256", "filesha512", "templatefile", "templatestring",
    "abspath", "pathexpand", "nonsensitive", "dirname", "basename",
]  # fmt: skip


def call(name: str) -> str:
    return f'{name}("/home/runner/.aws/credentials")'


def problems_with(path: list[str | int], value: object) -> list[str]:
    """The gate's problems once ``value`` is set at ``path`` (created as objects on the way)."""
    config: Any = example_stack()
    here = config
    for step in path[:-1]:
        here = here.setdefault(step, {}) if isinstance(here, dict) else here[step]
    here[path[-1]] = value
    return refusals(config)


@pytest.mark.parametrize("name", READING)
def test_a_function_reading_the_runner_is_refused_in_a_value(name: str) -> None:
    found = problems_with(["resource", POOL, "UserPool", "name"], f"${{{call(name)}}}")
    assert any(
        f"calls `{name}()`" in line for line in naming(found, f"resource.{POOL}.UserPool.name")
    )


@pytest.mark.parametrize("name", READING)
def test_a_function_reading_the_runner_is_refused_in_a_name(name: str) -> None:
    key = f"${{{call(name)}}}"
    found = problems_with(["locals", "tags", key], "x")
    assert any(f"'s name calls `{name}()`" in line for line in found), found


# Where a call may hide: (path to set, value, the JSON path the gate must name).
PLACES: dict[str, tuple[list[str | int], object, str]] = {
    "deep in a resource's nested value": (
        ["resource", IDP, IDP_NAME, "config", "claims"],
        ["sub", {"x": [{"y": '${file("/etc/passwd")}'}]}],
        f"resource.{IDP}.{IDP_NAME}.config.claims[1].x[0].y",
    ),
    "an object key deep in a value": (
        ["resource", POOL, "UserPool", "tags"],
        {"team": {'${file("/etc/passwd")}': "x"}},
        f'resource.{POOL}.UserPool.tags.team["${{file(\\"/etc/passwd\\")}}"]',
    ),
    "an output": (
        ["output", "leak", "value"],
        '${file("/proc/self/environ")}',
        "output.leak.value",
    ),
    "a local in array form": (["locals"], [{"x": '${filebase64("/etc/hosts")}'}], "locals[0].x"),
    "a variable's default": (["variable", "v", "default"], '${file("/x")}', "variable.v.default"),
    "a variable's validation": (
        ["variable", "v", "validation"],
        [{"condition": '${fileexists("/x")}', "error_message": "x"}],
        "variable.v.validation[0].condition",
    ),
    "an import id": (
        ["import"],
        [{"to": f"{POOL}.UserPool", "id": '${file("/x")}'}],
        "import[0].id",
    ),
    "a for_each": (
        ["resource", GROUP, "g"],
        {"for_each": '${fileset("/home", "**")}', "name": "x", "user_pool_id": "x"},
        f"resource.{GROUP}.g.for_each",
    ),
    "cdktf's metadata comment": (["//", "metadata", "x"], '${file("/x")}', '["//"].metadata.x'),
    "a %{ for } directive": (
        ["output", "leak", "value"],
        '%{ for line in split("\\n", file("/proc/self/environ")) }${line}%{ endfor }',
        "output.leak.value",
    ),
    "a %{ if } directive": (
        ["output", "leak", "value"],
        '%{ if fileexists("/x") }y%{ endif }',
        "output.leak.value",
    ),
    "a string inside a sequence": (
        ["output", "leak", "value"],
        '${"${file("/x")}"}',
        "output.leak.value",
    ),
    "a directive inside a string inside a sequence": (
        ["output", "leak", "value"],
        '${upper("%{ for l in [file("/x")] }${l}%{ endfor }")}',
        "output.leak.value",
    ),
    "an object constructor in a sequence": (
        ["output", "leak", "value"],
        '${ {a = {b = file("/x")}} }',
        "output.leak.value",
    ),
    "a for expression": (
        ["output", "leak", "value"],
        '${[for f in ["/x"] : file(f)]}',
        "output.leak.value",
    ),
    "a call split by a comment": (
        ["output", "leak", "value"],
        '${file /* note */ ("/x")}',
        "output.leak.value",
    ),
    "a call split by a newline": (
        ["output", "leak", "value"],
        '${file\n("/x")}',
        "output.leak.value",
    ),
    "a call after a line comment": (
        ["output", "leak", "value"],
        '${1 # c\n+ length(file("/x"))}',
        "output.leak.value",
    ),
    "a call after an escaped sequence": (
        ["output", "leak", "value"],
        '$${a} ${file("/x")}',
        "output.leak.value",
    ),
    "a call after a literal dollar": (
        ["output", "leak", "value"],
        'costs $5: ${file("/x")}',
        "output.leak.value",
    ),
    "a call as an attribute": (
        ["output", "leak", "value"],
        '${local.file("/x")}',
        "output.leak.value",
    ),
    "a call with the core:: prefix": (
        ["output", "leak", "value"],
        '${core::file("/x")}',
        "output.leak.value",
    ),
    "a call inside can() or try()": (
        ["output", "leak", "value"],
        '${try(file("/x"), "")}',
        "output.leak.value",
    ),
}


@pytest.mark.parametrize(("path", "value", "named"), PLACES.values(), ids=PLACES.keys())
def test_a_file_function_is_refused_wherever_it_hides(
    path: list[str | int], value: object, named: str
) -> None:
    found = problems_with(path, value)
    assert any("calls `" in line for line in naming(found, named)), found


@pytest.mark.parametrize(
    "value",
    [
        '${provider::aws::arn_parse("arn:aws:iam::1:role/x")}',
        '${provider :: aws :: arn_parse("x")}',
    ],
)
def test_a_provider_defined_function_is_refused(value: str) -> None:
    found = problems_with(["output", "f", "value"], value)
    assert any("provider-defined" in line for line in naming(found, "output.f.value")), found


def test_a_template_nested_too_deeply_is_refused_not_a_crash() -> None:
    deep = '${"' * 5000 + "x" + '"}' * 5000
    found = problems_with(["output", "x", "value"], deep)
    assert any("too deeply" in line for line in naming(found, "output.x.value")), found


def test_an_unknown_function_is_refused() -> None:
    found = problems_with(["output", "f", "value"], '${some_future_function("x")}')
    assert any("calls `some_future_function()`" in line for line in found), found


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('${<<EOT\n${file("/x")}\nEOT\n}', "heredoc"),
        ('${file("/x")', "not closed"),
        ('${"${file("/x")}}', "not closed"),
        ('${x /* ${file("/x")}}', "not closed"),
        ("${a \u00a0 b}", "do not use"),
        ("${a ; b}", "do not use"),
        ("${a } }", ""),
    ],
    ids=[
        "a heredoc",
        "an unclosed sequence",
        "an unclosed string",
        "an unclosed comment",
        "a no-break space",
        "a semicolon",
        "a stray brace",
    ],
)
def test_a_template_the_gate_cannot_read_is_refused(value: str, why: str) -> None:
    found = problems_with(["output", "x", "value"], value)
    if why:
        assert any("cannot read" in line and why in line for line in found), found
    else:
        assert found == [], "a brace after a closed sequence is literal text"


@pytest.mark.parametrize(
    "value",
    [
        '$${file("/x")}',
        '$$${file("/x")}',
        '%%{ for l in file("/x") }%%{ endfor }',
        "file(/x) and templatefile(y): plain text",
        "${x} then (y)",
        '${jsonencode({for k, v in {a = "b"} : k => upper(v)})}',
        '${join(",", [for g in ["a", "b"] : lower(g)])}',
        "%{ if (1 > 0) }yes%{ else }no%{ endif }",
        '${can(regex("^x$", element(split("_", "eu-west-1_x"), 0)))}',
        '${"a # b // c"}',
    ],
    ids=[
        "an escaped interpolation",
        "an escape after a dollar",
        "an escaped directive",
        "text without a sequence",
        "text after a sequence",
        "a for expression of pure functions",
        "join and lower",
        "an if directive with parentheses",
        "the construct's own region check",
        "comment marks inside a string",
    ],
)
def test_literal_text_and_pure_functions_pass(value: str) -> None:
    assert problems_with(["output", "x", "value"], value) == []


@pytest.mark.parametrize(
    "type_", ["string", "list(string)", "map(object({a = string, b = optional(number, 1)}))"]
)
def test_a_variable_type_may_use_type_constructors(type_: str) -> None:
    assert problems_with(["variable", "v", "type"], type_) == []


def test_a_variable_type_that_calls_a_function_is_refused() -> None:
    found = problems_with(["variable", "v", "type"], 'optional(string, file("/x"))')
    assert any("calls `file()`" in line for line in naming(found, "variable.v.type")), found
