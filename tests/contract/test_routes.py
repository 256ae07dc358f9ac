"""The route table: every live endpoint of an area in scope has a method or a reason it has none.

The table is built by ``codegen/routes.py`` from the package's source and
``tests/data/endpoints.json``; the areas in scope and the waivers are in ``tests/data/routes.py``.
"""

from __future__ import annotations

import pathlib
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

import mastodon

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "codegen"))
try:
    import routes
finally:
    sys.path.remove(str(ROOT / "codegen"))

TABLE = routes.route_table()
SCOPE, WAIVED = routes.load_waivers()


def _in_scope() -> list[dict[str, Any]]:
    return [row for row in TABLE if row["area"] in SCOPE]


def test_every_endpoint_in_scope_has_a_method_or_a_waiver() -> None:
    missing = [f"{row['id']} ({row['area']})" for row in _in_scope() if not row["methods"] and not row["waived"]]
    assert not missing, "endpoints with no method and no waiver in tests/data/routes.py:\n" + "\n".join(missing)


def test_no_waiver_for_an_endpoint_that_has_a_method() -> None:
    stale = [f"{row['id']}: {', '.join(row['methods'])}" for row in TABLE if row["waived"] and row["methods"]]
    assert not stale, "take these off WAIVED, a method calls them now:\n" + "\n".join(stale)


def test_waivers_and_scope_name_known_endpoints_and_areas() -> None:
    ids = {row["id"] for row in TABLE}
    areas = {row["area"] for row in TABLE}
    assert not sorted(set(WAIVED) - ids)
    assert not sorted(SCOPE - areas)
    assert all(reason.strip() for reason in WAIVED.values())


def test_every_method_in_the_table_is_a_method_of_the_client() -> None:
    named = {name for row in TABLE for name in row["methods"]}
    assert named
    assert not sorted(name for name in named if not callable(getattr(mastodon.Mastodon, name, None)))


def test_the_table_has_one_row_per_endpoint() -> None:
    ids = [row["id"] for row in TABLE]
    assert len(ids) == len(set(ids))
    assert all(row["id"] == f"{row['method']} {row['path']}" for row in TABLE)


# -- the reading of the source, on small packages written for the purpose ---------------------


@pytest.fixture
def package(tmp_path: pathlib.Path) -> Iterator[pathlib.Path]:
    yield tmp_path


def _write(package: pathlib.Path, name: str, source: str) -> None:
    (package / name).write_text(textwrap.dedent(source), encoding="utf-8")


def test_scan_reads_verbs_paths_and_local_variables(package: pathlib.Path) -> None:
    _write(
        package,
        "area.py",
        """
        PATH = "/api/v1/constant"

        class Area:
            def constant(self):
                return self._call("PUT", PATH, dict)

            def thing(self, id):
                return self._call("GET", f"/api/v1/things/{id}/", dict)

            def post_thing(self, new):
                path = "/api/v2/things" if new else "/api/v1/things"
                return self._call("POST", path, dict)

            def _helper(self):
                return self._call("DELETE", "/api/v1/things/all?x=1", dict)

            def clear(self):
                return self._helper()

            def url(self):
                return self.base + "/oauth/authorize"
        """,
    )
    found = routes.scan(package)
    assert found == {
        "constant": {("PUT", "/api/v1/constant")},
        "thing": {("GET", "/api/v1/things/{}")},
        "post_thing": {("POST", "/api/v2/things"), ("POST", "/api/v1/things")},
        "clear": {("DELETE", "/api/v1/things/all")},
        "url": {(None, "/oauth/authorize")},
    }


def test_private_helpers_of_other_modules_pass_nothing_on(package: pathlib.Path) -> None:
    _write(package, "base.py", 'def _discover(self):\n    return self._call("GET", "/api/v2/instance", dict)\n')
    _write(
        package,
        "area.py",
        'def things(self):\n    self._discover()\n    return self._call("GET", "/api/v1/things", list)\n',
    )
    assert routes.scan(package) == {"things": {("GET", "/api/v1/things")}}


def test_normalize_makes_placeholders_alike() -> None:
    assert routes.normalize("/api/v1/accounts/:id/note/") == "/api/v1/accounts/{}/note"
    assert routes.normalize("/api/v1/polls/{poll_id}/votes?x=1") == "/api/v1/polls/{}/votes"
