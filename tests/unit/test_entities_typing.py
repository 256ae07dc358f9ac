"""mypy accepts correct use of the entity classes and rejects a misspelt attribute."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPING = ROOT / "tests" / "typing"


def run_mypy(path: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--no-error-summary",
         "--cache-dir", str(cache), str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def test_correct_use_type_checks(cache: Path) -> None:
    result = run_mypy(TYPING / "ok_usage.py", cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelt_attribute_is_an_error(cache: Path) -> None:
    result = run_mypy(TYPING / "bad_attribute.py", cache)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"Status" has no attribute "acount"' in result.stdout


def test_paging_and_restoring_keep_the_result_type(cache: Path) -> None:
    result = run_mypy(TYPING / "ok_pagination.py", cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelt_fields_on_paged_and_restored_results_are_errors(cache: Path) -> None:
    result = run_mypy(TYPING / "bad_pagination.py", cache)
    assert result.returncode == 1, result.stdout + result.stderr
    for expected in (
        ':12: error: "Status" has no attribute "acount"',
        ':16: error: "Status" has no attribute "contnet"',
        ':20: error: "Status" has no attribute "spoiler"',
        ':24: error: "Status" has no attribute "acount"',
        ':28: error: Argument 1 to "len" has incompatible type "PaginatableList[Status] | None"',
    ):
        assert expected in result.stdout, result.stdout
    assert result.stdout.count("error:") == 5, result.stdout
