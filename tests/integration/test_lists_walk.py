"""Lists end to end against the local mock: create one, add an account, read its timeline,
rename it, delete it."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNotFoundError
from mastodon.return_types import UserList

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


@pytest.fixture
def bob(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)


def test_list_lifecycle(alice: Mastodon, bob: Mastodon) -> None:
    bob_account = alice.account_lookup("bob")
    alice.account_follow(bob_account)
    created = alice.list_create("friends", replies_policy="followed")
    assert isinstance(created, UserList) and created.title == "friends" and created.replies_policy == "followed"
    assert [found.id for found in alice.lists()] == [created.id]

    alice.list_accounts_add(created, [bob_account])
    assert [account.acct for account in alice.list_accounts(created)] == ["bob"]
    assert [found.id for found in alice.account_lists(bob_account)] == [created.id]
    posted = bob.status_post("for my listeners")
    assert posted.id in {status.id for status in alice.timeline_list(created)}

    renamed = alice.list_update(created, "close friends", exclusive=True)
    assert renamed.title == "close friends" and alice.list(created.id).title == "close friends"
    alice.list_accounts_delete(created, bob_account)
    assert list(alice.list_accounts(created)) == []
    alice.list_delete(created)
    with pytest.raises(MastodonNotFoundError):
        alice.list(created.id)
