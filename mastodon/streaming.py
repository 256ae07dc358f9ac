"""Streaming: listeners that receive events, and handles for streams running in the background.

Subclass :class:`StreamListener` and override the ``on_*`` methods for the events you want, or
pass functions to :class:`CallbackStreamListener`; then give the listener to a ``stream_*``
method of :class:`mastodon.Mastodon`. With ``run_async=True`` those methods return an
:class:`SSEStreamHandle` whose :meth:`~SSEStreamHandle.close` ends the stream at once.

How an event reaches a listener: the payload is decoded once and converted to its entity type
(``update`` and ``status.update`` give a :class:`Status`, ``notification`` a
:class:`Notification`, ``conversation`` a :class:`Conversation`, ``announcement`` an
:class:`Announcement`, ``announcement.reaction`` a :class:`StreamReaction`, ``delete`` and
``announcement.delete`` the ID as a string; ``filters_changed`` and ``notifications_merged``
carry nothing). Then :meth:`StreamListener.on_any_event` is called with the event's name and
payload, then ``on_<name>`` (dots in the name become underscores), or
:meth:`StreamListener.on_unknown_event` when the listener has no such method. An event whose
payload cannot be read is passed to :meth:`StreamListener.on_abort` as a
:class:`MastodonMalformedEventError`, which is then raised.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from mastodon._http.request import api_error, no_auth, redact
from mastodon._http.sse import TRANSPORT_ERRORS, Dispatcher, default_handler, interrupt, overrides, pump
from mastodon._http.stream_session import close_stream_session, stream_session
from mastodon._stream_catchup import CatchUp, StreamGap
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from mastodon.return_types import Announcement, Conversation, Notification, Status, StreamReaction
from mastodon.types_base import AttribAccessDict, IdType, try_cast_recurse

if TYPE_CHECKING:
    from mastodon._http.protocol import StreamingClient

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
    "StreamGap",
    "StreamHandle",
    "StreamListener",
    "StreamReaction",
    "try_cast_recurse",
]

log = logging.getLogger("mastodon")


class _DefaultTimeout(int):
    """The default ``timeout`` of the stream methods: 300, as in Mastodon.py, yet told apart from a
    ``timeout=300`` the caller wrote, so that the default can follow the server's heartbeat."""

    __slots__ = ()


#: The default ``timeout`` of the stream methods. Left at this default, a stream counts as dead
#: after twice the heartbeat interval without data (see :data:`DEFAULT_HEARTBEAT_INTERVAL`); a
#: ``timeout`` the caller gives, 300 included, is used as given.
DEFAULT_STREAM_TIMEOUT = _DefaultTimeout(300)
#: Seconds between the heartbeats Mastodon's streaming server sends (``:thump`` comments).
DEFAULT_HEARTBEAT_INTERVAL = 15.0
#: The base of the wait before reconnecting a dropped stream, in seconds.
DEFAULT_RECONNECT_WAIT_SEC = 5
#: The longest wait between two reconnection attempts, in seconds.
DEFAULT_RECONNECT_MAX_WAIT_SEC = 120.0


def silence_limit(timeout: float | None, heartbeat_interval: float | None) -> float | None:
    """The read timeout of a stream: twice the heartbeat interval for the default ``timeout``.

    Args:
        timeout: The ``timeout`` given to a stream method (``None`` waits forever).
        heartbeat_interval: Seconds between the server's heartbeats; ``None`` keeps the timeout.
    """
    if timeout is DEFAULT_STREAM_TIMEOUT and heartbeat_interval is not None and heartbeat_interval > 0:
        return 2 * float(heartbeat_interval)
    return timeout


def reconnect_delay(attempt: int, base: float, cap: float = DEFAULT_RECONNECT_MAX_WAIT_SEC) -> float:
    """Seconds to wait before reconnection attempt ``attempt``: capped exponential, with jitter.

    Attempt 0 (the first after a connection that worked for a while) waits nothing; attempt
    ``n`` waits between half and all of ``base * 2 ** (n - 1)``, at most ``cap``.
    """
    if attempt <= 0 or base <= 0:
        return 0.0
    ceiling = min(max(cap, base), base * 2 ** min(attempt - 1, 30))
    return float(ceiling) * (0.5 + random.random() / 2)


