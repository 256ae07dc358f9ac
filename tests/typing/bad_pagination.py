"""Misspelt fields on paged and restored results: mypy must reject each."""

from __future__ import annotations

from mastodon import Mastodon
from mastodon.return_types import Status
from mastodon.types_base import PaginatableList


def older(api: Mastodon, page: PaginatableList[Status]) -> list[str]:
    following = api.fetch_next(page)
    return [status.acount.acct for status in following or []]


def newer(api: Mastodon, page: PaginatableList[Status]) -> list[str]:
    return [status.contnet for status in api.fetch_previous(page) or []]


def everything(api: Mastodon, page: PaginatableList[Status]) -> list[str]:
    return [status.spoiler for status in api.fetch_remaining(page)]


def restored(text: str) -> object:
    return Status.from_json(text).acount.acct


def unchecked_end(api: Mastodon, page: PaginatableList[Status]) -> int:
    return len(api.fetch_next(page))
