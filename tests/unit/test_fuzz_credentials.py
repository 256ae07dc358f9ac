"""Fuzzing the credential-file reader: any bytes in a file give a client or a Mastodon error."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon._credentials import read_credentials, write_credentials
from mastodon.errors import MastodonError

_token = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=50)
_url = st.one_of(
    st.sampled_from(["https://mastodon.example", "http://127.0.0.1:3000", "mastodon.example", "https://m.example/"]),
    st.builds(lambda host: f"https://{host}.example", _token),
)
_line = st.one_of(
    _token,
    _url,
    st.sampled_from(["", " ", "\t", "[", "http://[::1", "https://[zz]", "://", "ftp://x.example", "a b.c", "@"]),
    st.text(max_size=30).map(lambda text: text.replace("\n", " ").replace("\r", " ")),
)
_newline = st.sampled_from(["\n", "\r\n", "\r"])
_file_bytes = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda lines, nl: nl.join(lines).encode("utf-8", "surrogatepass"), st.lists(_line, max_size=6), _newline),
)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "fuzz.secret"
    path.write_bytes(data)
    path.chmod(0o600)
    return path


@settings(max_examples=120, deadline=None)
@given(data=_file_bytes, kind=st.sampled_from(["client credential", "user credential"]))
def test_reading_any_file_gives_lines_or_a_mastodon_error(folder: Path, data: bytes, kind: str) -> None:
    path = _write(folder, data)
    try:
        lines = read_credentials(path, kind)
    except MastodonError as error:
        assert str(path) in str(error)
        return
    assert lines and lines[0] and all(line == line.strip() for line in lines)
    assert all("\n" not in line and "\r" not in line for line in lines)


def _check_client(api: Mastodon) -> None:
    parts = urlsplit(api.api_base_url)
    assert parts.scheme in ("http", "https") and parts.netloc
    assert not api.api_base_url.endswith("/")
    assert "\n" not in repr(api)


@settings(max_examples=100, deadline=None)
@given(data=_file_bytes, as_client=st.booleans(), with_url=st.booleans())
def test_a_client_from_any_file_is_usable_or_refused_with_a_mastodon_error(
    folder: Path, data: bytes, as_client: bool, with_url: bool
) -> None:
    path = _write(folder, data)
    settings_: dict[str, object] = {"api_base_url": "https://mastodon.example"} if with_url else {}
    settings_["client_id" if as_client else "access_token"] = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the file is private: nothing to warn about
        try:
            api = Mastodon(**settings_)  # type: ignore[arg-type]
        except MastodonError:
            return
    _check_client(api)
    first = read_credentials(path, "client credential" if as_client else "user credential")[0]
    assert (api.client_id if as_client else api.access_token) == first


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.one_of(st.none(), _token, _url), min_size=1, max_size=4).filter(lambda v: v[0]))
def test_written_files_read_back(folder: Path, values: list[str | None]) -> None:
    path = folder / "written.secret"
    write_credentials(path, values)
    expected = [value or "" for value in values]
    while expected and not expected[-1]:
        expected.pop()
    assert read_credentials(path, "credential") == expected
