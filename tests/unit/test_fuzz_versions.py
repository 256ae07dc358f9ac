"""Fuzzing server version strings: whatever a server reports, a (major, minor, patch) comes out."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon.versions import max_version, parse_version_string

_number = st.integers(min_value=0, max_value=999_999_999)
_suffix = st.one_of(
    st.just(""),
    st.builds(lambda s: "-" + s, st.text(max_size=12)),
    st.builds(lambda s: " " + s, st.text(max_size=30)),
    st.builds(lambda s: "+" + s, st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", max_size=12)),
)


def _is_version(result: Any) -> bool:
    return (
        isinstance(result, tuple)
        and len(result) == 3
        and all(isinstance(part, int) and not isinstance(part, bool) and part >= 0 for part in result)
    )


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(max_size=60), st.text(alphabet="0123456789.+- abcrc", max_size=30)))
def test_any_text_gives_three_whole_numbers(value: str) -> None:
    assert _is_version(parse_version_string(value))


@settings(max_examples=30, deadline=None)
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=10), st.lists(st.integers())))
def test_values_that_are_not_text_give_the_fallback(value: Any) -> None:
    assert parse_version_string(value) == (1, 0, 0)


@settings(max_examples=150, deadline=None)
@given(major=_number, minor=_number, patch=_number, suffix=_suffix)
def test_a_leading_dotted_version_is_read_exactly(major: int, minor: int, patch: int, suffix: str) -> None:
    assert parse_version_string(f"{major}.{minor}.{patch}{suffix}") == (major, minor, patch)


@settings(max_examples=60, deadline=None)
@given(base=st.tuples(_number, _number, _number), upstream=st.tuples(st.integers(1, 99), _number, _number))
def test_an_upstream_version_after_a_plus_wins(base: tuple[int, int, int], upstream: tuple[int, int, int]) -> None:
    text = "{}.{}.{}+{}.{}.{}".format(*base, *upstream)
    assert parse_version_string(text) == upstream


@settings(max_examples=60, deadline=None)
@given(versions=st.lists(st.one_of(st.none(), st.text(max_size=20)), max_size=5))
def test_max_version_never_raises(versions: list[str | None]) -> None:
    best = max_version(*versions)
    assert all(parse_version_string(best) >= parse_version_string(v) for v in versions if v is not None)


@settings(max_examples=60, deadline=None)
@given(reported=st.text(max_size=40), asked=st.text(max_size=20))
def test_a_client_accepts_any_version_it_is_told(reported: str, asked: str) -> None:
    api = Mastodon(api_base_url="https://m.example", mastodon_version=reported)
    assert _is_version((api.mastodon_major, api.mastodon_minor, api.mastodon_patch))
    assert isinstance(api._version_at_least(asked), bool)
