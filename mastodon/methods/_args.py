"""Argument checks shared by the endpoint methods: the one place they live.

The rule they follow: refuse before sending only what no server could accept, or what the
reference library refuses too. A value of a type that cannot be sent, a negative ID, an ID that
would change the request's path (empty, or holding ``/``, ``?`` or ``#``), an enum value the
reference also checks. Everything else (lengths, counts, empty text, numbers given as text) goes
to the server, whose answer is mapped to an error as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from mastodon._http.encoding import id_of, ids_of
from mastodon.errors import MastodonIllegalArgumentError

__all__ = [
    "bare_domain",
    "check_choice",
    "check_choices",
    "check_count",
    "check_page_bound",
    "check_text",
    "id_list",
    "id_of",
    "ids_of",
    "page_params",
    "page_params_as_sent",
    "text_list",
]


def check_choice(name: str, value: Any, allowed: Iterable[str]) -> None:
    """Raise a clear error unless ``value`` is ``None`` or one of ``allowed``."""
    if value is None:
        return
    options = tuple(allowed)
    if value not in options:
        raise MastodonIllegalArgumentError(
            f"{name} must be one of {', '.join(repr(option) for option in options)}; got {value!r}"
        )


def check_choices(name: str, values: Any, allowed: Iterable[str]) -> None:
    """:func:`check_choice` for every element of a list-valued parameter."""
    if values is None:
        return
    if isinstance(values, str):
        values = [values]
    options = tuple(allowed)
    for value in values:
        check_choice(name, value, options)


def check_count(name: str, value: Any) -> None:
    """Refuse a count (``limit``, ``offset``) that cannot be sent as a number; ``None`` passes.

    A whole number, negative or not, and text (``"5"`` as read from a command line) are sent as
    given: the server decides what it accepts.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise MastodonIllegalArgumentError(f"{name} must be a whole number, not {type(value).__name__} {value!r}")


def check_page_bound(name: str, value: Any) -> None:
    """Refuse a paging bound that is not an entity, an ID (text or a whole number) or a ``datetime``.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is None or isinstance(value, datetime):
        return
    if isinstance(value, Mapping):
        id_of(value, name)
        return
    if isinstance(value, str) and value:
        return
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return
    raise MastodonIllegalArgumentError(
        f"{name} must be an entity, an ID or a datetime, not {type(value).__name__} {value!r}"
    )


def page_params(max_id: Any, min_id: Any, since_id: Any, limit: Any) -> dict[str, Any]:
    """The usual paging parameters, checked (the core turns entities and datetimes into IDs)."""
    for name, value in (("max_id", max_id), ("min_id", min_id), ("since_id", since_id)):
        check_page_bound(name, value)
    check_count("limit", limit)
    return {"max_id": max_id, "min_id": min_id, "since_id": since_id, "limit": limit}


def page_params_as_sent(max_id: Any, min_id: Any, since_id: Any, limit: Any) -> dict[str, Any]:
    """Paging parameters, checked, with a ``datetime`` bound sent as its text as Mastodon.py sends it.

    For the lists the server pages by cursors of its own (favourites, bookmarks, conversations,
    notification requests, ...), where a ``datetime`` stands for no ID; the other paged methods use
    :func:`page_params`, which sends the ID a ``datetime`` stands for.
    """
    params = page_params(max_id, min_id, since_id, limit)
    for key in ("max_id", "min_id", "since_id"):
        if isinstance(params[key], datetime):
            params[key] = str(params[key])
    return params


def check_text(name: str, value: Any, *, required: bool = False) -> None:
    """Refuse text that is not a string; with ``required``, also ``None``.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter.
    """
    if value is None and not required:
        return
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be text, not {type(value).__name__} {value!r}")


def text_list(name: str, values: Any) -> list[str] | None:
    """A list of strings (one string counts as a list of one); ``None`` stays ``None``."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if isinstance(values, (bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a list of strings, not {type(values).__name__}")
    items = list(values)
    for item in items:
        if not isinstance(item, str):
            raise MastodonIllegalArgumentError(f"{name} must hold strings, not {item!r}")
    return items


def id_list(name: str, values: Any) -> list[str]:
    """IDs for one entity or ID, or a list of them.

    Raises:
        MastodonIllegalArgumentError: Naming the parameter, for anything else (bytes, a number
            that is not whole, an object that is not a list).
    """
    if isinstance(values, (bytes, bytearray, memoryview)) or not isinstance(values, (str, int, Mapping, Iterable)):
        raise MastodonIllegalArgumentError(
            f"{name} must be an ID, an entity or a list of them, not {type(values).__name__}"
        )
    return ids_of(values, name)


def bare_domain(name: str, value: Any) -> str | None:
    """A domain given with or without ``http://``/``https://`` in front, without it; ``None`` stays ``None``."""
    check_text(name, value)
    if value is None:
        return None
    for scheme in ("http://", "https://", "onion://"):
        if value.startswith(scheme):
            return str(value[len(scheme) :])
    return str(value)
