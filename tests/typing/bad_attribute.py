"""A misspelt attribute: mypy must reject this file."""

from __future__ import annotations

from mastodon.return_types import Status


def author(status: Status) -> str:
    return status.acount.acct
