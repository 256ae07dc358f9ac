"""mypy accepts correct use of the entity classes and rejects a misspelt attribute."""

from __future__ import annotations

from pathlib import Path

from tests._mypy import TYPING, run_mypy


def test_correct_use_type_checks(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "ok_usage.py", mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelt_attribute_is_an_error(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "bad_attribute.py", mypy_cache)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"Status" has no attribute "acount"' in result.stdout


def test_paging_and_restoring_keep_the_result_type(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "ok_pagination.py", mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_misspelt_fields_on_paged_and_restored_results_are_errors(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "bad_pagination.py", mypy_cache)
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
