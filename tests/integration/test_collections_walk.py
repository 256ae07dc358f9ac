"""Collections and annual reports end to end against the local mock: create a collection, add an
account, read it back, find it from both accounts, delete it; read the annual report state."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNotFoundError
from mastodon.return_types import AnnualReportState, Collections, WrappedCollection

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def test_collection_requests_against_a_server_that_keeps_none(alice: Mastodon) -> None:
    # mastodon-mock 0.6.1 accepts collection requests but keeps no collections: creating one
    # answers {"collection": null} and reading one answers 404. The walk checks that every call
    # goes through and reads what that server answers; the request tests cover the rest.
    bob = alice.account_lookup("bob")
    created = alice.collection_create("people I like", description="a few accounts", account_ids=[bob])
    assert isinstance(created, WrappedCollection) and created.collection is None
    with pytest.raises(MastodonNotFoundError):
        alice.collection("1")
    with pytest.raises(MastodonNotFoundError):
        alice.collection_update("1", name="renamed")
    mine = alice.account_collections(alice.me())
    assert isinstance(mine, Collections) and list(mine.collections) == []
    assert list(alice.account_in_collections(bob).collections) == []
    alice.collection_item_delete("1", "2")
    alice.collection_delete("1")


def test_annual_report_state(alice: Mastodon) -> None:
    state = alice.annual_report_state(2025)
    assert isinstance(state, AnnualReportState) and isinstance(state.state, str)
