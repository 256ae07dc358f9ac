"""Typical user code whose results need no narrowing: mypy accepts this file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from mastodon import Mastodon
from mastodon.return_types import MediaAttachment, Notification, ScheduledStatus, Status
from mastodon.streaming import SSEStreamHandle, StreamListener
from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription
from mastodon.types_base import PaginatableList


def mentions(api: Mastodon) -> list[str]:
    page: PaginatableList[Notification] = api.notifications(types=["mention"])
    return [notification.type for notification in page]


def one(api: Mastodon) -> str:
    notification: Notification = api.notifications(id="5")
    return notification.type


def upload(api: Mastodon, picture: Path) -> MediaAttachment:
    return api.media_post(picture, description="a cat", thumbnail=Path("thumb.png"))


def edit(api: Mastodon, media: MediaAttachment) -> MediaAttachment:
    return api.media_update(media, thumbnail=Path("thumb.png"))


def listen(api: Mastodon, listener: StreamListener) -> None:
    handle: SSEStreamHandle = api.stream_user(listener, run_async=True)
    tagged: SSEStreamHandle = api.stream_hashtag("cats", listener, run_async=True)
    local: SSEStreamHandle = api.stream_local(listener, run_async=True, reconnect_async=True)
    handle.close()
    tagged.close()
    local.close()
    blocking: None = api.stream_public(listener)
    assert blocking is None


def subscribe(api: Mastodon, listener: StreamListener, socket: WebSocketStreamHandle) -> WebSocketSubscription:
    return api.stream_list("3", listener, websocket_handle=socket)


def post_now(api: Mastodon) -> Status:
    return api.status_post("hello")


def post_later(api: Mastodon, when: datetime) -> ScheduledStatus:
    return api.status_post("hello", scheduled_at=when)


def post_maybe_later(api: Mastodon, when: datetime | None) -> Status | ScheduledStatus:
    return api.status_post("hello", None, None, False, None, None, None, None, None, when)
