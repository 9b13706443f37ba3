"""Secret hygiene: the client secret flows only by reference, never as a value or an output.

For the example app by default and with every option on, and for a library stack with
every construct option on: the synthesized JSON holds the secret only as one Terraform
reference, in the identity provider's config; no output can carry it unless it is
sensitive; and nothing the app prints mentions it. (The real secret, which exists only
after an apply, is checked against the outputs and what Terraform prints in
tests/integration/test_terraform.py.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access import CognitoAccessIdentityProvider, ManagedLogin, ManagedLoginAsset
from tests.framework import (
    AwsProvider,
    CloudflareProvider,
    CognitoResourceServer,
    TerraformOutput,
    Testing,
    load_main,
    main_script,
)
from tests.support import EXAMPLE, synth_stack

main = load_main()

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.framework import TerraformStack

EVERY_OPTION = {
    "COGNITO_USER_POOL_ID": "eu-west-1_AbC123",
    "TF_STATE_BUCKET": "acme-state",
    "COGNITO_CUSTOM_DOMAIN": "login.acme.example",
    "COGNITO_CERTIFICATE_ARN": "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c",
    "CLOUDFLARE_ZONE_ID": "fedcba9876543210fedcba9876543210",
    "COGNITO_MANAGED_LOGIN": "1",
    "IMPORT_COGNITO_DOMAIN": "login.acme.example",
    "IMPORT_COGNITO_CLIENT_ID": "4example0client0id",
    "IMPORT_CLOUDFLARE_IDP_ID": "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
    "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES": "1",
}
SECRET_REFERENCE = re.compile(r"\$\{aws_cognito_user_pool_client\.\w+\.client_secret\}")
# Keys whose value would be a credential if it were a literal string.
SECRET_KEYS = re.compile(r"secret|password|api_token|api_key|private_key|credential", re.IGNORECASE)


def library_stack(stack: TerraformStack) -> None:
    """Every option of the construct on, and the outputs a user would add."""
    aws = AwsProvider(stack, "aws", region="eu-west-1", alias="eu")
    cloudflare = CloudflareProvider(stack, "cloudflare", alias="sso")
    server = CognitoResourceServer(
        stack, "Api", identifier="https://api.example", name="api", user_pool_id="eu-west-1_AbC123"
    )
    sso = CognitoAccessIdentityProvider(
        stack,
        "Sso",
        **EXAMPLE,
        name="Staff",
        scopes=("openid", "email", "phone"),
        resource_servers=[server],
        claims=("sub", "custom:dept"),
        email_claim_name="email",
        issuer="updated",
        pkce=True,
        identity_providers=("COGNITO", "Google"),
        access_token_validity=timedelta(minutes=15),
        id_token_validity=timedelta(minutes=15),
        refresh_token_validity=timedelta(days=1),
        read_attributes=("email", "custom:dept"),
        logout_urls=("https://acme.example/bye",),
        prevent_destroy=True,
        ignore_client_secret_changes=True,
        managed_login=ManagedLogin(
            settings='{"components": {}}',
            assets=[
                ManagedLoginAsset(
                    category="FORM_LOGO", color_mode="LIGHT", extension="PNG", bytes_base64="aGk="
                )
            ],
        ),
        aws_provider=aws,
        cloudflare_provider=cloudflare,
    )
    sso.import_existing(domain="acme-login", client_id="c1", identity_provider_id="i1")
    for name in ("client_id", "identity_provider_id", "issuer_url", "auth_url", "certs_url"):
        TerraformOutput(stack, name, value=getattr(sso, name))


def synthesized() -> Iterator[tuple[str, dict[str, Any]]]:
    yield "default app", json.loads(Testing.synth(main.build(Testing.app(), {})))
    yield "app, every option", json.loads(Testing.synth(main.build(Testing.app(), EVERY_OPTION)))
    yield "library, every option", synth_stack(library_stack)


CASES = list(synthesized())


def strings(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in ``node`` with its path (keys joined by dots)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, path)
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize(("case", "synth"), CASES, ids=[case for case, _ in CASES])
def test_the_secret_appears_only_as_a_reference_in_the_identity_providers_config(
    case: str, synth: dict[str, Any]
) -> None:
    del case
    mentions = [
        (path, value)
        for path, value in strings(synth)
        if "client_secret" in value
        # The attribute's name, in ignore_changes (ignore_client_secret_changes): no value.
        and not (path.endswith(".lifecycle.ignore_changes") and value == "config.client_secret")
    ]
    assert mentions
    for path, value in mentions:
        assert re.fullmatch(
            r"\.resource\.cloudflare_zero_trust_access_identity_provider\.\w+\.config\.client_secret",
            path,
        ), path
        assert SECRET_REFERENCE.fullmatch(value), value


@pytest.mark.parametrize(("case", "synth"), CASES, ids=[case for case, _ in CASES])
def test_no_credential_is_a_literal_anywhere(case: str, synth: dict[str, Any]) -> None:
    del case
    literals = [
        (path, value)
        for path, value in strings(synth)
        if SECRET_KEYS.search(path.rsplit(".", 1)[-1]) and not value.startswith("${")
    ]
    assert literals == []


def could_carry_a_secret(value: str) -> bool:
    """A reference to the secret, or to a whole client or identity provider, or its config."""
    return bool(
        re.search(r"client_secret", value)
        or re.search(r"\$\{aws_cognito_user_pool_client\.\w+\}", value)
        or re.search(r"cloudflare_zero_trust_access_identity_provider\.\w+(\.config)?\}", value)
    )


@pytest.mark.parametrize(("case", "synth"), CASES, ids=[case for case, _ in CASES])
def test_every_output_that_could_carry_the_secret_is_sensitive(
    case: str, synth: dict[str, Any]
) -> None:
    del case
    outputs = synth.get("output", {})
    assert outputs
    for name, output in outputs.items():
        if could_carry_a_secret(json.dumps(output["value"])):
            assert output.get("sensitive") is True, name


def test_the_check_for_outputs_recognizes_a_secret_carrier() -> None:
    assert could_carry_a_secret("${aws_cognito_user_pool_client.Sso_AppClient_1.client_secret}")
    assert could_carry_a_secret("${aws_cognito_user_pool_client.Sso_AppClient_1}")
    assert not could_carry_a_secret("${aws_cognito_user_pool_client.Sso_AppClient_1.id}")


@pytest.mark.process
@pytest.mark.parametrize("environ", [{}, EVERY_OPTION], ids=["default app", "every option"])
def test_nothing_the_app_prints_mentions_the_secret(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k != main.CLI_ENV
        and not k.startswith(("IMPORT_", "TF_STATE_", "COGNITO_", "CLOUDFLARE_"))
    }
    result = subprocess.run(  # noqa: S603 - the example app, as a user runs it
        [sys.executable, str(main_script(tmp_path))],
        cwd=tmp_path,
        env={**env, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    printed = result.stdout + result.stderr
    assert "secret" not in printed.lower()
