"""Reading ``Link`` headers into the information needed to fetch neighbouring pages."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["parse_link_header", "query_of"]

# One link: <url> followed by ;-separated parameters, up to the next comma outside <...> and quotes.
_LINK = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,"=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)')
_PARAM = re.compile(r';\s*([^;=\s]+)\s*(?:=\s*(?:"([^"]*)"|([^;,\s]*)))?')


def parse_link_header(value: str | None) -> dict[str, str]:
    """Map each ``rel`` of a ``Link`` header to its URL; malformed parts are skipped.

    >>> parse_link_header('<https://a.example/x?max_id=5>; rel="next", <https://a.example/x?min_id=9>; rel="prev"')
    {'next': 'https://a.example/x?max_id=5', 'prev': 'https://a.example/x?min_id=9'}
    """
    links: dict[str, str] = {}
    if not value or not isinstance(value, str):
        return links
    for match in _LINK.finditer(value):
        url, params = match.group(1).strip(), match.group(2)
        for param in _PARAM.finditer(params):
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
