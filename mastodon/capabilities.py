"""What a server is and what it accepts, read from its instance document and NodeInfo.

:meth:`mastodon.Mastodon.instance_capabilities` builds a :class:`ServerCapabilities` from the
documents the server publishes. The reading itself is :func:`read_capabilities`, a pure function,
so that the rules for each server software can be tested on recorded documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mastodon.versions import read_version_string

__all__ = ["ServerCapabilities", "read_capabilities", "software_from_document", "software_from_version"]

_COMPATIBLE = re.compile(r"\(compatible;\s*([A-Za-z][\w.-]*)\s+([^)\s]+)\)")


@dataclass(frozen=True)
class ServerCapabilities:
    """What code needs to know about a server before talking to it.

    A limit the server does not publish is ``None``: the server decides then.

    Attributes:
        software: The server software in lower case: ``"mastodon"``, ``"pleroma"``,
            ``"akkoma"``, ``"gotosocial"``, ... or ``"unknown"``.
        flavour: A known variant of Mastodon: ``"glitch-soc"`` or ``"hometown"``; else ``None``.
        version: The version the instance document reports (Mastodon API compatible).
        software_version: The software's own version, where it differs (Pleroma, Akkoma, ...).
        api_versions: The API versions the server names (``{"mastodon": 6}`` on Mastodon 4.3+).
        max_characters: The longest status, in characters.
        characters_reserved_per_url: What one link counts as.
        max_media_attachments: The most media on one status.
        max_poll_options: The most options of a poll.
        max_poll_option_characters: The longest poll option.
        min_poll_expiration: The shortest poll, in seconds.
        max_poll_expiration: The longest poll, in seconds.
        supported_mime_types: The media types uploads may have (empty when not published).
        image_size_limit: The largest image upload, in bytes.
        image_matrix_limit: The most pixels of an image.
        video_size_limit: The largest video upload, in bytes.
        video_frame_rate_limit: The highest video frame rate.
        video_matrix_limit: The most pixels of a video frame.
        description_limit: The longest media description.
        max_profile_fields: The most profile fields.
        max_featured_tags: The most featured hashtags.
        max_pinned_statuses: The most pinned statuses.
        streaming_url: The base address of the streaming API, where published.
        streaming: Whether the server offers streaming.
        translation: Whether the server translates statuses.
        timelines_access: Who may read the live, hashtag and trending-link feeds (Mastodon 4.5).
        instance: The instance document read.
        nodeinfo: The NodeInfo document read, or ``None`` when none was needed or found.
    """

    software: str = "unknown"
    flavour: str | None = None
    version: str | None = None
    software_version: str | None = None
    api_versions: Mapping[str, int] = field(default_factory=dict)
    max_characters: int | None = None
    characters_reserved_per_url: int | None = None
    max_media_attachments: int | None = None
    max_poll_options: int | None = None
    max_poll_option_characters: int | None = None
    min_poll_expiration: int | None = None
    max_poll_expiration: int | None = None
    supported_mime_types: tuple[str, ...] = ()
    image_size_limit: int | None = None
    image_matrix_limit: int | None = None
    video_size_limit: int | None = None
    video_frame_rate_limit: int | None = None
    video_matrix_limit: int | None = None
    description_limit: int | None = None
    max_profile_fields: int | None = None
    max_featured_tags: int | None = None
    max_pinned_statuses: int | None = None
    streaming_url: str | None = None
    streaming: bool = False
    translation: bool = False
    timelines_access: Mapping[str, Any] = field(default_factory=dict)
    instance: Mapping[str, Any] = field(default_factory=dict, repr=False)
    nodeinfo: Mapping[str, Any] | None = field(default=None, repr=False)


def _get(document: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(document, Mapping):
            return None
        document = document.get(key)
    return document


def _number(*values: Any) -> int | None:
    """The first value that is a whole number (or a float that is one, or digits as text)."""
    for value in values:
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    return None


def _text(*values: Any) -> str | None:
    return next((value for value in values if isinstance(value, str) and value), None)


def software_from_version(version: str | None) -> tuple[str | None, str | None, str | None]:
    """(software, flavour, software's own version) as far as the version string tells them."""
    if not version:
        return None, None, None
    compatible = _COMPATIBLE.search(version)
    if compatible:
        return compatible.group(1).lower(), None, compatible.group(2)
    lowered = version.lower()
    if "+glitch" in lowered:
        return "mastodon", "glitch-soc", None
    if "+hometown" in lowered:
        return "mastodon", "hometown", None
    parsed = read_version_string(version)
    if parsed is not None and parsed[0] >= 1 and re.fullmatch(r"\d+\.\d+\.\d+([-+~][\w.+~-]*)?", version.strip()):
        return "mastodon", None, None
    return None, None, None


def software_from_document(instance: Any) -> tuple[str | None, str | None, str | None]:
    """(software, flavour, own version) from an instance document: its version, else its source address."""
    version = _text(_get(instance, "version"))
    source = (_text(_get(instance, "source_url")) or "").lower()
    found = software_from_version(version)
    if found == ("mastodon", None, None) and "glitch-soc" in source:
        return "mastodon", "glitch-soc", None
    if found[0] is not None:
        return found
    if version:
        named = re.fullmatch(r"([A-Za-z][\w-]*)/(\S+)", version.strip())  # "takahe/0.11.0"
        if named:
            return named.group(1).lower(), None, named.group(2)
    if "gotosocial" in source:
        return "gotosocial", None, None
    return None, None, None


def read_capabilities(instance: Mapping[str, Any] | None, nodeinfo: Mapping[str, Any] | None) -> ServerCapabilities:
    """The capabilities that an instance document (v2 or v1) and a NodeInfo document show."""
    doc: Mapping[str, Any] = instance if isinstance(instance, Mapping) else {}
    config = _get(doc, "configuration")
    version = _text(doc.get("version"))
    software, flavour, own_version = software_from_document(doc)
    node_name = _text(_get(nodeinfo, "software", "name"))
    if node_name:
        node_name = node_name.lower()
        if software is None or (software == "mastodon" and node_name not in ("mastodon", "hometown")):
            software, own_version = node_name, _text(_get(nodeinfo, "software", "version"))
        if node_name == "hometown":
            software, flavour = "mastodon", "hometown"
    pleroma_limits = _get(doc, "pleroma", "metadata", "fields_limits")
    poll_limits = _get(doc, "poll_limits")  # Pleroma and Akkoma, v1 document
    streaming_url = _text(_get(config, "urls", "streaming"), _get(doc, "urls", "streaming_api"))
    mime_types = _get(config, "media_attachments", "supported_mime_types")
    api_versions = doc.get("api_versions")
    return ServerCapabilities(
        software=software or "unknown",
        flavour=flavour,
        version=version,
        software_version=own_version,
        api_versions=dict(api_versions) if isinstance(api_versions, Mapping) else {},
        max_characters=_number(_get(config, "statuses", "max_characters"), doc.get("max_toot_chars")),
        characters_reserved_per_url=_number(_get(config, "statuses", "characters_reserved_per_url")),
        max_media_attachments=_number(
            _get(config, "statuses", "max_media_attachments"), doc.get("max_media_attachments")
        ),
        max_poll_options=_number(_get(config, "polls", "max_options"), _get(poll_limits, "max_options")),
        max_poll_option_characters=_number(
            _get(config, "polls", "max_characters_per_option"), _get(poll_limits, "max_option_chars")
        ),
        min_poll_expiration=_number(_get(config, "polls", "min_expiration"), _get(poll_limits, "min_expiration")),
        max_poll_expiration=_number(_get(config, "polls", "max_expiration"), _get(poll_limits, "max_expiration")),
        supported_mime_types=tuple(t for t in mime_types if isinstance(t, str)) if isinstance(mime_types, list) else (),
        image_size_limit=_number(_get(config, "media_attachments", "image_size_limit"), doc.get("upload_limit")),
        image_matrix_limit=_number(_get(config, "media_attachments", "image_matrix_limit")),
        video_size_limit=_number(_get(config, "media_attachments", "video_size_limit"), doc.get("upload_limit")),
        video_frame_rate_limit=_number(_get(config, "media_attachments", "video_frame_rate_limit")),
        video_matrix_limit=_number(_get(config, "media_attachments", "video_matrix_limit")),
        description_limit=_number(_get(config, "media_attachments", "description_limit"), doc.get("description_limit")),
        max_profile_fields=_number(
            _get(config, "accounts", "max_profile_fields"),
            _get(config, "accounts", "max_fields"),
            _get(pleroma_limits, "max_fields"),
        ),
        max_featured_tags=_number(_get(config, "accounts", "max_featured_tags")),
        max_pinned_statuses=_number(_get(config, "accounts", "max_pinned_statuses")),
        streaming_url=streaming_url,
        streaming=streaming_url is not None,
        translation=_get(config, "translation", "enabled") is True,
        timelines_access=dict(t) if isinstance(t := _get(config, "timelines_access"), Mapping) else {},
        instance=doc,
        nodeinfo=nodeinfo,
    )
