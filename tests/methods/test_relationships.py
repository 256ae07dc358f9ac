"""Request shapes and results of mutes, blocks, follow requests and domain blocks."""

from __future__ import annotations

from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.return_types import Account, Relationship
from mastodon.types_base import PaginatableList
from tests.methods._helpers import form_pairs

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "acct": "alice", "created_at": "2023-01-02T03:04:05.000Z"}
RELATIONSHIP = {"id": "42", "followed_by": True, "requested": False}


def no_body(request: Any) -> tuple[bool, str]:
    return (not request.body), f"unexpected body {request.body!r}"


@pytest.mark.parametrize(
    ("method", "path"), [("mutes", "mutes"), ("blocks", "blocks"), ("follow_requests", "follow_requests")]
)
def test_account_lists(api: Mastodon, mocked: responses.RequestsMock, method: str, path: str) -> None:
    mocked.get(f"{BASE}/api/v1/{path}", json=[ACCOUNT], match=[matchers.query_param_matcher({})])
    mocked.get(
        f"{BASE}/api/v1/{path}",
        json=[],
        match=[matchers.query_param_matcher({"max_id": "9", "min_id": "2", "since_id": "1", "limit": "40"})],
    )
    page = getattr(api, method)()
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Account)
    assert getattr(api, method)(max_id="9", min_id={"id": "2"}, since_id=1, limit=40) == []


def test_domain_blocks(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/domain_blocks",
        json=["spam.example", "worse.example"],
        match=[matchers.query_param_matcher({"limit": "2"})],
    )
    page = api.domain_blocks(limit=2)
    assert isinstance(page, PaginatableList)
    assert page == ["spam.example", "worse.example"]
    assert all(isinstance(domain, str) for domain in page)


@pytest.mark.parametrize("action", ["authorize", "reject"])
def test_follow_request_answers(api: Mastodon, mocked: responses.RequestsMock, action: str) -> None:
    mocked.post(f"{BASE}/api/v1/follow_requests/42/{action}", json=RELATIONSHIP, match=[no_body])
    result = getattr(api, f"follow_request_{action}")(ACCOUNT)
    assert isinstance(result, Relationship)
    assert result.followed_by is True
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, f"follow_request_{action}")("")


def test_domain_block(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/domain_blocks", json={}, match=[form_pairs([("domain", "spam.example")])])
    assert api.domain_block("spam.example") is None


def test_domain_unblock(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.delete(f"{BASE}/api/v1/domain_blocks", json={}, match=[form_pairs([("domain", " spam.example ")])])
    # Sent as given: the server decides what it takes for a domain.
    assert api.domain_unblock(" spam.example ") is None


@pytest.mark.parametrize("bad", [None, 42, b"spam.example"])
@pytest.mark.parametrize("method", ["domain_block", "domain_unblock"])
def test_domain_must_be_text(api: Mastodon, mocked: responses.RequestsMock, method: str, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="domain"):
        getattr(api, method)(bad)


@pytest.mark.parametrize("odd", ["", "https://spam.example", "user@spam.example"])
@pytest.mark.parametrize(("method", "verb"), [("domain_block", "POST"), ("domain_unblock", "DELETE")])
def test_odd_domain_goes_to_the_server(
    api: Mastodon, mocked: responses.RequestsMock, method: str, verb: str, odd: str
) -> None:
    mocked.add(
        verb, f"{BASE}/api/v1/domain_blocks", status=422, json={"error": "Validation failed"},
        match=[form_pairs([("domain", odd)])],
    )  # fmt: skip
    with pytest.raises(MastodonAPIError) as caught:
        getattr(api, method)(odd)
    assert caught.value.status_code == 422
