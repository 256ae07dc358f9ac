"""The 2017 API end to end: two users of the local mock talking to each other through the library.

One walk covers following, posting with media, the home timeline and paging through it,
favourites and boosts, notifications, threads, search, blocks, mutes, domain blocks, profile
edits and deletion. It runs twice: with today's method names and arguments, and with the
names and (positional) arguments code written against the 2017 API uses. The streaming tests
here only cover the 2017 names (``user_stream``); ``test_streaming.py`` covers ``stream_user``.

The assertions state what Mastodon itself does. Where ``mastodon-mock`` answers differently,
a comment says so and the assertion sticks to what both do.
"""

from __future__ import annotations

import struct
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from mastodon import Mastodon
from mastodon.errors import (
    MastodonDeprecationWarning,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonNotFoundError,
)
from mastodon.return_types import (
    Account,
    Context,
    MediaAttachment,
    Notification,
    Relationship,
    SearchV2,
    Status,
)
from mastodon.streaming import SSEStreamHandle

from ._listener import WAIT, Listener, Seen
from ._mockserver import MockServer

PAGE = 3
#: Statuses alice has in the timeline walk: one with the image and this many with text only,
#: so that the last full page is followed by an empty one.
TEXT_POSTS = 3 * PAGE - 1
TAG = "seedwalk"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png(width: int, height: int) -> bytes:
    """A small valid PNG (grey pixels), so that a real server would accept it as well."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return PNG_MAGIC + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


IMAGE = _png(4, 3)
AVATAR = _png(8, 8)


# -- the two ways of calling ------------------------------------------------------------------


class CurrentNames:
    """Today's names and keyword arguments."""

    seed = False

    def follow(self, api: Mastodon, account: Account) -> Relationship:
        return api.account_follow(account)

    def upload(self, api: Mastodon, tmp_path: Path) -> MediaAttachment:
        del tmp_path
        return api.media_post(IMAGE, mime_type="image/png", description="four by three grey", focus=(0.5, -0.25))

    def post_with_media(self, api: Mastodon, text: str, media: MediaAttachment) -> Status:
        status = api.status_post(text, media_ids=[media], visibility="public")
        assert isinstance(status, Status)
        return status

    def post(self, api: Mastodon, text: str) -> Status:
        status = api.status_post(text)
        assert isinstance(status, Status)
        return status

    def reply(self, api: Mastodon, text: str, to: Status) -> Status:
        status = api.status_post(text, in_reply_to_id=to)
        assert isinstance(status, Status)
        return status

    def home(self, api: Mastodon, limit: int | None = None) -> Any:
        return api.timeline_home(limit=limit)

    def search(self, api: Mastodon, q: str, result_type: str) -> SearchV2:
        result = api.search(q, result_type=result_type)
        assert isinstance(result, SearchV2)
        return result

    def update_profile(self, api: Mastodon, tmp_path: Path, display_name: str, note: str) -> Account:
        del tmp_path
        return api.account_update_credentials(
            display_name=display_name,
            note=note,
            avatar=AVATAR,
            avatar_mime_type="image/png",
            fields=[("Site", "https://example.org/alice"), ("Pronouns", "she/her")],
        )


