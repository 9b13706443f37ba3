"""The construct: a Cloudflare Access application open only to the Cognito login and its groups."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cognito_access._facts import ADMIN_SCOPE, GROUPS_CLAIM, POLICY_ALLOW
from cognito_access._framework import check_same_framework, framework_of
from cognito_access._identity_provider import CognitoAccessIdentityProvider
from cognito_access._validate import (
    check_bool,
    check_construct_id,
    check_not_empty,
    check_sequence,
    check_string,
    is_token,
    received,
)
from cognito_access._validate_access import (
    check_allow_list,
    check_app_domain,
    check_email,
    check_email_domain,
    check_group_name,
    check_groups_claim,
    check_session_duration,
    check_something_allowed,
)
from constructs import Construct

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cognito_access._framework import (
        CognitoUserGroup,
        Framework,
        ZeroTrustAccessApplication,
        ZeroTrustAccessPolicy,
        ZeroTrustAccessPolicyInclude,
    )

DEFAULT_SESSION_DURATION = "24h"
EMAIL_RULES_WARNING = " ".join(
    (
        "cognito-access: allowed_emails and allowed_email_domains trust the email claim.",
        "The user pool must require verification before an email change",
        "(user_attribute_update_settings.attributes_require_verification_before_update =",
        '["email"]), or a user who can update their own attributes (a token with the',
        ADMIN_SCOPE,
        "scope from any client of the pool) can set another person's address and pass",
        "the rule.",
    )
)


class AccessApplication(Construct):
    """A self-hosted Cloudflare Access application that only the Cognito login can open.

    Declares a ``cloudflare_zero_trust_access_application`` for one domain, in the
    identity provider's account, offering that identity provider as its only login
    method, and a reusable ``cloudflare_zero_trust_access_policy`` (decision ``allow``)
    attached to it. The policy includes the given Cognito groups (an ``oidc`` rule on
    the ``cognito:groups`` claim each), email addresses and email domains, and
    requires the login method, so that no other login method (such as a one-time PIN
    sent to an allowed address) can satisfy it. The identity provider's id and the
    groups' names flow by reference.

    The construct declares no providers and no outputs: the stack that uses it owns
    those. Child construct ids (``Application``, ``Policy``) are part of the Terraform
    addresses and stay fixed.
    """

    def __init__(  # noqa: PLR0913 - keyword-only configuration, each documented
        self,
        scope: Construct,
        id_: str,
        *,
        idp: CognitoAccessIdentityProvider,
        domain: str,
        allowed_groups: Sequence[str | CognitoUserGroup] = (),
        allowed_emails: Sequence[str] = (),
        allowed_email_domains: Sequence[str] = (),
        name: str | None = None,
        session_duration: str = DEFAULT_SESSION_DURATION,
        auto_redirect: bool = True,
        app_launcher_visible: bool = True,
    ) -> None:
        """Declare the application and its policy.

        Args:
            scope: The stack or construct to declare the resources in.
            id_: This construct's id; it is part of every child's Terraform address.
            idp: The Cognito login method to protect the application with. The
                application is declared in its Cloudflare account, with its Cloudflare
                provider.
            domain: What Access protects: a hostname with an optional path, without a
                scheme, such as ``"app.example.com"`` or ``"app.example.com/admin"``.
            allowed_groups: Cognito groups whose members may enter: names of groups
                that exist, or ``CognitoUserGroup`` resources on the pool (their name
                flows by reference). Default: none.
            allowed_emails: Email addresses that may enter once signed in through
                Cognito. Default: none.
            allowed_email_domains: Email domains (``"example.com"``) whose addresses may
                enter once signed in through Cognito. Default: none. At least one of the
                three lists must be given. Email rules trust the ``email`` claim: the
                pool must require verification before an email change
                (``user_attribute_update_settings``), or users who can update their own
                attributes can claim another address; the construct adds a synth warning
                saying so.
            name: The application's name in Zero Trust; the policy is named after it.
                Default: the domain.
            session_duration: How long a sign-in to the application lasts, in
                Cloudflare's format (``"24h"``, ``"2h45m"``). Default: 24 hours.
            auto_redirect: Whether users go straight to the Cognito login instead of
                choosing a login method. Default: on.
            app_launcher_visible: Whether the application shows in the Zero Trust App
                Launcher. Default: on.

        Raises:
            TypeError: An input is of the wrong type; the message names it, what was
                received and what is allowed. Nothing is declared.
            ValueError: An input has a wrong value; likewise.
        """
        fw = framework_of(scope)
        check_same_framework("idp", idp, fw)
        check_same_framework("allowed_groups", allowed_groups, fw)
        _check(
            fw,
            idp=idp,
            domain=domain,
            allowed_groups=allowed_groups,
            allowed_emails=allowed_emails,
            allowed_email_domains=allowed_email_domains,
            name=name,
            session_duration=session_duration,
            auto_redirect=auto_redirect,
            app_launcher_visible=app_launcher_visible,
        )
        super().__init__(scope, check_construct_id(scope, id_))
        app_name = domain if name is None else name
        self._policy = _declare_policy(
            fw,
            self,
            idp,
            name=f"{app_name}: allowed Cognito users",
            include=_include_rules(fw, idp, allowed_groups, allowed_emails, allowed_email_domains),
        )
        self._application = fw.ZeroTrustAccessApplication(
            self,
            "Application",
            account_id=idp.cloudflare_account_id,
            name=app_name,
            type="self_hosted",
            domain=domain,
            destinations=[fw.ZeroTrustAccessApplicationDestinations(type="public", uri=domain)],
            allowed_idps=[idp.identity_provider_id],
            auto_redirect_to_identity=auto_redirect,
            app_launcher_visible=app_launcher_visible,
            session_duration=session_duration,
            policies=[fw.ZeroTrustAccessApplicationPolicies(id=self._policy.id, precedence=1)],
            provider=idp.identity_provider.provider,
        )
        if allowed_emails or allowed_email_domains:
            fw.Annotations.of(self).add_warning(EMAIL_RULES_WARNING)

    @property
    def application(self) -> ZeroTrustAccessApplication:
        """The application (``cloudflare_zero_trust_access_application``)."""
        return self._application

    @property
    def policy(self) -> ZeroTrustAccessPolicy:
        """The reusable allow policy attached to it (``cloudflare_zero_trust_access_policy``)."""
        return self._policy

    @property
    def application_id(self) -> str:
        """Id of the application (a token until apply)."""
        return self._application.id

    @property
    def aud(self) -> str:
        """The application's audience tag, the ``aud`` of the JWTs Access sends the origin."""
        return self._application.aud


