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
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from mastodon._http.request import api_error, no_auth, redact
from mastodon._http.sse import TRANSPORT_ERRORS, Dispatcher, default_handler, interrupt, overrides, pump
from mastodon.errors import (
    MastodonAPIError,
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
    "StreamHandle",
    "StreamListener",
    "StreamReaction",
    "try_cast_recurse",
]

log = logging.getLogger("mastodon")

#: Seconds without any data (events or heartbeats) after which a stream counts as dead.
DEFAULT_STREAM_TIMEOUT = 300
#: Seconds to wait before reconnecting a dropped stream.
DEFAULT_RECONNECT_WAIT_SEC = 5


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

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """Pass the name and payload to ``unknown_event_handler``."""
        if self.unknown_event_handler is not None:
            self.unknown_event_handler(name, unknown_event)


def _read_response(listener: StreamListener, response: requests.Response, stop: threading.Event | None) -> None:
    if overrides(listener, "handle_stream"):
        listener.handle_stream(response)
    else:
        pump(listener, response, stop)


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

    :meth:`close` returns at once: it shuts the connection down under the reading thread
    instead of waiting for the next event or heartbeat.

    With ``reconnect_async``, a dropped or ended connection (network errors, read timeouts,
    server errors, the server closing the stream) is opened again after
    ``reconnect_async_wait_sec`` seconds (at once when the connection had lasted at least that
    long), for as long as the handle is open. An answer that cannot improve by retrying (a 4xx
    other than 408 or 429, such as a revoked token or a deleted list) ends the stream; it is
    passed to ``on_abort`` and kept in :attr:`error`.

    Args:
        connection: An open response to read first, or ``None`` to connect in the thread.
        connect_func: Opens a new connection (returns the response, raises on failure).
        reconnect_async: Reconnect after a failure instead of ending.
        reconnect_async_wait_sec: Seconds to wait before reconnecting.
        listener: Receives the events.
    """

    def __init__(
        self,
        connection: requests.Response | None,
        connect_func: Callable[[], requests.Response],
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        listener: StreamListener | None = None,
    ) -> None:
        self.listener = listener if listener is not None else StreamListener()
        self.connection = connection
        self.connect_func = connect_func
        self.reconnect_async = reconnect_async
        self.reconnect_async_wait_sec = reconnect_async_wait_sec
        self.running = True
        self.closed = False
        self.reconnecting = connection is None
        self.error = None
        self._thread = None
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def close(self) -> None:
        """Stop the stream for good; the connection is shut down at once."""
        with self._lock:
            self.closed = True
            self.running = False
            self._stop.set()
            connection = self.connection
        if connection is not None:
            interrupt(connection)

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

    def _loop(self) -> None:
        wait_first = False
        while not self.closed:
            response = self.connection
            if response is None:
                response = self._connect(wait_first)
                if response is None:
                    return
            self.reconnecting = False
            started = time.monotonic()
            try:
                _read_response(self.listener, response, self._stop)
            except (MastodonNetworkError, MastodonMalformedEventError) as exc:
                if self.closed:
                    return
                if not self.reconnect_async:
                    self.error = exc
                    log.warning("stream ended: %s", exc)
                    return
                log.info("stream dropped (%s); reconnecting", exc)
            except BaseException as exc:
                self.error = exc
                raise
            finally:
                with self._lock:
                    self.connection = None
                with contextlib.suppress(Exception):
                    response.close()
            if self.closed or not self.reconnect_async:
                return
            self.reconnecting = True
            wait_first = time.monotonic() - started < self.reconnect_async_wait_sec

    def _connect(self, wait_first: bool) -> requests.Response | None:
        """Open a connection, retrying while that may help; ``None`` when closed or hopeless."""
        wait = wait_first
        while True:
            if wait and self._stop.wait(max(self.reconnect_async_wait_sec, 0)):
                return None
            if self.closed:
                return None
            wait = True
            try:
                response = self.connect_func()
            except MastodonAPIError as exc:
                self.listener.on_abort(exc)
                if not _worth_retrying(exc) or not self.reconnect_async:
                    self.error = exc
                    log.warning("stream could not connect: %s", exc)
                    return None
                continue
            except MastodonNetworkError as exc:
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
            return response


def _worth_retrying(error: MastodonAPIError) -> bool:
    status = error.status_code
    return status is None or status >= 500 or status in (408, 425, 429)


# -- opening streams -----------------------------------------------------------------------------


def open_stream(
    client: StreamingClient,
    url: str,
    params: dict[str, str] | None,
    timeout: float | None,
) -> requests.Response:
    """Open one SSE connection and check the answer.

    Args:
        client: The client whose session, token and request timeout to use.
        url: The full stream URL.
        params: Query parameters.
        timeout: Seconds without data after which the connection counts as dead.

    Returns:
        The response, its body not read yet.

    Raises:
        MastodonAPIError: The server answered with an error status (the mapped subclass).
        MastodonNetworkError: The server could not be reached.
    """
    if client.debug_requests or log.isEnabledFor(logging.DEBUG):
        log.debug("GET %s params=%s (stream)", url, redact(params))
    try:
        response = client.session.request(
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
) -> SSEStreamHandle | None:
    """Stream ``path`` from the client's streaming server to ``listener``.

    Blocking (``run_async=False``): returns ``None`` when the server ends the stream; errors are
    raised (``reconnect_async`` does not apply). In the background: the first connection is
    made before returning, so a bad token or a wrong path raises here, unless
    ``reconnect_async`` is set, in which case the thread connects (and keeps trying).
    """
    url = client._streaming_base_url() + path

    def connect() -> requests.Response:
        return open_stream(client, url, params, timeout)

    if not run_async:
        response = connect()
        with contextlib.closing(response):
            _read_response(listener, response, None)
        return None
    first = None if reconnect_async else connect()
    return SSEStreamHandle(first, connect, reconnect_async, reconnect_async_wait_sec, listener)._start()
