"""Version strings and the @api_version decorator."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import responses
from hypothesis import given
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon.errors import MastodonVersionError
from mastodon.types_base import Entity
from mastodon.versions import api_version, max_version, parse_version_string, read_version_string

BASE = "https://mastodon.example"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.3.0", (4, 3, 0)),
        ("4.4.0-beta.2", (4, 4, 0)),
        ("4.5.0-nightly.2025-01-01", (4, 5, 0)),
        ("4.2.1+glitch", (4, 2, 1)),
        ("4.3.0+glitch.1.2", (4, 3, 0)),
        ("2.7.2 (compatible; Pleroma 2.5.0)", (2, 7, 2)),
        ("2.7.2 (compatible; Akkoma 3.10.4)", (2, 7, 2)),
        ("0.17.3+git-8e3c1d7", (0, 17, 3)),
        ("1.0.5+3.5.2", (3, 5, 2)),
        ("4.0.2+hometown-1.1.1", (4, 0, 2)),
        ("3.5.3 (compatible; Pixelfed 0.12.4)", (3, 5, 3)),
        ("3.0.0 (compatible; Sharkey 2024.11.1)", (3, 0, 0)),
        ("0.0.1.0", (0, 0, 1)),
        ("4", (4, 0, 0)),
        ("4.1", (4, 1, 0)),
        (" 4.3.0 ", (4, 3, 0)),
        ("", (1, 0, 0)),
        ("garbage", (1, 0, 0)),
        (None, (1, 0, 0)),
        (4, (1, 0, 0)),
        (4.3, (1, 0, 0)),
        (b"4.3.0", (1, 0, 0)),
    ],
)
def test_parse_version_string(text: object, expected: tuple[int, int, int]) -> None:
    assert parse_version_string(text) == expected


@pytest.mark.parametrize("text", ["0.17.0+5a1b2c3", "4.3.0+20240101"])
def test_build_metadata_that_is_not_a_version_is_ignored(text: str) -> None:
    assert parse_version_string(text) == parse_version_string(text.split("+", maxsplit=1)[0])


def test_absurdly_long_numbers_do_not_raise() -> None:
    result = parse_version_string("9" * 5000 + ".1.2")
    assert len(result) == 3 and all(isinstance(part, int) for part in result)


@given(st.one_of(st.text(max_size=40), st.none(), st.integers(), st.floats(), st.binary(max_size=10)))
def test_parse_version_string_never_raises(value: object) -> None:
    result = parse_version_string(value)
    assert isinstance(result, tuple) and len(result) == 3
    assert all(isinstance(part, int) and part >= 0 for part in result)


@given(st.tuples(st.integers(0, 999), st.integers(0, 999), st.integers(0, 999)))
def test_plain_versions_round_trip(parts: tuple[int, int, int]) -> None:
    assert parse_version_string(".".join(map(str, parts))) == parts


def test_max_version() -> None:
    assert max_version("4.0.0", None, "4.2.1", "3.9.9") == "4.2.1"
    assert max_version() == "1.0.0"


# -- the decorator -----------------------------------------------------------------------------------


class Versioned(Entity):
    _version = "4.2.0"


class Probe(Mastodon):
    """A client with a few decorated methods that send nothing."""

    @api_version("3.1.0", "3.5.0")
    def probe(self, value: int, flag: bool = False) -> list[int]:
        """Return its arguments.

        Args:
            value: A value.
            flag: A flag.
        """
        return [value, int(flag)]


def _client(mode: str, version: str | None = None) -> Probe:
    return Probe(access_token="tok", api_base_url=BASE, version_check_mode=mode, mastodon_version=version)


def test_decorator_keeps_signature_and_records_versions() -> None:
    assert list(inspect.signature(Probe.probe).parameters) == ["self", "value", "flag"]
    assert Probe.probe._api_version == ("3.1.0", "3.5.0")  # type: ignore[attr-defined]
    assert Probe.probe.__name__ == "probe"


def test_decorator_appends_the_version_note_to_the_docstring() -> None:
    doc = Probe.probe.__doc__ or ""
    assert "3.1.0" in doc and "3.5.0" in doc
    assert doc.index("Args:") < doc.index("3.1.0")
    assert inspect.cleandoc(doc).splitlines()[0] == "Return its arguments."


def test_decorator_without_last_changed_uses_created() -> None:
    @api_version("2.0.0")
    def method(self: object) -> None:
        """Nothing."""

    assert method._api_version == ("2.0.0", "2.0.0")  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", ["none", "created", "changed"])
def test_given_version_is_honoured_in_every_mode(mode: str, mocked: responses.RequestsMock) -> None:
    new = _client(mode, "4.0.0")
    assert new.probe(1, True) == [1, 1]
    assert new._version_at_least("4.0.0") and not new._version_at_least("4.0.1")
    old = _client(mode, "3.0.0")
    assert old._version_at_least("3.0.0") and not old._version_at_least("3.1.0")
    if mode == "none":
        assert old.probe(2) == [2, 0]
    else:
        with pytest.raises(MastodonVersionError):
            old.probe(2)


def test_changed_mode_uses_the_last_changed_version(mocked: responses.RequestsMock) -> None:
    assert _client("created", "3.2.0").probe(3) == [3, 0]
    with pytest.raises(MastodonVersionError) as info:
        _client("changed", "3.2.0").probe(3)
    assert "3.5.0" in str(info.value)


def test_none_mode_asks_the_server_nothing(mocked: responses.RequestsMock) -> None:
    assert _client("none").probe(4) == [4, 0]


def test_created_mode_fetches_the_version_once(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.3.0"})
    client = _client("created")
    assert client.probe(5) == [5, 0]
    assert client.probe(6) == [6, 0]
    assert len(mocked.calls) == 1
    assert (client.mastodon_major, client.mastodon_minor, client.mastodon_patch) == (4, 3, 0)


def test_changed_mode_with_entity_version_from_a_real_annotation(mocked: responses.RequestsMock) -> None:
    def method(self: Mastodon) -> Versioned:
        """Nothing."""
        return Versioned()

    # This module postpones annotations, so put the class itself in, as a non-postponed module would.
    method.__annotations__["return"] = Versioned
    method = api_version("3.0.0", "3.0.0")(method)
    with pytest.raises(MastodonVersionError):
        method(_client("changed", "4.1.0"))
    assert isinstance(method(_client("changed", "4.2.0")), Versioned)


def test_changed_mode_resolves_a_postponed_return_annotation(mocked: responses.RequestsMock) -> None:
    """Every module postpones annotations, so the decorator sees the string "Status"."""
    from mastodon.return_types import Status

    def method(self: Mastodon) -> Status:
        """Nothing."""
        return Status()

    assert method.__annotations__["return"] == "Status"
    decorated = api_version("1.0.0", "1.0.0")(method)
    major, minor, _ = parse_version_string(Status._version)
    below = f"{major}.{minor - 1}.0" if minor else f"{major - 1}.9.0"
    with pytest.raises(MastodonVersionError):
        decorated(_client("changed", below))
    assert isinstance(decorated(_client("changed", Status._version)), Status)
    assert isinstance(decorated(_client("created", below)), Status)


@pytest.mark.parametrize("mode", ["none", "created"])
def test_arguments_pass_through_as_given(mode: str, mocked: responses.RequestsMock) -> None:
    client = _client(mode, "4.0.0")
    assert client.probe(value=7, flag=True) == [7, 1]
    assert client.probe(8, flag=False) == [8, 0]
    with pytest.raises(TypeError):
        client.probe()
    with pytest.raises(TypeError):
        client.probe(1, nonsense=True)
    with pytest.raises(TypeError):
        client.probe(1, value=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4.3.0", (4, 3, 0)),
        ("1.0.0", (1, 0, 0)),
        ("2.7.2 (compatible; Pleroma 2.5.0)", (2, 7, 2)),
        ("takahe/0.11.0", None),
        ("", None),
        ("unknown", None),
        (None, None),
    ],
)
def test_read_version_string_tells_no_version_from_1_0_0(text: Any, expected: Any) -> None:
    assert read_version_string(text) == expected
    assert parse_version_string(text) == (expected or (1, 0, 0))
