"""The value types every result is built from, and the conversion of decoded JSON into them.

Results are plain ``dict`` and ``list`` subclasses, so they compare equal to the JSON they
came from, pickle, and serialise; attribute reads (``status.account.acct``) are as cheap as key
reads because each :class:`AttribAccessDict` uses itself as its attribute namespace.

Conversion happens once per response: JSON objects become attribute dictionaries while the body
is decoded, then a converter compiled once per return type switches the known objects to their
entity class and converts dates, IDs, nested entities and lists in place. No ``typing``
introspection happens per value, and nothing raises on odd input: a value that does not fit its
declared type is kept as it came (and logged at DEBUG level).
"""

from __future__ import annotations

import ast
import contextlib
import copy as _copy
import inspect
import json
import logging
import operator
import sys
import threading
import types
import typing
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from io import IOBase
from os import PathLike
from typing import IO, Any, ClassVar, Generic, TypeVar, Union

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

    def _compare(self, other: object, test: Callable[[Any, Any], bool]) -> bool:
        if isinstance(other, (str, int)) and not isinstance(other, bool):
            return test(self._key(), str.__new__(MaybeSnowflakeIdType, str(other))._key())
        return NotImplemented  # type: ignore[no-any-return]

    def __lt__(self, other: object) -> bool:
        return self._compare(other, operator.lt)

    def __le__(self, other: object) -> bool:
        return self._compare(other, operator.le)

    def __gt__(self, other: object) -> bool:
        return self._compare(other, operator.gt)

    def __ge__(self, other: object) -> bool:
        return self._compare(other, operator.ge)

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
        cls = AttribAccessDict if type(self) is _JsonObject else type(self)
        return (_rebuild, (cls, dict(self)))

    def __copy__(self) -> AttribAccessDict:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> AttribAccessDict:
        cls = AttribAccessDict if type(self) is _JsonObject else type(self)
        return cls({key: _copy.deepcopy(value, memo) for key, value in dict.items(self)})

    def __repr__(self) -> str:
        name = "AttribAccessDict" if type(self) is _JsonObject else type(self).__name__
        return f"{name}({dict.__repr__(self)})"

    def copy(self) -> AttribAccessDict:
        """A shallow copy of the same class."""
        cls = AttribAccessDict if type(self) is _JsonObject else type(self)
        return cls(self)


for _name in (
    "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem",
    "setdefault", "update", "values",
):  # fmt: skip
    setattr(AttribAccessDict, _name, _DictMethod(getattr(AttribAccessDict, _name)))
del _name


def _bind(obj: AttribAccessDict) -> None:
    pending = obj.__dict__  # attributes set on the object before it was bound become keys
    obj.__class__ = AttribAccessDict
    if pending is not obj and pending:
        dict.update(obj, pending)
    obj.__dict__ = obj


class _JsonObject(AttribAccessDict):
    """What the decoder makes of a JSON object: a dict built at C speed, not yet bound to itself.

    Converters switch it to its entity class. Objects no converter visits (values of unknown keys)
    turn into a plain :class:`AttribAccessDict` the first time an attribute is read or looked for.
    It has no ``__setattr__`` of its own (that would slow down every class switch): an attribute
    set on it before that moment becomes a key at that moment.
    """

    # The slot wrapper lets CPython build these with dict's own C initialiser.
    __init__ = dict.__init__

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        _bind(self)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def decode_json(body: bytes | str) -> Any:
    """Decode a response body; every JSON object comes back as an :class:`AttribAccessDict`."""
    return json.loads(body, object_hook=_JsonObject)


class AttribAccessList(list[T]):
    """A ``list`` that can carry attributes (such as pagination information)."""

    def to_json(self, pretty: bool = True) -> str:
        """Serialise with the envelope :meth:`Entity.to_json` uses, pagination included."""
        return entity_to_json(self, pretty)


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
    _version: ClassVar[str] = "1.0.0"
    #: Attribute name -> JSON key, for fields whose key is not usable as an attribute.
    _rename_map: ClassVar[dict[str, str]] = {}
    #: Fields sent as decimal strings that are read as ``int``.
    _int_fields: ClassVar[tuple[str, ...]] = ()

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
# Conversion of single values
# ---------------------------------------------------------------------------------------------

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _bad(owner: Any, key: str, value: Any) -> None:
    # Only the type is logged: values may hold secrets such as tokens.
    name = getattr(owner, "__name__", str(owner))
    log.debug("%s.%s: kept a %s value as it came", name, key, type(value).__name__)


