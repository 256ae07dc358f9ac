"""Following pages: Link headers, fetch_*, iterators, offset paging."""

from __future__ import annotations

import weakref
from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import Status
from mastodon.types_base import PaginatableList, PaginationInfo

BASE = "https://mastodon.example"
PATH = "/api/v1/timelines/home"


def status(n: int) -> dict[str, Any]:
    return {"id": str(n), "created_at": "2024-01-01T00:00:00Z", "account": {"id": "1"}}


def link(next_max: str | None = None, prev_min: str | None = None, host: str = BASE) -> dict[str, str]:
    # Unquoted rel values: the form every version of the parser reads (quoted ones are tested in unit/).
    parts = []
    if next_max:
        parts.append(f"<{host}{PATH}?limit=2&max_id={next_max}>; rel=next")
    if prev_min:
        parts.append(f"<{host}{PATH}?limit=2&min_id={prev_min}>; rel=prev")
    return {"Link": ", ".join(parts)} if parts else {}


def first_page(api: Mastodon, mocked: responses.RequestsMock, headers: dict[str, str]) -> PaginatableList[Status]:
    mocked.get(
        BASE + PATH,
        match=[matchers.query_param_matcher({"limit": "2"})],
        json=[status(10), status(9)],
        headers=headers,
    )
    page: PaginatableList[Status] = api._call("GET", PATH, PaginatableList[Status], params={"limit": 2})
    return page


def test_link_header_fills_pagination_info(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, link("9", "10"))
    assert isinstance(page._pagination_next, PaginationInfo)
    assert page._pagination_next["max_id"] == 9
    assert page._pagination_next["limit"] == 2
    assert page._pagination_next["_pagination_method"] == "GET"
    assert page._pagination_next["_pagination_endpoint"] == PATH
    assert page._pagination_prev is not None and page._pagination_prev["min_id"] == 10
    assert "max_id" not in page._pagination_prev


def test_fetch_next_and_previous(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, link("9", "10"))
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})], json=[status(8)])
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "min_id": "10"})], json=[status(11)])
    following = api.fetch_next(page)
    assert [s.id for s in following] == ["8"]
    assert isinstance(following[0], Status)
    newer = api.fetch_previous(page)
    assert [s.id for s in newer] == ["11"]
    # A bare PaginationInfo works too; past the end the server's empty page comes back, and
    # that page, without links, has no next page.
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})], json=[])
    end = api.fetch_next(page._pagination_next)
    assert end == [] and isinstance(end, PaginatableList)
    assert api.fetch_next(end) is None and api.fetch_previous(end) is None


def test_both_ends_answer_as_mastodon_py_does(mocked: responses.RequestsMock, api: Mastodon) -> None:
    newest = first_page(api, mocked, link("9", "10"))
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "min_id": "10"})], json=[])
    mocked.get(
        BASE + PATH,
        match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})],
        json=[status(8)],
        headers=link("8", "8"),
    )
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "8"})], json=[])
    # Nothing newer yet: an empty page, so the usual polling loop just runs zero times.
    newer = api.fetch_previous(newest)
    assert newer == [] and isinstance(newer, PaginatableList)
    assert [status.id for status in api.fetch_previous(newest)] == []
    assert api.fetch_previous(newer) is None and api.fetch_next(newer) is None
    # Past the oldest results: an empty page, then None.
    last = api.fetch_next(newest)
    assert last is not None and [s.id for s in last] == ["8"]
    after = api.fetch_next(last)
    assert after == [] and isinstance(after, PaginatableList) and api.fetch_next(after) is None
    # The page iterator yields the empty page that ends the walk; from pagination information it
    # starts with the page the information points to.
    assert [len(page) for page in api.pagination_page_iterator(newest)] == [2, 1, 0]
    assert [len(page) for page in api.pagination_page_iterator(newest._pagination_next)] == [1, 0]
    assert [s.id for s in api.pagination_iterator(newest)] == ["10", "9", "8"]
    assert [s.id for s in api.fetch_remaining(newest)] == ["10", "9", "8"]


