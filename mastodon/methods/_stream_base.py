"""What the streaming methods share: checking their options and opening the stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from mastodon._stream_catchup import DEFAULT_CATCH_UP_LIMIT, CatchUp, Feed
from mastodon._stream_settings import DEFAULT_HEARTBEAT_INTERVAL
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Conversation, NonPaginatableList, Notification, Status

# The listeners, the stream handles and the readers behind them are loaded when a stream is first
# opened: a client that never streams does not pay for their import.
if TYPE_CHECKING:
    from mastodon.streaming import SSEStreamHandle, StreamHandle, StreamListener
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


_ENTRY_TYPES: dict[str, Any] = {
    "update": NonPaginatableList[Status],
    "notification": NonPaginatableList[Notification],
    "conversation": NonPaginatableList[Conversation],
}


class StreamBase(MethodsBase):
    """Opens a stream over SSE, or subscribes on an open WebSocket connection.

    Attributes:
        stream_heartbeat_interval: Seconds between the heartbeats of the streaming server
            (Mastodon sends one every 15). A stream left at the default ``timeout`` counts as
            dead after twice this without data.
        stream_catch_up_limit: The most missed events a stream with ``catch_up=True`` delivers
            after one reconnect; past it the listener gets ``on_gap`` instead.
    """

    stream_heartbeat_interval: float = DEFAULT_HEARTBEAT_INTERVAL
    stream_catch_up_limit: int = DEFAULT_CATCH_UP_LIMIT

    # -- what a stream catches up from ---------------------------------------------------------

    def _feed(self, event: str, path: str, params: dict[str, Any] | None = None, cursor: bool = True) -> Feed:
        """A feed read from ``path``, paged by ``min_id`` (unless ``cursor`` is False)."""
        rtype = _ENTRY_TYPES[event]

        def fetch(min_id: str | None, limit: int) -> Any:
            query = {**(params or {}), "min_id": min_id if cursor else None, "limit": limit}
            return self._call("GET", path, rtype, params=query)

        return Feed(event, fetch)

    def _user_feeds(self) -> list[Feed]:
        return [self._feed("update", "/api/v1/timelines/home"), self._feed("notification", "/api/v1/notifications")]

    def _direct_feeds(self) -> list[Feed]:
        # Conversations are not paged by status ID: the newest page is read and filtered.
        return [self._feed("conversation", "/api/v1/conversations", cursor=False)]

    def _timeline_feeds(self, kind: str, **options: Any) -> list[Feed]:
        flags = {name: True for name in ("local", "remote", "only_media") if options.get(name)}
        if kind == "tag":
            return [self._feed("update", f"/api/v1/timelines/tag/{quote(str(options['hashtag']), safe='')}", flags)]
        if kind == "list":
            return [self._feed("update", f"/api/v1/timelines/list/{options['id']}")]
        return [self._feed("update", "/api/v1/timelines/public", flags)]

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
        catch_up: Callable[[], list[Feed]] | None = None,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Open (or subscribe to) a stream; ``feed`` names the public feed it follows, if any, as
        ``(feed, local, remote)`` for :meth:`timeline_is_available`: a warning says when the
        server closes that feed to this client. ``catch_up`` gives the feeds a stream catches up
        from after a reconnect."""
        check_listener(listener)
        check_seconds("timeout", timeout, allow_none=True, allow_zero=False)
        check_seconds("reconnect_async_wait_sec", reconnect_async_wait_sec, allow_none=False, allow_zero=True)
        if feed is not None:
            kind, local, remote = feed
            self._warn_if_unavailable(f"The {kind} stream", kind, local, remote)
        # Over WebSocket the stream name already says "media"; the other parameters go along.
        extra = {key: value for key, value in (params or {}).items() if key != "only_media"}
        # Catching up needs a stream that outlives a connection: a background or WebSocket one.
        wanted = catch_up is not None and (run_async or websocket_handle is not None)
        plan = CatchUp(catch_up(), self.stream_catch_up_limit) if catch_up is not None and wanted else None
        if websocket_handle is not None:
            from mastodon.streaming_websocket import WebSocketStreamHandle

            if not isinstance(websocket_handle, WebSocketStreamHandle):
                raise MastodonIllegalArgumentError("websocket_handle must be a WebSocketStreamHandle")
            return websocket_handle.subscribe(stream, listener, catch_up=plan, **extra)

        def over_websocket() -> StreamHandle:
            # For servers that stream only over WebSocket (GoToSocial): the same stream, there.
            from mastodon.streaming_websocket import open_websocket

            handle = open_websocket(self, None, timeout, bool(reconnect_async), reconnect_async_wait_sec)
            handle.subscribe(stream, listener, catch_up=plan, **extra)
            return handle

        from mastodon._stream_handles import run_stream

        return run_stream(
            self,
            path,
            params,
            listener,
            bool(run_async),
            timeout,
            bool(reconnect_async),
            reconnect_async_wait_sec,
            plan,
            over_websocket,
        )
