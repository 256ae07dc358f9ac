"""The test run itself is set up as documented: the package's warnings fail tests, and coverage sees every line."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from mastodon.errors import MastodonDeprecationWarning

ROOT = Path(__file__).resolve().parents[2]
#: The tests of the request path, which must run with the "mastodon" logger at DEBUG and off.
REQUEST_TESTS = ("tests/unit/test_request.py", "tests/unit/test_retries.py", "tests/methods/")


def test_deprecation_warnings_of_the_package_fail_tests() -> None:
    with pytest.raises(MastodonDeprecationWarning):
        warnings.warn("gone soon", MastodonDeprecationWarning, stacklevel=1)


def test_coverage_counts_the_lines_run_at_import(tmp_path: Path) -> None:
    """Nothing imports mastodon before pytest-cov starts, so class and function definitions count as run."""
    report = tmp_path / "coverage.json"
    target = f"{Path(__file__).relative_to(ROOT)}::test_deprecation_warnings_of_the_package_fail_tests"
    # A measurement of its own: nothing inherited from a coverage run this test may be part of.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COV_CORE_", "COVERAGE_"))}
    env["COVERAGE_FILE"] = str(tmp_path / ".coverage")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", "--cov=mastodon",
         f"--cov-report=json:{report}", target],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    files = json.loads(report.read_text())["files"]
    # The generated entity classes are almost all definitions, run once at import.
    entities = files[os.path.join("mastodon", "return_types.py")]["summary"]["percent_covered"]
    assert entities > 90, f"mastodon/return_types.py {entities:.0f}% covered: the package was imported before coverage"


def _pytest_command(line: str) -> str:
    """The pytest part of a shell line, without the interpreter path in front of it."""
    return line[line.index("-m pytest") :].strip()


def test_ci_runs_the_documented_test_command_with_a_coverage_floor() -> None:
    readme = [line for line in (ROOT / "README.rst").read_text().splitlines() if "-m pytest" in line]
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if "-m pytest" in line]
    assert len(readme) == 1, readme
    assert len(ci) == 1, ci
    assert _pytest_command(ci[0]) == _pytest_command(readme[0])
    assert "--cov=mastodon" in readme[0]
    assert "--cov-fail-under=" in readme[0]


@pytest.mark.parametrize("mastodon_logging", ["debug", "off"], indirect=True)
def test_logging_ways_set_the_mastodon_logger(mastodon_logging: str) -> None:
    enabled = logging.getLogger("mastodon").isEnabledFor(logging.DEBUG)
    assert enabled is (mastodon_logging == "debug")


def test_request_tests_run_with_logging_on_and_off() -> None:
    """Every test of the request path runs once with DEBUG logging and once with logging off."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *REQUEST_TESTS],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stdout + listed.stderr
    ids = [line for line in listed.stdout.splitlines() if "::" in line]
    assert len(ids) > 500
    by_way: dict[str, set[str]] = {"debug": set(), "off": set()}
    for test_id in ids:
        ways = [way for way in by_way if re.search(rf"[\[-]{way}[-\]]", test_id)]
        assert len(ways) == 1, f"{test_id} does not run one logging way"
        by_way[ways[0]].add(re.sub(rf"(?<=[\[-]){ways[0]}(?=[-\]])", "", test_id, count=1))
    assert by_way["debug"] == by_way["off"]
