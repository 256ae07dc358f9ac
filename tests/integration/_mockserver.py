"""Start, drive and stop a ``mastodon-mock`` server process for the integration tests.

Kept apart from ``conftest.py`` so tests can import :func:`authorize_code` and the types directly.
See ``README.md`` in this directory for what the server does and does not do.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests

#: Seeded accounts and their fixed access tokens (mock credentials, not secrets).
SEED_ACCOUNTS: dict[str, str] = {
    "alice": "it-alice-token-0001",
    "bob": "it-bob-token-0002",
}
#: The one announcement every server is seeded with.
SEED_ANNOUNCEMENT = "Welcome to the test server"
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
HEARTBEAT_SECONDS = 0.5
_STARTUP_TIMEOUT = 30.0
_CONTROL_TIMEOUT = 10.0


@dataclass(frozen=True)
class RateLimitSettings:
    """The ``[ratelimit]`` section of a server config."""

    limit: int
    window_seconds: int


def free_port() -> int:
    """Ask the OS for a port on the loopback interface that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _toml_str(value: str) -> str:
    # A JSON string literal of plain text is also a valid TOML basic string.
    return json.dumps(value)


def render_config(
    port: int,
    accounts: Mapping[str, str] = SEED_ACCOUNTS,
    ratelimit: RateLimitSettings | None = None,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
    roles: Mapping[str, str] | None = None,
) -> str:
    """Build the TOML text of a server config.

    Args:
        port: The port to listen on (always on 127.0.0.1).
        accounts: Local accounts to seed, username -> access token.
        ratelimit: Turn the server's rate limiter on with these settings.
        heartbeat_seconds: Interval of the streaming keep-alive comments.
        roles: Username -> role (``moderator``, ``admin``, ``owner``) for seeded accounts that
            are staff; the others are plain users.

    Returns:
        The config document.
    """
    lines = [
        "[server]",
        'host = "127.0.0.1"',
        f"port = {port}",
        "",
        "[streaming]",
        f"heartbeat_seconds = {heartbeat_seconds}",
        "",
        "[ratelimit]",
        f"enabled = {'true' if ratelimit else 'false'}",
    ]
    if ratelimit is not None:
        lines += [f"limit = {ratelimit.limit}", f"window_seconds = {ratelimit.window_seconds}"]
    for username, token in accounts.items():
        lines += [
            "",
            "[[seed.accounts]]",
            f"username = {_toml_str(username)}",
            f"display_name = {_toml_str(username.capitalize())}",
            f"access_token = {_toml_str(token)}",
        ]
        if roles and username in roles:
            lines.append(f"role = {_toml_str(roles[username])}")
    lines += ["", "[[seed.announcements]]", f"content = {_toml_str(SEED_ANNOUNCEMENT)}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the server's access log shows it."""

    method: str
    target: str
    status: int

    @property
    def path(self) -> str:
        """The target without its query string."""
        return self.target.split("?", 1)[0]


_ACCESS_LINE = re.compile(r'"(?P<method>[A-Z]+) (?P<target>\S+) HTTP/[0-9.]+" (?P<status>\d{3})')


@dataclass
class MockServer:
    """A running ``mastodon-mock`` process and its control API.

    Attributes:
        base_url: ``http://127.0.0.1:<port>``.
        config_path: The TOML config the process was started with.
        tokens: Seeded username -> access token.
        ratelimit: The rate-limit settings, or None when the limiter is off.
    """

    base_url: str
    config_path: Path
    tokens: dict[str, str]
    ratelimit: RateLimitSettings | None
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    _session: requests.Session = field(default_factory=requests.Session, repr=False)

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        directory: Path,
        *,
        ratelimit: RateLimitSettings | None = None,
        accounts: Mapping[str, str] = SEED_ACCOUNTS,
        roles: Mapping[str, str] | None = None,
        timeout: float = _STARTUP_TIMEOUT,
        attempts: int = 3,
    ) -> MockServer:
        """Write a config into ``directory``, start the server and wait until it answers ``/health``.

        The port is picked before the process binds it, so another process may take it in
        between; such a start is retried on a new port.

        Raises:
            RuntimeError: The server did not come up; the message carries its stderr.
        """
        error: RuntimeError | None = None
        for attempt in range(attempts):
            try:
                return cls._start_once(directory, ratelimit, accounts, roles, timeout, attempt)
            except _PortTaken as exc:
                error = RuntimeError(str(exc))
        assert error is not None
        raise error

    @classmethod
    def _start_once(
        cls,
        directory: Path,
        ratelimit: RateLimitSettings | None,
        accounts: Mapping[str, str],
        roles: Mapping[str, str] | None,
        timeout: float,
        attempt: int,
    ) -> MockServer:
        port = free_port()
        config_path = directory / "mastodon_mock.toml"
        config_path.write_text(render_config(port, accounts, ratelimit, roles=roles), encoding="utf-8")
        stdout_path = directory / f"server-{attempt}.out"
        stderr_path = directory / f"server-{attempt}.err"
        env = dict(os.environ)
        # $HOST/$PORT would override the config's [server] section.
        env.pop("HOST", None)
        env.pop("PORT", None)
        with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "mastodon_mock", "serve", "--in-memory", "--config", str(config_path)],
                cwd=directory,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                env=env,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            )
        server = cls(
            base_url=f"http://127.0.0.1:{port}",
            config_path=config_path,
            tokens=dict(accounts),
            ratelimit=ratelimit,
            process=process,
            stdout_path=stdout_path,
            stderr_path=stderr_path,
        )
        try:
            server._wait_healthy(timeout)
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last_error = "no answer yet"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.stderr_text()
                message = (
                    f"mastodon-mock exited with code {self.process.returncode} before answering /health "
                    f"(config {self.config_path}).\n--- server stderr ---\n{stderr}"
                )
                if "address already in use" in stderr.lower():
                    raise _PortTaken(message)
                raise RuntimeError(message)
            try:
                # A throwaway bearer keeps these probes out of the limiter's shared anonymous bucket.
                answer = requests.get(f"{self.base_url}/health", timeout=2, headers=_throwaway_auth())
                if answer.status_code == 200 and answer.text.strip() == "OK":
                    return
                last_error = f"HTTP {answer.status_code}: {answer.text[:200]!r}"
            except requests.RequestException as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            time.sleep(0.1)
        raise RuntimeError(
            f"mastodon-mock did not answer GET /health within {timeout:g} s (last: {last_error}).\n"
            f"--- server stderr ---\n{self.stderr_text()}"
        )

    def stop(self) -> None:
        """Stop the process: terminate, wait, and kill if it does not go."""
        self._session.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def stderr_text(self) -> str:
        """What the server has written to stderr so far (its log)."""
        try:
            return self.stderr_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "<no stderr captured>"

    def log_mark(self) -> int:
        """A position in the access log; pass it to :meth:`requests_since`."""
        try:
            return self.stdout_path.stat().st_size
        except OSError:
            return 0

    def requests_since(self, mark: int) -> list[LoggedRequest]:
        """The requests the server logged after ``mark``, in order (control calls left out).

        The server writes each line before it sends the answer, so a request whose answer the
        client has seen is already in the log.
        """
        with self.stdout_path.open("rb") as log:
            log.seek(mark)
            text = log.read().decode("utf-8", errors="replace")
        found = [
            LoggedRequest(m["method"], m["target"], int(m["status"]))
            for m in (_ACCESS_LINE.search(line) for line in text.splitlines())
            if m is not None
        ]
        return [r for r in found if not r.path.startswith("/api/v1/_mock/")]

    # -- control API (mock only) -------------------------------------------------------------

    def _control(self, method: str, path: str, body: Any = None) -> Any:
        answer = self._session.request(
            method,
            f"{self.base_url}{path}",
            json=body,
            headers=_throwaway_auth(),
            timeout=_CONTROL_TIMEOUT,
        )
        if not answer.ok:
            raise RuntimeError(f"{method} {path} failed: HTTP {answer.status_code} {answer.text[:500]}")
        return answer.json()

    def reset(self) -> None:
        """Drop all data, re-apply the seed and clear all fault rules.

        The rate limiter's per-token counters are not reset (they live outside the database).
        """
        self._control("POST", "/api/v1/_mock/reset")

    def add_fault(
        self,
        method: str | Iterable[str] | None,
        path: str | None,
        effect: str = "status",
        *,
        status: int | None = None,
        count: int | None = 1,
        delay_ms: int | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        truncate: bool | None = None,
        path_regex: str | None = None,
    ) -> dict[str, Any]:
        """Add a fault rule; the first matching rule applies to each request.

        Args:
            method: HTTP method(s) to match; None matches any.
            path: Exact path, or a glob with ``*``; None matches any path.
            effect: ``status``, ``ratelimit``, ``latency``, ``malformed`` or ``timeout``.
            status: Status code for ``status``/``ratelimit`` (defaults 500 / 429).
            count: How many requests the rule hits before it expires; None means forever.
            delay_ms: Delay before the effect (and the hang time of ``timeout``, at least 30 s).
            headers: Extra response headers (``ratelimit`` fills in X-RateLimit-* and Retry-After).
            body: JSON body of a ``status`` answer (default ``{"error": ...}``).
            truncate: For ``malformed``: a cut-off JSON body (True) or plain garbage (False).
            path_regex: A regular expression searched in the path, used instead of ``path``.

        Returns:
            The rule as the server stored it (with its ``id``).
        """
        match: dict[str, Any] = {}
        if method is not None:
            match["methods"] = [method] if isinstance(method, str) else list(method)
        if path is not None:
            match["path"] = path
        if path_regex is not None:
            match["path_regex"] = path_regex
        effect_spec: dict[str, Any] = {"type": effect}
        optional = {"status": status, "delay_ms": delay_ms, "body": body, "truncate": truncate}
        effect_spec.update({key: value for key, value in optional.items() if value is not None})
        if headers:
            effect_spec["headers"] = dict(headers)
        rule: dict[str, Any] = self._control(
            "POST", "/api/v1/_mock/faults", {"match": match, "effect": effect_spec, "count": count}
        )
        return rule

    def faults(self) -> list[dict[str, Any]]:
        """The active fault rules with their remaining budgets."""
        rules: list[dict[str, Any]] = self._control("GET", "/api/v1/_mock/faults")
        return rules

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._control("DELETE", "/api/v1/_mock/faults")

    def login(self, username: str) -> str:
        """Mint a new access token for a local account (mock-only shortcut)."""
        token: str = self._control("POST", "/api/v1/_mock/login", {"username": username})["access_token"]
        return token


