"""Cautions for longer-lived tokens: an app client's token lifetime lengthened.

Each lifetime is read in its unit (``token_validity_units``, or Cognito's default unit
for the token) and, when the client sets none, as Cognito's default lifetime.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from cognito_access._facts import (
    COGNITO_DEFAULT_VALIDITY,
    DEFAULT_VALIDITY_UNITS,
    TOKEN_VALIDITY_UNITS,
)
from cognito_access.review._kinds import Kind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cognito_access.review._masking import Side

Found = tuple[Kind, str, str]  # a caution's kind, title and sentence
_TOKENS = {
    token: (label, DEFAULT_VALIDITY_UNITS[token])
    for token, label in (
        ("access_token", "Access token"),
        ("id_token", "ID token"),
        ("refresh_token", "Refresh token"),
    )
}
# Cognito's lifetimes when the client sets none.
_DEFAULT_MINUTES = {
    token: validity.total_seconds() / 60 for token, validity in COGNITO_DEFAULT_VALIDITY.items()
}
_MINUTES = {unit: length / timedelta(minutes=1) for unit, length in TOKEN_VALIDITY_UNITS}


def lifetimes(before: Side, after: Side) -> Iterator[Found]:
    for token, (label, default_unit) in _TOKENS.items():
        old = _minutes(before, token, default_unit)
        new = _minutes(after, token, default_unit)
        if old is not None and new is not None and new > old:
            yield (
                Kind.TOKEN_LIFETIME,
                f"{label} lifetime lengthened",
                (
                    f"A stolen or signed-out user's {label[0].lower()}{label[1:]} now stays valid "
                    f"for {_duration(new)} instead of {_duration(old)}."
                ),
            )


def _minutes(side: Side, token: str, default_unit: str) -> float | None:
    """A token's lifetime in minutes; Cognito's default when the client sets none."""
    if side.value is None:
        return None
    value = side.at(f"{token}_validity")
    if value in (None, 0):
        return _DEFAULT_MINUTES[token]
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    unit = side.at("token_validity_units", token) or default_unit
    return value * _MINUTES[unit] if unit in _MINUTES else None


def _duration(minutes: float) -> str:
    for unit, size in (("day", 24 * 60), ("hour", 60), ("minute", 1)):
        if minutes >= size and minutes % size == 0:
            count = int(minutes // size)
            return f"{count:,} {unit}{'s' * (count != 1)}"
    count = round(minutes * 60)
    return f"{count:,} second{'s' * (count != 1)}"
