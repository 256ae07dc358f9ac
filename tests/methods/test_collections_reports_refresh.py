"""Collections, annual reports and async refreshes: what each call sends and returns, and the
bounded wait for a background refresh (with a stand-in clock, no real waiting)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods import async_refresh
from mastodon.return_types import (
    AnnualReportState,
    AsyncRefresh,
    Collections,
    CollectionWithAccounts,
    EmptyResponse,
    NotificationPolicy,
    WrappedAnnualReports,
    WrappedCollection,
    WrappedCollectionItem,
)
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, query_of

COLLECTION = {"id": "5", "name": "python folks", "account_id": "1", "items": []}
WRAPPED = {"collection": COLLECTION}
ITEM = {"collection_item": {"id": "6", "account_id": "7", "state": "accepted"}}
COLLECTIONS = {"collections": [COLLECTION, {**COLLECTION, "id": "8"}]}
REPORTS = {"annual_reports": [{"year": 2024, "schema_version": 2, "data": {"x": 1}}], "accounts": [], "statuses": []}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]] = [
    (
        lambda a: a.collection_create("python folks", description="people", account_ids=["7"]),
        "POST",
        "/api/v1/collections",
        [],
        [
            ("name", "python folks"),
            ("description", "people"),
            ("sensitive", "0"),
            ("discoverable", "0"),
            ("account_ids[]", "7"),
        ],
        WRAPPED,
        WrappedCollection,
    ),
    (
        lambda a: a.collection(COLLECTION),
        "GET",
        "/api/v1/collections/5",
        [],
        [],
        {**COLLECTION, "accounts": []},
        CollectionWithAccounts,
    ),
    (
        lambda a: a.account_collections("1", limit=2),
        "GET",
        "/api/v1/accounts/1/collections",
        [("limit", "2")],
        [],
        COLLECTIONS,
        Collections,
    ),
    (
        lambda a: a.account_in_collections("1", offset=4),
        "GET",
        "/api/v1/accounts/1/in_collections",
        [("offset", "4")],
        [],
        COLLECTIONS,
        Collections,
    ),
    (
        lambda a: a.collection_update("5", name="py", sensitive=True),
        "PATCH",
        "/api/v1/collections/5",
        [],
        [("name", "py"), ("sensitive", "1")],
        WRAPPED,
        WrappedCollection,
    ),
    (lambda a: a.collection_delete("5"), "DELETE", "/api/v1/collections/5", [], [], {}, EmptyResponse),
    (
        lambda a: a.collection_item_add(COLLECTION, {"id": "7"}),
        "POST",
        "/api/v1/collections/5/items",
        [],
        [("account_id", "7")],
        ITEM,
        WrappedCollectionItem,
    ),
    (
        lambda a: a.collection_item_delete("5", "6"),
        "DELETE",
        "/api/v1/collections/5/items/6",
        [],
        [],
        {},
        EmptyResponse,
    ),
    (
        lambda a: a.collection_item_revoke("5", "6"),
        "POST",
        "/api/v1/collections/5/items/6/revoke",
        [],
        [],
        {},
        EmptyResponse,
    ),
    (lambda a: a.annual_reports(), "GET", "/api/v1/annual_reports", [], [], REPORTS, WrappedAnnualReports),
    (lambda a: a.annual_report(2024), "GET", "/api/v1/annual_reports/2024", [], [], REPORTS, WrappedAnnualReports),
    (
        lambda a: a.annual_report_state(2024),
        "GET",
        "/api/v1/annual_reports/2024/state",
        [],
        [],
        {"state": "available"},
        AnnualReportState,
    ),
    (lambda a: a.annual_report_read(2024), "POST", "/api/v1/annual_reports/2024/read", [], [], {}, type(None)),
    (
        lambda a: a.annual_report_generate(2025),
        "POST",
        "/api/v1/annual_reports/2025/generate",
        [],
        [],
        {},
        EmptyResponse,
    ),
    (
        lambda a: a.get_async_refresh_status("r1"),
        "GET",
        "/api/v1_alpha/async_refreshes/r1",
        [],
        [],
        {"async_refresh": {"id": "r1", "status": "running"}},
        AsyncRefresh,
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
    assert isinstance(call(api), rtype)
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)


def test_annual_report_data_is_kept_as_sent(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/annual_reports", json=REPORTS)
    assert api.annual_reports().annual_reports[0].data == {"x": 1}


def test_collections_page_by_offset(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/accounts/1/collections", json=COLLECTIONS)
    mocked.get(BASE + "/api/v1/accounts/1/collections", json={"collections": []})
    first = api.account_collections("1", limit=2)
    assert "_pagination_next" not in first
    following = api.fetch_next(first)
    assert isinstance(following, Collections) and list(following.collections) == []
    assert sorted(query_of(mocked.calls[1].request)) == [("limit", "2"), ("offset", "2")]
    assert api.fetch_next(following) is None


@pytest.mark.parametrize("year", [None, "2024", 2024.0, True, -1])
def test_a_year_is_a_whole_number(api: Mastodon, year: Any) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="year"):
            api.annual_report(year)
        assert not mock.calls


# -- async refreshes ----------------------------------------------------------------------------------

POLICY = BASE + "/api/v2/notifications/policy"
STATUS_OF = BASE + "/api/v1_alpha/async_refreshes/r1"


class Clock:
    """A stand-in for the clock: sleeping moves it on, nothing waits."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(async_refresh, "_sleep", fake.sleep)
    monkeypatch.setattr(async_refresh, "_monotonic", fake.monotonic)
    return fake


