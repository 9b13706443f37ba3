"""Values as one line of Markdown: code spans, shortened values, URLs whose host stays whole.

A host with non-ASCII letters (a look-alike of an ASCII one, such as a
Cyrillic letter for a Latin one) is followed by its punycode, the name DNS resolves.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping

MAX_VALUE_CHARS = 60
# Unicode categories shown escaped: control, format (bidi, zero-width), line and paragraph
# separators, unassigned and private use.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cn", "Co", "Cs"})
# Characters shown before the first difference of two values that shorten alike.
_DIFF_LEAD = 20
# A URL's scheme and host (with any user info and port): never shortened.
_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]*")
# The longest host name DNS allows, with room for an email address's local part.
_MAX_HOST_CHARS = 253 + 65
# The least kept of the text around URL hosts when the hosts alone are long.
_MIN_URL_TAIL = 20
# A URL's host (without user info and port), and a whole string that is a host name.
_URL_HOST = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#\s@]*@)?(?P<host>[^/?#\s:]+)")
_BARE_HOST = re.compile(r"(?:\*\.)?[^\s/:@.]+(?:\.[^\s/:@.]+)+\.?")


def code(text: str) -> str:
    r"""``text`` as one Markdown code span, on one line, whatever backticks it holds.

    Control and invisible characters (bidirectional overrides, zero-width spaces, line
    separators) are shown as ``\uXXXX``: they cannot reorder or hide what is shown.
    """
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    text = "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in _INVISIBLE else char for char in text
    )
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ")
    pad = " " if padded else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def show(value: object) -> str:
    """A JSON value as a code span, shortened to about 60 characters.

    A string holding a URL keeps its scheme and host whole and loses the middle of the
    rest; a host name or an email address is never shortened; lists and objects shorten
    each string in them, and are cut as a whole only
    when they hold no URL. Hosts with non-ASCII letters are followed by their punycode.
    """
    return with_punycode(code(_compact(value)), value)


def show_pair(before: object, after: object) -> tuple[str, str]:
    """``before`` and ``after`` shown, so that they differ whenever the values do.

    Two long values that shorten to the same text (an IAM policy whose principal changes
    past the cut) are shown from a little before their first difference.
    """
    old, new = show(before), show(after)
    if old != new or before == after:
        return old, new
    texts = [json.dumps(value, ensure_ascii=False, sort_keys=True) for value in (before, after)]
    first = next(
        (i for i, (a, b) in enumerate(zip(*texts, strict=False)) if a != b),
        min(map(len, texts)),
    )
    start = max(first - _DIFF_LEAD, 0)
    shown = []
    for value, text in zip((before, after), texts, strict=True):
        part = ("…" if start else "") + _cut(text[start:])
        shown.append(with_punycode(code(part), value))
    return shown[0], shown[1]


def with_punycode(shown: str, value: object) -> str:
    """``shown``, then the punycode of each host with non-ASCII letters in ``value``."""
    hosts = [host for text in strings(value) for host in non_ascii_hosts(text)]
    return shown + "".join(f" (punycode {code(punycode(host))})" for host in dict.fromkeys(hosts))


def non_ascii_hosts(text: str) -> list[str]:
    """The hosts in ``text`` (of its URLs, of an email address, or itself) not all ASCII."""
    hosts = [match["host"] for match in _URL_HOST.finditer(text)]
    domain = text.rpartition("@")[2]  # an email address's domain, or the text itself
    if not hosts and _BARE_HOST.fullmatch(domain):
        hosts = [domain]
    return [host for host in hosts if not host.isascii()]


def punycode(host: str) -> str:
    """``host`` as DNS resolves it: each non-ASCII label as ``xn--`` punycode (IDNA)."""
    labels = []
    for label in host.split("."):
        if label.isascii():
            labels.append(label)
            continue
        try:
            labels.append(label.encode("idna").decode("ascii"))
        except UnicodeError:  # not valid IDNA 2003: its raw punycode still tells it apart
            labels.append("xn--" + label.lower().encode("punycode").decode("ascii"))
    return ".".join(labels)


def strings(value: object) -> list[str]:
    """Every string in a plan's value: itself, or in its lists and objects, in order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    if isinstance(value, Mapping):
        return [text for item in value.values() for text in strings(item)]
    return []


def _compact(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        text = "[" + ",".join(_compact(item) for item in value) + "]"
    elif isinstance(value, Mapping):
        items = (
            f"{json.dumps(str(k), ensure_ascii=False)}:{_compact(v)}" for k, v in value.items()
        )
        text = "{" + ",".join(items) + "}"
    else:
        return json.dumps(value, ensure_ascii=False)
    keep = _URL_START.search(text) or any(map(_is_host, strings(value)))
    return text if keep else _cut(text)


def _is_host(value: str) -> bool:
    """Whether ``value`` is a host name or an email address (never shortened)."""
    return bool(_BARE_HOST.fullmatch(value.rpartition("@")[2])) and len(value) <= _MAX_HOST_CHARS


def _string(value: str) -> str:
    """A string as JSON, shortened; every URL's scheme and host in it is kept whole.

    The text around the hosts shares the room left: the start of the string keeps its
    head, the rest (a URL's path) keeps its tail.
    """
    text = json.dumps(value, ensure_ascii=False)
    if _is_host(value):
        return text  # a host or an email address: its end says whose it is, never cut
    hosts = [match.span() for match in _URL_START.finditer(text)]
    if len(text) <= MAX_VALUE_CHARS or not hosts:
        return _cut(text)
    gaps, start = [], 0
    for host_start, host_end in hosts:
        gaps.append(text[start:host_start])
        start = host_end
    gaps.append(text[start:])
    kept = sum(end - begin for begin, end in hosts)
    room = max((MAX_VALUE_CHARS - kept) // len(gaps), _MIN_URL_TAIL)
    shortened = [
        gap if len(gap) <= room else gap[: room - 1] + "…" if index == 0 else "…" + gap[1 - room :]
        for index, gap in enumerate(gaps)
    ]
    hosts_text = [text[begin:end] for begin, end in hosts]
    return shortened[0] + "".join(h + gap for h, gap in zip(hosts_text, shortened[1:], strict=True))


def _cut(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"
