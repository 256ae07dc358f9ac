"""What the HTTP machinery and the stream readers need of a client, and nothing more.

``mastodon._http`` and the streaming modules sit below the endpoint mixins and the client class,
and never import them, not even for type checking. They take any object with these attributes;
:class:`mastodon.Mastodon` is one.
"""

from __future__ import annotations

from typing import Any, Protocol

import requests

from mastodon._http.ratelimit import RateLimiter

__all__ = ["HTTPClient", "StreamingClient"]


class HTTPClient(Protocol):
    """The settings and state one request is made with (see :func:`mastodon._http.request.send`)."""

    api_base_url: str
    access_token: str | None
    user_agent: str | None
    request_timeout: Any
    session: requests.Session
    lang: str | None
    debug_requests: bool
    retries: int
    retry_backoff: float
    retry_backoff_max: float
    _ratelimiter: RateLimiter


class StreamingClient(HTTPClient, Protocol):
    """A client that can open streams: it also knows where its streaming server is."""

    def _streaming_base_url(self) -> str: ...

    def _auth_headers(self) -> dict[str, str]: ...
