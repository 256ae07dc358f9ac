"""Helpers that need no server: blurhash previews and status lengths as Mastodon counts them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mastodon import compat
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_text
from mastodon.methods._base import MethodsBase
from mastodon.return_types import MediaAttachment

__all__ = ["UtilityMixin", "countable_text"]

#: What a link counts as, whatever its length: Mastodon shortens every URL to this in the count.
URL_LENGTH = 23

# A link as Mastodon finds one in a status: http(s), at the start or after a character that
# cannot be part of a word, a mention or a tag; a host with at least one dot; then anything up
# to white space, without the punctuation that usually ends a sentence. Both patterns are
# compiled by ``re`` on first use and kept in its cache: compiling them at import would cost more
# than the rest of this module, for a count that only check_limits and get_status_length make.
_URL = (
    r"(?<![\w@\uFF20$#\uFF03/])"
    r"https?://"
    r"(?:[^\s/?#.:@\"'<>()\[\],;!]+\.)+[^\s/?#.:@\"'<>()\[\],;!]+"
    r"(?::\d+)?"
    r"(?:[/?#][^\s]*?)?"
    r"(?=[.,:;!?\"')\]]*(?:\s|$))"
)
# A mention of a remote account counts as its user name only: "@ann@example.social" as "@ann".
_REMOTE_MENTION = r"(^|[^/\w])@([a-z0-9_]+)@[a-z0-9.\-]+[a-z0-9]+"


def countable_text(text: str) -> str:
    """``text`` as Mastodon counts it: every link as 23 characters, remote mentions by user name."""
    text = re.sub(_URL, "x" * URL_LENGTH, text, flags=re.IGNORECASE)
    return re.sub(_REMOTE_MENTION, r"\1@\2", text, flags=re.IGNORECASE)


class UtilityMixin(MethodsBase):
    """Blurhash previews and status lengths."""

    def decode_blurhash(
        self,
        media_dict: MediaAttachment,
        out_size: tuple[int, int] = (16, 16),
        size_per_component: bool = True,
        return_linear: bool = True,
    ) -> list[list[list[float]]]:
        """The blurred preview of a media attachment, decoded from its ``blurhash``.

        Needs the ``blurhash`` extra (``pip install 'mastodon[blurhash]'``).

        Args:
            media_dict: The attachment (anything with a ``blurhash`` key).
            out_size: The size to decode to, ``(width, height)``: pixels per blurhash component
                with ``size_per_component`` (the default), else pixels in all.
            size_per_component: Read ``out_size`` per component.
            return_linear: Give linear RGB (for further scaling); ``False`` gives sRGB, ready
                to show.

        Returns:
            The image as rows of pixels, each ``[r, g, b]``: ``image[y][x][channel]``.

        Raises:
            NotImplementedError: The ``blurhash`` extra is not installed.
            MastodonIllegalArgumentError: The attachment has no blurhash, or it is malformed.
        """
        if not compat.IMPL_HAS_BLURHASH:
            raise NotImplementedError("decode_blurhash needs the blurhash extra: pip install 'mastodon[blurhash]'")
        import blurhash

        code = media_dict.get("blurhash") if isinstance(media_dict, Mapping) else None
        if not isinstance(code, str) or not code:
            raise MastodonIllegalArgumentError("the media attachment has no blurhash")
        width, height = _size(out_size)
        try:
            components_x, components_y = blurhash.components(code)
            if size_per_component:
                width, height = components_x * width, components_y * height
            image: list[list[list[float]]] = blurhash.decode(code, width, height, linear=return_linear)
        except ValueError as exc:
            raise MastodonIllegalArgumentError(f"the blurhash {code!r} cannot be decoded: {exc}") from None
        return image

    @staticmethod
    def get_status_length(text: str, spoiler_text: str = "") -> int:
        """How many characters a status counts as against the server's limit.

        Counted as Mastodon counts: in user-perceived characters (grapheme clusters, so an emoji
        made of several code points is one), every link as 23 characters, and a mention of a
        remote account by its user name only. The content warning counts too.

        Needs the ``grapheme`` extra (``pip install 'mastodon[grapheme]'``).

        Args:
            text: The status text.
            spoiler_text: The content warning.

        Returns:
            The length.

        Raises:
            NotImplementedError: The ``grapheme`` extra is not installed.
        """
        if not compat.IMPL_HAS_GRAPHEME:
            raise NotImplementedError("get_status_length needs the grapheme extra: pip install 'mastodon[grapheme]'")
        import grapheme

        check_text("text", text, required=True)
        check_text("spoiler_text", spoiler_text, required=True)
        length: int = grapheme.length(countable_text(text)) + grapheme.length(spoiler_text)
        return length


def _size(value: Any) -> tuple[int, int]:
    try:
        width, height = value
    except (TypeError, ValueError):
        raise MastodonIllegalArgumentError(f"out_size must be (width, height), not {value!r}") from None
    if not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in (width, height)):
        raise MastodonIllegalArgumentError(f"out_size must be two positive whole numbers, not {value!r}")
    return width, height
