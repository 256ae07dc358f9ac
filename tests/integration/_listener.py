"""A stream listener the streaming integration tests share: it records events and signals them."""

from __future__ import annotations

import threading
from typing import Any

from mastodon import StreamListener
from mastodon.return_types import Notification, Status

#: Seconds to wait for a stream to say something before failing.
WAIT = 30.0


class Seen(Exception):
    """Raised by the listener to leave a blocking stream once the delete has arrived."""


class Listener(StreamListener):
    """Collects events in order and sets an event per kind; a delete is the last scripted action."""

    def __init__(self, leave_on_delete: bool = False) -> None:
        self.events: list[tuple[str, Any]] = []
        self.aborts: list[Exception] = []
        self.connected = threading.Event()
        self.updated = threading.Event()
        self.notified = threading.Event()
        self.deleted = threading.Event()
        self.leave_on_delete = leave_on_delete

    def handle_heartbeat(self) -> None:
        self.connected.set()

    def on_update(self, status: Status) -> None:
        self.events.append(("update", status))
        self.updated.set()

    def on_notification(self, notification: Notification) -> None:
        self.events.append(("notification", notification))
        self.notified.set()

    def on_delete(self, status_id: Any) -> None:
        self.events.append(("delete", status_id))
        self.deleted.set()
        if self.leave_on_delete:
            raise Seen

    def on_abort(self, err: Exception) -> None:
        self.aborts.append(err)
