"""The login page in the synthesized JSON: custom domain, its DNS record, managed login."""

from __future__ import annotations

from typing import Any

import pytest
from cdktf import TerraformStack, TerraformVariable, Testing
from cdktf_cdktf_provider_aws.cognito_managed_login_branding import (
    CognitoManagedLoginBrandingAsset,
    CognitoManagedLoginBrandingConfig,
)
from cdktf_cdktf_provider_aws.cognito_user_pool_domain import (
    CognitoUserPoolDomain,
    CognitoUserPoolDomainConfig,
)
from cdktf_cdktf_provider_cloudflare.dns_record import DnsRecordConfig
from cdktf_cdktf_provider_cloudflare.provider import CloudflareProvider

from cognito_access import (
    CognitoAccessIdentityProvider,
    LoginDomain,
    ManagedLogin,
    ManagedLoginAsset,
)
from cognito_access._facts import CLASSIC_LOGIN_VERSION
from tests.support import EXAMPLE, only, synth_stack

DOMAIN = "aws_cognito_user_pool_domain"
CLIENT = "aws_cognito_user_pool_client"
BRANDING = "aws_cognito_managed_login_branding"
DNS_RECORD = "cloudflare_dns_record"
IDP = "cloudflare_zero_trust_access_identity_provider"
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "fedcba9876543210fedcba9876543210"
CUSTOM: dict[str, Any] = {
    **EXAMPLE,
    "domain": LoginDomain.custom("login.example.com", certificate_arn=CERTIFICATE),
}
WITH_ZONE: dict[str, Any] = {
    **EXAMPLE,
    "domain": LoginDomain.custom(
        "login.example.com", certificate_arn=CERTIFICATE, cloudflare_zone_id=ZONE
    ),
}
PNG = "iVBORw0KGgo="  # the PNG signature, base64-encoded
LOGO = ManagedLoginAsset(
    category="FORM_LOGO", color_mode="LIGHT", extension="PNG", bytes_base64=PNG
)


def resources(**settings: Any) -> dict[str, Any]:  # noqa: ANN401 - keyword settings of any type
    synth = synth_stack(lambda stack: CognitoAccessIdentityProvider(stack, "Sso", **settings))
    found: dict[str, Any] = synth["resource"]
    return found


def address(resource_type: str, found: dict[str, Any]) -> str:
    (name,) = found[resource_type]
    return f"{resource_type}.{name}"


def test_a_custom_domain_is_created_with_its_certificate() -> None:
    domain = only(resources(**CUSTOM)[DOMAIN])
    assert domain["domain"] == "login.example.com"
    assert domain["certificate_arn"] == CERTIFICATE
    assert domain["user_pool_id"] == EXAMPLE["user_pool_id"]


def test_the_auth_and_token_urls_are_on_the_custom_domain_by_reference() -> None:
    found = resources(**CUSTOM)
    config = only(found[IDP])["config"]
    base = f"https://${{{address(DOMAIN, found)}.domain}}/oauth2"
    assert (config["auth_url"], config["token_url"]) == (f"{base}/authorize", f"{base}/token")


def test_the_certs_url_stays_the_pools_issuers() -> None:
    config = only(resources(**CUSTOM, issuer="updated")[IDP])["config"]
    assert config["certs_url"] == (
        "https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json"
    )


def test_a_custom_domain_without_a_zone_declares_no_dns_record() -> None:
    assert DNS_RECORD not in resources(**CUSTOM)


def test_the_dns_record_is_a_dns_only_cname_to_the_domains_cloudfront_distribution() -> None:
    found = resources(**WITH_ZONE)
    record = only(found[DNS_RECORD])
    assert record["zone_id"] == ZONE
    assert record["name"] == "login.example.com"
    assert record["type"] == "CNAME"
    assert record["content"] == f"${{{address(DOMAIN, found)}.cloudfront_distribution}}"
    assert record["proxied"] is False
    assert record["ttl"] == 1
    assert "Cloudflare Access" in record["comment"]


def test_the_dns_record_uses_the_given_cloudflare_provider() -> None:
    def build(stack: TerraformStack) -> None:
        provider = CloudflareProvider(stack, "cloudflare", alias="dns")
        CognitoAccessIdentityProvider(stack, "Sso", **WITH_ZONE, cloudflare_provider=provider)

    record = only(synth_stack(build)["resource"][DNS_RECORD])
    assert record["provider"] == "cloudflare.dns"


