"""Fuzzing the Link header parser and the query reader that paging relies on."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon._http.links import parse_link_header, query_of

# Header-ish text: mostly the characters a Link header is made of, so the parser's paths are hit.
_LINK_ALPHABET = st.sampled_from([*"<>;,=\"' \trelnxtpv?&=/:.%[]#", "next", "prev", "rel", "https://a.example"])
_header_like = st.lists(_LINK_ALPHABET, max_size=40).map("".join)
_url = st.builds(
    lambda path, max_id: f"https://m.example/{path}?max_id={max_id}",
    st.text(alphabet="abcdefghij/", max_size=10),
    st.integers(min_value=0, max_value=10**20),
)
_rel = st.sampled_from(["next", "prev", "first", "last", "self"])


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=300), _header_like))
def test_any_header_gives_a_map_of_rels_to_urls(value: str) -> None:
    links = parse_link_header(value)
    assert isinstance(links, dict)
    for rel, url in links.items():
        assert isinstance(rel, str) and rel == rel.lower() and rel.strip() == rel and rel
        assert isinstance(url, str)
        assert url in value or url.strip() in value


@settings(max_examples=30, deadline=None)
@given(value=st.one_of(st.none(), st.binary(max_size=50), st.integers(), st.lists(st.text(max_size=5), max_size=3)))
def test_values_that_are_not_text_give_no_links(value: Any) -> None:
    assert parse_link_header(value) == {}


@settings(max_examples=80, deadline=None)
@given(
    links=st.lists(st.tuples(_url, _rel, st.booleans(), st.sampled_from(["", " ", "  ", "\t"])), max_size=5),
    junk_params=st.lists(st.sampled_from(['title="a, b; c"', "type=text/html", 'hreflang="en"', "x"]), max_size=2),
)
def test_well_formed_links_are_found_however_they_are_spaced(
    links: list[tuple[str, str, bool, str]], junk_params: list[str]
) -> None:
    parts = []
    expected: dict[str, str] = {}
    for url, rel, quoted, space in links:
        rel_text = f'"{rel}"' if quoted else rel
        params = "".join(f";{space}{param}" for param in junk_params)
        parts.append(f"<{url}>{space};{space}rel={rel_text}{params}")
        expected.setdefault(rel, url)
    assert parse_link_header(", ".join(parts)) == expected


@settings(max_examples=150, deadline=None)
@given(
    url=st.one_of(st.text(max_size=200), _url, st.builds(lambda q: "https://m.example/x?" + q, st.text(max_size=80)))
)
def test_any_url_gives_a_query_of_strings_and_lists(url: str) -> None:
    query = query_of(url)
    for key, value in query.items():
        assert isinstance(key, str)
        assert isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))
