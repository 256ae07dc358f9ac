"""Compare the entity spec with the entity classes of Mastodon.py 2.3.3.

Usage::

    python codegen/compare_reference.py PATH/TO/mastodon/return_types.py

The reference module is read as text (parsed, never imported or run). For every class both sides
have, each field's type is compared after both are written the spec's way (``Optional`` dropped:
nullability is a separate fact). Prints one line per difference and exits 1 when there is any.
Fields or classes only one side has are listed too; they are information, not failures, since
the spec may know newer Mastodon fields. A renamed field counts under its JSON key and under its
attribute name (the reference's ``_rename_map``), so an attribute name the spec does not offer is
a difference.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "codegen" / "entities.json"

_ATOMS = {
    "str": "str", "int": "int", "float": "float", "bool": "bool", "datetime": "datetime", "Any": "any",
    "IdType": "id", "MaybeSnowflakeIdType": "id", "AttribAccessDict": "dict", "dict": "dict",
    "PaginationInfo": "PaginationInfo",
}  # fmt: skip


def canonical(node: ast.expr) -> str:
    """A reference annotation written in the spec's type language."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return canonical(ast.parse(node.value, mode="eval").body)
    if isinstance(node, ast.Name):
        if node.id in ("NonPaginatableList", "PaginatableList", "List", "list"):
            return "list[any]"
        return _ATOMS.get(node.id, node.id)
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        base = node.value.id
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional":
            return canonical(args[0])
        if base == "Union":
            return "|".join(canonical(arg) for arg in args)
        if base in ("NonPaginatableList", "PaginatableList", "List", "list"):
            return f"list[{canonical(args[0])}]"
        if base in ("AttribAccessDict", "Dict", "dict") and len(args) == 2:
            return f"map[{canonical(args[1])}]"
    raise ValueError(f"cannot read the annotation {ast.unparse(node)}")


def reference_fields(path: Path) -> dict[str, dict[str, str]]:
    """Class name -> JSON key -> canonical type, for every class of the reference module."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        renames: dict[str, str] = {}
        fields: dict[str, str] = {}
        for item in node.body:
            if isinstance(item, ast.Assign) and any(getattr(t, "id", "") == "_rename_map" for t in item.targets):
                renames = ast.literal_eval(item.value)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                fields[item.target.id] = canonical(item.annotation)
        # A renamed field is read under both names there: the JSON key and the attribute name,
        # which is a key of the result too. Both must exist here.
        found[node.name] = {renames.get(name, name): kind for name, kind in fields.items()}
        found[node.name].update({name: fields[name] for name in renames if name in fields})
    return found


def spec_fields(path: Path = SPEC) -> dict[str, dict[str, str]]:
    """Class name -> key -> spec type; a field with a ``python_name`` is listed under both names."""
    spec = json.loads(path.read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for entity in spec["entities"]:
        fields = found[entity["name"]] = {}
        for field in entity["fields"]:
            fields[field["name"]] = field["type"]
            if field.get("python_name"):
                fields[field["python_name"]] = field["type"]
    return found


#: Differences kept on purpose, with the reason.
ACCEPTED = {
    "FilterResult.filter": "the reference declares Filter|FilterV2 but builds a Filter every time (its first choice "
    "accepts any object); the spec declares what it builds",
}
_PRIMITIVES = ("str", "int", "float", "bool", "id")


def _same(ours: str, theirs: str) -> bool:
    if ours == theirs:
        return True
    # IDs are str subclasses: where the reference keeps a plain str, an ID is still one.
    if (ours, theirs) == ("id", "str") or (ours, theirs) == ("list[id]", "list[str]"):
        return True
    # A plain list of the reference holds the JSON values as they came, as a typed list of them does.
    if theirs == "list[any]" and ours[5:-1] in _PRIMITIVES:
        return True
    # A reference union that ends in a plain dict falls back to it; the spec leaves that implied.
    head, _, last = theirs.rpartition("|")
    return last == "dict" and ours == head


def compare(reference: dict[str, dict[str, str]], ours: dict[str, dict[str, str]]) -> tuple[list[str], list[str]]:
    """(differences in type, notes on fields or classes one side lacks)."""
    differences: list[str] = []
    notes: list[str] = []
    for name in sorted(set(reference) - set(ours)):
        if reference[name]:
            differences.append(f"{name}: class missing from the spec")
    for name in sorted(set(ours) - set(reference)):
        notes.append(f"{name}: class not in the reference")
    for name in sorted(set(reference) & set(ours)):
        theirs, mine = reference[name], ours[name]
        for key in sorted(set(theirs) | set(mine)):
            if f"{name}.{key}" in ACCEPTED:
                notes.append(f"{name}.{key}: kept apart ({ACCEPTED[f'{name}.{key}']})")
            elif key not in mine:
                differences.append(f"{name}.{key}: missing from the spec (reference: {theirs[key]})")
            elif key not in theirs:
                notes.append(f"{name}.{key}: not in the reference")
            elif not _same(mine[key], theirs[key]):
                differences.append(f"{name}.{key}: spec {mine[key]}, reference {theirs[key]}")
    return differences, notes


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    differences, notes = compare(reference_fields(Path(argv[0])), spec_fields())
    for line in notes:
        print("note:", line)
    for line in differences:
        print("DIFF:", line)
    print(f"{len(differences)} differences, {len(notes)} notes")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
