"""Streaming: listeners and stream handles (placeholder; the full implementation follows)."""

from __future__ import annotations

from mastodon.errors import MastodonMalformedEventError, MastodonNetworkError, MastodonReadTimeout
from mastodon.return_types import Announcement, Conversation, Notification, Status, StreamReaction
from mastodon.types_base import AttribAccessDict, IdType, try_cast_recurse

__all__ = [
    "Announcement",
    "AttribAccessDict",
    "CallbackStreamListener",
    "Conversation",
    "IdType",
    "MastodonMalformedEventError",
    "MastodonNetworkError",
    "MastodonReadTimeout",
    "Notification",
    "SSEStreamHandle",
    "Status",
    "StreamHandle",
    "StreamListener",
    "StreamReaction",
    "try_cast_recurse",
]


class StreamListener:
    """Receives streaming events."""


class CallbackStreamListener(StreamListener):
    """A listener that calls functions given to it."""


class StreamHandle:
    """A running stream."""


class SSEStreamHandle(StreamHandle):
    """A stream over server-sent events."""
