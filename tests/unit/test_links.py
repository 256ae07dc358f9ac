"""Reading Link headers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mastodon._http.links import parse_link_header, query_of

NEXT = "https://m.example/api/v1/timelines/home?max_id=100"
PREV = "https://m.example/api/v1/timelines/home?min_id=200"


def test_mastodon_style_next_and_prev() -> None:
    header = f'<{NEXT}>; rel="next", <{PREV}>; rel="prev"'
    assert parse_link_header(header) == {"next": NEXT, "prev": PREV}


@pytest.mark.parametrize(
    "header",
    [
        f'<{NEXT}>;rel="next",<{PREV}>;rel="prev"',
        f'<{NEXT}> ;  rel = "next" ,   <{PREV}>  ; rel="prev"',
        f"<{NEXT}>; rel=next, <{PREV}>; rel=prev",
        f"<{NEXT}>;rel=next,<{PREV}>;rel=prev",
        f'<{NEXT}>; rel="NEXT", <{PREV}>; rel="Prev"',
        f'<{NEXT}>; title="a, b; c"; rel="next", <{PREV}>; rel="prev"',
    ],
)
def test_odd_spacing_quoting_and_case(header: str) -> None:
    assert parse_link_header(header) == {"next": NEXT, "prev": PREV}


def test_several_rels_in_one_link() -> None:
    assert parse_link_header(f'<{NEXT}>; rel="next last"') == {"next": NEXT, "last": NEXT}


def test_first_link_for_a_rel_wins() -> None:
    assert parse_link_header(f'<{NEXT}>; rel="next", <{PREV}>; rel="next"') == {"next": NEXT}


def test_links_without_rel_are_ignored() -> None:
    assert parse_link_header(f'<{NEXT}>; type="text/html", <{PREV}>; rel="prev"') == {"prev": PREV}


@pytest.mark.parametrize("header", [None, "", "garbage", "<unterminated", ">;rel=next", ";;;,,,", '<a>; rel="'])
def test_garbage_gives_nothing_usable(header: str | None) -> None:
    result = parse_link_header(header)
    assert isinstance(result, dict)
    assert "next" not in result or result["next"] == "a"


@given(st.text(max_size=200))
def test_parse_link_header_never_raises(header: str) -> None:
    result = parse_link_header(header)
    assert all(isinstance(key, str) and isinstance(value, str) for key, value in result.items())


@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.characters(blacklist_characters="<>", blacklist_categories=("Cs",)), max_size=30),
            st.sampled_from(["next", "prev", "last", "first"]),
        ),
        max_size=4,
    )
)
def test_well_formed_headers_round_trip(links: list[tuple[str, str]]) -> None:
    header = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links)
    expected: dict[str, str] = {}
    for url, rel in links:
        expected.setdefault(rel, url.strip())
    assert parse_link_header(header) == expected


def test_query_of_reads_cursors_and_lists() -> None:
    assert query_of("https://m.example/x?max_id=5&limit=20") == {"max_id": "5", "limit": "20"}
    assert query_of("https://m.example/x?types[]=a&types[]=b&x=") == {"types": ["a", "b"], "x": ""}
    assert query_of("https://m.example/x") == {}


@given(st.text(max_size=80))
def test_query_of_never_raises(url: str) -> None:
    assert isinstance(query_of(url), dict)
