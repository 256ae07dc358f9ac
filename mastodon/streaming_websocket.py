"""Streaming over one WebSocket connection that carries several streams.

Needs the ``websocket-client`` package: ``pip install mastodon[websocket]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mastodon.compat import IMPL_HAS_WEBSOCKET
from mastodon.errors import (
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from mastodon.streaming import StreamHandle, StreamListener

if TYPE_CHECKING:
    from mastodon.methods._base import MethodsBase

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

    def subscribe(self, stream: str, listener: StreamListener | None = None, **params: Any) -> WebSocketSubscription:
        """Subscribe to a stream."""
        raise NotImplementedError


class WebSocketSubscription:
    """One stream within a WebSocket connection."""


def open_websocket(
    client: MethodsBase,
    listener: StreamListener | None,
    timeout: float | None,
    reconnect_async: bool,
    reconnect_async_wait_sec: float,
) -> WebSocketStreamHandle:
    """Open a WebSocket streaming connection."""
    raise NotImplementedError
