"""Every kind of caution the summary raises, listed once, with what it warns of.

``docs/reference/cautions.md`` carries the same list (``table()`` writes it; a test
compares the two). To add a caution: add its kind to ``Kind`` below, yield
``Caution(Kind.YOUR_KIND, text)`` where the change is found, and paste ``table()`` into
the docs.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Kind(enum.Enum):
    """A kind of caution; its value says, in one line, what the caution warns of."""

    # Replacing or destroying what users sign in with (_cautions).
    CLIENT_LOST = (
        "The app client is replaced or destroyed: a new client id and secret, users signed out."
    )
    LOGIN_DOMAIN_LOST = (
        "The hosted UI domain is replaced or destroyed: the login page is unavailable."
    )
    USER_POOL_LOST = (
        "The user pool is replaced or destroyed: every user, password and group is lost."
    )
    APPLICATION_LOST = (
        "An Access application is replaced or destroyed: its host is unprotected meanwhile."
    )
    LOGIN_METHOD_LOST = "The Cloudflare login method is replaced or destroyed: it gets a new id."
    # The login page moving (_login_page).
    LOGIN_PAGE_MOVES = "The hosted UI domain is replaced under another name: the login page moves."
    NEW_DISTRIBUTION = "A custom domain is replaced under its name: a new CloudFront distribution."
    MANAGED_LOGIN_ON = "Managed login is turned on: every app client needs a branding style."
    MANAGED_LOGIN_OFF = "Managed login is turned off: the classic hosted UI is back."
    LOGIN_PAGE_RECORD_LOST = "The login page's DNS record is replaced or destroyed."
    # Weaker login settings (_weakened).
    ENDPOINT_MOVED = (
        "An identity provider endpoint (auth, token or keys URL) moves to another host."
    )
    ENDPOINTS_DISAGREE = "The sign-in and token endpoints are on different hosts."
    ENDPOINTS_IN_REGIONS = "The login domain and the signing keys are in different regions."
    KEYS_OF_ANOTHER_POOL = "Tokens are checked with the keys of another user pool."
    PKCE_OFF = "PKCE is turned off (set false, or removed: it defaults off)."
    LOGIN_TYPE_CHANGED = "The login method's type changes."
    EMAIL_CLAIM_CHANGED = "The claim Cloudflare takes users' email from changes."
    OAUTH_FLOW = "An OAuth flow other than the authorization code is allowed."
    CALLBACK_ELSEWHERE = "A callback URL other than Cloudflare's is allowed."
    CALLBACK_OTHER_TEAM = "A callback to a Zero Trust team other than the one configured before."
    SIGN_IN_FLOW = "An explicit auth flow that signs users in over Cognito's API is allowed."
    CLIENT_SECRET_OFF = "The app client's secret is turned off (set false, or removed)."  # noqa: S105 - a description
    USER_EXISTENCE_ERRORS = "Failed sign-ins tell whether a user exists."
    SCOPES_WIDENED = "The app client's OAuth scopes are widened."
    TOKEN_LIFETIME = "A token's lifetime is lengthened."  # noqa: S105 - a description
    DELETION_PROTECTION_OFF = "The user pool's deletion protection is turned off."
    MFA_RELAXED = "The user pool's MFA is relaxed."
    SELF_SIGN_UP = "Self sign-up is allowed (admin-only creation set false, or removed)."
    # Who may sign in and what runs at sign-in (_trust).
    FEDERATED_LOGIN = "A federated identity provider is added to the user pool or the app client."
    LAMBDA_TRIGGER = "A Lambda trigger is set on the user pool or the app client."
    WRITE_ATTRIBUTES = "The app client may write more user attributes."
    ROLE_TRUSTS_ANYONE = "An IAM role's trust policy lets any principal (`*`) assume it."
    TRIGGER_CODE_CHANGED = (
        "A user pool trigger's function changes its code, handler, runtime, layers or environment."
    )
    ROLE_TRUST_WIDENED = (
        "An IAM role's trust policy lets a new account, role, user or federated principal "
        "assume it."
    )
    UNAUTHENTICATED_IDENTITIES = (
        "An identity pool allows unauthenticated identities, or gives them a role."
    )
    LOGIN_METHOD_ADDED = (
        "A Cloudflare login method is created: applications with an empty `allowed_idps` offer it."
    )
    USER_ADDED = "A Cognito user is created, or added to a group (a group a policy may allow)."
    # Hosts and endpoints (_hosts).
    PLAIN_HTTP = "An identity provider endpoint uses plain `http://`."
    LOOK_ALIKE_HOST = "A host with non-ASCII letters (shown in punycode beside the original)."
    # Who gets in (_widened).
    NO_SIGN_IN = "An Access policy's decision becomes `bypass` or `non_identity`: no user sign-in."
    DENY_TO_ALLOW = "An Access policy's decision changes from `deny` to `allow`."
    DECISION_UNKNOWN = (
        "An Access policy's decision is known only after apply: it may be `bypass` or `allow`."
    )
    RULES_UNKNOWN = (
        "An Access policy's or group's rules, or an application's `allowed_idps` or "
        "`policies`, are known only after apply."
    )
    POLICY_ORDER_CHANGED = (
        "The order (precedence) of an application's policies changes: another policy decides first."
    )
    EVERYONE_INCLUDED = "A rule that every user matches (`everyone`, every IP address) is included."
    RULE_INCLUDED = "A rule is included in an Access policy or group: more users get in."
    GATE_REMOVED = (
        "A check beyond the rules is turned off: a policy's approval, purpose, isolation or "
        "MFA, or an application's sign-in for `OPTIONS` requests."
    )
    LOGIN_METHOD_NOT_REQUIRED = "The `login_method` requirement is removed or changed."
    RULE_NOT_REQUIRED = "A `require` rule is removed: users it kept out can get in."
    EXCLUSION_REMOVED = "An `exclude` rule is removed."
    ALLOWED_IDPS_EMPTIED = (
        "An application's `allowed_idps` is emptied: every login method is offered."
    )
    LOGIN_METHOD_OFFERED = (
        "A login method is added to an application's `allowed_idps` (id known or not)."
    )
    POLICY_ATTACHED = "A policy is attached to an application."
    # What stops keeping users out (_unprotected).
    DENY_LOOSENED = "A `deny` policy keeps out fewer users (rules removed, narrowed, or destroyed)."
    DENY_DETACHED = "A policy that may deny is detached from an application."
    RECORD_UNPROXIED = (
        "A DNS record is no longer proxied by Cloudflare: its host is reached without Access."
    )
    HOST_UNPROTECTED = "An application's domain or destination is removed or moved."
    # Offboarding stopped, paused or changed (_offboarding).
    OFFBOARDING_STOPS = (
        "Offboarding stops: its function, a rule, a target or the invoke permission is "
        "destroyed (a target or the permission also replaced or changed), or a rule disabled."
    )
    OFFBOARDING_PAUSES = "Offboarding pauses: its function or a rule is replaced."
    OFFBOARDING_CHANGED = (
        "Offboarding's function (code, settings, where it sends its calls), a rule's pattern "
        "or schedule, its role, its permissions or its log group changes."
    )
    # Values (_masking).
    HIDDEN_BY_CONFIGURATION = (
        "A value that decides who gets in, never sensitive in the provider, is marked "
        "sensitive by the configuration."
    )
    SECRET_COPIED = "A sensitive value is copied into an attribute the provider does not mark."  # noqa: S105 - a description

    @property
    def key(self) -> str:
        """The kind's name in the docs: ``PKCE_OFF`` is ``pkce-off``."""
        return self.name.lower().replace("_", "-")


class Caution(NamedTuple):
    """One caution: its kind, and its Markdown text (one paragraph)."""

    kind: Kind
    text: str


def said(kind: Kind, title: str, sentence: str, address: str, *, on: str = "on") -> Caution:
    """A caution written as ``**<title> on <address>:** <sentence>``."""
    return Caution(kind, f"**{title} {on} {address}:** {sentence}")


def table() -> str:
    """The list of kinds as the docs' Markdown table."""
    rows = [f"| `{kind.key}` | {kind.value} |" for kind in Kind]
    return "\n".join(["| Kind | What it warns of |", "| --- | --- |", *rows]) + "\n"
