"""Running mypy --strict on the user scripts in tests/typing/, for the tests that check typing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPING = ROOT / "tests" / "typing"


def run_mypy(path: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict on one file against the package in this checkout, with a reusable cache."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
         "--cache-dir", str(cache), str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
