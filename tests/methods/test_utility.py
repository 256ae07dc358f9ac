"""Blurhash previews and status lengths, with and without their extras."""

from __future__ import annotations

from typing import Any

import pytest

from mastodon import Mastodon, compat
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import MediaAttachment

RED = "00TI:j"  # one component: plain red (255, 0, 0)
PHOTO = "LEHV6nWB2yk8pyo0adR*.7kCMdnj"  # four by three components


def media(code: Any) -> MediaAttachment:
    return MediaAttachment({"id": "1", "type": "image", "blurhash": code})


def test_decode_blurhash_per_component(api: Mastodon) -> None:
    image = api.decode_blurhash(media(PHOTO))
    assert len(image) == 3 * 16 and len(image[0]) == 4 * 16 and len(image[0][0]) == 3


def test_decode_blurhash_in_pixels(api: Mastodon) -> None:
    image = api.decode_blurhash(media(PHOTO), out_size=(10, 7), size_per_component=False)
    assert len(image) == 7 and len(image[0]) == 10


@pytest.mark.parametrize(("linear", "red"), [(True, 1.0), (False, 255)])
def test_decode_blurhash_colours(api: Mastodon, linear: bool, red: float) -> None:
    image = api.decode_blurhash(media(RED), out_size=(2, 2), return_linear=linear)
    assert len(image) == 2 and len(image[0]) == 2
    for row in image:
        for pixel in row:
            assert pixel == pytest.approx([red, 0, 0], abs=0.01)


def test_decode_blurhash_takes_a_plain_dict(api: Mastodon) -> None:
    assert len(api.decode_blurhash({"blurhash": RED}, out_size=(3, 3))) == 3


@pytest.mark.parametrize("code", [None, "", "not a hash!"])
def test_decode_blurhash_refuses_what_it_cannot_read(api: Mastodon, code: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="blurhash"):
        api.decode_blurhash(media(code))


@pytest.mark.parametrize("size", [(0, 4), (4,), "4x4", (2.5, 2), (True, 2)])
def test_decode_blurhash_refuses_sizes(api: Mastodon, size: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="out_size"):
        api.decode_blurhash(media(RED), out_size=size)


URL = "https://example.org/a/very/long/path/that/is/much/longer/than/twenty-three?with=query#and-fragment"


@pytest.mark.parametrize(
    ("text", "spoiler", "length"),
    [
        ("hello", "", 5),
        ("hello", "cw", 7),
        (URL, "", 23),
        (f"see {URL}.", "", 4 + 23 + 1),
        (f"({URL})", "", 23 + 2),
        ("short http://a.io", "", 6 + 23),
        ("two https://a.example/x https://b.example/y", "", 4 + 23 + 1 + 23),
        ("no scheme example.org/page", "", len("no scheme example.org/page")),
        ("@ann hello", "", 10),
        ("@ann@example.social hello", "", 10),
        ("@ann@sub.example.social", "", 4),
        ("mail ann@example.social", "", len("mail ann@example.social")),
        ("\N{FAMILY}", "", 1),
        ("\N{MAN}\N{ZERO WIDTH JOINER}\N{WOMAN}\N{ZERO WIDTH JOINER}\N{GIRL}", "", 1),
        ("\N{REGIONAL INDICATOR SYMBOL LETTER D}\N{REGIONAL INDICATOR SYMBOL LETTER E}", "", 1),
        ("e\N{COMBINING ACUTE ACCENT}", "", 1),
        ("\N{THUMBS UP SIGN}\N{EMOJI MODIFIER FITZPATRICK TYPE-4}", "", 1),
        ("日本語のテキスト", "", 8),
        ("한국어", "\N{GRINNING FACE}", 4),
    ],
)
def test_status_length(text: str, spoiler: str, length: int) -> None:
    assert Mastodon.get_status_length(text, spoiler) == length


def test_status_length_is_static(api: Mastodon) -> None:
    assert api.get_status_length("abc") == 3


@pytest.mark.parametrize(("text", "spoiler"), [(None, ""), (b"abc", ""), ("abc", None)])
def test_status_length_needs_text(text: Any, spoiler: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon.get_status_length(text, spoiler)


def test_without_the_extras(api: Mastodon, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compat, "IMPL_HAS_BLURHASH", False)
    monkeypatch.setattr(compat, "IMPL_HAS_GRAPHEME", False)
    with pytest.raises(NotImplementedError, match=r"mastodon\[blurhash\]"):
        api.decode_blurhash(media(RED))
    with pytest.raises(NotImplementedError, match=r"mastodon\[grapheme\]"):
        Mastodon.get_status_length("abc")