class SeedNames(CurrentNames):
    """The 2017 names, with arguments given by position as the 2017 signatures ordered them."""

    seed = True

    def follow(self, api: Mastodon, account: Account) -> Relationship:
        # 2017 code followed remote accounts by address.
        return api.follows(account.acct)

    def upload(self, api: Mastodon, tmp_path: Path) -> MediaAttachment:
        # media_post(media_file, mime_type=None, description=None), usually with a file path;
        # the MIME type comes from the file name then.
        path = tmp_path / "grey.png"
        path.write_bytes(IMAGE)
        return api.media_post(str(path), None, "four by three grey")

    def post_with_media(self, api: Mastodon, text: str, media: MediaAttachment) -> Status:
        # status_post(status, in_reply_to_id, media_ids, sensitive, visibility='', spoiler_text)
        status = api.status_post(text, None, [media], False, "", None)
        assert isinstance(status, Status)
        return status

    def post(self, api: Mastodon, text: str) -> Status:
        return api.toot(text)

    def reply(self, api: Mastodon, text: str, to: Status) -> Status:
        status = api.status_post(text, to["id"])
        assert isinstance(status, Status)
        return status

    def home(self, api: Mastodon, limit: int | None = None) -> Any:
        return api.timeline("home", limit=limit)

    def search(self, api: Mastodon, q: str, result_type: str) -> SearchV2:
        # search(q, resolve=False): no result_type yet; every kind comes back.
        del result_type
        result = api.search(q, False)
        assert isinstance(result, SearchV2)
        return result

    def update_profile(self, api: Mastodon, tmp_path: Path, display_name: str, note: str) -> Account:
        # account_update_credentials(display_name, note, avatar, header) with an image file.
        # Only the first three go by position: the fourth is avatar_mime_type today, as it is
        # in the 2.3.3 signature that this library follows.
        path = tmp_path / "avatar.png"
        path.write_bytes(AVATAR)
        return api.account_update_credentials(display_name, note, str(path))


FLAVOURS = {"current": CurrentNames(), "seed": SeedNames()}


# -- fixtures ---------------------------------------------------------------------------------