def test_next_page_comes_from_the_original_host(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, link("9", host="https://evil.example"))
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})], json=[])
    api.fetch_next(page)
    assert mocked.calls[1].request.url.startswith(BASE + PATH)
    assert mocked.calls[1].request.headers["Authorization"] == "Bearer tok"


@pytest.mark.parametrize("page", [None, [], PaginatableList(), PaginatableList([status(1)])])
def test_nothing_raises_at_the_end(mocked: responses.RequestsMock, api: Mastodon, page: Any) -> None:
    assert api.fetch_next(page) is None
    assert api.fetch_previous(page) is None
    assert list(api.pagination_iterator(page)) == list(page or [])
    remaining = api.fetch_remaining(page)
    assert list(remaining) == list(page or [])


def test_last_page_without_link(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, {})
    assert page._pagination_next is None and page._pagination_prev is None
    assert api.fetch_next(page) is None
    assert api.get_pagination_info(page, "next") is None


def _three_pages(api: Mastodon, mocked: responses.RequestsMock) -> PaginatableList[Status]:
    page = first_page(api, mocked, link("9"))
    mocked.get(
        BASE + PATH,
        match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})],
        json=[status(8), status(7)],
        headers=link("7"),
    )
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "7"})], json=[status(6)])
    return page


def test_fetch_remaining(mocked: responses.RequestsMock, api: Mastodon) -> None:
    everything = api.fetch_remaining(_three_pages(api, mocked))
    assert [s.id for s in everything] == ["10", "9", "8", "7", "6"]
    # All pages at once have no neighbours: a plain list, as Mastodon.py returns.
    assert type(everything) is list
    assert type(everything[0]) is Status


HOME = "/api/v1/timelines/home"


def test_numeric_cursors_are_numbers_and_unset_filters_are_left_out(
    mocked: responses.RequestsMock, api: Mastodon
) -> None:
    mocked.get(
        BASE + HOME,
        json=[status(10)],
        headers={"Link": f'<{BASE}{HOME}?max_id=100>; rel="next", <{BASE}{HOME}?min_id=abc>; rel="prev"'},
    )
    page = api.timeline_home(limit=2)
    info = api.get_pagination_info(page, "next")
    assert info is not None and info["max_id"] == 100 and type(info["max_id"]) is int
    assert info["limit"] == 2
    # Filters left at their defaults were never sent, so they are not part of the next request either.
    assert {key for key in info if not key.startswith("_")} == {"limit", "max_id"}
    # A cursor that is not a number stays as the server wrote it.
    assert page._pagination_prev is not None and page._pagination_prev["min_id"] == "abc"
    mocked.get(
        BASE + HOME,
        match=[matchers.query_param_matcher({"limit": "2", "max_id": "100"})],
        json=[],
    )
    assert api.fetch_next(page) == []


def test_pagination_iterator(mocked: responses.RequestsMock, api: Mastodon) -> None:
    items = list(api.pagination_iterator(_three_pages(api, mocked)))
    assert [s.id for s in items] == ["10", "9", "8", "7", "6"]


def test_a_walk_holds_one_page_at_a_time(mocked: responses.RequestsMock, api: Mastodon) -> None:
    # The iterator lets go of a page before it fetches the next, so that a long walk stays
    # small: once the walk is on the second page, the first is gone (nothing else holds it).
    start = _three_pages(api, mocked)
    first_page_ref = weakref.ref(start)
    walk = api.pagination_iterator(start)
    del start
    assert [next(walk).id, next(walk).id] == ["10", "9"]
    assert first_page_ref() is not None  # still being walked
    assert next(walk).id == "8"
    assert first_page_ref() is None
    assert [s.id for s in walk] == ["7", "6"]


def test_pagination_page_iterator(mocked: responses.RequestsMock, api: Mastodon) -> None:
    pages = list(api.pagination_page_iterator(_three_pages(api, mocked), return_pagination_info=True))
    assert [[s.id for s in page] for page, _ in pages] == [["10", "9"], ["8", "7"], ["6"]]
    assert pages[0][1]["max_id"] == 9
    assert pages[-1][1] is None


def test_pagination_iterator_stops_at_an_empty_page(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, link("9"))
    mocked.get(BASE + PATH, match=[matchers.query_param_matcher({"limit": "2", "max_id": "9"})], json=[])
    assert len(list(api.pagination_iterator(page))) == 2


