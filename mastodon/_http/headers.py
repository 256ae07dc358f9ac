"""Reading response header values that may not be text.

A response from ``requests`` has text header values, but a caller's own session, an adapter or a
test stub may hand back bytes, numbers or anything else. Every header the library reads goes
through :func:`header_text`, so an odd value is treated as absent or read as text, never a crash.
"""

from __future__ import annotations

from typing import Any

__all__ = ["header_text", "read_header"]


def header_text(value: Any) -> str | None:
    """A header value as text: ``str`` as it is, bytes decoded (Latin-1, as HTTP/1.1 allows),
    numbers written out; ``None`` for anything else.

    >>> header_text(b"300"), header_text(42), header_text(["x"])
    ('300', '42', None)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def read_header(headers: Any, name: str) -> str | None:
    """The value of header ``name`` as text, or None if absent or unreadable.

    ``headers`` may be anything with ``get`` (a case-insensitive mapping from requests, or a plain
    dict from a stub, which is tried with the name as given).
    """
    try:
        value = headers.get(name)
    except Exception:  # no mapping, or a foreign one that fails in any way: the header is unreadable
        return None
    return value if type(value) is str else header_text(value)
