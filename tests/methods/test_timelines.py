"""Timelines: routing, query parameters, paging cursors, and bad names refused before sending."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon._http.encoding import snowflake_from_datetime
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonWarning
from mastodon.return_types import Status
from mastodon.types_base import PaginatableList
from tests.conftest import BASE
from tests.methods._helpers import query_only

STATUS = {
    "id": "110",
    "created_at": "2025-03-01T12:00:00.000Z",
    "content": "<p>hello</p>",
    "account": {"id": "7", "acct": "alice", "created_at": "2024-01-01T00:00:00.000Z"},
}
PAGE = [STATUS, {**STATUS, "id": "109"}]


def assert_page(result: Any) -> None:
    assert isinstance(result, PaginatableList)
    assert [status.id for status in result] == ["110", "109"]
    assert all(isinstance(status, Status) for status in result)


def test_timeline_defaults_to_home(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/home", json=PAGE, match=[query_only()])

    assert_page(api.timeline())


def test_timeline_home_with_every_parameter(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/timelines/home",
        json=PAGE,
        match=[
            query_only(
                ("max_id", "200"),
                ("min_id", "100"),
                ("since_id", "50"),
                ("limit", "40"),
                ("only_media", "1"),
                ("local", "1"),
                ("remote", "1"),
            )
        ],
    )

    result = api.timeline_home(
        max_id={"id": "200"}, min_id="100", since_id=50, limit=40, only_media=True, local=True, remote=True
    )

    assert_page(result)


def test_false_flags_are_left_out(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/public", json=PAGE, match=[query_only(("limit", "5"))])

    api.timeline_public(limit=5, only_media=False, local=False, remote=False)


def test_datetime_cursor_becomes_a_snowflake(api: Mastodon, mocked: responses.RequestsMock) -> None:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    mocked.get(
        f"{BASE}/api/v1/timelines/home",
        json=PAGE,
        match=[query_only(("max_id", str(snowflake_from_datetime(moment))))],
    )

    api.timeline_home(max_id=moment)


def test_timeline_local_is_the_public_timeline_limited_to_local(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/public", json=PAGE, match=[query_only(("local", "1"))])
    mocked.get(f"{BASE}/api/v1/timelines/public", json=PAGE, match=[query_only(("local", "1"), ("only_media", "1"))])

    assert_page(api.timeline_local())
    assert_page(api.timeline("local", only_media=True))


def test_timeline_public_remote(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/public", json=PAGE, match=[query_only(("remote", "1"))])

    assert_page(api.timeline_public(remote=True))


def test_timeline_hashtag(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/tag/caturday", json=PAGE, match=[query_only(("local", "1"), ("max_id", "9"))])

    assert_page(api.timeline_hashtag("caturday", local=True, max_id="9"))


def test_timeline_hashtag_is_path_escaped(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/tag/caf%C3%A9", json=PAGE, match=[query_only()])
    mocked.get(f"{BASE}/api/v1/timelines/tag/a%2F..%3Fx%3D1", json=PAGE, match=[query_only()])

    api.timeline_hashtag("café")
    api.timeline("tag/a/..?x=1")


def test_timeline_tag_route(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/tag/python", json=PAGE, match=[query_only(("only_media", "1"))])

    assert_page(api.timeline("tag/python", only_media=True))


def test_timeline_list(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/list/12", json=PAGE, match=[query_only(("limit", "2"))])
    mocked.get(f"{BASE}/api/v1/timelines/list/12", json=PAGE, match=[query_only()])

    assert_page(api.timeline_list({"id": "12", "title": "friends"}, limit=2))
    assert_page(api.timeline("list/12"))


def test_timeline_link(api: Mastodon, mocked: responses.RequestsMock) -> None:
    url = "https://news.example/story?id=4&x=y"
    mocked.get(
        f"{BASE}/api/v1/timelines/link",
        json=PAGE,
        match=[query_only(("url", url), ("limit", "3"), ("local", "1"))],
    )

    assert_page(api.timeline_link(url, local=True, limit=3))


def test_other_plain_timeline_names_pass_through(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/bubble", json=PAGE, match=[query_only()])

    assert_page(api.timeline("bubble"))


def test_pages_carry_pagination(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/timelines/home",
        json=PAGE,
        headers={
            "Link": f'<{BASE}/api/v1/timelines/home?max_id=109>; rel="next", '
            f'<{BASE}/api/v1/timelines/home?min_id=110>; rel="prev"'
        },
        match=[query_only(("limit", "2"))],
    )

    result = api.timeline_home(limit=2)

    assert result._pagination_next["max_id"] == 109
    assert result._pagination_next["limit"] == 2
    assert result._pagination_prev["min_id"] == 110


@pytest.mark.parametrize("bad", ["#caturday", "", "   ", None, 5])
def test_bad_hashtags_are_refused(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="hashtag"):
        api.timeline_hashtag(bad)


def test_hash_in_a_tag_route_is_refused(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="'#'"):
        api.timeline("tag/#caturday")


@pytest.mark.parametrize("bad", ["../accounts/1", "home?x=1", "", "lists/3", "list/", "list/a/b", 7, None])
def test_bad_timeline_names_are_refused(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline(bad)


@pytest.mark.parametrize("bad", [None, {"title": "no id"}, "1/2"])
def test_bad_list_ids_are_refused(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.timeline_list(bad)


@pytest.mark.parametrize("bad", [None, "", 5])
def test_bad_link_urls_are_refused(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="url"):
        api.timeline_link(bad)


# -- whether the server lets this client read a public feed ------------------------------------------------------------


def access(live: tuple[str, str], hashtag: tuple[str, str] = ("public", "public")) -> dict[str, Any]:
    """A v2 instance document announcing who may read the live, hashtag and trending link feeds."""
    feeds = {
        "live_feeds": {"local": live[0], "remote": live[1]},
        "hashtag_feeds": {"local": hashtag[0], "remote": hashtag[1]},
        "trending_link_feeds": {"local": "disabled", "remote": "disabled"},
    }
    return {"domain": "mastodon.example", "version": "4.5.0", "configuration": {"timelines_access": feeds}}


@pytest.mark.parametrize(
    ("live", "local", "remote", "with_auth", "expected"),
    [
        (("public", "public"), False, False, False, True),
        (("public", "disabled"), False, False, False, True),
        (("disabled", "disabled"), False, False, False, False),
        (("public", "disabled"), False, True, False, False),
        (("public", "disabled"), True, False, False, True),
        (("public", "disabled"), True, True, False, False),
        (("authenticated", "authenticated"), False, False, False, False),
        (("authenticated", "authenticated"), False, False, True, True),
        (("authenticated", "disabled"), True, False, True, True),
    ],
)
def test_timeline_is_available_reads_the_instance_settings(
    api: Mastodon,
    mocked: responses.RequestsMock,
    live: tuple[str, str],
    local: bool,
    remote: bool,
    with_auth: bool,
    expected: bool,
) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json=access(live))

    assert api.timeline_is_available("public", local=local, remote=remote, with_auth=with_auth) is expected
    assert api.timeline_is_available("trending_links", with_auth=True) is False
    assert len(mocked.calls) == 1, "the instance document is fetched once"


def test_timeline_is_available_when_the_server_does_not_say(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json={"domain": "mastodon.example", "version": "4.2.0"})

    assert api.timeline_is_available("hashtag") is True
    with pytest.raises(MastodonAPIError, match="hashtag"):
        api.timeline_is_available("hashtag", fail_hard=True)


def test_timeline_is_available_for_an_unknown_feed(api: Mastodon, mocked: responses.RequestsMock) -> None:
    assert api.timeline_is_available("home") is True
    with pytest.raises(MastodonIllegalArgumentError, match="home"):
        api.timeline_is_available("home", fail_hard=True)
    assert not mocked.calls


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda api: api.timeline_public(), "/api/v1/timelines/public"),
        (lambda api: api.timeline("public"), "/api/v1/timelines/public"),
        (lambda api: api.timeline_local(), "/api/v1/timelines/public"),
        (lambda api: api.timeline_hashtag("python"), "/api/v1/timelines/tag/python"),
        (lambda api: api.timeline("tag/python"), "/api/v1/timelines/tag/python"),
        (lambda api: api.timeline_link("https://news.example/a"), "/api/v1/timelines/link"),
    ],
    ids=["public", "timeline-public", "local", "hashtag", "timeline-tag", "link"],
)
def test_a_closed_feed_is_fetched_with_a_warning(
    mocked: responses.RequestsMock, call: Callable[[Mastodon], Any], path: str
) -> None:
    anonymous = Mastodon(api_base_url=BASE, mastodon_version="4.5.0")
    mocked.get(f"{BASE}/api/v2/instance", json=access(("authenticated", "disabled"), ("disabled", "disabled")))
    mocked.get(f"{BASE}{path}", json=PAGE)

    with pytest.warns(MastodonWarning, match="unavailable"):
        assert_page(call(anonymous))
    assert [call.request.path_url.split("?")[0] for call in mocked.calls] == ["/api/v2/instance", path]


def test_an_open_feed_is_fetched_without_a_warning(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json=access(("authenticated", "disabled")))
    mocked.get(f"{BASE}/api/v1/timelines/public", json=PAGE)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_page(api.timeline_local())
        assert_page(api.timeline_local())
    assert len(mocked.calls) == 3, "the instance document is asked for once"


def test_the_home_timeline_asks_nothing_about_feeds(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/timelines/home", json=PAGE)
    mocked.get(f"{BASE}/api/v1/timelines/list/5", json=PAGE)

    assert_page(api.timeline_home())
    assert_page(api.timeline_list("5"))
    assert len(mocked.calls) == 2