def _pending_policy(mocked: responses.RequestsMock) -> NotificationPolicy:
    mocked.get(
        POLICY,
        json={"for_not_following": "accept"},
        headers={"Mastodon-Async-Refresh": 'id="r1", retry=7, result_count=2'},
    )
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0").notifications_policy()


def test_the_header_is_kept_on_the_result(mocked: responses.RequestsMock, api: Mastodon) -> None:
    policy = _pending_policy(mocked)
    info = api.get_async_refresh_info(policy)
    assert info is not None
    refresh, retry = info
    assert isinstance(refresh, AsyncRefresh) and refresh.id == "r1" and refresh.status == "running"
    assert refresh.result_count == 2 and retry == 7
    assert "_async_refresh" not in policy


def test_without_the_header_there_is_no_refresh(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(POLICY, json={"for_not_following": "accept"})
    policy = api.notifications_policy()
    assert api.get_async_refresh_info(policy) is None
    with pytest.raises(MastodonIllegalArgumentError, match="Mastodon-Async-Refresh"):
        api.get_async_refresh_status(policy)
    assert api.await_async_refresh(policy) is policy


def test_await_polls_at_the_servers_interval_and_fetches_again(
    mocked: responses.RequestsMock, api: Mastodon, clock: Clock
) -> None:
    policy = _pending_policy(mocked)
    mocked.get(STATUS_OF, json={"async_refresh": {"id": "r1", "status": "running"}})
    mocked.get(STATUS_OF, json={"async_refresh": {"id": "r1", "status": "finished"}})
    mocked.get(POLICY, json={"for_not_following": "filter"})
    again = api.await_async_refresh(policy)
    assert isinstance(again, NotificationPolicy) and again.for_not_following == "filter"
    assert clock.slept == [7.0]
    assert [call.request.url.split("?")[0] for call in mocked.calls][1:] == [STATUS_OF, STATUS_OF, POLICY]


def test_await_gives_up_after_its_attempts(mocked: responses.RequestsMock, api: Mastodon, clock: Clock) -> None:
    policy = _pending_policy(mocked)
    mocked.get(STATUS_OF, json={"async_refresh": {"id": "r1", "status": "running"}})
    assert api.await_async_refresh(policy, max_attempts=3) is None
    assert clock.slept == [7.0, 7.0]


def test_await_is_bounded_by_its_timeout(mocked: responses.RequestsMock, api: Mastodon, clock: Clock) -> None:
    policy = _pending_policy(mocked)
    mocked.get(STATUS_OF, json={"async_refresh": {"id": "r1", "status": "running"}})
    assert api.await_async_refresh(policy, timeout=10) is None
    assert sum(clock.slept) <= 10 and clock.slept == [7.0, 3.0]


def test_await_without_a_timeout_waits_five_minutes_at_most(
    mocked: responses.RequestsMock, api: Mastodon, clock: Clock
) -> None:
    policy = _pending_policy(mocked)
    mocked.get(STATUS_OF, json={"async_refresh": {"id": "r1", "status": "running"}})
    assert api.await_async_refresh(policy) is None
    assert sum(clock.slept) == pytest.approx(300.0)


def test_await_refuses_what_is_no_result(api: Mastodon) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.await_async_refresh("r1")
