"""The shortcuts through the internals of requests and urllib3: contained, switchable, verified."""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import requests
import urllib3
from requests.cookies import RequestsCookieJar
from requests.models import PreparedRequest

from mastodon._http import fastpaths

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "mastodon"

#: Private names of requests, urllib3 and http.client objects that only the adapter may use.
PRIVATE_NAMES = frozenset(
    {
        "_content",
        "_content_consumed",
        "_cookies",
        "_store",
        "_fp",
        "_fp_bytes_read",
        "_connection",
        "_has_decoded_content",
        "_original_response",
        "_pool",
        "_decoder",
        "_body",
    }
)

#: The unit tests of requests and streams, run again with the shortcuts off.
SUITES = [
    "tests/unit/test_request.py",
    "tests/unit/test_session.py",
    "tests/unit/test_retries.py",
    "tests/unit/test_odd_answers.py",
    "tests/unit/test_sse.py",
    "tests/unit/test_streaming_handle.py",
    "tests/unit/test_streaming_listener.py",
    "tests/unit/test_transport.py",
]


def _private_uses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        name = None
        if isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        ):
            name = node.attr
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
        if name in PRIVATE_NAMES:
            found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}: {name}")
    return found


def test_only_the_adapter_touches_private_internals() -> None:
    adapter = PACKAGE / "_http" / "fastpaths.py"
    uses = [use for path in sorted(PACKAGE.rglob("*.py")) if path != adapter for use in _private_uses(path)]
    assert uses == [], "use mastodon._http.fastpaths for these:\n" + "\n".join(uses)
    assert _private_uses(adapter), "the guard no longer sees the adapter's own uses"


def _major_minor(text: str) -> tuple[int, int]:
    match = re.match(r"(\d+)\.(\d+)", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


@pytest.mark.parametrize("package", ["requests", "urllib3"])
def test_the_installed_versions_are_ones_the_shortcuts_were_checked_with(package: str) -> None:
    lowest, beyond = fastpaths.VERIFIED[package]
    installed = _major_minor(version(package))
    assert lowest <= installed < beyond, (
        f"{package} {version(package)} is outside the versions the fast paths in mastodon/_http/fastpaths.py "
        f"were checked with ({lowest} up to, not including, {beyond}). Read each shortcut against the new "
        "version's source, run the suite with MASTODON_NO_FAST_PATHS=1 and without, then widen VERIFIED "
        "and the range in pyproject.toml."
    )


def test_the_request_and_stream_suites_pass_with_the_shortcuts_off() -> None:
    env = {**os.environ, "MASTODON_NO_FAST_PATHS": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *SUITES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_the_switch_is_read_from_the_environment() -> None:
    code = "from mastodon._http import fastpaths; print(fastpaths.enabled)"
    for value, expected in (("1", "False"), ("", "True")):
        env = {**os.environ, "MASTODON_NO_FAST_PATHS": value}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == expected


# -- each shortcut's public fallback, in-process ---------------------------------------------------


@pytest.fixture(params=[True, False], ids=["fast", "public"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(fastpaths, "enabled", request.param)
    return bool(request.param)


def _streamed(body: bytes, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response.raw = urllib3.HTTPResponse(
        body=io.BytesIO(body), headers=headers or {}, preload_content=False, decode_content=True
    )
    return response


def test_a_whole_body_is_read_either_way(mode: bool) -> None:
    response = _streamed(b'{"a": 1}')
    fastpaths.read_whole_body(response)
    assert response.content == b'{"a": 1}'
    assert response.raw.tell() == 8


def test_a_body_read_before_is_left_alone(mode: bool) -> None:
    response = _streamed(b"abc")
    assert response.content == b"abc"
    fastpaths.read_whole_body(response)
    assert response.content == b"abc"


def test_a_raw_that_is_not_urllib3_is_read_by_requests(mode: bool) -> None:
    response = requests.Response()
    response.raw = io.BytesIO(b"plain")
    fastpaths.read_whole_body(response)
    assert response.content == b"plain"


def test_a_cookie_jar_of_its_own_either_way(mode: bool) -> None:
    prepared = PreparedRequest()
    prepared.prepare(method="GET", url="https://a.example/", headers={})
    fastpaths.give_cookie_jar(prepared)
    assert isinstance(prepared._cookies, RequestsCookieJar) and not len(prepared._cookies)
    assert "Cookie" not in prepared.headers


def test_header_shortcuts_say_when_they_are_off(mode: bool) -> None:
    headers = requests.structures.CaseInsensitiveDict({"A": "1"})
    items = fastpaths.header_items(headers)
    store = fastpaths.header_store(headers)
    if mode:
        assert items == (("A", "1"),)
        assert dict(fastpaths.copy_headers(store)) == {"A": "1"}
    else:
        assert items is None and store is None


def test_no_socket_shortcut_without_a_socket(mode: bool) -> None:
    class Raw:
        pass

    assert fastpaths.shut_down_socket(Raw()) is False
    assert fastpaths.framed_socket_file(_streamed(b"")) is None


def test_close_quietly_on_a_stub() -> None:
    class Stub:
        def close(self) -> Any:
            raise AttributeError("no raw")

    fastpaths.close_quietly(Stub())
    fastpaths.close_quietly(object())
