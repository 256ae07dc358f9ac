"""The value types every result is built from, and the conversion of decoded JSON into them.

Results are plain ``dict`` and ``list`` subclasses, so they compare equal to the JSON they
came from, pickle, and serialise; attribute reads (``status.account.acct``) are as cheap as key
reads because each :class:`AttribAccessDict` uses itself as its attribute namespace.

Conversion happens once per response: JSON objects become :class:`AttribAccessDict` while the
body is decoded, then a converter compiled once per return type switches the known objects to
their entity class and converts dates and IDs in place. No ``typing`` introspection happens per
value.
"""

from __future__ import annotations

import copy as _copy
import json
import logging
import sys
import typing
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from io import IOBase
from os import PathLike
from typing import IO, Any, Generic, TypeVar, Union

__all__ = [
    "BASE62_ALPHABET",
    "AttribAccessDict",
    "AttribAccessList",
    "EmptyResponse",
    "Entity",
    "IdType",
    "MaybeSnowflakeIdType",
    "NonPaginatableList",
    "PaginatableList",
    "PaginationInfo",
    "PathOrFile",
    "PrimitiveIdType",
    "T",
    "base62_to_int",
    "decode_json",
    "get_type_class",
    "int_to_base62",
    "real_issubclass",
    "resolve_type",
    "stringify_type",
    "try_cast",
    "try_cast_recurse",
]

log = logging.getLogger("mastodon")

T = TypeVar("T")

#: The envelope version written by :meth:`Entity.to_json`.
ENVELOPE_VERSION = "2.3.3"

BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE62_INDEX = {char: index for index, char in enumerate(BASE62_ALPHABET)}


def base62_to_int(text: str) -> int:
    """Decode a base62 string (the alphabet Pleroma's flake IDs use)."""
    value = 0
    for char in text:
        value = value * 62 + _BASE62_INDEX[char]
    return value


def int_to_base62(value: int) -> str:
    """Encode a non-negative integer as base62."""
    if value < 0:
        raise ValueError("base62 encodes non-negative integers only")
    if value == 0:
        return BASE62_ALPHABET[0]
    digits = []
    while value:
        value, rest = divmod(value, 62)
        digits.append(BASE62_ALPHABET[rest])
    return "".join(reversed(digits))


class MaybeSnowflakeIdType(str):
    """An ID as the server sent it: a string that also knows how to be a number.

    It is equal to, and hashes like, the plain string; ``int()`` works for numeric IDs; IDs sort
    numerically when both are numeric (so ``"10" > "9"``), else as strings; and
    :meth:`to_datetime` reads the creation time out of Mastodon snowflake IDs and Pleroma flake IDs.
    """

    __slots__ = ()

    def __new__(cls, value: Any) -> MaybeSnowflakeIdType:
        if isinstance(value, dict):
            value = value.get("id", value)
        return super().__new__(cls, value)

    def _key(self) -> tuple[int, int | str]:
        text = str.__str__(self)
        return (0, int(text)) if text.isdigit() else (1, text)

    def __lt__(self, other: object) -> bool:
        if isinstance(other, (str, int)):
            return self._key() < MaybeSnowflakeIdType(other)._key()
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if isinstance(other, (str, int)):
            return self._key() <= MaybeSnowflakeIdType(other)._key()
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if isinstance(other, (str, int)):
            return self._key() > MaybeSnowflakeIdType(other)._key()
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if isinstance(other, (str, int)):
            return self._key() >= MaybeSnowflakeIdType(other)._key()
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if isinstance(other, int) and not isinstance(other, bool):
            return str.__str__(self) == str(other)
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return str.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MaybeSnowflakeIdType, (str.__str__(self),))

    def to_datetime(self) -> datetime | None:
        """The creation time encoded in the ID, or ``None`` when it does not encode one."""
        text = str.__str__(self)
        try:
            if text.isdigit():
                number = int(text)
                if number < 1 << 16:
                    return None
                return datetime.fromtimestamp((number >> 16) / 1000, tz=UTC)
            number = base62_to_int(text)
            return datetime.fromtimestamp((number >> 64) / 1000, tz=UTC)
        except (ValueError, OverflowError, OSError, KeyError):
            return None


PrimitiveIdType = Union[str, int]  # noqa: UP007 - a runtime alias users import
IdType = Union[PrimitiveIdType, MaybeSnowflakeIdType]  # noqa: UP007
PathOrFile = Union[str, PathLike[str], IO[bytes], IOBase, bytes]  # noqa: UP007