def to_datetime(value: Any) -> Any:
    """Read a date the way servers send them (ISO 8601, a bare date, or epoch seconds).

    Naive results are taken as UTC. A value that cannot be read is returned unchanged.
    """
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else _aware(value)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return _date_slow(value, "value", "date")
        return parsed if parsed.tzinfo is not None else _aware(parsed)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _date_slow(value, "value", "date")
    return value


def _aware(naive: datetime) -> datetime:
    # Positional arguments: datetime.replace(tzinfo=...) costs several times as much.
    d = naive
    return datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, UTC)


def _date_slow(value: Any, owner: Any, key: str) -> Any:
    """Dates :meth:`datetime.fromisoformat` does not read: epoch seconds and other spellings."""
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=UTC)
        if isinstance(value, str):
            text = value.strip()
            if text.replace(".", "", 1).isdigit():
                return datetime.fromtimestamp(float(text), tz=UTC)
            from dateutil.parser import parse

            parsed = parse(text)
            return parsed if parsed.tzinfo is not None else _aware(parsed)
    except (ValueError, OverflowError, OSError, TypeError):
        pass
    _bad(owner, key, value)
    return value


def to_id(value: Any) -> Any:
    """An ID as :class:`MaybeSnowflakeIdType`; other values are returned unchanged."""
    if isinstance(value, str):
        return str.__new__(MaybeSnowflakeIdType, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str.__new__(MaybeSnowflakeIdType, str(value))
    return value


def _id_slow(value: Any, owner: Any, key: str) -> Any:
    result = to_id(value)
    if result is value:
        _bad(owner, key, value)
    return result


def _int_slow(value: Any, owner: Any, key: str) -> Any:
    try:
        return int(value)
    except ValueError:
        _bad(owner, key, value)
        return value


def to_bool(value: Any) -> Any:
    """``"true"``/``"false"`` strings as booleans; other values are returned unchanged."""
    if isinstance(value, str):
        lowered = value.lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
    return value


def _lazify(value: Any) -> Any:
    """Give dicts that did not come from :func:`decode_json` the decoder's shape, recursively."""
    if isinstance(value, AttribAccessDict):
        for key, item in dict.items(value):
            if isinstance(item, (dict, list)):
                dict.__setitem__(value, key, _lazify(item))
        return value
    if isinstance(value, dict):
        return _JsonObject({key: _lazify(item) for key, item in value.items()})
    if type(value) is list:
        return [_lazify(item) for item in value]
    if isinstance(value, list):
        value[:] = [_lazify(item) for item in value]
    return value


def _prep(value: Any, cls: type[AttribAccessDict]) -> Any:
    """Slow path of entity conversion: anything that is not fresh from the decoder."""
    if not isinstance(value, dict):
        _bad(cls, "<value>", value)
        return value
    value = _lazify(value)
    try:
        object.__setattr__(value, "__class__", cls)
    except TypeError:  # a user subclass with another memory layout
        value = cls(value)
    value.__dict__ = value
    return value


def _convert_list_items(items: list[Any], convert: Converter) -> list[Any]:
    """Convert items of a list that did not come straight from the decoder."""
    return [convert(item) for item in items]


def _convert_map(value: Any, convert: Converter, owner: Any, key: str) -> Any:
    if not isinstance(value, dict):
        _bad(owner, key, value)
        return value
    result = value if isinstance(value, AttribAccessDict) else _JsonObject(value)
    if type(result) is _JsonObject:
        _bind(result)
    for name, item in dict.items(result):
        converted = convert(item)
        if converted is not item:
            dict.__setitem__(result, name, converted)
    return result


def _bind_dict(value: Any, owner: Any, key: str) -> Any:
    if type(value) is _JsonObject:
        _bind(value)
        return value
    if isinstance(value, AttribAccessDict):
        return value
    if isinstance(value, dict):
        result = _lazify(value)
        _bind(result)
        return result
    _bad(owner, key, value)
    return value


# ---------------------------------------------------------------------------------------------
# Converters compiled once per entity class
# ---------------------------------------------------------------------------------------------

#: Globals shared by the generated converter functions (helpers, classes, other converters).
_GEN: dict[str, Any] = {
    "_J": _JsonObject,
    "_AAD": AttribAccessDict,
    "_ID": MaybeSnowflakeIdType,
    "_DT": datetime,
    "_UTC": UTC,
    "_get": dict.get,
    "_osa": object.__setattr__,
    "_snew": str.__new__,
    "_iso": datetime.fromisoformat,
    "_prep": _prep,
    "_bad": _bad,
    "_date_slow": _date_slow,
    "_id_slow": _id_slow,
    "_int_slow": _int_slow,
    "_todt": to_datetime,
    "_aware": _aware,
    "_bind_dict": _bind_dict,
    "_convert_map": _convert_map,
    "_items": _convert_list_items,
}
_NAMES: dict[Any, str] = {}
_ENTITY_HEAD = """def {f}(v):
    if v.__class__ is _J:
        v.__class__ = {c}
        v.__dict__ = v
    elif v.__class__ is not {c}:
        v = _prep(v, {c})
        if v.__class__ is not {c}:
            return v
"""
_BLOCKS = {
    "date": """    x = _get(v, {k})
    if x.__class__ is str:
        try:
            d = _iso(x)
        except ValueError:
            v[{k}] = _date_slow(x, {c}, {k})
        else:
            v[{k}] = d if d.tzinfo is not None else _aware(d)
    elif x is not None and x.__class__ is not _DT:
        v[{k}] = _date_slow(x, {c}, {k})
""",
    "id": """    x = _get(v, {k})
    if x.__class__ is str:
        v[{k}] = _snew(_ID, x)
    elif x is not None and x.__class__ is not _ID:
        v[{k}] = _id_slow(x, {c}, {k})
""",
    "int": """    x = _get(v, {k})
    if x.__class__ is str:
        v[{k}] = _int_slow(x, {c}, {k})
""",
    "entity": """    x = _get(v, {k})
    if x is not None:
        y = {e}(x)
        if y is not x:
            v[{k}] = y
""",
    "dict": """    x = _get(v, {k})
    if x.__class__ is _J:
        x.__class__ = _AAD
        x.__dict__ = x
    elif x is not None and not isinstance(x, _AAD):
        v[{k}] = _bind_dict(x, {c}, {k})
""",
    "map": """    x = _get(v, {k})
    if x is not None:
        v[{k}] = _convert_map(x, {e}, {c}, {k})
""",
}
_LEAF = """    x = _get(v, {k})
    if x.__class__ is _J:
        x.__class__ = {l}
        x.__dict__ = x
    elif x is not None:
        y = {e}(x)
        if y is not x:
            v[{k}] = y
"""
_LIST_HEAD = """    x = _get(v, {k})
    if x.__class__ is list:
        if x:
"""
_LIST_TAIL = """            v[{k}] = {n}(x)
        else:
            v[{k}] = {n}()
    elif isinstance(x, list):
        v[{k}] = {n}(_items(x, {e}))
    elif x is not None:
        _bad({c}, {k}, x)
"""
_LIST_BODIES = {
    None: "",
    "entity": """            for i in x:
                if {e}(i) is not i:
                    x = [{e}(i) for i in x]
                    break
""",
    "leaf": """            for i in x:
                if i.__class__ is _J:
                    i.__class__ = {l}
                    i.__dict__ = i
                elif {e}(i) is not i:
                    x = [{e}(i) for i in x]
                    break
""",
    "id": "            x = [_snew(_ID, i) if i.__class__ is str else _id_slow(i, {c}, {k}) for i in x]\n",
    "date": "            x = [_todt(i) for i in x]\n",
    "dict": "            x = [_bind_dict(i, {c}, {k}) for i in x]\n",
}
#: Entity classes without convertible fields: parents switch their class inline, without a call.
_LEAVES: dict[str, str] = {}
_LIST_ORIGINS = (list, Iterable, typing.Sequence, typing.MutableSequence)


def _global(prefix: str, value: Any) -> str:
    name = f"{prefix}{len(_GEN)}"
    _GEN[name] = value
    return name


_NAMESPACES: dict[str, dict[str, Any]] = {}


def _eval_hint(hint: Any, cls: type) -> Any:
    if not isinstance(hint, str):
        return hint
    for fresh in (False, True):  # a class defined after the cached copy was taken needs a fresh one
        namespace = _NAMESPACES.get(cls.__module__)
        if namespace is None or fresh:
            namespace = _NAMESPACES[cls.__module__] = {**vars(typing), **globals()}
            namespace.update(vars(sys.modules[cls.__module__]) if cls.__module__ in sys.modules else {})
        try:
            return eval(hint, namespace)  # the text is an annotation of the class itself
        except NameError:
            continue
        except Exception:
            break
    log.debug("could not resolve the annotation %r of %s", hint, cls.__name__)
    return Any


def _fields_of(cls: type) -> dict[str, Any]:
    """JSON key -> type hint, for every field of an entity class (renamed ones included)."""
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, hint in inspect.get_annotations(klass).items():
            if not name.startswith("_"):
                hints[name] = _eval_hint(hint, klass)
    for attribute, key in getattr(cls, "_rename_map", {}).items():
        getter = getattr(getattr(cls, attribute, None), "fget", None)
        if getter is not None:
            hints[key] = _eval_hint(getattr(getter, "__annotations__", {}).get("return", Any), cls)
    return hints


def _is_entity(hint: Any) -> bool:
    return isinstance(hint, type) and issubclass(hint, Entity)


def _options(hint: Any) -> tuple[Any, ...] | None:
    if typing.get_origin(hint) is Union or isinstance(hint, types.UnionType):
        return tuple(arg for arg in typing.get_args(hint) if arg is not type(None))
    return None


def _kind(hint: Any) -> tuple[str, Any] | None:
    """How a field of this type is converted: (kind, detail), or None when it is kept as is."""
    options = _options(hint)
    if options is not None:
        entities = tuple(option for option in options if _is_entity(option))
        if len(options) == 1:
            return _kind(options[0])
        return ("entity", _union_name(entities)) if entities else None
    if hint is datetime:
        return ("date", None)
    if hint is MaybeSnowflakeIdType:
        return ("id", None)
    if _is_entity(hint):
        return ("entity", _entity_name(hint))
    if isinstance(hint, type) and issubclass(hint, dict):
        return ("dict", None)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(origin, type) and issubclass(origin, dict):
        item = _kind(args[1]) if len(args) == 2 else None
        return ("map", item[1]) if item is not None and item[0] == "entity" else ("dict", None)
    if origin in _LIST_ORIGINS or (isinstance(origin, type) and issubclass(origin, list)):
        container = origin if isinstance(origin, type) and issubclass(origin, AttribAccessList) else NonPaginatableList
        return ("list", (container, _kind(args[0]) if args else None))
    return None


def _entity_name(cls: type[Entity]) -> str:
    """The name, in :data:`_GEN`, of the compiled converter of ``cls`` (compiling it if needed)."""
    name = _NAMES.get(cls)
    if name is not None:
        return name
    name = _NAMES[cls] = f"_c{len(_NAMES)}_{cls.__name__}"
    klass = _global("_k", cls)
    source = [_ENTITY_HEAD.format(f=name, c=klass)]
    try:
        int_fields = set(getattr(cls, "_int_fields", ()))
        for key, hint in _fields_of(cls).items():
            kind = ("int", None) if key in int_fields else _kind(hint)
            if kind is not None:
                source.append(_block(kind, repr(key), klass))
        if len(source) == 1:
            _LEAVES[name] = klass
        source.append("    return v\n")
        exec("".join(source), _GEN)  # generated from the class's own annotations, once per class
    except Exception:
        log.debug("could not compile a converter for %s; it is converted shallowly", cls.__name__, exc_info=True)
        exec(_ENTITY_HEAD.format(f=name, c=klass) + "    return v\n", _GEN)
    return name


def _block(kind: tuple[str, Any], key: str, klass: str) -> str:
    what, detail = kind
    if what == "entity" and detail in _LEAVES:
        return _LEAF.format(k=key, c=klass, e=detail, l=_LEAVES[detail])
    if what != "list":
        return _BLOCKS[what].format(k=key, c=klass, e=detail)
    container, item = detail
    item_kind, entity = (item[0], item[1]) if item is not None and item[0] in _LIST_BODIES else (None, None)
    if item_kind == "entity" and entity in _LEAVES:
        item_kind = "leaf"
    fields = {"k": key, "c": klass, "n": _global("_l", container), "e": entity or "_identity_"}
    fields["l"] = _LEAVES.get(entity or "", "")
    _GEN.setdefault("_identity_", _identity)
    return _LIST_HEAD.format(**fields) + _LIST_BODIES[item_kind].format(**fields) + _LIST_TAIL.format(**fields)


def _required(cls: type) -> frozenset[str]:
    return frozenset(key for key in _fields_of(cls) if key not in getattr(cls, "_rename_map", {}).values()
                     and not hasattr(cls, key))  # fmt: skip


def _version_key(cls: type) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in str(getattr(cls, "_version", "0")).split("."))
    except ValueError:
        return (0,)


