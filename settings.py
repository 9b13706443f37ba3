"""The example app's settings: where each is read from, and the configuration they resolve to.

Each setting comes from the environment, then from the ``context`` of ``cdktf.json``,
then from its example value, which is enough to synthesize but not to deploy. ``SETTINGS``
is the one table of them (the documentation's table is generated from it). Nothing here
imports a CDK framework: ``main.py`` declares the stack from the ``Config`` this returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cognito_access._facts import CERTIFICATE_REGION

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

CDKTF_JSON = Path(__file__).with_name("cdktf.json")


@dataclass(frozen=True)
class Setting:
    """One configuration value: where it is read from and its example."""

    env: str
    context_key: str
    example: str | None
    description: str


SETTINGS = (
    Setting(
        "CLOUDFLARE_ACCOUNT_ID",
        "cloudflareAccountId",
        "0123456789abcdef0123456789abcdef",
        "Cloudflare account that owns the Zero Trust team",
    ),
    Setting("CLOUDFLARE_TEAM_NAME", "cloudflareTeamName", "example-team", "Zero Trust team name"),
    Setting(
        "COGNITO_DOMAIN_PREFIX",
        "cognitoDomainPrefix",
        "example-team-login",
        "hosted UI prefix domain to create",
    ),
    Setting(
        "COGNITO_USER_POOL_ID",
        "cognitoUserPoolId",
        None,
        "existing user pool; unset: the stack creates one",
    ),
    Setting("AWS_REGION", "awsRegion", "eu-west-1", "region of the user pool"),
    Setting("TF_STATE_BUCKET", "tfStateBucket", None, "S3 bucket for the state; unset: local"),
    Setting("TF_STATE_KEY", "tfStateKey", None, "state object key in the bucket"),
    Setting("TF_STATE_REGION", "tfStateRegion", None, "region of the state bucket"),
    Setting("IMPORT_COGNITO_DOMAIN", "importCognitoDomain", None, "existing prefix domain"),
    Setting("IMPORT_COGNITO_CLIENT_ID", "importCognitoClientId", None, "existing app client"),
    Setting("IMPORT_CLOUDFLARE_IDP_ID", "importCloudflareIdpId", None, "existing login method"),
    Setting(
        "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES",
        "cloudflareIgnoreClientSecretChanges",
        None,
        "1: leave an adopted identity provider's client secret alone",
    ),
    Setting(
        "COGNITO_CUSTOM_DOMAIN",
        "cognitoCustomDomain",
        None,
        "custom domain for the login page, instead of the prefix domain",
    ),
    Setting(
        "COGNITO_CERTIFICATE_ARN",
        "cognitoCertificateArn",
        None,
        f"ACM certificate ({CERTIFICATE_REGION}) of the custom domain",
    ),
    Setting(
        "CLOUDFLARE_ZONE_ID",
        "cloudflareZoneId",
        None,
        "Cloudflare zone of the custom domain: the stack declares its CNAME",
    ),
    Setting(
        "COGNITO_MANAGED_LOGIN",
        "cognitoManagedLogin",
        None,
        "1: managed login (version 2) with Cognito's branding",
    ),
    Setting(
        "PROTECTED_APP_DOMAIN",
        "protectedAppDomain",
        None,
        "application to protect with Cloudflare Access; unset: none",
    ),
    Setting(
        "PROTECTED_APP_GROUPS",
        "protectedAppGroups",
        None,
        "comma-separated Cognito groups whose members may open it",
    ),
    Setting(
        "OFFBOARDING_TOKEN_SECRET_ARN",
        "offboardingTokenSecretArn",
        None,
        "Secrets Manager secret with a Cloudflare token: offboarding ends Access sessions",
    ),
)
DEFAULT_STATE_KEY = "cognito-access/terraform.tfstate"
_TRUE, _FALSE = ("1", "true", "yes"), ("", "0", "false", "no")


@dataclass(frozen=True)
class StateBackend:
    """Where remote state lives: an S3 bucket, encrypted, locked with a lock file."""

    bucket: str
    key: str
    region: str


@dataclass(frozen=True)
class Adoption:
    """Ids of resources made in the consoles, for the first deploy to import, not create."""

    domain: str | None = None
    client_id: str | None = None
    identity_provider_id: str | None = None
    ignore_client_secret_changes: bool = False


@dataclass(frozen=True)
class LoginPage:
    """The login page: on a custom domain (with its DNS record), managed login or not."""

    custom_domain: str | None = None
    certificate_arn: str | None = None
    cloudflare_zone_id: str | None = None
    managed_login: bool = False


@dataclass(frozen=True)
class ProtectedApp:
    """An application behind Cloudflare Access, open to members of Cognito groups."""

    domain: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    """The example app's resolved configuration."""

    cloudflare_account_id: str
    team_name: str
    domain_prefix: str | None
    user_pool_id: str | None
    aws_region: str
    examples_used: tuple[str, ...] = ()
    # Settings that were given but are not used, each with the reason.
    unused: tuple[str, ...] = ()
    state: StateBackend | None = None
    adopt: Adoption = Adoption()
    login_page: LoginPage = LoginPage()
    protected_app: ProtectedApp | None = None
    # The Cloudflare API token's secret for AccessOffboarding; None: no offboarding.
    offboarding_token_secret_arn: str | None = None


