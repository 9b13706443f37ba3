"""What Cognito's API says about the pool and the app client, through boto3's usual chain.

boto3 is imported only here and only when the checks run: it is the ``verify`` extra
(``pip install 'cognito-access[verify]'``). The app client's secret, which
``describe_user_pool_client`` returns, is dropped the moment the answer arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cognito_access.verify._results import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from botocore.exceptions import ClientError
    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

# The variables boto3 reads for Cognito's endpoint, the service-specific one first.
ENDPOINT_VARIABLES = ("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL")
_NOT_FOUND = "ResourceNotFoundException"
# Errors that say the credentials, not the setup, are wrong.
_CREDENTIAL_ERRORS = frozenset(
    {
        "AccessDeniedException",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "NotAuthorizedException",
    }
)
INSTALL_HINT = "pip install 'cognito-access[verify]'"


def endpoint_url(environ: Mapping[str, str]) -> str | None:
    """The Cognito endpoint the environment sets for boto3, if any."""
    for name in ENDPOINT_VARIABLES:
        if environ.get(name):
            return environ[name]
    return None


@dataclass(frozen=True)
class AppClient:
    """The settings of an app client the checks read; never its secret."""

    has_secret: bool
    allowed_flows: tuple[str, ...]
    oauth_enabled: bool
    scopes: tuple[str, ...]
    callback_urls: tuple[str, ...]


@dataclass(frozen=True)
class Domains:
    """The pool's hosted UI domains: a prefix (``<prefix>.auth.<region>...``), a custom one."""

    prefix: str | None = None
    custom: str | None = None


@dataclass(frozen=True)
class PoolState:
    """The pool's domains, and its app client or why there is none."""

    domains: Domains = Domains()
    client: AppClient | None = None
    problem: str | None = None


def read_pool(user_pool_id: str, client_id: str) -> PoolState:
    """Describe the pool (for its domains) and the app client.

    Raises:
        ConfigurationError: boto3 is missing, no credentials are found, the credentials
            are refused, or Cognito cannot be reached.
    """
    cognito = _client(user_pool_id)
    from botocore.exceptions import (  # noqa: PLC0415 - present once _client found boto3
        BotoCoreError,
        ClientError,
    )

    try:
        domains = _domains(cognito, user_pool_id)
        try:
            response = cognito.describe_user_pool_client(
                UserPoolId=user_pool_id, ClientId=client_id
            )
        except ClientError as error:
            if _code(error) != _NOT_FOUND:
                raise
            return PoolState(
                domains=domains,
                problem=(
                    f"no app client {client_id} in user pool {user_pool_id} ({_message(error)})"
                ),
            )
    except ClientError as error:
        code = _code(error)
        msg = f"Cognito refused the call ({code}: {_message(error)})"
        if code in _CREDENTIAL_ERRORS:
            msg += (
                "; the AWS credentials need cognito-idp:DescribeUserPool and "
                f"cognito-idp:DescribeUserPoolClient on {user_pool_id}"
            )
        raise ConfigurationError(msg) from None
    except BotoCoreError as error:
        msg = f"cannot call Cognito: {error}"
        raise ConfigurationError(msg) from None
    return PoolState(domains=domains, client=_app_client(response["UserPoolClient"]))


def _app_client(described: Mapping[str, Any]) -> AppClient:
    """The settings the checks read. ``ClientSecret`` is read only as present or not."""
    return AppClient(
        has_secret=bool(described.get("ClientSecret")),
        allowed_flows=tuple(described.get("AllowedOAuthFlows") or ()),
        oauth_enabled=bool(described.get("AllowedOAuthFlowsUserPoolClient")),
        scopes=tuple(described.get("AllowedOAuthScopes") or ()),
        callback_urls=tuple(described.get("CallbackURLs") or ()),
    )


def _domains(cognito: CognitoIdentityProviderClient, user_pool_id: str) -> Domains:
    """The pool's prefix domain and custom domain, where it has them."""
    try:
        pool = cognito.describe_user_pool(UserPoolId=user_pool_id)["UserPool"]
    except cognito.exceptions.ResourceNotFoundException:
        return Domains()
    return Domains(prefix=pool.get("Domain") or None, custom=pool.get("CustomDomain") or None)


def _client(user_pool_id: str) -> CognitoIdentityProviderClient:
    try:
        import boto3  # noqa: PLC0415 - the verify extra, imported only when the checks run
    except ImportError:
        msg = f"boto3 is not installed, and the Cognito checks need it: {INSTALL_HINT}"
        raise ConfigurationError(msg) from None
    # The pool's region is the part of its id before "_"; otherwise boto3's own choice.
    region = user_pool_id.split("_", 1)[0] if "_" in user_pool_id else None
    session = boto3.session.Session(region_name=region)
    if session.get_credentials() is None:
        msg = (
            "no AWS credentials found (boto3's chain: AWS_PROFILE, AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, SSO, instance roles); set them and run again"
        )
        raise ConfigurationError(msg)
    if session.region_name is None:
        msg = f"no AWS region: {user_pool_id!r} names none; set AWS_REGION"
        raise ConfigurationError(msg)
    return session.client("cognito-idp")


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def _message(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Message", ""))
