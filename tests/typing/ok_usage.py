"""Correct use of the entity classes: mypy must accept this file."""

from __future__ import annotations

from datetime import datetime

from mastodon.return_types import Account, MediaAttachment, Notification, Preferences, Status
from mastodon.types_base import MaybeSnowflakeIdType, NonPaginatableList, PaginatableList


def newest_author(page: PaginatableList[Status]) -> str:
    status = page[0]
    original = status.reblog if status.reblog is not None else status
    author: Account = original.account
    return author.acct


def posted_at(status: Status) -> datetime:
    when: datetime = status.created_at
    return when


def media_of(status: Status) -> NonPaginatableList[MediaAttachment]:
    return status.media_attachments


def status_id(notification: Notification) -> MaybeSnowflakeIdType | None:
    return notification.status.id if notification.status is not None else None


def default_visibility(preferences: Preferences) -> str | None:
    return preferences.posting_default_visibility


def by_key(status: Status) -> object:
    return status["content"]
