"""The package as users get it: ``python -m build`` makes an sdist and a wheel, and the wheel
installs into a fresh virtual environment and works there.

The build runs on a copy of the source tree, so the working tree is left as it was. The fresh
environment gets the wheel alone (``--no-deps``); its dependencies come from this interpreter's
site-packages, added through a ``.pth`` file.
"""

from __future__ import annotations

import email
import importlib.util
import json
import os
import re
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 300.0

_LEFT_OUT = shutil.ignore_patterns(
    ".git",
    ".venv*",
    ".ci-venv",
    ".tox",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "_build",
    "results",
    "*.secret",
)


def source_version() -> str:
    text = (ROOT / "mastodon" / "_version.py").read_text(encoding="utf-8")
    found = re.search(r"""__version__\s*=\s*["']([^"']+)["']""", text)
    assert found is not None
    return found.group(1)


def quiet_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def check(args: list[str], cwd: Path, timeout: float = 120.0) -> str:
    done = subprocess.run(args, cwd=cwd, env=quiet_env(), capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(sdist, wheel) built from a copy of the source tree."""
    if importlib.util.find_spec("build") is None:
        pytest.fail("the 'build' package is missing; the test extra brings it: pip install -e '.[test]'")
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_LEFT_OUT)
    out = work / "dist"
    check([sys.executable, "-m", "build", "--outdir", str(out), str(source)], work, BUILD_TIMEOUT)
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    assert len(sdists) == 1
    assert len(wheels) == 1
    return sdists[0], wheels[0]


def wheel_metadata(wheel: Path) -> tuple[list[str], Message]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta_name = next(name for name in names if name.endswith(".dist-info/METADATA"))
        return names, email.message_from_bytes(archive.read(meta_name))


def test_wheel_contents_and_metadata(built: tuple[Path, Path]) -> None:
    _, wheel = built
    version = source_version()
    assert wheel.name == f"mastodon-{version}-py3-none-any.whl"
    names, meta = wheel_metadata(wheel)
    for needed in ("py.typed", "__init__.py", "__main__.py", "_cli.py", "_demo.py", "return_types.py"):
        assert f"mastodon/{needed}" in names
    assert "mastodon/methods/statuses.py" in names
    assert "mastodon/_http/request.py" in names
    assert {name.split("/")[0] for name in names} == {"mastodon", f"mastodon-{version}.dist-info"}

    assert meta["Name"] == "mastodon"
    assert meta["Version"] == version
    assert meta["Requires-Python"] == ">=3.11"
    required = [value for value in meta.get_all("Requires-Dist", []) if "extra ==" not in value]
    assert sorted(re.split(r"[<>=!~ ;]", value)[0].lower() for value in required) == [
        "decorator",
        "python-dateutil",
        "requests",
    ]
    extras = set(meta.get_all("Provides-Extra", []))
    assert {"demo", "server", "test", "websocket", "webpush", "blurhash", "grapheme", "magic"} <= extras
    assert "Typing :: Typed" in meta.get_all("Classifier", [])
    assert meta["Description-Content-Type"] == "text/x-rst"
    assert "A Python client for the" in str(meta.get_payload())


def test_sdist_contents(built: tuple[Path, Path]) -> None:
    sdist, _ = built
    version = source_version()
    assert sdist.name == f"mastodon-{version}.tar.gz"
    top = f"mastodon-{version}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        pkg_info = archive.extractfile(f"{top}/PKG-INFO")
        assert pkg_info is not None
        meta = email.message_from_bytes(pkg_info.read())
    for needed in ("pyproject.toml", "README.rst", "LICENSE", "mastodon/py.typed", "mastodon/__main__.py"):
        assert f"{top}/{needed}" in names
    assert meta["Version"] == version


def test_wheel_installs_and_works_in_a_fresh_venv(built: tuple[Path, Path], tmp_path: Path) -> None:
    _, wheel = built
    venv = tmp_path / "venv"
    check([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path)
    python = venv / "bin" / "python"
    check(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        tmp_path,
    )
    fresh_site = Path(
        check([str(python), "-I", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).strip()
    )
    # The dependencies (requests, ...) come from this interpreter's environment; the lines of a
    # .pth file only extend sys.path, so the development checkout's own .pth files are not read.
    (fresh_site / "zz_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")

    probe = (
        "import importlib.metadata, json, pathlib, mastodon\n"
        "from mastodon import Mastodon\n"
        "here = pathlib.Path(mastodon.__file__).parent\n"
        "print(json.dumps({'file': str(here), 'version': mastodon.__version__,"
        " 'dist': importlib.metadata.version('mastodon'), 'typed': (here / 'py.typed').is_file(),"
        " 'client': Mastodon.__name__, 'status_post': hasattr(Mastodon, 'status_post')}))\n"
    )
    found = json.loads(check([str(python), "-I", "-c", probe], tmp_path))
    assert Path(found["file"]).is_relative_to(fresh_site)
    assert found["version"] == found["dist"] == source_version()
    assert found["typed"] is True
    assert (found["client"], found["status_post"]) == ("Mastodon", True)

    assert check([str(python), "-I", "-m", "mastodon", "--version"], tmp_path).strip() == f"mastodon {source_version()}"
