"""The route table: which method of ``Mastodon`` calls each live endpoint of the Mastodon API.

The endpoints are the rows of ``tests/data/endpoints.json`` (verb, path, area, status and the
release that added them, for the REST and OAuth endpoints of Mastodon 4.6 that a server still
answers). Which method calls which endpoint is read from the package's source, so the table can
never claim a route that no code sends:

* a call whose first two arguments are a verb and a path (``self._call("GET", f"/api/v1/x/{id}")``)
  gives that verb and path; a path held in a local variable first (``path = a if new else b``) is
  followed to the strings assigned to it;
* any other API path written in a function counts for every verb of that path, unless the same
  path is also called with a verb somewhere;
* private helpers (``_name``) pass their routes on to the public methods of the same module that
  use them (so the version discovery of ``_base.py`` is not counted as a route of every method);
* a computed segment (``{}``) stands for a placeholder, and for a fixed segment only where no
  endpoint of that verb has the computed form (``/api/v1/timelines/{}`` covers ``home``, but
  ``/api/v1/accounts/{}`` does not cover ``lookup``).

Only ``mastodon/methods/`` is read: every endpoint method lives there.

Endpoints that no method calls are either waived, with the reason, in ``tests/data/routes.py``
or listed as not there yet. ``tests/contract/test_routes.py`` holds the areas in scope to this.

    python codegen/routes.py                      # print the table
    python codegen/routes.py --missing            # only the endpoints with neither method nor waiver
    python codegen/routes.py --import-spec FILE   # rewrite tests/data/endpoints.json from the spec
"""

from __future__ import annotations

import argparse
import ast
import json
import pathlib
import re
import sys
from dataclasses import dataclass, field
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mastodon" / "methods"
ENDPOINTS = ROOT / "tests" / "data" / "endpoints.json"
WAIVERS = ROOT / "tests" / "data" / "routes.py"

VERBS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
#: Statuses of the spec rows that a server still answers.
LIVE = frozenset({"current", "deprecated", "experimental", "undocumented"})
#: Spec areas that are not part of the REST API a client calls.
NOT_REST = frozenset({"web_internal", "streaming"})
_PATH_START = re.compile(r"^/(api/v[12]|api/v1_alpha|oauth|\.well-known|api/oembed|nodeinfo|health)")


def normalize(path: str) -> str:
    """``path`` with every placeholder (``{id}``, ``:id``) as ``{}`` and no query or end slash."""
    path = re.sub(r"\{[^}]*\}|:[A-Za-z_]+", "{}", path.split("?", maxsplit=1)[0])
    return path.rstrip("/") or "/"