class _DictMethod:
    """Keeps a ``dict`` method reachable when the JSON has a key of the same name.

    It is a data descriptor, so it wins over the instance namespace: ``collection.items()``
    stays the method, and a field called ``items`` is read as ``collection["items"]``.
    """

    __slots__ = ("function",)

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:
            return self.function
        return self.function.__get__(instance, owner)

    def __set__(self, instance: Any, value: Any) -> None:
        raise AttributeError(f"{self.function.__name__!r} is a dict method; set the key instead")


def _rebuild(cls: type[AttribAccessDict], data: dict[str, Any]) -> AttribAccessDict:
    return cls(data)


class AttribAccessDict(dict[str, Any]):
    """A ``dict`` whose keys can also be read as attributes.

    ``d.name`` and ``d["name"]`` are the same value. Keys that are also ``dict`` method names
    (``items``, ``keys``, ``update``, ...) are read by subscription; the attribute stays the method.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        dict.__init__(self, *args, **kwargs)
        self.__dict__ = self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), dict(self)))

    def __copy__(self) -> AttribAccessDict:
        return type(self)(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> AttribAccessDict:
        return type(self)({key: _copy.deepcopy(value, memo) for key, value in dict.items(self)})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"

    def copy(self) -> AttribAccessDict:  # type: ignore[override]
        return type(self)(self)


for _name in (
    "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem",
    "setdefault", "update", "values",
):
    setattr(AttribAccessDict, _name, _DictMethod(getattr(AttribAccessDict, _name)))
del _name


def _new_attrib_dict(pairs: dict[str, Any]) -> AttribAccessDict:
    """``object_hook`` for :func:`json.loads`: every JSON object becomes an AttribAccessDict."""
    obj = AttribAccessDict.__new__(AttribAccessDict)
    dict.update(obj, pairs)
    obj.__dict__ = obj
    return obj


def decode_json(body: bytes | str) -> Any:
    """Decode a response body; every JSON object comes back as an :class:`AttribAccessDict`."""
    return json.loads(body, object_hook=_new_attrib_dict)


class AttribAccessList(list[T]):
    """A ``list`` that can carry attributes (such as pagination information)."""


class PaginatableList(AttribAccessList[T], Generic[T]):
    """A page of results. ``_pagination_next`` / ``_pagination_prev`` say how to get the
    neighbouring pages (see :meth:`mastodon.Mastodon.fetch_next`)."""

    _pagination_next: PaginationInfo | None
    _pagination_prev: PaginationInfo | None


class NonPaginatableList(AttribAccessList[T], Generic[T]):
    """A list of results that has no further pages."""


class PaginationInfo(AttribAccessDict):
    """What is needed to fetch a neighbouring page: the request's parameters plus
    ``_pagination_method``, ``_pagination_endpoint`` and ``_mastopy_type``."""


class Entity(AttribAccessDict):
    """Base class of every typed result."""

    #: The Mastodon version that last changed this entity.
    _version: str = "1.0.0"

    def to_json(self, pretty: bool = True) -> str:
        """Serialise to JSON in the envelope Mastodon.py uses, so :meth:`from_json` can
        restore the same type (with pagination information, where the value carries any)."""
        return entity_to_json(self, pretty)

    @staticmethod
    def from_json(json_str: str, cls: Any = None) -> Any:
        """Restore a value written by :meth:`to_json`.

        Args:
            json_str: The text :meth:`to_json` produced.
            cls: The type to restore as; by default the one recorded in the envelope.
        """
        return entity_from_json(json_str, cls)


class EmptyResponse(Entity):
    """The result of endpoints that answer with an empty object."""


# ---------------------------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------------------------

Converter = Callable[[Any], Any]
_CONVERTERS: dict[Any, Converter] = {}


def _identity(value: Any) -> Any:
    return value


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def to_datetime(value: Any) -> Any:
    """Read a date the way servers send them (ISO 8601, a bare date, or epoch seconds).

    A value that cannot be read is returned unchanged.
    """
    if isinstance(value, str):
        try:
            return _utc(datetime.fromisoformat(value))
        except ValueError:
            pass
        if value.isdigit():
            return datetime.fromtimestamp(int(value), tz=UTC)
        try:
            from dateutil.parser import isoparse, parse

            try:
                return _utc(isoparse(value))
            except ValueError:
                return _utc(parse(value))
        except (ValueError, OverflowError):
            log.debug("could not read %r as a date; kept as it came", value)
            return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (ValueError, OverflowError, OSError):
            return value
    return value


def to_id(value: Any) -> Any:
    if isinstance(value, str):
        return MaybeSnowflakeIdType(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return MaybeSnowflakeIdType(str(value))
    return value


def to_bool(value: Any) -> Any:
    if isinstance(value, str):
        lowered = value.lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
    return value


def _to_attrib(value: Any) -> Any:
    """Make plain dicts (from a caller, not the decoder) attribute-accessible, recursively."""
    if isinstance(value, AttribAccessDict):
        return value
    if isinstance(value, dict):
        return AttribAccessDict({key: _to_attrib(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_to_attrib(item) for item in value]
    return value


def _entity_converter(cls: type[Entity]) -> Converter:
    fields: list[tuple[str, Converter]] | None = None

    def convert(value: Any) -> Any:
        nonlocal fields
        if not isinstance(value, dict):
            return value
        if fields is None:
            fields = _field_table(cls)
        if not isinstance(value, AttribAccessDict):
            value = _to_attrib(value)
        value.__class__ = cls
        get = dict.get
        for name, field_converter in fields:
            item = get(value, name)
            if item is not None:
                try:
                    dict.__setitem__(value, name, field_converter(item))
                except Exception:  # a broken field never breaks the whole result
                    log.debug("field %s.%s kept as it came", cls.__name__, name, exc_info=True)
        return value

    return convert


def _field_table(cls: type) -> list[tuple[str, Converter]]:
    """The fields of an entity class that need converting, with their converters."""
    module = sys.modules.get(cls.__module__)
    try:
        hints = typing.get_type_hints(cls, globalns=vars(module) if module else None)
    except Exception:
        log.debug("could not resolve the annotations of %s", cls.__name__, exc_info=True)
        hints = {}
    table = []
    for name, hint in hints.items():
        if name.startswith("_"):
            continue
        converter = converter_for(hint)
        if converter is not _identity:
            table.append((name, converter))
    return table


def _list_converter(container: type, item: Converter) -> Converter:
    def convert(value: Any) -> Any:
        if not isinstance(value, list):
            return value
        if item is _identity:
            return container(value)
        return container([item(entry) for entry in value])

    return convert


def _union_converter(options: tuple[Any, ...]) -> Converter:
    entity_options = [option for option in options if isinstance(option, type) and issubclass(option, Entity)]
    others = [converter_for(option) for option in options if option not in entity_options]
    others = [conv for conv in others if conv is not _identity]
    if len(entity_options) > 1:
        entity_conv = _discriminating_converter(entity_options)
    elif entity_options:
        entity_conv = converter_for(entity_options[0])
    else:
        entity_conv = None

    def convert(value: Any) -> Any:
        if isinstance(value, dict) and entity_conv is not None:
            return entity_conv(value)
        for other in others:
            result = other(value)
            if result is not value:
                return result
        return value

    return convert


def _discriminating_converter(options: list[type[Entity]]) -> Converter:
    """Pick the entity class whose declared required fields best match the object's keys."""
    declared: list[tuple[type[Entity], frozenset[str]]] = []

    def convert(value: Any) -> Any:
        if not declared:
            for option in options:
                declared.append((option, frozenset(getattr(option, "__annotations__", {}))))
        keys = value.keys()
        best = max(declared, key=lambda pair: len(pair[1] & keys) - len(pair[1] - keys) * 0.01)
        return converter_for(best[0])(value)

    return convert


