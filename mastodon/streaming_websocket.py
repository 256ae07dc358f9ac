"""Streaming over one WebSocket connection that carries several streams.

Open the connection with :meth:`mastodon.Mastodon.stream_open_websocket`, then subscribe to
streams, either with :meth:`WebSocketStreamHandle.subscribe` or by passing the handle as
``websocket_handle`` to a ``stream_*`` method. Each subscription may have its own listener.
Servers without SSE streaming (GoToSocial, for one) can be streamed this way.

The connection is made when the first stream is named, and its address names that stream
(``/api/v1/streaming?stream=user``): Mastodon takes streams both in the address and as
``subscribe`` messages, but some servers only take the first. The first stream is subscribed
with a message as well; a server that then subscribes it twice sends each of its events twice,
and the copy is dropped here.

Needs the ``websocket-client`` package: ``pip install mastodon[websocket]``. It is imported only
when a connection is opened.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import socket
import threading
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

from mastodon._http.request import api_error, identity_headers
from mastodon._http.sse import Dispatcher
from mastodon._stream_catchup import CatchUp
from mastodon._stream_handles import listener_failed
from mastodon._ws_handshake import handshake_options, session_options
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
from mastodon.streaming import (
    DEFAULT_HEARTBEAT_INTERVAL,
    DEFAULT_RECONNECT_MAX_WAIT_SEC,
    DEFAULT_RECONNECT_WAIT_SEC,
    DEFAULT_STREAM_TIMEOUT,
    StreamHandle,
    StreamListener,
    reconnect_delay,
    silence_limit,
    websocket_event,
)

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
    "handshake_options",
    "session_options",
]

log = logging.getLogger("mastodon")

_EXTRA_HINT = "WebSocket streaming needs the websocket-client package: pip install mastodon[websocket]"

#: The parameters a stream can take, in the order they go into a connection address.
_STREAM_PARAMS = ("tag", "list")

#: Events whose payload names what it is about: the same message twice on one connection is a
#: copy. ``filters_changed`` and the like carry nothing to tell two of them apart, so they always pass.
_IDENTIFIED_EVENTS = frozenset(
    {"update", "status.update", "notification", "delete", "conversation", "announcement", "announcement.delete"}
)
#: How many recent messages are remembered to recognise a copy.
_RECENT_MESSAGES = 64


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


def check_subscription(stream: Any, params: Mapping[str, Any]) -> None:
    """Refuse a stream that no server could subscribe to.

    Raises:
        MastodonIllegalArgumentError: The name is not text, a parameter other than ``tag`` or
            ``list`` is given, or the parameter the stream needs is missing.
    """
    if not isinstance(stream, str) or not stream:
        raise MastodonIllegalArgumentError(f"stream must be a stream name, not {stream!r}")
    unknown = sorted(set(params) - set(_STREAM_PARAMS))
    if unknown:
        raise MastodonIllegalArgumentError(
            f"streams take tag= or list=, not {', '.join(unknown)}= (in the stream name: public:local:media)"
        )
    if stream in ("hashtag", "hashtag:local"):
        tag = params.get("tag")
        if not isinstance(tag, str) or not tag.strip():
            raise MastodonIllegalArgumentError(f"the {stream} stream needs tag= (the hashtag, without #)")
        if tag.startswith("#"):
            raise MastodonIllegalArgumentError("tag must be given without the leading #")
    if stream == "list" and not params.get("list"):
        raise MastodonIllegalArgumentError("the list stream needs list= (the list's ID)")


def connection_url(endpoint: str, stream: str | None, params: Mapping[str, Any], access_token: str | None) -> str:
    """The address to connect to: the endpoint, naming ``stream`` and, if given, the token.

    Args:
        endpoint: ``wss://host/api/v1/streaming``.
        stream: The stream to name, or None for none.
        params: The stream's ``tag`` or ``list``.
        access_token: Put into the address too (only for servers that read it nowhere else).
    """
    pairs = []
    if stream:
        pairs.append(("stream", stream))
        pairs += [(name, str(params[name])) for name in _STREAM_PARAMS if params.get(name) is not None]
    if access_token:
        pairs.append(("access_token", access_token))
    return endpoint + ("?" + urlencode(pairs, safe=":") if pairs else "")


# -- subscriptions and the connection ---------------------------------------------------------------------


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
        #: The catch-up state of a subscription made with ``catch_up=True``, else ``None``.
        self.catch_up: CatchUp | None = None
        self._dispatcher: Dispatcher | None = None

    def _deliver_message(self, message: Mapping[str, Any]) -> None:
        """Dispatch a message of a caught-up subscription, dropping events delivered already."""
        if self._dispatcher is None:
            self._dispatcher = Dispatcher(self.listener, self.catch_up.admit if self.catch_up is not None else None)
        self._dispatcher.dispatch(*websocket_event(self.listener, message))

    def _fill(self, stopped: Any) -> None:
        """Fetch and deliver what this subscription missed while its connection was down."""
        catch_up = self.catch_up
        if catch_up is None:
            return
        if self._dispatcher is None:
            self._dispatcher = Dispatcher(self.listener, catch_up.admit)
        dispatcher = self._dispatcher

        def deliver(name: str, payload: Any) -> None:
            try:
                dispatcher.deliver(name, payload, [self.stream])
            except Exception as exc:
                listener_failed(self.listener, exc)

        def gap(found: Any) -> None:
            with contextlib.suppress(Exception):
                self.listener.on_gap(found)

        catch_up.fill(deliver, gap, stopped)

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

    Nothing is sent until the first subscription: that connects (errors are raised by
    :meth:`subscribe` then), with the stream named in the address, and starts a daemon thread
    that reads the connection. With ``reconnect``, a lost connection is opened again after
    ``reconnect_wait_sec`` seconds, its address naming one of the subscriptions, and every
    subscription is sent again.

    Args:
        url: The WebSocket endpoint (``wss://host/api/v1/streaming``).
        access_token: Sent as a bearer token with the upgrade request.
        user_agent: Sent as ``User-Agent``.
        listener: Receives events of subscriptions that have no listener of their own.
        timeout: Seconds without data after which the connection counts as dead.
        reconnect: Reconnect and resubscribe after the connection is lost.
        reconnect_wait_sec: Seconds to wait before reconnecting.
        options: More options for ``websocket.create_connection`` (proxy and TLS settings,
            see :func:`handshake_options`).
        token_in_url: Also put the access token into the address, for servers that read it
            only there. Addresses end up in access logs: use it only where it is needed.
        silent_after: Seconds without data after which the connection counts as dead (instead
            of ``timeout``); the connection is pinged after half of them without data.

    Attributes:
        reconnect_max_wait_sec: The longest wait between two reconnection attempts.
        attempts: Reconnection attempts since the connection last worked.
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
        *,
        options: Mapping[str, Any] | None = None,
        token_in_url: bool = False,
        silent_after: float | None = None,
    ) -> None:
        self.url = url
        self.access_token = access_token
        self.user_agent = user_agent
        self.listener = listener
        self.timeout = timeout
        self.reconnect = reconnect
        self.reconnect_wait_sec = reconnect_wait_sec
        self.options = dict(options or {})
        self.token_in_url = token_in_url
        self.silent_after = silent_after
        self.reconnect_max_wait_sec = DEFAULT_RECONNECT_MAX_WAIT_SEC
        self.attempts = 0
        self.closed = False
        self.running = False
        self.reconnecting = False
        self.error = None
        self.connection: Any = None
        self._thread = None
        self._lock = threading.RLock()
        self._connecting = threading.Lock()
        self._stop = threading.Event()
        self._subscriptions: dict[tuple[str, ...], WebSocketSubscription] = {}
        self._recent: deque[str] = deque()
        self._pinged = False
        self._recent_set: set[str] = set()

    def subscriptions(self) -> list[WebSocketSubscription]:
        """The active subscriptions."""
        with self._lock:
            return list(self._subscriptions.values())

    def subscribe(
        self, stream: str, listener: StreamListener | None = None, *, catch_up: CatchUp | None = None, **params: Any
    ) -> WebSocketSubscription:
        """Subscribe to a stream on this connection; the first subscription connects.

        Args:
            stream: ``user``, ``user:notification``, ``direct``, ``public``, ``public:local``,
                ``public:remote``, ``public:media``, ``public:local:media``,
                ``public:remote:media``, ``hashtag``, ``hashtag:local`` or ``list``.
            listener: Receives this stream's events; by default the connection's listener.
            catch_up: The catch-up state a ``stream_*`` method with ``catch_up=True`` passes:
                after a reconnection, what the stream missed is fetched and delivered first.
            **params: ``tag`` (without ``#``) for hashtag streams, ``list`` (an ID) for lists.

        Returns:
            The subscription; :meth:`WebSocketSubscription.close` ends it.

        Raises:
            MastodonIllegalArgumentError: No listener, a missing parameter, a stream already
                subscribed, or a closed connection.
            MastodonAPIError: The server refused the connection (first subscription only).
            MastodonNetworkError: The server could not be reached (first subscription only).
        """
        listener = listener if listener is not None else self.listener
        if listener is None:
            raise MastodonIllegalArgumentError("a listener is needed to subscribe to a stream")
        check_subscription(stream, params)
        key = _subscription_key(stream, params)
        subscription = WebSocketSubscription(self, stream, params, listener)
        if catch_up is not None:
            catch_up.anchor()
            subscription.catch_up = catch_up
        with self._lock:
            if self.closed:
                raise MastodonIllegalArgumentError("this WebSocket connection is closed")
            if key in self._subscriptions:
                raise MastodonIllegalArgumentError(f"already subscribed to {':'.join(key)}")
            self._subscriptions[key] = subscription
        try:
            with self._connecting:
                if self._thread is None and not self.closed:
                    self._connect()
                    self._start()
            self._send(_subscribe_message("subscribe", subscription))
        except BaseException:
            with self._lock:
                if self._subscriptions.get(key) is subscription:
                    del self._subscriptions[key]
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
            # The reading thread may wait for an answer to that close that some servers never
            # send; shutting the socket down ends its wait. (The library's abort() does nothing
            # once a close was sent.)
            with contextlib.suppress(Exception):
                connection.sock.shutdown(socket.SHUT_RDWR)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(1.0)

    def __exit__(self, *exc_info: object) -> None:
        self.close()
        self.join()

    # -- internals -----------------------------------------------------------------------------

    def _connect(self) -> None:
        """Connect, naming the oldest subscription in the address (or none, if there is none)."""
        websocket = _websocket_module()
        headers = [f"{name}: {value}" for name, value in identity_headers(self.user_agent, self.access_token).items()]
        with self._lock:
            first = next(iter(self._subscriptions.values()), None)
        stream, params = (first.stream, first.params) if first is not None else (None, {})
        token = self.access_token if self.token_in_url else None
        url = connection_url(self.url, stream, params, token)
        try:
            timeout = self.silent_after / 2 if self.silent_after is not None else self.timeout
            connection = websocket.create_connection(
                url, header=headers, timeout=timeout, enable_multithread=True, **self.options
            )
        except Exception as exc:
            shown = connection_url(self.url, stream, params, None)
            raise _translate(exc, websocket, self.access_token, shown) from exc
        with self._lock:
            if self.closed:
                with contextlib.suppress(Exception):
                    connection.close()
                return
            self.connection = connection
            self._recent.clear()
            self._recent_set.clear()

    def _send(self, message: Mapping[str, Any]) -> None:
        with self._lock:
            connection = self.connection
        if connection is None:
            return  # sent again on reconnection
        try:
            connection.send(json.dumps(message, separators=(",", ":")))
        except Exception as exc:
            raise _translate(exc, _websocket_module(), self.access_token) from exc

    def _unsubscribe(self, subscription: WebSocketSubscription) -> None:
        key = _subscription_key(subscription.stream, subscription.params)
        with self._lock:
            subscription.active = False
            if self._subscriptions.get(key) is not subscription:
                return
            del self._subscriptions[key]
        self._send(_subscribe_message("unsubscribe", subscription))

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
        self._notify("on_connected")
        try:
            while not self.closed:
                connection = self.connection
                if connection is None:
                    if not self._reconnect():
                        return
                    continue
                try:
                    message = self._receive(connection, _websocket_module())
                    if message is None:
                        continue
                    if not message:
                        raise MastodonNetworkError("the streaming server closed the WebSocket connection")
                except Exception as exc:
                    if self.closed:
                        return
                    error = (
                        exc
                        if isinstance(exc, MastodonNetworkError)
                        else _translate(exc, _websocket_module(), self.access_token)
                    )
                    self._drop(connection)
                    self._abort(error)
                    self._notify("on_disconnected", error)
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
                except Exception as exc:
                    log.error("stream listener raised %s: %s", type(exc).__name__, exc, exc_info=exc)
                    self._abort(exc)  # every listener of the connection is told
                    if not self.reconnect:
                        self.error = exc
                        self._drop(connection)
                        return
        finally:
            self.running = False
            self.reconnecting = False
            if self.connection is not None:
                self._drop(self.connection)
            if self.closed:
                self._notify("on_disconnected", None)

    def _receive(self, connection: Any, websocket: Any) -> str | bytes | None:
        """The next data message; ``None`` after a control frame or a ping sent on silence.

        With :attr:`silent_after`, a read that waits half of it sends a ping, and a second such
        wait in a row (no data, no pong) means the connection is dead.
        """
        if self.silent_after is None:
            data: str | bytes = connection.recv()
            return data
        try:
            opcode, payload = connection.recv_data(control_frame=True)
        except websocket.WebSocketTimeoutException:
            if self._pinged:
                raise MastodonReadTimeout(
                    f"The stream went silent: no event and no answer to a ping for {self.silent_after:g} "
                    "seconds, so the connection counts as dead"
                ) from None
            self._pinged = True
            connection.ping()
            return None
        self._pinged = False
        if opcode in (websocket.ABNF.OPCODE_TEXT, websocket.ABNF.OPCODE_BINARY):
            return payload.decode("utf-8") if opcode == websocket.ABNF.OPCODE_TEXT else payload  # type: ignore[no-any-return]
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            return ""
        return None

    def _notify(self, method: str, *args: Any) -> None:
        """Call a lifecycle method of every listener; what one raises is logged, not fatal."""
        for listener in self._listeners():
            try:
                getattr(listener, method)(*args)
            except Exception:
                log.exception("stream listener's %s raised", method)

    def _drop(self, connection: Any) -> None:
        with self._lock:
            if self.connection is connection:
                self.connection = None
        with contextlib.suppress(Exception):
            connection.shutdown()

    def _reconnect(self) -> bool:
        self.reconnecting = True
        try:
            while True:
                attempt = self.attempts + 1
                delay = reconnect_delay(attempt, self.reconnect_wait_sec, self.reconnect_max_wait_sec)
                self.attempts = attempt
                self._notify("on_reconnecting", attempt, delay)
                if self._stop.wait(max(delay, 0)):
                    return False
                try:
                    self._connect()
                except MastodonAPIError as exc:
                    self._abort(exc)
                    status = exc.status_code
                    if status is not None and status < 500 and status not in (408, 425, 429):
                        self.error = exc
                        return False
                    continue
                except MastodonNetworkError as exc:
                    log.info("WebSocket stream could not reconnect (%s); retrying", exc)
                    continue
                if self.connection is None:
                    return False  # closed while connecting
                self.attempts = 0
                for subscription in self.subscriptions():
                    self._send(_subscribe_message("subscribe", subscription))
                for subscription in self.subscriptions():
                    subscription._fill(self._stop.is_set)
                self._notify("on_connected")
                return True
        finally:
            self.reconnecting = False

    def _is_copy(self, raw: str | bytes, event: Any) -> bool:
        """Whether this message was just received already (the same stream subscribed twice)."""
        if event not in _IDENTIFIED_EVENTS:
            return False
        text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
        if text in self._recent_set:
            return True
        if len(self._recent) >= _RECENT_MESSAGES:
            self._recent_set.discard(self._recent.popleft())
        self._recent.append(text)
        self._recent_set.add(text)
        return False

    def _route(self, key: tuple[str, ...] | None) -> WebSocketSubscription | None:
        if key is None:
            return None
        with self._lock:
            subscription = self._subscriptions.get(key)
            if subscription is None and len(key) == 1:
                # Some servers name a hashtag or list stream without its tag or list: when only
                # one subscription has that name, the event is its.
                named = [s for s in self._subscriptions.values() if s.stream == key[0]]
                subscription = named[0] if len(named) == 1 else None
        return subscription

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
        if self._is_copy(raw, message.get("event")):
            log.debug("dropped a copy of a %s event on the WebSocket stream", message.get("event"))
            return
        subscription = self._route(_message_key(message.get("stream")))
        if subscription is not None and subscription.catch_up is not None:
            subscription._deliver_message(message)
            return
        target = subscription.listener if subscription is not None else self.listener
        if target is not None:
            target.handle_websocket_message(message)


def _subscribe_message(kind: str, subscription: WebSocketSubscription) -> dict[str, Any]:
    return {"type": kind, "stream": subscription.stream, **subscription.params}


def _redacted(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


def _translate(exc: BaseException, websocket: Any, secret: str | None = None, url: str | None = None) -> MastodonError:
    """The Mastodon error for a failure of the WebSocket library or the socket under it.

    Args:
        exc: The failure.
        websocket: The ``websocket`` module.
        secret: Text never to repeat in a message (the access token).
        url: The address that was being connected to, without the token.
    """
    if isinstance(exc, MastodonError):
        return exc
    status = getattr(exc, "status_code", None)
    if isinstance(exc, websocket.WebSocketBadStatusException) and isinstance(status, int):
        return _refusal(exc, status, url)
    if isinstance(exc, (websocket.WebSocketTimeoutException, TimeoutError)):
        return MastodonReadTimeout(f"Timed out while reading from the streaming server: {_redacted(str(exc), secret)}")
    text = _redacted(str(exc), secret)
    return MastodonNetworkError(f"The WebSocket streaming connection failed: {type(exc).__name__}: {text}")


def _refusal(exc: Any, status: int, url: str | None) -> MastodonAPIError:
    """The error for a handshake the server answered with ``status`` instead of switching protocols.

    The error text is the server's (the ``error`` field of a JSON body, or a short plain-text
    body); when it sent none, a sentence saying what was refused.
    """
    response = requests.Response()
    response.status_code = status
    response.reason = str(getattr(exc, "status_message", None) or "")
    headers = getattr(exc, "resp_headers", None)
    response.headers = CaseInsensitiveDict(headers if isinstance(headers, Mapping) else {})
    body = getattr(exc, "resp_body", None)
    # The body is read through the public path, as from a connection.
    response.raw = io.BytesIO(body if isinstance(body, bytes) else b"")
    response.url = url or ""
    parts = urlsplit(url or "")
    where = parts.path + (f"?{parts.query}" if parts.query else "") if parts.path else "the streaming endpoint"
    answered = f"HTTP {status} {response.reason}".rstrip()
    if status < 400:
        text = f"the server answered {answered} to the WebSocket handshake on {where} instead of switching protocols"
        return MastodonAPIError.build(status, response.reason or None, text, response=response)
    error_text = api_error(response).args[3] if response.content else None
    if not error_text:
        error_text = f"the streaming server refused the WebSocket connection to {where} ({answered})"
    return MastodonAPIError.build(status, response.reason or None, error_text, response=response)


def open_websocket(
    client: StreamingClient,
    listener: StreamListener | None,
    timeout: float | None,
    reconnect_async: bool,
    reconnect_async_wait_sec: float,
    stream: str | None = None,
    params: Mapping[str, Any] | None = None,
    token_in_url: bool = False,
) -> WebSocketStreamHandle:
    """A WebSocket streaming handle for ``client``, connected at once when ``stream`` is given.

    The handshake goes through the proxies, TLS settings and client certificate the client's
    session uses for its requests (see :func:`session_options`).

    Raises:
        MastodonWebSocketUnavailableError: ``websocket-client`` is not installed.
        MastodonAPIError: The server refused the connection.
        MastodonNetworkError: The server could not be reached.
    """
    _websocket_module()
    endpoint = websocket_url(client._streaming_base_url())
    handle = WebSocketStreamHandle(
        endpoint,
        client.access_token,
        client.user_agent,
        listener=listener,
        timeout=timeout,
        reconnect=reconnect_async,
        reconnect_wait_sec=reconnect_async_wait_sec,
        options=session_options(endpoint, client.session),
        token_in_url=token_in_url,
        silent_after=silence_limit(timeout, getattr(client, "stream_heartbeat_interval", DEFAULT_HEARTBEAT_INTERVAL)),
    )
    if stream is not None:
        try:
            handle.subscribe(stream, **(params or {}))
        except BaseException:
            handle.close()
            raise
    return handle
