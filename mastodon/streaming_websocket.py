"""Streaming over WebSocket (placeholder; the full implementation follows)."""

from __future__ import annotations

from mastodon.compat import IMPL_HAS_WEBSOCKET
from mastodon.errors import (
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from mastodon.streaming import StreamHandle

__all__ = [
    "IMPL_HAS_WEBSOCKET",
    "MastodonAPIError",
    "MastodonIllegalArgumentError",
    "MastodonMalformedEventError",
    "MastodonNetworkError",
    "MastodonReadTimeout",
    "StreamHandle",
    "WebSocketStreamHandle",
    "WebSocketSubscription",
]


class WebSocketStreamHandle(StreamHandle):
    """A multiplexed WebSocket stream."""


class WebSocketSubscription:
    """One stream within a WebSocket connection."""