def _union_name(options: tuple[type[Entity], ...]) -> str:
    """A converter choosing among entity classes by the keys an object has."""
    if len(options) == 1:
        return _entity_name(options[0])
    name = _NAMES.get(options)
    if name is not None:
        return name
    name = _NAMES[options] = f"_u{len(_NAMES)}"
    fields = {option: set(_fields_of(option)) for option in options}
    lines = [f"def {name}(v):\n", "    if v.__class__ is not _J and not isinstance(v, dict):\n", "        return v\n"]
    for option in options:
        others = set().union(*(fields[other] for other in options if other is not option))
        required = _required(option)
        marks = sorted(fields[option] - others, key=lambda key: (key not in required, key))[:3]
        if marks:
            test = " or ".join(f"{mark!r} in v" for mark in marks)
            lines.append(f"    if {test}:\n        return {_entity_name(option)}(v)\n")
    # Ties go to the newest class, then to the one named last (``Union[Search, SearchV2]``).
    ranked = [(_required(option), (*_version_key(option), n), _entity_name(option)) for n, option in enumerate(options)]
    lines.append(f"    return _pick(v, {_global('_r', ranked)})(v)\n")
    exec("".join(lines), _GEN)
    return name


def _pick(value: dict[str, Any], ranked: list[tuple[frozenset[str], tuple[int, ...], str]]) -> Converter:
    """The best-fitting option: most required keys present, fewest missing, then the newest."""
    keys = value.keys()
    best = max(ranked, key=lambda option: (len(option[0] & keys) - 0.01 * len(option[0] - keys), option[1]))
    converter: Converter = _GEN[best[2]]
    return converter


