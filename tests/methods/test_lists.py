"""Lists: what each call sends and returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon._http.encoding import snowflake_from_datetime
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import Account, NonPaginatableList, PaginatableList, UserList
from tests.conftest import BASE
from tests.methods._helpers import assert_sent

LIST = {"id": "4", "title": "friends", "replies_policy": "list", "exclusive": False}
ACCOUNT = {"id": "7", "username": "ann", "acct": "ann"}
WHEN = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]] = [
    (lambda a: a.lists(), "GET", "/api/v1/lists", [], [], [LIST], NonPaginatableList),
    (lambda a: a.list(LIST), "GET", "/api/v1/lists/4", [], [], LIST, UserList),
    (lambda a: a.list_accounts("4"), "GET", "/api/v1/lists/4/accounts", [], [], [ACCOUNT], PaginatableList),
    (
        lambda a: a.list_accounts("4", max_id=WHEN, limit=0),
        "GET",
        "/api/v1/lists/4/accounts",
        [("max_id", str(snowflake_from_datetime(WHEN))), ("limit", "0")],
        [],
        [],
        PaginatableList,
    ),
    (
        lambda a: a.list_create("friends"),
        "POST",
        "/api/v1/lists",
        [],
        [("title", "friends"), ("replies_policy", "list"), ("exclusive", "0")],
        LIST,
        UserList,
    ),
    (
        lambda a: a.list_create("close", replies_policy="none", exclusive=True),
        "POST",
        "/api/v1/lists",
        [],
        [("title", "close"), ("replies_policy", "none"), ("exclusive", "1")],
        LIST,
        UserList,
    ),
    (
        lambda a: a.list_update(LIST, "pals", replies_policy="followed"),
        "PUT",
        "/api/v1/lists/4",
        [],
        [("title", "pals"), ("replies_policy", "followed"), ("exclusive", "0")],
        LIST,
        UserList,
    ),
    (lambda a: a.list_delete("4"), "DELETE", "/api/v1/lists/4", [], [], {}, type(None)),
    (
        lambda a: a.list_accounts_add("4", [ACCOUNT, "8"]),
        "POST",
        "/api/v1/lists/4/accounts",
        [],
        [("account_ids[]", "7"), ("account_ids[]", "8")],
        {},
        type(None),
    ),
    (
        lambda a: a.list_accounts_delete(LIST, "7"),
        "DELETE",
        "/api/v1/lists/4/accounts",
        [],
        [("account_ids[]", "7")],
        {},
        type(None),
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "form", "answer", "rtype"), CASES)
def test_calls(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    query: list[tuple[str, str]],
    form: list[tuple[str, str]],
    answer: Any,
    rtype: type,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    assert isinstance(result, rtype)
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)


def test_list_accounts_are_accounts(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/lists/4/accounts", json=[ACCOUNT])
    assert isinstance(api.list_accounts("4")[0], Account)


@pytest.mark.parametrize("title", [None, 5])
def test_a_title_is_text(api: Mastodon, title: Any) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="title"):
            api.list_create(title)
        assert not mock.calls
