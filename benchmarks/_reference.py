"""Mastodon.py 2.3.3, the library this project succeeds, measured beside it with ``--reference``.

Its package is also called ``mastodon``, so it cannot share this interpreter: it is installed
in a virtual environment of its own under the system's temporary folder (made once, then
reused) and measured there by ``_reference_driver.py``, which takes the same figures with the
same code (:mod:`benchmarks._measure`) against the same fake server.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["REQUIREMENT", "VERSION", "prepare", "run_round"]

VERSION = "2.3.3"
REQUIREMENT = f"Mastodon.py=={VERSION}"
DRIVER = Path(__file__).with_name("_reference_driver.py")
RESULT = "@@figures@@ "


def _python_of(folder: Path) -> Path:
    unix = folder / "bin" / "python"
    return unix if unix.exists() or sys.platform != "win32" else folder / "Scripts" / "python.exe"


def _version_in(python: Path) -> str | None:
    probe = "import importlib.metadata as m; print(m.version('Mastodon.py'))"
    try:
        done = subprocess.run([str(python), "-I", "-c", probe], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def prepare(say: Callable[[str], None], folder: Path | None = None) -> Path | None:
    """The interpreter of a virtual environment holding Mastodon.py 2.3.3, made if needed.

    Args:
        say: Where progress and the reason for giving up go.
        folder: Where the environment lives (default: a folder in the system's temp dir).

    Returns:
        The environment's ``python``, or ``None`` when it could not be made or pip could not
        install the release (no network, no such release): the run then goes on without it.
    """
    folder = folder or Path(tempfile.gettempdir()) / f"mastodon-benchmarks-reference-{VERSION}"
    python = _python_of(folder)
    if python.exists() and _version_in(python) == VERSION:
        return python
    say(f"installing {REQUIREMENT} into {folder} ...")
    try:
        made = subprocess.run(
            [sys.executable, "-m", "venv", "--clear", str(folder)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if made.returncode != 0:
            say(f"skipping Mastodon.py {VERSION}: could not make a virtual environment: {made.stderr.strip()[-300:]}")
            return None
        python = _python_of(folder)
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", REQUIREMENT],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        say(f"skipping Mastodon.py {VERSION}: {error}")
        return None
    if installed.returncode != 0 or _version_in(python) != VERSION:
        last = (installed.stderr.strip().splitlines() or ["no message"])[-1]
        say(f"skipping Mastodon.py {VERSION}: pip could not install it ({last[:300]})")
        return None
    return python


def run_round(python: Path, plan: dict[str, Any], timeout: float = 1800.0) -> dict[str, float]:
    """Run the driver once in the reference's interpreter; its figures for this round.

    Args:
        python: From :func:`prepare`.
        plan: ``url``, ``token``, ``calls`` (timeline pages to time), ``fetch`` (statuses the
            server's timeline holds now) and ``memory`` (also take the peak memory).

    Raises:
        RuntimeError: The driver failed, or imported something other than the reference.
    """
    done = subprocess.run(
        [str(python), "-I", str(DRIVER), json.dumps(plan)], capture_output=True, text=True, timeout=timeout, check=False
    )
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT):
            found = json.loads(line[len(RESULT) :])
            if found.get("version") != VERSION:
                raise RuntimeError(f"the driver measured mastodon {found.get('version')!r}, not {VERSION}")
            figures: dict[str, float] = found["figures"]
            return figures
    raise RuntimeError(f"the reference's driver failed: {done.stderr.strip()[-1500:]}")