def load_config(environ: Mapping[str, str], context: Callable[[str], object]) -> Config:
    """Resolve each setting: environment first, then cdktf.json context, then the example.

    Raises:
        ValueError: Settings contradict each other (see the messages); nothing is built.
    """
    values: dict[str, str | None] = {}
    examples_used: list[str] = []
    for setting in SETTINGS:
        from_context = context(setting.context_key)
        value = environ.get(setting.env) or (str(from_context) if from_context else None)
        if value is None and setting.example is not None:
            value = setting.example
            examples_used.append(setting.env)
        values[setting.env] = value

    user_pool_id = values["COGNITO_USER_POOL_ID"]
    region = str(values["AWS_REGION"])
    if user_pool_id and "_" in user_pool_id:
        pool_region = user_pool_id.split("_", 1)[0]
        region = _follow("AWS_REGION", region, "COGNITO_USER_POOL_ID", pool_region, examples_used)
    domain_prefix: str | None = str(values["COGNITO_DOMAIN_PREFIX"])
    unused: tuple[str, ...] = ()
    adopt = _adoption(values, user_pool_id)
    login_page = _login_page(values)
    if login_page.custom_domain is not None:
        unused = _instead_of_prefix(examples_used)
        domain_prefix = None
    elif adopt.domain is not None and domain_prefix is not None:
        domain_prefix = _follow(
            "COGNITO_DOMAIN_PREFIX",
            domain_prefix,
            "IMPORT_COGNITO_DOMAIN",
            adopt.domain,
            examples_used,
        )
    return Config(
        cloudflare_account_id=str(values["CLOUDFLARE_ACCOUNT_ID"]),
        team_name=str(values["CLOUDFLARE_TEAM_NAME"]),
        domain_prefix=domain_prefix,
        user_pool_id=user_pool_id,
        aws_region=region,
        examples_used=tuple(examples_used),
        unused=unused,
        state=_state_backend(values, region),
        adopt=adopt,
        login_page=login_page,
        protected_app=_protected_app(values, context("protectedAppGroups")),
        offboarding_token_secret_arn=values["OFFBOARDING_TOKEN_SECRET_ARN"] or None,
    )


def _follow(setting: str, value: str, source: str, implied: str, examples_used: list[str]) -> str:
    """The value ``source`` implies for ``setting``, unless ``setting`` was set to another."""
    if setting in examples_used:
        examples_used.remove(setting)
        return implied
    if value != implied:
        msg = f"{setting} must match {source} ({implied!r}) or be left unset; got {value!r}"
        raise ValueError(msg)
    return value


def _state_backend(values: Mapping[str, str | None], aws_region: str) -> StateBackend | None:
    """The S3 backend TF_STATE_BUCKET selects, or None for local state."""
    bucket = values["TF_STATE_BUCKET"]
    if not bucket:
        stray = [name for name in ("TF_STATE_KEY", "TF_STATE_REGION") if values[name]]
        if stray:
            msg = f"{stray[0]} needs TF_STATE_BUCKET (unset: local state); got no bucket"
            raise ValueError(msg)
        return None
    return StateBackend(
        bucket=bucket,
        key=values["TF_STATE_KEY"] or DEFAULT_STATE_KEY,
        region=values["TF_STATE_REGION"] or aws_region,
    )


def _flag(values: Mapping[str, str | None], setting: str) -> bool:
    """A yes/no setting: 1/true/yes or 0/false/no (unset: no)."""
    flag = (values[setting] or "").lower()
    if flag not in _TRUE + _FALSE:
        msg = f"{setting} must be 1/true/yes or 0/false/no; got {flag!r}"
        raise ValueError(msg)
    return flag in _TRUE