class StreamListener:
    """Receives the events of a stream; override the methods for the events you care about.

    Every method here does nothing, so a subclass only needs the ones it uses. A method may take
    an extra ``for_stream`` parameter: it then also receives the name of the stream the event
    came from, when the transport says so (WebSocket streams do; SSE streams give ``None``).
    """

    def on_update(self, status: Status) -> None:
        """A new status appeared in the streamed timeline.

        Args:
            status: The status.
        """

    def on_status_update(self, status: Status) -> None:
        """A status in the timeline was edited (event ``status.update``).

        Args:
            status: The status as it is now.
        """

    def on_delete(self, status_id: IdType) -> None:
        """A status was deleted.

        Args:
            status_id: The ID of the deleted status, as a string.
        """

    def on_notification(self, notification: Notification) -> None:
        """The user received a notification.

        Args:
            notification: The notification.
        """

    def on_filters_changed(self) -> None:
        """The user's filters changed; fetch them again if you apply them yourself."""

    def on_conversation(self, conversation: Conversation) -> None:
        """A direct conversation received a new message (direct stream).

        Args:
            conversation: The conversation.
        """

    def on_announcement(self, annoucement: Announcement) -> None:
        """The server published or changed an announcement.

        Args:
            annoucement: The announcement (the parameter name is kept from Mastodon.py).
        """

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
        """Someone reacted to an announcement (event ``announcement.reaction``).

        Args:
            reaction: The reaction: ``name``, ``count`` and ``announcement_id``.
        """

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """An announcement was removed (event ``announcement.delete``).

        Args:
            annoucement_id: The ID of the announcement, as a string.
        """

    def on_encrypted_message(self, unclear: Any) -> None:
        """An encrypted message arrived (an event Mastodon has reserved but does not send).

        Args:
            unclear: The payload as decoded JSON.
        """

    def on_notifications_merged(self) -> None:
        """Notifications from accepted notification requests were merged; refetch the list."""

    def on_websocket_error(self, error: Any, for_stream: Any = None) -> None:
        """A WebSocket server refused a subscription or reported an error.

        Args:
            error: The error message the server sent.
            for_stream: The stream it concerns, when known.
        """

    def on_abort(self, err: Exception) -> None:
        """The stream failed; ``err`` is about to be raised (or, in the background, the stream
        reconnects or ends).

        Args:
            err: A :class:`MastodonNetworkError` (:class:`MastodonReadTimeout` for a dead
                connection), :class:`MastodonMalformedEventError`, or an API error met while
                reconnecting.
        """

    def on_connected(self) -> None:
        """A background stream is connected (each time it connects, the first time included)."""

    def on_disconnected(self, reason: Exception | None) -> None:
        """A background stream's connection ended.

        Args:
            reason: The error that ended it, or ``None`` when the server ended the stream or
                the handle was closed.
        """

    def on_reconnecting(self, attempt: int, delay: float) -> None:
        """A background stream is about to reconnect.

        Args:
            attempt: Reconnection attempts since the connection last worked, this one included.
            delay: Seconds it waits first (capped exponential back-off with jitter).
        """

    def on_gap(self, gap: StreamGap) -> None:
        """A stream with ``catch_up=True`` missed events it will not deliver.

        Called instead of delivering more missed events than the bound allows, or when fetching
        them failed. The stream goes on after the gap.

        Args:
            gap: Which events: the kind, the IDs around the gap and why.
        """

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """An event arrived for which this listener has no ``on_<name>`` method.

        Args:
            name: The event's name as the server sent it.
            unknown_event: The payload: decoded JSON when it is JSON, else the text, or
                ``None`` when there was none.
        """

    @default_handler
    def handle_heartbeat(self) -> None:
        """The server sent a keep-alive comment; a hook for periodic housekeeping."""

    @default_handler
    def on_any_event(self, name: str, data: Any = None, for_stream: Any = None) -> None:
        """Called for every event, before the event's own method.

        Args:
            name: The event's name as the server sent it.
            data: The converted payload (as the event's own method receives it).
            for_stream: The stream the event came from, when the transport says so.
        """

    @default_handler
    def handle_stream(self, response: requests.Response) -> None:
        """Read a server-sent events response to its end and dispatch each event.

        The stream methods call this for you; it is public for code that opens the HTTP
        connection itself. Returns when the server ends the body.

        Args:
            response: A ``requests`` response opened with ``stream=True``.

        Raises:
            MastodonNetworkError: The connection failed (:class:`MastodonReadTimeout` when no
                data came within the read timeout).
            MastodonMalformedEventError: An event could not be read.
        """
        pump(self, response)

    def handle_websocket_message(self, message: Any) -> None:
        """Dispatch one decoded message of Mastodon's WebSocket streaming protocol.

        Args:
            message: A mapping with ``event``, ``payload`` (JSON text) and ``stream``.

        Raises:
            MastodonMalformedEventError: The message is not a streaming event.
        """
        if not isinstance(message, dict) or not isinstance(message.get("event"), str):
            error = MastodonMalformedEventError("Missing field", "event", message)
            self.on_abort(error)
            raise error
        payload = message.get("payload")
        if isinstance(payload, str):
            data: Any = payload.encode("utf-8")
        elif payload is None:
            data = None
        else:
            data = json.dumps(payload).encode("utf-8")
        # Messages arrive one at a time; keep the routes between them where the listener allows.
        dispatcher: Dispatcher | None = getattr(self, "_mastodon_dispatcher", None)
        if dispatcher is None:
            dispatcher = Dispatcher(self)
            with contextlib.suppress(AttributeError):
                self._mastodon_dispatcher = dispatcher
        dispatcher.dispatch(message["event"], data, message.get("stream"))


