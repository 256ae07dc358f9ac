"""Sphinx configuration. The API pages are generated from the client class on every build,
so no public method can be left out of the documentation."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import mastodon  # noqa: E402
from mastodon.client import Mastodon  # noqa: E402

project = "mastodon"
author = "The mastodon developers"
copyright = "2026, The mastodon developers"
release = mastodon.__version__
version = ".".join(release.split(".")[:2])

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.intersphinx", "sphinx.ext.viewcode"]
napoleon_google_docstring = True
napoleon_numpy_docstring = False
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"show-inheritance": False}
intersphinx_mapping: dict[str, tuple[str, None]] = {}
html_theme = "alabaster"
html_static_path: list[str] = []
exclude_patterns = ["_build"]
suppress_warnings = ["ref.python"]


def _area_of(cls: type) -> str:
    return cls.__module__.rsplit(".", 1)[-1]


def write_api_pages() -> None:
    """One page per API area (mixin), listing every public method it defines."""
    out = HERE / "api"
    out.mkdir(exist_ok=True)
    areas = []
    for mixin in Mastodon.__mro__[1:]:
        if not mixin.__module__.startswith("mastodon.methods.") or mixin.__name__ == "MethodsBase":
            continue
        names = [
            name
            for name, value in vars(mixin).items()
            if not name.startswith("_") and (inspect.isfunction(value) or isinstance(value, staticmethod))
        ]
        if not names:
            continue
        area = _area_of(mixin)
        doc = (inspect.getdoc(mixin) or area).splitlines()[0]
        title = area.replace("_", " ").capitalize()
        lines = [title, "=" * len(title), "", doc, "", ".. currentmodule:: mastodon", ""]
        for name in names:
            lines += [f".. automethod:: Mastodon.{name}", ""]
        (out / f"{area}.rst").write_text("\n".join(lines), encoding="utf-8")
        areas.append(area)
    index = [
        "API reference",
        "=============",
        "",
        "Every public method of :class:`mastodon.Mastodon`, by area.",
        "",
        ".. toctree::",
        "   :maxdepth: 1",
        "",
    ]
    index += [f"   {area}" for area in areas]
    (out / "index.rst").write_text("\n".join(index) + "\n", encoding="utf-8")
    # Pages of areas that no longer exist (a module split or renamed) would be built as orphans.
    for page in out.glob("*.rst"):
        if page.stem != "index" and page.stem not in areas:
            page.unlink()


write_api_pages()