_GEN["_pick"] = _pick


# ---------------------------------------------------------------------------------------------
# Converters for whole results
# ---------------------------------------------------------------------------------------------

_CONVERTERS: dict[Any, Converter] = {}
_COMPILING = threading.RLock()


def converter_for(hint: Any) -> Converter:
    """The (cached) function converting a decoded JSON value to ``hint``; it never raises."""
    try:
        return _CONVERTERS[hint]
    except (KeyError, TypeError):
        pass
    # Compiling registers a converter's name before its code exists; other threads must wait.
    with _COMPILING:
        try:
            convert = _build(hint)
        except Exception:
            log.debug("no converter for %r; values are kept as they come", hint, exc_info=True)
            convert = _identity

    def guarded(value: Any) -> Any:
        try:
            return convert(value)
        except Exception:
            log.debug("converting to %r failed; the value is kept as it came", hint, exc_info=True)
            return value

    with contextlib.suppress(TypeError):  # an unhashable hint is simply not cached
        _CONVERTERS[hint] = guarded
    return guarded


def _build(hint: Any) -> Converter:
    if isinstance(hint, str):
        hint = resolve_type(hint)
    if hint is None or hint is type(None) or hint is Any or hint is object:
        return _identity
    options = _options(hint)
    if options is not None:
        return _union_converter(options)
    if _is_entity(hint):
        converter: Converter = _GEN[_entity_name(hint)]
        return converter
    if hint is datetime:
        return to_datetime
    if hint is MaybeSnowflakeIdType or hint == IdType:
        return to_id
    if hint is bool:
        return to_bool
    kind = _kind(hint)
    if kind is not None and kind[0] == "list":
        return _list_converter(*kind[1])
    if kind is not None and kind[0] == "map":
        item = _GEN[kind[1]]
        return lambda value: _convert_map(value, item, hint, "<result>")
    if isinstance(hint, type) and issubclass(hint, AttribAccessDict) and hint is not AttribAccessDict:
        return lambda value: _prep(value, hint)
    if kind is not None and kind[0] == "dict":
        return lambda value: _bind_dict(value, hint, "<result>") if isinstance(value, dict) else value
    return _identity


