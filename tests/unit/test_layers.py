"""Layers only look down: no module imports from a layer above its own, typing-only imports included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "mastodon"

#: From the bottom up. A module may import from its own layer and the ones listed before it.
LAYERS: list[tuple[str, ...]] = [
    # Pure building blocks: errors, versions and URL rules, entity classes and their conversion,
    # feature flags.
    ("errors", "_version", "_server", "types_base", "_convert", "_converters", "return_types", "compat"),
    # One request end to end, and the stream readers' machinery.
    ("_http",),
    # Version checks, credential files, and the reading of what a server publishes about itself.
    ("versions", "_credentials", "capabilities"),
    # Listeners and stream handles (the methods that open streams import them), catch-up, and
    # the diagnosis of a server's streaming.
    (
        "streaming",
        "_stream_handles",
        "_stream_settings",
        "streaming_websocket",
        "_ws_handshake",
        "_stream_catchup",
        "_stream_gap",
        "_stream_diagnose",
    ),
    # The endpoint mixins.
    ("methods",),
    # The client class made of the mixins.
    ("client",),
    # Entry points and legacy paths.
    ("Mastodon", "__init__", "__main__", "_cli", "_demo"),
]


def _layer_of(module: str) -> int:
    """The layer of a module given by its dotted name inside the package."""
    top = module.split(".", 1)[0]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"mastodon.{module} belongs to no layer: add it to LAYERS")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every module of the package that ``path`` imports, wherever the import stands."""
    found: set[str] = set()
    package_parts = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "mastodon" or alias.name.startswith("mastodon."):
                    found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                target = ".".join(["mastodon", *base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == "mastodon":
                # ``from mastodon import x``: x is a submodule or a name of the package itself.
                for alias in node.names:
                    found.add(
                        f"mastodon.{alias.name}"
                        if (PACKAGE / alias.name).exists() or (PACKAGE / f"{alias.name}.py").exists()
                        else "mastodon.__init__"
                    )
            elif target.startswith("mastodon."):
                found.add(target)
    return {name.removeprefix("mastodon.") for name in found if name != "mastodon"}


def _modules() -> list[tuple[str, Path]]:
    return [(_module_name(path), path) for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_imports_from_a_layer_above() -> None:
    violations = []
    for module, path in _modules():
        own = _layer_of(module)
        for target in sorted(_imports(path, module)):
            if _layer_of(target) > own:
                violations.append(f"mastodon.{module} imports mastodon.{target}")
    assert violations == [], "\n".join(violations)


def test_every_module_has_a_layer() -> None:
    for module, _ in _modules():
        _layer_of(module)


@pytest.mark.parametrize(
    ("source", "module", "expected"),
    [
        ("from mastodon.methods._base import MethodsBase", "_http.request", {"methods._base"}),
        ("if TYPE_CHECKING:\n    from mastodon.client import Mastodon", "_http.request", {"client"}),
        ("def f():\n    import mastodon.streaming", "_http.sse", {"streaming"}),
        ("from ..methods import _base", "_http.request", {"methods"}),
        ("from mastodon import client", "_http.request", {"client"}),
    ],
)
def test_the_guard_sees_every_form_of_import(tmp_path: Path, source: str, module: str, expected: set[str]) -> None:
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    found = _imports(path, module)
    assert found == expected
    assert any(_layer_of(name) > _layer_of(module) for name in found)
