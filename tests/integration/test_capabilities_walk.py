"""Knowing the server before talking to it, against the local mock: its capabilities, and the
opt-in limit checks refusing what the server would refuse, before sending it."""

from __future__ import annotations

import pytest

from mastodon import Mastodon, MastodonUnprocessableEntityError

from ._mockserver import MockServer


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def test_capabilities(alice: Mastodon, mock: MockServer) -> None:
    mark = mock.log_mark()
    found = alice.instance_capabilities()
    assert found.software == "mastodon"
    assert found.max_characters is not None and found.max_characters > 0
    assert found.max_media_attachments is not None and found.max_poll_options is not None
    assert found.streaming is True and found.streaming_url
    assert alice.instance_capabilities() is found
    assert len(mock.requests_since(mark)) <= 2


def test_a_post_over_the_limit(alice: Mastodon, mock: MockServer) -> None:
    limit = alice.instance_capabilities().max_characters
    assert limit is not None
    too_long = "x" * (limit + 1)

    alice.check_limits = True
    mark = mock.log_mark()
    with pytest.raises(MastodonUnprocessableEntityError, match=f"over the server's limit of {limit}"):
        alice.status_post(too_long)
    assert not [r for r in mock.requests_since(mark) if r.method == "POST"]
    assert alice.status_post("x" * limit).content

    alice.check_limits = False
    with pytest.raises(MastodonUnprocessableEntityError) as refusal:
        alice.status_post(too_long)
    assert refusal.value.status_code == 422
    assert [r.path for r in mock.requests_since(mark) if r.method == "POST"] == ["/api/v1/statuses"] * 2
