"""Values as one line: shortened to about 60 characters, every URL's host kept whole."""

from __future__ import annotations

import pytest

from cognito_access.review import summarize
from tests.plans import (
    IDP,
    attributes,
    config_change,
    plan,
    update,
)


def test_a_long_value_is_cut_to_about_sixty_characters() -> None:
    change = update("aws_s3_bucket.logs", {"policy": "x" * 10}, {"policy": "y" * 500})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["policy"].split(" → ")[1]
    assert after == "`" + '"' + "y" * 58 + "…`"


def test_a_moved_url_is_shown_with_both_hosts_whole() -> None:
    moved = "https://login.attacker-example.net/oauth2/authorize"
    said = attributes(summarize(plan(config_change({"auth_url": moved}))), IDP)
    old, new = said["config.auth_url"].split(" → ")
    assert old.startswith('`"https://acme-login.auth.eu-west-1.amazoncognito.com')
    assert new == f'`"{moved}"`'


@pytest.mark.parametrize(
    "url",
    [
        (
            "https://a-very-long-login-domain-name-for-testing.auth.eu-west-1.amazoncognito.com/"
            "oauth2/authorize?client_id=abc&response_type=code&scope=openid"
        ),
        "http://user@" + "h" * 80 + ".example:8443/" + "p" * 100,
    ],
)
def test_a_long_url_is_shortened_but_never_its_host(url: str) -> None:
    change = update("aws_s3_bucket.logs", {"website": "x"}, {"website": url})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["website"].split(" → ")[1]
    host_end = url.index("/", len("https://"))
    assert after.startswith(f'`"{url[:host_end]}')
    assert "…" in after
    assert len(after) < len(url)


def test_every_host_in_a_long_string_is_kept_whole() -> None:
    text = (
        "see "
        + "x" * 50
        + " https://first-host.example.org/a then http://second.example.net/"
        + "b" * 80
    )
    change = update("aws_s3_bucket.logs", {"description": "x"}, {"description": text})
    after = attributes(summarize(plan(change)), "aws_s3_bucket.logs")["description"].split(" → ")[1]
    assert "https://first-host.example.org" in after
    assert "http://second.example.net" in after
    assert len(after) < len(text)


def test_a_url_in_a_long_list_keeps_its_host() -> None:
    urls = ["https://" + "a" * 40 + ".example/cb", "https://second-host.example.org/callback"]
    change = update(
        "aws_cognito_user_pool_client.app", {"callback_urls": []}, {"callback_urls": urls}
    )
    said = attributes(summarize(plan(change)), "aws_cognito_user_pool_client.app")
    assert "https://second-host.example.org" in said["callback_urls"]
