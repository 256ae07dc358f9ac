"""Streaming over one WebSocket connection that carries several streams.

Open the connection with :meth:`mastodon.Mastodon.stream_open_websocket`, then subscribe to
streams, either with :meth:`WebSocketStreamHandle.subscribe` or by passing the handle as
``websocket_handle`` to a ``stream_*`` method. Each subscription may have its own listener.
Servers without SSE streaming (GoToSocial, for one) can be streamed this way.

Needs the ``websocket-client`` package: ``pip install mastodon[websocket]``. It is imported only
when a connection is opened.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from mastodon._http.request import identity_headers
from mastodon.compat import IMPL_HAS_WEBSOCKET
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
    error_class_for_status,
)
from mastodon.streaming import DEFAULT_RECONNECT_WAIT_SEC, DEFAULT_STREAM_TIMEOUT, StreamHandle, StreamListener

if TYPE_CHECKING:
    from mastodon._http.protocol import StreamingClient

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

log = logging.getLogger("mastodon")

_EXTRA_HINT = "WebSocket streaming needs the websocket-client package: pip install mastodon[websocket]"


class MastodonWebSocketUnavailableError(MastodonError, NotImplementedError):
    """The ``websocket-client`` package is not installed."""


def _websocket_module() -> Any:
    try:
        import websocket
    except ImportError as exc:
        raise MastodonWebSocketUnavailableError(_EXTRA_HINT) from exc
    return websocket


def websocket_url(streaming_base: str) -> str:
    """The WebSocket endpoint under a streaming base URL (``https://`` becomes ``wss://``).

    Raises:
        MastodonIllegalArgumentError: The base URL is neither http(s) nor ws(s).
    """
    base = streaming_base.rstrip("/")
    for plain, secure in (("https://", "wss://"), ("http://", "ws://"), ("wss://", "wss://"), ("ws://", "ws://")):
        if base.startswith(plain):
            return secure + base[len(plain) :] + "/api/v1/streaming"
    raise MastodonIllegalArgumentError(f"cannot stream over WebSocket from {streaming_base!r}")


def _subscription_key(stream: str, params: Mapping[str, Any]) -> tuple[str, ...]:
    if stream in ("hashtag", "hashtag:local"):
        return (stream, str(params.get("tag", "")).lower())
    if stream == "list":
        return (stream, str(params.get("list", "")))
    return (stream,)


def _message_key(stream: Any) -> tuple[str, ...] | None:
    if isinstance(stream, str):
        stream = [stream]
    if not isinstance(stream, list) or not stream:
        return None
    parts = [str(part) for part in stream]
    if parts[0] in ("hashtag", "hashtag:local") and len(parts) > 1:
        parts[1] = parts[1].lower()
    return tuple(parts)


class WebSocketSubscription:
    """One stream carried by a :class:`WebSocketStreamHandle`.

    Attributes:
        websocket: The connection that carries it.
        stream: The stream's name (``user``, ``hashtag``, ``public:local``, ...).
        params: Its parameters (``tag`` or ``list``).
        listener: Receives its events.
        active: False once unsubscribed or closed.
    """

    def __init__(
        self, websocket: WebSocketStreamHandle, stream: str, params: Mapping[str, Any], listener: StreamListener
    ) -> None:
        self.websocket = websocket
        self.stream = stream
        self.params = dict(params)
        self.listener = listener
        self.active = True

    def close(self) -> None:
        """Unsubscribe; the connection stays open for other subscriptions."""
        if self.active:
            self.websocket._unsubscribe(self)

    def is_alive(self) -> bool:
        """Whether the subscription is active and its connection's thread runs."""
        return self.active and self.websocket.is_alive()

    def is_receiving(self) -> bool:
        """Whether the subscription is active and its connection is reading events."""
        return self.active and self.websocket.is_receiving()


class WebSocketStreamHandle(StreamHandle):
    """A WebSocket connection to the streaming server that carries any number of streams.

    The connection is opened by the constructor (errors are raised there); a daemon thread
    then reads it. With ``reconnect``, a lost connection is opened again after
    ``reconnect_wait_sec`` seconds and every subscription is renewed.

    Args:
        url: The WebSocket endpoint (``wss://host/api/v1/streaming``).
        access_token: Sent as a bearer token with the upgrade request.
        user_agent: Sent as ``User-Agent``.
        listener: Receives events of subscriptions that have no listener of their own.
        timeout: Seconds without data after which the connection counts as dead.
        reconnect: Reconnect and resubscribe after the connection is lost.
        reconnect_wait_sec: Seconds to wait before reconnecting.
    """

    def __init__(
        self,
        url: str,
        access_token: str | None,
        user_agent: str | None,
        listener: StreamListener | None = None,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect: bool = False,
        reconnect_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
    ) -> None:
        self.url = url
        self.access_token = access_token
        self.user_agent = user_agent
        self.listener = listener
        self.timeout = timeout
        self.reconnect = reconnect
        self.reconnect_wait_sec = reconnect_wait_sec
        self.closed = False
        self.running = False
        self.reconnecting = False
        self.error = None
        self.connection: Any = None
        self._thread = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._subscriptions: dict[tuple[str, ...], WebSocketSubscription] = {}
        self._connect()

    def subscriptions(self) -> list[WebSocketSubscription]:
        """The active subscriptions."""
        with self._lock:
            return list(self._subscriptions.values())

    def subscribe(self, stream: str, listener: StreamListener | None = None, **params: Any) -> WebSocketSubscription:
        """Subscribe to a stream on this connection.

        Args:
            stream: ``user``, ``user:notification``, ``direct``, ``public``, ``public:local``,
                ``public:remote``, ``public:media``, ``public:local:media``,
                ``public:remote:media``, ``hashtag``, ``hashtag:local`` or ``list``.
            listener: Receives this stream's events; by default the connection's listener.
            **params: ``tag`` (without ``#``) for hashtag streams, ``list`` (an ID) for lists.

        Returns:
            The subscription; :meth:`WebSocketSubscription.close` ends it.

        Raises:
            MastodonIllegalArgumentError: No listener, a missing parameter, a stream already
                subscribed, or a closed connection.
        """
        listener = listener if listener is not None else self.listener
        if listener is None:
            raise MastodonIllegalArgumentError("a listener is needed to subscribe to a stream")
        if not isinstance(stream, str) or not stream:
            raise MastodonIllegalArgumentError(f"stream must be a stream name, not {stream!r}")
        if stream in ("hashtag", "hashtag:local") and not params.get("tag"):
            raise MastodonIllegalArgumentError(f"the {stream} stream needs tag=")
        if stream == "list" and not params.get("list"):
            raise MastodonIllegalArgumentError("the list stream needs list=")
        key = _subscription_key(stream, params)
        subscription = WebSocketSubscription(self, stream, params, listener)
        with self._lock:
            if self.closed:
                raise MastodonIllegalArgumentError("this WebSocket connection is closed")
            if key in self._subscriptions:
                raise MastodonIllegalArgumentError(f"already subscribed to {':'.join(key)}")
            self._subscriptions[key] = subscription
        try:
            self._send({"type": "subscribe", "stream": stream, **params})
        except BaseException:
            with self._lock:
                self._subscriptions.pop(key, None)
            subscription.active = False
            raise
        return subscription

    def unsubscribe(self, stream: str, **params: Any) -> WebSocketStreamHandle:
        """End the subscription with this stream name and these parameters.

        Raises:
            MastodonIllegalArgumentError: There is no such subscription.
        """
        with self._lock:
            subscription = self._subscriptions.get(_subscription_key(stream, params))
        if subscription is None:
            raise MastodonIllegalArgumentError(f"not subscribed to {stream}")
        self._unsubscribe(subscription)
        return self

    def close(self) -> None:
        """Close the connection and end every subscription; returns at once."""
        with self._lock:
            self.closed = True
            self.running = False
            self._stop.set()
            connection = self.connection
            for subscription in self._subscriptions.values():
                subscription.active = False
            self._subscriptions.clear()
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.send_close()
            with contextlib.suppress(Exception):
                connection.abort()

    def __exit__(self, *exc_info: object) -> None:
        self.close()
        self.join()

    # -- internals -----------------------------------------------------------------------------

    def _connect(self) -> None:
        websocket = _websocket_module()
        headers = [f"{name}: {value}" for name, value in identity_headers(self.user_agent, self.access_token).items()]
        try:
            connection = websocket.create_connection(
                self.url, header=headers, timeout=self.timeout, enable_multithread=True
            )
        except Exception as exc:
            raise _translate(exc, websocket) from exc
        with self._lock:
            if self.closed:
                with contextlib.suppress(Exception):
                    connection.close()
                return
            self.connection = connection

    def _send(self, message: Mapping[str, Any]) -> None:
        with self._lock:
            connection = self.connection
        if connection is None:
            return  # sent again on reconnection
        try:
            connection.send(json.dumps(message, separators=(",", ":")))
        except Exception as exc:
            raise _translate(exc, _websocket_module()) from exc

    def _unsubscribe(self, subscription: WebSocketSubscription) -> None:
        key = _subscription_key(subscription.stream, subscription.params)
        with self._lock:
            subscription.active = False
            if self._subscriptions.get(key) is not subscription:
                return
            del self._subscriptions[key]
        self._send({"type": "unsubscribe", "stream": subscription.stream, **subscription.params})

    def _listeners(self) -> list[StreamListener]:
        with self._lock:
            candidates = [self.listener, *(s.listener for s in self._subscriptions.values())]
        unique: dict[int, StreamListener] = {}
        for listener in candidates:
            if listener is not None:
                unique.setdefault(id(listener), listener)
        return list(unique.values())

    def _abort(self, error: Exception) -> None:
        for listener in self._listeners():
            listener.on_abort(error)

    def _start(self) -> WebSocketStreamHandle:
        self.running = True
        self._thread = threading.Thread(target=self._run, name="mastodon-websocket", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            while not self.closed:
                connection = self.connection
                if connection is None:
                    if not self._reconnect():
                        return
                    continue
                try:
                    message = connection.recv()
                    if not message:
                        raise MastodonNetworkError("the streaming server closed the WebSocket connection")
                except Exception as exc:
                    if self.closed:
                        return
                    error = exc if isinstance(exc, MastodonNetworkError) else _translate(exc, _websocket_module())
                    self._drop(connection)
                    self._abort(error)
                    if not self.reconnect:
                        self.error = error
                        return
                    continue
                try:
                    self._handle(message)
                except MastodonMalformedEventError as exc:
                    # The listener has been told (on_abort); one bad message does not end the stream.
                    if not self.reconnect:
                        self.error = exc
                        self._drop(connection)
                        return
        except BaseException as exc:
            self.error = exc
            raise
        finally:
            self.running = False
            self.reconnecting = False
            if self.connection is not None:
                self._drop(self.connection)

    def _drop(self, connection: Any) -> None:
        with self._lock:
            if self.connection is connection:
                self.connection = None
        with contextlib.suppress(Exception):
            connection.shutdown()

    def _reconnect(self) -> bool:
        self.reconnecting = True
        try:
            while not self._stop.wait(max(self.reconnect_wait_sec, 0)):
                try:
                    self._connect()
                except MastodonAPIError as exc:
                    self._abort(exc)
                    status = exc.status_code
                    if status is not None and status < 500 and status not in (408, 429):
                        self.error = exc
                        return False
                    continue
                except MastodonNetworkError as exc:
                    log.info("WebSocket stream could not reconnect (%s); retrying", exc)
                    continue
                if self.connection is None:
                    return False  # closed while connecting
                for subscription in self.subscriptions():
                    self._send({"type": "subscribe", "stream": subscription.stream, **subscription.params})
                return True
            return False
        finally:
            self.reconnecting = False

    def _handle(self, raw: str | bytes) -> None:
        try:
            message = json.loads(raw)
        except ValueError as exc:
            error = MastodonMalformedEventError("Bad JSON", raw)
            self._abort(error)
            raise error from exc
        if not isinstance(message, dict):
            error = MastodonMalformedEventError("Malformed WebSocket message", message)
            self._abort(error)
            raise error
        if "error" in message:
            status = message.get("status")
            code = status if isinstance(status, int) else 400
            failure = error_class_for_status(code)("Mastodon API returned error", code, None, message["error"])
            for listener in self._listeners():
                listener.on_websocket_error(failure, message.get("stream"))
            return
        key = _message_key(message.get("stream"))
        with self._lock:
            subscription = self._subscriptions.get(key) if key is not None else None
        target = subscription.listener if subscription is not None else self.listener
        if target is not None:
            target.handle_websocket_message(message)


def _translate(exc: BaseException, websocket: Any) -> MastodonError:
    """The Mastodon error for a failure of the WebSocket library or the socket under it."""
    if isinstance(exc, MastodonError):
        return exc
    status = getattr(exc, "status_code", None)
    if isinstance(exc, websocket.WebSocketBadStatusException) and isinstance(status, int):
        text: Any = getattr(exc, "resp_body", None)
        with contextlib.suppress(Exception):
            body = json.loads(text) if text else None
            text = body.get("error", text) if isinstance(body, dict) else text
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        return error_class_for_status(status)("Mastodon API returned error", status, None, text or str(exc))
    if isinstance(exc, (websocket.WebSocketTimeoutException, TimeoutError)):
        return MastodonReadTimeout(f"Timed out while reading from the streaming server: {exc}")
    return MastodonNetworkError(f"The WebSocket streaming connection failed: {type(exc).__name__}: {exc}")


def open_websocket(
    client: StreamingClient,
    listener: StreamListener | None,
    timeout: float | None,
    reconnect_async: bool,
    reconnect_async_wait_sec: float,
) -> WebSocketStreamHandle:
    """Open a WebSocket streaming connection for ``client`` and start reading it.

    Raises:
        MastodonWebSocketUnavailableError: ``websocket-client`` is not installed.
        MastodonAPIError: The server refused the connection.
        MastodonNetworkError: The server could not be reached.
    """
    _websocket_module()
    handle = WebSocketStreamHandle(
        websocket_url(client._streaming_base_url()),
        client.access_token,
        client.user_agent,
        listener=listener,
        timeout=timeout,
        reconnect=reconnect_async,
        reconnect_wait_sec=reconnect_async_wait_sec,
    )
    return handle._start()
