"""Hashtags, trends, suggestions and the profile: what each call sends and returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import (
    Account,
    FeaturedTag,
    NonPaginatableList,
    PaginatableList,
    PreviewCard,
    Profile,
    Status,
    Suggestion,
    Tag,
)
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, query_of

TAG = {"name": "python", "url": "https://mastodon.example/tags/python", "history": [], "following": True}
FEATURED = {"id": "3", "name": "python", "url": "https://x/@me/tagged/python", "statuses_count": "4"}
ACCOUNT = {"id": "7", "username": "ann", "acct": "ann"}
CARD = {"url": "https://news.example/a", "title": "A", "type": "link"}
STATUS = {"id": "9", "content": "<p>hi</p>", "account": ACCOUNT}
PROFILE = {"id": "1", "display_name": "Me", "note": "hello", "fields": []}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]] = [
    (lambda a: a.featured_tags(), "GET", "/api/v1/featured_tags", [], [], [FEATURED], NonPaginatableList),
    (
        lambda a: a.featured_tag_suggestions(),
        "GET",
        "/api/v1/featured_tags/suggestions",
        [],
        [],
        [FEATURED],
        NonPaginatableList,
    ),
    (
        lambda a: a.featured_tag_create("python"),
        "POST",
        "/api/v1/featured_tags",
        [],
        [("name", "python")],
        FEATURED,
        FeaturedTag,
    ),
    (lambda a: a.featured_tag_delete(FEATURED), "DELETE", "/api/v1/featured_tags/3", [], [], {}, type(None)),
    (lambda a: a.tag_feature("python"), "POST", "/api/v1/tags/python/feature", [], [], TAG, Tag),
    (lambda a: a.tag_unfeature("#python"), "POST", "/api/v1/tags/python/unfeature", [], [], TAG, Tag),
    (lambda a: a.followed_tags(limit=2), "GET", "/api/v1/followed_tags", [("limit", "2")], [], [TAG], PaginatableList),
    (lambda a: a.tag("python"), "GET", "/api/v1/tags/python", [], [], TAG, Tag),
    (lambda a: a.tag("café"), "GET", "/api/v1/tags/caf%C3%A9", [], [], TAG, Tag),
    (lambda a: a.tag_follow("python"), "POST", "/api/v1/tags/python/follow", [], [], TAG, Tag),
    (lambda a: a.tag_unfollow("python"), "POST", "/api/v1/tags/python/unfollow", [], [], TAG, Tag),
    (lambda a: a.trends(), "GET", "/api/v1/trends/tags", [], [], [TAG], PaginatableList),
    (
        lambda a: a.trending_tags(limit=5, offset=10, lang="de"),
        "GET",
        "/api/v1/trends/tags",
        [("limit", "5"), ("offset", "10"), ("lang", "de")],
        [],
        [TAG],
        PaginatableList,
    ),
    (
        lambda a: a.trending_statuses(offset=20),
        "GET",
        "/api/v1/trends/statuses",
        [("offset", "20")],
        [],
        [STATUS],
        PaginatableList,
    ),
    (lambda a: a.trending_links(), "GET", "/api/v1/trends/links", [], [], [CARD], PaginatableList),
    (lambda a: a.suggestions_v1(), "GET", "/api/v1/suggestions", [], [], [ACCOUNT], NonPaginatableList),
    (
        lambda a: a.suggestions_v2(),
        "GET",
        "/api/v2/suggestions",
        [],
        [],
        [{"source": "global", "account": ACCOUNT}],
        NonPaginatableList,
    ),
    (lambda a: a.suggestion_delete(ACCOUNT), "DELETE", "/api/v1/suggestions/7", [], [], {}, type(None)),
    (lambda a: a.profile(), "GET", "/api/v1/profile", [], [], PROFILE, Profile),
    (
        lambda a: a.profile_update(
            display_name="Me",
            show_media=False,
            attribution_domains=["example.org"],
            fields=[("site", "https://me.example")],
        ),
        "PATCH",
        "/api/v1/profile",
        [],
        [
            ("display_name", "Me"),
            ("show_media", "0"),
            ("attribution_domains[]", "example.org"),
            ("fields_attributes[0][name]", "site"),
            ("fields_attributes[0][value]", "https://me.example"),
        ],
        PROFILE,
        Profile,
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "form", "answer", "rtype"), CASES)
def test_calls(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    query: list[tuple[str, str]],
    form: list[tuple[str, str]],
    answer: Any,
    rtype: type,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    assert isinstance(call(api), rtype)
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)


def test_items_carry_their_classes(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/trends/statuses", json=[STATUS])
    mocked.get(BASE + "/api/v1/trends/links", json=[CARD])
    mocked.get(BASE + "/api/v2/suggestions", json=[{"source": "global", "account": ACCOUNT}])
    assert isinstance(api.trending_statuses()[0], Status)
    assert isinstance(api.trending_links()[0], PreviewCard)
    (suggestion,) = api.suggestions_v2()
    assert isinstance(suggestion, Suggestion) and isinstance(suggestion.account, Account)


def test_trends_page_by_offset(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/trends/tags", json=[TAG, TAG])
    mocked.get(BASE + "/api/v1/trends/tags", json=[])
    following = api.fetch_next(api.trending_tags(limit=2))
    assert following is not None and list(following) == []
    assert sorted(query_of(mocked.calls[1].request)) == [("limit", "2"), ("offset", "2")]


def test_older_servers_are_asked_at_their_trends_address(mocked: responses.RequestsMock) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="3.4.0")
    mocked.get(BASE + "/api/v1/trends", json=[TAG])
    assert isinstance(old.trending_tags()[0], Tag)
    assert isinstance(old.trends()[0], Tag)


@pytest.mark.parametrize(("version", "path"), [("4.0.0", "/api/v2/suggestions"), ("3.3.0", "/api/v1/suggestions")])
def test_suggestions_by_server_version(mocked: responses.RequestsMock, version: str, path: str) -> None:
    client = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version=version)
    answer = [{"source": "global", "account": ACCOUNT}] if "v2" in path else [ACCOUNT]
    mocked.get(BASE + path, json=answer)
    (account,) = client.suggestions()
    assert isinstance(account, Account) and account.acct == "ann"


def test_profile_update_uploads_images(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.patch(BASE + "/api/v1/profile", json=PROFILE)
    api.profile_update(avatar=b"\x89PNG\r\n\x1a\n" + b"\0" * 8, avatar_mime_type="image/png", avatar_description="me")
    body = mocked.calls[0].request.body
    assert b'name="avatar"' in body and b"image/png" in body and b'name="avatar_description"' in body


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda a: a.tag(""), "hashtag"),
        (lambda a: a.tag_follow(None), "hashtag"),
        (lambda a: a.tag_feature(5), "name"),
        (lambda a: a.featured_tag_create(None), "name"),
        (lambda a: a.trending_tags(limit=2.5), "limit"),
        (lambda a: a.profile_update(note=5), "note"),
    ],
)
def test_refused_before_sending(api: Mastodon, call: Callable[[Mastodon], Any], name: str) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match=name):
            call(api)
        assert not mock.calls
