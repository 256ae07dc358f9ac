"""Conversion of decoded JSON into result types: converters compiled once per type.

A converter takes what :func:`~mastodon.types_base.decode_json` produced and converts it in place:
objects become their entity class (a class switch, no copy), and dates, IDs, nested entities and
lists are converted field by field. The code of each entity's converter is generated from the
class's annotations the first time the class is used, so no ``typing`` introspection happens per
value. Nothing raises on odd input: a value that does not fit its declared type is kept as it came,
and logged at WARNING level once per entity, field and type.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import types
import typing
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar, Union

from mastodon import types_base
from mastodon.types_base import (
    AttribAccessDict,
    AttribAccessList,
    Entity,
    IdType,
    MaybeSnowflakeIdType,
    NonPaginatableList,
    class_annotations,
    resolve_type,
)

__all__ = [
    "Converter",
    "converter_for",
    "decode_for",
    "fast_loads",
    "to_bool",
    "to_datetime",
    "to_id",
    "try_cast",
    "try_cast_recurse",
]

log = logging.getLogger("mastodon")

#: Switches an object's class without the Python-level ``__setattr__`` of the result classes.
_set_class = object.__dict__["__class__"].__set__

Converter = Callable[[Any], Any]

# ---------------------------------------------------------------------------------------------
# Conversion of single values
# ---------------------------------------------------------------------------------------------


def _identity(value: Any) -> Any:
    return value


#: (entity, field, type) already reported; each is logged once per process.
_REPORTED: set[tuple[str, str, str]] = set()
_REPORTED_MAX = 1000


def _bad(owner: Any, key: str, value: Any) -> None:
    """Report a value that does not fit its declared type; the caller keeps it as it came.

    Logged at WARNING once per entity, field and type of value, so a server that sends one odd
    field is reported once, not once per result. Only the type is logged: values may hold secrets.
    """
    report = (getattr(owner, "__name__", str(owner)), key, type(value).__name__)
    if report in _REPORTED or len(_REPORTED) >= _REPORTED_MAX:
        return
    _REPORTED.add(report)
    log.warning("%s.%s: a value of type %s does not fit the declared type; it is kept as it came", *report)


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
        return parsed if parsed.tzinfo is not None else _utc(value, parsed)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _date_slow(value, "value", "date")
    return value


def _aware(naive: datetime) -> datetime:
    # Positional arguments: datetime.replace(tzinfo=...) costs several times as much.
    d = naive
    return datetime(d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond, UTC)


_iso = datetime.fromisoformat


def _utc(text: str, naive: datetime) -> datetime:
    """A date sent without an offset (``"2024-11-16"``), read as UTC.

    For the extended ISO spellings servers use, parsing the text again with an explicit offset
    costs a third of rebuilding the datetime; other spellings are rebuilt.
    """
    if text[4:5] == "-":
        if len(text) == 10:
            suffix = "T00:00:00+00:00"
        elif text[10:11] in ("T", " "):
            suffix = "+00:00"
        else:
            return _aware(naive)
        try:
            parsed = _iso(text + suffix)
        except ValueError:
            return _aware(naive)
        if parsed.tzinfo is not None:
            return parsed
    return _aware(naive)


def _date_slow(value: Any, owner: Any, key: str) -> Any:
    """Dates :meth:`datetime.fromisoformat` does not read: epoch seconds and other spellings."""
    try:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=UTC)
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None  # servers send "" for a date they do not have
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
    """Give dicts that did not come from ``decode_json`` the decoder's shape, recursively."""
    if isinstance(value, AttribAccessDict):
        for key, item in dict.items(value):
            if isinstance(item, (dict, list)):
                dict.__setitem__(value, key, _lazify(item))
        return value
    if isinstance(value, dict):
        return AttribAccessDict({key: _lazify(item) for key, item in value.items()})
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
        _set_class(value, cls)
    except TypeError:  # a user subclass with another memory layout
        value = cls(value)
    return value


def _convert_list_items(items: list[Any], convert: Converter) -> list[Any]:
    """Convert items of a list that did not come straight from the decoder."""
    return [convert(item) for item in items]


def _convert_map(value: Any, convert: Converter, owner: Any, key: str) -> Any:
    if not isinstance(value, dict):
        _bad(owner, key, value)
        return value
    result = value if isinstance(value, AttribAccessDict) else AttribAccessDict(value)
    for name, item in dict.items(result):
        converted = convert(item)
        if converted is not item:
            dict.__setitem__(result, name, converted)
    return result