class RecordingSession(requests.Session):
    """Keeps every request it sends, as prepared (method, URL, headers, body)."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.sent.append(request)
        return super().send(request, **kwargs)


@dataclass
class People:
    alice: Mastodon
    bob: Mastodon
    alice_account: Account
    bob_account: Account
    alice_wire: RecordingSession


@pytest.fixture
def people(mock: MockServer) -> People:
    wire = RecordingSession()
    alice = Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url, session=wire)
    bob = Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)
    return People(alice, bob, alice.account_verify_credentials(), bob.account_verify_credentials(), wire)


def _fetch(url: str) -> bytes:
    answer = requests.get(url, timeout=10)
    assert answer.status_code == 200, f"GET {url}: HTTP {answer.status_code}"
    return answer.content


def _file_part(request: requests.PreparedRequest, name: str) -> bytes:
    """The multipart part named ``name`` of a sent request: its headers and content."""
    content_type = str(request.headers["Content-Type"])
    assert content_type.startswith("multipart/form-data; boundary="), content_type
    boundary = content_type.split("boundary=", 1)[1].encode()
    assert isinstance(request.body, bytes)
    for part in request.body.split(b"--" + boundary):
        if part.startswith(b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"; filename="'):
            return part.removesuffix(b"\r\n")
    raise AssertionError(f"no file part {name!r} in the request body")


def _ids(items: Any) -> list[str]:
    return [item["id"] for item in items]


# -- the walk ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", list(FLAVOURS))
def test_walk_the_2017_api(flavour: str, people: People, mock: MockServer, tmp_path: Path) -> None:
    names = FLAVOURS[flavour]
    _bob_follows_alice(names, people)
    status = _alice_posts_an_image(names, people, tmp_path)
    _bob_sees_it_at_home(names, people, status)
    posted = [status, *(names.post(people.alice, f"walk step {n}") for n in range(TEXT_POSTS))]
    _bob_pages_through_home(names, people, posted, mock)
    reblog = _bob_favourites_and_boosts(people, status)
    _alice_reads_her_notifications(names, people, status)
    _a_thread(names, people, status)
    _search(names, people, status)
    _block_and_mute(people)
    _domain_blocks(people)
    _profile(names, people, tmp_path)
    _delete(people, status, reblog)


def _bob_follows_alice(names: CurrentNames, people: People) -> None:
    relationship = names.follow(people.bob, people.alice_account)
    assert isinstance(relationship, Relationship)
    assert relationship.id == people.alice_account.id
    assert relationship.following is True
    (seen_by_bob,) = people.bob.account_relationships(people.alice_account)
    assert seen_by_bob.following is True
    (seen_by_alice,) = people.alice.account_relationships([people.bob_account.id])
    assert seen_by_alice.followed_by is True
    assert seen_by_alice.following is False
    assert _ids(people.alice.account_followers(people.alice_account)) == [people.bob_account.id]
    assert _ids(people.bob.account_following(people.bob_account)) == [people.alice_account.id]


def _alice_posts_an_image(names: CurrentNames, people: People, tmp_path: Path) -> Status:
    media = names.upload(people.alice, tmp_path)
    assert isinstance(media, MediaAttachment)
    assert media.type == "image"
    assert media.description == "four by three grey"
    # Small images are processed at once, so the URL is there (Mastodon answers 200, not 202).
    assert media.url
    if not names.seed:
        assert media.meta.focus.x == pytest.approx(0.5)
        assert media.meta.focus.y == pytest.approx(-0.25)
    # The image went out intact, under a made-up file name rather than the local one.
    (sent,) = [r for r in people.alice_wire.sent if r.method == "POST" and str(r.url).endswith("/api/v2/media")]
    part = _file_part(sent, "file")
    assert part.endswith(b"Content-Type: image/png\r\n\r\n" + IMAGE)
    assert b"grey.png" not in part
    # Mastodon re-encodes images (the mock keeps them as sent): only the format is sure to stay.
    assert _fetch(media.url).startswith(PNG_MAGIC)

    status = names.post_with_media(people.alice, f"A grey picture #{TAG} of the pixelsky", media)
    assert status.account.id == people.alice_account.id
    assert status.visibility == "public"
    assert _ids(status.media_attachments) == [media.id]
    assert status.media_attachments[0].description == "four by three grey"
    assert [tag.name for tag in status.tags] == [TAG]
    assert people.bob.status(status.id).id == status.id
    return status


def _bob_sees_it_at_home(names: CurrentNames, people: People, status: Status) -> None:
    home = names.home(people.bob)
    assert _ids(home)[:1] == [status.id]
    assert home[0].media_attachments[0].url == status.media_attachments[0].url


def _bob_pages_through_home(names: CurrentNames, people: People, posted: list[Status], mock: MockServer) -> None:
    expected = sorted(_ids(posted), key=int, reverse=True)
    assert len(expected) % PAGE == 0

    first = names.home(people.bob, limit=PAGE)
    mark = mock.log_mark()
    pages = [first]
    while True:
        page = people.bob.fetch_next(pages[-1])
        assert page is not None, "the last full page links onwards"
        if not page:
            break  # the empty page past the oldest status ends the walk
        assert len(page) <= PAGE
        pages.append(page)
        assert len(pages) <= len(expected), "fetch_next never ends"
    walked = [item["id"] for page in pages for item in page]
    assert [len(page) for page in pages] == [PAGE] * (len(expected) // PAGE)
    assert len(set(walked)) == len(walked), f"duplicates in {walked}"
    assert walked == expected, "newest first, nothing missing"
    # The last full page still links onwards; the empty page after it ends the walk.
    home_calls = [r for r in mock.requests_since(mark) if r.path == "/api/v1/timelines/home"]
    assert len(home_calls) == len(pages)
    assert all(r.status == 200 for r in home_calls)
    assert all(f"limit={PAGE}" in r.target and "max_id=" in r.target for r in home_calls)

    # Nothing is newer than the newest status: an empty page, as Mastodon.py returns.
    assert people.bob.fetch_previous(first) == []
    # Paging back from the last page gives the page before it, in the same order.
    back = people.bob.fetch_previous(pages[-1])
    assert back is not None
    assert _ids(back) == _ids(pages[-2])
    assert _ids(people.bob.fetch_remaining(first)) == expected


def _bob_favourites_and_boosts(people: People, status: Status) -> Status:
    favourited = people.bob.status_favourite(status)
    assert isinstance(favourited, Status)
    assert favourited.id == status.id
    assert favourited.favourited is True
    assert favourited.favourites_count == 1

    reblog = people.bob.status_reblog(status)
    assert isinstance(reblog, Status)
    assert reblog.id != status.id
    assert reblog.account.id == people.bob_account.id
    assert reblog.reblog.id == status.id
    assert reblog.reblog.reblogged is True

    assert _ids(people.alice.status_favourited_by(status)) == [people.bob_account.id]
    assert _ids(people.alice.status_reblogged_by(status)) == [people.bob_account.id]
    assert _ids(people.bob.favourites()) == [status.id]
    # The boost shows in bob's own home timeline, wrapping alice's status.
    assert people.bob.timeline_home(limit=1)[0].reblog.id == status.id
    return reblog


def _alice_reads_her_notifications(names: CurrentNames, people: People, status: Status) -> None:
    notifications = people.alice.notifications()
    assert all(isinstance(n, Notification) for n in notifications)
    # Newest first: the boost, the favourite, then the follow.
    assert [n.type for n in notifications] == ["reblog", "favourite", "follow"]
    assert {n.account.id for n in notifications} == {people.bob_account.id}
    by_type = {n.type: n for n in notifications}
    assert by_type["reblog"].status.id == status.id
    assert by_type["favourite"].status.id == status.id
    assert by_type["follow"].get("status") is None

    single = people.alice.notifications(id=by_type["favourite"].id)
    assert isinstance(single, Notification)
    assert single.type == "favourite"
    if names.seed:
        # The 2017 signature: notifications(id=None, max_id=None, since_id=None, limit=None).
        assert _ids(people.alice.notifications(max_id=by_type["reblog"].id)) == _ids(notifications[1:])
        assert _ids(people.alice.notifications(limit=1)) == _ids(notifications[:1])
        return

    only = people.alice.notifications(types=["favourite", "follow"])
    assert [n.type for n in only] == ["favourite", "follow"]
    without = people.alice.notifications(exclude_types=["follow", "favourite"])
    assert [n.type for n in without] == ["reblog"]
    assert [n.type for n in people.alice.notifications(types=["mention"])] == []
    assert _ids(people.alice.notifications(account_id=people.bob_account)) == _ids(notifications)
    page = people.alice.notifications(limit=2)
    assert [n.type for n in page] == ["reblog", "favourite"]
    rest = people.alice.fetch_next(page)
    assert rest is not None
    assert [n.type for n in rest] == ["follow"]
    with pytest.raises(MastodonIllegalArgumentError, match="types"):
        people.alice.notifications(types=[3])  # type: ignore[list-item]


def _a_thread(names: CurrentNames, people: People, status: Status) -> None:
    first_reply = names.reply(people.bob, "@alice what a grey picture", status)
    second_reply = names.reply(people.alice, "@bob thank you, it took ages", first_reply)
    assert first_reply.in_reply_to_id == status.id
    assert first_reply.in_reply_to_account_id == people.alice_account.id
    assert second_reply.in_reply_to_id == first_reply.id

    top = people.alice.status_context(status)
    assert isinstance(top, Context)
    assert top.ancestors == []
    assert _ids(top.descendants) == [first_reply.id, second_reply.id]
    middle = people.bob.status_context(first_reply.id)
    assert _ids(middle.ancestors) == [status.id]
    assert _ids(middle.descendants) == [second_reply.id]
    bottom = people.bob.status_context(second_reply)
    assert _ids(bottom.ancestors) == [status.id, first_reply.id]
    assert bottom.descendants == []

    # Bob's mention of alice notified her.
    (mention,) = people.alice.notifications(limit=1)
    assert mention.type == "mention"
    assert mention.status.id == first_reply.id


def _search(names: CurrentNames, people: People, status: Status) -> None:
    found = names.search(people.alice, "bob", "accounts")
    assert people.bob_account.id in _ids(found.accounts)
    assert all(isinstance(account, Account) for account in found.accounts)
    assert _ids(people.alice.account_search("bob")) == [people.bob_account.id]

    tags = names.search(people.alice, TAG, "hashtags")
    assert TAG in [tag.name for tag in tags.hashtags]

    # Mastodon finds statuses by their words only with full-text search (Elasticsearch) set
    # up, and then only those the searching user wrote, boosted, favourited or was mentioned
    # in; alice's own status qualifies. The mock searches every status's text.
    texts = names.search(people.alice, "pixelsky", "statuses")
    assert _ids(texts.statuses) == [status.id]
    if not names.seed:
        assert texts.accounts == []
        assert texts.hashtags == []


def _block_and_mute(people: People) -> None:
    alice, bob = people.alice, people.bob_account
    blocked = alice.account_block(bob)
    assert isinstance(blocked, Relationship)
    assert blocked.blocking is True
    # A block ends follows in both directions.
    assert blocked.followed_by is False
    assert _ids(alice.blocks()) == [bob.id]
    (from_bob,) = people.bob.account_relationships(people.alice_account)
    assert from_bob.following is False
    assert alice.account_unblock(bob).blocking is False
    assert alice.blocks() == []
    # Bob follows again, so that the deletion at the end has a home timeline to vanish from.
    assert people.bob.account_follow(people.alice_account).following is True

    muted = alice.account_mute(bob)
    assert muted.muting is True
    assert muted.muting_notifications is True
    assert _ids(alice.mutes()) == [bob.id]
    assert alice.account_unmute(bob).muting is False
    assert alice.mutes() == []


def _domain_blocks(people: People) -> None:
    alice = people.alice
    assert alice.domain_blocks() == []
    assert alice.domain_block("spam.example") is None
    assert alice.domain_blocks() == ["spam.example"]
    alice.domain_unblock("spam.example")
    assert alice.domain_blocks() == []


def _profile(names: CurrentNames, people: People, tmp_path: Path) -> None:
    before = people.alice.account_verify_credentials()
    updated = names.update_profile(people.alice, tmp_path, "Alice Walker", "Walking through the 2017 API.")
    assert isinstance(updated, Account)
    assert updated.id == before.id
    assert updated.display_name == "Alice Walker"
    # Mastodon renders the note as HTML and keeps the text as written in source.
    assert updated.source.note == "Walking through the 2017 API."
    assert "Walking through the 2017 API." in updated.note
    # The avatar went out as a file part of a multipart body.
    (sent,) = [r for r in people.alice_wire.sent if r.method == "PATCH"]
    assert _file_part(sent, "avatar").endswith(b"Content-Type: image/png\r\n\r\n" + AVATAR)
    # Mastodon answers with a new avatar URL. mastodon-mock 0.6.1 drops avatar and header
    # files (it checks them against FastAPI's UploadFile class, while the parsed form holds
    # Starlette's), so its answer keeps the old URL; only the part the two share is checked.
    assert updated.avatar
    assert updated.avatar_static
    if not names.seed:
        assert [(f.name, f.value) for f in updated.source.fields] == [
            ("Site", "https://example.org/alice"),
            ("Pronouns", "she/her"),
        ]
        assert [f.name for f in updated.fields] == ["Site", "Pronouns"]
    again = people.bob.account(before.id)
    assert again.display_name == "Alice Walker"
    assert again.avatar == updated.avatar


def _delete(people: People, status: Status, reblog: Status) -> None:
    deleted = people.alice.status_delete(status)
    assert isinstance(deleted, Status)
    assert deleted.id == status.id
    # The deleted status comes back with its source text, ready to be drafted again.
    assert deleted.text == f"A grey picture #{TAG} of the pixelsky"
    with pytest.raises(MastodonNotFoundError):
        people.bob.status(status.id)
    home = people.bob.timeline_home(limit=40)
    assert status.id not in _ids(home)
    assert status.id not in [item.reblog.id for item in home if item.reblog]
    assert status.id not in _ids(people.bob.favourites())
    # Mastodon deletes the boosts of a deleted status too, so bob.status(reblog.id) would
    # raise MastodonNotFoundError and the boost would leave his home timeline.
    # mastodon-mock 0.6.1 keeps the boost, with "reblog": null; what both agree on is that
    # nothing bob can see still wraps the deleted status.
    assert people.bob.status(reblog.id).get("reblog") is None


# -- bad input never reaches the server -------------------------------------------------------


def test_bad_input_is_refused_before_sending(people: People, mock: MockServer, tmp_path: Path) -> None:
    mark = mock.log_mark()
    attempts: list[Callable[[], object]] = [
        lambda: people.alice.media_post(IMAGE),  # raw bytes, no way to tell the type
        lambda: people.alice.media_post(IMAGE, mime_type="image/png", focus=(2.0, 0.0)),
        lambda: people.alice.status_post("hi", visibility="everyone"),
        lambda: people.alice.notifications(exclude_types=[3]),  # type: ignore[list-item]
        lambda: people.alice.account_update_credentials(fields="a=1"),  # type: ignore[arg-type]
        lambda: people.alice.domain_block(None),  # type: ignore[arg-type]
        lambda: people.alice.timeline_home(max_id={"no": "id"}),  # type: ignore[arg-type]
        lambda: people.alice.timeline_home(max_id=1.5),  # type: ignore[arg-type]
        lambda: people.alice.timeline_home(max_id=[1, 2]),  # type: ignore[arg-type]
        lambda: people.alice.notifications(since_id=object()),  # type: ignore[arg-type]
    ]
    for attempt in attempts:
        with pytest.raises(MastodonIllegalArgumentError):
            attempt()
    with pytest.raises(MastodonFileNotFoundError):
        people.alice.media_post(str(tmp_path / "missing.png"))
    assert mock.requests_since(mark) == []


# -- streaming under the 2017 names -----------------------------------------------------------


def _bob_acts(people: People, listener: Listener) -> str:
    """Bob, through the library, mentions alice and deletes that status again."""
    assert listener.connected.wait(WAIT), "the stream never said it was live"
    status = people.bob.toot("@alice are you listening?")
    assert listener.updated.wait(WAIT), "no update arrived"
    assert listener.notified.wait(WAIT), "no notification arrived"
    people.bob.status_delete(status)
    return str(status.id)


def _check_events(listener: Listener, status_id: str, people: People) -> None:
    kinds = [kind for kind, _ in listener.events]
    assert sorted(kinds[:2]) == ["notification", "update"]
    assert kinds[2:] == ["delete"]
    payloads = dict(listener.events[:2])
    assert isinstance(payloads["update"], Status)
    assert payloads["update"].id == status_id
    assert payloads["update"].account.id == people.bob_account.id
    assert isinstance(payloads["notification"], Notification)
    assert payloads["notification"].type == "mention"
    assert payloads["notification"].status.id == status_id
    assert listener.events[-1] == ("delete", status_id)
    assert listener.aborts == []


def test_user_stream_in_the_background_with_the_2017_keyword(people: People, handles: list[SSEStreamHandle]) -> None:
    people.alice.follows("bob")
    listener = Listener()
    with pytest.warns(MastodonDeprecationWarning, match="user_stream"):
        # 2017 code said user_stream(listener, async=True); async is a keyword since Python 3.7.
        handle = people.alice.user_stream(listener, **{"async": True})
    assert isinstance(handle, SSEStreamHandle)
    handles.append(handle)
    status_id = _bob_acts(people, listener)
    assert listener.deleted.wait(WAIT), "no delete arrived"
    _check_events(listener, status_id, people)
    handle.close()
    handle.join(WAIT)
    assert not handle.is_alive()


def test_user_stream_blocking(people: People) -> None:
    people.alice.follows("bob")
    listener = Listener(leave_on_delete=True)
    result: dict[str, str] = {}
    actor = threading.Thread(target=lambda: result.update(id=_bob_acts(people, listener)), daemon=True)
    actor.start()
    with pytest.warns(MastodonDeprecationWarning, match="user_stream"), pytest.raises(Seen):
        people.alice.user_stream(listener)
    actor.join(WAIT)
    assert "id" in result, "bob's actions did not finish"
    _check_events(listener, result["id"], people)