def converter_for(hint: Any) -> Converter:
    """The (cached) function that converts a decoded JSON value to ``hint``."""
    try:
        return _CONVERTERS[hint]
    except (KeyError, TypeError):
        pass
    converter = _build_converter(hint)
    try:
        _CONVERTERS[hint] = converter
    except TypeError:
        pass
    return converter


def _build_converter(hint: Any) -> Converter:
    if isinstance(hint, str):
        hint = resolve_type(hint)
    origin = typing.get_origin(hint)
    if origin is Union or (origin is not None and str(origin) == "<class 'types.UnionType'>"):
        options = tuple(arg for arg in typing.get_args(hint) if arg is not type(None))
        if len(options) == 1:
            return converter_for(options[0])
        return _union_converter(options)
    import types

    if isinstance(hint, types.UnionType):
        options = tuple(arg for arg in hint.__args__ if arg is not type(None))
        return converter_for(options[0]) if len(options) == 1 else _union_converter(options)
    if origin is not None and isinstance(origin, type) and issubclass(origin, list):
        args = typing.get_args(hint)
        item = converter_for(args[0]) if args else _identity
        container = origin if issubclass(origin, AttribAccessList) else NonPaginatableList
        return _list_converter(container, item)
    if origin is typing.Literal:
        return _identity
    if hint is datetime:
        return to_datetime
    if hint is MaybeSnowflakeIdType or hint is IdType:
        return to_id
    if hint is bool:
        return to_bool
    if isinstance(hint, type):
        if issubclass(hint, Entity):
            return _entity_converter(hint)
        if issubclass(hint, AttribAccessList):
            return _list_converter(hint, _identity)
        if issubclass(hint, AttribAccessDict):
            return _to_attrib
    return _identity


