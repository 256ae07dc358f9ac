"""How arguments become request parameters: the wire format servers expect.

Query strings and forms: ``None`` is left out, booleans are ``"1"``/``"0"``, lists are sent as
repeated ``key[]``. JSON bodies keep real booleans and plain list keys. Anywhere, ``max_id``,
``min_id`` and ``since_id`` may be given as an entity (its ``id`` is sent) or a ``datetime`` (a
snowflake ID for that moment is sent).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError

__all__ = [
    "encode_form",
    "encode_json",
    "id_of",
    "ids_of",
    "snowflake_from_datetime",
]

_PAGING_KEYS = frozenset({"max_id", "min_id", "since_id"})


def id_of(value: Any, name: str = "id") -> str:
    """The ID to send for ``value``: an entity (anything with an ``id`` key), a string or an int.

    Raises:
        MastodonIllegalArgumentError: ``value`` holds no usable ID.
    """
    if isinstance(value, Mapping):
        value = value.get("id")
    if isinstance(value, bool) or value is None:
        raise MastodonIllegalArgumentError(f"{name} must be an ID or an entity with an id, not {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise MastodonIllegalArgumentError(f"{name} cannot be negative: {value!r}")
        return str(value)
    if isinstance(value, str):
        # Only what would change the request's path is refused; the server judges the rest.
        if not value or "/" in value or "?" in value or "#" in value:
            raise MastodonIllegalArgumentError(f"{name} is not a valid ID: {value!r}")
        return str.__str__(value)
    raise MastodonIllegalArgumentError(f"{name} must be an ID or an entity with an id, not {type(value).__name__}")


def ids_of(values: Any, name: str = "ids") -> list[str]:
    """:func:`id_of` for each element of a list (a single value counts as a list of one)."""
    if values is None:
        return []
    if isinstance(values, (str, int, Mapping)):
        return [id_of(values, name)]
    if not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be an ID, an entity or a list of them, not {values!r}")
    return [id_of(value, name) for value in values]


def snowflake_from_datetime(moment: datetime) -> int:
    """The smallest Mastodon snowflake ID that could have been created at ``moment``."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (int(moment.timestamp()) << 16) * 1000


def _paging_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return snowflake_from_datetime(value)
    if isinstance(value, Mapping):
        return id_of(value, "pagination ID")
    return value


def _checked(key: str, value: Any) -> Any:
    """Refuse values that cannot be sent, naming the parameter, before anything goes out."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise MastodonIllegalArgumentError(f"{key} is not valid text (it holds a lone surrogate)") from None
    elif isinstance(value, float) and not math.isfinite(value):
        raise MastodonIllegalArgumentError(f"{key} must be a finite number, not {value!r}")
    return value


def _scalar(key: str, value: Any) -> Any:
    if value is True:
        return "1"
    if value is False:
        return "0"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping) and "id" in value:
        return id_of(value, key)
    if not isinstance(value, (str, int, float, bytes)):
        raise MastodonIllegalArgumentError(f"{key} cannot be sent in a form or query: {type(value).__name__}")
    return _checked(key, value)


def encode_form(params: Mapping[str, Any] | None) -> list[tuple[str, Any]]:
    """Encode parameters for a query string or a form body, as ``(key, value)`` pairs."""
    if not params:
        return []
    pairs: list[tuple[str, Any]] = []
    # Lists go after the single values, in their own order: the order servers and recorded
    # requests have always seen.
    list_pairs: list[tuple[str, Any]] = []
    for key, raw in params.items():
        if raw is None:
            continue
        value = _paging_value(raw) if key in _PAGING_KEYS else raw
        if isinstance(value, (list, tuple, set, frozenset)):
            list_key = key if key.endswith("[]") else key + "[]"
            list_pairs.extend((list_key, _scalar(key, item)) for item in value if item is not None)
        elif isinstance(value, Mapping) and "id" not in value:
            # Nested hashes, at any depth: Rails reads key[sub][subsub]=value.
            pairs.extend(encode_form({f"{key}[{sub_key}]": sub_value for sub_key, sub_value in value.items()}))
        else:
            pairs.append((key, _scalar(key, value)))
    return pairs + list_pairs


def _json_value(key: str, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {name: _json_value(f"{key}.{name}", item) for name, item in value.items() if item is not None}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json_value(key, item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return _checked(key, value)
    raise MastodonIllegalArgumentError(f"{key} cannot be sent as JSON: {type(value).__name__} is not a JSON value")


def encode_json(params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Encode parameters for a JSON body: ``None`` left out, paging keys unpacked."""
    if not params:
        return {}
    body: dict[str, Any] = {}
    for key, raw in params.items():
        if raw is None:
            continue
        value = _paging_value(raw) if key in _PAGING_KEYS else raw
        body[key.removesuffix("[]")] = _json_value(key, value)
    return body
