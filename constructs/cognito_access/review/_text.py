"""Values as one line of Markdown: code spans, shortened values, URLs whose host stays whole."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

MAX_VALUE_CHARS = 60
# A URL's scheme and host (with any user info and port): never shortened.
_URL_START = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]*")
# What is kept of the rest of a URL whose host alone is already long.
_MIN_URL_TAIL = 20


def code(text: str) -> str:
    """``text`` as one Markdown code span, on one line, whatever backticks it holds."""
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ")
    pad = " " if padded else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def show(value: object) -> str:
    """A JSON value as a code span, shortened to about 60 characters.

    A string holding a URL keeps its scheme and host whole and loses the middle of the
    rest; lists and objects shorten each string in them, and are cut as a whole only
    when they hold no URL.
    """
    return code(_compact(value))


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
    return text if _URL_START.search(text) else _cut(text)


def _string(value: str) -> str:
    text = json.dumps(value, ensure_ascii=False)
    start = _URL_START.match(value)
    if start is None or len(text) <= MAX_VALUE_CHARS:
        return _cut(text)
    head = json.dumps(start.group(), ensure_ascii=False)[:-1]  # opening quote, scheme, host
    rest = json.dumps(value[start.end() :], ensure_ascii=False)[1:]  # the rest, closing quote
    room = max(MAX_VALUE_CHARS - len(head) - 1, _MIN_URL_TAIL)
    return head + (rest if len(rest) <= room else "…" + rest[-room:])


def _cut(text: str) -> str:
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"
