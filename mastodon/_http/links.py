"""Reading ``Link`` headers into the information needed to fetch neighbouring pages."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["int_param", "parse_link_header", "query_of"]

# One link: <url> followed by ;-separated parameters, up to the next comma outside <...> and quotes.
# A URL holds no "<": an unclosed one is dropped and the next link is read from its own "<".
# Both patterns are compiled by ``re`` on the first Link header (and kept in its cache), not at
# import.
_LINK = r'<([^<>]*)>((?:\s*;\s*[^;,"=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)'
_PARAM = r';\s*([^;=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,\s]*)))?'


def parse_link_header(value: str | None) -> dict[str, str]:
    """Map each ``rel`` of a ``Link`` header to its URL; malformed parts are skipped.

    >>> parse_link_header('<https://a.example/x?max_id=5>; rel="next", <https://a.example/x?min_id=9>; rel="prev"')
    {'next': 'https://a.example/x?max_id=5', 'prev': 'https://a.example/x?min_id=9'}
    """
    links: dict[str, str] = {}
    if not value or not isinstance(value, str):
        return links
    for match in re.finditer(_LINK, value):
        url, params = match.group(1).strip(), match.group(2)
        for param in re.finditer(_PARAM, params):
            if param.group(1).lower() != "rel":
                continue
            rel_value = param.group(2) if param.group(2) is not None else (param.group(3) or "")
            for rel in rel_value.split():
                links.setdefault(rel.lower(), url)
    return links


def query_of(url: str) -> dict[str, Any]:
    """The query parameters of ``url``; repeated ``key[]`` parameters become lists."""
    params: dict[str, Any] = {}
    try:
        query = urlsplit(url).query
    except ValueError:
        return params
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.endswith("[]"):
            params.setdefault(key[:-2], []).append(value)
        else:
            params[key] = value
    return params


def int_param(value: Any, default: int) -> int:
    """A paging parameter (``offset``, ``limit``) as a whole number, or ``default`` if it is none.

    Values come from callers and from ``Link`` headers, which any server may fill with anything;
    a value that is not a non-negative whole number is never an error here.

    >>> int_param("40", 0), int_param("0, <https://a.example/x", 0), int_param(None, 20)
    (40, 0, 20)
    """
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value if value >= 0 else default
    if isinstance(value, (str, bytes)):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) < 20:
            return int(text)
    return default
