"""Cautions for replacing or destroying what users sign in with, and who signs in with a client."""

from __future__ import annotations

import pytest

from cognito_access.review import summarize
from tests.plans import (
    CLIENT_ADDRESS,
    IDP,
    REPLACE,
    cautions,
    configuration,
    plan,
    resource,
    update,
    with_configuration,
)

# Cautions: what users will feel


CAUTIONS: list[tuple[str, list[str], tuple[str, ...]]] = [
    (
        "aws_cognito_user_pool_client.app",
        REPLACE,
        ("new client id and secret", "every app that signs in with it", "must sign in again"),
    ),
    ("aws_cognito_user_pool_client.app", ["delete"], ("deleted", "every app that signs in")),
    ("module.sso.aws_cognito_user_pool_client.app", ["create", "delete"], ("new client id",)),
    ("aws_cognito_user_pool_domain.login", REPLACE, ("unavailable between the delete and the",)),
    ("aws_cognito_user_pool_domain.login", ["delete"], ("login page is removed",)),
    (
        "cloudflare_zero_trust_access_identity_provider.idp",
        REPLACE,
        ("new id", "policies that name the old one must be updated", "disappear, then reappear"),
    ),
    ("cloudflare_zero_trust_access_identity_provider.idp", ["delete"], ("policies that name it",)),
    (
        "aws_cognito_user_pool.pool",
        REPLACE,
        ("Every user, password and group in the pool is lost",),
    ),
    (
        "aws_cognito_user_pool.pool",
        ["delete"],
        ("Every user, password and group in the pool is lost",),
    ),
]


@pytest.mark.parametrize(("address", "actions", "phrases"), CAUTIONS)
def test_replacing_or_destroying_what_users_sign_in_with_raises_one_caution(
    address: str, actions: list[str], phrases: tuple[str, ...]
) -> None:
    (caution,) = cautions(summarize(plan(resource(address, actions))))
    verb = "Destroying" if actions == ["delete"] else "Replacing"
    assert caution.startswith(f"**{verb} `{address}`:**")
    for phrase in phrases:
        assert phrase in caution


WATCHED = [
    "aws_cognito_user_pool_client.app",
    "aws_cognito_user_pool_domain.login",
    "cloudflare_zero_trust_access_identity_provider.idp",
    "aws_cognito_user_pool.pool",
]


@pytest.mark.parametrize("address", WATCHED)
def test_an_in_place_update_raises_no_caution(address: str) -> None:
    summary = summarize(plan(update(address, {"name": "a"}, {"name": "b"})))
    assert cautions(summary) == []


@pytest.mark.parametrize("address", WATCHED)
def test_a_create_raises_no_caution(address: str) -> None:
    assert cautions(summarize(plan(resource(address, ["create"])))) == []


@pytest.mark.parametrize(
    "address",
    [
        "aws_s3_bucket.logs",
        "terraform_data.cloudflare_record_www",
        # Shipped code knows no test stand-ins: this is just a terraform_data.
        "terraform_data.cloudflare_zero_trust_access_identity_provider_Sso",
    ],
)
def test_replacing_anything_else_raises_no_caution(address: str) -> None:
    assert cautions(summarize(plan(resource(address, REPLACE)))) == []


def test_cautions_come_right_after_the_heading_before_the_changes() -> None:
    summary = summarize(
        plan(
            resource("aws_s3_bucket.first", ["create"]),
            resource("aws_cognito_user_pool_client.app", REPLACE),
        )
    )
    blocks = summary.split("\n\n")
    assert blocks[1].startswith("> [!CAUTION]\n> **Replacing `aws_cognito_user_pool_client.app`")
    assert blocks[2].startswith("- **create** `aws_s3_bucket.first`")


# Cautions: the app client and who signs in with it


@pytest.mark.parametrize("actions", [REPLACE, ["delete"]])
def test_a_client_cloudflare_signs_in_with_signs_every_access_user_out(
    actions: list[str],
) -> None:
    references = [f"{CLIENT_ADDRESS}.id", CLIENT_ADDRESS, f"{CLIENT_ADDRESS}.client_secret"]
    document = with_configuration(plan(resource(CLIENT_ADDRESS, actions)), references)
    (caution,) = cautions(summarize(document))
    assert "Every user signed in to Cloudflare Access is signed out" in caution
    assert f"`{IDP}`" in caution


@pytest.mark.parametrize(
    "references",
    [
        [],  # the identity provider takes its client id from somewhere else
        ["aws_cognito_user_pool_client.other.id", "aws_cognito_user_pool_client.other"],
        [f"{CLIENT_ADDRESS}.client_secret"],  # only the secret, not the id
    ],
)
def test_a_client_no_cloudflare_login_uses_gets_a_caution_about_its_apps(
    references: list[str],
) -> None:
    document = with_configuration(plan(resource(CLIENT_ADDRESS, REPLACE)), references)
    (caution,) = cautions(summarize(document))
    assert "Cloudflare Access" not in caution
    assert "every app that signs in with it" in caution


def test_a_client_in_a_module_is_matched_with_the_module_s_identity_provider() -> None:
    module_client = f"module.sso.{CLIENT_ADDRESS}"
    document = plan(resource(module_client, REPLACE))
    document["configuration"] = {
        "root_module": {
            "module_calls": {
                "sso": {"module": configuration([f"{CLIENT_ADDRESS}.id"])["root_module"]}
            }
        }
    }
    (caution,) = cautions(summarize(document))
    assert "Every user signed in to Cloudflare Access is signed out" in caution
    assert f"`module.sso.{IDP}`" in caution
