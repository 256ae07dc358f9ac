"""Notification counts, the filtering policy, notification requests and grouped notifications."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.return_types import (
    Account,
    GroupedNotificationsResults,
    NonPaginatableList,
    NotificationGroup,
    NotificationPolicy,
    NotificationRequest,
    PaginatableList,
    UnreadNotificationsCount,
)
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, query_of

ACCOUNT = {"id": "7", "username": "ann", "acct": "ann"}
REQUEST = {"id": "3", "account": ACCOUNT, "notifications_count": "2", "created_at": "2024-01-02T00:00:00.000Z"}
POLICY = {"for_not_following": "filter", "for_not_followers": "accept", "summary": {"pending_requests_count": 1}}
GROUP = {"group_key": "favourite-9-1", "notifications_count": 2, "type": "favourite", "sample_account_ids": ["7"]}
GROUPED = {"accounts": [ACCOUNT], "statuses": [], "notification_groups": [GROUP]}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]] = [
    (
        lambda a: a.notifications_unread_count(),
        "GET",
        "/api/v1/notifications/unread_count",
        [],
        [],
        {"count": 4},
        UnreadNotificationsCount,
    ),
    (lambda a: a.notifications_policy(), "GET", "/api/v2/notifications/policy", [], [], POLICY, NotificationPolicy),
    (
        lambda a: a.update_notifications_policy(),
        "PATCH",
        "/api/v2/notifications/policy",
        [],
        [],
        POLICY,
        NotificationPolicy,
    ),
    (
        lambda a: a.update_notifications_policy(for_not_following="drop", for_limited_accounts="filter"),
        "PATCH",
        "/api/v2/notifications/policy",
        [],
        [("for_not_following", "drop"), ("for_limited_accounts", "filter")],
        POLICY,
        NotificationPolicy,
    ),
    (lambda a: a.notification_requests(), "GET", "/api/v1/notifications/requests", [], [], [REQUEST], PaginatableList),
    (
        lambda a: a.notification_requests(max_id="9", limit=2),
        "GET",
        "/api/v1/notifications/requests",
        [("max_id", "9"), ("limit", "2")],
        [],
        [],
        PaginatableList,
    ),
    (
        lambda a: a.notification_request(REQUEST),
        "GET",
        "/api/v1/notifications/requests/3",
        [],
        [],
        REQUEST,
        NotificationRequest,
    ),
    (
        lambda a: a.accept_notification_request("3"),
        "POST",
        "/api/v1/notifications/requests/3/accept",
        [],
        [],
        {},
        type(None),
    ),
    (
        lambda a: a.dismiss_notification_request(REQUEST),
        "POST",
        "/api/v1/notifications/requests/3/dismiss",
        [],
        [],
        {},
        type(None),
    ),
    (
        lambda a: a.accept_multiple_notification_requests(["3", REQUEST]),
        "POST",
        "/api/v1/notifications/requests/accept",
        [],
        [("id[]", "3"), ("id[]", "3")],
        {},
        type(None),
    ),
    (
        lambda a: a.dismiss_multiple_notification_requests(["4"]),
        "POST",
        "/api/v1/notifications/requests/dismiss",
        [],
        [("id[]", "4")],
        {},
        type(None),
    ),
    (
        lambda a: a.grouped_notifications(),
        "GET",
        "/api/v2/notifications",
        [("expand_accounts", "partial_avatars")],
        [],
        GROUPED,
        GroupedNotificationsResults,
    ),
    (
        lambda a: a.grouped_notifications(
            limit=2,
            account_id=ACCOUNT,
            expand_accounts="full",
            include_filtered=True,
            types=["mention", "favourite"],
            grouped_types=["favourite"],
        ),
        "GET",
        "/api/v2/notifications",
        [
            ("limit", "2"),
            ("account_id", "7"),
            ("expand_accounts", "full"),
            ("include_filtered", "1"),
            ("types[]", "mention"),
            ("types[]", "favourite"),
            ("grouped_types[]", "favourite"),
        ],
        [],
        GROUPED,
        GroupedNotificationsResults,
    ),
    (
        lambda a: a.grouped_notification("favourite-9-1"),
        "GET",
        "/api/v2/notifications/favourite-9-1",
        [],
        [],
        GROUPED,
        GroupedNotificationsResults,
    ),
    (
        lambda a: a.grouped_notification("favourite-9-1", supported_types=["quote"]),
        "GET",
        "/api/v2/notifications/favourite-9-1",
        [("supported_types[]", "quote")],
        [],
        GROUPED,
        GroupedNotificationsResults,
    ),
    (
        lambda a: a.dismiss_grouped_notification("favourite-9-1"),
        "POST",
        "/api/v2/notifications/favourite-9-1/dismiss",
        [],
        [],
        {},
        type(None),
    ),
    (
        lambda a: a.grouped_notification_accounts("favourite-9-1"),
        "GET",
        "/api/v2/notifications/favourite-9-1/accounts",
        [],
        [],
        [ACCOUNT],
        NonPaginatableList,
    ),
    (
        lambda a: a.notifications_policy_v1(),
        "GET",
        "/api/v1/notifications/policy",
        [],
        [],
        {"filter_not_following": True},
        NotificationPolicy,
    ),
    (
        lambda a: a.update_notifications_policy_v1(filter_new_accounts=True),
        "PATCH",
        "/api/v1/notifications/policy",
        [],
        [("filter_new_accounts", "1")],
        {"filter_new_accounts": True},
        NotificationPolicy,
    ),
    (lambda a: a.clear_grouped_notifications(), "POST", "/api/v2/notifications/clear", [], [], {}, type(None)),
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


def test_results_carry_their_classes(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v2/notifications", json=GROUPED)
    mocked.get(BASE + "/api/v1/notifications/requests", json=[REQUEST])
    grouped = api.grouped_notifications()
    assert isinstance(grouped.notification_groups[0], NotificationGroup) and isinstance(grouped.accounts[0], Account)
    (request,) = api.notification_requests()
    assert isinstance(request.account, Account) and request.notifications_count == "2"


@pytest.mark.parametrize(("answer", "merged"), [({"merged": True}, True), ({"merged": False}, False)])
def test_notifications_merged(mocked: responses.RequestsMock, api: Mastodon, answer: Any, merged: bool) -> None:
    mocked.get(BASE + "/api/v1/notifications/requests/merged", json=answer)
    assert api.notifications_merged() is merged


def test_unread_grouped_count(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v2/notifications/unread_count", json={"count": 3})
    assert api.unread_grouped_notifications_count(limit=5, exclude_types=["follow"]) == 3
    assert query_of(mocked.calls[0].request) == [("limit", "5"), ("exclude_types[]", "follow")]


def test_unread_grouped_count_without_a_count(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v2/notifications/unread_count", json={"total": 3})
    with pytest.raises(MastodonAPIError, match="no unread count"):
        api.unread_grouped_notifications_count()


def test_a_bound_given_as_a_datetime_is_sent_as_text(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v2/notifications", json=GROUPED)
    api.grouped_notifications(max_id=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert query_of(mocked.calls[0].request)[0] == ("max_id", "2024-01-02 03:04:05+00:00")


def _two_pages(mocked: responses.RequestsMock) -> None:
    second = {**GROUPED, "notification_groups": [{**GROUP, "group_key": "mention-8"}]}
    link = f'<{BASE}/api/v2/notifications?max_id=55>; rel="next", <{BASE}/api/v2/notifications?min_id=60>; rel="prev"'
    mocked.get(BASE + "/api/v2/notifications", json=GROUPED, headers={"Link": link})
    mocked.get(BASE + "/api/v2/notifications", json=second)


def test_grouped_notifications_page_with_fetch_next(mocked: responses.RequestsMock, api: Mastodon) -> None:
    _two_pages(mocked)
    first = api.grouped_notifications(limit=1)
    assert "_pagination_next" not in first  # kept out of the data the server sent
    following = api.fetch_next(first)
    assert isinstance(following, GroupedNotificationsResults)
    assert following.notification_groups[0].group_key == "mention-8"
    assert sorted(query_of(mocked.calls[1].request)) == [
        ("expand_accounts", "partial_avatars"),
        ("limit", "1"),
        ("max_id", "55"),
    ]
    assert api.fetch_next(following) is None
    assert api.get_pagination_info(first, "previous")["min_id"] == 60


def test_grouped_notifications_page_iterators(mocked: responses.RequestsMock, api: Mastodon) -> None:
    _two_pages(mocked)
    pages = list(api.pagination_page_iterator(api.grouped_notifications()))
    assert [page.notification_groups[0].group_key for page in pages] == ["favourite-9-1", "mention-8"]
    _two_pages(mocked)
    groups = list(api.pagination_iterator(api.grouped_notifications()))
    assert [group.group_key for group in groups] == ["favourite-9-1", "mention-8"]


@pytest.fixture
def nothing_sent() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
        assert not mock.calls, "a request was sent"


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda a: a.grouped_notification("a/b"), "group_key"),
        (lambda a: a.dismiss_grouped_notification(""), "group_key"),
        (lambda a: a.grouped_notification_accounts(None), "group_key"),
        (lambda a: a.grouped_notifications(types=[3]), "types"),
        (lambda a: a.update_notifications_policy(for_new_accounts=True), "for_new_accounts"),
        (lambda a: a.accept_multiple_notification_requests([None]), "ids"),
    ],
)
def test_refused_before_sending(
    nothing_sent: responses.RequestsMock, api: Mastodon, call: Callable[[Mastodon], Any], name: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        call(api)
