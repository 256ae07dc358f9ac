"""Request shapes and results of the account methods."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import (
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonNotFoundError,
)
from mastodon.return_types import Account, Relationship, Status
from mastodon.types_base import NonPaginatableList, PaginatableList
from tests.methods._helpers import form_pairs

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "username": "alice", "acct": "alice", "created_at": "2023-01-02T03:04:05.000Z"}
STATUS = {"id": "100", "created_at": "2024-05-06T07:08:09.000Z", "account": ACCOUNT, "content": "<p>hi</p>"}
RELATIONSHIP = {"id": "42", "following": True, "blocking": False, "muting": False}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def no_body(request: Any) -> tuple[bool, str]:
    return (not request.body), f"unexpected body {request.body!r}"


def multipart_parts(request: Any) -> dict[str, tuple[str | None, str, bytes]]:
    """The parts of a multipart body: name -> (file name, content type, content)."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.body)
    assert message.is_multipart()
    parts = {}
    for part in message.iter_parts():
        parts[part.get_param("name", header="content-disposition")] = (
            part.get_filename(),
            part.get_content_type(),
            part.get_payload(decode=True),
        )
    return parts


# -- reading ------------------------------------------------------------------------------------


def test_account_fetches_by_id(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/42", json=ACCOUNT, match=[matchers.query_param_matcher({})])
    result = api.account("42")
    assert isinstance(result, Account)
    assert result.acct == "alice"
    assert result.created_at == datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_account_accepts_entity_and_int(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/42", json=ACCOUNT)
    mocked.get(f"{BASE}/api/v1/accounts/42", json=ACCOUNT)
    assert api.account({"id": "42", "acct": "alice"}).id == "42"
    assert api.account(42).id == "42"


@pytest.mark.parametrize("bad", [None, "", "a/b", "../x", True, 1.5, {"acct": "x"}])
def test_account_rejects_bad_ids(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.account(bad)


def test_account_verify_credentials_and_me(api: Mastodon, mocked: responses.RequestsMock) -> None:
    own = {**ACCOUNT, "source": {"privacy": "public", "note": ""}}
    mocked.get(f"{BASE}/api/v1/accounts/verify_credentials", json=own, match=[matchers.query_param_matcher({})])
    mocked.get(f"{BASE}/api/v1/accounts/verify_credentials", json=own, match=[matchers.query_param_matcher({})])
    first = api.account_verify_credentials()
    second = api.me()
    assert isinstance(first, Account) and isinstance(second, Account)
    assert first.source.privacy == "public"
    assert second == first


def test_account_statuses_sends_no_false_flags(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/42/statuses", json=[STATUS], match=[matchers.query_param_matcher({})])
    page = api.account_statuses("42")
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Status)
    assert isinstance(page[0].account, Account)


def test_account_statuses_all_filters(api: Mastodon, mocked: responses.RequestsMock) -> None:
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    expected = {
        "only_media": "1",
        "pinned": "1",
        "exclude_replies": "1",
        "exclude_reblogs": "1",
        "exclude_direct": "1",
        "tagged": "cats",
        "max_id": "100",
        "min_id": str((int(moment.timestamp()) << 16) * 1000),
        "since_id": "7",
        "limit": "5",
    }
    mocked.get(f"{BASE}/api/v1/accounts/42/statuses", json=[], match=[matchers.query_param_matcher(expected)])
    page = api.account_statuses(
        ACCOUNT,
        only_media=True,
        pinned=True,
        exclude_replies=True,
        exclude_reblogs=True,
        tagged="cats",
        max_id=STATUS,
        min_id=moment,
        since_id=7,
        limit=5,
        exclude_direct=True,
    )
    assert page == []


@pytest.mark.parametrize("bad", [5, ["cats"], b"cats"])
def test_account_statuses_rejects_a_tag_that_is_not_text(
    api: Mastodon, mocked: responses.RequestsMock, bad: Any
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="tagged"):
        api.account_statuses("42", tagged=bad)


def test_account_statuses_sends_the_tag_as_given(api: Mastodon, mocked: responses.RequestsMock) -> None:
    # As Mastodon.py does: the server decides what it makes of a leading '#'.
    mocked.get(f"{BASE}/api/v1/accounts/42/statuses", json=[], match=[matchers.query_param_matcher({"tagged": "#x"})])
    assert api.account_statuses("42", tagged="#x") == []


# Mastodon quotes rel values; the core's Link parser does not read quoted ones yet.
QUOTED = '"'


@pytest.mark.parametrize("quote", ["", QUOTED])
def test_account_statuses_pagination_from_link(api: Mastodon, mocked: responses.RequestsMock, quote: str) -> None:
    link = (
        f"<{BASE}/api/v1/accounts/42/statuses?max_id=99&only_media=1>; rel={quote}next{quote}, "
        f"<{BASE}/api/v1/accounts/42/statuses?min_id=100&only_media=1>; rel={quote}prev{quote}"
    )
    mocked.get(
        f"{BASE}/api/v1/accounts/42/statuses",
        json=[STATUS],
        headers={"Link": link},
        match=[matchers.query_param_matcher({"only_media": "1"})],
    )
    page = api.account_statuses("42", only_media=True)
    assert page._pagination_next["max_id"] == 99
    assert page._pagination_next["only_media"] in (True, "1")
    assert page._pagination_prev["min_id"] == 100


@pytest.mark.parametrize("method", ["account_following", "account_followers"])
def test_following_and_followers(api: Mastodon, mocked: responses.RequestsMock, method: str) -> None:
    path = method.removeprefix("account_")
    mocked.get(f"{BASE}/api/v1/accounts/42/{path}", json=[ACCOUNT], match=[matchers.query_param_matcher({})])
    mocked.get(
        f"{BASE}/api/v1/accounts/42/{path}",
        json=[],
        match=[matchers.query_param_matcher({"max_id": "9", "min_id": "3", "since_id": "2", "limit": "80"})],
    )
    page = getattr(api, method)({"id": "42"})
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Account)
    assert getattr(api, method)(42, max_id="9", min_id="3", since_id=2, limit=80) == []


def test_account_relationships_single(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/accounts/relationships",
        json=[RELATIONSHIP],
        match=[matchers.query_param_matcher({"id": "42"})],
    )
    # One ID goes as ``id``, as Mastodon.py always sent it.
    result = api.account_relationships(ACCOUNT)
    assert isinstance(result, NonPaginatableList)
    assert isinstance(result[0], Relationship)
    assert result[0].following is True


def test_account_relationships_many(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/accounts/relationships",
        json=[RELATIONSHIP, {**RELATIONSHIP, "id": "43"}],
        match=[matchers.query_param_matcher({"id[]": ["42", "43", "44"], "with_suspended": "1"})],
    )
    result = api.account_relationships([ACCOUNT, 43, "44"], with_suspended=True)
    assert [item.id for item in result] == ["42", "43"]


@pytest.mark.parametrize("bad", [[None], ["ok", ""], [-1], b"42"])
def test_account_relationships_rejects(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_relationships(bad)


@pytest.mark.parametrize("nothing", [[], None])
def test_account_relationships_of_nobody_asks_the_server(
    api: Mastodon, mocked: responses.RequestsMock, nothing: Any
) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/relationships", json=[], match=[matchers.query_param_matcher({})])
    result = api.account_relationships(nothing)
    assert result == []
    assert isinstance(result, NonPaginatableList)


def test_account_search(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/accounts/search",
        json=[ACCOUNT],
        match=[matchers.query_param_matcher({"q": "alice", "following": "0", "resolve": "0"})],
    )
    page = api.account_search("alice")
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Account)
    # Offset paging: the next page starts after the results seen so far.
    assert page._pagination_next["offset"] == 1


def test_account_search_all_options(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expected = {"q": "bob@remote.example", "limit": "2", "following": "1", "resolve": "1", "offset": "4"}
    mocked.get(
        f"{BASE}/api/v1/accounts/search",
        json=[ACCOUNT, ACCOUNT],
        match=[matchers.query_param_matcher(expected)],
    )
    page = api.account_search("bob@remote.example", limit=2, following=True, resolve=True, offset=4)
    assert page._pagination_next["offset"] == 6
    assert page._pagination_prev["offset"] == 2


@pytest.mark.parametrize("bad", [None, 5, b"q"])
def test_account_search_rejects_a_query_that_is_not_text(
    api: Mastodon, mocked: responses.RequestsMock, bad: Any
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="q must"):
        api.account_search(bad)


# -- following, blocking, muting ----------------------------------------------------------------


def test_account_follow_defaults(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/accounts/42/follow",
        json=RELATIONSHIP,
        match=[form_pairs([("reblogs", "1"), ("notify", "0")])],
    )
    result = api.account_follow(ACCOUNT)
    assert isinstance(result, Relationship)


def test_account_follow_options(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/accounts/42/follow",
        json=RELATIONSHIP,
        match=[form_pairs([("reblogs", "0"), ("notify", "1"), ("languages[]", "en"), ("languages[]", "de")])],
    )
    assert api.account_follow("42", reblogs=False, notify=True, languages=["en", "de"]).id == "42"


def test_account_follow_rejects_bad_id(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.account_follow("")


def test_follows_searches_then_follows_exact_match(api: Mastodon, mocked: responses.RequestsMock) -> None:
    other = {**ACCOUNT, "id": "7", "acct": "bobby@remote.example"}
    wanted = {**ACCOUNT, "id": "8", "acct": "bob@remote.example"}
    mocked.get(
        f"{BASE}/api/v1/accounts/search",
        json=[other, wanted],
        match=[matchers.query_param_matcher({"q": "@bob@remote.example", "following": "0", "resolve": "0"})],
    )
    mocked.post(
        f"{BASE}/api/v1/accounts/8/follow",
        json={**RELATIONSHIP, "id": "8"},
        match=[form_pairs([("reblogs", "1"), ("notify", "0")])],
    )
    result = api.follows("@bob@remote.example")
    assert isinstance(result, Relationship)
    assert result.id == "8"


def test_follows_takes_first_result_without_exact_match(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/search", json=[{**ACCOUNT, "id": "9", "acct": "carol@elsewhere"}])
    mocked.post(f"{BASE}/api/v1/accounts/9/follow", json={**RELATIONSHIP, "id": "9"})
    assert api.follows("carol@remote.example").id == "9"


def test_follows_raises_not_found(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/search", json=[])
    with pytest.raises(MastodonNotFoundError):
        api.follows("nobody@remote.example")
    assert len(mocked.calls) == 1


def test_follows_rejects_an_address_that_is_not_text(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.follows(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("action", ["unfollow", "block", "unblock", "unmute"])
def test_simple_relationship_actions(api: Mastodon, mocked: responses.RequestsMock, action: str) -> None:
    mocked.post(f"{BASE}/api/v1/accounts/42/{action}", json=RELATIONSHIP, match=[no_body])
    result = getattr(api, f"account_{action}")(ACCOUNT)
    assert isinstance(result, Relationship)
    with pytest.raises(MastodonIllegalArgumentError):
        getattr(api, f"account_{action}")(None)


def test_account_mute(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/accounts/42/mute",
        json=RELATIONSHIP,
        match=[form_pairs([("notifications", "1")])],
    )
    mocked.post(
        f"{BASE}/api/v1/accounts/42/mute",
        json=RELATIONSHIP,
        match=[form_pairs([("notifications", "0"), ("duration", "3600")])],
    )
    assert isinstance(api.account_mute("42"), Relationship)
    assert isinstance(api.account_mute("42", notifications=False, duration=3600), Relationship)


@pytest.mark.parametrize("bad", ["an hour", True, [60]])
def test_account_mute_rejects_bad_duration(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="duration"):
        api.account_mute("42", duration=bad)


# -- profile updates ----------------------------------------------------------------------------


def test_update_credentials_form(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expected = [
        ("display_name", "Alice"),
        ("note", "bio"),
        ("locked", "1"),
        ("bot", "0"),
        ("discoverable", "1"),
        ("hide_collections", "1"),
        ("indexable", "0"),
        ("attribution_domains[]", "a.example"),
        ("attribution_domains[]", "b.example"),
        ("source[privacy]", "unlisted"),
        ("source[sensitive]", "1"),
        ("source[language]", "de"),
        ("source[quote_policy]", "followers"),
        ("avatar_description", "a cat"),
        ("header_description", "a field"),
        ("fields_attributes[0][name]", "web"),
        ("fields_attributes[0][value]", "https://alice.example"),
        ("fields_attributes[1][name]", "pronouns"),
        ("fields_attributes[1][value]", "she/her"),
    ]
    mocked.patch(f"{BASE}/api/v1/accounts/update_credentials", json=ACCOUNT, match=[form_pairs(expected)])
    result = api.account_update_credentials(
        display_name="Alice",
        note="bio",
        locked=True,
        bot=False,
        discoverable=True,
        fields=[("web", "https://alice.example"), ("pronouns", "she/her")],
        hide_collections=True,
        indexable=False,
        attribution_domains=["a.example", "b.example"],
        default_privacy="unlisted",
        default_sensitive=True,
        default_language="de",
        default_quote_policy="followers",
        avatar_description="a cat",
        header_description="a field",
    )
    assert isinstance(result, Account)
    assert "multipart" not in mocked.calls[0].request.headers["Content-Type"]


def test_update_credentials_only_given_fields(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.patch(
        f"{BASE}/api/v1/accounts/update_credentials",
        json=ACCOUNT,
        match=[form_pairs([("display_name", "Al")])],
    )
    assert isinstance(api.account_update_credentials(display_name="Al"), Account)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fields": "name=value"}, "pairs"),
        ({"fields": [("only-a-name",)]}, "pair"),
        ({"fields": [("a", 1)]}, "strings"),
        ({"default_privacy": 1}, "default_privacy"),
        ({"default_quote_policy": ["anyone"]}, "default_quote_policy"),
        ({"avatar": 12345}, "avatar"),
    ],
)
def test_update_credentials_rejects(
    api: Mastodon, mocked: responses.RequestsMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.account_update_credentials(**kwargs)


def test_update_credentials_avatar_from_path(api: Mastodon, mocked: responses.RequestsMock, tmp_path: Path) -> None:
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    mocked.patch(f"{BASE}/api/v1/accounts/update_credentials", json=ACCOUNT)
    result = api.account_update_credentials(display_name="Alice", avatar=str(image), bot=True)
    assert isinstance(result, Account)
    request = mocked.calls[0].request
    assert request.method == "PATCH"
    parts = multipart_parts(request)
    file_name, content_type, content = parts["avatar"]
    assert content == PNG
    assert content_type == "image/png"
    assert file_name is not None and file_name.endswith(".png")
    assert parts["display_name"][2] == b"Alice"
    assert parts["bot"][2] == b"1"
    assert set(parts) == {"avatar", "display_name", "bot"}


def test_update_credentials_images_from_bytes_and_file(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.patch(f"{BASE}/api/v1/accounts/update_credentials", json=ACCOUNT)
    api.account_update_credentials(
        avatar=PNG, avatar_mime_type="image/png", header=io.BytesIO(b"GIF89a..."), header_mime_type="image/gif"
    )
    parts = multipart_parts(mocked.calls[0].request)
    assert parts["avatar"][1:] == ("image/png", PNG)
    assert parts["header"][1:] == ("image/gif", b"GIF89a...")
    assert parts["header"][0] is not None and parts["header"][0].endswith(".gif")


def test_update_credentials_pathlike_guesses_type(
    api: Mastodon, mocked: responses.RequestsMock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "magic", None)  # behave as without python-magic
    image = tmp_path / "banner.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0jpeg")
    mocked.patch(f"{BASE}/api/v1/accounts/update_credentials", json=ACCOUNT)
    api.account_update_credentials(header=image)
    assert multipart_parts(mocked.calls[0].request)["header"][1:] == ("image/jpeg", b"\xff\xd8\xff\xe0jpeg")


def test_update_credentials_missing_file(api: Mastodon, mocked: responses.RequestsMock, tmp_path: Path) -> None:
    with pytest.raises(MastodonFileNotFoundError):
        api.account_update_credentials(avatar=str(tmp_path / "absent.png"))


def test_update_credentials_bytes_need_a_type(
    api: Mastodon, mocked: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "magic", None)
    with pytest.raises(MastodonIllegalArgumentError, match="MIME type"):
        api.account_update_credentials(avatar=PNG)


def test_update_credentials_text_file_refused(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="text mode"):
        api.account_update_credentials(avatar=io.StringIO("not an image"), avatar_mime_type="image/png")
