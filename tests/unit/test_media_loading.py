"""Reading media for upload, telling its MIME type, focus points, and waiting for processing."""

from __future__ import annotations

import io
import math
import pathlib
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest
import responses
from hypothesis import given
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon._http import uploads as media_mod
from mastodon._http.uploads import (
    MEDIA_PROCESSING_TIMEOUT,
    POLL_INTERVAL_FIRST,
    POLL_INTERVAL_MAX,
    MediaUpload,
    data_uri,
    focus_param,
    load_media,
    wait_until_processed,
)
from mastodon.errors import (
    MastodonAPIError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonIOError,
)

from ._clock import FakeClock

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def no_magic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave as if python-magic were not installed, unless a test installs a fake one."""
    monkeypatch.setitem(sys.modules, "magic", None)


def fake_magic(monkeypatch: pytest.MonkeyPatch, answer: Any) -> list[bytes]:
    """Install a stand-in python-magic that answers ``answer`` (or raises it) and logs its input."""
    seen: list[bytes] = []

    def from_buffer(data: bytes, mime: bool = False) -> Any:
        assert mime is True
        seen.append(data)
        if isinstance(answer, Exception):
            raise answer
        return answer

    module = types.ModuleType("magic")
    module.from_buffer = from_buffer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "magic", module)
    return seen


# -- paths ------------------------------------------------------------------------------------


def test_path_is_read_and_typed_from_its_name(tmp_path: pathlib.Path) -> None:
    image = tmp_path / "holiday-at-grandmas.png"
    image.write_bytes(PNG)

    upload = load_media(str(image))

    assert isinstance(upload, MediaUpload)
    assert upload.data == PNG
    assert upload.mime_type == "image/png"
    assert upload.file_name.endswith(".png")
    assert "grandma" not in upload.file_name


def test_path_like_objects_work(tmp_path: pathlib.Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"not really a video")

    upload = load_media(clip)

    assert upload.mime_type == "video/mp4"
    assert upload.data == b"not really a video"


def test_random_names_differ_between_uploads(tmp_path: pathlib.Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)

    assert load_media(image).file_name != load_media(image).file_name


def test_given_file_name_and_mime_type_win(tmp_path: pathlib.Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)

    upload = load_media(image, mime_type="image/webp", file_name="cover.webp")

    assert upload == MediaUpload("cover.webp", PNG, "image/webp")


def test_missing_file_gives_file_not_found(tmp_path: pathlib.Path) -> None:
    with pytest.raises(MastodonFileNotFoundError, match="no such file"):
        load_media(tmp_path / "nope.png")


def test_missing_file_error_is_also_an_io_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(MastodonIOError):
        load_media(str(tmp_path / "nope.png"))


def test_directory_gives_io_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(MastodonIOError, match="directory") as caught:
        load_media(tmp_path)
    assert not isinstance(caught.value, MastodonFileNotFoundError)


def test_other_os_errors_give_io_error(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(MastodonIOError, match="Permission denied"):
        load_media(image)


def test_unknown_extension_without_magic_needs_a_mime_type(tmp_path: pathlib.Path) -> None:
    odd = tmp_path / "data.unknownext"
    odd.write_bytes(b"x")

    with pytest.raises(MastodonIllegalArgumentError, match="mime_type"):
        load_media(odd)
    assert load_media(odd, mime_type="image/png").mime_type == "image/png"


def test_path_named_as_binary_data_is_sent_as_such(tmp_path: pathlib.Path) -> None:
    blob = tmp_path / "upload.bin"
    blob.write_bytes(b"\x00\x01")

    assert load_media(blob).mime_type == "application/octet-stream"


class PlainPathLike:
    """A path object that is not a :class:`pathlib.PurePath`: only ``__fspath__``."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_any_path_like_object_works(tmp_path: pathlib.Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)

    assert load_media(PlainPathLike(image)).data == PNG


# -- bytes ------------------------------------------------------------------------------------


def test_media_without_a_type_names_the_mime_type_in_its_message() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        load_media(PNG)
    with pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        load_media(io.BytesIO(PNG))


def test_bytes_named_only_as_binary_data_are_refused() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        load_media(b"\x00\x01", file_name="upload.bin")


def test_bytes_need_a_mime_type_without_magic() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=r"mime_type=.*python-magic"):
        load_media(PNG)


def test_bytes_with_mime_type() -> None:
    upload = load_media(PNG, mime_type="image/png")

    assert upload.data == PNG
    assert upload.mime_type == "image/png"
    assert upload.file_name.endswith(".png")


