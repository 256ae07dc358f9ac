"""Discovery end to end against the local mock: follow a hashtag and feature it, update the
profile and read it back, read trends by offset and the follow suggestions."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.return_types import Profile, Tag

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def test_follow_and_feature_a_hashtag(alice: Mastodon) -> None:
    alice.status_post("I like #python")
    followed = alice.tag_follow("python")
    assert isinstance(followed, Tag) and followed.following is True
    assert [tag.name for tag in alice.followed_tags()] == ["python"]
    assert alice.tag("python").following is True

    assert alice.tag_feature("python").featuring is True
    assert "python" in {tag.name for tag in alice.featured_tags()}
    assert alice.tag_unfeature("python").featuring is False
    assert "python" not in {tag.name for tag in alice.featured_tags()}

    alice.tag_unfollow("python")
    assert list(alice.followed_tags()) == []


def test_update_the_profile_and_read_it_back(alice: Mastodon) -> None:
    updated = alice.profile_update(display_name="Alice A.", note="hello there", fields=[("site", "https://a.example")])
    assert isinstance(updated, Profile)
    profile = alice.profile()
    assert profile.display_name == "Alice A." and profile.note == "hello there"
    assert [(field.name, field.value) for field in profile.fields] == [("site", "https://a.example")]
    assert alice.me().display_name == "Alice A."


def test_trends_by_offset_and_suggestions(alice: Mastodon, mock: MockServer) -> None:
    bob = Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)
    for number in range(3):
        alice.status_post(f"#python #cats post {number}")
    bob.status_post("#python too")
    first = alice.trending_tags(limit=1)
    assert [tag.name for tag in first] == ["python"]
    following = alice.fetch_next(first)
    assert following is not None and [tag.name for tag in following] == ["cats"]
    statuses = alice.trending_statuses(limit=2)
    assert len(statuses) == 2 and all("#python" in status.content for status in statuses)
    assert [account.acct for account in alice.suggestions()] == ["bob"]
