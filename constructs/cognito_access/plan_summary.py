"""The plan summary's former home, kept so that existing imports go on working.

The code lives in ``cognito_access.review``.
"""

from __future__ import annotations

from cognito_access.review import GITHUB_COMMENT_LIMIT, MARKER, main, summarize

__all__ = ["GITHUB_COMMENT_LIMIT", "MARKER", "main", "summarize"]