def test_managed_login_gives_the_created_domain_version_2() -> None:
    assert (
        only(resources(**EXAMPLE, managed_login=ManagedLogin())[DOMAIN])["managed_login_version"]
        == 2
    )


def test_managed_login_brands_the_client_with_cognitos_values_by_reference() -> None:
    found = resources(**EXAMPLE, managed_login=ManagedLogin())
    branding = only(found[BRANDING])
    client = address(CLIENT, found)
    assert branding["client_id"] == f"${{{client}.id}}"
    assert branding["user_pool_id"] == f"${{{client}.user_pool_id}}"
    assert branding["use_cognito_provided_values"] is True
    assert "settings" not in branding
    assert "asset" not in branding


def test_the_created_domain_moves_to_managed_login_after_the_branding_exists() -> None:
    found = resources(**EXAMPLE, managed_login=ManagedLogin())
    assert only(found[DOMAIN])["depends_on"] == [address(BRANDING, found)]


def test_managed_login_takes_the_users_settings_and_assets_instead() -> None:
    settings = '{"components": {"pageBackground": {"lightMode": {"color": "f2f8fdff"}}}}'
    branding = only(
        resources(
            **EXAMPLE,
            managed_login=ManagedLogin(settings=settings, assets=[LOGO]),
        )[BRANDING]
    )
    assert branding["settings"] == settings
    assert branding["asset"] == [
        {"category": "FORM_LOGO", "color_mode": "LIGHT", "extension": "PNG", "bytes": PNG}
    ]
    assert "use_cognito_provided_values" not in branding


def test_managed_login_off_declares_no_branding_and_states_the_classic_version() -> None:
    """managed_login_version is Optional and Computed: left out, a domain keeps version 2.

    So a created domain always states its version, and turning managed login off moves
    it back to 1 (issue 18, finding 3).
    """
    found = resources(**CUSTOM)
    assert BRANDING not in found
    assert only(found[DOMAIN])["managed_login_version"] == CLASSIC_LOGIN_VERSION
    assert "depends_on" not in only(found[DOMAIN])


def test_a_prefix_domain_without_managed_login_states_the_classic_version() -> None:
    assert only(resources(**EXAMPLE)[DOMAIN])["managed_login_version"] == 1


def test_managed_login_with_assets_but_no_settings_turns_cognitos_values_off() -> None:
    """Declared in the one form both sources accept (issue 18, finding 2).

    hashicorp/aws validates use_cognito_provided_values ExactlyOneOf with settings (a
    false value is configured, so it counts); botocore's CreateManagedLoginBranding model
    says only UseCognitoProvidedValues=true must come without Settings and Assets.
    """
    branding = only(resources(**EXAMPLE, managed_login=ManagedLogin(assets=[LOGO]))[BRANDING])
    assert branding["use_cognito_provided_values"] is False
    assert "settings" not in branding
    assert len(branding["asset"]) == 1


def test_a_shared_domain_keeps_its_version_and_each_client_gets_its_branding() -> None:
    def build(stack: TerraformStack) -> None:
        domain = CognitoUserPoolDomain(
            stack,
            "Shared",
            domain="acme-login",
            user_pool_id="eu-west-1_AbC123",
            managed_login_version=2,
        )
        for team in ("acme", "beta"):
            CognitoAccessIdentityProvider(
                stack,
                team.title(),
                **{**EXAMPLE, "team_name": team, "domain": LoginDomain.shared(domain)},
                managed_login=ManagedLogin(),
            )

    found = synth_stack(build)["resource"]
    assert only(found[DOMAIN]) == {
        "domain": "acme-login",
        "managed_login_version": 2,
        "user_pool_id": "eu-west-1_AbC123",
    }
    brandings = found[BRANDING].values()
    assert sorted(branding["client_id"] for branding in brandings) == sorted(
        f"${{{CLIENT}.{name}.id}}" for name in found[CLIENT]
    )


