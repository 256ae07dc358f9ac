"""The everyday API end to end against the local mock: alice and bob vote, note, endorse,
mark where they stopped reading and talk in a private conversation."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.return_types import Account, Conversation, Marker, Poll, Relationship

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


@pytest.fixture
def bob(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)


def test_vote_in_a_poll_and_read_the_results(alice: Mastodon, bob: Mastodon) -> None:
    question = bob.status_post("Tea or coffee?", poll=bob.make_poll(["tea", "coffee"], expires_in=3600))
    assert question.poll is not None
    voted = alice.poll_vote(question.poll, [1])
    assert isinstance(voted, Poll) and voted.voted is True and voted.own_votes == [1]
    results = bob.poll(question.poll.id)
    assert [option.votes_count for option in results.options] == [0, 1]
    assert results.votes_count == 1


def test_set_and_read_a_marker(alice: Mastodon, bob: Mastodon) -> None:
    newest = bob.status_post("something to read")
    alice.markers_set("home", newest)
    markers = alice.markers_get("home")
    assert isinstance(markers.home, Marker) and markers.home.last_read_id == newest.id
    alice.markers_set(["home", "notifications"], [newest, newest])
    both = alice.markers_get(["home", "notifications"])
    assert set(both) == {"home", "notifications"}


def test_a_private_note_on_an_account(alice: Mastodon, bob: Mastodon) -> None:
    bob_account = alice.account_lookup("bob")
    assert isinstance(bob_account, Account) and bob_account.acct == "bob"
    noted = alice.account_note_set(bob_account, "met at the café")
    assert isinstance(noted, Relationship) and noted.note == "met at the café"
    (relationship,) = alice.account_relationships(bob_account)
    assert relationship.note == "met at the café"
    assert alice.account_note_set(bob_account, "").note == ""


def test_familiar_followers_and_endorsements(alice: Mastodon, bob: Mastodon) -> None:
    me_bob = bob.me()
    alice_account = bob.account_lookup("alice")
    alice.account_follow(me_bob)
    bob.account_follow(alice_account)
    # Whom alice follows that also follows alice: bob.
    (entry,) = alice.account_familiar_followers(alice_account)
    assert entry.id == alice_account.id
    assert me_bob.id in {account.id for account in entry.accounts}

    endorsed = alice.account_endorse(me_bob)
    assert endorsed.endorsed is True
    assert me_bob.id in {account.id for account in alice.endorsements()}
    assert me_bob.id in {account.id for account in bob.account_endorsements(alice_account)}
    alice.account_unendorse(me_bob)
    assert me_bob.id not in {account.id for account in alice.endorsements()}


def test_a_private_conversation(alice: Mastodon, bob: Mastodon) -> None:
    bob.status_post("@alice just between us", visibility="direct")
    (conversation,) = alice.conversations()
    assert isinstance(conversation, Conversation) and conversation.unread is True
    assert "bob" in {account.acct for account in conversation.accounts}
    assert alice.conversations_read(conversation).unread is False
    alice.conversations_delete(conversation)
    assert list(alice.conversations()) == []
