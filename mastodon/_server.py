"""Plain facts about servers that every layer may use: the API version this library covers,
and how a server's base URL is written.

This module imports nothing from the rest of the package except the errors, so the client,
the endpoint mixins and the HTTP machinery can all depend on it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mastodon.errors import MastodonIllegalArgumentError

__all__ = ["SUPPORTED_VERSION", "normalize_base_url"]

#: The newest Mastodon version whose API this library covers.
SUPPORTED_VERSION = "4.6.0"


def normalize_base_url(url: Any) -> str:
    """``https://`` added when no scheme is given, trailing slashes removed.

    Raises:
        MastodonIllegalArgumentError: ``url`` is not a usable http(s) base URL.
    """
    if not isinstance(url, str) or not url.strip():
        raise MastodonIllegalArgumentError(f"api_base_url must be a URL such as 'https://mastodon.social', not {url!r}")
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    if any(char.isspace() for char in text):
        raise MastodonIllegalArgumentError(f"api_base_url cannot contain white space: {url!r}")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError:
        raise MastodonIllegalArgumentError(f"api_base_url is not a valid URL: {url!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise MastodonIllegalArgumentError(f"api_base_url must be an http(s) URL, not {url!r}")
    return text.rstrip("/")
