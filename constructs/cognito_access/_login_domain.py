"""``LoginDomain``: where the login page lives, one choice of three kinds.

Made with ``LoginDomain.prefix``, ``LoginDomain.custom`` or ``LoginDomain.shared``, each
checking its own inputs when it is made. The rules that need the user pool (a custom
domain's partition, a shared domain's pool) are checked by the construct
(:func:`check_domain_for_pool`). Facts and their sources are in ``_facts``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cognito_access._endpoints import partition_of
from cognito_access._facts import (
    CERTIFICATE_REGION,
    DNS_LABEL,
    HOST_NAME,
    HOSTED_UI_DOMAIN,
    RESERVED_PREFIX_WORDS,
)
from cognito_access._framework import get, name_of
from cognito_access._validate import (
    check_cloudflare_id,
    check_string,
    is_token,
    received,
    region_in,
)

if TYPE_CHECKING:
    from cognito_access._framework import CognitoUserPoolDomain

_PREFIX = re.compile(DNS_LABEL)
_HOST = re.compile(HOST_NAME)
# arn:<partition>:acm:<region>:<account>:certificate/<id>
_CERTIFICATE_ARN = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):acm:(?P<region>[a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]+"
)
# A custom domain is below a domain of the user's own: at least three labels.
_MIN_CUSTOM_LABELS = 3


class LoginDomain(ABC):
    """Where the login page (Cognito's hosted UI or managed login) lives.

    Made with one of three class methods; each checks its inputs when it is called:

    - ``LoginDomain.prefix("acme-login")``: a prefix domain the construct creates,
      ``https://acme-login.auth.<region>.amazoncognito.com``;
    - ``LoginDomain.custom("login.example.com", certificate_arn=...)``: a custom domain
      the construct creates (and, with ``cloudflare_zone_id``, its DNS record);
    - ``LoginDomain.shared(domain)``: an existing domain of the pool, which the construct
      only uses (a user pool has one prefix domain and one custom domain, shared by all
      its app clients).
    """

    @staticmethod
    def prefix(prefix: str) -> LoginDomain:
        """A prefix domain to create: ``https://<prefix>.auth.<region>.amazoncognito.com``.

        Args:
            prefix: 1-63 characters of a-z, 0-9 and inner hyphens, without the words
                aws, amazon or cognito (Cognito reserves them), unique in the region;
                or a reference.

        Raises:
            TypeError: ``prefix`` is not a str.
            ValueError: ``prefix`` breaks Cognito's rules.
        """
        return PrefixDomain(prefix)

    @staticmethod
    def custom(
        host: str, *, certificate_arn: str, cloudflare_zone_id: str | None = None
    ) -> LoginDomain:
        """A custom domain to create, such as ``login.example.com``, served by CloudFront.

        The endpoints are then ``https://<host>/oauth2/...``. Its parent domain must
        resolve (a DNS A record) when it is created, and a CNAME of ``host`` must point at
        the domain's CloudFront distribution. Not available in AWS GovCloud.

        Args:
            host: A lowercase host name below a domain of yours (at least three labels),
                not an ``amazoncognito.com`` host; or a reference.
            certificate_arn: The ACM certificate of ``host``, in us-east-1
                (``arn:aws:acm:us-east-1:<account>:certificate/<id>``, or a reference);
                its validation records are yours to create.
            cloudflare_zone_id: The Cloudflare zone of ``host``: the construct then
                declares the DNS-only CNAME from ``host`` to the domain's CloudFront
                distribution there, by reference. Default: none; the record is yours.

        Raises:
            TypeError: An argument is not a str (``cloudflare_zone_id``: or None).
            ValueError: An argument breaks its rule.
        """
        return CustomDomain(host, certificate_arn, cloudflare_zone_id)

    @staticmethod
    def shared(domain: CognitoUserPoolDomain | str) -> LoginDomain:
        """An existing domain of the pool, which the construct uses but does not create.

        Args:
            domain: A ``CognitoUserPoolDomain`` declared elsewhere (a prefix domain, or a
                custom domain: one with ``certificate_arn``), so the construct depends on
                it; or its name: without a dot a prefix, with a dot a custom domain's host
                (a reference is told apart in Terraform, by the dot).

        Raises:
            TypeError: ``domain`` is neither a str nor a ``CognitoUserPoolDomain``.
            ValueError: ``domain`` as a name is neither a prefix nor a host name.
        """
        return SharedDomain(domain)

    @property
    @abstractmethod
    def created(self) -> str | None:
        """The name of the domain the construct creates (a prefix or a host), or None."""


@dataclass(frozen=True, repr=False)
class PrefixDomain(LoginDomain):
    name: str

    def __post_init__(self) -> None:
        check_string("prefix", self.name)
        check_prefix("prefix", self.name)

    @property
    def created(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"LoginDomain.prefix({self.name!r})"


@dataclass(frozen=True, repr=False)
class CustomDomain(LoginDomain):
    host: str
    certificate_arn: str
    cloudflare_zone_id: str | None

    def __post_init__(self) -> None:
        check_string("host", self.host)
        check_string("certificate_arn", self.certificate_arn)
        if self.cloudflare_zone_id is not None:
            check_string("cloudflare_zone_id", self.cloudflare_zone_id)
        _check_custom_host(self.host)
        _check_certificate(self.certificate_arn)
        if self.cloudflare_zone_id is not None:
            check_cloudflare_id("cloudflare_zone_id", self.cloudflare_zone_id)

    @property
    def created(self) -> str:
        return self.host

    def __repr__(self) -> str:
        zone = f", cloudflare_zone_id={self.cloudflare_zone_id!r}" * bool(self.cloudflare_zone_id)
        return f"LoginDomain.custom({self.host!r}, certificate_arn={self.certificate_arn!r}{zone})"


@dataclass(frozen=True, repr=False)
class SharedDomain(LoginDomain):
    domain: CognitoUserPoolDomain | str

    def __post_init__(self) -> None:
        if isinstance(self.domain, str):
            check_shared_name(self.domain)
            return
        framework = name_of(self.domain)
        if framework is None or not isinstance(self.domain, get(framework).CognitoUserPoolDomain):
            msg = (
                "domain must be a CognitoUserPoolDomain or a domain's name (a str); "
                f"got {received(self.domain)}"
            )
            raise TypeError(msg)

    @property
    def created(self) -> None:
        return None

    def __repr__(self) -> str:
        return f"LoginDomain.shared({self.domain!r})"


def check_prefix(parameter: str, value: str) -> None:
    """Raise unless ``value`` is a prefix domain Cognito will accept."""
    if is_token(value):
        return
    if not _PREFIX.fullmatch(value):
        msg = f"{parameter} must be 1-63 characters of a-z, 0-9 and inner hyphens; got {value!r}"
        raise ValueError(msg)
    reserved = [word for word in RESERVED_PREFIX_WORDS if word in value]
    if reserved:
        msg = (
            f"{parameter} must not contain {', '.join(map(repr, RESERVED_PREFIX_WORDS))} "
            f"(Cognito reserves them); got {value!r}, which contains {reserved[0]!r}"
        )
        raise ValueError(msg)


def is_custom_host(value: str) -> bool:
    """Whether ``value`` can be a custom domain's host: a lowercase host name, not Cognito's."""
    return bool(_HOST.fullmatch(value)) and not value.endswith(f".{HOSTED_UI_DOMAIN}")


def _check_custom_host(host: str) -> None:
    if is_token(host):
        return
    if not is_custom_host(host) or host.count(".") < _MIN_CUSTOM_LABELS - 1:
        msg = (
            "host must be a lowercase host name below a domain of yours, such as "
            "'login.example.com' (its parent domain needs a DNS A record; not the hosted "
            f"UI's {HOSTED_UI_DOMAIN} host); got {host!r}"
        )
        raise ValueError(msg)


def _check_certificate(certificate_arn: str) -> None:
    if is_token(certificate_arn):
        return
    match = _CERTIFICATE_ARN.fullmatch(certificate_arn)
    commercial = partition_of(CERTIFICATE_REGION)
    if (
        match is None
        or match["region"] != CERTIFICATE_REGION
        or commercial is None
        or match["partition"] != commercial.name
    ):
        msg = (
            f"certificate_arn must be an ACM certificate in {CERTIFICATE_REGION}, where "
            "Cognito looks for a custom domain's certificate: "
            f"arn:aws:acm:{CERTIFICATE_REGION}:<account>:certificate/<id>; got {certificate_arn!r}"
        )
        raise ValueError(msg)


def check_shared_name(value: str) -> None:
    """Raise unless ``value`` is a prefix (no dot) or a custom domain's host (with a dot)."""
    if is_token(value):
        return
    if "." in value:
        if not is_custom_host(value):
            msg = (
                "domain, as a custom domain's host, must be a lowercase host name such as "
                f"'auth.example.com' (not the hosted UI's {HOSTED_UI_DOMAIN} host); "
                f"got {value!r}"
            )
            raise ValueError(msg)
        return
    if not _PREFIX.fullmatch(value):
        msg = (
            "domain, as a prefix, must be 1-63 characters of a-z, 0-9 and inner hyphens "
            f"(with a dot: a custom domain's host); got {value!r}"
        )
        raise ValueError(msg)
    check_prefix("domain, as a prefix,", value)  # no pool can have a reserved one


def check_login_domain(domain: object) -> LoginDomain:
    """Return ``domain`` as a ``LoginDomain``, raising ``TypeError`` unless it is one.

    Only the kinds the class methods make are accepted: a subclass of ``LoginDomain`` of
    the user's own was checked by none of them.
    """
    if not isinstance(domain, PrefixDomain | CustomDomain | SharedDomain):
        msg = (
            "domain must be a LoginDomain (LoginDomain.prefix(...), LoginDomain.custom(...) or "
            f"LoginDomain.shared(...)); got {received(domain)}"
        )
        raise TypeError(msg)
    return domain


def check_domain_for_pool(domain: LoginDomain, user_pool_id: str) -> None:
    """Raise unless ``domain`` can serve the pool ``user_pool_id`` (when both are literal).

    A custom domain needs a partition that offers custom domains; a shared domain
    declared with a literal pool id must be of this pool.
    """
    region = None if is_token(user_pool_id) else region_in(user_pool_id)
    partition = None if region is None else partition_of(region)
    if isinstance(domain, CustomDomain) and partition is not None and not partition.custom_domains:
        msg = (
            f"domain: LoginDomain.custom is not available for pools in the {partition.name} "
            f"partition (user_pool_id {user_pool_id!r}): Cognito custom domains are not "
            "offered there (AWS GovCloud has only its FIPS prefix domains) or not "
            f"documented; got {domain!r}"
        )
        raise ValueError(msg)
    if isinstance(domain, SharedDomain) and not isinstance(domain.domain, str):
        domain_pool = domain.domain.user_pool_id_input
        if (
            domain_pool is not None
            and not is_token(domain_pool)
            and not is_token(user_pool_id)
            and domain_pool != user_pool_id
        ):
            msg = (
                f"domain must belong to user_pool_id ({user_pool_id!r}); got a shared domain "
                f"of the pool {domain_pool!r}"
            )
            raise ValueError(msg)
