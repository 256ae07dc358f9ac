"""The value types every result is built from, and the decoding of response bodies into them.

Results are plain ``dict`` and ``list`` subclasses, so they compare equal to the JSON they
came from, pickle, and serialise. Keys can also be read as attributes (``status.account.acct``):
each declared field of an entity class is a class-level descriptor that reads its key in C, and
any other key is found by a ``__getattr__`` fallback. Objects hold no reference to themselves, so
a result is freed by reference counting as soon as it is dropped, without the cyclic collector.

Decoding makes every JSON object an :class:`AttribAccessDict`; the converters of
:mod:`mastodon._convert`, compiled once per return type, then switch known objects to their entity
class and convert dates, IDs, nested entities and lists in place.
"""

from __future__ import annotations

import copy as _copy
import json
import operator
import sys
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from io import IOBase
from os import PathLike
from typing import IO, TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar, Union

if TYPE_CHECKING:
    import ast

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
    "WebpushCryptoParamsPrivkey",
    "WebpushCryptoParamsPubkey",
    "base62_to_int",
    "class_annotations",
    "converter_for",
    "decode_for",
    "decode_json",
    "get_type_class",
    "int_to_base62",
    "real_issubclass",
    "resolve_type",
    "stringify_type",
    "to_bool",
    "to_datetime",
    "to_id",
    "try_cast",
    "try_cast_recurse",
]

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

    It is equal to, and hashes like, the plain string (and, like it, is not equal to an ``int``);
    ``int()`` works for numeric IDs; IDs sort numerically when both are numeric (so ``"10" > "9"``,
    and ``id < 123`` compares numbers), else as strings; and
    :meth:`to_datetime` reads the creation time out of Mastodon snowflake IDs and Pleroma flake IDs.
    """

    __slots__ = ()

    def __new__(cls, value: Any) -> MaybeSnowflakeIdType:
        if isinstance(value, dict):
            value = value.get("id", value)
        return super().__new__(cls, value)

    def _key(self) -> tuple[int, int | str]:
        text = str.__str__(self)
        return (0, int(text)) if text.isascii() and text.isdigit() else (1, text)

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

    # Equal only to the same text, as a plain string is: ``id == 123`` is False, so equality and
    # hashing agree and sets and dicts of IDs find what ``==`` finds.
    __eq__ = str.__eq__
    __ne__ = str.__ne__
    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return str.__repr__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MaybeSnowflakeIdType, (str.__str__(self),))

    def to_datetime(self) -> datetime | None:
        """The creation time encoded in the ID, or ``None`` when it does not encode one."""
        text = str.__str__(self)
        try:
            if text.isascii() and text.isdigit():
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
#: The public half of a Web Push key set: ``pubkey`` (bytes, an uncompressed P-256 point) and ``auth``.
WebpushCryptoParamsPubkey = dict[str, Any]
#: The private half: ``privkey`` (the P-256 private value, an int) and ``auth`` (16 bytes).
WebpushCryptoParamsPrivkey = dict[str, Any]

_ABSENT: Any = object()


class _Renamed(str):
    """In an ``_absent`` table: the attribute name of a renamed field, read from this JSON key."""

    __slots__ = ()


_dict_get = dict.get
_dict_set = dict.__setitem__
#: Names an attribute may not rebind: they stay the methods of every result.
_METHOD_NAMES = frozenset(
    (
        *("clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"),
        *("to_json", "from_json"),
    )
)


def _rebuild(cls: type[AttribAccessDict], data: dict[str, Any]) -> AttribAccessDict:
    return cls(data)


class AttribAccessDict(dict[str, Any]):
    """A ``dict`` whose keys can also be read and written as attributes.

    ``d.name`` and ``d["name"]`` are the same value, and ``d.name = 1`` sets the key. Keys that
    are also ``dict`` method names (``items``, ``keys``, ``update``, ...) are read by subscription;
    the attribute stays the method.
    """

    #: Class defaults of optional fields (see :class:`Entity`).
    _field_defaults: ClassVar[dict[str, Any]] = {}
    #: JSON key -> value read when a declared field is absent (``None`` unless the class says otherwise).
    _absent: ClassVar[dict[str, Any]] = {}
    #: Attribute name -> JSON key, for fields whose key is not usable as an attribute.
    _rename_map: ClassVar[dict[str, str]] = {}

    # Hidden from type checkers, which would otherwise accept any attribute name.
    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            # Reached only when normal lookup fails: keys without a field descriptor, and declared
            # fields whose key is absent.
            if name[:2] != "__":
                value = _dict_get(self, name, _ABSENT)
                if value is not _ABSENT:
                    return value
                value = type(self)._absent.get(name, _ABSENT)
                if type(value) is _Renamed:
                    return self[value]
                if value is not _ABSENT:
                    return value
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self)

        def __setattr__(self, name: str, value: Any) -> None:
            if name[:2] == "__":
                object.__setattr__(self, name, value)
            elif name in _METHOD_NAMES:
                raise AttributeError(f"{name!r} is a method of {type(self).__name__}; set the key instead")
            else:
                _dict_set(self, type(self)._rename_map.get(name, name), value)

        def __delattr__(self, name: str) -> None:
            try:
                del self[type(self)._rename_map.get(name, name)]
            except KeyError:
                raise AttributeError(name) from None

    def __dir__(self) -> list[str]:
        # Keys are attributes too; list them for completion in interactive sessions.
        names = {key for key in dict.keys(self) if isinstance(key, str) and key.isidentifier() and key[:2] != "__"}
        return sorted(names.union(super().__dir__()))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), dict(self)))

    def __copy__(self) -> AttribAccessDict:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> AttribAccessDict:
        return type(self)({key: _copy.deepcopy(value, memo) for key, value in dict.items(self)})

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)})"

    def copy(self) -> AttribAccessDict:
        """A shallow copy of the same class."""
        return type(self)(self)

    def to_json(self, pretty: bool = True) -> str:
        """Serialise to JSON in the envelope Mastodon.py uses, so :meth:`from_json` can
        restore the same type (with pagination information, where the value carries any)."""
        return entity_to_json(self, pretty)

    @classmethod
    def from_json(klass, json_str: str | bytes, cls: Any = None) -> Self:
        """Restore a value written by :meth:`to_json`, as the type its envelope records.

        Call it on any result class: ``Status.from_json(text)`` is typed as a ``Status``, and
        ``Entity.from_json(text)`` or ``AttribAccessDict.from_json(text)`` restore whatever the
        text holds (a page of results too). The class called on does not change what is restored.

        Args:
            json_str: The text :meth:`to_json` produced.
            cls: The type to restore as; by default the one recorded in the envelope.

        Raises:
            ValueError: The text is not JSON, or not a value :meth:`to_json` wrote.
        """
        restored: Self = entity_from_json(json_str, cls)
        return restored


class _MissingKey(KeyError, AttributeError):
    """An absent key: a ``KeyError`` for subscription, an ``AttributeError`` for field reads."""


#: The JSON decoder; built once, as ``json.loads`` with ``object_hook`` would build one per call.
_DECODER = json.JSONDecoder(object_hook=AttribAccessDict)
_decode = _DECODER.decode


def decode_json(body: bytes | str) -> Any:
    """Decode a response body; every JSON object comes back as an :class:`AttribAccessDict`.

    Raises:
        ValueError: The body is not JSON (a :class:`json.JSONDecodeError`, or a
            ``UnicodeDecodeError`` for bytes that are not text), or is nested too deeply.
    """
    try:
        if isinstance(body, str):
            if body.startswith("\ufeff"):
                raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", body, 0)
            return _decode(body)
        if isinstance(body, (bytes, bytearray)):
            return _decode(body.decode(json.detect_encoding(body), "surrogatepass"))
    except RecursionError as exc:
        raise ValueError("the JSON is nested too deeply to read") from exc
    raise TypeError(f"the JSON object must be str, bytes or bytearray, not {type(body).__name__}")


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


def class_annotations(cls: type) -> dict[str, Any]:
    """The annotations ``cls`` itself declares (none of its bases'), as written.

    What ``inspect.get_annotations(cls)`` gives for a class, without loading :mod:`inspect` with
    the package.
    """
    annotations = cls.__dict__.get("__annotations__")  # noqa: RUF063 - inspect is what this avoids
    return dict(annotations) if isinstance(annotations, dict) else {}


def _is_field_annotation(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return "ClassVar" not in text


def _install_fields(cls: type[Entity]) -> None:
    """Give each field ``cls`` declares a descriptor that reads its key.

    ``property(itemgetter(key))`` runs entirely in C. An absent declared key is answered by
    ``__missing__`` from the class's ``_absent`` table (the field's class default, else ``None``);
    any other absent key raises :class:`_MissingKey`, which is both a ``KeyError`` and an
    ``AttributeError``.
    """
    defaults = dict(cls._field_defaults)
    absent = dict(cls._absent)
    own = cls.__dict__
    itemgetter = operator.itemgetter
    for name, annotation in class_annotations(cls).items():
        if name[:1] == "_" or name in _METHOD_NAMES or not _is_field_annotation(annotation):
            continue
        current = own.get(name, _ABSENT)
        if current is _ABSENT:
            defaults.pop(name, None)
            absent[name] = None
        elif hasattr(current, "__get__"):
            continue  # a method or descriptor of the class's own
        else:
            defaults[name] = absent[name] = current
        # Given a doc, property does not look for one on the getter, which costs more than the rest.
        setattr(cls, name, property(itemgetter(name), doc=f"The ``{name}`` key."))
    for alias, key in own.get("_rename_map", {}).items():
        absent.setdefault(key, None)
        # The attribute name of a renamed field is a key too, as in Mastodon.py: it reads the
        # field's value without being stored, so keys(), equality and JSON show only what was sent.
        absent[alias] = _Renamed(key)
    cls._field_defaults = defaults
    cls._absent = absent


class Entity(AttribAccessDict):
    """Base class of every typed result.

    Each annotated field of a subclass reads its key. A declared field the server left out reads
    as ``None`` (or the class default the field declares), by attribute and by subscription, and
    ``key in entity`` is true for it, as for every declared field. The value itself holds only
    the keys that were sent: ``keys()``, ``len()``, iteration and JSON show those.
    """

    #: The Mastodon version that last changed this entity.
    _version: ClassVar[str] = "1.0.0"
    #: Fields sent as decimal strings that are read as ``int``.
    _int_fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _install_fields(cls)

    def __missing__(self, key: str) -> Any:
        value = type(self)._absent.get(key, _ABSENT)
        if value is _ABSENT:
            raise _MissingKey(key)
        if type(value) is _Renamed:
            return self[value]
        return value

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, key) or key in type(self)._absent


class EmptyResponse(Entity):
    """The result of endpoints that answer with an empty object."""


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
    import ast  # on first use: only restoring serialised values reads types from text

    try:
        return _type_of(ast.parse(name.strip(), mode="eval").body, _type_namespace())
    except (SyntaxError, KeyError, TypeError, ValueError, RecursionError):
        return Any


def _type_of(node: ast.expr, namespace: dict[str, Any]) -> Any:
    import ast

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


# The conversion engine builds on the classes above; it is imported last so that it can use them.
from mastodon._convert import (  # noqa: E402
    converter_for,
    decode_for,
    to_bool,
    to_datetime,
    to_id,
    try_cast,
    try_cast_recurse,
)
