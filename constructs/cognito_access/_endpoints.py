"""Where a user pool's endpoints live: partitions, issuers and domain shapes -> hosts.

Pure functions over the partition table of ``_facts`` (read from botocore's bundled
``endpoints.json`` and AWS's documentation, each with its source there). Nothing here
imports cdktf or botocore.
"""

from __future__ import annotations

import re
from typing import Final

from cognito_access._facts import HOSTED_UI_DOMAIN, PARTITIONS, Issuer, Partition

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
    return f"{prefix}.{partition.hosted_ui_label}.{region}.{HOSTED_UI_DOMAIN}"


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
