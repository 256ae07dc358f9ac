"""Statuses beyond posting: several at once, edits and their history, replies, pins, bookmarks,
translations, quotes and scheduled statuses; and deleting an unused upload."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonUnprocessableEntityError
from mastodon.return_types import (
    Account,
    NonPaginatableList,
    PaginatableList,
    ScheduledStatus,
    Status,
    StatusEdit,
    Translation,
)
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, form_of, json_of, query_of

ME = {"id": "1", "username": "me", "acct": "me"}
ANN = {"id": "7", "username": "ann", "acct": "ann@example.social"}
BOB = {"id": "8", "username": "bob", "acct": "bob"}
STATUS = {
    "id": "9",
    "content": "<p>hi</p>",
    "account": ANN,
    "mentions": [ME, BOB, ANN],
    "visibility": "unlisted",
    "spoiler_text": "cw",
    "created_at": "2024-01-02T00:00:00.000Z",
}
SCHEDULED = {
    "id": "4",
    "scheduled_at": "2030-01-02T03:04:05.000Z",
    "params": {"text": "later"},
    "media_attachments": [],
}
EDIT = {"content": "<p>v1</p>", "account": ANN, "created_at": "2024-01-02T00:00:00.000Z", "emojis": []}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]] = [
    (
        lambda a: a.statuses(["9", STATUS]),
        "GET",
        "/api/v1/statuses",
        [("id[]", "9"), ("id[]", "9")],
        [],
        [STATUS],
        NonPaginatableList,
    ),
    (lambda a: a.status_history(STATUS), "GET", "/api/v1/statuses/9/history", [], [], [EDIT, EDIT], NonPaginatableList),
    (
        lambda a: a.status_translate("9"),
        "POST",
        "/api/v1/statuses/9/translate",
        [],
        [],
        {"content": "hallo"},
        Translation,
    ),
    (
        lambda a: a.status_translate("9", lang="de"),
        "POST",
        "/api/v1/statuses/9/translate",
        [],
        [("lang", "de")],
        {"content": "hallo"},
        Translation,
    ),
    (lambda a: a.status_pin(STATUS), "POST", "/api/v1/statuses/9/pin", [], [], STATUS, Status),
    (lambda a: a.status_unpin("9"), "POST", "/api/v1/statuses/9/unpin", [], [], STATUS, Status),
    (lambda a: a.status_bookmark("9"), "POST", "/api/v1/statuses/9/bookmark", [], [], STATUS, Status),
    (lambda a: a.status_unbookmark(STATUS), "POST", "/api/v1/statuses/9/unbookmark", [], [], STATUS, Status),
    (
        lambda a: a.status_quotes("9", limit=2),
        "GET",
        "/api/v1/statuses/9/quotes",
        [("limit", "2")],
        [],
        [STATUS],
        PaginatableList,
    ),
    (
        lambda a: a.status_quote_revoke(STATUS, "17"),
        "POST",
        "/api/v1/statuses/9/quotes/17/revoke",
        [],
        [],
        STATUS,
        Status,
    ),
    (
        lambda a: a.status_update_quote_approval_policy("9", "nobody"),
        "PUT",
        "/api/v1/statuses/9/interaction_policy",
        [],
        [("quote_approval_policy", "nobody")],
        STATUS,
        Status,
    ),
    (
        lambda a: a.status_update("9", "new text"),
        "PUT",
        "/api/v1/statuses/9",
        [],
        [("status", "new text")],
        STATUS,
        Status,
    ),
    (
        lambda a: a.status_update(STATUS, "t", spoiler_text="cw", sensitive=True, media_ids=["21", "22"]),
        "PUT",
        "/api/v1/statuses/9",
        [],
        [("status", "t"), ("spoiler_text", "cw"), ("sensitive", "1"), ("media_ids[]", "21"), ("media_ids[]", "22")],
        STATUS,
        Status,
    ),
    (lambda a: a.scheduled_statuses(), "GET", "/api/v1/scheduled_statuses", [], [], [SCHEDULED], PaginatableList),
    (
        lambda a: a.scheduled_statuses(max_id=datetime(2024, 1, 2, tzinfo=UTC)),
        "GET",
        "/api/v1/scheduled_statuses",
        [("max_id", "2024-01-02 00:00:00+00:00")],
        [],
        [],
        PaginatableList,
    ),
    (
        lambda a: a.scheduled_status(SCHEDULED),
        "GET",
        "/api/v1/scheduled_statuses/4",
        [],
        [],
        SCHEDULED,
        ScheduledStatus,
    ),
    (
        lambda a: a.scheduled_status_update("4", datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)),
        "PUT",
        "/api/v1/scheduled_statuses/4",
        [],
        [("scheduled_at", "2030-01-02T03:04:05+00:00")],
        SCHEDULED,
        ScheduledStatus,
    ),
    (lambda a: a.scheduled_status_delete("4"), "DELETE", "/api/v1/scheduled_statuses/4", [], [], {}, type(None)),
    (lambda a: a.media_delete({"id": "21"}), "DELETE", "/api/v1/media/21", [], [], {}, type(None)),
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


def test_history_items_are_edits(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/statuses/9/history", json=[EDIT, {**EDIT, "content": "<p>v2</p>"}])
    history = api.status_history("9")
    assert all(isinstance(edit, StatusEdit) and isinstance(edit.account, Account) for edit in history)
    assert isinstance(history[0].created_at, datetime)


def test_update_with_a_poll_and_media_edits_goes_as_json(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.put(BASE + "/api/v1/statuses/9", json=STATUS)
    mocked.put(BASE + "/api/v1/statuses/9", json=STATUS)
    api.status_update("9", "vote", poll=api.make_poll(["a", "b"], expires_in=600))
    assert json_of(mocked.calls[0].request) == {
        "status": "vote",
        "poll": {"options": ["a", "b"], "expires_in": 600, "multiple": False, "hide_totals": False},
    }
    edit = api.generate_media_edit_attributes("21", description="a cat", focus=(0.5, -0.5))
    api.status_update("9", "photo", media_attributes=[edit])
    assert json_of(mocked.calls[1].request) == {
        "status": "photo",
        "media_ids": ["21"],
        "media_attributes": [{"id": "21", "description": "a cat", "focus": "0.5,-0.5"}],
    }


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [("visibility", "unlisted"), ("spoiler_text", "cw")]),
        ({"visibility": "direct", "spoiler_text": ""}, [("visibility", "direct"), ("spoiler_text", "")]),
    ],
)
def test_reply_mentions_the_thread_but_the_user(
    mocked: responses.RequestsMock, api: Mastodon, kwargs: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    mocked.get(BASE + "/api/v1/accounts/verify_credentials", json=ME)
    mocked.post(BASE + "/api/v1/statuses", json=STATUS)
    mocked.post(BASE + "/api/v1/statuses", json=STATUS)
    api.status_reply(Status(STATUS), "hello", **kwargs)
    sent = dict(form_of(mocked.calls[1].request))
    assert sent["status"] == "@ann@example.social @bob hello"
    assert sent["in_reply_to_id"] == "9"
    for key, value in expected:
        assert sent[key] == value
    # The user's own account is asked for once per token.
    api.status_reply(Status(STATUS), "again", untag=True)
    assert [c.request.method for c in mocked.calls] == ["GET", "POST", "POST"]
    assert dict(form_of(mocked.calls[2].request))["status"] == "@ann@example.social again"


def test_reply_to_something_that_is_no_status(api: Mastodon) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="to_status"):
            api.status_reply("9", "hello")  # type: ignore[arg-type]
        assert not mock.calls


@pytest.mark.parametrize("policy", ["anyone", None, 3])
def test_unknown_quote_policies_are_refused(api: Mastodon, policy: Any) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="quote_approval_policy"):
            api.status_update_quote_approval_policy("9", policy)
        assert not mock.calls


def test_scheduled_status_update_needs_a_time(api: Mastodon) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="scheduled_at"):
            api.scheduled_status_update("4", None)  # type: ignore[arg-type]
        assert not mock.calls


def test_deleting_media_in_use_is_the_servers_refusal(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.delete(
        BASE + "/api/v1/media/21", status=422, json={"error": "Media attachment is currently used by a status"}
    )
    with pytest.raises(MastodonUnprocessableEntityError, match="currently used"):
        api.media_delete("21")


def test_quotes_page_with_fetch_next(mocked: responses.RequestsMock, api: Mastodon) -> None:
    link = f'<{BASE}/api/v1/statuses/9/quotes?max_id=3>; rel="next"'
    mocked.get(BASE + "/api/v1/statuses/9/quotes", json=[STATUS], headers={"Link": link})
    mocked.get(BASE + "/api/v1/statuses/9/quotes", json=[])
    following = api.fetch_next(api.status_quotes("9"))
    assert following is not None and list(following) == []
    assert query_of(mocked.calls[1].request) == [("max_id", "3")]
