"""The gate and AccessOffboarding: its types pass, its function's code only from assets/."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from cognito_access import AccessOffboarding, CognitoAccessIdentityProvider
from tests.config_gate import example_stack, naming, refusals
from tests.framework import TerraformStack, Testing
from tests.support import EXAMPLE

SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cloudflare-offboarding-AbCdEf"  # noqa: S105 - an ARN
FUNCTION = "aws_lambda_function"


def offboarding_config() -> dict[str, Any]:
    """The construct's blocks, synthesized."""
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
    AccessOffboarding(stack, "Offboarding", idp=sso, cloudflare_api_token_secret_arn=SECRET)
    synthesized: dict[str, Any] = json.loads(Testing.synth(stack))
    return synthesized


def with_offboarding(**function: Any) -> tuple[list[str], str]:  # noqa: ANN401 - arguments
    """The gate's problems with the example stack plus the construct; the function's address."""
    config = example_stack()
    offboarding = offboarding_config()
    for mode in ("resource", "data"):
        for resource_type, named in offboarding.get(mode, {}).items():
            if not resource_type.startswith("cloudflare_"):
                config.setdefault(mode, {}).setdefault(resource_type, {}).update(
                    copy.deepcopy(named)
                )
    (name,) = config["resource"][FUNCTION]
    config["resource"][FUNCTION][name].update(function)
    return refusals(config), f"resource.{FUNCTION}.{name}"


def test_the_constructs_blocks_pass_the_gate() -> None:
    found, _ = with_offboarding()
    assert found == []


@pytest.mark.parametrize(
    "filename",
    [
        "/etc/passwd",
        "../../outside.zip",
        "assets/../../outside.zip",
        "assets/x/../../../outside.zip",
        "code.zip",
        "assets/code.py",
        "${path.module}/assets/x.zip",
        '${abspath("assets/x.zip")}',
        "assets//x.zip",
    ],
)
def test_a_function_filename_outside_the_assets_is_refused(filename: str) -> None:
    found, address = with_offboarding(filename=filename)
    assert any(
        "expected a zip under `assets/`" in line for line in naming(found, address + ".filename")
    ), found


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("s3_bucket", "attacker-code"),
        ("s3_key", "code.zip"),
        ("image_uri", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/x:latest"),
        ("layers", ["arn:aws:lambda:eu-west-1:123456789012:layer:x:1"]),
    ],
)
def test_function_code_from_elsewhere_is_refused(argument: str, value: object) -> None:
    found, address = with_offboarding(**{argument: value})
    assert any(
        "code from outside the stack" in line for line in naming(found, f"{address}.{argument}")
    ), found
