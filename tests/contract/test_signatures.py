"""Signature snapshot against the reference client, and documentation of every public method.

Rules (the same as the project's parity check): for every reference method that exists on our
class, the reference parameters come first, in the same order, with the same names and defaults
(a required reference parameter may gain a default); extra parameters follow, each with a default.
The reference methods implemented so far are listed in tests/data/implemented_methods.json: a listed
method that disappears fails, and so does an implemented one that is not listed yet. The rest are
counted, not failed, while their areas are written.
"""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path
from typing import Any

import pytest

from mastodon import Mastodon

REFERENCE: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent.parent / "data" / "reference_signatures.json").read_text()
)["methods"]
BY_NAME = {entry["name"]: entry for entry in REFERENCE}
IMPLEMENTED_FILE = Path(__file__).parent.parent / "data" / "implemented_methods.json"
IMPLEMENTED: list[str] = json.loads(IMPLEMENTED_FILE.read_text())["methods"]
PRESENT = [BY_NAME[name] for name in IMPLEMENTED if name in BY_NAME]
MISSING = [entry["name"] for entry in REFERENCE if entry["name"] not in IMPLEMENTED]


def reference_params(signature: str) -> list[tuple[str, str | None]]:
    tree = ast.parse(f"def f{signature}: pass").body[0]
    assert isinstance(tree, ast.FunctionDef)
    args = tree.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = [(a.arg, ast.unparse(d) if d is not None else None) for a, d in zip(positional, defaults, strict=True)]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        params.append((arg.arg, ast.unparse(default) if default is not None else None))
    return params


def incompatibility(func: Any, signature: str) -> str | None:
    params = [p for p in inspect.signature(func).parameters.values() if p.name not in ("self", "cls")]
    wanted = reference_params(signature)
    for index, (name, default) in enumerate(wanted):
        if index >= len(params):
            return f"missing parameter {name!r}"
        got = params[index]
        if got.kind in (got.VAR_POSITIONAL, got.VAR_KEYWORD):
            return f"parameter {index + 1} is *{got.name}, expected {name!r}"
        if got.name != name:
            return f"parameter {index + 1} is {got.name!r}, expected {name!r}"
        if default is None:
            continue
        if got.default is got.empty:
            return f"{name!r} has no default, expected {default}"
        if ast.literal_eval(default) != got.default:
            return f"{name!r} defaults to {got.default!r}, expected {default}"
    for extra in params[len(wanted) :]:
        if extra.kind not in (extra.VAR_POSITIONAL, extra.VAR_KEYWORD) and extra.default is extra.empty:
            return f"extra parameter {extra.name!r} has no default"
    return None


def test_reference_data_is_complete() -> None:
    assert len(REFERENCE) == 288
    assert len(BY_NAME) == len(REFERENCE)


def test_implemented_list_is_sorted_and_names_reference_methods() -> None:
    assert sorted(set(IMPLEMENTED)) == IMPLEMENTED, f"keep {IMPLEMENTED_FILE.name} sorted and without duplicates"
    unknown = [name for name in IMPLEMENTED if name not in BY_NAME]
    assert not unknown, f"{IMPLEMENTED_FILE.name} lists names the reference does not have: {unknown}"


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_implemented_method_is_still_there(name: str) -> None:
    assert callable(getattr(Mastodon, name, None)), (
        f"Mastodon.{name} is listed in {IMPLEMENTED_FILE.name} but is gone; restore it (removing a method "
        "breaks code written for the reference)"
    )


def test_every_implemented_method_is_listed() -> None:
    unlisted = [name for name in MISSING if callable(getattr(Mastodon, name, None))]
    assert not unlisted, f"add these newly implemented methods to tests/data/{IMPLEMENTED_FILE.name}: {unlisted}"


@pytest.mark.parametrize("entry", PRESENT, ids=[entry["name"] for entry in PRESENT])
def test_signature_matches_the_reference(entry: dict[str, Any]) -> None:
    assert incompatibility(getattr(Mastodon, entry["name"]), entry["signature"]) is None


def test_static_methods_stay_static() -> None:
    for entry in PRESENT:
        if entry.get("static"):
            assert isinstance(inspect.getattr_static(Mastodon, entry["name"]), staticmethod), entry["name"]


def test_missing_methods_are_counted(capsys: pytest.CaptureFixture[str]) -> None:
    """Not a failure while areas are being built: the count is printed for the record."""
    with capsys.disabled():
        print(f"\nreference methods present: {len(PRESENT)}/{len(REFERENCE)}; missing: {len(MISSING)}")
    assert len(PRESENT) + len(MISSING) == len(REFERENCE)


def test_the_rules_catch_incompatible_signatures() -> None:
    def renamed(self: object, ident: str) -> None: ...
    def reordered(self: object, b: int = 1, a: int = 0) -> None: ...
    def new_default(self: object, a: int = 5) -> None: ...
    def extra_required(self: object, a: int, b: int) -> None: ...
    def fine(self: object, a: int, b: int = 2, c: int | None = None) -> None: ...

    assert incompatibility(renamed, "(id)") is not None
    assert incompatibility(reordered, "(a=0, b=1)") is not None
    assert incompatibility(new_default, "(a=0)") is not None
    assert incompatibility(extra_required, "(a)") is not None
    assert incompatibility(fine, "(a, b=2)") is None


# -- every public method is documented, typed and (when it calls the server) versioned ---------------------------


def _public_methods() -> list[str]:
    names = []
    for name in dir(Mastodon):
        if name.startswith("_"):
            continue
        if callable(inspect.getattr_static(Mastodon, name)) or isinstance(
            inspect.getattr_static(Mastodon, name), (staticmethod, classmethod)
        ):
            names.append(name)
    return sorted(names)


PUBLIC = _public_methods()


@pytest.mark.parametrize("name", PUBLIC)
def test_public_method_has_docstring_and_return_annotation(name: str) -> None:
    func = getattr(Mastodon, name)
    assert inspect.getdoc(func), f"{name} has no docstring"
    assert "return" in getattr(func, "__annotations__", {}), f"{name} has no return annotation"


@pytest.mark.parametrize("name", [name for name in PUBLIC if name in BY_NAME])
def test_request_methods_carry_their_api_version(name: str) -> None:
    entry = BY_NAME[name]
    func = getattr(Mastodon, name)
    if entry["min_mastodon_version"] is None:
        # The reference has no version mark on it (it sends no request, or is version-independent
        # like create_app and log_in).
        return
    assert hasattr(func, "_api_version"), f"{name} sends a request but has no @api_version"
    created, changed = func._api_version
    assert created == entry["min_mastodon_version"]
    assert changed == (entry["last_changed_version"] or entry["min_mastodon_version"])
    assert created in (inspect.getdoc(func) or "")
