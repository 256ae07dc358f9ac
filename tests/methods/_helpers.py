"""Request matchers and readers shared by the method tests (for ``responses`` ``match=[...]``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Matcher = Callable[[Any], tuple[bool, str]]


def body_text(request: Any) -> str:
    """The request body as text ('' when there is none)."""
    body = request.body or ""
    return body.decode() if isinstance(body, bytes) else str(body)


def form_of(request: Any) -> list[tuple[str, str]]:
    """The pairs of a urlencoded body, sorted (repeated keys kept)."""
    return sorted(parse_qsl(body_text(request), keep_blank_values=True))


def query_of(request: Any) -> list[tuple[str, str]]:
    """The pairs of the query string, in the order sent."""
    return parse_qsl(urlsplit(request.url).query, keep_blank_values=True)


def form_pairs(expected: list[tuple[str, str]]) -> Matcher:
    """Match a urlencoded body holding exactly these pairs, repeated keys and all, in any order."""

    def match(request: Any) -> tuple[bool, str]:
        got = form_of(request)
        return got == sorted(expected), f"form {got} != {sorted(expected)}"

    return match


def query_is(*pairs: tuple[str, str]) -> Matcher:
    """Match a query string holding exactly these pairs, in any order."""

    def match(request: Any) -> tuple[bool, str]:
        got = sorted(query_of(request))
        return got == sorted(pairs), f"query {got} != {sorted(pairs)}"

    return match


def query_only(*pairs: tuple[str, str]) -> Matcher:
    """Match a query string holding exactly these pairs, in any order, and no body."""

    def match(request: Any) -> tuple[bool, str]:
        got = sorted(query_of(request))
        return got == sorted(pairs) and not request.body, f"query {got} != {sorted(pairs)} (or a body was sent)"

    return match


def json_of(request: Any) -> Any:
    """The decoded JSON body."""
    return json.loads(body_text(request))


def assert_sent(request: Any, verb: str, url: str, query: list[tuple[str, str]], form: list[tuple[str, str]]) -> None:
    """The request went to ``url`` with ``verb``, this query in this order, and this form in any order."""
    assert request.method == verb and request.url.split("?")[0] == url
    assert query_of(request) == query
    assert form_of(request) == sorted(form)
