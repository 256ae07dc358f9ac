"""Accounts, polls, conversations, preferences, markers, endorsements and bookmarks: what each call sends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.return_types import (
    Account,
    Conversation,
    FamiliarFollowers,
    Marker,
    NonPaginatableList,
    PaginatableList,
    Poll,
    Preferences,
    Relationship,
    Status,
    Tag,
    UserList,
)
from mastodon.types_base import AttribAccessDict
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, json_of, query_of

ACCOUNT = {"id": "7", "username": "ann", "acct": "ann", "created_at": "2024-01-02T00:00:00.000Z"}
STATUS = {"id": "9", "content": "<p>hi</p>", "account": ACCOUNT, "created_at": "2024-01-02T00:00:00.000Z"}
RELATIONSHIP = {"id": "7", "following": True, "endorsed": True, "note": "met at the café"}
POLL = {"id": "3", "multiple": False, "votes_count": 1, "options": [{"title": "a", "votes_count": 1}], "emojis": []}
CONVERSATION = {"id": "5", "unread": False, "accounts": [ACCOUNT], "last_status": STATUS}
MARKER = {"last_read_id": "9", "version": 2, "updated_at": "2024-01-02T00:00:00.000Z"}
LIST = {"id": "4", "title": "friends", "replies_policy": "list"}
TAG = {"name": "cats", "url": "https://mastodon.example/tags/cats", "history": []}
PREFERENCES = {
    "posting:default:visibility": "public",
    "posting:default:sensitive": False,
    "reading:expand:media": "default",
}

# (call, verb, path, query sent, form sent, answer, result class, first item's class)
CASES: list[
    tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type, type | None]
] = [
    (
        lambda a: a.accounts(["7", ACCOUNT]),
        "GET",
        "/api/v1/accounts",
        [("id[]", "7"), ("id[]", "7")],
        [],
        [ACCOUNT],
        NonPaginatableList,
        Account,
    ),
    (lambda a: a.accounts("7"), "GET", "/api/v1/accounts", [("id[]", "7")], [], [ACCOUNT], NonPaginatableList, Account),
    (
        lambda a: a.account_lookup("ann@example.social"),
        "GET",
        "/api/v1/accounts/lookup",
        [("acct", "ann@example.social")],
        [],
        ACCOUNT,
        Account,
        None,
    ),
    (
        lambda a: a.account_lists(ACCOUNT),
        "GET",
        "/api/v1/accounts/7/lists",
        [],
        [],
        [LIST],
        NonPaginatableList,
        UserList,
    ),
    (
        lambda a: a.account_featured_tags("7"),
        "GET",
        "/api/v1/accounts/7/featured_tags",
        [],
        [],
        [TAG],
        NonPaginatableList,
        Tag,
    ),
    (
        lambda a: a.account_remove_from_followers("7"),
        "POST",
        "/api/v1/accounts/7/remove_from_followers",
        [],
        [],
        RELATIONSHIP,
        Relationship,
        None,
    ),
    (lambda a: a.account_pin(ACCOUNT), "POST", "/api/v1/accounts/7/pin", [], [], RELATIONSHIP, Relationship, None),
    (lambda a: a.account_unpin("7"), "POST", "/api/v1/accounts/7/unpin", [], [], RELATIONSHIP, Relationship, None),
    (lambda a: a.account_endorse("7"), "POST", "/api/v1/accounts/7/endorse", [], [], RELATIONSHIP, Relationship, None),
    (
        lambda a: a.account_unendorse(ACCOUNT),
        "POST",
        "/api/v1/accounts/7/unendorse",
        [],
        [],
        RELATIONSHIP,
        Relationship,
        None,
    ),
    (
        lambda a: a.account_note_set("7", "met at the café"),
        "POST",
        "/api/v1/accounts/7/note",
        [],
        [("comment", "met at the café")],
        RELATIONSHIP,
        Relationship,
        None,
    ),
    (
        lambda a: a.account_note_set("7", ""),
        "POST",
        "/api/v1/accounts/7/note",
        [],
        [("comment", "")],
        RELATIONSHIP,
        Relationship,
        None,
    ),
    (lambda a: a.account_delete_avatar(), "DELETE", "/api/v1/profile/avatar", [], [], ACCOUNT, Account, None),
    (lambda a: a.account_delete_header(), "DELETE", "/api/v1/profile/header", [], [], ACCOUNT, Account, None),
    (
        lambda a: a.account_endorsements("7", limit=2),
        "GET",
        "/api/v1/accounts/7/endorsements",
        [("limit", "2")],
        [],
        [ACCOUNT],
        PaginatableList,
        Account,
    ),
    (
        lambda a: a.account_email_subscribe("7", "me@example.org"),
        "POST",
        "/api/v1/accounts/7/email_subscriptions",
        [],
        [("email", "me@example.org")],
        {},
        type(None),
        None,
    ),
    (lambda a: a.poll(POLL), "GET", "/api/v1/polls/3", [], [], POLL, Poll, None),
    (
        lambda a: a.poll_vote("3", [0, 2]),
        "POST",
        "/api/v1/polls/3/votes",
        [],
        [("choices[]", "0"), ("choices[]", "2")],
        POLL,
        Poll,
        None,
    ),
    (lambda a: a.poll_vote(POLL, 1), "POST", "/api/v1/polls/3/votes", [], [("choices[]", "1")], POLL, Poll, None),
    (
        lambda a: a.conversations(),
        "GET",
        "/api/v1/conversations/",
        [],
        [],
        [CONVERSATION],
        PaginatableList,
        Conversation,
    ),
    (
        lambda a: a.conversations(max_id="9", limit=5),
        "GET",
        "/api/v1/conversations/",
        [("max_id", "9"), ("limit", "5")],
        [],
        [],
        PaginatableList,
        None,
    ),
    (
        lambda a: a.conversations_read(CONVERSATION),
        "POST",
        "/api/v1/conversations/5/read",
        [],
        [],
        CONVERSATION,
        Conversation,
        None,
    ),
    (
        lambda a: a.conversations_unread("5"),
        "POST",
        "/api/v1/conversations/5/unread",
        [],
        [],
        {**CONVERSATION, "unread": True},
        Conversation,
        None,
    ),
    (lambda a: a.conversations_delete(CONVERSATION), "DELETE", "/api/v1/conversations/5", [], [], {}, type(None), None),
    (lambda a: a.preferences(), "GET", "/api/v1/preferences", [], [], PREFERENCES, Preferences, None),
    (lambda a: a.endorsements(), "GET", "/api/v1/endorsements", [], [], [ACCOUNT], NonPaginatableList, Account),
    (lambda a: a.bookmarks(), "GET", "/api/v1/bookmarks", [], [], [STATUS], PaginatableList, Status),
    (
        lambda a: a.bookmarks(since_id=STATUS, limit=3),
        "GET",
        "/api/v1/bookmarks",
        [("since_id", "9"), ("limit", "3")],
        [],
        [],
        PaginatableList,
        None,
    ),
    (
        lambda a: a.domain_block_preview("example.com"),
        "GET",
        "/api/v1/domain_blocks/preview",
        [("domain", "example.com")],
        [],
        {"following_count": 2, "followers_count": 5},
        AttribAccessDict,
        None,
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "form", "answer", "rtype", "item"), CASES)
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
    item: type | None,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    assert isinstance(result, rtype)
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)
    if item is not None:
        assert isinstance(result[0], item)


def test_nested_results_carry_their_classes(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/conversations/", json=[CONVERSATION])
    (conversation,) = api.conversations()
    assert isinstance(conversation.accounts[0], Account) and isinstance(conversation.last_status, Status)
    assert isinstance(conversation.last_status.account, Account)


def test_familiar_followers_sends_the_ids_as_json(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/accounts/familiar_followers", json=[{"id": "7", "accounts": [ACCOUNT]}])
    (found,) = api.account_familiar_followers(["7", {"id": "8"}])
    assert isinstance(found, FamiliarFollowers) and isinstance(found.accounts[0], Account)
    assert json_of(mocked.calls[0].request) == {"id": ["7", "8"]}


def test_a_conversation_bound_given_as_a_datetime_is_sent_as_text(
    mocked: responses.RequestsMock, api: Mastodon
) -> None:
    mocked.get(BASE + "/api/v1/conversations/", json=[])
    api.conversations(max_id=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert query_of(mocked.calls[0].request) == [("max_id", "2024-01-02 03:04:05+00:00")]


def test_conversations_and_bookmarks_page_with_fetch_next(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(
        BASE + "/api/v1/bookmarks",
        json=[STATUS],
        headers={"Link": f'<{BASE}/api/v1/bookmarks?max_id=41>; rel="next"'},
    )
    mocked.get(BASE + "/api/v1/bookmarks", json=[])
    page = api.bookmarks()
    following = api.fetch_next(page)
    assert following is not None and list(following) == []
    assert query_of(mocked.calls[1].request) == [("max_id", "41")]
    assert api.fetch_next(following) is None


@pytest.mark.parametrize(
    ("timeline", "sent"),
    [
        (["home"], ["home"]),
        ("notifications", ["notifications"]),
        (["home", "notifications"], ["home", "notifications"]),
    ],
)
def test_markers_get(mocked: responses.RequestsMock, api: Mastodon, timeline: Any, sent: list[str]) -> None:
    mocked.get(BASE + "/api/v1/markers", json={"home": MARKER})
    markers = api.markers_get(timeline)
    assert isinstance(markers, AttribAccessDict) and isinstance(markers.home, Marker)
    assert isinstance(markers.home.updated_at, datetime) and markers.home.last_read_id == "9"
    assert query_of(mocked.calls[0].request) == [("timeline[]", name) for name in sent]


def test_markers_get_asks_for_home_by_default(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/markers", json={})
    assert api.markers_get() == {}
    assert query_of(mocked.calls[0].request) == [("timeline[]", "home")]


@pytest.mark.parametrize(
    ("timelines", "ids", "body"),
    [
        (["home"], ["9"], {"home": {"last_read_id": "9"}}),
        ("home", STATUS, {"home": {"last_read_id": "9"}}),
        (
            ["home", "notifications"],
            ["9", 12],
            {"home": {"last_read_id": "9"}, "notifications": {"last_read_id": "12"}},
        ),
    ],
)
def test_markers_set(mocked: responses.RequestsMock, api: Mastodon, timelines: Any, ids: Any, body: Any) -> None:
    mocked.post(BASE + "/api/v1/markers", json={"home": MARKER})
    result = api.markers_set(timelines, ids)
    assert isinstance(result.home, Marker)
    assert json_of(mocked.calls[0].request) == body


def test_email_resend_confirmation(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.post(BASE + "/api/v1/emails/confirmations", json={})
    assert api.email_resend_confirmation() is None


@pytest.mark.parametrize(("answer", "confirmed"), [(True, True), (False, False)])
def test_email_check_confirmation(mocked: responses.RequestsMock, api: Mastodon, answer: bool, confirmed: bool) -> None:
    mocked.get(BASE + "/api/v1/emails/check_confirmation", json=answer)
    assert api.email_check_confirmation() is confirmed


def test_account_lookup_of_an_unknown_address(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/accounts/lookup", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError):
        api.account_lookup("nobody@nowhere.example")


@pytest.fixture
def nothing_sent() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
        assert not mock.calls, "a request was sent"


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda a: a.markers_set(["home", "notifications"], ["9"]), "last_read_ids"),
        (lambda a: a.markers_get([5]), "timeline"),
        (lambda a: a.poll_vote("3", [0.5]), "choices"),
        (lambda a: a.poll_vote("3", [True]), "choices"),
        (lambda a: a.account_note_set("7", None), "comment"),
        (lambda a: a.account_lookup(None), "acct"),
        (lambda a: a.account_email_subscribe("7", None), "email"),
    ],
)
def test_refused_before_sending(
    nothing_sent: responses.RequestsMock, api: Mastodon, call: Callable[[Mastodon], Any], name: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        call(api)