def _include_rules(
    fw: Framework,
    idp: CognitoAccessIdentityProvider,
    groups: Sequence[str | CognitoUserGroup],
    emails: Sequence[str],
    email_domains: Sequence[str],
) -> list[ZeroTrustAccessPolicyInclude]:
    """One rule per group (an ``oidc`` rule on the groups claim), email and email domain."""
    names = [group if isinstance(group, str) else group.name for group in groups]
    return [
        *(
            fw.ZeroTrustAccessPolicyInclude(
                oidc=fw.ZeroTrustAccessPolicyIncludeOidc(
                    claim_name=GROUPS_CLAIM,
                    claim_value=name,
                    identity_provider_id=idp.identity_provider_id,
                )
            )
            for name in names
        ),
        *(
            fw.ZeroTrustAccessPolicyInclude(email=fw.ZeroTrustAccessPolicyIncludeEmail(email=email))
            for email in emails
        ),
        *(
            fw.ZeroTrustAccessPolicyInclude(
                email_domain=fw.ZeroTrustAccessPolicyIncludeEmailDomain(domain=email_domain)
            )
            for email_domain in email_domains
        ),
    ]


def _declare_policy(
    fw: Framework,
    scope: AccessApplication,
    idp: CognitoAccessIdentityProvider,
    *,
    name: str,
    include: list[ZeroTrustAccessPolicyInclude],
) -> ZeroTrustAccessPolicy:
    """The reusable ``allow`` policy: the ``include`` rules, and the login method required."""
    return fw.ZeroTrustAccessPolicy(
        scope,
        "Policy",
        account_id=idp.cloudflare_account_id,
        name=name,
        decision=POLICY_ALLOW,
        include=include,
        require=[
            fw.ZeroTrustAccessPolicyRequire(
                login_method=fw.ZeroTrustAccessPolicyRequireLoginMethod(id=idp.identity_provider_id)
            )
        ],
        provider=idp.identity_provider.provider,
    )


def _check(  # noqa: PLR0913 - the constructor's arguments, checked in one place
    fw: Framework,
    *,
    idp: object,
    domain: object,
    allowed_groups: object,
    allowed_emails: object,
    allowed_email_domains: object,
    name: object,
    session_duration: object,
    auto_redirect: object,
    app_launcher_visible: object,
) -> None:
    """Raise for the first input of the wrong type or value, before anything is declared."""
    if not isinstance(idp, CognitoAccessIdentityProvider):
        msg = f"idp must be a CognitoAccessIdentityProvider; got {received(idp)}"
        raise TypeError(msg)
    check_app_domain(check_string("domain", domain))
    groups = check_sequence(
        "allowed_groups",
        allowed_groups,
        (str, fw.CognitoUserGroup),
        "group names (str) or CognitoUserGroup resources",
    )
    check_allow_list("allowed_groups", [_identity(group) for group in groups])
    emails = check_allow_list("allowed_emails", allowed_emails)
    email_domains = check_allow_list("allowed_email_domains", allowed_email_domains)
    check_something_allowed(groups, emails, email_domains)
    for group in groups:
        group_name = _literal_name(group)
        if group_name is not None:
            check_group_name(group_name)
    for email in emails:
        check_email(email)
    for email_domain in email_domains:
        check_email_domain(email_domain)
    if groups:
        check_groups_claim(idp.claims)
    if name is not None:
        check_not_empty("name", check_string("name", name))
    check_session_duration(check_string("session_duration", session_duration))
    check_bool("auto_redirect", auto_redirect)
    check_bool("app_launcher_visible", app_launcher_visible)


def _literal_name(group: str | CognitoUserGroup) -> str | None:
    """A group's name as given, or None for a declared group whose name is a token."""
    if isinstance(group, str):
        return group
    name = group.name_input
    return name if name is not None and not is_token(name) else None


def _identity(group: str | CognitoUserGroup) -> str:
    """What tells groups apart: the name, or the construct path of a group named by a token.

    Each read of a declared group's ``name`` is a new token, so tokens cannot be compared.
    """
    if isinstance(group, str):
        return group
    name = _literal_name(group)
    return name if name is not None else group.node.path
