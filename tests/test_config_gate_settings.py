"""Providers and the backend: only the stack's, from their real sources, set as it sets them.

``hashicorp/aws`` and ``cloudflare/cloudflare`` from registry.terraform.io, with only
``region`` (aws) and ``alias``; the state in the one S3 bucket, key and region given,
encrypted and locked by a lock file; no setting that sends calls, credentials or the
state anywhere else.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.config_gate import BUCKET, S3_BACKEND, example_stack, naming, refusals


def requiring(name: str, requirement: object) -> list[str]:
    config = example_stack()
    config["terraform"]["required_providers"][name] = requirement
    return refusals(config)


@pytest.mark.parametrize(
    "source",
    ["registry.terraform.io/hashicorp/aws", "hashicorp/aws", "aws", "HashiCorp/AWS"],
)
def test_the_aws_provider_passes_from_its_registry_source_in_any_spelling(source: str) -> None:
    assert requiring("aws", {"source": source, "version": "6.25.0"}) == []


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("aws", "attacker/aws"),
        ("aws", "example.com/hashicorp/aws"),
        ("aws", "registry.opentofu.org/hashicorp/aws"),
        ("aws", "cloudflare/cloudflare"),
        ("cloudflare", "cloudflare"),
        ("cloudflare", "attacker/cloudflare"),
        ("cloudflare", "registry.terraform.io/cloudflare/cloudflare/extra"),
    ],
)
def test_a_provider_from_another_source_is_refused(name: str, source: str) -> None:
    found = requiring(name, {"source": source, "version": "1.0.0"})
    assert naming(found, f"terraform.required_providers.{name}.source"), found


@pytest.mark.parametrize("name", ["external", "http", "null", "local", "tls", "time", "archive"])
def test_another_provider_is_refused(name: str) -> None:
    found = requiring(name, {"source": f"hashicorp/{name}"})
    assert naming(found, f"terraform.required_providers.{name}"), found


@pytest.mark.parametrize(
    ("requirement", "path"),
    [
        ({"version": "6.25.0"}, "terraform.required_providers.aws"),
        ("~> 6.0", "terraform.required_providers.aws"),
        ({"source": "aws", "version": '${file("/x")}'}, "terraform.required_providers.aws.version"),
        (
            {"source": "aws", "configuration_aliases": ["aws.x"]},
            "terraform.required_providers.aws.configuration_aliases",
        ),
    ],
    ids=["no source", "the legacy string form", "an odd version", "configuration aliases"],
)
def test_a_requirement_other_than_source_and_version_is_refused(
    requirement: object, path: str
) -> None:
    assert naming(requiring("aws", requirement), path)


def test_a_provider_used_without_its_requirement_is_refused() -> None:
    config = example_stack()
    del config["terraform"]["required_providers"]["cloudflare"]
    found = refusals(config)
    assert any("does not require" in line for line in found), found


def configuring(name: str, **arguments: Any) -> list[str]:  # noqa: ANN401 - JSON
    config = example_stack()
    config["provider"][name] = [arguments]
    return refusals(config)


AWS_ARGUMENTS = {
    "endpoints": [{"sts": "https://sts.example.net", "cognitoidp": "https://x.example.net"}],
    "assume_role": [{"role_arn": "arn:aws:iam::111111111111:role/other"}],
    "assume_role_with_web_identity": [
        {"role_arn": "arn:aws:iam::1:role/x", "web_identity_token_file": "/x"}
    ],
    "profile": "other",
    "shared_credentials_files": ["/home/runner/.aws/credentials"],
    "shared_config_files": ["/home/runner/config"],
    "access_key": "AKIAEXAMPLE",
    "secret_key": "x",
    "token": "x",
    "custom_ca_bundle": "/home/runner/ca.pem",
    "http_proxy": "http://proxy.example.net",
    "https_proxy": "http://proxy.example.net",
    "no_proxy": "*",
    "insecure": True,
    "sts_region": "us-east-1",
    "ec2_metadata_service_endpoint": "http://x.example.net",
    "skip_credentials_validation": True,
    "default_tags": [{"tags": {"a": "b"}}],
    "allowed_account_ids": ["1"],
}


@pytest.mark.parametrize(("argument", "value"), AWS_ARGUMENTS.items(), ids=AWS_ARGUMENTS.keys())
def test_an_aws_provider_argument_the_stack_does_not_set_is_refused(
    argument: str, value: object
) -> None:
    found = configuring("aws", region="eu-west-1", **{argument: value})
    assert naming(found, f"provider.aws[0].{argument}"), found


CLOUDFLARE_ARGUMENTS = {
    "base_url": "https://api.example.net/client/v4",
    "api_hostname": "api.example.net",
    "api_base_path": "/x",
    "api_token": "x",
    "api_key": "x",
    "email": "a@b.c",
    "api_user_service_key": "x",
    "user_agent_operator_suffix": "x",
}


@pytest.mark.parametrize(
    ("argument", "value"), CLOUDFLARE_ARGUMENTS.items(), ids=CLOUDFLARE_ARGUMENTS.keys()
)
def test_a_cloudflare_provider_argument_is_refused(argument: str, value: object) -> None:
    found = configuring("cloudflare", **{argument: value})
    assert naming(found, f"provider.cloudflare[0].{argument}"), found


@pytest.mark.parametrize(
    "region", ["eu-west-1.example.net", '${file("/x")}', "", 5, "eu-west-1/"], ids=repr
)
def test_a_region_that_is_not_a_plain_region_name_is_refused(region: object) -> None:
    assert naming(configuring("aws", region=region), "provider.aws[0].region")


@pytest.mark.parametrize("region", ["us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"])
def test_a_region_name_passes(region: str) -> None:
    assert configuring("aws", region=region) == []


def test_aliased_providers_pass() -> None:
    config = example_stack()
    config["provider"]["aws"].append({"alias": "login", "region": "us-east-1"})
    config["provider"]["cloudflare"].append({"alias": "zero_trust"})
    assert refusals(config) == []


def test_an_alias_that_is_not_a_name_is_refused() -> None:
    assert naming(configuring("aws", alias='${file("/x")}'), "provider.aws[0].alias")


@pytest.mark.parametrize("name", ["null", "external", "http", "google", "kubernetes"])
def test_a_provider_block_of_another_provider_is_refused(name: str) -> None:
    assert naming(configuring(name), f"provider.{name}")


def with_backend(backend: object) -> list[str]:
    config = example_stack()
    config["terraform"]["backend"] = backend
    return refusals(config)


def with_s3(**arguments: Any) -> list[str]:  # noqa: ANN401 - JSON
    return with_backend({"s3": {**S3_BACKEND, **arguments}})


@pytest.mark.parametrize(
    "backend",
    [
        {"local": {"path": "../other.tfstate"}},
        {"remote": {"organization": "x"}},
        {"http": {"address": "https://x.example.net"}},
        {"gcs": {"bucket": BUCKET}},
        {"pg": {"conn_str": "postgres://x"}},
    ],
    ids=lambda backend: next(iter(backend)),
)
def test_a_backend_other_than_s3_is_refused(backend: dict[str, Any]) -> None:
    assert naming(with_backend(backend), f"terraform.backend.{next(iter(backend))}")


def test_no_backend_is_refused() -> None:
    assert "the top level has no backend; expected `s3` in bucket `acme-state`" in with_backend({})


def test_a_cloud_block_is_refused() -> None:
    config = example_stack()
    config["terraform"]["cloud"] = {"organization": "x", "workspaces": {"name": "y"}}
    assert naming(refusals(config), "terraform.cloud")


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("bucket", "attacker-state"),
        ("key", "other-app/terraform.tfstate"),
        ("region", "us-east-1"),
        ("encrypt", False),
        ("encrypt", "true"),
        ("use_lockfile", False),
    ],
    ids=[
        "another bucket",
        "another key",
        "another region",
        "encrypt off",
        "encrypt as a string",
        "no lock file",
    ],
)
def test_an_s3_setting_other_than_the_expected_one_is_refused(argument: str, value: object) -> None:
    assert naming(with_s3(**{argument: value}), f"terraform.backend.s3.{argument}")


@pytest.mark.parametrize("argument", list(S3_BACKEND))
def test_each_s3_setting_of_the_stack_is_required(argument: str) -> None:
    found = with_backend({"s3": {k: v for k, v in S3_BACKEND.items() if k != argument}})
    assert any(f"has no `{argument}`" in line for line in naming(found, "terraform.backend.s3"))


S3_ARGUMENTS = {
    "assume_role": {"role_arn": "arn:aws:iam::1:role/x"},
    "role_arn": "arn:aws:iam::1:role/x",
    "assume_role_with_web_identity": {"role_arn": "arn:aws:iam::1:role/x"},
    "profile": "other",
    "shared_credentials_files": ["/x"],
    "shared_config_files": ["/x"],
    "access_key": "AKIAEXAMPLE",
    "secret_key": "x",
    "endpoints": {"s3": "https://s3.example.net"},
    "endpoint": "https://s3.example.net",
    "sts_endpoint": "https://sts.example.net",
    "dynamodb_table": "locks",
    "dynamodb_endpoint": "https://x.example.net",
    "workspace_key_prefix": "x",
    "kms_key_id": "arn:aws:kms:eu-west-1:1:key/x",
    "sse_customer_key": "x",
    "skip_credentials_validation": True,
    "use_path_style": True,
    "http_proxy": "http://x.example.net",
    "custom_ca_bundle": "/x",
}


@pytest.mark.parametrize(("argument", "value"), S3_ARGUMENTS.items(), ids=S3_ARGUMENTS.keys())
def test_an_s3_setting_the_stack_does_not_write_is_refused(argument: str, value: object) -> None:
    assert naming(with_s3(**{argument: value}), f"terraform.backend.s3.{argument}")


def test_without_a_key_or_region_given_any_plain_ones_pass() -> None:
    config = example_stack()
    config["terraform"]["backend"]["s3"].update(key="elsewhere.tfstate", region="us-east-1")
    assert refusals(config, state_key=None, state_region=None) == []


def test_without_a_region_given_the_region_must_still_be_a_region() -> None:
    found = refusals(
        {
            **example_stack(),
            "terraform": {
                **example_stack()["terraform"],
                "backend": {"s3": {**S3_BACKEND, "region": "x.example.net"}},
            },
        },
        state_region=None,
    )
    assert naming(found, "terraform.backend.s3.region")


def test_two_backends_are_refused() -> None:
    config = example_stack()
    config["terraform"] = [config["terraform"], {"backend": {"s3": S3_BACKEND}}]
    assert any(
        "second backend" in line for line in naming(refusals(config), "terraform[1].backend.s3")
    )


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("required_version", ">= 1.10"),
        ("required_version", "${x}"),
        ("experiments", ["x"]),
        ("provider_meta", {}),
    ],
)
def test_only_the_terraform_settings_the_stack_writes_pass(setting: str, value: object) -> None:
    config = example_stack()
    config["terraform"][setting] = value
    found = naming(refusals(config), f"terraform.{setting}")
    assert bool(found) == (value != ">= 1.10"), found