def _plain(value: Any) -> Any:
    """A value of an untyped list as plain JSON: objects are ``dict``, arrays ``list``, all the way down.

    A list declared without an item type keeps its items as they were sent, as Mastodon.py does.
    """
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in dict.items(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _wrap_extra(value: dict[str, Any], declared: frozenset[str]) -> None:
    """Give the undeclared fields of an entity made from a plain ``dict`` the decoder's shape.

    Entities built from the plain objects of a fast decoder are copies of them; their declared
    fields are converted by the entity's converter, and this makes the objects inside any other
    field attribute dictionaries too, as :func:`~mastodon.types_base.decode_json` would have.
    """
    for key in value.keys() - declared:
        item = dict.__getitem__(value, key)
        if type(item) is dict or type(item) is list:
            dict.__setitem__(value, key, _lazify(item))


def _bind_dict(value: Any, owner: Any, key: str) -> Any:
    if isinstance(value, dict):
        return _lazify(value)
    _bad(owner, key, value)
    return value


# ---------------------------------------------------------------------------------------------
# Converters compiled once per entity class
# ---------------------------------------------------------------------------------------------

#: Globals shared by the generated converter functions (helpers, classes, other converters).
_GEN: dict[str, Any] = {
    "_AAD": AttribAccessDict,
    "_cs": _set_class,
    "_ID": MaybeSnowflakeIdType,
    "_DT": datetime,
    "_UTC": UTC,
    "_get": dict.get,
    "_bind_get": dict.get.__get__,
    "_snew": str.__new__,
    "_iso": _iso,
    "_prep": _prep,
    "_bad": _bad,
    "_date_slow": _date_slow,
    "_id_slow": _id_slow,
    "_int_slow": _int_slow,
    "_todt": to_datetime,
    "_aware": _aware,
    "_utc": _utc,
    "_bind_dict": _bind_dict,
    "_plain": _plain,
    "_convert_map": _convert_map,
    "_items": _convert_list_items,
    "_identity_": _identity,
    "_extra": _wrap_extra,
}
#: Version of the layout of generated code; a prebuilt module of another layout is not used.
_FORMAT = 3
_NAMES: dict[Any, str] = {}
_ENTITY_HEAD = """def {f}(v):
    if type(v) is _AAD:
        _cs(v, {c})
    elif type(v) is dict:
        v = {c}(v)
        if not v.keys() <= {s}:
            _extra(v, {s})
    elif type(v) is not {c}:
        v = _prep(v, {c})
        if type(v) is not {c}:
            return v
"""
_BLOCKS = {
    "date": """    x = _get(v, {k})
    if x is not None:
        if type(x) is str:
            try:
                d = _iso(x)
            except ValueError:
                v[{k}] = _date_slow(x, {c}, {k})
            else:
                v[{k}] = d if d.tzinfo is not None else _utc(x, d)
        elif type(x) is not _DT:
            v[{k}] = _date_slow(x, {c}, {k})
""",
    "id": """    x = _get(v, {k})
    if x is not None:
        if type(x) is str:
            v[{k}] = _snew(_ID, x)
        elif type(x) is not _ID:
            v[{k}] = _id_slow(x, {c}, {k})
""",
    "int": """    x = _get(v, {k})
    if type(x) is str:
        v[{k}] = _int_slow(x, {c}, {k})
""",
    "float": """    x = _get(v, {k})
    if type(x) is int:
        v[{k}] = float(x)
""",
    "entity": """    x = _get(v, {k})
    if x is not None:
        y = {e}(x)
        if y is not x:
            v[{k}] = y
""",
    "dict": """    x = _get(v, {k})
    if x is not None and type(x) is not _AAD and not isinstance(x, _AAD):
        v[{k}] = _bind_dict(x, {c}, {k})
""",
    "map": """    x = _get(v, {k})
    if x is not None:
        v[{k}] = _convert_map(x, {e}, {c}, {k})
""",
}
_LEAF = """    x = _get(v, {k})
    if type(x) is _AAD:
        _cs(x, {l})
    elif x is not None:
        y = {e}(x)
        if y is not x:
            v[{k}] = y
"""
_LIST_HEAD = """    x = _get(v, {k})
    if x is None:
        pass
    elif type(x) is list:
        if x:
"""
_LIST_TAIL = """            v[{k}] = {n}(x)
        else:
            v[{k}] = {n}()
    elif isinstance(x, list):
        v[{k}] = {n}(_items(x, {e}))
    else:
        _bad({c}, {k}, x)
"""
_LIST_BODIES = {
    None: "",
    "entity": """            if type(x[0]) is dict:
                x = [{e}(i) for i in x]
            else:
                for i in x:
                    if {e}(i) is not i:
                        x = [{e}(i) for i in x]
                        break
""",
    "leaf": """            if type(x[0]) is dict:
                x = [{e}(i) for i in x]
            else:
                for i in x:
                    if type(i) is _AAD:
                        _cs(i, {l})
                    elif {e}(i) is not i:
                        x = [{e}(i) for i in x]
                        break
""",
    "id": "            x = [_snew(_ID, i) if type(i) is str else _id_slow(i, {c}, {k}) for i in x]\n",
    "date": "            x = [_todt(i) for i in x]\n",
    "dict": "            x = [_bind_dict(i, {c}, {k}) for i in x]\n",
    "plain": "            x = [_plain(i) for i in x]\n",
}
#: Entity classes without convertible fields: parents switch their class inline, without a call.
_LEAVES: dict[str, str] = {}
_LIST_ORIGINS = (list, Iterable, typing.Sequence, typing.MutableSequence)


#: The number of the next global of generated code; the prebuilt module says where to continue.
_NEXT = [0]
#: Every global and function source generated in this process, in order (``codegen`` writes the
#: library's own into :mod:`mastodon._converters`).
_EMITTED: list[tuple[str, Any]] = []


def _global(prefix: str, value: Any) -> str:
    name = f"{prefix}{_NEXT[0]}"
    _NEXT[0] += 1
    _GEN[name] = value
    _EMITTED.append((name, value))
    return name


def _compile(source: str) -> None:
    exec(source, _GEN)  # generated from the annotations of entity classes, once per class
    _EMITTED.append(("", source))


_PREBUILT: list[bool] = []


def _load_prebuilt() -> None:
    """Adopt the converters ``codegen/generate.py`` wrote for the library's own entity classes.

    The module and the namespace of code compiled here share their names, so converters compiled
    later (for a user's own entity classes) call the prebuilt ones by name. Without the module,
    or when it was written for another layout, everything is compiled on first use.
    """
    if _PREBUILT:
        return
    _PREBUILT.append(True)
    try:
        from mastodon import _converters as prebuilt
    except ImportError:  # pragma: no cover - the module is part of every release
        return
    if getattr(prebuilt, "FORMAT", None) != _FORMAT or _NAMES:
        return  # pragma: no cover - a stale module, or converters compiled before it was loaded
    vars(prebuilt).update(_GEN)  # the helpers its code calls
    _GEN.update(vars(prebuilt))
    _NAMES.update(prebuilt.NAMES)
    _LEAVES.update(prebuilt.LEAVES)
    _NEXT[0] = prebuilt.NEXT


_NAMESPACES: dict[str, dict[str, Any]] = {}


def _eval_hint(hint: Any, cls: type) -> Any:
    if not isinstance(hint, str):
        return hint
    for fresh in (False, True):  # a class defined after the cached copy was taken needs a fresh one
        namespace = _NAMESPACES.get(cls.__module__)
        if namespace is None or fresh:
            namespace = _NAMESPACES[cls.__module__] = {**vars(typing), **vars(types_base)}
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
        for name, hint in class_annotations(klass).items():
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
    if hint is float:
        return ("float", None)
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
        untyped = not args or args[0] is Any or isinstance(args[0], TypeVar)
        return ("list", (container, ("plain", None) if untyped else _kind(args[0])))
    return None


def _entity_name(cls: type[Entity]) -> str:
    """The name, in :data:`_GEN`, of the compiled converter of ``cls`` (compiling it if needed)."""
    name = _NAMES.get(cls)
    if name is not None:
        return name
    name = _NAMES[cls] = f"_c{len(_NAMES)}_{cls.__name__}"
    klass = _global("_k", cls)
    try:
        fields = _fields_of(cls)
    except Exception:
        log.debug("could not read the fields of %s; it is converted shallowly", cls.__name__, exc_info=True)
        fields = {}
    head = _ENTITY_HEAD.format(f=name, c=klass, s=_global("_f", frozenset(fields)))
    source = [head]
    try:
        int_fields = set(getattr(cls, "_int_fields", ()))
        for key, hint in fields.items():
            kind = ("int", None) if key in int_fields else _kind(hint)
            if kind is not None:
                source.append(_block(kind, _literal(key), klass))
        if len(source) == 1:
            _LEAVES[name] = klass
        elif len(source) > 4:
            # A bound method is cheaper to call than ``dict.get`` with the object as an argument.
            source[1:] = ["    g = _bind_get(v)\n", *(block.replace("_get(v, ", "g(") for block in source[1:])]
        source.append("    return v\n")
        _compile("".join(source))
    except Exception:
        log.debug("could not compile a converter for %s; it is converted shallowly", cls.__name__, exc_info=True)
        _compile(head + "    return v\n")
    return name


def _literal(key: str) -> str:
    """A JSON key as a Python string literal, double-quoted as the project's code is."""
    return json.dumps(key)


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
    return _LIST_HEAD.format(**fields) + _LIST_BODIES[item_kind].format(**fields) + _LIST_TAIL.format(**fields)


def _required(cls: type) -> frozenset[str]:
    optional = {*getattr(cls, "_rename_map", {}).values(), *getattr(cls, "_field_defaults", {})}
    return frozenset(key for key in _fields_of(cls) if key not in optional)


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
    lines = [f"def {name}(v):\n", "    if type(v) is not _AAD and not isinstance(v, dict):\n", "        return v\n"]
    for option in options:
        others = set().union(*(fields[other] for other in options if other is not option))
        required = _required(option)
        marks = sorted(fields[option] - others, key=lambda key: (key not in required, key))[:3]
        if marks:
            test = " or ".join(f"{_literal(mark)} in v" for mark in marks)
            lines.append(f"    if {test}:\n        return {_entity_name(option)}(v)\n")
    # Ties go to the newest class, then to the one named last (``Union[Search, SearchV2]``).
    ranked = [(_required(option), (*_version_key(option), n), _entity_name(option)) for n, option in enumerate(options)]
    lines.append(f"    return _pick(v, {_global('_r', ranked)})(v)\n")
    _compile("".join(lines))
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
        _load_prebuilt()
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
        if type(value) is list:
            if value and type(value[0]) is dict:  # plain objects: each becomes a new one
                return container([convert_item(entry) for entry in value])
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


# ---------------------------------------------------------------------------------------------
# Decoding with orjson (the ``speed`` extra)
# ---------------------------------------------------------------------------------------------

#: The fast decoder, once looked for: ``orjson.loads``, or None.
_FAST: list[Callable[[Any], Any] | None] = []


def fast_loads() -> Callable[[Any], Any] | None:
    """``orjson.loads`` when orjson is installed (``pip install 'mastodon[speed]'``), else None.

    Looked for on first use, so ``import mastodon`` does not pay for it. The environment variable
    ``MASTODON_NO_ORJSON=1`` keeps the standard library's decoder in use.
    """
    if not _FAST:
        loads = None
        if not os.environ.get("MASTODON_NO_ORJSON"):
            try:
                import orjson
            except ImportError:
                pass
            else:
                loads = orjson.loads
        _FAST.append(loads)
    return _FAST[0]


def use_fast_decoder(enabled: bool | None) -> None:
    """Choose the decoder: orjson (True; it must be installed), the standard library's (False),
    or whichever :func:`fast_loads` finds (None)."""
    _FAST.clear()
    if enabled:
        import orjson

        _FAST.append(orjson.loads)
    elif enabled is not None:
        _FAST.append(None)


_PLAIN_CONVERTERS: dict[Any, Converter] = {}


def _plain_safe(hint: Any) -> bool:
    """Whether the converter of ``hint`` turns every object of a plain-``dict`` tree into an
    attribute dictionary by itself (entities, lists and unions of them, maps of them, dicts)."""
    if isinstance(hint, str):
        hint = resolve_type(hint)
    if _is_entity(hint):
        return True
    options = _options(hint)
    if options is not None:
        return all(_plain_safe(option) for option in options)
    kind = _kind(hint)
    if kind is None:
        return False
    if kind[0] == "list":
        item = kind[1][1]
        return item is not None and item[0] == "entity"
    return kind[0] in ("map", "dict")


def _plain_converter_for(hint: Any) -> Converter:
    """The converter of ``hint`` for a tree of plain ``dict`` and ``list`` (as orjson makes them)."""
    try:
        return _PLAIN_CONVERTERS[hint]
    except (KeyError, TypeError):
        pass
    convert = converter_for(hint)
    try:
        safe = _plain_safe(hint)
    except Exception:
        safe = False
    if not safe:
        typed = convert

        def convert(value: Any) -> Any:
            return typed(_lazify(value))

    with contextlib.suppress(TypeError):
        _PLAIN_CONVERTERS[hint] = convert
    return convert


def decode_for(body: bytes | str, hint: Any) -> tuple[Any, Converter]:
    """Decode a body whose value is to be converted to ``hint``: the decoded value and its converter.

    With orjson the value is made of plain ``dict`` and ``list`` and the converter builds the
    result classes from them; otherwise every object is already an :class:`AttribAccessDict` (see
    :func:`~mastodon.types_base.decode_json`). Either way the converted result is the same. A body
    orjson refuses (``NaN``, integers beyond 64 bits, lone surrogates, a byte order mark, another
    encoding than UTF-8) is decoded by the standard library, as without orjson.

    Raises:
        ValueError: The body is not JSON, as :func:`~mastodon.types_base.decode_json` raises it.
    """
    loads = fast_loads()
    if loads is not None:
        try:
            return loads(body), _plain_converter_for(hint)
        except ValueError:
            pass
    return types_base.decode_json(body), converter_for(hint)


def try_cast(t: Any, value: Any, retry: bool = True) -> Any:
    """Convert one value to type ``t``; a value that does not fit is returned unchanged."""
    return converter_for(t)(value)


def try_cast_recurse(t: Any, value: Any) -> Any:
    """Convert a decoded JSON value (and everything inside it) to type ``t``."""
    return converter_for(t)(value)
