"""Filters end to end against the local mock: a v2 filter with a keyword marks a matching status
in the home timeline; keywords are added and removed; v1 filters are applied by the client."""

from __future__ import annotations

import pytest

from mastodon import Mastodon
from mastodon.return_types import FilterKeyword, FilterV2

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


@pytest.fixture
def bob(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)


def test_v2_filter_with_keywords(alice: Mastodon, bob: Mastodon) -> None:
    alice.account_follow(alice.account_lookup("bob"))
    created = alice.create_filter_v2(
        "spoilers", ["home"], "warn", keywords_attributes=[{"keyword": "ending", "whole_word": True}]
    )
    assert isinstance(created, FilterV2) and [k.keyword for k in created.keywords] == ["ending"]
    matching = bob.status_post("the ending was a surprise")
    other = bob.status_post("nothing to see")

    timeline = {status.id: status for status in alice.timeline_home()}
    assert [result.filter.title for result in timeline[matching.id].filtered] == ["spoilers"]
    assert not timeline[other.id].get("filtered")

    added = alice.add_filter_keyword_v2(created, "see", whole_word=True)
    assert isinstance(added, FilterKeyword)
    assert {k.keyword for k in alice.filter_keywords_v2(created)} == {"ending", "see"}
    assert alice.filter_keyword_v2(added).keyword == "see"
    assert alice.update_filter_keyword_v2(added, keyword="seen").keyword == "seen"
    alice.delete_filter_keyword_v2(added)
    assert [k.keyword for k in alice.filter_keywords_v2(created)] == ["ending"]

    alice.delete_filter_v2(created)
    assert list(alice.filters_v2()) == []


def test_v1_filters_applied_by_the_client(alice: Mastodon, bob: Mastodon) -> None:
    alice.account_follow(alice.account_lookup("bob"))
    bob.status_post("my cat sleeps")
    bob.status_post("concatenation")
    phrase_filter = alice.filter_create("cat", ["home"], whole_word=True)
    kept = alice.filters_apply(alice.timeline_home(), alice.filters(), "home")
    assert [status.content for status in kept if "cat" in status.content] == ["<p>concatenation</p>"]
    alice.filter_delete(phrase_filter)
    assert list(alice.filters()) == []
