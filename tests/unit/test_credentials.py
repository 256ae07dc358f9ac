"""Credential files: reading every old form, writing atomically with mode 0600."""

from __future__ import annotations

import logging
import os
import stat
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mastodon._credentials import looks_like_file, read_credentials, write_credentials
from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError


def private(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_looks_like_file(tmp_path: Path) -> None:
    path = private(tmp_path / "f.secret", "x\n")
    assert looks_like_file(str(path))
    assert looks_like_file(path)
    assert looks_like_file(tmp_path / "missing")  # a path object is always meant as a file
    assert not looks_like_file(str(tmp_path / "missing"))
    assert not looks_like_file("just-a-token")
    assert not looks_like_file("")
    assert not looks_like_file(None)
    assert not looks_like_file(str(tmp_path))  # a directory


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("tok\n", ["tok"]),
        ("tok", ["tok"]),
        ("id\nsecret\n", ["id", "secret"]),
        ("id\nsecret\nhttps://m.example\nMy App\n", ["id", "secret", "https://m.example", "My App"]),
        ("  id  \r\nsecret\r\n\n\n", ["id", "secret"]),
    ],
)
def test_read_one_two_and_four_line_forms(tmp_path: Path, text: str, lines: list[str]) -> None:
    assert read_credentials(private(tmp_path / "c.secret", text), "client credential") == lines


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MastodonFileNotFoundError):
        read_credentials(tmp_path / "nope", "user credential")


@pytest.mark.parametrize("text", ["", "\n\n", "\nsecond\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        read_credentials(private(tmp_path / "e.secret", text), "user credential")


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.secret"
    path.write_bytes(b"\xff\xfe\xfa")
    path.chmod(0o600)
    with pytest.raises(MastodonIOError):
        read_credentials(path, "user credential")


def test_world_readable_file_is_logged_once_and_left_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "open.cred"
    path.write_text("tok\n")
    path.chmod(0o644)
    caplog.set_level(logging.WARNING, logger="mastodon.credentials")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_credentials(path, "user credential") == ["tok"]
        assert read_credentials(str(path), "user credential") == ["tok"]
    notes = [r.getMessage() for r in caplog.records if r.name == "mastodon.credentials"]
    assert len(notes) == 1 and "chmod 600" in notes[0]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_write_is_atomic_private_and_one_value_per_line(tmp_path: Path) -> None:
    path = tmp_path / "out.secret"
    path.write_text("old contents that are longer than the new ones\n")
    write_credentials(path, ["tok", "https://m.example", None, "sec"])
    assert path.read_text() == "tok\nhttps://m.example\n\nsec\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.secret"]  # no temporary file left


def test_write_refuses_line_breaks(tmp_path: Path) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        write_credentials(tmp_path / "x.secret", ["a\nb"])
    assert not (tmp_path / "x.secret").exists()


def test_write_into_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(MastodonIOError):
        write_credentials(tmp_path / "no" / "such" / "x.secret", ["a"])


_value = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x1c\x1d\x1e\x85"),
    min_size=1,
    max_size=20,
).filter(lambda v: v.strip() == v)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(st.lists(_value, min_size=1, max_size=4))
def test_write_then_read_round_trips(tmp_path: Path, values: list[str]) -> None:
    path = tmp_path / "rt.secret"
    write_credentials(path, values)
    assert read_credentials(path, "credential") == values


@given(st.binary(max_size=60))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
def test_reading_any_bytes_gives_lines_or_a_mastodon_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.secret"
    path.write_bytes(data)
    path.chmod(0o600)
    try:
        lines = read_credentials(path, "credential")
    except (MastodonIOError, MastodonIllegalArgumentError):
        return
    assert lines and lines[0]
