"""Every public method of the client is documented on a page of the API reference."""

from __future__ import annotations

import pathlib
import re

from mastodon import Mastodon

DOCS = pathlib.Path(__file__).resolve().parent.parent.parent / "docs"


def _documented() -> set[str]:
    names: set[str] = set()
    for page in (DOCS / "api").glob("*.rst"):
        names |= set(re.findall(r"automethod:: Mastodon\.(\w+)", page.read_text(encoding="utf-8")))
    client = (DOCS / "client.rst").read_text(encoding="utf-8")
    for members in re.findall(r":members: (.+)", client):
        names |= {name.strip() for name in members.split(",")}
    return names


def _public() -> set[str]:
    return {
        name
        for name in dir(Mastodon)
        if not name.startswith("_")
        and callable(getattr(Mastodon, name))
        and not isinstance(getattr(Mastodon, name), type)
    }


def test_every_public_method_has_its_entry() -> None:
    missing = sorted(_public() - _documented())
    assert not missing, "add an automethod line to the page of its area in docs/api/: " + ", ".join(missing)


def test_no_entry_for_a_method_that_does_not_exist() -> None:
    assert not sorted(_documented() - _public())
