"""Cautions for changes that weaken the login: endpoints, flows, callbacks, tokens, the pool."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_access.review import summarize
from tests.plans import (
    CLIENT_ADDRESS,
    CONFIG_BEFORE,
    IDP,
    SECRET,
    cautions,
    merged,
    plan,
    resource,
    update,
    with_configuration,
)

# Cautions: changes that weaken the login

CLIENT_BEFORE: dict[str, Any] = {
    "allowed_oauth_flows": ["code"],
    "allowed_oauth_scopes": ["openid", "email", "profile"],
    "callback_urls": ["https://acme.cloudflareaccess.com/cdn-cgi/access/callback"],
    "explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH"],
    "generate_secret": True,
    "prevent_user_existence_errors": "ENABLED",
    "access_token_validity": 1,
    "id_token_validity": 1,
    "refresh_token_validity": 30,
    "token_validity_units": [],
}
POOL_BEFORE: dict[str, Any] = {
    "deletion_protection": "ACTIVE",
    "mfa_configuration": "ON",
    "admin_create_user_config": [{"allow_admin_create_user_only": True}],
}
IDP_BEFORE: dict[str, Any] = {
    "type": "oidc",
    "config": {
        **CONFIG_BEFORE,
        "token_url": "https://acme-login.auth.eu-west-1.amazoncognito.com/oauth2/token",
        "certs_url": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123/.well-known/jwks.json",
        "email_claim_name": "email",
    },
}
WEAKENED: dict[str, tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "auth_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"auth_url": "https://login.evil-example.net/oauth2/authorize"}},
        (
            "`config.auth_url` moves to another host",
            "`login.evil-example.net`",
            "`acme-login.auth.eu-west-1.amazoncognito.com`",
            "passwords",
        ),
    ),
    "token_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"token_url": "https://tokens.example.org/oauth2/token"}},
        ("`config.token_url` moves to another host", "`tokens.example.org`", "secret"),
    ),
    "certs_url to another host": (
        IDP,
        IDP_BEFORE,
        {"config": {"certs_url": "https://keys.example.org/jwks.json"}},
        ("`config.certs_url` moves to another host", "`keys.example.org`", "any user"),
    ),
    "auth_url and token_url on different hosts": (
        IDP,
        {**IDP_BEFORE, "config": {**IDP_BEFORE["config"], "token_url": None}},
        {
            "config": {
                "token_url": "https://other-login.auth.eu-west-1.amazoncognito.com/oauth2/token"
            }
        },
        ("Endpoints on different hosts", "`other-login.auth.eu-west-1.amazoncognito.com`"),
    ),
    "PKCE off": (
        IDP,
        IDP_BEFORE,
        {"config": {"pkce_enabled": False}},
        ("PKCE turned off", "intercepted"),
    ),
    "type changed": (
        IDP,
        IDP_BEFORE,
        {"type": "saml"},
        ("Login type changed", '`"saml"`', '`"oidc"`'),
    ),
    "email claim changed": (
        IDP,
        IDP_BEFORE,
        {"config": {"email_claim_name": "custom:mail"}},
        ("Email claim changed", '`"custom:mail"`', '`"email"`'),
    ),
    "implicit flow": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_flows": ["code", "implicit"]},
        ('OAuth flow `"implicit"` allowed', "in the URL"),
    ),
    "client_credentials flow": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_flows": ["client_credentials"]},
        ('OAuth flow `"client_credentials"` allowed', "without any user"),
    ),
    "callback elsewhere": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"callback_urls": [*CLIENT_BEFORE["callback_urls"], "https://collector.example.com/cb"]},
        ("Callback URL other than Cloudflare's", '`"https://collector.example.com/cb"`'),
    ),
    "password sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]},
        ('`"ALLOW_USER_PASSWORD_AUTH"`', "password sign-in over Cognito's API"),
    ),
    "SRP sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]},
        ("SRP",),
    ),
    "custom sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_CUSTOM_AUTH"]},
        ("custom-challenge sign-in",),
    ),
    "choice-based sign-in": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"explicit_auth_flows": ["ALLOW_USER_AUTH"]},
        ("choice-based sign-in",),
    ),
    "no secret": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"generate_secret": False},
        ("Client secret turned off",),
    ),
    "existence errors": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"prevent_user_existence_errors": "LEGACY"},
        ("User existence errors shown", "who has an account"),
    ),
    "scopes widened": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"allowed_oauth_scopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"]},
        ("Scopes widened", '`"aws.cognito.signin.user.admin"`'),
    ),
    "access token lifetime, default units": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"access_token_validity": 12},
        ("Access token lifetime lengthened", "12 hours instead of 1 hour"),
    ),
    "access token lifetime, in minutes": (
        CLIENT_ADDRESS,
        {
            **CLIENT_BEFORE,
            "access_token_validity": 60,
            "token_validity_units": [{"access_token": "minutes"}],
        },
        {"access_token_validity": 720, "token_validity_units": [{"access_token": "minutes"}]},
        ("Access token lifetime lengthened", "12 hours instead of 1 hour"),
    ),
    "refresh token lifetime, default days": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"refresh_token_validity": 3650},
        ("Refresh token lifetime lengthened", "3,650 days instead of 30 days"),
    ),
    "ID token lifetime from Cognito's default": (
        CLIENT_ADDRESS,
        {**CLIENT_BEFORE, "id_token_validity": None},
        {"id_token_validity": 1, "token_validity_units": [{"id_token": "days"}]},
        ("ID token lifetime lengthened", "1 day instead of 1 hour"),
    ),
    "deletion protection off": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"deletion_protection": "INACTIVE"},
        ("Deletion protection turned off",),
    ),
    "MFA relaxed": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"mfa_configuration": "OPTIONAL"},
        ("MFA relaxed", "`ON` to `OPTIONAL`"),
    ),
    "self sign-up": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"admin_create_user_config": [{"allow_admin_create_user_only": False}]},
        ("Self sign-up allowed",),
    ),
}


@pytest.mark.parametrize(
    ("address", "before", "changes", "phrases"), WEAKENED.values(), ids=WEAKENED.keys()
)
def test_a_change_that_weakens_the_login_raises_one_caution(
    address: str, before: dict[str, Any], changes: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    (caution,) = cautions(summarize(plan(update(address, before, merged(before, changes)))))
    assert caution.startswith("**")
    assert f" on `{address}`:**" in caution
    for phrase in phrases:
        assert phrase in caution


# Changes whose opposite weakens nothing (a move to another host is cautioned both ways).
ONE_WAY = {
    key: value
    for key, value in WEAKENED.items()
    if "host" not in key
    and key not in {"type changed", "email claim changed"}
    and "region" not in key
}


@pytest.mark.parametrize(
    ("address", "before", "changes", "phrases"), ONE_WAY.values(), ids=ONE_WAY.keys()
)
def test_the_opposite_change_raises_no_caution(
    address: str, before: dict[str, Any], changes: dict[str, Any], phrases: tuple[str, ...]
) -> None:
    del phrases
    assert cautions(summarize(plan(update(address, merged(before, changes), before)))) == []


@pytest.mark.parametrize(
    ("address", "values"),
    [
        (CLIENT_ADDRESS, CLIENT_BEFORE),
        (IDP, IDP_BEFORE),
        ("aws_cognito_user_pool.pool", POOL_BEFORE),
    ],
)
def test_the_construct_s_own_settings_raise_no_caution_when_created(
    address: str, values: dict[str, Any]
) -> None:
    assert cautions(summarize(plan(resource(address, ["create"], {"after": values})))) == []


def test_an_email_claim_set_to_cloudflare_s_default_raises_no_caution() -> None:
    unset = {**IDP_BEFORE, "config": {**IDP_BEFORE["config"], "email_claim_name": None}}
    assert cautions(summarize(plan(update(IDP, unset, IDP_BEFORE)))) == []


def test_a_created_client_with_the_implicit_flow_raises_a_caution() -> None:
    values = {**CLIENT_BEFORE, "allowed_oauth_flows": ["implicit"]}
    (caution,) = cautions(summarize(plan(resource(CLIENT_ADDRESS, ["create"], {"after": values}))))
    assert caution.startswith('**OAuth flow `"implicit"` allowed on')


def test_the_keys_of_another_pool_than_the_client_s_raise_a_caution() -> None:
    other_pool = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other/.well-known/jwks.json"
    client = update(
        CLIENT_ADDRESS,
        {"user_pool_id": "eu-west-1_AbC123"},
        {"user_pool_id": "eu-west-1_AbC123", "name": "x"},
    )
    idp = update(IDP, IDP_BEFORE, merged(IDP_BEFORE, {"config": {"certs_url": other_pool}}))
    document = with_configuration(plan(client, idp), [f"{CLIENT_ADDRESS}.id"])
    said = cautions(summarize(document))
    assert any(
        c.startswith("**Keys of another user pool") and "`eu-west-1_Other`" in c for c in said
    )


def test_a_caution_never_shows_a_known_secret() -> None:
    client = resource(
        CLIENT_ADDRESS,
        ["update"],
        {
            "before": {**CLIENT_BEFORE, "client_secret": SECRET},
            "after": {
                **CLIENT_BEFORE,
                "client_secret": SECRET,
                "callback_urls": [f"https://collector.example.com/?k={SECRET}"],
            },
        },
    )
    summary = summarize(plan(client))
    assert SECRET not in summary
    assert any("a masked value" in caution for caution in cautions(summary))


def test_keys_moved_to_another_pool_on_the_same_host_raise_a_caution() -> None:
    other = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other/.well-known/jwks.json"
    idp = update(IDP, IDP_BEFORE, merged(IDP_BEFORE, {"config": {"certs_url": other}}))
    (caution,) = cautions(summarize(plan(idp)))
    assert caution.startswith("**Keys of another user pool on")
    assert "`eu-west-1_Other` instead of `eu-west-1_AbC123`" in caution


def test_a_created_login_whose_keys_are_in_another_region_raises_a_caution() -> None:
    config = {
        **IDP_BEFORE["config"],
        "certs_url": "https://cognito-idp.us-east-2.amazonaws.com/us-east-2_Zz9/.well-known/jwks.json",
    }
    created = resource(IDP, ["create"], {"after": {**IDP_BEFORE, "config": config}})
    (caution,) = cautions(summarize(plan(created)))
    assert caution.startswith("**Endpoints in different regions on")
    assert "`eu-west-1`" in caution
    assert "`us-east-2`" in caution


# Null is off for a boolean that defaults off: removing it turns it off.
NULL_IS_OFF = {
    "PKCE removed": (IDP, IDP_BEFORE, {"config": {"pkce_enabled": None}}, "PKCE turned off"),
    "secret removed": (
        CLIENT_ADDRESS,
        CLIENT_BEFORE,
        {"generate_secret": None},
        "Client secret turned off",
    ),
    "admin-only creation removed": (
        "aws_cognito_user_pool.pool",
        POOL_BEFORE,
        {"admin_create_user_config": [{"allow_admin_create_user_only": None}]},
        "Self sign-up allowed",
    ),
}


@pytest.mark.parametrize(
    ("address", "before", "changes", "title"), NULL_IS_OFF.values(), ids=NULL_IS_OFF.keys()
)
def test_a_boolean_that_defaults_off_removed_is_turned_off(
    address: str, before: dict[str, Any], changes: dict[str, Any], title: str
) -> None:
    (caution,) = cautions(summarize(plan(update(address, before, merged(before, changes)))))
    assert caution.startswith(f"**{title} on `{address}`:**")


def test_a_boolean_known_only_after_apply_is_not_turned_off() -> None:
    after = merged(IDP_BEFORE, {"config": {"pkce_enabled": None}})
    change = {
        "before": IDP_BEFORE,
        "after": after,
        "after_unknown": {"config": {"pkce_enabled": True}},
    }
    assert cautions(summarize(plan(resource(IDP, ["update"], change)))) == []


@pytest.mark.parametrize("team", ["rival", "acme-staging", "a1"])
def test_a_callback_to_another_zero_trust_team_raises_a_caution(team: str) -> None:
    callback = f"https://{team}.cloudflareaccess.com/cdn-cgi/access/callback"
    after = {**CLIENT_BEFORE, "callback_urls": [*CLIENT_BEFORE["callback_urls"], callback]}
    (caution,) = cautions(summarize(plan(update(CLIENT_ADDRESS, CLIENT_BEFORE, after))))
    assert caution.startswith(f"**Callback to another Zero Trust team on `{CLIENT_ADDRESS}`:**")
    assert f"`{team}` instead of `acme`" in caution


def test_the_callback_moved_to_another_team_raises_a_caution() -> None:
    callback = "https://rival.cloudflareaccess.com/cdn-cgi/access/callback"
    after = {**CLIENT_BEFORE, "callback_urls": [callback]}
    (caution,) = cautions(summarize(plan(update(CLIENT_ADDRESS, CLIENT_BEFORE, after))))
    assert "Callback to another Zero Trust team" in caution


def test_a_client_created_with_a_team_s_callback_raises_no_caution() -> None:
    assert (
        cautions(summarize(plan(resource(CLIENT_ADDRESS, ["create"], {"after": CLIENT_BEFORE}))))
        == []
    )


# A login method destroyed and another created under a new name: one login method recreated.
MOVED_HOSTS = ["login.attacker-example.net", "acme-login.auth.us-east-1.amazoncognito.com"]


@pytest.mark.parametrize("host", MOVED_HOSTS)
@pytest.mark.parametrize(
    "new_address",
    [
        "cloudflare_zero_trust_access_identity_provider.Sso_Renamed_0A1B2C3D",
        "module.other.cloudflare_zero_trust_access_identity_provider.login",
    ],
)
def test_a_login_method_recreated_under_another_name_is_compared_with_the_old_one(
    host: str, new_address: str
) -> None:
    config = {name: f"https://{host}/{name}" for name in ("auth_url", "token_url", "certs_url")}
    old = resource(IDP, ["delete"], {"before": IDP_BEFORE})
    new = resource(
        new_address,
        ["create"],
        {"after": {**IDP_BEFORE, "config": {**IDP_BEFORE["config"], **config}}},
    )
    moved = [c for c in cautions(summarize(plan(old, new))) if "moves to another host" in c]
    assert [c.split(" moves")[0] for c in moved] == [
        "**`config.auth_url`",
        "**`config.token_url`",
        "**`config.certs_url`",
    ]
    for caution in moved:
        assert f"on `{new_address}` (recreating `{IDP}`)" in caution
        assert f"`{host}`" in caution


def test_a_recreated_login_method_on_the_same_hosts_raises_only_the_destroy_caution() -> None:
    old = resource(IDP, ["delete"], {"before": IDP_BEFORE})
    new = resource(f"{IDP}_2", ["create"], {"after": IDP_BEFORE})
    (caution,) = cautions(summarize(plan(old, new)))
    assert caution.startswith(f"**Destroying `{IDP}`:**")


def test_a_login_method_moved_to_the_provider_s_new_type_name_is_compared_too() -> None:
    old = resource("cloudflare_access_identity_provider.login", ["delete"], {"before": IDP_BEFORE})
    config = {**IDP_BEFORE["config"], "token_url": "https://tokens.example.org/oauth2/token"}
    new = resource(IDP, ["create"], {"after": {**IDP_BEFORE, "config": config}})
    said = cautions(summarize(plan(old, new)))
    assert any(c.startswith("**`config.token_url` moves to another host on") for c in said)