def _list_converter(container: type[list[Any]], item: tuple[str, Any] | None) -> Converter:
    convert_item: Converter = _identity
    if item is not None and item[0] == "entity":
        convert_item = _GEN[item[1]]
    elif item is not None:
        convert_item = {"id": to_id, "date": to_datetime, "dict": converter_for(dict)}.get(item[0], _identity)

    def convert(value: Any) -> Any:
        if value.__class__ is list:
            for entry in value:
                if convert_item(entry) is not entry:
                    value = [convert_item(entry) for entry in value]
                    break
            return container(value)
        if isinstance(value, list):
            value[:] = [convert_item(entry) for entry in value]
            return value if isinstance(value, container) else container(value)
        _bad(container, "<result>", value)
        return value

    return convert


def _union_converter(options: tuple[Any, ...]) -> Converter:
    entities = tuple(option for option in options if _is_entity(option))
    lists = [option for option in options if (_kind(option) or ("",))[0] == "list"]
    rest = [option for option in options if option not in entities and option not in lists]
    for_dict = _GEN[_union_name(entities)] if entities else None
    for_list = converter_for(lists[0]) if lists else None
    for_rest = [converter_for(option) for option in rest]

    def convert(value: Any) -> Any:
        if isinstance(value, dict) and for_dict is not None:
            return for_dict(value)
        if isinstance(value, list) and for_list is not None:
            return for_list(value)
        for other in for_rest:
            result = other(value)
            if result is not value:
                return result
        return value

    return convert


