"""The construct's synthesized resources: what each declares and how they are wired."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cognito_access import CognitoAccessIdentityProvider, LoginDomain
from cognito_access.verify._outputs import REQUIRED_OUTPUTS, Outputs
from tests.framework import (
    AwsProvider,
    CloudflareProvider,
    CognitoIdentityProvider,
    CognitoResourceServer,
    TerraformOutput,
    TerraformStack,
    TerraformVariable,
    Testing,
)
from tests.support import EXAMPLE, only, synth_stack

CLIENT = "aws_cognito_user_pool_client"
DOMAIN = "aws_cognito_user_pool_domain"
IDP = "cloudflare_zero_trust_access_identity_provider"


@pytest.fixture(scope="module")
def synth() -> dict[str, Any]:
    return synth_stack(lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE))


@pytest.fixture(scope="module")
def client(synth: dict[str, Any]) -> dict[str, Any]:
    resource: dict[str, Any] = only(synth["resource"][CLIENT])
    return resource


@pytest.fixture(scope="module")
def idp_config(synth: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = only(synth["resource"][IDP])["config"]
    return config


def address(synth: dict[str, Any], resource_type: str) -> str:
    """The Terraform address of the only resource of ``resource_type``."""
    (name,) = synth["resource"][resource_type]
    return f"{resource_type}.{name}"


def test_the_construct_declares_exactly_the_three_resources(synth: dict[str, Any]) -> None:
    assert {kind: len(items) for kind, items in synth["resource"].items()} == {
        CLIENT: 1,
        DOMAIN: 1,
        IDP: 1,
    }


def test_the_construct_declares_no_provider_and_no_output(synth: dict[str, Any]) -> None:
    assert "provider" not in synth
    assert "output" not in synth


def test_cloudflare_gets_the_client_secret_by_reference(
    synth: dict[str, Any], idp_config: dict[str, Any]
) -> None:
    assert idp_config["client_secret"] == f"${{{address(synth, CLIENT)}.client_secret}}"


def test_cloudflare_gets_the_client_id_by_reference(
    synth: dict[str, Any], idp_config: dict[str, Any]
) -> None:
    assert idp_config["client_id"] == f"${{{address(synth, CLIENT)}.id}}"


def test_the_auth_url_is_the_domain_resources_authorize_endpoint(
    synth: dict[str, Any], idp_config: dict[str, Any]
) -> None:
    domain = address(synth, DOMAIN)
    assert idp_config["auth_url"] == (
        f"https://${{{domain}.domain}}.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
    )


def test_the_token_url_is_the_domain_resources_token_endpoint(
    synth: dict[str, Any], idp_config: dict[str, Any]
) -> None:
    domain = address(synth, DOMAIN)
    assert idp_config["token_url"] == (
        f"https://${{{domain}.domain}}.auth.eu-west-1.amazoncognito.com/oauth2/token"
    )


def test_the_certs_url_is_the_pools_jwks_in_the_pools_region(idp_config: dict[str, Any]) -> None:
    assert idp_config["certs_url"] == (
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"
    )


def test_the_domain_is_the_prefix_on_the_given_pool(synth: dict[str, Any]) -> None:
    domain = only(synth["resource"][DOMAIN])
    assert (domain["domain"], domain["user_pool_id"]) == ("acme-login", "eu-west-1_AbC123")


def test_the_client_is_on_the_given_pool(client: dict[str, Any]) -> None:
    assert client["user_pool_id"] == "eu-west-1_AbC123"


def test_the_client_is_confidential(client: dict[str, Any]) -> None:
    assert client["generate_secret"] is True


def test_the_client_allows_only_the_authorization_code_grant(client: dict[str, Any]) -> None:
    assert client["allowed_oauth_flows"] == ["code"]
    assert client["allowed_oauth_flows_user_pool_client"] is True


def test_the_client_allows_the_default_scopes(client: dict[str, Any]) -> None:
    assert client["allowed_oauth_scopes"] == ["openid", "email", "profile"]


def test_the_clients_only_callback_is_the_teams_cloudflare_callback(
    client: dict[str, Any],
) -> None:
    assert client["callback_urls"] == ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"]


def test_the_client_offers_the_pools_own_users_by_default(client: dict[str, Any]) -> None:
    assert client["supported_identity_providers"] == ["COGNITO"]


def test_the_client_does_not_reveal_whether_a_user_exists(client: dict[str, Any]) -> None:
    assert client["prevent_user_existence_errors"] == "ENABLED"


def test_the_client_allows_no_password_sign_in_over_the_api(client: dict[str, Any]) -> None:
    assert client["explicit_auth_flows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]


def test_the_identity_provider_is_openid_connect_in_the_account(synth: dict[str, Any]) -> None:
    idp = only(synth["resource"][IDP])
    assert (idp["type"], idp["account_id"], idp["name"]) == (
        "oidc",
        "0123456789abcdef0123456789abcdef",
        "Amazon Cognito",
    )


def test_the_identity_provider_uses_pkce(idp_config: dict[str, Any]) -> None:
    assert idp_config["pkce_enabled"] is True


def test_the_identity_provider_asks_for_the_cloudflare_guides_claims(
    idp_config: dict[str, Any],
) -> None:
    assert idp_config["claims"] == ["sub", "cognito:username", "name", "cognito:groups"]
    assert idp_config["email_claim_name"] == "email"


def test_the_identity_provider_requests_the_clients_scopes(idp_config: dict[str, Any]) -> None:
    assert idp_config["scopes"] == ["openid", "email", "profile"]


def test_the_identity_provider_sets_no_prompt(idp_config: dict[str, Any]) -> None:
    assert "prompt" not in idp_config


def _empty_lists(node: object, path: str = "") -> list[str]:
    if isinstance(node, dict):
        return [
            found for key, value in node.items() for found in _empty_lists(value, f"{path}.{key}")
        ]
    if isinstance(node, list):
        here = [path] if not node else []
        return here + [found for item in node for found in _empty_lists(item, path)]
    return []


def test_no_empty_list_is_emitted(synth: dict[str, Any]) -> None:
    """Cognito reads an empty write_attributes as unspecified, so none is declared."""
    assert _empty_lists(synth["resource"]) == []


def test_the_client_leaves_write_attributes_out(synth: dict[str, Any]) -> None:
    """[] promised "writes nothing", which Cognito does not do (issue 18, finding 5)."""
    assert "write_attributes" not in only(synth["resource"][CLIENT])


def test_the_attributes_give_the_urls_a_user_needs() -> None:
    values: dict[str, str] = {}

    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        values.update(callback=sso.callback_url, issuer=sso.issuer_url, certs=sso.certs_url)

    synth_stack(build)
    assert values == {
        "callback": "https://acme.cloudflareaccess.com/cdn-cgi/access/callback",
        "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123",
        "certs": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
    }


def test_the_attributes_expose_the_child_resources() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        assert sso.user_pool_domain is not None
        assert sso.user_pool_domain.node.id == "UserPoolDomain"
        assert sso.user_pool_client.node.id == "AppClient"
        assert sso.identity_provider.node.id == "IdentityProvider"

    synth_stack(build)


def test_the_id_attributes_reference_the_client_and_the_identity_provider() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)
        TerraformOutput(stack, "client_id", value=sso.client_id)
        TerraformOutput(stack, "idp_id", value=sso.identity_provider_id)

    synth = synth_stack(build)
    assert synth["output"]["client_id"]["value"] == f"${{{address(synth, CLIENT)}.id}}"
    assert synth["output"]["idp_id"]["value"] == f"${{{address(synth, IDP)}.id}}"


def test_a_pool_given_by_reference_gives_the_region_from_its_id() -> None:
    def build(stack: TerraformStack) -> None:
        pool = TerraformVariable(stack, "pool_id", type="string")
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "user_pool_id": pool.string_value}
        )

    config = only(synth_stack(build)["resource"][IDP])["config"]
    assert config["certs_url"] == (
        'https://cognito-idp.${element(split("_", var.pool_id), 0)}.amazonaws.com/'
        "${var.pool_id}/.well-known/jwks.json"
    )


def test_aliased_providers_are_used_for_their_resources() -> None:
    def build(stack: TerraformStack) -> None:
        aws = AwsProvider(stack, "aws_eu", region="eu-west-1", alias="eu")
        cloudflare = CloudflareProvider(stack, "cloudflare_sso", alias="sso")
        CognitoAccessIdentityProvider(
            stack, "Sso", **EXAMPLE, aws_provider=aws, cloudflare_provider=cloudflare
        )

    resources = synth_stack(build)["resource"]
    assert only(resources[DOMAIN])["provider"] == "aws.eu"
    assert only(resources[CLIENT])["provider"] == "aws.eu"
    assert only(resources[IDP])["provider"] == "cloudflare.sso"


def test_optional_settings_reach_the_resources() -> None:
    def build(stack: TerraformStack) -> None:
        CognitoAccessIdentityProvider(
            stack,
            "Sso",
            **EXAMPLE,
            name="Staff login",
            scopes=("openid", "email", "api.example.com/read"),
            claims=("sub", "email"),
            email_claim_name="upn",
            pkce=False,
            identity_providers=("COGNITO", "Google"),
        )

    resources = synth_stack(build)["resource"]
    client, idp = only(resources[CLIENT]), only(resources[IDP])
    assert client["allowed_oauth_scopes"] == ["openid", "email", "api.example.com/read"]
    assert client["supported_identity_providers"] == ["COGNITO", "Google"]
    assert idp["name"] == "Staff login"
    assert idp["config"]["claims"] == ["sub", "email"]
    assert idp["config"]["email_claim_name"] == "upn"
    assert idp["config"]["pkce_enabled"] is False


def test_teams_on_one_pool_share_the_first_instances_domain() -> None:
    def build(stack: TerraformStack) -> None:
        first = CognitoAccessIdentityProvider(stack, "Acme", **EXAMPLE)
        CognitoAccessIdentityProvider(
            stack,
            "Beta",
            **{
                **EXAMPLE,
                "team_name": "beta",
                "domain": first.shared_domain,
            },
        )

    synth = synth_stack(build)
    resources = synth["resource"]
    domain = address(synth, DOMAIN)
    auth_urls = sorted(idp["config"]["auth_url"] for idp in resources[IDP].values())
    callbacks = sorted(client["callback_urls"][0] for client in resources[CLIENT].values())
    assert len(resources[DOMAIN]) == 1
    assert auth_urls == 2 * [
        f"https://${{{domain}.domain}}.auth.eu-west-1.amazoncognito.com/oauth2/authorize"
    ]
    assert callbacks == [
        "https://acme.cloudflareaccess.com/cdn-cgi/access/callback",
        "https://beta.cloudflareaccess.com/cdn-cgi/access/callback",
    ]


def test_an_identity_provider_resource_is_offered_by_reference() -> None:
    """The client then depends on it: a first apply creates the provider before the client."""

    def build(stack: TerraformStack) -> None:
        google = CognitoIdentityProvider(
            stack,
            "Google",
            user_pool_id="eu-west-1_AbC123",
            provider_name="Google",
            provider_type="Google",
            provider_details={"client_id": "id", "authorize_scopes": "openid"},
        )
        CognitoAccessIdentityProvider(
            stack, "Sso", **EXAMPLE, identity_providers=["COGNITO", google]
        )

    client = only(synth_stack(build)["resource"][CLIENT])
    assert client["supported_identity_providers"] == [
        "COGNITO",
        "${aws_cognito_identity_provider.Google.provider_name}",
    ]


def test_the_same_identity_provider_resource_twice_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    google = CognitoIdentityProvider(
        stack,
        "Google",
        user_pool_id="p",
        provider_name="Google",
        provider_type="Google",
        provider_details={},
    )
    with pytest.raises(ValueError, match="identity_providers must not repeat a value"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, identity_providers=[google, google])


def test_a_name_and_a_resource_of_that_provider_name_are_refused_as_a_repeat() -> None:
    stack = TerraformStack(Testing.app(), "test")
    google = CognitoIdentityProvider(
        stack,
        "Google",
        user_pool_id="p",
        provider_name="Google",
        provider_type="Google",
        provider_details={},
    )
    with pytest.raises(ValueError, match=r"identity_providers must not repeat a value.*'Google'"):
        CognitoAccessIdentityProvider(
            stack, "Sso", **EXAMPLE, identity_providers=["Google", google]
        )
    assert [child.node.id for child in stack.node.children] == ["Google"]


@pytest.mark.parametrize(
    "domain",
    [LoginDomain.shared("shared-login"), LoginDomain.shared("login.example.com")],
    ids=repr,
)
def test_a_domain_shared_by_name_is_shared_on_as_it_was_given(domain: LoginDomain) -> None:
    built: list[CognitoAccessIdentityProvider] = []
    synth_stack(
        lambda stack: built.append(
            CognitoAccessIdentityProvider(stack, "Sso", **{**EXAMPLE, "domain": domain})
        )
    )
    assert built[0].shared_domain is domain


def test_verify_outputs_are_the_names_the_verify_tool_reads() -> None:
    built: list[CognitoAccessIdentityProvider] = []
    synth_stack(lambda stack: built.append(CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE)))
    outputs = built[0].verify_outputs
    assert tuple(outputs) == REQUIRED_OUTPUTS
    assert outputs["callback_url"] == "https://acme.cloudflareaccess.com/cdn-cgi/access/callback"
    assert outputs["issuer_url"] == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123"
    required = tuple(
        field.name for field in dataclasses.fields(Outputs) if field.default is dataclasses.MISSING
    )
    assert required == REQUIRED_OUTPUTS


def test_an_identity_provider_of_another_literal_pool_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    google = CognitoIdentityProvider(
        stack,
        "Google",
        user_pool_id="eu-west-1_Other1",
        provider_name="Google",
        provider_type="Google",
        provider_details={},
    )
    with pytest.raises(
        ValueError,
        match=r"^identity_providers must belong to user_pool_id \('eu-west-1_AbC123'\); "
        r"got test/Google of the pool 'eu-west-1_Other1'",
    ):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, identity_providers=[google])


def test_a_resource_server_of_another_literal_pool_is_refused() -> None:
    stack = TerraformStack(Testing.app(), "test")
    server = CognitoResourceServer(
        stack, "Api", identifier="https://api.example", name="api", user_pool_id="eu-west-1_Other1"
    )
    with pytest.raises(ValueError, match=r"^resource_servers must belong to user_pool_id"):
        CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, resource_servers=[server])


def test_resources_of_a_pool_known_only_to_terraform_are_left_to_terraform() -> None:
    stack = TerraformStack(Testing.app(), "test")
    pool = TerraformVariable(stack, "pool", type="string").string_value
    server = CognitoResourceServer(
        stack, "Api", identifier="https://api.example", name="api", user_pool_id=pool
    )
    CognitoAccessIdentityProvider(stack, "Sso", **EXAMPLE, resource_servers=[server])