def try_cast(t: Any, value: Any, retry: bool = True) -> Any:
    """Convert one value to type ``t``; a value that does not fit is returned unchanged."""
    try:
        return converter_for(t)(value)
    except Exception:
        return value


def try_cast_recurse(t: Any, value: Any) -> Any:
    """Convert a decoded JSON value (and everything inside it) to type ``t``."""
    return try_cast(t, value)


def resolve_type(name: Any) -> Any:
    """Turn a type written as text (``"Status"``, ``"List[Account]"``) into the type."""
    if not isinstance(name, str):
        return name
    from mastodon import return_types

    namespace: dict[str, Any] = dict(vars(typing))
    namespace.update(vars(sys.modules[__name__]))
    namespace.update(vars(return_types))
    namespace["datetime"] = datetime
    namespace["date"] = date
    try:
        return eval(name, namespace)  # names only: the text comes from this package's own annotations
    except Exception:
        return Any


def get_type_class(typ: Any) -> Any:
    """The class behind a type hint (``PaginatableList[Status]`` gives ``PaginatableList``)."""
    origin = typing.get_origin(typ)
    return origin if origin is not None else typ


def real_issubclass(type1: Any, type2: Any) -> bool:
    """``issubclass`` that looks through generic aliases and answers False for non-classes."""
    first, second = get_type_class(type1), get_type_class(type2)
    return isinstance(first, type) and isinstance(second, type) and issubclass(first, second)


def stringify_type(tp: Any) -> str:
    """A readable name for a type hint, used in the ``_mastopy_type`` envelope field."""
    if isinstance(tp, type) and not typing.get_args(tp):
        return tp.__name__
    text = str(tp).replace("typing.", "").replace("mastodon.return_types.", "")
    return text.replace("mastodon.types_base.", "")


# ---------------------------------------------------------------------------------------------
# JSON envelope
# ---------------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _type_name(value: Any) -> str:
    if isinstance(value, AttribAccessList):
        items = [entry for entry in value if isinstance(entry, Entity)]
        inner = type(items[0]).__name__ if items else "Entity"
        return f"{type(value).__name__}[{inner}]"
    return type(value).__name__


def entity_to_json(value: Any, pretty: bool = True) -> str:
    """Serialise a result (entity or list of entities) in the Mastodon.py envelope."""
    extra: dict[str, Any] = {}
    for attribute in ("_pagination_next", "_pagination_prev"):
        info = getattr(value, attribute, None) if isinstance(value, AttribAccessList) else None
        if info is not None:
            extra[attribute] = dict(info)
    envelope = {
        "_mastopy_version": ENVELOPE_VERSION,
        "_mastopy_type": _type_name(value),
        "_mastopy_data": value,
        "_mastopy_extra_data": extra,
    }
    return json.dumps(envelope, default=_json_default, indent=4 if pretty else None, ensure_ascii=False)


def entity_from_json(json_str: str, cls: Any = None) -> Any:
    """Restore a value serialised by :func:`entity_to_json`."""
    envelope = decode_json(json_str)
    if not isinstance(envelope, dict) or "_mastopy_data" not in envelope:
        raise ValueError("not a serialised mastodon value (the _mastopy_data field is missing)")
    target = cls if cls is not None else resolve_type(envelope.get("_mastopy_type", "Any"))
    result = try_cast_recurse(target, envelope["_mastopy_data"])
    extra = envelope.get("_mastopy_extra_data") or {}
    if isinstance(result, AttribAccessList):
        for attribute in ("_pagination_next", "_pagination_prev"):
            if extra.get(attribute) is not None:
                setattr(result, attribute, PaginationInfo(extra[attribute]))
    return result


def iter_entities(value: Any) -> Iterable[Any]:
    """The items of a list result, or the value itself."""
    return value if isinstance(value, list) else [value]
