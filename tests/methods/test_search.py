"""Request shapes and results of search, and the choice between the v1 and v2 endpoints."""

from __future__ import annotations

from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.return_types import Account, Search, SearchV2, Status
from mastodon.types_base import NonPaginatableList

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "acct": "alice", "created_at": "2023-01-02T03:04:05.000Z"}
STATUS = {"id": "100", "created_at": "2024-05-06T07:08:09.000Z", "account": ACCOUNT}
RESULT_V2 = {"accounts": [ACCOUNT], "statuses": [STATUS], "hashtags": [{"name": "cats", "url": "https://x/tags/cats"}]}
RESULT_V1 = {"accounts": [ACCOUNT], "statuses": [], "hashtags": ["cats"]}


def client(version: str) -> Mastodon:
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version=version)


def test_search_uses_v2(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v2/search",
        json=RESULT_V2,
        match=[matchers.query_param_matcher({"q": "cats", "resolve": "1", "exclude_unreviewed": "1"})],
    )
    result = api.search("cats")
    assert isinstance(result, SearchV2)
    assert isinstance(result.accounts[0], Account)
    assert isinstance(result.statuses[0], Status)
    assert isinstance(result.accounts, NonPaginatableList)
    assert result.hashtags[0].name == "cats"


def test_search_v2_all_options(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expected = {
        "q": "cats",
        "type": "statuses",
        "account_id": "42",
        "offset": "20",
        "min_id": "10",
        "max_id": "100",
        "limit": "5",
        "following": "1",
    }
    mocked.get(f"{BASE}/api/v2/search", json=RESULT_V2, match=[matchers.query_param_matcher(expected)])
    result = api.search(
        "cats",
        resolve=False,
        result_type="statuses",
        account_id=ACCOUNT,
        offset=20,
        min_id="10",
        max_id=STATUS,
        exclude_unreviewed=False,
        limit=5,
        following=True,
    )
    assert isinstance(result, SearchV2)


def test_search_v2_leaves_out_exclude_unreviewed_before_3_0(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v2/search",
        json=RESULT_V2,
        match=[matchers.query_param_matcher({"q": "cats", "resolve": "1", "offset": "5"})],
    )
    assert isinstance(client("2.9.0").search_v2("cats", offset=5), SearchV2)


def test_search_v2_paging_needs_2_8(mocked: responses.RequestsMock) -> None:
    old = client("2.7.0")
    with pytest.raises(MastodonVersionError):
        old.search_v2("cats", offset=5)
    mocked.get(
        f"{BASE}/api/v2/search",
        json=RESULT_V2,
        match=[matchers.query_param_matcher({"q": "cats", "resolve": "1"})],
    )
    assert isinstance(old.search("cats"), SearchV2)


def test_search_falls_back_to_v1(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/search",
        json=RESULT_V1,
        match=[matchers.query_param_matcher({"q": "cats", "resolve": "1"})],
    )
    result = client("2.4.0").search("cats", result_type="accounts", limit=3)
    assert isinstance(result, Search)
    assert result.hashtags == ["cats"]
    assert isinstance(result.accounts[0], Account)


@pytest.mark.parametrize(
    "kwargs", [{"account_id": "42"}, {"offset": 1}, {"min_id": "1"}, {"max_id": "1"}, {"following": True}]
)
def test_search_v1_refuses_newer_arguments(mocked: responses.RequestsMock, kwargs: dict[str, Any]) -> None:
    with pytest.raises(MastodonVersionError):
        client("2.4.0").search("cats", **kwargs)


def test_search_v1_direct(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/search", json=RESULT_V1, match=[matchers.query_param_matcher({"q": "cats"})])
    mocked.get(
        f"{BASE}/api/v1/search",
        json=RESULT_V1,
        match=[matchers.query_param_matcher({"q": "cats", "resolve": "1"})],
    )
    assert isinstance(api.search_v1("cats"), Search)
    assert isinstance(api.search_v1("cats", resolve=True), Search)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"q": None},
        {"q": b"cats"},
        {"q": "cats", "result_type": "users"},
        {"q": "cats", "result_type": "account"},
        {"q": "cats", "offset": 1.5},
        {"q": "cats", "limit": ["10"]},
        {"q": "cats", "account_id": "a/b"},
    ],
)
@pytest.mark.parametrize("method", ["search", "search_v2"])
def test_search_rejects_bad_input(
    api: Mastodon, mocked: responses.RequestsMock, method: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, method)(**kwargs)


def test_search_v1_rejects_a_query_that_is_not_text(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.search_v1(None)  # type: ignore[arg-type]
