"""Media for upload: reading it from a path, bytes or a file object, and naming its type.

Everything is read into memory before the request is built. ``requests`` builds multipart bodies
in memory anyway, so streaming would save nothing, while reading first means a missing or
unreadable file fails before anything is sent, open files are closed at once, and the same
bytes can be sent again if a request has to be repeated.
"""

from __future__ import annotations

import base64
import math
import mimetypes
import os
import time
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar

from mastodon.errors import (
    MastodonAPIError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonIOError,
)

__all__ = [
    "MEDIA_PROCESSING_TIMEOUT",
    "MediaUpload",
    "data_uri",
    "focus_param",
    "load_media",
    "wait_until_processed",
]

T = TypeVar("T")

#: How long ``media_post(..., synchronous=True)`` waits for the server to finish processing, in seconds.
MEDIA_PROCESSING_TIMEOUT = 300.0
#: The first pause between two looks at a media attachment that is still processing, in seconds.
POLL_INTERVAL_FIRST = 0.5
#: The longest pause between two looks, in seconds.
POLL_INTERVAL_MAX = 5.0

# Injection points for tests: a fake clock and sleep make the waiting loop run instantly.
_sleep: Callable[[float], None] = time.sleep
_clock: Callable[[], float] = time.monotonic

# The type that says only "some bytes": a name such as "upload.bin" gives it.
_UNKNOWN_BINARY = "application/octet-stream"

# How many bytes python-magic gets to look at; more does not make its answer better.
_SNIFF_BYTES = 8192


class MediaUpload(NamedTuple):
    """One file part of a multipart request, in the shape ``requests`` takes for ``files=``."""

    file_name: str
    data: bytes
    mime_type: str


def _read_path(path: str | os.PathLike[str], what: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise MastodonFileNotFoundError(f"{what}: no such file: {os.fspath(path)!r}") from exc
    except IsADirectoryError as exc:
        raise MastodonIOError(f"{what}: {os.fspath(path)!r} is a directory, not a file") from exc
    except OSError as exc:
        raise MastodonIOError(f"{what}: could not read {os.fspath(path)!r}: {exc.strerror or exc}") from exc


def _read_file_object(stream: Any, what: str) -> bytes:
    readable = getattr(stream, "readable", None)
    try:
        if callable(readable) and not readable():
            raise MastodonIOError(f"{what}: the file object is not open for reading")
        content = stream.read()
    except MastodonIOError:
        raise
    except (OSError, ValueError) as exc:
        # A closed file raises ValueError; a write-only one io.UnsupportedOperation.
        raise MastodonIOError(f"{what}: could not read from the file object: {exc}") from exc
    if isinstance(content, str):
        raise MastodonIllegalArgumentError(f"{what}: the file object was opened in text mode; open it with 'rb'")
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise MastodonIOError(f"{what}: reading the file object gave {type(content).__name__}, not bytes")
    return bytes(content)


def _sniff_mime_type(data: bytes) -> str | None:
    """The MIME type python-magic sees in ``data``, or ``None`` when it is not installed or unsure."""
    try:
        import magic
    except ImportError:
        return None
    try:
        found = magic.from_buffer(data[:_SNIFF_BYTES], mime=True)
    except Exception:  # libmagic failures vary by platform; guessing from the name still works
        return None
    if not isinstance(found, str) or not found or found == "application/octet-stream":
        return None
    return found


def _guess_from_name(name: str | None, binary_ok: bool) -> str | None:
    if not name:
        return None
    guessed, _ = mimetypes.guess_type(name)
    if guessed == _UNKNOWN_BINARY and not binary_ok:
        return None
    return guessed


def _random_file_name(mime_type: str, source_name: str | None) -> str:
    # The local file name can say more about the user than they mean to publish, so it is
    # never sent unless asked for; only an extension is kept, as some servers look at it.
    extension = os.path.splitext(source_name)[1] if source_name else ""
    if not extension or len(extension) > 10:
        extension = mimetypes.guess_extension(mime_type) or ""
    return f"mastodon-upload-{os.urandom(16).hex()}{extension}"


def load_media(
    media: Any,
    mime_type: str | None = None,
    file_name: str | None = None,
    what: str = "media_file",
) -> MediaUpload:
    """Read media to upload and work out its MIME type and upload file name.

    The MIME type is ``mime_type`` when given; otherwise python-magic's reading of the content
    when it is installed; otherwise a guess from the file name (``file_name``, the path, or the
    file object's ``name``).

    Args:
        media: A path (``str`` or path-like), raw ``bytes``, or a binary file object.
        mime_type: The MIME type, when the caller knows it.
        file_name: The file name to send; a random one (keeping the extension) when ``None``.
        what: The parameter name used in error messages.

    Returns:
        The file name, content and MIME type.

    Raises:
        MastodonFileNotFoundError: The path does not exist.
        MastodonIOError: The file or file object could not be read.
        MastodonIllegalArgumentError: ``media`` is of an unusable kind, or no MIME type could
            be determined.
    """
    if mime_type is not None and (not isinstance(mime_type, str) or "/" not in mime_type):
        raise MastodonIllegalArgumentError(f"{what}: mime_type must look like 'image/png', not {mime_type!r}")
    if file_name is not None and (not isinstance(file_name, str) or not file_name):
        raise MastodonIllegalArgumentError(f"{what}: file_name must be a non-empty string, not {file_name!r}")
    source_name: str | None
    if isinstance(media, (str, os.PathLike)):
        source_name = os.fspath(media)
        if not isinstance(source_name, str):
            raise MastodonIllegalArgumentError(f"{what}: paths must be text, not bytes: {source_name!r}")
        data = _read_path(source_name, what)
    elif isinstance(media, (bytes, bytearray, memoryview)):
        source_name = None
        data = bytes(media)
    elif callable(getattr(media, "read", None)):
        name_attr = getattr(media, "name", None)
        source_name = name_attr if isinstance(name_attr, str) else None
        data = _read_file_object(media, what)
    else:
        raise MastodonIllegalArgumentError(
            f"{what} must be a path, bytes or a binary file object, not {type(media).__name__}"
        )
    # For a path, a name that only says "binary data" is taken as the type, as Mastodon.py does;
    # for bytes and file objects it says no more than nothing, and the upload is refused.
    from_path = isinstance(media, (str, os.PathLike))
    resolved = (
        mime_type
        or _sniff_mime_type(data)
        or _guess_from_name(file_name, from_path)
        or _guess_from_name(source_name, from_path)
    )
    if resolved is None:
        raise MastodonIllegalArgumentError(
            f"{what}: could not determine the mime type of the media; pass its MIME type as mime_type=, "
            "such as 'image/png' (or install python-magic: pip install 'mastodon[magic]')"
        )
    return MediaUpload(file_name or _random_file_name(resolved, source_name), data, resolved)


def data_uri(upload: MediaUpload) -> str:
    """The media as a ``data:`` URI, for places that take a file inside a JSON body."""
    return f"data:{upload.mime_type};base64,{base64.b64encode(upload.data).decode('ascii')}"


def focus_param(focus: Any) -> str | None:
    """The ``focus`` parameter as the API takes it: ``"x,y"``, each between -1 and 1.

    Raises:
        MastodonIllegalArgumentError: ``focus`` is not a pair of numbers in range.
    """
    if focus is None:
        return None
    if isinstance(focus, (str, bytes, Mapping)) or not hasattr(focus, "__len__") or len(focus) != 2:
        raise MastodonIllegalArgumentError(f"focus must be a pair (x, y) of numbers from -1 to 1, not {focus!r}")
    for value in focus:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not -1 <= value <= 1
        ):
            raise MastodonIllegalArgumentError(f"focus must be a pair (x, y) of numbers from -1 to 1, not {focus!r}")
    return f"{focus[0]},{focus[1]}"