def try_cast(t: Any, value: Any, retry: bool = True) -> Any:
    """Convert one value to type ``t``; a value that does not fit is returned unchanged."""
    return converter_for(t)(value)


def try_cast_recurse(t: Any, value: Any) -> Any:
    """Convert a decoded JSON value (and everything inside it) to type ``t``."""
    return converter_for(t)(value)


# ---------------------------------------------------------------------------------------------
# Types written as text
# ---------------------------------------------------------------------------------------------


def _type_namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {
        "List": list, "Dict": dict, "Tuple": tuple, "Union": Union, "Optional": typing.Optional,
        "Any": Any, "str": str, "int": int, "float": float, "bool": bool, "dict": dict, "list": list,
        "tuple": tuple, "NoneType": type(None), "datetime": datetime, "date": date,
    }  # fmt: skip
    namespace.update({name: value for name, value in vars(sys.modules[__name__]).items() if isinstance(value, type)})
    namespace["IdType"] = IdType
    try:
        from mastodon import return_types

        namespace.update({name: value for name, value in vars(return_types).items() if isinstance(value, type)})
    except ImportError:  # pragma: no cover - the package is always complete when installed
        pass
    return namespace


def resolve_type(name: Any) -> Any:
    """Turn a type written as text (``"Status"``, ``"PaginatableList[Account]"``) into the type.

    Only names of this package, ``typing`` and the builtins are understood; the text is parsed,
    never evaluated, so serialised data cannot run code. Unknown text gives ``Any``.
    """
    if not isinstance(name, str):
        return name
    try:
        return _type_of(ast.parse(name.strip(), mode="eval").body, _type_namespace())
    except (SyntaxError, KeyError, TypeError, ValueError, RecursionError):
        return Any


