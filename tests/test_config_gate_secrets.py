"""Secrets stay where the construct sends them: the client secret to Cloudflare, nowhere else.

With the state at hand, a plan knows the app client's secret. Copied into any other
argument, output, local, import id or condition, a provider's validation message or
Terraform's own error could print it in the job's log (Terraform 1.11 and hashicorp/aws
do, for a sensitive value). The gate allows a reference to a secret attribute only as
the bare ``${aws_cognito_user_pool_client.<name>.client_secret}`` in the Cloudflare login
method's ``config.client_secret``, and no reference to a secret-holding resource as a
whole; and it refuses the functions whose error messages print their arguments.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.config_gate import A_GROUP, CLIENT, GROUP, IDP, example_stack, naming, refusals

CLIENT_NAME = "CognitoAccess_AppClient_C100CF62"
IDP_NAME = "CognitoAccess_IdentityProvider_007C1E07"
SECRET = f"{CLIENT}.{CLIENT_NAME}.client_secret"
IDP_PATH = f"resource.{IDP}.{IDP_NAME}"


def the_idp(config: dict[str, Any]) -> dict[str, Any]:
    idp: dict[str, Any] = config["resource"][IDP][IDP_NAME]
    return idp


def test_the_secret_sent_to_cloudflare_passes() -> None:
    assert the_idp(example_stack())["config"]["client_secret"] == f"${{{SECRET}}}"
    assert refusals(example_stack()) == []


def test_the_secret_sent_in_array_form_passes() -> None:
    config = example_stack()
    config["resource"][IDP][IDP_NAME] = [the_idp(config)]
    config["resource"] = [config["resource"]]
    assert refusals(config) == []


# Where a copy of the secret could be printed: (path to set, value, path the gate names).
COPIES: dict[str, tuple[list[str], object, str]] = {
    "an argument of another resource": (
        ["resource", GROUP, "g"],
        {**A_GROUP, "description": f"${{{SECRET}}}"},
        f"resource.{GROUP}.g.description",
    ),
    "an argument a provider validates": (
        ["resource", CLIENT, CLIENT_NAME, "allowed_oauth_flows"],
        [f"${{{SECRET}}}"],
        f"resource.{CLIENT}.{CLIENT_NAME}.allowed_oauth_flows[0]",
    ),
    "a sensitive output": (
        ["output", "secret"],
        {"value": f"${{{SECRET}}}", "sensitive": True},
        "output.secret.value",
    ),
    "a local": (["locals"], {"s": f"${{{SECRET}}}"}, "locals.s"),
    "an import id": (["import"], [{"to": f"{GROUP}.g", "id": f"${{{SECRET}}}"}], "import[0].id"),
    "a precondition": (
        ["resource", CLIENT, CLIENT_NAME, "lifecycle", "precondition"],
        [{"condition": f'${{{SECRET} != ""}}', "error_message": "x"}],
        f"resource.{CLIENT}.{CLIENT_NAME}.lifecycle.precondition[0].condition",
    ),
    "a function in the destination": (
        [IDP, "config", "client_secret"],
        f"${{upper({SECRET})}}",
        f"{IDP_PATH}.config.client_secret",
    ),
    "more text in the destination": (
        [IDP, "config", "client_secret"],
        f"x${{{SECRET}}}",
        f"{IDP_PATH}.config.client_secret",
    ),
    "another argument of the login method": (
        [IDP, "config", "client_id"],
        f"${{{SECRET}}}",
        f"{IDP_PATH}.config.client_id",
    ),
    "a name": (["locals", "m"], {f"${{{SECRET}}}": 1}, "locals.m"),
    "the resource prefix": (["locals"], {"s": f"${{resource.{SECRET}}}"}, "locals.s"),
}


def problems_with(path: list[str], value: object) -> list[str]:
    config = example_stack()
    here: Any = the_idp(config) if path[0] == IDP else config
    for step in path[1 if path[0] == IDP else 0 : -1]:
        here = here.setdefault(step, {})
    here[path[-1]] = copy.deepcopy(value)
    return refusals(config)


@pytest.mark.parametrize(("path", "value", "named"), COPIES.values(), ids=COPIES.keys())
def test_the_client_secret_copied_anywhere_else_is_refused(
    path: list[str], value: object, named: str
) -> None:
    found = problems_with(path, value)
    assert any("the secret" in line for line in found if line.startswith(f"`{named}")), found


@pytest.mark.parametrize(
    "value",
    [
        f"${{jsonencode({CLIENT}.{CLIENT_NAME})}}",
        f"${{values({CLIENT}.{CLIENT_NAME})}}",
        f'${{{CLIENT}.{CLIENT_NAME}["client_secret"]}}',
        f"${{{CLIENT}.{CLIENT_NAME}[*].client_secret}}",
        f"${{{CLIENT}.{CLIENT_NAME}.*}}",
        f"${{[for c in [{CLIENT}.{CLIENT_NAME}] : c.client_secret]}}",
        f"${{{CLIENT} . {CLIENT_NAME} /* c */ [0]}}",
        f"${{jsonencode(resource.{CLIENT}.{CLIENT_NAME})}}",
    ],
    ids=[
        "jsonencode of the resource",
        "its values",
        "an index by name",
        "a splat",
        "an attribute splat",
        "a for expression",
        "an index after blanks",
        "the resource prefix",
    ],
)
def test_a_secret_holding_resource_referred_to_as_a_whole_is_refused(value: str) -> None:
    found = problems_with(["output", "o", "value"], value)
    assert any("as a whole or by index" in line for line in naming(found, "output.o.value")), found


@pytest.mark.parametrize(
    "reference",
    [
        f"{IDP}.{IDP_NAME}.config",
        f"{IDP}.{IDP_NAME}.scim_config",
        "cloudflare_zero_trust_access_application.App.saas_app",
    ],
)
def test_a_cloudflare_attribute_holding_a_secret_is_refused(reference: str) -> None:
    found = problems_with(["output", "o", "value"], f"${{jsonencode({reference})}}")
    assert any("the secret" in line for line in naming(found, "output.o.value")), found


@pytest.mark.parametrize(
    "condition",
    [
        '${substr(self.client_secret, 0, 1) != "a"}',
        '${!startswith(self.config.client_secret, "a")}',
        "${length(jsonencode(self)) > 0}",
        '${self["client_secret"] != ""}',
    ],
    ids=["the client's secret", "the login method's", "self as a whole", "self by index"],
)
def test_a_postcondition_reading_a_secret_through_self_is_refused(condition: str) -> None:
    check = {"condition": condition, "error_message": "the first character is a"}
    path = ["resource", CLIENT, CLIENT_NAME, "lifecycle", "postcondition"]
    found = problems_with(path, [check])
    named = f"resource.{CLIENT}.{CLIENT_NAME}.lifecycle.postcondition[0].condition"
    assert any("self" in line for line in naming(found, named)), found


def test_self_for_other_attributes_passes() -> None:
    check = {"condition": '${self.name != ""}', "error_message": "x"}
    path = ["resource", CLIENT, CLIENT_NAME, "lifecycle", "postcondition"]
    assert problems_with(path, [check]) == []


def test_other_attributes_of_the_same_resources_pass() -> None:
    value = f"${{{CLIENT}.{CLIENT_NAME}.id}}/${{{IDP}.{IDP_NAME}.id}}"
    assert problems_with(["output", "o", "value"], value) == []


@pytest.mark.parametrize(
    "call",
    [
        "cidrhost(local.x, 1)",
        "cidrnetmask(local.x)",
        "cidrsubnet(local.x, 1, 1)",
        "cidrsubnets(local.x, 1)",
        'formatdate("YYYY", local.x)',
        "lookup({}, local.x)",
        "parseint(local.x, 10)",
        'textencodebase64("x", local.x)',
        'timeadd(local.x, "1h")',
        "timecmp(local.x, local.x)",
        "transpose(local.x)",
        'uuidv5(local.x, "x")',
    ],
)
def test_a_function_whose_errors_print_its_arguments_is_refused(call: str) -> None:
    found = problems_with(["output", "o", "value"], f"${{{call}}}")
    assert any("print its arguments" in line for line in found), found
