"""Every API error is built by MastodonAPIError.build, so each has the classic args and attributes."""

from __future__ import annotations

import ast
from pathlib import Path

import mastodon.errors as errors_module
from mastodon.errors import MastodonAPIError

PACKAGE = Path(__file__).resolve().parents[2] / "mastodon"

# The API error classes, by name: calling any of them directly outside errors.py bypasses build().
API_ERRORS = {
    name
    for name, value in vars(errors_module).items()
    if isinstance(value, type) and issubclass(value, MastodonAPIError)
}


def direct_constructions(source: str) -> list[str]:
    """The API error classes that ``source`` calls directly (``build`` calls do not count)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in API_ERRORS:
                found.append(name)
    return found


def test_the_guard_sees_a_direct_construction() -> None:
    assert direct_constructions('raise MastodonAPIError("boom")') == ["MastodonAPIError"]
    assert direct_constructions("raise errors.MastodonNotFoundError('x')") == ["MastodonNotFoundError"]
    assert direct_constructions("raise MastodonAPIError.build(404, 'Not Found', 'x')") == []


def test_no_module_builds_an_api_error_by_hand() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): calls
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "errors.py" and (calls := direct_constructions(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"use MastodonAPIError.build(...) instead: {offenders}"
