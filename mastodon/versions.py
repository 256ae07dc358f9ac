"""Server version strings and the ``@api_version`` decorator.

Servers report versions in many shapes: ``4.3.0``, ``4.4.0-beta.2``, ``4.2.1+glitch``,
``2.7.2 (compatible; Pleroma 2.5.0)``, ``1.0.5+3.5.2`` (Hometown), ``0.17.3+git-8e3c1d7``
(GoToSocial), ``0.0.1.0``. :func:`parse_version_string` reduces any of them to a
``(major, minor, patch)`` tuple and never raises.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Protocol, TypeVar, cast

from mastodon.errors import MastodonVersionError

__all__ = ["MastodonVersionError", "api_version", "max_version", "parse_version_string"]

_NUMBER = re.compile(r"\d{1,9}")
# Text after "+" counts as a version only if it looks like one (digits, a dot, digits), so
# commit hashes and build dates that happen to start with a digit are not mistaken for it.
# Compiled by ``re`` on first use: few servers report such a version.
_DOTTED = r"\d{1,9}\.\d{1,9}(?:\.\d{1,9})?(?:[^\d.]|$)"
_FALLBACK = (1, 0, 0)

F = TypeVar("F", bound=Callable[..., Any])


class VersionedClient(Protocol):
    """What the version check needs from a client."""

    version_check_mode: str
    _mastodon_version_str: str | None

    def _server_version_tuple(self) -> tuple[int, int, int]: ...


def _parse_plain(text: str) -> tuple[int, int, int] | None:
    """Read ``major.minor.patch`` from the start of ``text``; missing parts count as 0."""
    parts: list[int] = []
    for piece in text.strip().split(".")[:3]:
        match = _NUMBER.match(piece)
        if match is None:
            break
        parts.append(int(match.group()))
    if not parts:
        return None
    while len(parts) < 3:
        parts.append(0)
    return parts[0], parts[1], parts[2]


def read_version_string(version_string: Any) -> tuple[int, int, int] | None:
    """Like :func:`parse_version_string`, but ``None`` when the string holds no version at all.

    Other software reports versions such as ``takahe/0.11.0``; such a string says nothing about
    which Mastodon API the server offers, and callers can tell it apart from a real 1.0.0.
    """
    if not isinstance(version_string, str):
        return None
    text = version_string.strip().split(" ", 1)[0] if version_string.strip() else ""
    base, _, extra = text.partition("+")
    if extra and re.match(_DOTTED, extra):
        upstream = _parse_plain(extra)
        if upstream is not None and upstream[0] >= 1:
            return upstream
    return _parse_plain(base)


def parse_version_string(version_string: Any) -> tuple[int, int, int]:
    """Reduce a server's version string to ``(major, minor, patch)``.

    Anything after the first space is ignored (Pleroma and friends append a description). In a
    ``base+extra`` string the part after ``+`` wins when it is itself a version of 1.0 or later
    (Hometown puts the Mastodon version there); otherwise the part before it does (glitch-soc,
    GoToSocial build metadata). Strings that hold no version at all give ``(1, 0, 0)``.

    Args:
        version_string: The version as the server reported it.

    Returns:
        A tuple of three integers.
    """
    return read_version_string(version_string) or _FALLBACK


def max_version(*version_strings: str | None) -> str:
    """The highest of several version strings (``None`` entries are skipped)."""
    best = "1.0.0"
    best_parsed = parse_version_string(best)
    for candidate in version_strings:
        if candidate is None:
            continue
        parsed = parse_version_string(candidate)
        if parsed > best_parsed:
            best, best_parsed = candidate, parsed
    return best


def _version_note(created: str, last_changed: str) -> str:
    return f"*Added: Mastodon v{created}, last changed: Mastodon v{last_changed}*"


def _entity_version(annotation: Any) -> str | None:
    """The newest ``_version`` among the entity classes a return annotation names."""
    if annotation is None:
        return None
    if isinstance(annotation, str):
        from mastodon import return_types

        names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", annotation)
        versions = [getattr(getattr(return_types, name, None), "_version", None) for name in names]
    else:
        versions = [getattr(annotation, "_version", None)]
        versions += [getattr(arg, "_version", None) for arg in getattr(annotation, "__args__", ())]
    found = [version for version in versions if isinstance(version, str)]
    return max_version(*found) if found else None


def _append_note(doc: str, note: str) -> str:
    """Append ``note`` as a last paragraph, indented like the rest of the docstring."""
    lines = doc.expandtabs().splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    pad = " " * (min(indents) if indents else 0)
    return doc.rstrip() + "\n\n" + pad + note + "\n"


#: Version strings of the decorator already parsed: about 280 methods share a few dozen.
_PARSED: dict[str, tuple[int, int, int]] = {}


def _parsed(version: str) -> tuple[int, int, int]:
    parsed = _PARSED.get(version)
    if parsed is None:
        parsed = _PARSED[version] = parse_version_string(version)
    return parsed


def api_version(created: str, last_changed: str | None = None) -> Callable[[F], F]:
    """Mark an endpoint method with the Mastodon versions that added and last changed it.

    The note is appended to the docstring. When the client's ``version_check_mode`` is
    ``"created"``, calling the method on an older server raises :class:`MastodonVersionError`;
    in ``"changed"`` mode the last-changed version (or that of the returned entity, when newer)
    is the bar. In ``"none"`` mode (the default) nothing is checked and nothing is fetched.
    """
    changed = last_changed or created
    created_parsed = _parsed(created)

    def decorate_method(function: F) -> F:
        changed_bar: list[str] = []  # worked out on first use: annotations are strings until then

        def changed_version() -> str:
            if not changed_bar:
                changed_bar.append(max_version(changed, _entity_version(function.__annotations__.get("return"))))
            return changed_bar[0]

        def check(func: Callable[..., Any], self: VersionedClient, *args: Any, **kwargs: Any) -> Any:
            mode = self.version_check_mode
            if mode != "none":
                needed_text = created if mode == "created" else changed_version()
                needed = created_parsed if mode == "created" else parse_version_string(needed_text)
                have = self._server_version_tuple()
                # A version string that holds no version (other software's name, say) tells
                # nothing about the API, so it is no reason to refuse; the server decides.
                if have < needed and read_version_string(self._mastodon_version_str) is not None:
                    raise MastodonVersionError(
                        f"{func.__name__} needs Mastodon {needed_text} or later; "
                        f"the server reports {'.'.join(map(str, have))}"
                    )
            return func(self, *args, **kwargs)

        function.__doc__ = _append_note(function.__doc__ or "", _version_note(created, changed))

        # The arguments pass through as given; binding them to the signature on every call would
        # cost more than the call itself. Wrong arguments still raise TypeError, from the method.
        # ``functools.wraps`` keeps the name, the documentation and, through ``__wrapped__``, the
        # signature that ``inspect.signature`` and the documentation show.
        @functools.wraps(function)
        def wrapped(self: VersionedClient, *args: Any, **kwargs: Any) -> Any:
            return check(function, self, *args, **kwargs)

        wrapped._api_version = (created, changed)  # type: ignore[attr-defined]
        return cast(F, wrapped)

    return decorate_method


def unchecked(method: F) -> F:
    """The body of a version-checked method, for a caller whose own check has already run."""
    body: F = getattr(method, "__wrapped__", method)
    return body
