"""The suite's one AWS emulator (``tests/conftest.py``'s ``moto_endpoint``).

It runs on loopback, serves Cognito's discovery document rather than moto's, and
``tests.emulator.reset`` empties it, which is what keeps one test module's resources from
reaching another's.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import TYPE_CHECKING, Final

import boto3
import pytest

from tests import emulator

if TYPE_CHECKING:
    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

REGION: Final = "sa-east-1"


@pytest.fixture
def cognito(moto_endpoint: str) -> CognitoIdentityProviderClient:
    return boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106 - the emulator's dummy credentials
        region_name=REGION,
    ).client("cognito-idp", endpoint_url=moto_endpoint)


def test_the_emulator_listens_on_loopback_only(moto_endpoint: str) -> None:
    assert urllib.parse.urlsplit(moto_endpoint).hostname == "127.0.0.1"


def test_reset_empties_the_emulator(
    moto_endpoint: str, cognito: CognitoIdentityProviderClient
) -> None:
    cognito.create_user_pool(PoolName="left-behind")
    assert len(cognito.list_user_pools(MaxResults=10)["UserPools"]) >= 1
    emulator.reset(moto_endpoint)
    assert cognito.list_user_pools(MaxResults=10)["UserPools"] == []


def test_the_discovery_document_is_cognitos(
    moto_endpoint: str, cognito: CognitoIdentityProviderClient
) -> None:
    pool_id = cognito.create_user_pool(PoolName="discovered")["UserPool"]["Id"]
    cognito.create_user_pool_domain(Domain="discovered-login", UserPoolId=pool_id)
    url = f"{moto_endpoint}/{pool_id}/.well-known/openid-configuration"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the emulator
        document = json.load(response)
    issuer = f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    assert document["issuer"] == issuer
    assert document["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert document["authorization_endpoint"] == (
        f"https://discovered-login.auth.{REGION}.amazoncognito.com/oauth2/authorize"
    )
