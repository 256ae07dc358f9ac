"""Correct use of paging and of restored results: mypy must accept this file."""

from __future__ import annotations

from mastodon import Mastodon
from mastodon.return_types import Account, GroupedNotificationsResults, Status
from mastodon.types_base import AttribAccessDict, Entity, PaginatableList


def older_authors(api: Mastodon, page: PaginatableList[Status]) -> list[str]:
    following = api.fetch_next(page)
    if following is None:
        return []
    return [status.account.acct for status in following]


def newer_contents(api: Mastodon, page: PaginatableList[Status]) -> list[str]:
    newer: PaginatableList[Status] | None = api.fetch_previous(page)
    return [status.content for status in newer or []]


def everyone(api: Mastodon, page: PaginatableList[Account]) -> list[str]:
    return [account.acct for account in api.fetch_remaining(page)]


def next_groups(api: Mastodon, groups: GroupedNotificationsResults) -> int:
    following = api.fetch_next(groups)
    return 0 if following is None else len(following.notification_groups)


def restored(text: str) -> tuple[str, Entity, AttribAccessDict]:
    status = Status.from_json(text)
    return status.account.acct, Entity.from_json(text), AttribAccessDict.from_json(text)