def test_get_pagination_info(mocked: responses.RequestsMock, api: Mastodon) -> None:
    page = first_page(api, mocked, link("9", "10"))
    assert api.get_pagination_info(page, "next") is page._pagination_next
    assert api.get_pagination_info(page, "previous") is page._pagination_prev
    assert api.get_pagination_info(page._pagination_next, "next") is page._pagination_next
    with pytest.raises(MastodonIllegalArgumentError):
        api.get_pagination_info(page, "sideways")
    with pytest.raises(MastodonIllegalArgumentError):
        list(api.pagination_iterator(page, direction="up"))


def test_info_without_endpoint_is_refused(mocked: responses.RequestsMock, api: Mastodon) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.fetch_next(PaginationInfo({"max_id": "1"}))


def test_offset_paging(mocked: responses.RequestsMock, api: Mastodon) -> None:
    path = "/api/v1/trends/statuses"
    mocked.get(BASE + path, match=[matchers.query_param_matcher({"limit": "2"})], json=[status(1), status(2)])
    page = api._call("GET", path, PaginatableList[Status], params={"limit": 2}, paginate="offset")
    assert page._pagination_next["offset"] == 2
    assert page._pagination_prev is None
    mocked.get(BASE + path, match=[matchers.query_param_matcher({"limit": "2", "offset": "2"})], json=[status(3)])
    second = api.fetch_next(page)
    assert [s.id for s in second] == ["3"]
    assert second._pagination_next["offset"] == 3
    assert second._pagination_prev["offset"] == 0
    mocked.get(BASE + path, match=[matchers.query_param_matcher({"limit": "2", "offset": "3"})], json=[])
    end = api.fetch_next(second)
    assert end == [] and api.fetch_next(end) is None


def test_mastodon_link_header_with_quoted_rels(mocked: responses.RequestsMock, api: Mastodon) -> None:
    header = {"Link": f'<{BASE}{PATH}?max_id=9>; rel="next", <{BASE}{PATH}?min_id=10>; rel="prev"'}
    page = first_page(api, mocked, header)
    assert page._pagination_next is not None and page._pagination_next["max_id"] == 9
    assert page._pagination_prev is not None and page._pagination_prev["min_id"] == 10


@pytest.mark.parametrize(
    "header",
    [
        f'<{BASE}{PATH}?limit=2&offset=0, <x>>; rel="next", <{BASE}{PATH}?limit=2&offset=4>; rel="prev"',
        f"<{BASE}{PATH}?limit=2>; rel=next, <{BASE}{PATH}?limit=2&max_id=3>; rel=prev",
    ],
)
def test_a_link_without_its_cursor_leads_nowhere(mocked: responses.RequestsMock, api: Mastodon, header: str) -> None:
    # A next link needs max_id and a previous link min_id or since_id, as Mastodon.py reads them;
    # anything else in a link is no page, and nothing is fetched for it.
    page = first_page(api, mocked, {"Link": header})
    assert page._pagination_next is None
    assert page._pagination_prev is None
    assert api.fetch_next(page) is None
    assert api.fetch_previous(page) is None
    assert len(mocked.calls) == 1


@pytest.mark.parametrize(
    ("header", "next_offset"),
    [
        (f"<{BASE}/api/v1/x?offset=40&limit=20>; rel=next", 40),
        (f"<{BASE}/api/v1/x?offset=0, <x>>; rel=next", None),
    ],
)
def test_offset_pages_follow_the_servers_links(
    mocked: responses.RequestsMock, api: Mastodon, header: str, next_offset: int | None
) -> None:
    # With a Link header the server's offsets are used, and a link without a numeric offset is no
    # page; only without one are offsets counted from the page.
    mocked.get(BASE + "/api/v1/x", json=[status(1), status(2)], headers={"Link": header})
    page = api._call("GET", "/api/v1/x", PaginatableList[Status], params={"q": "a"}, paginate="offset")
    if next_offset is None:
        assert page._pagination_next is None
    else:
        assert page._pagination_next is not None
        assert (page._pagination_next["offset"], page._pagination_next["limit"]) == (next_offset, 20)
