"""The opt-in checks against the server's own limits (``Mastodon(check_limits=True)``).

Off by default: then nothing here runs and the server judges every request. When on, a status,
its poll, an upload or a profile that breaks a limit the server publishes fails before anything
is sent, with the error class the server's own refusal (HTTP 422) gives, naming the limit, the
value and the server's number. A limit the server does not publish is not checked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sized
from typing import TYPE_CHECKING, Any

from mastodon import compat
from mastodon.errors import MastodonAPIError

if TYPE_CHECKING:
    from mastodon.capabilities import ServerCapabilities
    from mastodon.methods._base import MethodsBase

__all__ = ["check_media", "check_profile_fields", "check_status", "count_characters"]

_VIDEO_OR_AUDIO = ("video/", "audio/")


def count_characters(text: str) -> int:
    """Characters as people see them: grapheme clusters with the ``grapheme`` extra, else a close count.

    Without the extra, marks that combine with the character before, joiners and what they join,
    variation selectors, skin tone modifiers and the second half of a flag count as nothing.
    """
    if compat.IMPL_HAS_GRAPHEME:
        import grapheme

        length: int = grapheme.length(text)
        return length
    count = 0
    joined = False
    regional_pending = False
    for char in text:
        point = ord(char)
        if joined:
            joined = False
        elif char == "\u200d":
            joined = True
        elif unicodedata.combining(char) or 0xFE00 <= point <= 0xFE0F or 0x1F3FB <= point <= 0x1F3FF:
            pass
        elif 0x1F1E6 <= point <= 0x1F1FF:
            if regional_pending:
                regional_pending = False
            else:
                regional_pending = True
                count += 1
            continue
        else:
            count += 1
        regional_pending = False
    return count


def _refuse(what: str, value: Any, limit: int) -> MastodonAPIError:
    return MastodonAPIError.build(
        422, "Unprocessable Entity", f"{what} is {value}, over the server's limit of {limit} (check_limits is on)"
    )


def _capabilities(client: MethodsBase) -> ServerCapabilities:
    from mastodon.methods.instance import InstanceMixin

    capabilities: ServerCapabilities = InstanceMixin.instance_capabilities(client)  # type: ignore[arg-type]
    return capabilities


def check_status(client: MethodsBase, text: Any, spoiler_text: Any, media_ids: Any, poll: Any) -> None:
    """Refuse a status over the server's limits on length, media and polls (when the checks are on)."""
    if not client.check_limits:
        return
    from mastodon.methods.utility import countable_text

    limits = _capabilities(client)
    if limits.max_characters is not None and isinstance(text, str):
        length = count_characters(countable_text(text))
        if isinstance(spoiler_text, str):
            length += count_characters(spoiler_text)
        if length > limits.max_characters:
            raise _refuse("the status length (text and content warning)", length, limits.max_characters)
    if limits.max_media_attachments is not None and media_ids is not None:
        count = len(media_ids) if isinstance(media_ids, (list, tuple)) else 1
        if count > limits.max_media_attachments:
            raise _refuse("the number of media attachments", count, limits.max_media_attachments)
    if isinstance(poll, Mapping):
        options = poll.get("options")
        if isinstance(options, (list, tuple)):
            if limits.max_poll_options is not None and len(options) > limits.max_poll_options:
                raise _refuse("the number of poll options", len(options), limits.max_poll_options)
            if limits.max_poll_option_characters is not None:
                for option in options:
                    if isinstance(option, str) and count_characters(option) > limits.max_poll_option_characters:
                        raise _refuse(
                            f"the length of poll option {option!r}",
                            count_characters(option),
                            limits.max_poll_option_characters,
                        )
        expires_in = poll.get("expires_in")
        if isinstance(expires_in, int) and not isinstance(expires_in, bool):
            if limits.max_poll_expiration is not None and expires_in > limits.max_poll_expiration:
                raise _refuse("the poll duration in seconds", expires_in, limits.max_poll_expiration)
            if limits.min_poll_expiration is not None and expires_in < limits.min_poll_expiration:
                raise MastodonAPIError.build(
                    422,
                    "Unprocessable Entity",
                    f"the poll duration in seconds is {expires_in}, under the server's minimum of "
                    f"{limits.min_poll_expiration} (check_limits is on)",
                )


def check_media(client: MethodsBase, data: Sized, mime_type: str) -> None:
    """Refuse an upload of a type or size the server does not take (when the checks are on)."""
    if not client.check_limits:
        return
    limits = _capabilities(client)
    if limits.supported_mime_types and mime_type not in limits.supported_mime_types:
        raise MastodonAPIError.build(
            422,
            "Unprocessable Entity",
            f"the media type is {mime_type}, which the server does not take (check_limits is on)",
        )
    big = mime_type.startswith(_VIDEO_OR_AUDIO)
    limit = limits.video_size_limit if big else limits.image_size_limit
    if limit is not None and len(data) > limit:
        raise _refuse("the upload size in bytes", len(data), limit)


def check_profile_fields(client: MethodsBase, fields: Any) -> None:
    """Refuse more profile fields than the server keeps (when the checks are on)."""
    if not client.check_limits or fields is None:
        return
    limits = _capabilities(client)
    count = len(fields) if isinstance(fields, (list, tuple)) else None
    if limits.max_profile_fields is not None and count is not None and count > limits.max_profile_fields:
        raise _refuse("the number of profile fields", count, limits.max_profile_fields)
