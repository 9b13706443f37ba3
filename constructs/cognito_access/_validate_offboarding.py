"""Checks on ``AccessOffboarding``'s inputs: the token secret's ARN and the schedule.

The schedule follows Amazon EventBridge's grammar [schedule in _facts]:

- ``rate(<value> <unit>)``: a positive whole number and minute, hour or day, singular for
  1 (``rate(1 hour)``) and plural otherwise (``rate(15 minutes)``);
- ``cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)``: six fields,
  each a ``*``, a value, a range ``a-b`` or an increment ``a/n`` (``*/n``), or a list of
  them joined with commas; day-of-month also takes ``L``, ``LW`` and ``<day>W``,
  day-of-week ``L``, ``<day>L`` and ``<day>#<n>``; exactly one of day-of-month and
  day-of-week is ``?``.
"""

from __future__ import annotations

import re
from typing import Final

from cognito_access._facts import SECRET_ARN
from cognito_access._validate import is_token

_SECRET_ARN = re.compile(SECRET_ARN)
_RATE = re.compile(r"rate\((?P<value>[0-9]+) (?P<unit>minute|minutes|hour|hours|day|days)\)")
_CRON = re.compile(r"cron\((?P<fields>[^()]*)\)")
_MONTHS: Final = (
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "OCT",
    "NOV",
    "DEC",
)
_DAYS: Final = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
_MAX_FIELD: Final = 60  # no field of a valid expression is longer


class _Field:
    """One cron field: its name, bounds and the names its values may take."""

    def __init__(self, name: str, low: int, high: int, names: tuple[str, ...] = ()) -> None:
        self.name = name
        self.low = low
        self.high = high
        self.names = names

    def value(self, text: str) -> int | None:
        """The number ``text`` stands for, or None if it is not a value of this field."""
        if text.upper() in self.names:
            return self.names.index(text.upper()) + self.low
        if text.isdigit() and self.low <= int(text) <= self.high:
            return int(text)
        return None

    def element_ok(self, element: str) -> bool:
        """Whether ``element`` (one item of a comma list) is a value, range or increment."""
        base, slash, step = element.partition("/")
        if slash and not (step.isdigit() and 1 <= int(step) <= self.high):
            return False
        if base == "*":
            return True
        start, dash, end = base.partition("-")
        if not dash:
            return self.value(start) is not None
        return self.value(start) is not None and self.value(end) is not None


_FIELDS: Final = (
    _Field("minutes", 0, 59),
    _Field("hours", 0, 23),
    _Field("day-of-month", 1, 31),
    _Field("month", 1, 12, _MONTHS),
    _Field("day-of-week", 1, 7, _DAYS),
    _Field("year", 1970, 2199),
)
_DAY_OF_MONTH_EXTRA = re.compile(r"L|LW|(?:[1-9]|[12][0-9]|3[01])W")
_DAY_OF_WEEK_EXTRA = re.compile(
    r"L|(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(?:L|#[1-5])", re.IGNORECASE
)


def check_secret_arn(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` is a Secrets Manager secret's ARN (or a token)."""
    if is_token(value):
        return
    if not _SECRET_ARN.fullmatch(value):
        msg = (
            "cloudflare_api_token_secret_arn must be a Secrets Manager secret's full ARN, "
            "arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters> "
            "(the role's policy names exactly this ARN, and a partial ARN without the "
            "characters Secrets Manager adds matches no secret), or a reference such as "
            f"secret.arn; got {value!r}"
        )
        raise ValueError(msg)


def check_schedule(value: str) -> None:
    """Raise ``ValueError`` unless ``value`` is an EventBridge ``rate()`` or ``cron()``."""
    if is_token(value):
        return
    problem = _schedule_problem(value)
    if problem is not None:
        msg = (
            "schedule must be an EventBridge schedule expression, rate(<n> <minute(s)|hour(s)|"
            f"day(s)>) or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>): "
            f"{problem}; got {value!r}"
        )
        raise ValueError(msg)


def _schedule_problem(value: str) -> str | None:  # noqa: PLR0911 - one return per rule
    """What is wrong with ``value`` as a schedule expression, or None."""
    rate = _RATE.fullmatch(value)
    if rate is not None:
        number, unit = int(rate["value"]), rate["unit"]
        if number < 1:
            return "a rate is at least 1"
        if (number == 1) == unit.endswith("s"):
            return "the unit is singular for 1 and plural otherwise"
        return None
    cron = _CRON.fullmatch(value)
    if cron is None:
        return "neither rate(...) nor cron(...)"
    fields = cron["fields"].split(" ")
    if len(fields) != len(_FIELDS):
        return f"cron takes {len(_FIELDS)} fields separated by single spaces"
    for field, text in zip(_FIELDS, fields, strict=True):
        if not _field_ok(field, text):
            return f"the {field.name} field {text!r} is not valid"
    day_of_month, day_of_week = fields[2], fields[4]
    if (day_of_month == "?") == (day_of_week == "?"):
        return "exactly one of day-of-month and day-of-week must be ?"
    return None


def _field_ok(field: _Field, text: str) -> bool:
    if not text or len(text) > _MAX_FIELD:
        return False
    if text == "?":
        return field.name in {"day-of-month", "day-of-week"}
    if field.name == "day-of-month" and _DAY_OF_MONTH_EXTRA.fullmatch(text):
        return True
    if field.name == "day-of-week" and _DAY_OF_WEEK_EXTRA.fullmatch(text):
        return True
    return all(field.element_ok(element) for element in text.split(","))
