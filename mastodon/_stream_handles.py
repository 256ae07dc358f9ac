"""Streams over server-sent events: the background handle, opening a connection, running a stream.

The listeners are in :mod:`mastodon.streaming`, which also offers the handles under its own name;
the settings every stream shares (timeouts, back-off) in :mod:`mastodon._stream_settings`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from mastodon._http.request import api_error, no_auth, redact
from mastodon._http.sse import TRANSPORT_ERRORS, Dispatcher, interrupt, overrides, pump
from mastodon._http.stream_session import close_stream_session, stream_session
from mastodon._stream_catchup import CatchUp
from mastodon._stream_settings import (
    DEFAULT_HEARTBEAT_INTERVAL,
    DEFAULT_RECONNECT_MAX_WAIT_SEC,
    DEFAULT_RECONNECT_WAIT_SEC,
    reconnect_delay,
    silence_limit,
)
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)

if TYPE_CHECKING:
    from mastodon._http.protocol import StreamingClient
    from mastodon.streaming import StreamListener

__all__ = ["SSEStreamHandle", "StreamHandle", "listener_failed", "open_stream", "run_stream", "websocket_instead"]

log = logging.getLogger("mastodon")


def _read_response(
    listener: StreamListener, response: requests.Response, stop: threading.Event | None, silent_after: float | None
) -> None:
    if overrides(listener, "handle_stream"):
        listener.handle_stream(response)
    else:
        pump(listener, response, stop, silent_after=silent_after)


# -- handles ------------------------------------------------------------------------------------


class StreamHandle:
    """A stream running in a background thread.

    Attributes:
        running: True until the worker thread finishes.
        closed: True once :meth:`close` was called.
        reconnecting: True while the worker is (re)connecting rather than reading.
        error: The exception that ended the stream, if one did.
    """

    _thread: threading.Thread | None = None
    running: bool = False
    closed: bool = False
    reconnecting: bool = False
    error: BaseException | None = None

    def close(self) -> None:
        """Stop the stream for good and close its connection."""
        raise NotImplementedError

    def is_alive(self) -> bool:
        """Whether the worker thread is still running (connected or reconnecting)."""
        return self._thread is not None and self._thread.is_alive()

    def is_receiving(self) -> bool:
        """Whether the stream is connected and reading events right now."""
        return self.running and not self.closed and not self.reconnecting and self.is_alive()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the worker thread to end (normally after :meth:`close`).

        Args:
            timeout: The longest wait in seconds; ``None`` waits as long as it takes. Check
                :meth:`is_alive` afterwards to see whether the thread ended.
        """
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def __enter__(self) -> StreamHandle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class SSEStreamHandle(StreamHandle):
    """A server-sent events stream read by a daemon thread (``run_async=True``).

    :meth:`close` returns within about a second from any state (connecting, reading, waiting to
    reconnect): it cuts the connection under the reading thread, and the thread has ended when
    it returns (unless a listener method is still running, or a connection made through an
    adapter of your own cannot be cut before the server answers).

    With ``reconnect_async``, a dropped or ended connection (network errors, a connection silent
    for longer than its timeout, server errors, the server closing the stream) is opened again,
    for as long as the handle is open: at once after a connection that worked for at least
    ``reconnect_async_wait_sec`` seconds, then after waits that double from
    ``reconnect_async_wait_sec`` up to ``reconnect_max_wait_sec``, each shortened by a random
    part of up to half, so that many clients do not all come back at the same moment. An answer
    that cannot improve by retrying (a 4xx other than 408, 425 or 429, such as a revoked token
    (401), a missing permission (403) or a deleted list) ends the stream; it is passed to
    ``on_abort`` and kept in :attr:`error`. An exception raised by the listener is logged and
    passed to ``on_abort``; with ``reconnect_async`` the stream goes on with the next event.

    Args:
        connection: An open response to read first, or ``None`` to connect in the thread.
        connect_func: Opens a new connection (returns the response, raises on failure); it may
            take a ``session`` keyword, the session to connect with.
        reconnect_async: Reconnect after a failure instead of ending.
        reconnect_async_wait_sec: The base of the wait before reconnecting.
        listener: Receives the events.
        catch_up: Fetches and delivers what the stream missed after each reconnect.
        silent_after: The read timeout of the connections, named when one goes silent.
        session: The session ``connect_func`` uses, whose connections :meth:`close` can cut.
        websocket_fallback: Opens the same stream over WebSocket, for a server that answers the
            first SSE connection with 404, 405 or 501 (it offers no SSE).

    Attributes:
        reconnect_max_wait_sec: The longest wait between two attempts.
        attempts: Reconnection attempts since the connection last worked.
    """

    reconnect_max_wait_sec: float = DEFAULT_RECONNECT_MAX_WAIT_SEC

    def __init__(
        self,
        connection: requests.Response | None,
        connect_func: Callable[..., requests.Response],
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        listener: StreamListener | None = None,
        catch_up: CatchUp | None = None,
        silent_after: float | None = None,
        session: Any = None,
        websocket_fallback: Callable[[], StreamHandle] | None = None,
    ) -> None:
        if listener is None:
            from mastodon.streaming import StreamListener  # the listeners' module imports this one

            listener = StreamListener()
        self.listener = listener
        self.websocket_fallback = websocket_fallback
        self._fallback: StreamHandle | None = None
        self.connection = connection
        self.connect_func = connect_func
        self.reconnect_async = reconnect_async
        self.reconnect_async_wait_sec = reconnect_async_wait_sec
        self.catch_up = catch_up
        self.silent_after = silent_after
        self.running = True
        self.closed = False
        self.reconnecting = connection is None
        self.error = None
        self.attempts = 0
        self._thread = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._session = session
        self._watch = None
        if session is not None:
            self._session, self._watch = stream_session(session)
        self._dispatcher = Dispatcher(self.listener, catch_up.admit if catch_up is not None else None)
        self._anchored = False
        self._ever_connected = connection is not None
        self._dropped_healthy = False

    def close(self) -> None:
        """Stop the stream for good; returns once the stream's thread has ended (about a second at most)."""
        with self._lock:
            self.closed = True
            self.running = False
            self._stop.set()
            connection = self.connection
            fallback = self._fallback
        if fallback is not None:
            fallback.close()
        if connection is not None:
            interrupt(connection)
        if self._watch is not None:
            self._watch.cut()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(_CLOSE_WAIT)
            if thread.is_alive() and self._watch is not None:
                self._watch.cut()  # a connection opened in the meantime
                thread.join(_CLOSE_WAIT)

    def _start(self) -> SSEStreamHandle:
        self._thread = threading.Thread(target=self._run, name="mastodon-stream", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self.running = False
            self.reconnecting = False
            if self._session is not None:
                close_stream_session(self._session)

    def _notify(self, method: str, *args: Any) -> None:
        """Call a lifecycle method of the listener; what it raises is logged, not fatal."""
        try:
            getattr(self.listener, method)(*args)
        except Exception:
            log.exception("stream listener's %s raised", method)

    def _listener_failed(self, exc: Exception) -> None:
        listener_failed(self.listener, exc)

    def _loop(self) -> None:
        while not self.closed:
            response = self.connection
            if response is None:
                response = self._connect()
                if response is None:
                    return
            self.reconnecting = False
            started = time.monotonic()
            reason: Exception | None = None
            try:
                self._catch_up()
                self._notify("on_connected")
                if overrides(self.listener, "handle_stream"):
                    self.listener.handle_stream(response)
                else:
                    pump(
                        self.listener,
                        response,
                        self._stop,
                        self._dispatcher,
                        self._listener_failed if self.reconnect_async else None,
                        self.silent_after,
                    )
            except (MastodonNetworkError, MastodonMalformedEventError) as exc:
                reason = exc
                if self.closed:
                    return
                if not self.reconnect_async:
                    self.error = exc
                    log.warning("stream ended: %s", exc)
                    return
                log.info("stream dropped (%s); reconnecting", exc)
            except Exception as exc:
                reason = exc
                if self.closed:
                    return
                self.error = exc
                self._listener_failed(exc)
                return
            finally:
                with self._lock:
                    self.connection = None
                with contextlib.suppress(Exception):
                    response.close()
                self._notify("on_disconnected", reason)
            if self.closed or not self.reconnect_async:
                return
            self.reconnecting = True
            # A connection that worked for a while is opened again at once, and the count of
            # attempts starts afresh; one that failed soon goes on backing off.
            if time.monotonic() - started >= self.reconnect_async_wait_sec:
                self.attempts = 0
                self._dropped_healthy = True

    def _catch_up(self) -> None:
        """Deliver what the stream missed before the connection just opened (with ``catch_up``)."""
        catch_up = self.catch_up
        if catch_up is None:
            return
        self.anchor()  # when the first connection was opened without it

        def deliver(name: str, payload: Any) -> None:
            try:
                self._dispatcher.deliver(name, payload)
            except Exception as exc:
                self._listener_failed(exc)

        delivered = catch_up.fill(deliver, lambda gap: self._notify("on_gap", gap), self._stop.is_set)
        if delivered:
            log.info("stream caught up on %d missed events", delivered)

    def _connect(self) -> requests.Response | None:
        """Open a connection, retrying while that may help; ``None`` when closed or hopeless."""
        wait = self._ever_connected  # the first connection is made at once
        while True:
            if wait:
                attempt = self.attempts + 1
                at_once = attempt == 1 and self._dropped_healthy
                self._dropped_healthy = False
                base, cap = self.reconnect_async_wait_sec, self.reconnect_max_wait_sec
                delay = 0.0 if at_once else reconnect_delay(attempt, base, cap)
                self.attempts = attempt
                self._notify("on_reconnecting", attempt, delay)
                if delay > 0 and self._stop.wait(delay):
                    return None
            wait = True
            if self.closed:
                return None
            try:
                response = self._open()
            except MastodonAPIError as exc:
                if not self._ever_connected and self._over_websocket(exc):
                    return None
                self.listener.on_abort(exc)
                if not _worth_retrying(exc) or not self.reconnect_async:
                    self.error = exc
                    log.warning("stream could not connect: %s", exc)
                    return None
                continue
            except MastodonNetworkError as exc:
                if self.closed:
                    return None
                if not self.reconnect_async:
                    self.error = exc
                    self.listener.on_abort(exc)
                    return None
                log.info("stream could not connect (%s); retrying", exc)
                continue
            with self._lock:
                if self.closed:
                    response.close()
                    return None
                self.connection = response
            self._ever_connected = True
            return response

    def anchor(self) -> None:
        """Note where the caught-up feeds stand, once, before the first connection is opened.

        Whatever is published after this point is delivered: live, or fetched after a
        (re)connection when the stream missed it.
        """
        if self.catch_up is not None and not self._anchored:
            self._anchored = True
            self.catch_up.anchor()

    def _over_websocket(self, refusal: MastodonAPIError) -> bool:
        """Stream over WebSocket instead when the server offers no SSE; True once that stream ended."""
        factory = self.websocket_fallback
        if factory is None:
            return False
        try:
            handle = websocket_instead(refusal, factory)
        except MastodonError:
            return False
        with self._lock:
            self._fallback = handle
            closed = self.closed
        if closed:
            handle.close()
        self.reconnecting = False
        handle.join()
        self.error = handle.error
        return True

    def _open(self) -> requests.Response:
        if not self._anchored:
            self.anchor()
        if self._session is not None:
            return self.connect_func(session=self._session)
        return self.connect_func()


def listener_failed(listener: Any, exc: Exception) -> None:
    """Log an exception a listener raised and pass it to the listener's ``on_abort``."""
    log.error("stream listener raised %s: %s", type(exc).__name__, exc, exc_info=exc)
    with contextlib.suppress(Exception):
        listener.on_abort(exc)


#: Answers to an SSE connection that mean the server offers no SSE streaming at all.
_NO_SSE = (404, 405, 501)


def websocket_instead(refusal: MastodonAPIError, factory: Callable[[], StreamHandle]) -> StreamHandle:
    """The stream over WebSocket, for a server that refused SSE with ``refusal``.

    Raises:
        MastodonAPIError: ``refusal`` itself, when it does not mean "no SSE" or the WebSocket
            stream cannot be opened either (websocket-client missing, or refused too).
    """
    if refusal.status_code not in _NO_SSE:
        raise refusal
    try:
        handle = factory()
    except MastodonError as exc:
        log.info("no WebSocket stream either (%s)", exc)
        raise refusal from None
    log.warning(
        "the server offers no server-sent events streaming (%s); streaming over WebSocket instead",
        refusal.status_code,
    )
    return handle


#: How long close() waits for the stream's thread, per try.
_CLOSE_WAIT = 0.5


def _worth_retrying(error: MastodonAPIError) -> bool:
    status = error.status_code
    return status is None or status >= 500 or status in (408, 425, 429)


# -- opening streams -----------------------------------------------------------------------------


def open_stream(
    client: StreamingClient,
    url: str,
    params: dict[str, str] | None,
    timeout: float | None,
    session: Any = None,
) -> requests.Response:
    """Open one SSE connection and check the answer.

    Args:
        client: The client whose session, token and request timeout to use.
        url: The full stream URL.
        params: Query parameters.
        timeout: Seconds without data after which the connection counts as dead.
        session: The session to connect with instead of the client's.

    Returns:
        The response, its body not read yet.

    Raises:
        MastodonAPIError: The server answered with an error status (the mapped subclass).
        MastodonNetworkError: The server could not be reached.
    """
    if client.debug_requests or log.isEnabledFor(logging.DEBUG):
        log.debug("GET %s params=%s (stream)", url, redact(params))
    try:
        response = (session if session is not None else client.session).request(
            "GET",
            url,
            params=params,
            headers=client._auth_headers(),
            stream=True,
            timeout=(client.request_timeout, timeout),
            auth=no_auth,
        )
    except requests.Timeout as exc:
        raise MastodonReadTimeout(f"Connecting to the streaming server timed out: {type(exc).__name__}") from exc
    except (requests.RequestException, OSError) as exc:
        raise MastodonNetworkError(f"Could not connect to the streaming server: {type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        try:
            error = api_error(response)
        except TRANSPORT_ERRORS as exc:
            raise MastodonNetworkError(f"The streaming server answered {response.status_code}") from exc
        finally:
            response.close()
        raise error
    return response


# -- running streams ----------------------------------------------------------------------------


def run_stream(
    client: StreamingClient,
    path: str,
    params: dict[str, str] | None,
    listener: StreamListener,
    run_async: bool,
    timeout: float | None,
    reconnect_async: bool,
    reconnect_async_wait_sec: float,
    catch_up: CatchUp | None = None,
    websocket_fallback: Callable[[], StreamHandle] | None = None,
) -> SSEStreamHandle | None:
    """Stream ``path`` from the client's streaming server to ``listener``.

    Blocking (``run_async=False``): returns ``None`` when the server ends the stream; errors are
    raised (``reconnect_async`` does not apply). In the background: the first connection is
    made before returning, so a bad token or a wrong path raises here, unless
    ``reconnect_async`` is set, in which case the thread connects (and keeps trying).

    The default ``timeout`` counts a connection as dead after twice the client's
    ``stream_heartbeat_interval`` without data; ``catch_up`` fetches what a background stream
    missed after each reconnect. ``websocket_fallback`` opens the same stream over WebSocket
    when the server answers the first SSE connection in a way that says it has no SSE.
    """
    url = client._streaming_base_url() + path
    silent_after = silence_limit(timeout, getattr(client, "stream_heartbeat_interval", DEFAULT_HEARTBEAT_INTERVAL))

    def connect(session: Any = None) -> requests.Response:
        return open_stream(client, url, params, silent_after, session)

    if not run_async:
        try:
            response = connect()
        except MastodonAPIError as exc:
            if websocket_fallback is None:
                raise
            handle = websocket_instead(exc, websocket_fallback)
            handle.join()
            if handle.error is not None:
                raise handle.error from None
            return None
        with contextlib.closing(response):
            _read_response(listener, response, None, silent_after)
        return None
    handle = SSEStreamHandle(
        None,
        connect,
        reconnect_async,
        reconnect_async_wait_sec,
        listener,
        catch_up=catch_up,
        silent_after=silent_after,
        session=client.session,
        websocket_fallback=websocket_fallback,
    )
    if not reconnect_async:
        try:
            handle.connection = handle._open()
        except MastodonAPIError as exc:
            if websocket_fallback is None:
                raise
            fallback = websocket_instead(exc, websocket_fallback)
            close_stream_session(handle._session)
            return fallback  # type: ignore[return-value]
        handle.reconnecting = False
        handle._ever_connected = True
    return handle._start()
