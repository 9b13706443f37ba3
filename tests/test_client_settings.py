"""The app client's production settings: lifetimes, attributes, scopes, sign-out, protection."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest

from cognito_access import CognitoAccessIdentityProvider
from tests.framework import (
    CognitoResourceServer,
    CognitoResourceServerScope,
)
from tests.support import EXAMPLE, only, synth_stack

if TYPE_CHECKING:
    from tests.framework import TerraformStack

CLIENT = "aws_cognito_user_pool_client"
IDP = "cloudflare_zero_trust_access_identity_provider"
PROFILE = [
    "birthdate",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
]


def resources(**settings: Any) -> dict[str, Any]:  # noqa: ANN401 - keyword settings of any type
    built: dict[str, Any] = synth_stack(
        lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, **settings})
    )["resource"]
    return built


def client(**settings: Any) -> dict[str, Any]:  # noqa: ANN401 - keyword settings of any type
    found: dict[str, Any] = only(resources(**settings)[CLIENT])
    return found


def lifetimes(found: dict[str, Any]) -> dict[str, Any]:
    return {
        "access": found["access_token_validity"],
        "id": found["id_token_validity"],
        "refresh": found["refresh_token_validity"],
        "units": found["token_validity_units"],
    }


def test_token_lifetimes_default_to_cognitos_with_explicit_units() -> None:
    assert lifetimes(client()) == {
        "access": 1,
        "id": 1,
        "refresh": 30,
        "units": [{"access_token": "hours", "id_token": "hours", "refresh_token": "days"}],
    }


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            {
                "access_token_validity": timedelta(minutes=5),
                "id_token_validity": timedelta(minutes=90),
                "refresh_token_validity": timedelta(minutes=91),
            },
            (5, 90, 91, "minutes", "minutes", "minutes"),
        ),
        (
            {
                "access_token_validity": timedelta(days=1),
                "id_token_validity": timedelta(hours=12),
                "refresh_token_validity": timedelta(days=3650),
            },
            (1, 12, 3650, "days", "hours", "days"),
        ),
        (
            {"access_token_validity": timedelta(seconds=301)},
            (301, 1, 30, "seconds", "hours", "days"),
        ),
    ],
)
def test_token_lifetimes_are_emitted_exactly_in_the_largest_whole_unit(
    settings: dict[str, timedelta], expected: tuple[Any, ...]
) -> None:
    found = lifetimes(client(**settings))
    units = found["units"][0]
    assert (
        found["access"],
        found["id"],
        found["refresh"],
        units["access_token"],
        units["id_token"],
        units["refresh_token"],
    ) == expected


def test_the_default_read_attributes_are_what_the_default_scopes_release() -> None:
    assert client()["read_attributes"] == sorted(["email", "email_verified", *PROFILE])


@pytest.mark.parametrize(
    ("scopes", "attributes"),
    [
        (("openid",), ["email"]),
        (("openid", "email"), ["email", "email_verified"]),
        (("openid", "phone"), ["email", "phone_number", "phone_number_verified"]),
        (("openid", "profile"), sorted(["email", *PROFILE])),
        (("openid", "aws.cognito.signin.user.admin", "api.example.com/read"), ["email"]),
    ],
)
def test_read_attributes_follow_the_scopes_and_always_include_the_email(
    scopes: tuple[str, ...], attributes: list[str]
) -> None:
    assert client(scopes=scopes)["read_attributes"] == attributes


def test_read_attributes_include_the_email_claims_and_custom_claims_attributes() -> None:
    found = client(
        scopes=("openid",),
        email_claim_name="custom:work_email",
        claims=("sub", "custom:department", "cognito:groups"),
    )
    assert found["read_attributes"] == ["custom:department", "custom:work_email"]


def test_read_attributes_can_be_overridden() -> None:
    assert client(read_attributes=("email", "name"))["read_attributes"] == ["email", "name"]


def test_the_client_declares_no_write_attributes() -> None:
    """Cognito reads [] as unspecified, so none is declared (issue 18, finding 5)."""
    assert "write_attributes" not in client()


def test_the_client_can_revoke_tokens() -> None:
    assert client()["enable_token_revocation"] is True


def test_logout_urls_reach_the_client() -> None:
    urls = ("https://acme.example/signed-out", "http://localhost:3000/")
    assert client(logout_urls=urls)["logout_urls"] == list(urls)


def test_without_logout_urls_none_are_declared() -> None:
    assert "logout_urls" not in client()


def test_prevent_destroy_protects_the_client_and_the_identity_provider() -> None:
    found = resources(prevent_destroy=True)
    assert only(found[CLIENT])["lifecycle"] == {
        "prevent_destroy": True,
        "ignore_changes": ["generate_secret"],
    }
    assert only(found[IDP])["lifecycle"] == {"prevent_destroy": True}


def test_prevent_destroy_is_off_by_default() -> None:
    found = resources()
    assert "prevent_destroy" not in only(found[CLIENT])["lifecycle"]
    assert "lifecycle" not in only(found[IDP])


def test_prevent_destroy_and_ignoring_secret_changes_combine() -> None:
    idp = only(resources(prevent_destroy=True, ignore_client_secret_changes=True)[IDP])
    assert idp["lifecycle"] == {"prevent_destroy": True, "ignore_changes": ["config.client_secret"]}


def resource_server_stack(stack: TerraformStack) -> None:
    server = CognitoResourceServer(
        stack,
        "Api",
        identifier="https://api.acme.example",
        name="api",
        user_pool_id="eu-west-1_AbC123",
        scope=[CognitoResourceServerScope(scope_name="read", scope_description="Read")],
    )
    CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, resource_servers=[server])


def test_a_resource_servers_scopes_reach_the_client_and_cloudflare_by_reference() -> None:
    found = synth_stack(resource_server_stack)["resource"]
    expected = (
        '${concat(["openid", "email", "profile"], '
        "aws_cognito_resource_server.Api.scope_identifiers)}"
    )
    assert only(found[CLIENT])["allowed_oauth_scopes"] == expected
    assert only(found[IDP])["config"]["scopes"] == expected


def test_the_claims_may_be_empty() -> None:
    assert only(resources(claims=())[IDP])["config"]["claims"] == []


def test_the_properties_give_claims_scopes_and_the_account() -> None:
    seen: dict[str, Any] = {}

    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, claims=("sub", "email"))
        seen.update(
            claims=sso.claims,
            scopes=sso.scopes,
            account=sso.cloudflare_account_id,
            issuer=sso.issuer,
        )

    synth_stack(build)
    assert seen == {
        "claims": ["sub", "email"],
        "scopes": ["openid", "email", "profile"],
        "account": EXAMPLE["cloudflare_account_id"],
        "issuer": "original",
    }
