"""Notifications end to end against the local mock: grouped notifications after a favourite and a
mention, paged with fetch_next; a filtered notification request accepted; unread counts."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.return_types import GroupedNotificationsResults, NotificationRequest

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


@pytest.fixture
def bob(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)


def test_grouped_after_a_favourite_and_a_mention(alice: Mastodon, bob: Mastodon) -> None:
    mine = alice.status_post("something to like")
    bob.status_favourite(mine)
    bob.status_post("@alice hello there")

    first = alice.grouped_notifications(limit=1, types=["favourite", "mention"])
    assert isinstance(first, GroupedNotificationsResults) and len(first.notification_groups) == 1
    second = alice.fetch_next(first)
    assert second is not None and len(second.notification_groups) == 1
    kinds = {first.notification_groups[0].type, second.notification_groups[0].type}
    assert kinds == {"favourite", "mention"}
    third = alice.fetch_next(second)
    assert third is None or list(third.notification_groups) == []

    groups = list(alice.pagination_iterator(alice.grouped_notifications(limit=1, types=["favourite", "mention"])))
    assert {group.type for group in groups} == {"favourite", "mention"}
    favourite = next(group for group in groups if group.type == "favourite")
    accounts = alice.grouped_notification_accounts(favourite.group_key)
    assert [account.acct for account in accounts] == ["bob"]
    assert alice.grouped_notification(favourite.group_key).notification_groups[0].group_key == favourite.group_key
    assert alice.unread_grouped_notifications_count() == 2


def test_accept_a_filtered_notification_request(alice: Mastodon, bob: Mastodon) -> None:
    policy = alice.update_notifications_policy(for_not_following="filter")
    assert policy.for_not_following == "filter"
    bob.status_post("@alice you do not follow me")

    requests = alice.notification_requests()
    assert len(requests) == 1 and isinstance(requests[0], NotificationRequest)
    request = requests[0]
    assert request.account.acct == "bob"
    assert alice.notification_request(request.id).id == request.id
    assert not [n for n in alice.notifications() if n.account.acct == "bob"]

    alice.accept_notification_request(request)
    assert list(alice.notification_requests()) == []
    assert alice.notifications_merged() is True
    bob.status_post("@alice and again")
    assert [n.type for n in alice.notifications() if n.account.acct == "bob"][:1] == ["mention"]