def _text(node: ast.AST) -> str | None:
    """The text of a string, f-string or sum of strings, with ``{}`` for what is computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left if left is not None else "{}") + (right if right is not None else "{}")
    return None


def _paths_in(node: ast.AST) -> set[str]:
    """Every API path written anywhere inside ``node``."""
    found: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, (ast.Constant, ast.JoinedStr, ast.BinOp)):
            text = _text(inner)
            if text and _PATH_START.match(text):
                found.add(normalize(text))
    return found


@dataclass
class _Function:
    pairs: set[tuple[str, str]] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)


def _read_function(node: ast.FunctionDef | ast.AsyncFunctionDef, constants: dict[str, set[str]]) -> _Function:
    found = _Function()
    assigned: dict[str, set[str]] = {name: set(paths) for name, paths in constants.items()}
    for inner in ast.walk(node):
        if isinstance(inner, ast.Assign):
            for target in inner.targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                for name in names:
                    if isinstance(name, ast.Name):
                        assigned.setdefault(name.id, set()).update(_paths_in(inner.value))
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and len(inner.args) >= 2:
            verb = _text(inner.args[0])
            if verb in VERBS:
                target = inner.args[1]
                if isinstance(target, ast.Name):
                    found.pairs.update((verb, path) for path in assigned.get(target.id, ()))
                else:
                    text = _text(target)
                    if text and _PATH_START.match(text):
                        found.pairs.add((verb, normalize(text)))
        if isinstance(inner, ast.Name):
            found.uses.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.uses.add(inner.attr)
    found.paths = _paths_in(node) - {path for _, path in found.pairs}
    return found


def scan(package: pathlib.Path = PACKAGE) -> dict[str, set[tuple[str | None, str]]]:
    """For each public function or method of the package, the (verb, path) pairs it calls.

    A verb of ``None`` stands for a path written without a verb that could be read.
    """
    files: list[dict[str, _Function]] = []
    for file in sorted(package.rglob("*.py")):
        functions: dict[str, _Function] = {}
        tree = ast.parse(file.read_text(encoding="utf-8"))
        constants = {
            target.id: _paths_in(statement.value)
            for statement in tree.body
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name) and _paths_in(statement.value)
        }
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                read = _read_function(node, constants)
                known = functions.setdefault(node.name, _Function())
                known.pairs |= read.pairs
                known.paths |= read.paths
                known.uses |= read.uses
        files.append(functions)
    verbed = {path for functions in files for function in functions.values() for _, path in function.pairs}

    def routes_of(functions: dict[str, _Function], name: str, seen: set[str]) -> set[tuple[str | None, str]]:
        function = functions[name]
        routes: set[tuple[str | None, str]] = set(function.pairs)
        routes |= {(None, path) for path in function.paths if path not in verbed}
        for used in function.uses - seen:
            if used.startswith("_") and not used.startswith("__") and used in functions:
                routes |= routes_of(functions, used, seen | {used})
        return routes

    table: dict[str, set[tuple[str | None, str]]] = {}
    for functions in files:
        for name in functions:
            if not name.startswith("_"):
                routes = routes_of(functions, name, {name})
                if routes:
                    table.setdefault(name, set()).update(routes)
    return table


def _pattern(code_path: str) -> re.Pattern[str]:
    # A computed part of a path in the code may stand for a placeholder or a fixed segment.
    return re.compile("^" + re.escape(code_path).replace(re.escape("{}"), r"[^/]+") + "$")


def load_endpoints() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ENDPOINTS.read_text(encoding="utf-8"))["endpoints"]
    return rows


def load_waivers() -> tuple[frozenset[str], dict[str, str]]:
    """The areas held to the table and the waived endpoints with their reasons."""
    namespace: dict[str, Any] = {}
    exec(compile(WAIVERS.read_text(encoding="utf-8"), str(WAIVERS), "exec"), namespace)
    return frozenset(namespace["SCOPE"]), dict(namespace["WAIVED"])


def route_table(package: pathlib.Path = PACKAGE) -> list[dict[str, Any]]:
    """Each endpoint row with ``methods`` (the public names that call it) and ``waived`` (a reason or None)."""
    calls = scan(package)
    endpoints = load_endpoints()
    exact = {(row["method"], normalize(row["path"])) for row in endpoints}

    def matches(verb: str | None, code_path: str, row_verb: str, row_path: str) -> bool:
        if verb is not None and verb != row_verb:
            return False
        if code_path == row_path:
            return True
        verbs = [row_verb] if verb is None else [verb]
        if any((v, code_path) in exact for v in verbs):
            return False
        return _pattern(code_path).match(row_path) is not None

    _, waived = load_waivers()
    table = []
    for row in endpoints:
        path = normalize(row["path"])
        methods = sorted(
            name for name, routes in calls.items() if any(matches(v, p, row["method"], path) for v, p in routes)
        )
        table.append({**row, "methods": methods, "waived": waived.get(row["id"])})
    return table


def import_spec(spec: pathlib.Path) -> None:
    """Rewrite ``tests/data/endpoints.json`` from the spec's endpoint file (facts only)."""
    rows = json.loads(spec.read_text(encoding="utf-8"))["endpoints"]
    kept = [
        {
            "id": row["id"],
            "method": row["method"],
            "path": row["path"],
            "area": row["area"],
            "status": row["status"],
            "added_in": row["added_in"],
        }
        for row in rows
        if row["status"] in LIVE and row["area"] not in NOT_REST
    ]
    about = (
        "The REST and OAuth endpoints of Mastodon 4.6 that a server answers (status current, deprecated, "
        "experimental or undocumented), from the Mastodon documentation and the server's route list. "
        "Rewritten by python codegen/routes.py --import-spec FILE."
    )
    ENDPOINTS.write_text(json.dumps({"about": about, "endpoints": kept}, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="only endpoints with no method and no waiver")
    parser.add_argument("--import-spec", type=pathlib.Path, metavar="FILE", help="rewrite tests/data/endpoints.json")
    options = parser.parse_args(argv)
    if options.import_spec:
        import_spec(options.import_spec)
        return 0
    table = route_table()
    for row in table:
        if options.missing and (row["methods"] or row["waived"]):
            continue
        what = ", ".join(row["methods"]) or (f"waived: {row['waived']}" if row["waived"] else "-")
        print(f"{row['method']:6} {row['path']:60} {row['area']:18} {what}")
    covered = sum(1 for row in table if row["methods"])
    print(f"{covered} of {len(table)} endpoints called", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
