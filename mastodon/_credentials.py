"""Credential files: plain text, one value per line.

* Client files (``create_app(to_file=...)``): client_id, client_secret, api_base_url, client_name.
* User files (``log_in(to_file=...)``): access_token, api_base_url, client_id, client_secret.

Older files with fewer lines (two-line client files, one-line token files) are read too. Files
are written atomically (a temporary file in the same folder, renamed over the target) with mode
0600, so a crash never leaves half a file and other users cannot read the secrets.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError, MastodonIOError

__all__ = ["is_credential_file", "looks_like_file", "read_credentials", "write_credentials"]

logger = logging.getLogger("mastodon.credentials")

# The credential files already reported as readable by other users, as resolved paths.
_warned_files: set[str] = set()
_warned_lock = threading.Lock()

#: The line (counted from 0) that holds the server's URL, for each kind of credential file.
_URL_LINE = {"client credential": 2, "user credential": 1}


def looks_like_file(value: Any) -> bool:
    """Whether a constructor argument names a credential file rather than being the value itself.

    A path object always names a file (reading it reports a missing one); a string does when a
    file of that name exists.
    """
    if isinstance(value, os.PathLike):
        return True
    return is_credential_file(value)


def is_credential_file(value: Any) -> bool:
    """Whether ``value`` (a string or path object) names an existing file."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    return isinstance(value, str) and bool(value) and "\n" not in value and os.path.isfile(value)


def read_credentials(path: str | os.PathLike[str], what: str) -> list[str]:
    """The non-empty lines of a credential file, stripped.

    Raises:
        MastodonFileNotFoundError: The file does not exist.
        MastodonIllegalArgumentError: The file holds no value at all.
    """
    file_path = Path(path)
    try:
        with open(file_path, encoding="utf-8") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            text = handle.read()
    except FileNotFoundError as exc:
        raise MastodonFileNotFoundError(f"{what} file {str(file_path)!r} does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise MastodonIOError(f"could not read {what} file {str(file_path)!r}: {exc}") from exc
    if os.name == "posix" and mode & (stat.S_IRGRP | stat.S_IROTH):
        _note_readable_by_others(file_path, what)
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if not lines or not lines[0]:
        raise MastodonIllegalArgumentError(f"{what} file {str(file_path)!r} is empty")
    index = _URL_LINE.get(what)
    if index is not None and len(lines) > index and lines[index] and not _names_a_server(lines[index]):
        # Most likely the other kind of file was given, and this line holds a secret: it must not
        # be quoted in the message, nor taken for a host name and looked up.
        raise MastodonIllegalArgumentError(
            f"{str(file_path)!r} is not a {what} file: line {index + 1} should be the server's URL "
            "(was a client credential file given as a user credential file, or the other way round?)"
        )
    return lines


def _note_readable_by_others(file_path: Path, what: str) -> None:
    """Log, once per file and process, that other users can read a credential file.

    Files written by older tools have mode 0644. This is worth knowing but is no error, so it goes
    to the ``mastodon.credentials`` logger (which can be silenced on its own) rather than through
    :mod:`warnings`, where ``python -W error`` would make it one. The mode is never changed here.
    """
    try:
        key = str(file_path.resolve())
    except (OSError, RuntimeError):
        key = os.path.abspath(file_path)
    with _warned_lock:
        if key in _warned_files:
            return
        _warned_files.add(key)
    logger.warning(
        "%s file %r is readable by other users; run chmod 600 on it so only you can read it",
        what,
        str(file_path),
    )


def _names_a_server(line: str) -> bool:
    """Whether a line can be a server's URL: a full URL, or a bare host name as older tools wrote it."""
    if "://" not in line:
        host = line.split("/", 1)[0]
        if not ("." in host or host.startswith(("localhost", "["))) or any(char.isspace() for char in line):
            return False
    try:
        parts = urlsplit(line if "://" in line else "https://" + line)
        _ = parts.port  # reading it checks it
    except ValueError:  # a broken IPv6 literal, or a port that is no number
        return False
    return bool(parts.hostname)


def write_credentials(path: str | os.PathLike[str], values: Sequence[str | None]) -> None:
    """Write one value per line, atomically, readable only by the owner."""
    file_path = Path(path)
    for value in values:
        if value is not None and ("\n" in value or "\r" in value):
            raise MastodonIllegalArgumentError("credential values cannot contain line breaks")
    text = "".join(f"{value or ''}\n" for value in values)
    folder = file_path.parent if str(file_path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{file_path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MastodonIOError(f"could not write credential file {str(file_path)!r}: {exc}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp_name, 0o600)
        os.replace(temp_name, file_path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise MastodonIOError(f"could not write credential file {str(file_path)!r}: {exc}") from exc