def test_a_shared_managed_login_domain_needs_managed_login_on() -> None:
    stack = TerraformStack(Testing.app(), "test")
    domain = CognitoUserPoolDomain(
        stack,
        "Shared",
        domain="acme-login",
        user_pool_id="eu-west-1_AbC123",
        managed_login_version=2,
    )
    with pytest.raises(
        ValueError, match=r"^managed_login must be a ManagedLogin .*error page"
    ) as raised:
        CognitoAccessIdentityProvider(
            stack, "Sso", **{**EXAMPLE, "domain": LoginDomain.shared(domain)}
        )
    assert str(raised.value).endswith("got None")
    assert [child.node.id for child in stack.node.children] == ["Shared"]


def test_the_properties_give_the_branding_and_the_dns_record() -> None:
    built: list[CognitoAccessIdentityProvider] = []

    def build(stack: TerraformStack) -> None:
        built.append(
            CognitoAccessIdentityProvider(stack, "Sso", **WITH_ZONE, managed_login=ManagedLogin())
        )
        built.append(CognitoAccessIdentityProvider(stack, "Plain", **EXAMPLE))

    synth_stack(build)
    full, plain = built
    assert full.dns_record is not None
    assert full.dns_record.terraform_resource_type == DNS_RECORD
    assert full.managed_login_branding is not None
    assert full.managed_login_branding.terraform_resource_type == BRANDING
    assert (plain.dns_record, plain.managed_login_branding) == (None, None)


def test_an_existing_custom_domain_is_adopted_by_its_host_name() -> None:
    def build(stack: TerraformStack) -> None:
        sso = CognitoAccessIdentityProvider(stack, "Sso", **CUSTOM)
        sso.import_existing(domain="login.example.com")

    synth = synth_stack(build)
    (block,) = synth["import"]
    assert block["id"] == "login.example.com"
    assert block["to"].startswith(f"{DOMAIN}.")


def test_a_domain_other_than_the_custom_domain_is_not_adopted() -> None:
    stack = TerraformStack(Testing.app(), "test")
    sso = CognitoAccessIdentityProvider(stack, "Sso", **CUSTOM)
    with pytest.raises(
        ValueError, match=r"^domain must be the domain the construct declares \('login"
    ):
        sso.import_existing(domain="auth.example.com")


def test_a_certificate_and_zone_by_reference_are_left_to_terraform() -> None:
    def build(stack: TerraformStack) -> None:
        def var(name: str) -> str:
            return TerraformVariable(stack, name, type="string").string_value

        CognitoAccessIdentityProvider(
            stack,
            "Sso",
            **{
                **EXAMPLE,
                "domain": LoginDomain.custom(
                    var("host"), certificate_arn=var("certificate"), cloudflare_zone_id=var("zone")
                ),
            },
            managed_login=ManagedLogin(settings=var("style")),
        )

    found = synth_stack(build)["resource"]
    assert only(found[DOMAIN])["certificate_arn"] == "${var.certificate}"
    assert only(found[DNS_RECORD])["zone_id"] == "${var.zone}"
    assert only(found[DNS_RECORD])["name"] == "${var.host}"
    assert only(found[BRANDING])["settings"] == "${var.style}"


# The mirror's AWS provider (5.100.0) has no aws_cognito_managed_login_branding and no
# Cloudflare provider is to be had offline: their JSON is checked against the bindings'
# own types (the 6.25.0 and 5.14.0 schemas they were generated from), field by field.
def test_the_branding_json_fits_the_bindings_types() -> None:
    branding = only(
        resources(
            **EXAMPLE,
            managed_login=ManagedLogin(settings="{}", assets=[LOGO]),
        )[BRANDING]
    )
    assets = [CognitoManagedLoginBrandingAsset(**asset) for asset in branding.pop("asset")]
    config = CognitoManagedLoginBrandingConfig(**branding, asset=assets)
    assert config.client_id == branding["client_id"]
    assert [asset.bytes for asset in assets] == [PNG]


def test_the_dns_record_and_custom_domain_json_fit_the_bindings_types() -> None:
    found = resources(**WITH_ZONE, managed_login=ManagedLogin())
    record = DnsRecordConfig(**only(found[DNS_RECORD]))
    domain_values = {k: v for k, v in only(found[DOMAIN]).items() if k != "depends_on"}
    domain = CognitoUserPoolDomainConfig(**domain_values)
    assert (record.type, record.ttl, record.proxied) == ("CNAME", 1, False)
    assert (domain.certificate_arn, domain.managed_login_version) == (CERTIFICATE, 2)