def wait_until_processed(
    fetch: Callable[[], T],
    first: T,
    *,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], float] | None = None,
) -> T:
    """Look at a media attachment again and again until the server has set its ``url``.

    The pause between looks starts at :data:`POLL_INTERVAL_FIRST` and doubles up to
    :data:`POLL_INTERVAL_MAX`; the whole wait never exceeds ``timeout``.

    Args:
        fetch: Gets the attachment's current state from the server.
        first: The state the upload returned.
        timeout: The longest total wait in seconds; :data:`MEDIA_PROCESSING_TIMEOUT` by default.
        sleep: Pauses for a number of seconds; the module's ``_sleep`` by default.
        clock: A monotonic clock in seconds; the module's ``_clock`` by default.

    Returns:
        The attachment once its ``url`` is set.

    Raises:
        MastodonAPIError: The server was still processing when the time ran out.
    """
    limit = MEDIA_PROCESSING_TIMEOUT if timeout is None else timeout
    pause_for = sleep if sleep is not None else _sleep
    now = clock if clock is not None else _clock
    deadline = now() + limit
    pause = POLL_INTERVAL_FIRST
    media = first
    while not _is_processed(media):
        remaining = deadline - now()
        if remaining <= 0:
            media_id = media.get("id") if isinstance(media, Mapping) else None
            raise MastodonAPIError.build(
                None,
                None,
                f"media {media_id} was still being processed after {limit:g} seconds; "
                "fetch it later with media() or post the status without synchronous=True",
            )
        pause_for(min(pause, remaining))
        pause = min(pause * 2, POLL_INTERVAL_MAX)
        media = fetch()
    return media


def _is_processed(media: Any) -> bool:
    return isinstance(media, Mapping) and media.get("url") is not None
