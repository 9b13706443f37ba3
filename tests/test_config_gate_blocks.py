"""Blocks: only the stack's resource types, no data source, no provisioner, no module.

Top-level blocks, resources and data sources, their meta-arguments and the blocks that
name resources (``import``, ``moved``, ``removed``), each in the shape cdktf writes.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cognito_access.review._config_check import ALLOWED_TYPES
from tests.config_gate import (
    A_GROUP,
    CLIENT,
    GROUP,
    LOCAL_EXEC,
    POOL,
    example_stack,
    naming,
    refusals,
)

CLIENT_NAME = "CognitoAccess_AppClient_C100CF62"


def with_block(name: str, value: object) -> list[str]:
    config = example_stack()
    config[name] = value
    return refusals(config)


def with_resource(resource_type: str, body: dict[str, Any], mode: str = "resource") -> list[str]:
    config = example_stack()
    config.setdefault(mode, {}).setdefault(resource_type, {})["x"] = copy.deepcopy(body)
    return refusals(config)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("module", {"m": {"source": "git::https://example.net/m.git"}}),
        ("check", {"c": {"data": {"http": {"h": {"url": "https://x.example.net"}}}, "assert": []}}),
        ("ephemeral", {"aws_secretsmanager_secret_version": {"s": {"secret_id": "x"}}}),
        ("action", {"aws_lambda_invoke": {"a": {}}}),
        ("atlas", {}),
    ],
    ids=["module", "check", "ephemeral", "action", "an unknown block"],
)
def test_a_top_level_block_the_stack_does_not_write_is_refused(name: str, value: object) -> None:
    found = with_block(name, value)
    assert any("is a block the stack does not write" in line for line in naming(found, name)), found


def test_a_module_block_in_array_form_is_refused() -> None:
    config = example_stack()
    found = refusals([config, {"module": [{"m": {"source": "./x"}}]}])
    assert naming(found, "[1].module")


@pytest.mark.parametrize(
    ("resource_type", "mode"),
    sorted((name, mode) for name, modes in ALLOWED_TYPES.items() for mode in modes),
)
def test_each_resource_type_of_the_stack_passes(resource_type: str, mode: str) -> None:
    assert with_resource(resource_type, {"name": "x"}, mode=mode) == []


@pytest.mark.parametrize(
    "resource_type",
    [
        "terraform_data",
        "null_resource",
        "aws_s3_object",
        "aws_lambda_invocation",
        "aws_iam_user",
        "cloudflare_workers_script",
        "local_file",
        "aws_cognito_user",
    ],
)
def test_a_resource_type_the_stack_does_not_use_is_refused(resource_type: str) -> None:
    found = with_resource(resource_type, {})
    assert any(
        "resource type the stack does not use" in line
        for line in naming(found, f"resource.{resource_type}")
    )


@pytest.mark.parametrize(
    "data_source",
    [
        "terraform_remote_state",
        "external",
        "http",
        "aws_s3_object",
        "aws_secretsmanager_secret_version",
        "aws_iam_policy_document",
        "aws_cognito_user_pool_client",
        "cloudflare_zero_trust_access_identity_provider",
        "local_file",
    ],
)
def test_a_data_source_is_refused(data_source: str) -> None:
    found = with_resource(data_source, {}, mode="data")
    assert any(
        "data source the stack does not use" in line
        for line in naming(found, f"data.{data_source}")
    )


@pytest.mark.parametrize(
    "provisioner",
    [
        [LOCAL_EXEC],
        LOCAL_EXEC,
        [{"remote-exec": {"inline": ["x"]}}],
        [{"file": {"source": "/x", "destination": "/y"}}],
    ],
    ids=["local-exec", "local-exec as an object", "remote-exec", "file"],
)
def test_a_provisioner_on_an_allowed_resource_is_refused(provisioner: object) -> None:
    found = with_resource(GROUP, {**A_GROUP, "provisioner": provisioner})
    assert any(
        "no provisioners" in line for line in naming(found, f"resource.{GROUP}.x.provisioner")
    )


def test_a_connection_block_is_refused() -> None:
    found = with_resource(
        GROUP, {**A_GROUP, "connection": {"type": "ssh", "host": "x.example.net"}}
    )
    assert naming(found, f"resource.{GROUP}.x.connection")


@pytest.mark.parametrize(
    "provider",
    ["cloudflare", "null", "aws.login.x", '${file("/x")}', "aws[0]"],
)
def test_a_provider_reference_other_than_the_types_own_is_refused(provider: str) -> None:
    assert naming(
        with_resource(GROUP, {**A_GROUP, "provider": provider}), f"resource.{GROUP}.x.provider"
    )


@pytest.mark.parametrize("provider", ["aws", "aws.login"])
def test_the_types_own_provider_or_an_alias_passes(provider: str) -> None:
    assert with_resource(GROUP, {**A_GROUP, "provider": provider}) == []


@pytest.mark.parametrize(
    ("lifecycle", "path"),
    [
        ({"replace_triggered_by": ['file("/x")']}, "replace_triggered_by[0]"),
        ({"replace_triggered_by": "aws_cognito_user_pool.UserPool"}, "replace_triggered_by"),
        ({"ignore_changes": ['tags[file("/x")]']}, "ignore_changes[0]"),
        ({"destroy": True}, "destroy"),
        (
            {"precondition": [{"condition": "true", "error_message": "x", "provisioner": []}]},
            "precondition[0].provisioner",
        ),
    ],
    ids=[
        "an expression in replace_triggered_by",
        "not a list",
        "an expression in ignore_changes",
        "an unknown argument",
        "an unknown argument in a precondition",
    ],
)
def test_a_lifecycle_the_stack_does_not_write_is_refused(
    lifecycle: dict[str, Any], path: str
) -> None:
    found = with_resource(GROUP, {**A_GROUP, "lifecycle": lifecycle})
    assert naming(found, f"resource.{GROUP}.x.lifecycle.{path}"), found


def test_the_lifecycles_cdktf_writes_pass() -> None:
    lifecycle = {
        "create_before_destroy": True,
        "prevent_destroy": True,
        "ignore_changes": ["config.client_secret", 'tags["a"]', "all"],
        "replace_triggered_by": ["aws_cognito_user_pool.UserPool.id"],
        "precondition": [{"condition": "${1 == 1}", "error_message": "x"}],
        "postcondition": [{"condition": '${self.name != ""}', "error_message": "x"}],
    }
    assert (
        with_resource(
            GROUP, {**A_GROUP, "lifecycle": lifecycle, "depends_on": [f"{POOL}.UserPool"]}
        )
        == []
    )


def test_depends_on_must_list_addresses() -> None:
    found = with_resource(GROUP, {**A_GROUP, "depends_on": ['file("/x")']})
    assert naming(found, f"resource.{GROUP}.x.depends_on[0]")


def test_a_resource_name_that_is_not_an_identifier_is_refused() -> None:
    config = example_stack()
    config["resource"][GROUP] = {'${file("/x")}': A_GROUP, "a b": A_GROUP}
    found = refusals(config)
    assert naming(found, f'resource.{GROUP}["a b"]')


@pytest.mark.parametrize(
    ("block", "path"),
    [
        ({"to": "aws_s3_object.state", "id": "other-state/terraform.tfstate"}, "import[0].to"),
        ({"to": "data.aws_s3_object.x", "id": "x"}, "import[0].to"),
        (
            {"to": f"{CLIENT}.{CLIENT_NAME}", "id": "x", "identity": {"a": "b"}},
            "import[0].identity",
        ),
        ({"to": f"{CLIENT}.{CLIENT_NAME}", "id": "x", "provider": "null"}, "import[0].provider"),
        ({"to": 'aws_cognito_user_pool.UserPool[file("/x")]', "id": "x"}, "import[0].to"),
    ],
    ids=["another type", "a data source", "an identity", "another provider", "an expression"],
)
def test_an_import_the_stack_does_not_write_is_refused(block: dict[str, Any], path: str) -> None:
    assert naming(with_block("import", [block]), path)


def test_the_imports_cdktf_writes_pass() -> None:
    imports = [
        {"to": f"{CLIENT}.{CLIENT_NAME}", "id": "eu-west-1_AbC/abc"},
        {"to": f"{POOL}.UserPool", "id": "${var.pool}", "provider": "aws.login"},
    ]
    assert with_block("import", imports) == []


@pytest.mark.parametrize(
    ("name", "value", "path"),
    [
        ("moved", [{"from": f"{GROUP}.a", "to": "aws_s3_object.b"}], "moved[0].to"),
        ("moved", [{"from": f"{GROUP}.a", "to": f"{GROUP}.b", "x": 1}], "moved[0].x"),
        (
            "removed",
            [{"from": f"{GROUP}.a", "provisioner": [LOCAL_EXEC]}],
            "removed[0].provisioner",
        ),
        ("removed", [{"from": "terraform_data.a"}], "removed[0].from"),
        ("output", {"o": {"value": "x", "provisioner": []}}, "output.o.provisioner"),
        ("output", {"o": {"value": "x", "depends_on": ['file("/x")']}}, "output.o.depends_on[0]"),
        ("variable", {"v": {"type": "string", "provider": "x"}}, "variable.v.provider"),
        ("locals", {"a b": 1}, 'locals["a b"]'),
    ],
    ids=[
        "moved to another type",
        "moved with an unknown argument",
        "removed with a provisioner",
        "removed of another type",
        "an output's unknown argument",
        "an output's depends_on",
        "a variable's unknown argument",
        "a local's name",
    ],
)
def test_other_blocks_only_in_the_shapes_the_stack_writes(
    name: str, value: object, path: str
) -> None:
    assert naming(with_block(name, value), path)


def test_a_move_to_another_allowed_type_is_refused() -> None:
    found = with_block("moved", [{"from": f"{CLIENT}.a", "to": f"{GROUP}.b"}])
    assert any("another type" in line for line in naming(found, "moved[0].to")), found


def test_moved_and_removed_blocks_between_the_stacks_types_pass() -> None:
    config = example_stack()
    config["moved"] = [{"from": f"{GROUP}.a", "to": f"{GROUP}.b"}]
    config["removed"] = [{"from": f"{GROUP}.c", "lifecycle": {"destroy": False}}]
    assert refusals(config) == []


def test_another_resource_type_passes_when_allowed_by_the_caller() -> None:
    config = example_stack()
    config["resource"]["aws_s3_bucket"] = {"logs": {"bucket": "acme-logs"}}
    assert refusals(config, resource_types=["aws_s3_bucket"]) == []


def test_a_type_allowed_by_the_caller_is_still_no_data_source() -> None:
    config = example_stack()
    config["data"] = {"aws_s3_bucket": {"logs": {"bucket": "acme-logs"}}}
    assert naming(refusals(config, resource_types=["aws_s3_bucket"]), "data.aws_s3_bucket")