def _die_with_parent() -> None:
    # If the test run is killed outright, no teardown runs; let the kernel stop the server then.
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class _PortTaken(RuntimeError):
    """The chosen port was taken before the server could bind it."""


def _throwaway_auth() -> dict[str, str]:
    # The mock's limiter keys its counters by the bearer string without checking it, and the
    # control routes ignore authentication; a fresh value per call means they never run dry.
    return {"Authorization": f"Bearer control-{uuid.uuid4().hex}"}


# -- the authorization page ------------------------------------------------------------------


class _FormReader(HTMLParser):
    """Collects the first form of a page: action, method, hidden fields and submit choices."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.method = "get"
        self.fields: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self._in_form = False
        self._seen_form = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and not self._seen_form:
            self._in_form = self._seen_form = True
            self.action = values.get("action", "")
            self.method = values.get("method", "get").lower()
        elif self._in_form and tag == "input" and values.get("name"):
            if values.get("type", "text").lower() in ("hidden", "text"):
                self.fields[values["name"]] = values.get("value", "")
        elif self._in_form and tag == "button" and values.get("name"):
            self.choices.setdefault(values["name"], []).append(values.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)


_OOB_CODE = re.compile(r"Authorization code:\s*(\S+)")


def authorize_code_from_url(
    authorize_url: str,
    username: str = "alice",
    session: requests.Session | None = None,
    expected_state: str | None = None,
) -> str:
    """Act as a browser user on an authorization URL: open it, pick ``username``, return the code.

    The code is read from the ``Location`` of the redirect, or from the page shown for the
    out-of-band redirect URI.

    Raises:
        AssertionError: The page or the answer is not what a user would see on success.
    """
    http = session or requests.Session()
    page = http.get(authorize_url, timeout=_CONTROL_TIMEOUT, allow_redirects=False)
    assert page.status_code == 200, f"authorize page: HTTP {page.status_code} {page.text[:300]}"
    form = _FormReader()
    form.feed(page.text)
    assert form.action is not None, f"no form on the authorize page: {page.text[:300]}"
    offered = form.choices.get("username", [])
    assert username in offered, f"account {username!r} not offered on the authorize page (offered {sorted(offered)})"
    data = {**form.fields, "username": username}
    target = urljoin(page.url, form.action)
    if form.method == "post":
        answer = http.post(target, data=data, timeout=_CONTROL_TIMEOUT, allow_redirects=False)
    else:
        answer = http.get(target, params=data, timeout=_CONTROL_TIMEOUT, allow_redirects=False)

    if answer.is_redirect:
        location = answer.headers["Location"]
        query = parse_qs(urlsplit(location).query)
        assert "code" in query, f"redirect without a code: {location}"
        if expected_state is not None:
            assert query.get("state") == [expected_state], f"state not returned intact: {location}"
        return query["code"][0]

    assert answer.status_code == 200, f"authorize submit: HTTP {answer.status_code} {answer.text[:300]}"
    reader = _FormReader()
    reader.feed(answer.text)
    found = _OOB_CODE.search(reader.text)
    assert found is not None, f"no authorization code on the page: {answer.text[:300]}"
    return found.group(1)


def authorize_url(
    base_url: str,
    client_id: str,
    redirect_uri: str,
    scopes: str | Iterable[str],
    state: str | None = None,
    code_challenge: str | None = None,
    code_challenge_method: str | None = None,
) -> str:
    """Build an ``/oauth/authorize`` URL as an OAuth client would."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scopes if isinstance(scopes, str) else " ".join(scopes),
    }
    optional = {"state": state, "code_challenge": code_challenge, "code_challenge_method": code_challenge_method}
    params.update({key: value for key, value in optional.items() if value is not None})
    return f"{base_url.rstrip('/')}/oauth/authorize?{urlencode(params)}"


def authorize_code(
    base_url: str,
    client_id: str,
    redirect_uri: str,
    scopes: str | Iterable[str],
    state: str | None = None,
    code_challenge: str | None = None,
    code_challenge_method: str | None = None,
    username: str = "alice",
) -> str:
    """Run the authorization page for ``client_id`` as ``username`` and return the code.

    Args:
        base_url: The server, e.g. ``http://127.0.0.1:4321``.
        client_id: The app's client id.
        redirect_uri: One of the app's redirect URIs, or the out-of-band URN.
        scopes: Requested scopes, a space-separated string or a list.
        state: Opaque value that must come back unchanged with the redirect.
        code_challenge: PKCE challenge.
        code_challenge_method: PKCE method, e.g. ``S256``.
        username: The account the user picks on the page.

    Returns:
        The authorization code.
    """
    url = authorize_url(base_url, client_id, redirect_uri, scopes, state, code_challenge, code_challenge_method)
    with contextlib.closing(requests.Session()) as session:
        return authorize_code_from_url(url, username, session, expected_state=state)
