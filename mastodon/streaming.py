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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import requests

from mastodon._http.sse import Dispatcher, default_handler, pump
from mastodon._stream_handles import SSEStreamHandle, StreamHandle
from mastodon._stream_settings import (
    DEFAULT_HEARTBEAT_INTERVAL,
    DEFAULT_RECONNECT_MAX_WAIT_SEC,
    DEFAULT_RECONNECT_WAIT_SEC,
    DEFAULT_STREAM_TIMEOUT,
    reconnect_delay,
    silence_limit,
)
from mastodon.errors import (
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from mastodon.return_types import Announcement, Conversation, Notification, Status, StreamReaction
from mastodon.types_base import AttribAccessDict, IdType, try_cast_recurse

if TYPE_CHECKING:
    from mastodon._stream_gap import StreamGap

__all__ = [
    "DEFAULT_HEARTBEAT_INTERVAL",
    "DEFAULT_RECONNECT_MAX_WAIT_SEC",
    "DEFAULT_RECONNECT_WAIT_SEC",
    "DEFAULT_STREAM_TIMEOUT",
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
    "reconnect_delay",
    "silence_limit",
    "try_cast_recurse",
]

log = logging.getLogger("mastodon")


# StreamGap is loaded on first use, with dataclasses (see mastodon._stream_gap). Type checkers see
# it through the import above, and not the function, which would let them accept any name.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name == "StreamGap":
            from mastodon._stream_gap import StreamGap

            return StreamGap
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        name, data, stream = websocket_event(self, message)
        # Messages arrive one at a time; keep the routes between them where the listener allows.
        dispatcher: Dispatcher | None = getattr(self, "_mastodon_dispatcher", None)
        if dispatcher is None:
            dispatcher = Dispatcher(self)
            with contextlib.suppress(AttributeError):
                self._mastodon_dispatcher = dispatcher
        dispatcher.dispatch(name, data, stream)


def websocket_event(listener: Any, message: Any) -> tuple[str, bytes | None, Any]:
    """The event name, payload bytes and stream of a WebSocket streaming message.

    Raises:
        MastodonMalformedEventError: The message is not a streaming event (``listener.on_abort``
            was called first).
    """
    if not isinstance(message, dict) or not isinstance(message.get("event"), str):
        error = MastodonMalformedEventError("Missing field", "event", message)
        listener.on_abort(error)
        raise error
    payload = message.get("payload")
    if isinstance(payload, str):
        data: bytes | None = payload.encode("utf-8")
    elif payload is None:
        data = None
    else:
        data = json.dumps(payload).encode("utf-8")
    return message["event"], data, message.get("stream")


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


# The handles have their own module; their public home is this one, as before.
SSEStreamHandle.__module__ = StreamHandle.__module__ = __name__
