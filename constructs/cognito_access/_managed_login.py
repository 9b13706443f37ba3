"""``ManagedLogin`` and ``ManagedLoginAsset``: Cognito's managed login and its branding style.

Each checks its own fields when it is made; facts and sources are in ``_facts``
([branding-api]: the asset enums, at most 40 assets of at most 1,000,000 bytes).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cognito_access._facts import (
    ASSET_CATEGORIES,
    ASSET_COLOR_MODES,
    ASSET_EXTENSIONS,
    ASSET_RESOURCE_ID,
    MAX_ASSET_BYTES,
    MAX_ASSETS,
)
from cognito_access._validate import check_sequence, check_string, is_token, received

if TYPE_CHECKING:
    from collections.abc import Sequence

_RESOURCE_ID = re.compile(ASSET_RESOURCE_ID)


@dataclass(frozen=True, kw_only=True)
class ManagedLoginAsset:
    """One image of a managed login branding style: a logo, a background or an icon.

    Attributes:
        category: Where the image is shown, one of Cognito's asset categories, such as
            ``"PAGE_HEADER_LOGO"``, ``"FORM_LOGO"``, ``"PAGE_BACKGROUND"`` or ``"FAVICON_ICO"``.
        color_mode: The colour scheme it is for: ``"LIGHT"``, ``"DARK"`` or ``"DYNAMIC"``
            (browser-adaptive).
        extension: Its file type: ``"ICO"``, ``"JPEG"``, ``"PNG"``, ``"SVG"`` or ``"WEBP"``.
        bytes_base64: The file's content, base64-encoded, at most 1,000,000 bytes once
            decoded: ``base64.b64encode(path.read_bytes()).decode()``, read at synth (a
            reference is left to Terraform; the configuration gate refuses Terraform's
            file functions, so read the file in Python).
        resource_id: The identity provider an ``IDP_BUTTON_ICON`` is for. Default: none.

    Raises:
        TypeError: A field is not a str (``resource_id``: or None).
        ValueError: A field is not one of Cognito's values, the bytes are not a file of 1
            to 1,000,000 bytes in base64, or ``resource_id`` is not 1-40 letters, digits,
            ``_``, ``-`` and spaces.
    """

    category: str
    color_mode: str
    extension: str
    bytes_base64: str
    resource_id: str | None = None

    def __post_init__(self) -> None:
        """Check every field."""
        for field, value, allowed in (
            ("category", self.category, ASSET_CATEGORIES),
            ("color_mode", self.color_mode, ASSET_COLOR_MODES),
            ("extension", self.extension, ASSET_EXTENSIONS),
        ):
            check_string(field, value)
            if not is_token(value) and value not in allowed:
                msg = f"{field} must be one of {', '.join(allowed)}; got {value!r}"
                raise ValueError(msg)
        check_string("bytes_base64", self.bytes_base64)
        if self.resource_id is not None:
            check_string("resource_id", self.resource_id)
            if not is_token(self.resource_id) and not _RESOURCE_ID.fullmatch(self.resource_id):
                msg = (
                    "resource_id must be 1-40 letters, digits, underscores, hyphens and "
                    f"spaces (an identity provider's name); got {self.resource_id!r}"
                )
                raise ValueError(msg)
        if is_token(self.bytes_base64):
            return
        try:
            size = len(base64.b64decode(self.bytes_base64, validate=True))
        except (binascii.Error, ValueError):
            size = -1
        if not 0 < size <= MAX_ASSET_BYTES:
            msg = (
                "bytes_base64 must be a file of 1 to 1,000,000 bytes, base64-encoded; "
                f"got {self.bytes_base64[:40]!r} for {self.category!r}"
            )
            raise ValueError(msg)


@dataclass(frozen=True, kw_only=True)
class ManagedLogin:
    """Cognito's managed login (version 2) as the login page, with a branding style.

    ``ManagedLogin()`` uses Cognito's own style; ``settings`` and ``assets`` bring yours.
    The construct then declares the app client's branding style
    (``aws_cognito_managed_login_branding``) and, on a domain it creates, sets
    ``managed_login_version = 2`` once that style exists, so the client's users never see
    the error page Cognito shows a client without one.

    ``assets`` without ``settings`` declares ``use_cognito_provided_values = false``
    with the assets: the AWS provider requires exactly one of ``settings`` and
    ``use_cognito_provided_values`` (a false one counts), and Cognito's
    CreateManagedLoginBranding takes assets without settings as long as
    ``UseCognitoProvidedValues`` is not true (only true must come without settings and
    assets). That is the one form both accept, so it is declared rather than refused.

    Managed login needs a user pool on the Essentials or Plus feature plan
    (``user_pool_tier``; new pools default to Essentials). On a Lite pool Cognito refuses
    the branding style and the domain's version 2, and the apply fails.

    A branding style adopted with ``import_existing(managed_login_branding_id=...)``
    takes this object's values on the next apply: ``ManagedLogin()`` resets it to
    Cognito's defaults, so give ``settings`` (and ``assets``) to keep a console-made style.

    Attributes:
        settings: The branding style's settings, as the JSON document the branding
            editor exports (or a reference). Default: Cognito's own style.
        assets: The branding style's images (logos, backgrounds, icons), at most 40.
            Default: none.

    Raises:
        TypeError: ``settings`` is not a str or None, or ``assets`` is not a sequence of
            ``ManagedLoginAsset``.
        ValueError: ``settings`` is not a JSON object, or there are more than 40 assets.
    """

    settings: str | None = None
    assets: Sequence[ManagedLoginAsset] = ()

    def __post_init__(self) -> None:
        """Check both fields; keep the assets as a tuple."""
        if self.settings is not None:
            check_string("settings", self.settings)
            _check_settings(self.settings)
        check_sequence("assets", self.assets, ManagedLoginAsset, "ManagedLoginAsset objects")
        if len(self.assets) > MAX_ASSETS:
            msg = f"assets may hold at most {MAX_ASSETS} images; got {len(self.assets)}"
            raise ValueError(msg)
        object.__setattr__(self, "assets", tuple(self.assets))

    @property
    def cognito_style(self) -> bool:
        """Whether the style is Cognito's own: neither settings nor assets are given."""
        return self.settings is None and not self.assets


def _check_settings(settings: str) -> None:
    if is_token(settings):
        return
    try:
        document = json.loads(settings)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than json reads
        document = None
    if not isinstance(document, dict):
        msg = (
            "settings must be a JSON object (the branding editor's settings document); "
            f"got {settings!r}"
        )
        raise ValueError(msg)  # noqa: TRY004 - a str whose JSON content is wrong: a value


def check_managed_login(value: object) -> ManagedLogin | None:
    """Return ``value`` as a ``ManagedLogin`` or None, raising ``TypeError`` otherwise."""
    if value is not None and not isinstance(value, ManagedLogin):
        msg = (
            "managed_login must be a ManagedLogin (ManagedLogin() for Cognito's style) or "
            f"None (the classic hosted UI); got {received(value)}"
        )
        raise TypeError(msg)
    return value
