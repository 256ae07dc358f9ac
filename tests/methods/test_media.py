"""Media: uploads (v1/v2, multipart parts, thumbnails, waiting), updates, fetching, edit attributes."""

from __future__ import annotations

import io
import pathlib
import sys
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import urlsplit

import pytest
import responses

from mastodon import Mastodon
from mastodon._http import uploads as media_mod
from mastodon.errors import (
    MastodonAPIError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonIOError,
    MastodonVersionError,
)
from mastodon.return_types import MediaAttachment
from tests.conftest import BASE
from tests.methods._helpers import form_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x02" * 16
PROCESSING = {"id": "55", "type": "image", "url": None, "preview_url": "https://files.example/55s.png"}
DONE = {**PROCESSING, "url": "https://files.example/55.png"}


@pytest.fixture(autouse=True)
def no_magic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results must not depend on whether python-magic happens to be installed."""
    monkeypatch.setitem(sys.modules, "magic", None)


@pytest.fixture
def image(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "my-private-name.png"
    path.write_bytes(PNG)
    return path


def parts_of(request: Any) -> dict[str, Message]:
    """The parts of a multipart/form-data body, by field name."""
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data")
    body = request.body if isinstance(request.body, bytes) else request.body.encode()
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    parts: dict[str, Message] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        assert isinstance(name, str)
        assert name not in parts, f"field {name} sent twice"
        parts[name] = part
    return parts


def capture(mocked: responses.RequestsMock, method: str, url: str, payload: Any, status: int = 200) -> list[Any]:
    """Register an answer and return the list the matching requests are recorded in."""
    seen: list[Any] = []

    def record(request: Any) -> tuple[bool, str]:
        seen.append(request)
        return True, ""

    mocked.add(method, url, json=payload, status=status, match=[record])
    return seen


# -- media_post -------------------------------------------------------------------------------


def test_media_post_uploads_to_v2_with_a_random_name(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path
) -> None:
    seen = capture(mocked, "POST", f"{BASE}/api/v2/media", PROCESSING, status=202)

    result = api.media_post(str(image))

    assert isinstance(result, MediaAttachment)
    assert result.url is None
    parts = parts_of(seen[0])
    assert set(parts) == {"file"}
    upload = parts["file"]
    assert upload.get_content_type() == "image/png"
    assert upload.get_payload(decode=True) == PNG
    file_name = upload.get_filename()
    assert file_name is not None
    assert file_name.endswith(".png")
    assert "private" not in file_name
    assert urlsplit(seen[0].url).query == ""


def test_media_post_all_fields(api: Mastodon, mocked: responses.RequestsMock) -> None:
    seen = capture(mocked, "POST", f"{BASE}/api/v2/media", DONE)

    api.media_post(
        PNG,
        mime_type="image/png",
        description="A red square",
        focus=(0.25, -0.5),
        file_name="square.png",
        thumbnail=io.BytesIO(JPEG),
        thumbnail_mime_type="image/jpeg",
    )

    parts = parts_of(seen[0])
    assert set(parts) == {"file", "thumbnail", "description", "focus"}
    assert parts["file"].get_filename() == "square.png"
    assert parts["thumbnail"].get_content_type() == "image/jpeg"
    assert parts["thumbnail"].get_payload(decode=True) == JPEG
    assert parts["description"].get_content() == "A red square"
    assert parts["focus"].get_content() == "0.25,-0.5"


def test_media_post_uses_v1_before_3_1_4(mocked: responses.RequestsMock, image: pathlib.Path) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="3.1.3")
    seen = capture(mocked, "POST", f"{BASE}/api/v1/media", DONE)

    result = old.media_post(image, description="alt")

    assert isinstance(result, MediaAttachment)
    assert set(parts_of(seen[0])) == {"file", "description"}


def test_media_post_from_a_file_object(api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path) -> None:
    seen = capture(mocked, "POST", f"{BASE}/api/v2/media", DONE)

    with open(image, "rb") as handle:
        api.media_post(handle)

    assert parts_of(seen[0])["file"].get_payload(decode=True) == PNG


def test_media_post_synchronous_waits_for_the_url(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    now = [0.0]

    def fake_sleep(seconds: float) -> None:
        sleeps.append(seconds)
        now[0] += seconds

    monkeypatch.setattr(media_mod, "_sleep", fake_sleep)
    monkeypatch.setattr(media_mod, "_clock", lambda: now[0])
    mocked.post(f"{BASE}/api/v2/media", json=PROCESSING, status=202)
    mocked.get(f"{BASE}/api/v1/media/55", json=PROCESSING, status=206)
    mocked.get(f"{BASE}/api/v1/media/55", json=DONE)

    result = api.media_post(image, synchronous=True)

    assert isinstance(result, MediaAttachment)
    assert result.url == "https://files.example/55.png"
    assert sleeps == [0.5, 1.0]


def test_media_post_synchronous_gives_up(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [0.0]

    def fake_sleep(seconds: float) -> None:
        now[0] += seconds

    monkeypatch.setattr(media_mod, "_sleep", fake_sleep)
    monkeypatch.setattr(media_mod, "_clock", lambda: now[0])
    mocked.post(f"{BASE}/api/v2/media", json=PROCESSING, status=202)
    mocked.get(f"{BASE}/api/v1/media/55", json=PROCESSING, status=206)

    with pytest.raises(MastodonAPIError, match="still being processed"):
        api.media_post(image, synchronous=True)
    assert now[0] == pytest.approx(media_mod.MEDIA_PROCESSING_TIMEOUT)


def test_media_post_synchronous_without_processing_makes_no_extra_request(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path
) -> None:
    mocked.post(f"{BASE}/api/v2/media", json=DONE)

    assert api.media_post(image, synchronous=True).url == DONE["url"]


def test_media_post_missing_file(api: Mastodon, mocked: responses.RequestsMock, tmp_path: pathlib.Path) -> None:
    with pytest.raises(MastodonFileNotFoundError):
        api.media_post(tmp_path / "gone.png")


def test_media_post_unreadable_file_object(api: Mastodon, mocked: responses.RequestsMock) -> None:
    stream = io.BytesIO(PNG)
    stream.close()

    with pytest.raises(MastodonIOError):
        api.media_post(stream, mime_type="image/png")


def test_media_post_missing_thumbnail_file(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path, tmp_path: pathlib.Path
) -> None:
    with pytest.raises(MastodonFileNotFoundError, match="thumbnail"):
        api.media_post(image, thumbnail=tmp_path / "gone.jpg")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"focus": (2, 0)}, "focus"),
        ({"focus": "0,0"}, "focus"),
        ({"description": 5}, "description"),
        ({"mime_type": "png"}, "mime_type"),
        ({"file_name": ""}, "file_name"),
    ],
)
def test_media_post_refuses_bad_arguments(
    api: Mastodon, mocked: responses.RequestsMock, image: pathlib.Path, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.media_post(image, **kwargs)


def test_media_post_raw_bytes_without_type(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="mime_type"):
        api.media_post(PNG)


def test_media_post_thumbnail_needs_3_2_0(mocked: responses.RequestsMock, image: pathlib.Path) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="3.1.4")

    with pytest.raises(MastodonVersionError, match=r"3\.2\.0"):
        old.media_post(image, thumbnail=JPEG, thumbnail_mime_type="image/jpeg")


# -- media_update, media ----------------------------------------------------------------------


def test_media_update_without_thumbnail_is_a_form(api: Mastodon, mocked: responses.RequestsMock) -> None:
    seen = capture(mocked, "PUT", f"{BASE}/api/v1/media/55", DONE)

    result = api.media_update({"id": "55"}, description="new alt", focus=(0, 1))

    assert isinstance(result, MediaAttachment)
    assert form_of(seen[0]) == [("description", "new alt"), ("focus", "0,1")]
    assert "urlencoded" in seen[0].headers["Content-Type"]


def test_media_update_with_thumbnail_is_multipart(api: Mastodon, mocked: responses.RequestsMock) -> None:
    seen = capture(mocked, "PUT", f"{BASE}/api/v1/media/55", DONE)

    api.media_update("55", description="alt", thumbnail=JPEG, thumbnail_mime_type="image/jpeg")

    parts = parts_of(seen[0])
    assert set(parts) == {"thumbnail", "description"}
    assert parts["thumbnail"].get_payload(decode=True) == JPEG


def test_media_update_refuses_bad_focus(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="focus"):
        api.media_update("55", focus=(0, 0, 0))


def test_media_update_thumbnail_needs_3_2_0(mocked: responses.RequestsMock) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="3.0.0")

    with pytest.raises(MastodonVersionError):
        old.media_update("55", thumbnail=JPEG, thumbnail_mime_type="image/jpeg")


def test_media(api: Mastodon, mocked: responses.RequestsMock) -> None:
    seen = capture(mocked, "GET", f"{BASE}/api/v1/media/55", PROCESSING)

    result = api.media({"id": "55"})

    assert isinstance(result, MediaAttachment)
    assert result.url is None
    assert urlsplit(seen[0].url).query == ""


# -- generate_media_edit_attributes -----------------------------------------------------------


def test_edit_attributes(api: Mastodon, mocked: responses.RequestsMock) -> None:
    attributes = api.generate_media_edit_attributes({"id": "55"}, description="alt", focus=(0.5, 0.5))

    assert attributes == {"id": "55", "description": "alt", "focus": "0.5,0.5"}


def test_edit_attributes_only_id(api: Mastodon, mocked: responses.RequestsMock) -> None:
    assert api.generate_media_edit_attributes(55) == {"id": "55"}


def test_edit_attributes_thumbnail_as_data_uri(api: Mastodon, mocked: responses.RequestsMock) -> None:
    attributes = api.generate_media_edit_attributes("55", thumbnail=b"\x00\xff", thumb_mimetype="image/png")

    assert attributes["thumbnail"] == "data:image/png;base64,AP8="


@pytest.mark.parametrize(("kwargs", "message"), [({"focus": (1, 2)}, "focus"), ({"description": ["x"]}, "description")])
def test_edit_attributes_refuse_bad_input(
    api: Mastodon, mocked: responses.RequestsMock, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.generate_media_edit_attributes("55", **kwargs)
