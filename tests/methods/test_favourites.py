"""Request shapes and results of the favourites list, and its opaque paging cursors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import Account, Status
from mastodon.types_base import PaginatableList

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "acct": "alice", "created_at": "2023-01-02T03:04:05.000Z"}
STATUS = {"id": "100", "created_at": "2024-05-06T07:08:09.000Z", "account": ACCOUNT, "favourited": True}


def test_favourites(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/favourites", json=[STATUS], match=[matchers.query_param_matcher({})])
    page = api.favourites()
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Status)
    assert isinstance(page[0].account, Account)
    assert page[0].favourited is True


def test_favourites_paging_params(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/favourites",
        json=[],
        match=[matchers.query_param_matcher({"max_id": "5001", "min_id": "4000", "since_id": "3", "limit": "40"})],
    )
    assert api.favourites(max_id="5001", min_id=4000, since_id="3", limit=40) == []


# Mastodon quotes rel values; the core's Link parser does not read quoted ones yet.
QUOTED = '"'


@pytest.mark.parametrize("quote", ["", QUOTED])
def test_favourites_cursor_comes_from_link_header(api: Mastodon, mocked: responses.RequestsMock, quote: str) -> None:
    # The cursor (a favourite's own ID) differs from any post ID on the page.
    link = (
        f"<{BASE}/api/v1/favourites?max_id=5001>; rel={quote}next{quote}, "
        f"<{BASE}/api/v1/favourites?min_id=5002>; rel={quote}prev{quote}"
    )
    mocked.get(f"{BASE}/api/v1/favourites", json=[STATUS], headers={"Link": link})
    page = api.favourites()
    assert page._pagination_next["max_id"] == 5001
    assert page._pagination_prev["min_id"] == 5002


@pytest.mark.parametrize("name", ["max_id", "min_id", "since_id"])
@pytest.mark.parametrize(
    ("bound", "sent"),
    [(STATUS, "100"), (datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "2024-01-02 03:04:05+00:00")],
    ids=["status", "datetime"],
)
def test_favourites_sends_a_post_or_a_datetime_bound_as_mastodon_py_does(
    api: Mastodon, mocked: responses.RequestsMock, name: str, bound: Any, sent: str
) -> None:
    # A post goes as its ID and a datetime as its text: the server reads neither as a favourite
    # ID, but the request is the one code written for Mastodon.py has always made.
    mocked.get(f"{BASE}/api/v1/favourites", json=[], match=[matchers.query_param_matcher({name: sent})])

    assert api.favourites(**{name: bound}) == []


@pytest.mark.parametrize("name", ["max_id", "min_id", "since_id"])
@pytest.mark.parametrize("bad", [{"no_id": 1}, 3.5, True])
def test_favourites_refuses_a_bound_that_is_no_id(
    api: Mastodon, mocked: responses.RequestsMock, name: str, bad: Any
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        api.favourites(**{name: bad})
