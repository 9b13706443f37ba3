"""The example app's offboarding: OFFBOARDING_TOKEN_SECRET_ARN (or its context key) turns it on."""

from __future__ import annotations

import json
from typing import Any

import main
import settings
from cognito_access._facts import OUTPUT_OFFBOARDING_FUNCTION
from tests.framework import Testing
from tests.support import only

SECRET = "arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:cf-offboarding-AbCdEf"  # noqa: S105 - an ARN
REAL = {
    "CLOUDFLARE_ACCOUNT_ID": "fedcba9876543210fedcba9876543210",
    "CLOUDFLARE_TEAM_NAME": "acme",
    "COGNITO_DOMAIN_PREFIX": "acme-login",
    "COGNITO_USER_POOL_ID": "ap-southeast-2_Zyx987",
}


def synth_main(environ: dict[str, str], context: dict[str, Any] | None = None) -> dict[str, Any]:
    stack = main.build(Testing.app(context=context), environ)
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


def test_without_the_setting_there_is_no_offboarding() -> None:
    synth = synth_main(REAL)
    assert "aws_lambda_function" not in synth["resource"]
    assert OUTPUT_OFFBOARDING_FUNCTION.name not in synth.get("output", {})


def test_the_setting_declares_the_offboarding_with_that_secret() -> None:
    synth = synth_main({**REAL, "OFFBOARDING_TOKEN_SECRET_ARN": SECRET})
    function = only(synth["resource"]["aws_lambda_function"])
    assert function["environment"]["variables"]["CLOUDFLARE_API_TOKEN_SECRET_ARN"] == SECRET
    assert (
        function["environment"]["variables"]["COGNITO_USER_POOL_ID"] == REAL["COGNITO_USER_POOL_ID"]
    )


def test_the_function_name_is_an_output_for_verify() -> None:
    synth = synth_main({**REAL, "OFFBOARDING_TOKEN_SECRET_ARN": SECRET})
    output = synth["output"][OUTPUT_OFFBOARDING_FUNCTION.name]
    assert output["value"].startswith("${aws_lambda_function.")


def test_the_context_key_turns_it_on_too() -> None:
    synth = synth_main(REAL, context={"offboardingTokenSecretArn": SECRET})
    assert "aws_lambda_function" in synth["resource"]


def test_the_setting_is_read_into_the_config() -> None:
    config = settings.load_config({"OFFBOARDING_TOKEN_SECRET_ARN": SECRET}, lambda _key: None)
    assert config.offboarding_token_secret_arn == SECRET
    assert "OFFBOARDING_TOKEN_SECRET_ARN" not in config.examples_used
