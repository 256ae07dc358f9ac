"""Statuses end to end against the local mock: edit and read the history and source, schedule and
move and cancel, pin and bookmark and list them, reply into a thread, delete an unused upload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNotFoundError
from mastodon.return_types import ScheduledStatus, StatusEdit

from ._mockserver import MockServer
from .test_seed_walk import _png


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


@pytest.fixture
def bob(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)


def test_edit_and_read_history_and_source(alice: Mastodon) -> None:
    posted = alice.status_post("first words", spoiler_text="draft")
    edited = alice.status_update(posted, "second words", spoiler_text="final")
    assert "second words" in edited.content and edited.edited_at is not None
    history = alice.status_history(posted)
    assert len(history) == 2 and all(isinstance(edit, StatusEdit) for edit in history)
    assert "first words" in history[0].content and "second words" in history[1].content
    source = alice.status_source(posted)
    assert source.text == "second words" and source.spoiler_text == "final"


def test_schedule_move_and_cancel(alice: Mastodon) -> None:
    when = datetime.now(UTC) + timedelta(days=1)
    scheduled = alice.status_post("later", scheduled_at=when)
    assert isinstance(scheduled, ScheduledStatus)
    assert [s.id for s in alice.scheduled_statuses()] == [scheduled.id]
    later = when + timedelta(days=1)
    moved = alice.scheduled_status_update(scheduled, later)
    assert abs(moved.scheduled_at - later) < timedelta(seconds=1)
    assert abs(alice.scheduled_status(scheduled.id).scheduled_at - later) < timedelta(seconds=1)
    alice.scheduled_status_delete(scheduled)
    assert list(alice.scheduled_statuses()) == []
    with pytest.raises(MastodonNotFoundError):
        alice.scheduled_status(scheduled.id)


def test_pin_and_bookmark_and_list_them(alice: Mastodon, bob: Mastodon) -> None:
    mine = alice.status_post("pin me")
    theirs = bob.status_post("bookmark me")
    assert alice.status_pin(mine).pinned is True
    me = alice.me()
    assert [s.id for s in alice.account_statuses(me, pinned=True)] == [mine.id]
    assert alice.status_bookmark(theirs).bookmarked is True
    assert [s.id for s in alice.bookmarks()] == [theirs.id]
    alice.status_unpin(mine)
    alice.status_unbookmark(theirs)
    assert list(alice.account_statuses(me, pinned=True)) == []
    assert list(alice.bookmarks()) == []


def test_reply_carries_the_thread(alice: Mastodon, bob: Mastodon) -> None:
    question = bob.status_post("@alice what do you think?", visibility="unlisted", spoiler_text="opinions")
    reply = alice.status_reply(question, "I agree")
    assert reply.in_reply_to_id == question.id
    assert reply.visibility == "unlisted" and reply.spoiler_text == "opinions"
    assert {m.acct for m in reply.mentions} == {"bob"}
    assert "I agree" in reply.content


def test_delete_an_unused_upload(alice: Mastodon) -> None:
    media = alice.media_post(_png(4, 4), mime_type="image/png")
    alice.media_delete(media)
    with pytest.raises(MastodonNotFoundError):
        alice.media(media.id)