def _login_page(values: Mapping[str, str | None]) -> LoginPage:
    """The login page the COGNITO_CUSTOM_DOMAIN and related settings ask for."""
    custom_domain = values["COGNITO_CUSTOM_DOMAIN"] or None
    certificate_arn = values["COGNITO_CERTIFICATE_ARN"] or None
    zone_id = values["CLOUDFLARE_ZONE_ID"] or None
    if custom_domain is None:
        stray = [name for name in ("COGNITO_CERTIFICATE_ARN", "CLOUDFLARE_ZONE_ID") if values[name]]
        if stray:
            msg = f"{stray[0]} needs COGNITO_CUSTOM_DOMAIN, the domain it is for; got none"
            raise ValueError(msg)
    elif certificate_arn is None:
        msg = (
            "COGNITO_CUSTOM_DOMAIN needs COGNITO_CERTIFICATE_ARN, the ARN of its ACM "
            f"certificate in {CERTIFICATE_REGION}; got the domain {custom_domain!r} without one"
        )
        raise ValueError(msg)
    return LoginPage(
        custom_domain=custom_domain,
        certificate_arn=certificate_arn,
        cloudflare_zone_id=zone_id,
        managed_login=_flag(values, "COGNITO_MANAGED_LOGIN"),
    )


def _instead_of_prefix(examples_used: list[str]) -> tuple[str, ...]:
    """No prefix domain with a custom domain: the example is dropped, a given one unused.

    A given COGNITO_DOMAIN_PREFIX is not an error (the CI workflows always set it); the
    app says it is not used.
    """
    if "COGNITO_DOMAIN_PREFIX" in examples_used:
        examples_used.remove("COGNITO_DOMAIN_PREFIX")
        return ()
    return (
        (
            "cognito-access: COGNITO_DOMAIN_PREFIX is not used: the login page is on "
            "COGNITO_CUSTOM_DOMAIN, and a stack creates one domain for it."
        ),
    )


def _adoption(values: Mapping[str, str | None], user_pool_id: str | None) -> Adoption:
    """The resources to import on the first deploy, from the IMPORT_* settings."""
    client_id = values["IMPORT_COGNITO_CLIENT_ID"]
    if client_id and not user_pool_id:
        msg = (
            "IMPORT_COGNITO_CLIENT_ID needs COGNITO_USER_POOL_ID, the pool that holds the "
            f"client (its import id is <pool id>/<client id>); got client {client_id!r}"
        )
        raise ValueError(msg)
    ignore = _flag(values, "CLOUDFLARE_IGNORE_CLIENT_SECRET_CHANGES")
    return Adoption(
        domain=values["IMPORT_COGNITO_DOMAIN"] or None,
        client_id=client_id or None,
        identity_provider_id=values["IMPORT_CLOUDFLARE_IDP_ID"] or None,
        ignore_client_secret_changes=ignore,
    )


def _protected_app(
    values: Mapping[str, str | None], groups_in_context: object
) -> ProtectedApp | None:
    """The application PROTECTED_APP_DOMAIN and PROTECTED_APP_GROUPS describe, or None."""
    domain = values["PROTECTED_APP_DOMAIN"]
    listed = values["PROTECTED_APP_GROUPS"] or ""
    if isinstance(groups_in_context, list) and listed == str(groups_in_context):
        listed = ",".join(map(str, groups_in_context))  # cdktf.json may hold a JSON list
    groups = tuple(group.strip() for group in listed.split(",") if group.strip())
    if not domain and not groups:
        return None
    if not domain:
        msg = f"PROTECTED_APP_GROUPS needs PROTECTED_APP_DOMAIN; got groups {list(groups)!r}"
        raise ValueError(msg)
    if not groups:
        msg = (
            "PROTECTED_APP_DOMAIN needs PROTECTED_APP_GROUPS, a comma-separated list of the "
            f"Cognito groups allowed in; got domain {domain!r} and no groups"
        )
        raise ValueError(msg)
    repeated = sorted({group for group in groups if groups.count(group) > 1})
    if repeated:
        msg = (
            f"PROTECTED_APP_GROUPS must not repeat a group; got {listed!r}, "
            f"repeating {repeated[0]!r}"
        )
        raise ValueError(msg)
    return ProtectedApp(domain=domain, groups=groups)


def cdktf_json_context() -> dict[str, object]:
    """The ``context`` of cdktf.json, so ``python main.py`` reads it as ``cdktf synth`` does."""
    context = json.loads(CDKTF_JSON.read_text(encoding="utf-8")).get("context", {})
    return dict(context)


def example_values_notice(examples_used: tuple[str, ...]) -> str:
    """What the app tells the user when it falls back to example values."""
    return (
        f"cognito-access: using example values for {', '.join(examples_used)}; fine for "
        "synth, not for deploy. Set them in the environment or in cdktf.json's context."
    )