class CallbackStreamListener(StreamListener):
    """A listener that passes events to the functions it was given.

    Each ``*_handler`` receives the payload of its event (``filters_changed_handler`` and
    ``notifications_merged_handler`` receive nothing; ``unknown_event_handler`` receives the
    name and the payload; ``stream_error_handler`` the error and the stream). Events without a
    handler are ignored.

    Args:
        update_handler: For new statuses.
        local_update_handler: For new statuses by local accounts only (``acct`` without ``@``).
        delete_handler: For deleted status IDs.
        notification_handler: For notifications.
        conversation_handler: For conversations.
        unknown_event_handler: For events this library does not know (for diagnostics only).
        status_update_handler: For edited statuses.
        filters_changed_handler: For filter changes.
        announcement_handler: For announcements.
        announcement_reaction_handler: For reactions to announcements.
        announcement_delete_handler: For removed announcement IDs.
        encryted_message_handler: For encrypted messages (the name is kept from Mastodon.py).
        notifications_merged_handler: For merged notification requests.
        stream_error_handler: For errors a WebSocket server reports.
        connected_handler: Called when a background stream connects.
        disconnected_handler: Receives the reason a background stream's connection ended.
        reconnecting_handler: Receives the attempt number and the delay before reconnecting.
        gap_handler: Receives a :class:`StreamGap` for missed events not delivered.
    """

    def __init__(
        self,
        update_handler: Callable[..., Any] | None = None,
        local_update_handler: Callable[..., Any] | None = None,
        delete_handler: Callable[..., Any] | None = None,
        notification_handler: Callable[..., Any] | None = None,
        conversation_handler: Callable[..., Any] | None = None,
        unknown_event_handler: Callable[..., Any] | None = None,
        status_update_handler: Callable[..., Any] | None = None,
        filters_changed_handler: Callable[..., Any] | None = None,
        announcement_handler: Callable[..., Any] | None = None,
        announcement_reaction_handler: Callable[..., Any] | None = None,
        announcement_delete_handler: Callable[..., Any] | None = None,
        encryted_message_handler: Callable[..., Any] | None = None,
        notifications_merged_handler: Callable[..., Any] | None = None,
        stream_error_handler: Callable[..., Any] | None = None,
        connected_handler: Callable[..., Any] | None = None,
        disconnected_handler: Callable[..., Any] | None = None,
        reconnecting_handler: Callable[..., Any] | None = None,
        gap_handler: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__()
        self.update_handler = update_handler
        self.local_update_handler = local_update_handler
        self.delete_handler = delete_handler
        self.notification_handler = notification_handler
        self.conversation_handler = conversation_handler
        self.unknown_event_handler = unknown_event_handler
        self.status_update_handler = status_update_handler
        self.filters_changed_handler = filters_changed_handler
        self.announcement_handler = announcement_handler
        self.announcement_reaction_handler = announcement_reaction_handler
        self.announcement_delete_handler = announcement_delete_handler
        self.encryted_message_handler = encryted_message_handler
        self.notifications_merged_handler = notifications_merged_handler
        self.stream_error_handler = stream_error_handler
        self.connected_handler = connected_handler
        self.disconnected_handler = disconnected_handler
        self.reconnecting_handler = reconnecting_handler
        self.gap_handler = gap_handler

    def on_update(self, status: Status) -> None:
        """Pass the status to ``update_handler``, and to ``local_update_handler`` when local."""
        if self.update_handler is not None:
            self.update_handler(status)
        if self.local_update_handler is not None:
            try:
                local = "@" not in status["account"]["acct"]
            except (KeyError, TypeError) as exc:
                raise MastodonMalformedEventError("received bad update", status) from exc
            if local:
                self.local_update_handler(status)

    def on_status_update(self, status: Status) -> None:
        """Pass the edited status to ``status_update_handler``."""
        if self.status_update_handler is not None:
            self.status_update_handler(status)

    def on_delete(self, deleted_id: IdType) -> None:
        """Pass the deleted status's ID to ``delete_handler``."""
        if self.delete_handler is not None:
            self.delete_handler(deleted_id)

    def on_notification(self, notification: Notification) -> None:
        """Pass the notification to ``notification_handler``."""
        if self.notification_handler is not None:
            self.notification_handler(notification)

    def on_filters_changed(self) -> None:
        """Call ``filters_changed_handler``."""
        if self.filters_changed_handler is not None:
            self.filters_changed_handler()

    def on_conversation(self, conversation: Conversation) -> None:
        """Pass the conversation to ``conversation_handler``."""
        if self.conversation_handler is not None:
            self.conversation_handler(conversation)

    def on_announcement(self, annoucement: Announcement) -> None:
        """Pass the announcement to ``announcement_handler``."""
        if self.announcement_handler is not None:
            self.announcement_handler(annoucement)

    def on_announcement_reaction(self, reaction: StreamReaction) -> None:
        """Pass the reaction to ``announcement_reaction_handler``."""
        if self.announcement_reaction_handler is not None:
            self.announcement_reaction_handler(reaction)

    def on_announcement_delete(self, annoucement_id: IdType) -> None:
        """Pass the removed announcement's ID to ``announcement_delete_handler``."""
        if self.announcement_delete_handler is not None:
            self.announcement_delete_handler(annoucement_id)

    def on_encrypted_message(self, unclear: Any) -> None:
        """Pass the payload to ``encryted_message_handler``."""
        if self.encryted_message_handler is not None:
            self.encryted_message_handler(unclear)

    def on_notifications_merged(self) -> None:
        """Call ``notifications_merged_handler``."""
        if self.notifications_merged_handler is not None:
            self.notifications_merged_handler()

    def on_websocket_error(self, error: Any, for_stream: Any = None) -> None:
        """Pass the error and its stream to ``stream_error_handler``."""
        if self.stream_error_handler is not None:
            self.stream_error_handler(error, for_stream)

    def on_connected(self) -> None:
        """Call ``connected_handler``."""
        if self.connected_handler is not None:
            self.connected_handler()

    def on_disconnected(self, reason: Exception | None) -> None:
        """Pass the reason to ``disconnected_handler``."""
        if self.disconnected_handler is not None:
            self.disconnected_handler(reason)

    def on_reconnecting(self, attempt: int, delay: float) -> None:
        """Pass the attempt and the delay to ``reconnecting_handler``."""
        if self.reconnecting_handler is not None:
            self.reconnecting_handler(attempt, delay)

    def on_gap(self, gap: StreamGap) -> None:
        """Pass the gap to ``gap_handler``."""
        if self.gap_handler is not None:
            self.gap_handler(gap)

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """Pass the name and payload to ``unknown_event_handler``."""
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)


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
        self.listener = listener if listener is not None else StreamListener()
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
        log.error("stream listener raised %s: %s", type(exc).__name__, exc, exc_info=exc)
        with contextlib.suppress(Exception):
            self.listener.on_abort(exc)

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
