"""Where a user pool's endpoints live: partitions, issuers and domain shapes -> hosts.

Pure functions over a small table of facts, each with its source. Nothing here
imports cdktf or botocore: the facts were read from botocore's bundled
``botocore/data/endpoints.json`` (a development dependency) and AWS's documentation,
and are written down below so the shipped package needs neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

Issuer = Literal["original", "updated"]
ISSUERS: Final[tuple[Issuer, ...]] = ("original", "updated")


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


# Sources:
#   [endpoints] botocore's bundled endpoints.json (botocore 1.44.x): partitions, their
#       regionRegex and dnsSuffix, and which of them list the service "cognito-idp":
#       aws, aws-us-gov (us-gov-west-1, us-gov-east-1) and aws-eusc (eusc-de-east-1,
#       dnsSuffix amazonaws.eu); aws-cn and the ISO partitions do not list it.
#   [issuer] Cognito API reference, IssuerConfigurationType:
#       https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html
#       ORIGINAL: https://cognito-idp.[region].amazonaws.com/[userPoolId]
#       UPDATED:  https://issuer-cognito-idp.[region].amazonaws.com/[userPoolId]
#   [hosted-ui] Cognito developer guide, user pool domains:
#       https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
#       <prefix>.auth.<region>.amazoncognito.com
#   [govcloud] AWS GovCloud (US) user guide, Amazon Cognito:
#       https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-cog.html
#       FIPS endpoints only: API cognito-idp-fips.<region>.amazonaws.com, hosted UI
#       <domain>.auth-fips.<region>.amazoncognito.com; no custom domains. It names no
#       issuer host, so the issuer of a GovCloud pool is not established.
#   [china] Amazon Cognito in the China regions offers identity pools only, no user
#       pools (and [endpoints] lists no cognito-idp in aws-cn).
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

# The partition assumed for a pool id known only to Terraform; a precondition checks it.
COMMERCIAL: Final = PARTITIONS[0]
# The regions whose endpoints are all established, as one RE2 pattern Terraform can check.
ESTABLISHED_REGION_PATTERN: Final = "|".join(
    partition.region_pattern for partition in PARTITIONS if partition.established
)


def partition_of(region: str) -> Partition | None:
    """The partition ``region`` belongs to, or None when no partition with Cognito has it."""
    for partition in PARTITIONS:
        if re.fullmatch(partition.region_pattern.strip("^$"), region):
            return partition
    return None


def why_not_established(region: str) -> str | None:
    """Why a pool in ``region`` cannot be given every URL, or None when it can."""
    partition = partition_of(region)
    if partition is None:
        return f"no AWS partition with Cognito user pools has the region {region!r}"
    if partition.unsupported is not None:
        return partition.unsupported
    if not partition.established:
        return (
            f"the {partition.name} partition's hosted UI and issuer hosts are not both "
            "documented, and the construct does not guess them"
        )
    return None


def _established(region: str) -> Partition:
    reason = why_not_established(region)
    partition = partition_of(region)
    if reason is not None or partition is None:
        msg = f"region {region!r}: {reason}"
        raise ValueError(msg)
    return partition


def hosted_ui_host(prefix: str, region: str, partition: Partition | None = None) -> str:
    """The host of a prefix domain's hosted UI, such as ``acme.auth.eu-west-1.amazoncognito.com``.

    ``partition`` is the region's, unless given (for a region known only to Terraform).
    """
    partition = partition or partition_of(region)
    if partition is None or partition.hosted_ui_label is None:
        msg = f"region {region!r}: no documented hosted UI host"
        raise ValueError(msg)
    return f"{prefix}.{partition.hosted_ui_label}.{region}.amazoncognito.com"


def api_host(region: str) -> str:
    """The Cognito user pools API host of ``region`` (FIPS-only in GovCloud)."""
    partition = partition_of(region)
    if partition is None or partition.api_label is None:
        msg = f"region {region!r}: no documented Cognito user pools API host"
        raise ValueError(msg)
    return f"{partition.api_label}.{region}.{partition.dns_suffix}"


def issuer_host(region: str, issuer: Issuer, partition: Partition | None = None) -> str:
    """The host of a user pool's OIDC issuer of type ``issuer`` in ``region``.

    ``partition`` is the region's, unless given (for a region known only to Terraform).
    """
    partition = partition or _established(region)
    label = dict(partition.issuer_labels)[issuer]
    return f"{label}.{region}.{partition.dns_suffix}"


def custom_domains_allowed(region: str) -> bool:
    """Whether user pools in ``region`` may have a custom domain."""
    partition = partition_of(region)
    return partition is not None and partition.custom_domains
