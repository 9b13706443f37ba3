"""The gate reads Terraform's JSON syntax as Terraform does: array forms, repeats, oddities.

Every block level may be an object or an array of objects (HCL's JSON spec), and a
property written twice is read twice by Terraform but once by Python's ``json``: the
gate must see what each form hides.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access.review._config_check import read
from cognito_access.review._config_check._syntax import UnreadableJsonError
from tests.config_gate import (
    A_GROUP,
    CLIENT,
    GROUP,
    IDP,
    LOCAL_EXEC,
    POOL,
    S3_BACKEND,
    example_stack,
    naming,
    refusals,
    refusals_of_text,
    with_members,
)

if TYPE_CHECKING:
    from collections.abc import Callable


CLIENT_NAME = "CognitoAccess_AppClient_C100CF62"


def group_with(**arguments: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON
    return {**copy.deepcopy(A_GROUP), **arguments}


def test_the_example_stack_passes() -> None:
    assert refusals(example_stack()) == []


def test_the_whole_file_as_an_array_of_objects_is_read_element_by_element() -> None:
    config = [example_stack(), {"data": {"external": {"env": {"program": ["sh", "-c", "env"]}}}}]
    assert naming(refusals(config), "[1].data.external")


def test_the_example_stack_split_into_an_array_of_objects_passes() -> None:
    config = example_stack()
    assert refusals([{name: value} for name, value in config.items()]) == []


def test_a_data_array_with_remote_state_and_external_is_refused() -> None:
    config = example_stack()
    config["data"] = [
        {"terraform_remote_state": {"prod": {"backend": "s3", "config": {"bucket": "other"}}}},
        {"external": {"env": {"program": ["sh", "-c", "env"]}}},
    ]
    found = refusals(config)
    assert naming(found, "data[0].terraform_remote_state")
    assert naming(found, "data[1].external")


# A provisioner planted at each block level of a resource, in array form.
def in_a_second_resource_block(config: dict[str, Any]) -> None:
    extra = {GROUP: {"g": group_with(provisioner=[LOCAL_EXEC])}}
    config["resource"] = [config["resource"], extra]


def at_the_type_level(config: dict[str, Any]) -> None:
    config["resource"][GROUP] = [{"g": group_with(provisioner=[LOCAL_EXEC])}]


def at_the_name_level(config: dict[str, Any]) -> None:
    config["resource"][GROUP] = {"g": [group_with(), {"provisioner": LOCAL_EXEC}]}


def in_a_body_of_objects(config: dict[str, Any]) -> None:
    config["resource"][GROUP] = {"g": [[group_with(), {"provisioner": [LOCAL_EXEC]}]]}


def in_the_pools_body(config: dict[str, Any]) -> None:
    pools = config["resource"][POOL]
    pools["UserPool"] = [pools["UserPool"], {"provisioner": LOCAL_EXEC}]


PROVISIONER_AT = {
    "the resource block": (in_a_second_resource_block, f"resource[1].{GROUP}.g.provisioner"),
    "the type level": (at_the_type_level, f"resource.{GROUP}[0].g.provisioner"),
    "the name level": (at_the_name_level, f"resource.{GROUP}.g[1].provisioner"),
    "a body that is an array of objects": (
        in_a_body_of_objects,
        f"resource.{GROUP}.g[0][1].provisioner",
    ),
    "an existing resource's body": (in_the_pools_body, f"resource.{POOL}.UserPool[1].provisioner"),
}


@pytest.mark.parametrize(("change", "path"), PROVISIONER_AT.values(), ids=PROVISIONER_AT.keys())
def test_a_provisioner_in_array_form_at_any_level_is_refused(
    change: Callable[[dict[str, Any]], object], path: str
) -> None:
    config = example_stack()
    change(config)
    assert naming(refusals(config), path)


# Forms of the terraform block and its nested blocks, each hiding something refused.
def required_providers_array(config: dict[str, Any]) -> None:
    attacker = {"aws": {"source": "attacker/aws", "version": "6.25.0"}}
    config["terraform"]["required_providers"] = [attacker]


def second_required_providers(config: dict[str, Any]) -> None:
    terraform = config["terraform"]
    http = {"http": {"source": "hashicorp/http"}}
    terraform["required_providers"] = [terraform["required_providers"], http]


def terraform_array(config: dict[str, Any]) -> None:
    local = {"backend": {"local": {"path": "x.tfstate"}}}
    config["terraform"] = [config["terraform"], local]


def backend_array(config: dict[str, Any]) -> None:
    config["terraform"]["backend"] = [{"s3": S3_BACKEND}, {"http": {"address": "https://x"}}]


def s3_array(config: dict[str, Any]) -> None:
    config["terraform"]["backend"]["s3"] = [S3_BACKEND, {**S3_BACKEND, "bucket": "other"}]


def s3_body_of_objects(config: dict[str, Any]) -> None:
    role = {"role_arn": "arn:aws:iam::1:role/x"}
    config["terraform"]["backend"]["s3"] = [[S3_BACKEND, role]]


TERRAFORM_AT = {
    "required_providers as an array": (
        required_providers_array,
        "terraform.required_providers[0].aws.source",
    ),
    "a second required_providers element": (
        second_required_providers,
        "terraform.required_providers[1].http",
    ),
    "the terraform block as an array": (terraform_array, "terraform[1].backend.local"),
    "the backend as an array": (backend_array, "terraform.backend[1].http"),
    "the s3 settings as an array": (s3_array, "terraform.backend.s3[1].bucket"),
    "the s3 body as an array of objects": (
        s3_body_of_objects,
        "terraform.backend.s3[0][1].role_arn",
    ),
}


@pytest.mark.parametrize(("change", "path"), TERRAFORM_AT.values(), ids=TERRAFORM_AT.keys())
def test_the_terraform_block_in_array_form_is_read_at_every_level(
    change: Callable[[dict[str, Any]], object], path: str
) -> None:
    config = example_stack()
    change(config)
    assert naming(refusals(config), path)


def provider_array(config: dict[str, Any]) -> None:
    redirected = {"region": "eu-west-1", "endpoints": {"sts": "https://x.example"}}
    config["provider"] = [{"aws": redirected}]


def second_configuration(config: dict[str, Any]) -> None:
    role = [{"role_arn": "arn:aws:iam::1:role/x"}]
    config["provider"]["aws"].append({"alias": "x", "assume_role": role})


def configuration_of_objects(config: dict[str, Any]) -> None:
    config["provider"]["cloudflare"] = [[{}, {"base_url": "https://x.example/client/v4"}]]


PROVIDER_AT = {
    "the provider block as an array": (provider_array, "provider[0].aws.endpoints"),
    "a second configuration in the array": (second_configuration, "provider.aws[1].assume_role"),
    "a configuration that is an array of objects": (
        configuration_of_objects,
        "provider.cloudflare[0][1].base_url",
    ),
}


@pytest.mark.parametrize(("change", "path"), PROVIDER_AT.values(), ids=PROVIDER_AT.keys())
def test_provider_blocks_in_array_form_are_read_at_every_level(
    change: Callable[[dict[str, Any]], object], path: str
) -> None:
    config = example_stack()
    change(config)
    assert naming(refusals(config), path)


def test_a_lifecycle_block_in_array_form_is_read() -> None:
    config = example_stack()
    client = config["resource"][CLIENT][CLIENT_NAME]
    check = {"condition": '${fileexists("/etc/x")}', "error_message": "x"}
    client["lifecycle"] = [client["lifecycle"], {"postcondition": [check]}]
    path = f"resource.{CLIENT}.{CLIENT_NAME}.lifecycle[1].postcondition[0].condition"
    assert naming(refusals(config), path)


def test_blocks_given_as_null_declare_nothing_and_pass() -> None:
    config = example_stack()
    config.update(data=None, locals=None)
    config["resource"][GROUP] = None
    assert refusals(config) == []


@pytest.mark.parametrize("value", ["x", 1, True], ids=["a string", "a number", "a boolean"])
def test_a_block_that_is_neither_object_nor_array_is_refused(value: object) -> None:
    config = example_stack()
    config["resource"][GROUP] = {"g": value}
    assert naming(refusals(config), f"resource.{GROUP}.g")


def test_an_array_element_that_is_not_an_object_is_refused() -> None:
    config = example_stack()
    config["output"] = [config["output"], "x"]
    assert naming(refusals(config), "output[1]")


def test_a_top_level_that_is_not_an_object_is_refused() -> None:
    found = refusals("resource")
    assert "the top level must be an object or an array of objects, as a body is" in found


# A name written twice, at several depths; Python's json would keep only the last copy.
REPEATED: dict[str, tuple[str, str]] = {
    "at the top level": ('"data": {"external": {"e": {"program": ["env"]}}}, "data": {}', "data"),
    "in the terraform block": ("terraform", "terraform.backend"),
    "in the backend": ("backend", "terraform.backend.s3.bucket"),
    "in a provider block": ("provider", "provider.aws[0].region"),
    "in a resource": ("resource", f"resource.{POOL}.UserPool.name"),
    "in a value's object": (
        "value",
        f"resource.{IDP}.CognitoAccess_IdentityProvider_007C1E07.config.auth_url",
    ),
    "in cdktf's metadata comment": ("comment", '["//"].metadata'),
}


def _repeat(where: str) -> str:
    """The example stack's text with one name written twice at ``where``."""
    config = example_stack()
    text = json.dumps(config)
    replacements = {
        "terraform": ('"terraform": {', '"terraform": {"backend": {"local": {}}, '),
        "backend": ('"bucket": "acme-state"', '"bucket": "other", "bucket": "acme-state"'),
        "provider": ('"region": "eu-west-1"}]', '"region": "us-east-1", "region": "eu-west-1"}]'),
        "resource": (
            '"name": "cloudflare-access-example-team", "password_policy"',
            '"name": "x", "name": "cloudflare-access-example-team", "password_policy"',
        ),
        "value": (
            '"config": {"auth_url": ',
            '"config": {"auth_url": "https://x.example", "auth_url": ',
        ),
        "comment": ('{"output": ', '{"//": {"metadata": {}, "metadata": {}}, "output": '),
    }
    old, new = replacements[where]
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("where", "path"), REPEATED.values(), ids=REPEATED.keys())
def test_a_name_written_twice_is_refused_at_any_depth(where: str, path: str) -> None:
    text = with_members(example_stack(), where) if where.startswith('"') else _repeat(where)
    found = refusals_of_text(text)
    assert any("is written twice" in line for line in naming(found, path)), found


def test_a_lone_surrogate_in_a_name_is_refused() -> None:
    text = with_members(example_stack(), '"locals": {"x\\ud800": 1}')
    assert any("surrogate" in line for line in naming(refusals_of_text(text), 'locals["x\ud800"]'))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_that_only_python_reads_is_unreadable(constant: str) -> None:
    with pytest.raises(UnreadableJsonError, match=constant.lstrip("-")):
        read(with_members(example_stack(), f'"locals": {{"x": {constant}}}'))


def test_a_comment_is_allowed_in_any_body() -> None:
    config = example_stack()
    config["terraform"]["//"] = {"note": "x"}
    config["terraform"]["backend"]["s3"]["//"] = "x"
    config["provider"]["aws"][0]["//"] = "x"
    assert refusals(config) == []
