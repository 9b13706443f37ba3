"""Checks of a deployed setup: Cloudflare's identity provider, the pool, the client, the hosted UI.

From the command line: ``cognito-access-verify [--outputs FILE] [--stack NAME]
[--account-id ID] [--expect-pkce on|off] [--timeout SECONDS] [--json]``; see ``main``.
This package imports neither cdktf nor the provider packages, and boto3 only when the
checks run, so the command starts quickly.
"""

from __future__ import annotations

from cognito_access.verify._cli import main

__all__ = ["main"]
