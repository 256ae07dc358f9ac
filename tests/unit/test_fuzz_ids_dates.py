"""Fuzzing the conversion of server dates and IDs: odd values are kept, never a crash."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon._http.encoding import snowflake_from_datetime
from mastodon.types_base import MaybeSnowflakeIdType, int_to_base62, to_datetime, to_id

_zones = st.one_of(
    st.just(UTC), st.builds(lambda m: timezone(timedelta(minutes=m)), st.integers(min_value=-1439, max_value=1439))
)
_aware = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_zones, allow_imaginary=False
)
_date_like_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789-:TZ.+ ", max_size=32),
    st.builds(str, st.floats(allow_nan=True, allow_infinity=True)),
    st.builds(str, st.integers(min_value=-(10**20), max_value=10**20)),
)
_anything = st.one_of(
    _date_like_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.binary(max_size=10),
)
# IDs as servers send them (numbers, snowflakes, flake IDs, UUIDs) and as nobody should. Text that
# Python calls digits but int() cannot read ("²") is left to its own test below.
_id_text = st.one_of(
    st.text(max_size=30).filter(lambda text: not text.isdigit() or text.isdecimal()),
    st.text(alphabet="0123456789", min_size=1, max_size=25),
    st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", min_size=1, max_size=25),
    st.uuids().map(str),
)


@settings(max_examples=250, deadline=None)
@given(value=_anything)
def test_to_datetime_gives_an_aware_datetime_or_the_value_itself(value: Any) -> None:
    result = to_datetime(value)
    if isinstance(result, datetime):
        assert result.tzinfo is not None
    elif isinstance(value, str) and not value.strip():
        assert result is None  # an empty date is no date
    else:
        assert result is value


@settings(max_examples=100, deadline=None)
@given(moment=_aware, style=st.sampled_from(["iso", "z", "epoch", "naive"]))
def test_dates_in_server_spellings_read_back_to_the_same_moment(moment: datetime, style: str) -> None:
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    utc = moment.astimezone(UTC)
    if style == "iso":
        text: Any = moment.isoformat()
    elif style == "z":
        text = utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
    elif style == "epoch":
        if utc.year < 1971:
            return
        text = utc.timestamp()
    else:
        text = utc.replace(tzinfo=None).isoformat()  # a naive time is taken as UTC
    result = to_datetime(text)
    assert isinstance(result, datetime)
    assert abs((result - utc).total_seconds()) < 0.002


@settings(max_examples=150, deadline=None)
@given(value=_anything)
def test_to_id_makes_strings_and_whole_numbers_ids_and_keeps_the_rest(value: Any) -> None:
    result = to_id(value)
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        assert isinstance(result, MaybeSnowflakeIdType)
        assert result == str(value)
        assert hash(result) == hash(str(value))
    else:
        assert result is value


@settings(max_examples=200, deadline=None)
@given(text=_id_text, other=st.one_of(_id_text, st.integers(min_value=-(10**20), max_value=10**25)))
def test_any_id_compares_hashes_and_dates_without_raising(text: str, other: str | int) -> None:
    value = MaybeSnowflakeIdType(text)
    assert value == text and hash(value) == hash(text)
    created = value.to_datetime()
    assert created is None or (isinstance(created, datetime) and created.tzinfo is not None)
    less, greater = value < other, value > other
    assert not (less and greater)
    assert (value <= other) == (not greater)
    assert (value >= other) == (not less)
    if isinstance(other, str):
        assert (value < other) == (MaybeSnowflakeIdType(other) > value)


@settings(max_examples=100, deadline=None)
@given(moment=st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(9000, 1, 1), timezones=_zones))
def test_snowflakes_made_from_a_moment_tell_that_moment(moment: datetime) -> None:
    snowflake = MaybeSnowflakeIdType(str(snowflake_from_datetime(moment)))
    assert snowflake.isdigit()
    assert snowflake.to_datetime() == datetime.fromtimestamp(math.floor(moment.timestamp()), UTC)


@settings(max_examples=60, deadline=None)
@given(number=st.integers(min_value=0, max_value=2**128))
def test_flake_ids_in_base62_never_raise(number: int) -> None:
    created = MaybeSnowflakeIdType(int_to_base62(number)).to_datetime()
    assert created is None or created.tzinfo is not None


@settings(max_examples=60, deadline=None)
@given(inner=st.one_of(_id_text, st.integers(min_value=0, max_value=10**20)))
def test_an_entity_given_as_an_id_gives_its_id(inner: str | int) -> None:
    assert MaybeSnowflakeIdType({"id": inner}) == str(inner)


@pytest.mark.parametrize("text", ["²", "1²", "³⁴"])
def test_ids_of_digit_like_characters_compare_without_raising(text: str) -> None:
    value = MaybeSnowflakeIdType(text)
    assert not (value < "1" and value > "1")
    assert value.to_datetime() is None
