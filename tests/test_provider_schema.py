"""What moving to CDK Terrain's provider bindings changes in the arguments the stack sets.

The newer bindings (cdktn-provider-aws 25.x: hashicorp/aws 6.69; cdktn-provider-cloudflare
16.x: cloudflare 5.28) are read from ``.venv-cdktn``, offline, without importing them
(see tests/provider_schema.py). Without ``.venv-cdktn`` these tests are skipped, except
under CI=true, where they fail: CI installs it with ``make setup-cdktn``.

What this cannot show: changes the bindings do not carry (validation rules, defaults,
plan modifiers, computed attributes). Those surface only in a plan against the provider.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

import pytest
from cdktf import Testing

import main
from tests.provider_schema import (
    CDKTF_PACKAGES,
    CDKTN_PACKAGES,
    CDKTN_VENV,
    META_ARGUMENTS,
    RESOURCE_TYPES,
    Argument,
    cdktf_site_packages,
    compare,
    read_schema,
    site_packages,
)

# The arguments main.build's example stack sets, resource by resource, nested blocks
# dotted, as synthesized under cdktf (tests/snapshots/cognito-access.json).
SET_ARGUMENTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("aws", "provider"): ("region",),
    ("aws", "aws_cognito_user_pool"): (
        "admin_create_user_config",
        "admin_create_user_config.allow_admin_create_user_only",
        "auto_verified_attributes",
        "deletion_protection",
        "name",
        "password_policy",
        "password_policy.minimum_length",
        "password_policy.require_lowercase",
        "password_policy.require_numbers",
        "password_policy.require_symbols",
        "password_policy.require_uppercase",
        "password_policy.temporary_password_validity_days",
        "username_attributes",
    ),
    ("aws", "aws_cognito_user_pool_client"): (
        "allowed_oauth_flows",
        "allowed_oauth_flows_user_pool_client",
        "allowed_oauth_scopes",
        "callback_urls",
        "explicit_auth_flows",
        "generate_secret",
        "name",
        "prevent_user_existence_errors",
        "supported_identity_providers",
        "user_pool_id",
    ),
    ("aws", "aws_cognito_user_pool_domain"): ("domain", "user_pool_id"),
    ("cloudflare", "cloudflare_zero_trust_access_identity_provider"): (
        "account_id",
        "config",
        "config.auth_url",
        "config.certs_url",
        "config.claims",
        "config.client_id",
        "config.client_secret",
        "config.email_claim_name",
        "config.pkce_enabled",
        "config.scopes",
        "config.token_url",
        "name",
        "type",
    ),
}
SET_ARGUMENT_CASES = [
    pytest.param(provider, resource_type, path, id=f"{resource_type}.{path}")
    for (provider, resource_type), paths in SET_ARGUMENTS.items()
    for path in paths
]
CDKTF_SITE = cdktf_site_packages() or Path("no-cdktf-here")


def _cdktn_site() -> Path:
    site = site_packages(CDKTN_VENV)
    if site is None or not (site / CDKTN_PACKAGES["aws"]).is_dir():
        reason = f"no CDK Terrain provider bindings in {CDKTN_VENV}: run `make setup-cdktn`"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return site


@functools.cache
def _read(package_dir: Path, provider: str, resource_type: str) -> dict[str, Argument] | None:
    return read_schema(package_dir, provider, resource_type)


def _schema(
    site: Path, packages: dict[str, str], provider: str, resource_type: str
) -> dict[str, Argument]:
    schema = _read(site / packages[provider], provider, resource_type)
    assert schema is not None, f"{packages[provider]} has no binding for {resource_type}"
    return schema


def _set_paths(arguments: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted paths of every argument in a synthesized resource, nested blocks included."""
    paths: list[str] = []
    for key, value in arguments.items():
        if key.startswith("//") or (not prefix and key in META_ARGUMENTS):
            continue
        paths.append(f"{prefix}{key}")
        blocks = value if isinstance(value, list) else [value]
        for block in blocks:
            if isinstance(block, dict):
                paths += _set_paths(block, f"{prefix}{key}.")
    return paths


@pytest.mark.parametrize(("provider", "resource_type", "path"), SET_ARGUMENT_CASES)
def test_every_argument_the_stack_sets_exists_in_the_cdktn_binding(
    provider: str, resource_type: str, path: str
) -> None:
    schema = _schema(_cdktn_site(), CDKTN_PACKAGES, provider, resource_type)
    assert path in schema, f"{resource_type} has no {path} in {CDKTN_PACKAGES[provider]}"


@pytest.mark.parametrize(("provider", "resource_type", "path"), SET_ARGUMENT_CASES)
def test_every_argument_listed_exists_in_the_cdktf_binding_it_was_read_from(
    provider: str, resource_type: str, path: str
) -> None:
    schema = _schema(CDKTF_SITE, CDKTF_PACKAGES, provider, resource_type)
    assert path in schema


def test_the_example_stack_sets_nothing_the_cdktn_binding_lacks() -> None:
    site = _cdktn_site()
    synthesized = json.loads(Testing.synth(main.build(Testing.app(), {})))
    declared = [
        (resource_type.split("_", 1)[0], resource_type, block)
        for resource_type, by_name in synthesized["resource"].items()
        for block in by_name.values()
    ]
    declared += [
        (provider, "provider", block)
        for provider, blocks in synthesized["provider"].items()
        for block in blocks
    ]
    missing = [
        f"{resource_type}.{path}"
        for provider, resource_type, block in declared
        for path in _set_paths(block)
        if path not in _schema(site, CDKTN_PACKAGES, provider, resource_type)
    ]
    assert len(declared) >= 5
    assert missing == []


def test_every_resource_type_compared_has_a_binding_in_both() -> None:
    site = _cdktn_site()
    for provider, resource_types in RESOURCE_TYPES.items():
        for resource_type in resource_types:
            assert _schema(CDKTF_SITE, CDKTF_PACKAGES, provider, resource_type)
            assert _schema(site, CDKTN_PACKAGES, provider, resource_type)


def test_an_argument_the_newer_binding_lacks_is_reported_removed() -> None:
    old = {"name": Argument("name", "string", required=True)}
    changes = compare("aws_x", old, {})
    assert [(c.path, c.change) for c in changes] == [("name", "removed")]


def test_an_argument_that_becomes_required_is_reported() -> None:
    old = {"zone": Argument("zone", "string", required=False)}
    new = {"zone": Argument("zone", "string", required=True)}
    assert [c.change for c in compare("aws_x", old, new)] == ["required"]


def test_a_changed_type_is_reported_with_both_types() -> None:
    old = {"rotation": Argument("rotation", "list(block)", required=False)}
    new = {"rotation": Argument("rotation", "block", required=False)}
    (change,) = compare("aws_x", old, new)
    assert (change.change, change.old, change.new) == (
        "type",
        "list(block), optional",
        "block, optional",
    )


def test_the_nested_block_arguments_of_a_binding_are_read_under_their_block() -> None:
    schema = _schema(
        CDKTF_SITE, CDKTF_PACKAGES, "cloudflare", "cloudflare_zero_trust_access_identity_provider"
    )
    assert schema["config"].type == "block"
    assert schema["config"].required is True
    assert schema["config.client_secret"] == Argument(
        "config.client_secret", "string", required=False
    )