def test_bytes_typed_from_the_given_file_name() -> None:
    upload = load_media(bytearray(b"GIF89a"), file_name="wave.gif")

    assert upload == MediaUpload("wave.gif", b"GIF89a", "image/gif")


def test_magic_reads_the_content_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = fake_magic(monkeypatch, "image/png")

    upload = load_media(PNG)

    assert upload.mime_type == "image/png"
    assert seen == [PNG]


def test_magic_sees_only_the_start_of_big_files(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = fake_magic(monkeypatch, "video/mp4")

    load_media(b"\x00" * 100_000)

    assert 0 < len(seen[0]) < 100_000


def test_magic_beats_the_file_name(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    fake_magic(monkeypatch, "image/jpeg")
    mislabelled = tmp_path / "photo.png"
    mislabelled.write_bytes(b"\xff\xd8\xff")

    assert load_media(mislabelled).mime_type == "image/jpeg"


@pytest.mark.parametrize("answer", [RuntimeError("libmagic is broken"), "application/octet-stream", "", None])
def test_unhelpful_magic_falls_back_to_the_name(monkeypatch: pytest.MonkeyPatch, answer: Any) -> None:
    fake_magic(monkeypatch, answer)

    assert load_media(PNG, file_name="x.png").mime_type == "image/png"
    with pytest.raises(MastodonIllegalArgumentError):
        load_media(PNG)


# -- file objects -----------------------------------------------------------------------------


def test_file_object_is_read_from_its_position() -> None:
    stream = io.BytesIO(b"skipGIF89a")
    stream.seek(4)

    upload = load_media(stream, mime_type="image/gif")

    assert upload.data == b"GIF89a"


def test_file_object_typed_from_its_name(tmp_path: pathlib.Path) -> None:
    image = tmp_path / "a.png"
    image.write_bytes(PNG)

    with open(image, "rb") as handle:
        upload = load_media(handle)

    assert upload.mime_type == "image/png"
    assert upload.data == PNG


def test_open_file_whose_type_cannot_be_told_is_refused(tmp_path: pathlib.Path) -> None:
    blob = tmp_path / "upload.bin"
    blob.write_bytes(b"\x00\x01")

    with open(blob, "rb") as handle, pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        load_media(handle)
    with open(blob, "rb") as handle:
        assert load_media(handle, mime_type="image/png").mime_type == "image/png"


def test_media_post_refuses_an_open_file_whose_type_cannot_be_told(
    tmp_path: pathlib.Path, api: Mastodon, mocked: responses.RequestsMock
) -> None:
    blob = tmp_path / "upload.bin"
    blob.write_bytes(b"\x00\x01")

    with open(blob, "rb") as handle, pytest.raises(MastodonIllegalArgumentError, match="mime type"):
        api.media_post(handle)
    assert len(mocked.calls) == 0, "nothing is uploaded"


def test_closed_file_object_gives_io_error() -> None:
    stream = io.BytesIO(PNG)
    stream.close()

    with pytest.raises(MastodonIOError, match="could not read"):
        load_media(stream, mime_type="image/png")


def test_write_only_file_gives_io_error(tmp_path: pathlib.Path) -> None:
    with open(tmp_path / "out.png", "wb") as handle, pytest.raises(MastodonIOError, match="not open for reading"):
        load_media(handle, mime_type="image/png")


def test_failing_read_gives_io_error() -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(MastodonIOError, match="Input/output error"):
        load_media(Broken(), mime_type="image/png")


def test_text_mode_file_is_refused(tmp_path: pathlib.Path) -> None:
    note = tmp_path / "a.txt"
    note.write_text("hello")

    with open(note) as handle, pytest.raises(MastodonIllegalArgumentError, match="'rb'"):
        load_media(handle)


def test_read_returning_nonsense_gives_io_error() -> None:
    class Odd:
        def read(self) -> int:
            return 42

    with pytest.raises(MastodonIOError, match="int"):
        load_media(Odd(), mime_type="image/png")


# -- bad arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 42, 3.5, {"path": "x"}, ["a.png"]])
def test_unusable_media_values(value: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="path, bytes or a binary file object"):
        load_media(value, mime_type="image/png")


@pytest.mark.parametrize("mime", ["png", "", 12])
def test_malformed_mime_type(mime: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="mime_type"):
        load_media(PNG, mime_type=mime)


@pytest.mark.parametrize("name", ["", 7])
def test_malformed_file_name(name: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="file_name"):
        load_media(PNG, mime_type="image/png", file_name=name)


def test_error_messages_name_the_parameter() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=r"^thumbnail"):
        load_media(PNG, what="thumbnail")


def test_data_uri() -> None:
    assert data_uri(MediaUpload("a.png", b"\x00\xff", "image/png")) == "data:image/png;base64,AP8="


# -- focus ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("focus", "sent"),
    [((0.5, -0.25), "0.5,-0.25"), ([1, -1], "1,-1"), ((0, 0.0), "0,0.0"), ((-1.0, 1.0), "-1.0,1.0")],
)
def test_focus_is_sent_as_x_comma_y(focus: Any, sent: str) -> None:
    assert focus_param(focus) == sent


