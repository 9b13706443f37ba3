"""The endpoint facts: which partition a region is in, and each host it gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

import botocore
import pytest

from cognito_access._endpoints import (
    ESTABLISHED_REGION_PATTERN,
    api_host,
    custom_domains_allowed,
    hosted_ui_host,
    issuer_host,
    partition_of,
    why_not_established,
)
from cognito_access._facts import PARTITIONS, Issuer

ENDPOINTS = Path(botocore.__file__).parent / "data" / "endpoints.json"


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("eu-west-1", "aws"),
        ("ap-southeast-2", "aws"),
        ("il-central-1", "aws"),
        ("mx-central-1", "aws"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-gov-east-1", "aws-us-gov"),
        ("eusc-de-east-1", "aws-eusc"),
        ("cn-north-1", "aws-cn"),
        ("us-iso-east-1", None),
        ("mars-north-1", None),
    ],
)
def test_a_region_belongs_to_its_partition(region: str, partition: str | None) -> None:
    found = partition_of(region)
    assert (found.name if found else None) == partition


@pytest.mark.parametrize(
    ("region", "host"),
    [
        ("eu-west-1", "acme.auth.eu-west-1.amazoncognito.com"),
        ("us-gov-west-1", "acme.auth-fips.us-gov-west-1.amazoncognito.com"),
        ("us-gov-east-1", "acme.auth-fips.us-gov-east-1.amazoncognito.com"),
    ],
)
def test_the_hosted_ui_host_follows_the_partition(region: str, host: str) -> None:
    assert hosted_ui_host("acme", region) == host


@pytest.mark.parametrize("region", ["eusc-de-east-1", "cn-north-1", "us-iso-east-1"])
def test_no_hosted_ui_host_is_guessed_where_none_is_documented(region: str) -> None:
    with pytest.raises(ValueError, match="no documented hosted UI host"):
        hosted_ui_host("acme", region)


@pytest.mark.parametrize(
    ("region", "host"),
    [
        ("eu-central-1", "cognito-idp.eu-central-1.amazonaws.com"),
        ("us-gov-west-1", "cognito-idp-fips.us-gov-west-1.amazonaws.com"),
        ("eusc-de-east-1", "cognito-idp.eusc-de-east-1.amazonaws.eu"),
    ],
)
def test_the_api_host_follows_the_partition(region: str, host: str) -> None:
    assert api_host(region) == host


@pytest.mark.parametrize(
    ("issuer", "host"),
    [
        ("original", "cognito-idp.sa-east-1.amazonaws.com"),
        ("updated", "issuer-cognito-idp.sa-east-1.amazonaws.com"),
    ],
)
def test_the_issuer_host_follows_the_issuer_type(issuer: Issuer, host: str) -> None:
    assert issuer_host("sa-east-1", issuer) == host


@pytest.mark.parametrize(
    ("region", "reason"),
    [
        ("us-gov-west-1", "aws-us-gov partition's hosted UI and issuer hosts"),
        ("eusc-de-east-1", "aws-eusc partition's hosted UI and issuer hosts"),
        ("cn-northwest-1", "China regions offer no Cognito user pools"),
        ("us-isob-east-1", "no AWS partition with Cognito user pools"),
    ],
)
def test_a_region_whose_hosts_are_not_established_says_why(region: str, reason: str) -> None:
    assert reason in str(why_not_established(region))
    with pytest.raises(ValueError, match=re.escape(reason)):
        issuer_host(region, "original")


def test_only_the_commercial_partition_allows_custom_domains() -> None:
    assert custom_domains_allowed("eu-west-1")
    assert not custom_domains_allowed("us-gov-west-1")


def test_the_terraform_pattern_accepts_exactly_the_established_regions() -> None:
    for region in ("eu-west-1", "ap-southeast-5", "ca-west-1"):
        assert re.fullmatch(ESTABLISHED_REGION_PATTERN.replace("^", "").replace("$", ""), region)
    for region in ("us-gov-west-1", "eusc-de-east-1", "cn-north-1", "us-iso-east-1"):
        assert not re.search(ESTABLISHED_REGION_PATTERN, region)


def test_the_table_agrees_with_botocores_endpoints_json() -> None:
    """The facts are written down (botocore is a dev dependency); botocore checks them."""
    partitions = json.loads(ENDPOINTS.read_text(encoding="utf-8"))["partitions"]
    with_cognito = {p["partition"]: p for p in partitions if "cognito-idp" in p["services"]}
    table = {partition.name: partition for partition in PARTITIONS}
    assert {name for name, p in table.items() if p.unsupported is None} == set(with_cognito)
    for name, facts in with_cognito.items():
        assert table[name].dns_suffix == facts["dnsSuffix"]
        regions = [r for r in facts["services"]["cognito-idp"]["endpoints"] if "fips" not in r]
        assert regions
        assert all(partition_of(region) is table[name] for region in regions)
    china = next(p for p in partitions if p["partition"] == "aws-cn")
    assert "cognito-idp" not in china["services"]
    assert table["aws-cn"].dns_suffix == china["dnsSuffix"]
