"""Record what Mastodon.py 2.3.3 does for every row of the call table.

The reference's package is also called ``mastodon``, so it can never share an environment with
this project. This script creates (or, with ``--reuse``, keeps) a side venv holding
``Mastodon.py==2.3.3`` and ``responses`` from PyPI, runs every row of ``tests/data/calls.py``
there through ``tests/contract/replay.py``, and writes ``tests/data/reference_calls.json``.

    python codegen/record_reference.py                      # fresh venv in $TMPDIR
    python codegen/record_reference.py --reuse              # keep an existing venv
    python codegen/record_reference.py --venv /path --reuse --only status_post

The recording is committed: the contract test replays it without the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import venv
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
CONTRACT = ROOT / "tests" / "contract"
OUTPUT = DATA / "reference_calls.json"
REFERENCE = "Mastodon.py==2.3.3"

sys.path.insert(0, str(DATA))
import calls  # noqa: E402  (pure data and the standard library; not the package)

# What the replay needs: responses, and websocket-client, which the reference's
# ``websocket-streaming`` extra names (without it stream_open_websocket only raises
# NotImplementedError). The other optional extras stay out, as in a plain install.
TOOLS = ["responses", "websocket-client>=1.0.0"]

# Runs inside the side venv, from a directory outside the project so that ``mastodon`` is the
# reference's package. Prints one JSON line per row.
_DRIVER = """
import json, sys, warnings
warnings.simplefilter("ignore")
import calls, replay
import mastodon
assert "site-packages" in mastodon.__file__, mastodon.__file__
only = set(sys.argv[1:])
for row in calls.build_rows():
    if only and row["method"] not in only and row["id"] not in only:
        continue
    answers = calls.concrete_answers(row["answers"])
    outcome = replay.replay({**row, "answers": answers})
    outcome["answers"] = answers
    print(json.dumps({"row": row, "reference": outcome}, ensure_ascii=False), flush=True)
"""


def ensure_venv(path: pathlib.Path, reuse: bool) -> pathlib.Path:
    """The side venv's interpreter, creating the venv unless it is reused."""
    python = path / "bin" / "python"
    if reuse and python.exists():
        return python
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    subprocess.run([str(python), "-m", "pip", "install", "-q", REFERENCE, *TOOLS], check=True)
    return python


def record(python: pathlib.Path, only: list[str]) -> list[dict[str, Any]]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(DATA), str(CONTRACT)])
    env["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run(
            [str(python), "-c", _DRIVER, *only], cwd=cwd, env=env, check=True, capture_output=True, text=True
        )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def write(rows: list[dict[str, Any]], path: pathlib.Path) -> None:
    """One row per line, so that a change to one row is a one-line diff.

    Many rows share the server's answers and return the same shape; each distinct answer and
    result description is stored once under a short digest, and rows name it.
    """
    tables: dict[str, dict[str, Any]] = {"answers": {}, "results": {}}

    def stored(value: Any, table: str) -> str:
        text = json.dumps(value, sort_keys=True)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        tables[table][digest] = value
        return digest

    for row in rows:
        reference = row["reference"]
        if isinstance(reference.get("result"), dict):
            reference["result"] = stored(reference["result"], "results")
        reference["answers"] = {
            route: [stored(a, "answers") for a in answer] if isinstance(answer, list) else stored(answer, "answers")
            for route, answer in reference["answers"].items()
        }
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]
    header = {
        "note": (
            "What Mastodon.py 2.3.3 (MIT) sent and returned for each row of tests/data/calls.py "
            "against canned answers. Written by codegen/record_reference.py; do not edit."
        ),
        "reference": REFERENCE,
    }
    text = "{\n" + f' "about": {json.dumps(header, sort_keys=True)},\n "rows": [\n  '
    text += ",\n  ".join(lines) + "\n ]"
    for name, table in tables.items():
        text += f',\n "{name}": {{\n  '
        text += ",\n  ".join(f"{json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in sorted(table.items()))
        text += "\n }"
    text += "\n}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--venv", type=pathlib.Path, default=pathlib.Path(tempfile.gettempdir()) / "mastodon-reference-venv"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the side venv if it exists")
    parser.add_argument("--only", nargs="*", default=[], help="rows or methods to record (merged in)")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT)
    options = parser.parse_args(argv)
    python = ensure_venv(options.venv, options.reuse)
    rows = record(python, options.only)
    if options.only and options.output.exists():
        fresh = {r["row"]["id"]: r for r in rows}
        old = calls.load_recording(options.output)
        merged = [fresh.pop(r["row"]["id"], r) for r in old]
        rows = merged + list(fresh.values())
    write(rows, options.output)
    print(f"{len(rows)} rows written to {options.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
