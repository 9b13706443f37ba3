"""The Access application's input checks say what, got and allowed, word for word.

The construct's tests match the start of each message; these hold the whole of it, as
users read it (cognito_access._validate_access).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cognito_access import _validate_access as checks

if TYPE_CHECKING:
    from collections.abc import Callable

CASES: list[tuple[Callable[..., None], tuple[object, ...], str]] = [
    (
        checks.check_session_duration,
        ("1d",),
        (
            "session_duration must be one or more number-and-unit pairs such as '24h' or "
            "'2h45m', with units ns, us, \u00b5s, ms, s, m or h; got '1d'"
        ),
    ),
    (
        checks.check_group_name,
        ("a b",),
        (
            "allowed_groups must hold Cognito group names: 1-128 letters, marks, symbols, "
            "numbers or punctuation, without spaces or control characters (found ' '); got 'a b'"
        ),
    ),
    (
        checks.check_group_name,
        ("",),
        (
            "allowed_groups must hold Cognito group names: 1-128 letters, marks, symbols, "
            "numbers or punctuation, without spaces or control characters; got ''"
        ),
    ),
    (
        checks.check_email,
        ("ana",),
        (
            "allowed_emails must hold email addresses such as 'ana@example.com': a local part "
            "without spaces, '@' and a hostname; got 'ana'"
        ),
    ),
    (
        checks.check_email_domain,
        ("@x.com",),
        (
            "allowed_email_domains must hold hostnames such as 'example.com', without '@', a "
            "scheme or a path; got '@x.com'"
        ),
    ),
    (
        checks.check_something_allowed,
        ((), (), ()),
        (
            "at least one of allowed_groups, allowed_emails or allowed_email_domains must be "
            "given: a policy that includes nobody lets nobody in; got all three empty"
        ),
    ),
    (
        checks.check_groups_claim,
        (["sub"],),
        (
            "allowed_groups needs the identity provider's claims to include 'cognito:groups' "
            "(Cloudflare matches a group rule only on the claims its login method lists); got "
            "claims ['sub']"
        ),
    ),
    (
        checks.check_app_domain,
        ("app.example.com/go://x",),  # a scheme inside the path is still a scheme
        (
            "domain must be a hostname with an optional path and no scheme or port, such as "
            "'app.example.com' or 'app.example.com/admin'; got 'app.example.com/go://x'"
        ),
    ),
]


@pytest.mark.parametrize(("check", "arguments", "message"), CASES)
def test_each_refusal_says_what_was_got_and_what_is_allowed(
    check: Callable[..., None], arguments: tuple[object, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=r"; got ") as raised:
        check(*arguments)
    assert str(raised.value) == message


def test_an_email_of_the_longest_length_is_accepted_and_one_more_is_not() -> None:
    longest = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 53]) + ".example"
    assert len(longest) == 254
    checks.check_email(longest)
    with pytest.raises(ValueError, match="allowed_emails must hold email addresses"):
        checks.check_email("a" + longest)
