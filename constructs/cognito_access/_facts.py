"""Every Amazon Cognito and Cloudflare fact the package uses, each written once, with its source.

Standard library only: the constructs, the plan summary (``review/``), the deployed-setup
checks (``verify/``) and the example app all import this module, and the command-line
tools start without cdktf. A pattern over a fact is built from the fact here (with
``re.escape``), never written out again elsewhere.

Sources, cited in brackets below:
  [cf-oidc] Cloudflare Zero Trust, generic OIDC identity provider:
      https://developers.cloudflare.com/cloudflare-one/identity/idp-integration/generic-oidc/
      the callback is ``https://<team>.cloudflareaccess.com/cdn-cgi/access/callback``;
      Access matches OIDC claim rules only on the claims the login method lists.
  [cf-cognito] Cloudflare Zero Trust, Amazon Cognito:
      https://developers.cloudflare.com/cloudflare-one/identity/idp-integration/amazon-cognito/
      scopes openid, email and profile; claims sub, cognito:username, name, cognito:groups.
  [cf-api] Cloudflare API v4: https://developers.cloudflare.com/api/ (base URL, the
      identity provider's path, permission group names).
  [oidc-endpoints] Cognito developer guide, user pool endpoints (the hosted UI's
      ``/oauth2/authorize``, ``/oauth2/token``, ``/login``, ``/error``; the issuer's
      ``/.well-known/openid-configuration`` and ``/.well-known/jwks.json``).
  [client-api] Cognito API reference, CreateUserPoolClient: ExplicitAuthFlows,
      AllowedOAuthFlows, AllowedOAuthScopes, token validity bounds and defaults.
  [tokens] Cognito developer guide, the ID token: ``cognito:groups``, ``cognito:username``.
  [attributes] Cognito developer guide, user pool attributes (the standard attributes).
  [domain-api] Cognito API reference, CreateUserPoolDomain: ``ManagedLoginVersion`` 1 is
      the classic hosted UI, 2 is managed login; prefix domains are 1-63 of a-z, 0-9 and
      inner hyphens and must not contain aws, amazon or cognito.
  [custom-domain] Cognito developer guide, using your own domain: the certificate is an
      ACM certificate in us-east-1.
  [branding-api] Cognito API reference, CreateManagedLoginBranding and AssetType
      (botocore's bundled cognito-idp service model).
  [endpoints] botocore's bundled endpoints.json (botocore 1.44.x): partitions, their
      regionRegex and dnsSuffix, and which of them list the service "cognito-idp".
  [issuer] Cognito API reference, IssuerConfigurationType: ORIGINAL is
      ``https://cognito-idp.[region].amazonaws.com/[userPoolId]``, UPDATED is
      ``https://issuer-cognito-idp.[region].amazonaws.com/[userPoolId]``.
  [hosted-ui] Cognito developer guide, user pool domains:
      ``<prefix>.auth.<region>.amazoncognito.com``.
  [govcloud] AWS GovCloud (US) user guide, Amazon Cognito: FIPS endpoints only (API
      ``cognito-idp-fips.<region>.amazonaws.com``, hosted UI
      ``<domain>.auth-fips.<region>.amazoncognito.com``), no custom domains, no issuer host
      named.
  [china] Amazon Cognito in the China regions offers identity pools only, no user pools.
  [pool-api] Cognito API reference, CreateUserPool: ``DeletionProtection`` is ``ACTIVE``
      or ``INACTIVE``.
  [cf-policy] Cloudflare API v4, Access policies: ``decision`` is ``allow``, ``deny``,
      ``bypass`` or ``non_identity``.
  [providers] The Terraform providers' resource type names (hashicorp/aws 5.x/6.x,
      cloudflare/cloudflare 5.x, and the 4.x names the plan summary still recognizes).
  [cf-revoke] Cloudflare API v4, Zero Trust organizations, "Revoke all Access tokens for
      a user": ``POST /accounts/{account_id}/access/organizations/revoke_user`` with
      ``{"email": ...}``; permission "Access: Organizations, Identity Providers, and
      Groups Write".
  [cf-users] Cloudflare API v4, Zero Trust users: ``GET /accounts/{account_id}/access/users``
      (paged: ``page``, ``per_page``, ``result_info.total_pages``) and
      ``GET .../access/users/{user_id}/last_seen_identity`` (``idp.id``: the login method
      the user last signed in with).
  [cloudtrail-events] Amazon EventBridge, events from AWS services via CloudTrail:
      ``detail-type`` "AWS API Call via CloudTrail", ``source`` "aws.<service>"; scheduled
      rules send ``detail-type`` "Scheduled Event". Cognito's CloudTrail entries redact
      some user names as "HIDDEN_DUE_TO_SECURITY_REASONS".
  [schedule] Amazon EventBridge, schedule expressions: ``rate(value unit)`` (unit minute(s),
      hour(s), day(s); singular for 1) and ``cron(minutes hours day-of-month month
      day-of-week year)``, one of day-of-month and day-of-week a ``?``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Final, Literal, NamedTuple

# --- Host names ---------------------------------------------------------------------------

# A DNS label in lower case: 1-63 letters, digits and inner hyphens. What Cloudflare allows
# as a Zero Trust team name, and what Cognito allows as a prefix domain [domain-api].
DNS_LABEL: Final = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
# A host name in lower case: two or more labels, at most 253 characters, the last not all
# digits (so not an IPv4 address). Case-insensitive places match it on ``value.lower()``.
HOST_NAME: Final = rf"(?=.{{1,253}}$)(?:{DNS_LABEL}\.)+(?![0-9]+$){DNS_LABEL}"

# --- Cloudflare Zero Trust ----------------------------------------------------------------

CLOUDFLARE_ACCESS_DOMAIN: Final = "cloudflareaccess.com"  # [cf-oidc]
CALLBACK_PATH: Final = "/cdn-cgi/access/callback"  # [cf-oidc]
# Cloudflare's OIDC callback of any team: the only redirect the app client needs.
CALLBACK_URL_PATTERN: Final = re.compile(
    rf"https://(?P<team>{DNS_LABEL})" + re.escape(f".{CLOUDFLARE_ACCESS_DOMAIN}{CALLBACK_PATH}")
)
IDENTITY_PROVIDER_TYPE: Final = "oidc"  # [cf-oidc] the login method's type
CLOUDFLARE_API_BASE_URL: Final = "https://api.cloudflare.com/client/v4"  # [cf-api]
IDENTITY_PROVIDER_API_PATH: Final = "/accounts/{account_id}/access/identity_providers/{id}"
# The permission group cognito-access-verify's token needs, as Cloudflare names it [cf-api].
IDENTITY_PROVIDER_READ_PERMISSION: Final = (
    "Access: Organizations, Identity Providers, and Groups: Read"
)
# Cloudflare account and zone ids: 32 lowercase hexadecimal characters.
CLOUDFLARE_ID: Final = r"[0-9a-f]{32}"
DEFAULT_EMAIL_CLAIM: Final = "email"  # [cf-oidc] the claim Cloudflare reads the email from
# An Access policy's decisions [cf-policy].
POLICY_ALLOW: Final = "allow"
POLICY_DENY: Final = "deny"
POLICY_BYPASS: Final = "bypass"
POLICY_NON_IDENTITY: Final = "non_identity"

# --- Cognito: endpoints --------------------------------------------------------------------

AUTHORIZE_PATH: Final = "/oauth2/authorize"  # [oidc-endpoints]
TOKEN_PATH: Final = "/oauth2/token"  # noqa: S105 - a path [oidc-endpoints]
LOGIN_PATH: Final = "/login"  # [oidc-endpoints] where authorize sends a user to sign in
ERROR_PATH: Final = "/error"  # [oidc-endpoints] where the hosted UI shows an error
JWKS_PATH: Final = "/.well-known/jwks.json"  # [oidc-endpoints]
DISCOVERY_PATH: Final = "/.well-known/openid-configuration"  # [oidc-endpoints]
HOSTED_UI_DOMAIN: Final = "amazoncognito.com"  # [hosted-ui]
CERTIFICATE_REGION: Final = "us-east-1"  # [custom-domain]

Issuer = Literal["original", "updated"]
ISSUERS: Final[tuple[Issuer, ...]] = ("original", "updated")  # [issuer]


@dataclass(frozen=True)
class Partition:
    """What is established about Cognito user pools in one AWS partition.

    A field that is ``None`` is a host nobody has documented for the partition: the
    construct refuses such a pool rather than guess its URLs.
    """

    name: str
    # Regions of the partition, as botocore's endpoints.json ``regionRegex`` (RE2-safe).
    region_pattern: str
    dns_suffix: str
    # Why user pools there are refused, or None when they are supported.
    unsupported: str | None = None
    # The hosted UI (prefix domain) label: <prefix>.<label>.<region>.amazoncognito.com.
    hosted_ui_label: str | None = None
    # The Cognito user pools API host label: <label>.<region>.<dns suffix>.
    api_label: str | None = None
    # The issuer host label of each issuer type: <label>.<region>.<dns suffix>.
    issuer_labels: tuple[tuple[Issuer, str], ...] = ()
    custom_domains: bool = False

    @property
    def established(self) -> bool:
        """Whether every host the construct builds (hosted UI and issuer) is documented."""
        return (
            self.unsupported is None
            and self.hosted_ui_label is not None
            and {issuer for issuer, _ in self.issuer_labels} == set(ISSUERS)
        )


PARTITIONS: Final[tuple[Partition, ...]] = (
    Partition(
        name="aws",
        region_pattern=r"^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-[0-9]+$",  # [endpoints]
        dns_suffix="amazonaws.com",  # [endpoints]
        hosted_ui_label="auth",  # [hosted-ui]
        api_label="cognito-idp",  # [endpoints]
        issuer_labels=(("original", "cognito-idp"), ("updated", "issuer-cognito-idp")),  # [issuer]
        custom_domains=True,
    ),
    Partition(
        name="aws-us-gov",
        region_pattern=r"^us-gov-[a-z]+-[0-9]+$",  # [endpoints]
        dns_suffix="amazonaws.com",  # [endpoints]
        hosted_ui_label="auth-fips",  # [govcloud]
        api_label="cognito-idp-fips",  # [govcloud]
        custom_domains=False,  # [govcloud]
    ),
    Partition(
        name="aws-eusc",
        region_pattern=r"^eusc-(de)-[a-z]+-[0-9]+$",  # [endpoints]
        dns_suffix="amazonaws.eu",  # [endpoints]
        api_label="cognito-idp",  # [endpoints]
    ),
    Partition(
        name="aws-cn",
        region_pattern=r"^cn-[a-z]+-[0-9]+$",  # [endpoints]
        dns_suffix="amazonaws.com.cn",  # [endpoints]
        unsupported="the China regions offer no Cognito user pools",  # [china]
    ),
)
# The ISO partitions list no cognito-idp in [endpoints]; they are "no partition known".

# <region>_<id>, for example eu-west-1_AbC123, us-gov-west-1_AbC123 or eusc-de-east-1_AbC123.
USER_POOL_ID: Final = r"(?P<region>[a-z]{2,}(?:-[a-z]+)+-[0-9]+)_[0-9A-Za-z]+"


def _alternatives(labels: set[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(labels, key=len, reverse=True))) + ")"


# Any partition's prefix-domain hosted UI host, such as acme.auth.eu-west-1.amazoncognito.com.
HOSTED_UI_HOST_PATTERN: Final = re.compile(
    rf"(?P<prefix>{DNS_LABEL})\."
    + _alternatives({p.hosted_ui_label for p in PARTITIONS if p.hosted_ui_label})
    + r"\.(?P<region>[a-z0-9-]+)\."
    + re.escape(HOSTED_UI_DOMAIN)
)
# Any partition's Cognito user pools API (and original issuer) host.
COGNITO_API_HOST_PATTERN: Final = re.compile(
    _alternatives({p.api_label for p in PARTITIONS if p.api_label})
    + r"\.(?P<region>[a-z0-9-]+)\."
    + _alternatives({p.dns_suffix for p in PARTITIONS})
)

# --- Cognito: the login page -----------------------------------------------------------------

CLASSIC_LOGIN_VERSION: Final = 1  # [domain-api] the classic hosted UI
MANAGED_LOGIN_VERSION: Final = 2  # [domain-api] managed login
RESERVED_PREFIX_WORDS: Final = ("aws", "amazon", "cognito")  # [domain-api]
ASSET_CATEGORIES: Final = (  # [branding-api] AssetCategoryType
    "FAVICON_ICO",
    "FAVICON_SVG",
    "EMAIL_GRAPHIC",
    "SMS_GRAPHIC",
    "AUTH_APP_GRAPHIC",
    "PASSWORD_GRAPHIC",
    "PASSKEY_GRAPHIC",
    "PAGE_HEADER_LOGO",
    "PAGE_HEADER_BACKGROUND",
    "PAGE_FOOTER_LOGO",
    "PAGE_FOOTER_BACKGROUND",
    "PAGE_BACKGROUND",
    "FORM_BACKGROUND",
    "FORM_LOGO",
    "IDP_BUTTON_ICON",
)
ASSET_COLOR_MODES: Final = ("LIGHT", "DARK", "DYNAMIC")  # [branding-api] ColorSchemeModeType
ASSET_EXTENSIONS: Final = ("ICO", "JPEG", "PNG", "SVG", "WEBP")  # [branding-api]
MAX_ASSETS: Final = 40  # [branding-api] AssetListType
# An asset's resource id: 1-40 letters, digits, underscores, hyphens and spaces
# [branding-api] ResourceIdType ^[\w\- ]+$, \w as the API's (ASCII) regular expressions read it.
ASSET_RESOURCE_ID: Final = r"[A-Za-z0-9_\- ]{1,40}"
MAX_ASSET_BYTES: Final = 1_000_000  # [branding-api] AssetBytesType

# --- Cognito: the app client -------------------------------------------------------------------

CODE_FLOW: Final = "code"  # [client-api] the authorization-code grant, the only one allowed
# What each other OAuth flow does, as a reviewer reads it [client-api].
OTHER_OAUTH_FLOWS: Final = {
    "implicit": (
        "tokens are handed to the browser in the URL, where its history, logs and other "
        "pages can read them"
    ),
    "client_credentials": (
        "whoever holds the client id and secret gets tokens without any user signing in"
    ),
}
# The only API flow the app client allows: refreshing tokens [client-api].
REFRESH_TOKEN_FLOW: Final = "ALLOW_REFRESH_TOKEN_AUTH"  # noqa: S105 - a flow name
# The explicit auth flows that sign users in over Cognito's API (current and legacy names).
SIGN_IN_FLOWS: Final = {
    "ALLOW_USER_PASSWORD_AUTH": "password sign-in",
    "USER_PASSWORD_AUTH": "password sign-in",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH": "admin password sign-in",
    "ADMIN_NO_SRP_AUTH": "admin password sign-in",
    "ALLOW_USER_SRP_AUTH": "SRP (password) sign-in",
    "ALLOW_CUSTOM_AUTH": "custom-challenge sign-in",
    "CUSTOM_AUTH_FLOW_ONLY": "custom-challenge sign-in",
    "ALLOW_USER_AUTH": "choice-based sign-in",
}
COGNITO_USERS: Final = "COGNITO"  # [client-api] the pool's own users as an identity provider
OPENID_SCOPE: Final = "openid"
ADMIN_SCOPE: Final = "aws.cognito.signin.user.admin"
STANDARD_SCOPES: Final = (OPENID_SCOPE, "email", "profile", "phone", ADMIN_SCOPE)  # [client-api]
# A resource server's custom scope: <resource server identifier>/<scope name>.
CUSTOM_SCOPE: Final = r"[\x21\x23-\x5b\x5d-\x7e]+/[\x21\x23-\x2e\x30-\x5b\x5d-\x7e]+"
# The user attributes each standard scope releases (OpenID Connect Core 1.0, 5.4, as Cognito
# implements it: the profile scope's attributes are its standard profile ones).
SCOPE_ATTRIBUTES: Final[dict[str, tuple[str, ...]]] = {
    "email": ("email", "email_verified"),
    "phone": ("phone_number", "phone_number_verified"),
    "profile": (
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
    ),
}
# Cognito's standard user attributes [attributes]: those the scopes release and "address".
STANDARD_ATTRIBUTES: Final = frozenset(
    {"address"}.union(*(set(attributes) for attributes in SCOPE_ATTRIBUTES.values()))
)
CUSTOM_ATTRIBUTE: Final = r"custom:[\w.:-]{1,20}"  # a custom attribute: custom:<name>
# Cognito's bounds on token lifetimes, and its defaults when a client sets none [client-api].
TOKEN_VALIDITY_BOUNDS: Final[dict[str, tuple[timedelta, timedelta, str]]] = {
    "access_token_validity": (timedelta(minutes=5), timedelta(days=1), "5 minutes to 1 day"),
    "id_token_validity": (timedelta(minutes=5), timedelta(days=1), "5 minutes to 1 day"),
    "refresh_token_validity": (
        timedelta(minutes=60),
        timedelta(days=3650),
        "60 minutes to 10 years (3650 days)",
    ),
}
# The units a client's token lifetimes are given in (TimeUnitsType), largest first, with
# their length, and the unit Cognito reads a lifetime in when the client names none
# (TokenValidityUnitsType) [client-api].
TOKEN_VALIDITY_UNITS: Final[tuple[tuple[str, timedelta], ...]] = (
    ("days", timedelta(days=1)),
    ("hours", timedelta(hours=1)),
    ("minutes", timedelta(minutes=1)),
    ("seconds", timedelta(seconds=1)),
)
DEFAULT_VALIDITY_UNITS: Final[dict[str, str]] = {
    "access_token": "hours",
    "id_token": "hours",
    "refresh_token": "days",
}
COGNITO_DEFAULT_VALIDITY: Final[dict[str, timedelta]] = {
    "access_token": timedelta(hours=1),
    "id_token": timedelta(hours=1),
    "refresh_token": timedelta(days=30),
}

# A user pool that cannot be deleted [pool-api].
DELETION_PROTECTION_ACTIVE: Final = "ACTIVE"

# --- Claims ---------------------------------------------------------------------------------------

GROUPS_CLAIM: Final = "cognito:groups"  # [tokens]
USERNAME_CLAIM: Final = "cognito:username"  # [tokens]
DEFAULT_SCOPES: Final[tuple[str, ...]] = (OPENID_SCOPE, "email", "profile")  # [cf-cognito]
DEFAULT_CLAIMS: Final[tuple[str, ...]] = ("sub", USERNAME_CLAIM, "name", GROUPS_CLAIM)

# --- Terraform resource types [providers] -----------------------------------------------------

USER_POOL: Final = "aws_cognito_user_pool"
CLIENT: Final = "aws_cognito_user_pool_client"
DOMAIN: Final = "aws_cognito_user_pool_domain"
BRANDING: Final = "aws_cognito_managed_login_branding"
USER_GROUP: Final = "aws_cognito_user_group"
RESOURCE_SERVER: Final = "aws_cognito_resource_server"
COGNITO_IDENTITY_PROVIDER: Final = "aws_cognito_identity_provider"
COGNITO_USER: Final = "aws_cognito_user"
IDENTITY_POOL: Final = "aws_cognito_identity_pool"
IDENTITY_POOL_ROLES: Final = "aws_cognito_identity_pool_roles_attachment"
USER_IN_GROUP: Final = "aws_cognito_user_in_group"
# Cloudflare's (v5) types, and their v4 names where the summary still reads them.
IDENTITY_PROVIDER: Final = "cloudflare_zero_trust_access_identity_provider"
IDENTITY_PROVIDERS: Final = frozenset({IDENTITY_PROVIDER, "cloudflare_access_identity_provider"})
DNS_RECORD: Final = "cloudflare_dns_record"
DNS_RECORDS: Final = frozenset({DNS_RECORD, "cloudflare_record"})
ACCESS_APPLICATION: Final = "cloudflare_zero_trust_access_application"
ACCESS_APPLICATIONS: Final = frozenset({ACCESS_APPLICATION, "cloudflare_access_application"})
ACCESS_POLICY: Final = "cloudflare_zero_trust_access_policy"
ACCESS_POLICIES: Final = frozenset({ACCESS_POLICY, "cloudflare_access_policy"})
ACCESS_GROUP: Final = "cloudflare_zero_trust_access_group"
ACCESS_GROUPS: Final = frozenset({ACCESS_GROUP, "cloudflare_access_group"})
# The offboarding function's (hashicorp/aws) resources and data sources.
LAMBDA_FUNCTION: Final = "aws_lambda_function"
LAMBDA_PERMISSION: Final = "aws_lambda_permission"
IAM_ROLE: Final = "aws_iam_role"
IAM_ROLE_POLICY: Final = "aws_iam_role_policy"
EVENT_RULE: Final = "aws_cloudwatch_event_rule"
EVENT_TARGET: Final = "aws_cloudwatch_event_target"
LOG_GROUP: Final = "aws_cloudwatch_log_group"
CALLER_IDENTITY: Final = "aws_caller_identity"
PARTITION: Final = "aws_partition"
REGION_DATA: Final = "aws_region"

# Attributes that decide who gets in, and that the providers' schemas never mark sensitive
# [providers]: a sensitive mark on them comes from the configuration (`sensitive()`, a
# sensitive variable), which hides them from a reviewer.
_RULES = frozenset({"decision", "include", "require", "exclude"})
UNMARKED_BY_PROVIDER: Final[dict[str, frozenset[str]]] = {
    **dict.fromkeys(ACCESS_POLICIES | ACCESS_GROUPS, _RULES),
    **dict.fromkeys(
        ACCESS_APPLICATIONS,
        frozenset(
            {"domain", "destinations", "self_hosted_domains", "allowed_idps", "policies", "type"}
        ),
    ),
    **dict.fromkeys(
        IDENTITY_PROVIDERS,
        frozenset(
            {
                "type",
                "config.auth_url",
                "config.token_url",
                "config.certs_url",
                "config.pkce_enabled",
                "config.claims",
                "config.scopes",
                "config.email_claim_name",
            }
        ),
    ),
    CLIENT: frozenset(
        {
            "callback_urls",
            "logout_urls",
            "allowed_oauth_flows",
            "allowed_oauth_scopes",
            "supported_identity_providers",
            "explicit_auth_flows",
            "write_attributes",
        }
    ),
    USER_POOL: frozenset({"lambda_config", "admin_create_user_config"}),
    IAM_ROLE: frozenset({"assume_role_policy"}),
}

# --- Offboarding: ending Access sessions of users the pool disabled or deleted ------------------

REVOKE_USER_API_PATH: Final = (
    "/accounts/{account_id}/access/organizations/revoke_user"  # [cf-revoke]
)
ACCESS_USERS_API_PATH: Final = "/accounts/{account_id}/access/users"  # [cf-users]
LAST_SEEN_IDENTITY_API_PATH: Final = (
    "/accounts/{account_id}/access/users/{user_id}/last_seen_identity"  # [cf-users]
)
# The permission group the offboarding function's token needs to revoke [cf-revoke].
REVOKE_PERMISSION: Final = "Access: Organizations, Identity Providers, and Groups Write"
# The user pool API calls that end (or may end) a user's right to sign in [cloudtrail-events].
OFFBOARDING_EVENTS: Final = (
    "AdminDisableUser",
    "AdminDeleteUser",
    "AdminRemoveUserFromGroup",
    "AdminUserGlobalSignOut",
    "GlobalSignOut",
    "DeleteUser",
)
# Those a user calls with their own access token: the request names neither pool nor user.
USER_TOKEN_EVENTS: Final = ("GlobalSignOut", "DeleteUser")
CLOUDTRAIL_DETAIL_TYPE: Final = "AWS API Call via CloudTrail"  # [cloudtrail-events]
SCHEDULED_DETAIL_TYPE: Final = "Scheduled Event"  # [cloudtrail-events]
COGNITO_EVENT_SOURCE: Final = "aws.cognito-idp"  # [cloudtrail-events]
COGNITO_SERVICE_HOST: Final = "cognito-idp.amazonaws.com"  # CloudTrail's eventSource
REDACTED_USERNAME: Final = "HIDDEN_DUE_TO_SECURITY_REASONS"  # [cloudtrail-events]
# The offboarding function's environment.
ENV_CLOUDFLARE_ACCOUNT_ID: Final = "CLOUDFLARE_ACCOUNT_ID"
ENV_USER_POOL_ID: Final = "COGNITO_USER_POOL_ID"
ENV_TOKEN_SECRET_ARN: Final = "CLOUDFLARE_API_TOKEN_SECRET_ARN"  # noqa: S105 - a variable name
ENV_IDENTITY_PROVIDER_ID: Final = "CLOUDFLARE_IDENTITY_PROVIDER_ID"
ENV_CLOUDFLARE_BASE_URL: Final = "CLOUDFLARE_BASE_URL"
OFFBOARDING_HANDLER: Final = "cognito_access.offboarding.handler"
# The start of the names of the function, its role and its rules (the summary knows them by it).
OFFBOARDING_NAME_PREFIX: Final = "cognito-access-offboarding-"
OFFBOARDING_RUNTIME: Final = "python3.12"
# What the function logs as the outcome of a reconciliation (one JSON line each); the
# verify check reads the newest of them.
LOG_RECONCILED: Final = "reconciled"
LOG_RECONCILE_FAILED: Final = "reconcile_failed"
# A Secrets Manager secret's full ARN:
# arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>. Secrets
# Manager adds the 6 characters; GetSecretValue also takes the ARN without them, but an IAM
# policy naming that partial ARN as its resource matches no secret.
SECRET_ARN: Final = (
    r"arn:aws(?:-[a-z]+)*:secretsmanager:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:"  # noqa: S105 - a pattern
    r"[0-9]{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}"
)

# --- The example stack's outputs ---------------------------------------------------------------


class StackOutput(NamedTuple):
    """An output of a stack: its name and what it holds."""

    name: str
    description: str


OUTPUT_IDENTITY_PROVIDER_ID: Final = StackOutput(
    "identity_provider_id", "Zero Trust login method id"
)
OUTPUT_CLIENT_ID: Final = StackOutput("client_id", "Cognito app client id Cloudflare signs in with")
OUTPUT_ISSUER_URL: Final = StackOutput("issuer_url", "OIDC issuer of the user pool")
OUTPUT_HOSTED_UI_URL: Final = StackOutput("hosted_ui_url", "base URL of the Cognito hosted UI")
OUTPUT_CALLBACK_URL: Final = StackOutput(
    "callback_url", "Cloudflare callback allowed on the app client"
)
# What cognito-access-verify reads; a stack to be verified declares each of them.
VERIFY_OUTPUTS: Final = (
    OUTPUT_IDENTITY_PROVIDER_ID,
    OUTPUT_CLIENT_ID,
    OUTPUT_ISSUER_URL,
    OUTPUT_HOSTED_UI_URL,
    OUTPUT_CALLBACK_URL,
)
OUTPUT_CLOUDFRONT_DISTRIBUTION: Final = StackOutput(
    "cloudfront_distribution", "CloudFront distribution the custom domain's CNAME points to"
)
OUTPUT_ACCESS_APPLICATION_ID: Final = StackOutput("access_application_id", "Access application id")
OUTPUT_OFFBOARDING_FUNCTION: Final = StackOutput(
    "offboarding_function_name", "Lambda function that ends offboarded users' Access sessions"
)
OUTPUT_ACCESS_APPLICATION_AUD: Final = StackOutput(
    "access_application_aud", "audience tag the origin checks"
)


def callback_url(team_name: str) -> str:
    """Cloudflare's OIDC callback for the Zero Trust team ``team_name`` [cf-oidc]."""
    return f"https://{team_name}.{CLOUDFLARE_ACCESS_DOMAIN}{CALLBACK_PATH}"
