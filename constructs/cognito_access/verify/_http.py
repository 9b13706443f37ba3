"""Plain HTTPS with the standard library: JSON documents, and a request that follows no redirect."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping
    from email.message import Message

_SCHEMES = ("http", "https")


class FetchError(Exception):
    """A request got no usable answer; the message says what happened, for a result line."""


@dataclass(frozen=True)
class Answer:
    """An HTTP response: its status, its Location header (for redirects) and its body."""

    status: int
    location: str | None
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hands a redirect back to the caller instead of following it."""

    def redirect_request(  # noqa: PLR0913, PLR0917 - urllib's signature
        self,
        req: urllib.request.Request,
        fp: Any,  # noqa: ANN401 - urllib's untyped file object
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> None:
        del req, fp, code, msg, headers, newurl


_OPENER = urllib.request.build_opener(_NoRedirect)


def request(url: str, *, timeout: float, headers: Mapping[str, str] | None = None) -> Answer:
    """GET ``url`` without following redirects; any status comes back as an ``Answer``.

    Raises:
        FetchError: The URL is not http(s), or the host cannot be reached in ``timeout``.
    """
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in _SCHEMES:
        msg = f"{url!r} is not an http(s) URL"
        raise FetchError(msg)
    outgoing = urllib.request.Request(url, headers=dict(headers or {}))  # noqa: S310 - http(s) only, checked above
    try:
        with _OPENER.open(outgoing, timeout=timeout) as response:
            return Answer(response.status, response.headers.get("Location"), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, error.headers.get("Location"), error.read())
    except urllib.error.URLError as error:
        msg = f"cannot reach {url}: {error.reason}"
        raise FetchError(msg) from None
    except (TimeoutError, OSError) as error:
        msg = f"cannot reach {url}: {error}"
        raise FetchError(msg) from None


def get_json(url: str, *, timeout: float) -> Any:  # noqa: ANN401 - parsed JSON
    """The JSON document at ``url`` (status 200).

    Raises:
        FetchError: No answer, another status, or a body that is not JSON.
    """
    answer = request(url, timeout=timeout, headers={"Accept": "application/json"})
    if answer.status != 200:  # noqa: PLR2004 - HTTP OK
        msg = f"GET {url} answered HTTP {answer.status}"
        raise FetchError(msg)
    try:
        return json.loads(answer.body)
    except ValueError:
        msg = f"GET {url} answered something that is not JSON"
        raise FetchError(msg) from None
