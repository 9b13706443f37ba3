"""The example app's login page settings: custom domain, its DNS record, managed login."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cdktf import Testing

import main
import settings
from tests.support import only

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
ZONE = "fedcba9876543210fedcba9876543210"
CUSTOM = {"COGNITO_CUSTOM_DOMAIN": "login.acme.example", "COGNITO_CERTIFICATE_ARN": CERTIFICATE}


def synth_main(environ: dict[str, str], context: dict[str, Any] | None = None) -> dict[str, Any]:
    stack = main.build(Testing.app(context=context), environ)
    parsed: dict[str, Any] = json.loads(Testing.synth(stack))
    return parsed


def no_context(_key: str) -> object:
    return None


def test_by_default_the_login_page_is_the_prefix_domains_classic_one() -> None:
    config = settings.load_config({}, no_context)
    assert config.login_page == settings.LoginPage()
    resources = synth_main({})["resource"]
    assert "aws_cognito_managed_login_branding" not in resources
    assert "cloudflare_dns_record" not in resources
    assert "certificate_arn" not in only(resources["aws_cognito_user_pool_domain"])


def test_a_custom_domain_replaces_the_example_prefix() -> None:
    config = settings.load_config(CUSTOM, no_context)
    assert config.domain_prefix is None
    assert "COGNITO_DOMAIN_PREFIX" not in config.examples_used
    domain = only(synth_main(CUSTOM)["resource"]["aws_cognito_user_pool_domain"])
    assert (domain["domain"], domain["certificate_arn"]) == ("login.acme.example", CERTIFICATE)


def test_a_given_prefix_is_not_used_with_a_custom_domain_and_the_app_says_so() -> None:
    environ = {**CUSTOM, "COGNITO_DOMAIN_PREFIX": "acme-login"}
    assert settings.load_config(environ, no_context).domain_prefix is None
    stack = main.build(Testing.app(), environ)
    notices = [w for w in main.warnings_of(stack) if "COGNITO_DOMAIN_PREFIX" in w]
    assert notices == [
        (
            "cognito-access: COGNITO_DOMAIN_PREFIX is not used: the login page is on "
            "COGNITO_CUSTOM_DOMAIN, and a stack creates one domain for it."
        )
    ]
    domain = only(json.loads(Testing.synth(stack))["resource"]["aws_cognito_user_pool_domain"])
    assert domain["domain"] == "login.acme.example"


def test_the_login_page_settings_are_read_from_the_context() -> None:
    context = {
        "cognitoCustomDomain": "sso.corp.example",
        "cognitoCertificateArn": CERTIFICATE,
        "cloudflareZoneId": ZONE,
        "cognitoManagedLogin": "true",
    }
    config = settings.load_config({}, context.get)
    assert config.login_page == settings.LoginPage(
        custom_domain="sso.corp.example",
        certificate_arn=CERTIFICATE,
        cloudflare_zone_id=ZONE,
        managed_login=True,
    )


def test_the_custom_domains_cname_target_is_an_output() -> None:
    synth = synth_main(CUSTOM)
    (domain,) = synth["resource"]["aws_cognito_user_pool_domain"]
    assert synth["output"]["cloudfront_distribution"]["value"] == (
        f"${{aws_cognito_user_pool_domain.{domain}.cloudfront_distribution}}"
    )


def test_a_zone_id_declares_the_custom_domains_dns_record() -> None:
    record = only(
        synth_main({**CUSTOM, "CLOUDFLARE_ZONE_ID": ZONE})["resource"]["cloudflare_dns_record"]
    )
    assert (record["zone_id"], record["name"], record["type"]) == (
        ZONE,
        "login.acme.example",
        "CNAME",
    )


def test_managed_login_brands_the_client_and_moves_the_domain_to_version_2() -> None:
    resources = synth_main({"COGNITO_MANAGED_LOGIN": "1"})["resource"]
    assert only(resources["aws_cognito_user_pool_domain"])["managed_login_version"] == 2
    assert only(resources["aws_cognito_managed_login_branding"])["use_cognito_provided_values"]


def test_an_adopted_custom_domain_is_imported_by_its_host_name() -> None:
    environ = {**CUSTOM, "IMPORT_COGNITO_DOMAIN": "login.acme.example"}
    (block,) = synth_main(environ)["import"]
    assert block["id"] == "login.acme.example"
    assert block["to"].startswith("aws_cognito_user_pool_domain.")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"COGNITO_CERTIFICATE_ARN": CERTIFICATE}, "COGNITO_CERTIFICATE_ARN needs COGNITO_CUST"),
        ({"CLOUDFLARE_ZONE_ID": ZONE}, "CLOUDFLARE_ZONE_ID needs COGNITO_CUSTOM_DOMAIN"),
        ({"COGNITO_CUSTOM_DOMAIN": "login.acme.example"}, "needs COGNITO_CERTIFICATE_ARN"),
        ({"COGNITO_MANAGED_LOGIN": "maybe"}, "COGNITO_MANAGED_LOGIN must be 1/true/yes"),
    ],
)
def test_contradicting_login_page_settings_are_refused(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        settings.load_config(environ, no_context)