def _type_of(node: ast.expr, namespace: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return namespace[node.id]
    if isinstance(node, ast.Attribute):  # "typing.List", "mastodon.return_types.Status"
        return namespace[node.attr]
    if isinstance(node, ast.Constant) and node.value is None:
        return type(None)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return Union[_type_of(node.left, namespace), _type_of(node.right, namespace)]  # noqa: UP007
    if isinstance(node, ast.Subscript):
        base = _type_of(node.value, namespace)
        if isinstance(node.slice, ast.Tuple):
            return base[tuple(_type_of(item, namespace) for item in node.slice.elts)]
        return base[_type_of(node.slice, namespace)]
    raise ValueError(f"not a type: {ast.dump(node)}")


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
    if tp is _JsonObject:
        return "AttribAccessDict"
    if isinstance(tp, type) and not typing.get_args(tp):
        return tp.__name__
    text = str(tp).replace("typing.", "").replace("mastodon.return_types.", "")
    return text.replace("mastodon.types_base.", "").replace("datetime.datetime", "datetime")


# ---------------------------------------------------------------------------------------------
# JSON envelope
# ---------------------------------------------------------------------------------------------

_EXTRA_ATTRIBUTES = ("_pagination_next", "_pagination_prev", "_async_refresh")


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, type) or typing.get_origin(value) is not None or isinstance(value, types.UnionType):
        return stringify_type(value)
    if isinstance(value, (set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _type_name(value: Any) -> str:
    if isinstance(value, AttribAccessList):
        first = value[0] if value else None
        inner = "Any" if first is None else stringify_type(type(first)) if isinstance(first, dict) else "Any"
        return f"{type(value).__name__}[{inner}]"
    if isinstance(value, list):
        return "NonPaginatableList[Any]"
    return stringify_type(type(value))


def entity_to_json(value: Any, pretty: bool = True) -> str:
    """Serialise a result (entity or list of entities) in the Mastodon.py envelope."""
    extra: dict[str, Any] = {}
    if isinstance(value, AttribAccessList):
        for attribute in _EXTRA_ATTRIBUTES:
            info = value.__dict__.get(attribute)
            if info is not None:
                extra[attribute] = info
    envelope = {
        "_mastopy_version": ENVELOPE_VERSION,
        "_mastopy_type": _type_name(value),
        "_mastopy_data": value,
        "_mastopy_extra_data": extra,
    }
    return json.dumps(envelope, default=_json_default, indent=4 if pretty else None, ensure_ascii=False)


def _restore_info(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    info = PaginationInfo(data)
    kind = info.get("_mastopy_type")
    if isinstance(kind, str) and resolve_type(kind) is not Any:
        dict.__setitem__(info, "_mastopy_type", resolve_type(kind))
    return info


def entity_from_json(json_str: str | bytes, cls: Any = None) -> Any:
    """Restore a value serialised by :func:`entity_to_json`."""
    envelope = decode_json(json_str)
    if not isinstance(envelope, dict) or "_mastopy_data" not in envelope:
        raise ValueError("not a serialised mastodon value (the _mastopy_data field is missing)")
    target = cls if cls is not None else resolve_type(envelope.get("_mastopy_type") or "Any")
    result = try_cast_recurse(target, envelope["_mastopy_data"])
    extra = envelope.get("_mastopy_extra_data") or {}
    if isinstance(result, list) and not isinstance(result, AttribAccessList):
        result = PaginatableList(result)
    if isinstance(result, AttribAccessList) and isinstance(extra, dict):
        for attribute in _EXTRA_ATTRIBUTES:
            if extra.get(attribute) is not None:
                setattr(result, attribute, _restore_info(extra[attribute]))
    elif isinstance(result, dict):
        for attribute in _EXTRA_ATTRIBUTES[:2]:
            if isinstance(dict.get(result, attribute), dict):
                dict.__setitem__(result, attribute, _restore_info(dict.get(result, attribute)))
    return result
