"""Typed user programs pass ``mypy --strict`` against the package as users install it.

The package is built twice from a copy of this checkout, as an editable install and as a wheel, and
each is installed into a fresh virtual environment. mypy then checks the scripts in tests/typing/ against
that environment only, from a directory outside the checkout, so nothing is found by accident.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPING = ROOT / "tests" / "typing"

#: Programs written against the published annotations, which mypy --strict must accept.
USER_SCRIPTS = ("user_bot.py", "user_bot_extras.py", "ok_usage.py")

_LEFT_OUT = shutil.ignore_patterns(
    ".git",
    ".venv*",
    ".ci-venv",
    ".tox",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*_cache",
    ".hypothesis",
    "_build",
)
_BUILD = """
import sys
from setuptools import build_meta
wheel_dir, editable_dir = sys.argv[1:]
del sys.argv[1:]  # setuptools reads the command line as its own
build_meta.build_wheel(wheel_dir)
build_meta.build_editable(editable_dir)
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def installs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Python interpreters of two fresh environments: one with an editable install, one with the wheel."""
    # Built from a copy, so that no build folder of the checkout can add stale files to the wheel.
    source = tmp_path_factory.mktemp("source") / "mastodon"
    shutil.copytree(ROOT, source, ignore=_LEFT_OUT)
    dist = {kind: tmp_path_factory.mktemp(kind) for kind in ("wheel", "editable")}
    built = _run([sys.executable, "-c", _BUILD, str(dist["wheel"]), str(dist["editable"])], source)
    assert built.returncode == 0, built.stdout + built.stderr
    pythons = {}
    for kind, folder in dist.items():
        (wheel,) = folder.glob("*.whl")
        env = tmp_path_factory.mktemp(f"venv-{kind}")
        venv.create(env, with_pip=False)
        python = env / ("Scripts" if sys.platform == "win32" else "bin") / "python"
        installed = _run(
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
             str(wheel)],
            ROOT,
        )  # fmt: skip
        assert installed.returncode == 0, installed.stdout + installed.stderr
        pythons[kind] = python
    return pythons


def _mypy(python: Path, script: str, work: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(TYPING / script, work / script)
    return _run(
        [sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python), "--no-error-summary",
         "--cache-dir", str(work / f".mypy-cache-{python.parent.parent.name}"), script],
        work,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["editable", "wheel"])
def test_user_scripts_type_check(kind: str, installs: dict[str, Path], tmp_path: Path) -> None:
    for script in USER_SCRIPTS:
        result = _mypy(installs[kind], script, tmp_path)
        assert result.returncode == 0, f"{script} against the {kind} install:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("kind", ["editable", "wheel"])
def test_mypy_sees_the_installed_types(kind: str, installs: dict[str, Path], tmp_path: Path) -> None:
    """A misspelt attribute is an error, so the passes above are not the package missing or typed as Any."""
    result = _mypy(installs[kind], "bad_attribute.py", tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert '"Status" has no attribute "acount"' in result.stdout, result.stdout