def test_no_focus_sends_nothing() -> None:
    assert focus_param(None) is None


@pytest.mark.parametrize(
    "focus",
    [(1.5, 0), (0, -1.01), (0.1,), (0.1, 0.2, 0.3), "0.1,0.2", (True, 0), (math.nan, 0), (0, math.inf), ("0", 0), 0.5],
)
def test_bad_focus_is_refused(focus: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="focus"):
        focus_param(focus)


@given(st.floats(-1, 1), st.floats(-1, 1))
def test_focus_round_trips(x: float, y: float) -> None:
    text = focus_param((x, y))
    assert text is not None
    back = [float(part) for part in text.split(",")]
    assert back == [x, y]


# -- waiting for processing -------------------------------------------------------------------


class FakeTime(FakeClock):
    """The shared fake clock, refusing sleeps that are not positive."""

    def __init__(self) -> None:
        super().__init__(1000.0)

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        super().sleep(seconds)


def states(*urls: str | None) -> Iterator[dict[str, Any]]:
    for url in urls:
        yield {"id": "7", "url": url}


def test_processed_media_needs_no_waiting() -> None:
    fake = FakeTime()

    def fetch() -> dict[str, Any]:
        raise AssertionError("nothing should be fetched")

    done = {"id": "7", "url": "https://files.example/7.png"}
    assert wait_until_processed(fetch, done, sleep=fake.sleep, clock=fake) is done
    assert fake.sleeps == []


def test_polls_until_the_url_is_set_with_growing_pauses() -> None:
    fake = FakeTime()
    later = states(None, None, None, "https://files.example/7.png")

    result = wait_until_processed(lambda: next(later), {"id": "7", "url": None}, sleep=fake.sleep, clock=fake)

    assert result["url"] == "https://files.example/7.png"
    assert fake.sleeps == [POLL_INTERVAL_FIRST, 1.0, 2.0, 4.0]


def test_pauses_stop_growing_at_the_maximum() -> None:
    fake = FakeTime()
    later = states(*([None] * 9), "https://files.example/7.png")

    wait_until_processed(lambda: next(later), {"id": "7", "url": None}, sleep=fake.sleep, clock=fake)

    assert max(fake.sleeps) == POLL_INTERVAL_MAX
    assert fake.sleeps[-3:] == [POLL_INTERVAL_MAX] * 3


def test_gives_up_after_the_timeout() -> None:
    fake = FakeTime()
    fetches = 0

    def fetch() -> dict[str, Any]:
        nonlocal fetches
        fetches += 1
        return {"id": "7", "url": None}

    with pytest.raises(MastodonAPIError, match=r"media 7 was still being processed after 300 seconds"):
        wait_until_processed(fetch, {"id": "7", "url": None}, sleep=fake.sleep, clock=fake)

    assert sum(fake.sleeps) == pytest.approx(MEDIA_PROCESSING_TIMEOUT)
    assert fetches == len(fake.sleeps)


def test_a_shorter_timeout_is_honoured() -> None:
    fake = FakeTime()

    with pytest.raises(MastodonAPIError):
        wait_until_processed(lambda: {"id": "7", "url": None}, {"id": "7"}, timeout=2.0, sleep=fake.sleep, clock=fake)

    assert sum(fake.sleeps) == pytest.approx(2.0)


def test_module_sleep_and_clock_are_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeTime()
    monkeypatch.setattr(media_mod, "_sleep", fake.sleep)
    monkeypatch.setattr(media_mod, "_clock", fake)
    later = states(None, "https://files.example/7.png")

    wait_until_processed(lambda: next(later), {"id": "7", "url": None})

    assert fake.sleeps == [POLL_INTERVAL_FIRST, 1.0]
