"""What the streaming methods share: checking their options and opening the stream."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.streaming import SSEStreamHandle, StreamListener, run_stream

if TYPE_CHECKING:
    from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription

__all__ = ["StreamBase", "check_listener", "check_seconds"]


def check_listener(listener: Any) -> None:
    """Refuse a listener that lacks the methods events are delivered to."""
    if listener is None or not callable(getattr(listener, "on_unknown_event", None)):
        raise MastodonIllegalArgumentError(
            f"listener must be a StreamListener (or have its methods), not {type(listener).__name__}"
        )


def check_seconds(name: str, value: Any, allow_none: bool, allow_zero: bool) -> None:
    """Refuse a number of seconds that a stream cannot wait."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (value == 0 and not allow_zero):
        least = "0 or more" if allow_zero else "more than 0"
        raise MastodonIllegalArgumentError(f"{name} must be a number of seconds ({least}), not {value!r}")


class StreamBase(MethodsBase):
    """Opens a stream over SSE, or subscribes on an open WebSocket connection."""

    def _stream(
        self,
        path: str,
        stream: str,
        listener: StreamListener,
        params: dict[str, str] | None,
        run_async: bool,
        timeout: float | None,
        reconnect_async: bool,
        reconnect_async_wait_sec: float,
        websocket_handle: WebSocketStreamHandle | None,
        feed: tuple[str, bool, bool] | None = None,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Open (or subscribe to) a stream; ``feed`` names the public feed it follows, if any, as
        ``(feed, local, remote)`` for :meth:`timeline_is_available`: a warning says when the
        server closes that feed to this client."""
        check_listener(listener)
        check_seconds("timeout", timeout, allow_none=True, allow_zero=False)
        check_seconds("reconnect_async_wait_sec", reconnect_async_wait_sec, allow_none=False, allow_zero=True)
        if feed is not None:
            kind, local, remote = feed
            self._warn_if_unavailable(f"The {kind} stream", kind, local, remote)
        if websocket_handle is not None:
            from mastodon.streaming_websocket import WebSocketStreamHandle

            if not isinstance(websocket_handle, WebSocketStreamHandle):
                raise MastodonIllegalArgumentError("websocket_handle must be a WebSocketStreamHandle")
            # The stream name already says "media"; the rest of the parameters go along.
            extra = {key: value for key, value in (params or {}).items() if key != "only_media"}
            return websocket_handle.subscribe(stream, listener=listener, **extra)
        return run_stream(
            self, path, params, listener, bool(run_async), timeout, bool(reconnect_async), reconnect_async_wait_sec
        )
