"""The Web Push subscription lifecycle against the local mock: subscribe, read, change, end."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNotFoundError
from mastodon.return_types import WebPushSubscription

from ._mockserver import MockServer

ENDPOINT = "https://push.example.net/walk"


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def test_subscription_lifecycle(alice: Mastodon) -> None:
    _, public = alice.push_subscription_generate_keys()
    created = alice.push_subscription_set(ENDPOINT, public, mention_events=True, follow_events=False, policy="followed")
    assert isinstance(created, WebPushSubscription)
    assert created.endpoint == ENDPOINT
    assert created.alerts.mention is True and created.alerts.follow is False

    read = alice.push_subscription()
    assert read.id == created.id and read.alerts.mention is True

    changed = alice.push_subscription_update(follow_events=True, mention_events=False)
    assert changed.alerts.follow is True and changed.alerts.mention is False
    assert alice.push_subscription().alerts.follow is True

    alice.push_subscription_delete()
    with pytest.raises(MastodonNotFoundError):
        alice.push_subscription()
