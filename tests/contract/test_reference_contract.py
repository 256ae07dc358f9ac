"""Every recorded call of Mastodon.py 2.3.3, replayed against this project.

For each row of ``tests/data/reference_calls.json`` our client makes the same call against the
same canned answer and must send the same requests, return the same classes (two levels deep)
and raise the same exception class. Known gaps live in ``reference_differences.py``.

Run as a script to print the current differences per row (``--table`` prints them in the form
of the ``OPEN`` table; ``--update`` rewrites ``MISSING`` and ``OPEN`` from what is true now, to
be read through before committing)::

    python tests/contract/test_reference_contract.py [--table | --update] [row-or-method ...]
"""

from __future__ import annotations

import pathlib
import re
import sys
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
for _path in (HERE, HERE.parent / "data"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import calls  # noqa: E402
import pytest  # noqa: E402
import reference_differences as differences  # noqa: E402
import replay  # noqa: E402

import mastodon  # noqa: E402

RECORDING = calls.load_recording()
REFERENCE_METHODS = calls.METHOD_NAMES


def _has(name: str) -> bool:
    return name == "__init__" or callable(getattr(mastodon.Mastodon, name, None))


def compare(row: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    """What differs between the reference's record of a row and our replay of it."""
    ref = differences.apply_deliberate_row(row["row"]["id"], row["reference"])
    found: list[str] = []
    ref_requests = [differences.apply_deliberate(r) for r in ref["requests"]]
    theirs_sent = ", ".join(r["verb"] + " " + r["path"] for r in ref_requests) or "nothing"
    ours_sent = ", ".join(r["verb"] + " " + r["path"] for r in ours["requests"]) or "nothing"
    if theirs_sent != ours_sent:
        found.append(f"requests: reference {theirs_sent}; ours {ours_sent}")
    else:
        for theirs, mine in zip(ref_requests, ours["requests"], strict=True):
            for key in sorted(set(theirs) | set(mine)):
                if theirs.get(key) != mine.get(key):
                    found.append(
                        f"{mine['verb']} {mine['path']} {key}: reference {theirs.get(key)!r}; ours {mine.get(key)!r}"
                    )
    ref_error = ref.get("error", {}).get("class")
    our_error = ours.get("error", {}).get("class")
    if our_error in differences.ERROR_SUBCLASSES:
        our_error = differences.ERROR_SUBCLASSES[our_error]["parent"]
    if ref_error != our_error:
        found.append(
            f"error: reference {ref_error or 'none'}; ours {our_error or 'none'}"
            + (f" ({ours['error']['message'][:120]})" if our_error else "")
        )
    elif ref_error is None and "result" in ref:  # no result when only the reference refused
        theirs, mine = ref.get("result", {}), ours.get("result", {})
        kept = {
            path: tuple(kinds)
            for value in differences.DELIBERATE_VALUES
            if row["row"]["id"] in value["rows"] or row["row"]["method"] in value.get("methods", ())
            for path, kinds in value["paths"].items()
        }
        for path in sorted(set(theirs) | set(mine)):
            if kept.get(path) == (theirs.get(path, "absent"), mine.get(path, "absent")):
                continue
            # A field the reference does not declare raises there when read; ours reads None.
            # Code written for the reference never relies on that error, so it is no difference.
            if path not in theirs and mine[path] == "None":
                continue
            if theirs.get(path) != mine.get(path):
                found.append(f"result {path}: reference {theirs.get(path, 'absent')}; ours {mine.get(path, 'absent')}")
        if ref.get("value") != ours.get("value"):
            found.append(f"value: reference {ref.get('value')!r}; ours {ours.get('value')!r}")
    return found


def summarize(found: list[str]) -> str:
    """One line for a row's differences, grouped by kind, for the OPEN table."""
    absent: list[str] = []
    classes: list[str] = []
    parts: list[str] = []
    for line in found:
        result = re.fullmatch(r"result (\S+): reference (.+); ours (.+)", line)
        field = re.fullmatch(r"(\S+ \S+) (\w+): reference .*", line, flags=re.S)
        if result and result[2] == "None" and result[3] == "absent":
            absent.append(result[1].rsplit(".", 1)[-1])
        elif result:
            classes.append(f"{result[1].replace('[0]', '')} {result[2]}/{result[3]}")
        elif field:
            parts.append(f"{field[1]} {field[2]} differs")
        elif line.startswith("error:"):
            parts.append(line.split(" (", 1)[0])
        else:
            parts.append(line if len(line) < 160 else line[:157] + "...")
    if classes:
        parts.append("classes reference/ours: " + ", ".join(classes[:3]) + (" ..." if len(classes) > 3 else ""))
    if absent:
        names = sorted(set(absent))
        parts.append("declared fields left out, not None: " + ", ".join(names[:3]) + (" ..." if len(names) > 3 else ""))
    return "; ".join(parts)


def test_recording_matches_call_table() -> None:
    recorded = [{k: r["row"][k] for k in sorted(r["row"])} for r in RECORDING]
    table = [{k: r[k] for k in sorted(r)} for r in calls.build_rows()]
    assert recorded == table, "tests/data/calls.py changed: run codegen/record_reference.py"


def test_every_reference_method_is_called() -> None:
    assert len(REFERENCE_METHODS) == 288
    assert {r["row"]["method"] for r in RECORDING} == set(REFERENCE_METHODS)


def test_missing_list_is_current() -> None:
    missing = [name for name in REFERENCE_METHODS if not _has(name)]
    stale = sorted(set(differences.MISSING) - set(missing))
    unlisted = sorted(set(missing) - set(differences.MISSING))
    assert not stale, f"these methods exist now; take them off MISSING: {stale}"
    assert not unlisted, f"these reference methods are missing and not listed in MISSING: {unlisted}"


def test_open_differences_name_recorded_rows() -> None:
    ids = {r["row"]["id"] for r in RECORDING}
    assert not sorted(set(differences.OPEN) - ids)
    assert not sorted(set(differences.DELIBERATE_ROWS) - ids)
    assert not set(differences.OPEN) & set(differences.DELIBERATE_ROWS)
    assert not sorted({row for value in differences.DELIBERATE_VALUES for row in value["rows"]} - ids)


def test_coverage_page_is_current() -> None:
    root = HERE.parent.parent
    sys.path.insert(0, str(root / "codegen"))
    try:
        import coverage_page
    finally:
        sys.path.remove(str(root / "codegen"))
    assert coverage_page.main(["--check"]) == 0, "run python codegen/coverage_page.py"


def test_docs_give_the_true_method_count() -> None:
    present = sum(1 for name in REFERENCE_METHODS if _has(name))
    claim = f"{present} of the {len(REFERENCE_METHODS)}"
    for page in ("README.rst", "docs/index.rst", "docs/migrating.rst"):
        text = " ".join((HERE.parent.parent / page).read_text(encoding="utf-8").split())
        assert claim in text, f"{page} must say '{claim}' reference methods are offered"


def test_deliberate_differences_are_documented() -> None:
    text = (HERE.parent.parent / "docs" / "migrating.rst").read_text(encoding="utf-8")
    for difference in [
        *differences.DELIBERATE,
        *differences.DELIBERATE_ROWS.values(),
        *differences.DELIBERATE_VALUES,
        *differences.ERROR_SUBCLASSES.values(),
    ]:
        assert difference["what"] in " ".join(text.split()), difference["what"]


_ROWS = [r for r in RECORDING if r["row"]["method"] not in differences.MISSING]


@pytest.mark.parametrize("recorded", _ROWS, ids=[r["row"]["id"] for r in _ROWS])
def test_row(recorded: dict[str, Any]) -> None:
    row = recorded["row"]
    ours = replay.replay({**row, "answers": recorded["reference"]["answers"]})
    found = compare(recorded, ours)
    if row["id"] in differences.OPEN:
        assert found, f"{row['id']} now matches the reference: take it off OPEN"
    else:
        assert not found, "\n".join(found)


def current_differences(wanted: set[str] | None = None) -> dict[str, list[str]]:
    """Row id -> differences, for every replayed row that differs today."""
    out: dict[str, list[str]] = {}
    for recorded in _ROWS:
        row = recorded["row"]
        if wanted and row["id"] not in wanted and row["method"] not in wanted:
            continue
        found = compare(recorded, replay.replay({**row, "answers": recorded["reference"]["answers"]}))
        if found:
            out[row["id"]] = found
    return out


def _rewrite(text: str, name: str, body: str) -> str:
    """``text`` with the assignment of table ``name`` (on one line or many) replaced by ``body``."""
    start = text.index(f"{name}: ")
    line_end = text.index("\n", start)
    if text[start:line_end].rstrip().endswith(("{}", "[]")):
        end = line_end
    else:
        end = text.index("\n}\n" if name == "OPEN" else "\n]\n", start) + 2
    return text[:start] + body + text[end:]


def update_tables() -> None:
    """Rewrite MISSING and OPEN in reference_differences.py from what is true today."""
    path = HERE / "reference_differences.py"
    text = path.read_text(encoding="utf-8")
    missing = [name for name in REFERENCE_METHODS if not _has(name)]
    body = "MISSING: list[str] = [\n" + "".join(f"    {name!r},\n" for name in missing) + "]"
    text = _rewrite(text, "MISSING", body.replace("'", '"'))
    differences.MISSING[:] = missing
    _ROWS[:] = [r for r in RECORDING if r["row"]["method"] not in missing]
    found = current_differences()
    lines = "".join(f"    {row_id!r}: {summarize(d)!r},\n" for row_id, d in found.items())
    text = _rewrite(text, "OPEN", "OPEN: dict[str, str] = {\n" + lines + "}" if lines else "OPEN: dict[str, str] = {}")
    path.write_text(text, encoding="utf-8")
    print(f"{len(missing)} missing methods, {len(found)} open rows", file=sys.stderr)


def main(argv: list[str]) -> int:
    if "--update" in argv:
        update_tables()
        return 0
    table = "--table" in argv
    wanted = {a for a in argv if not a.startswith("--")}
    for row_id, found in current_differences(wanted).items():
        if table:
            print(f"    {row_id!r}: {summarize(found)!r},")
        else:
            print(row_id)
            for line in found:
                print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
