"""``python -m mastodon login`` and ``toot`` as a user runs them, against the local test server.

The tests play the user: they read the authorisation address the command prints, approve it on
the server's page with the page driver, and hand the code back the way a browser (loopback
redirect) or a person (paste) would. Every wait is bounded.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mastodon import Mastodon

from ._mockserver import OOB_REDIRECT, MockServer, authorize_code_from_url

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60.0
_URL = re.compile(r"^\s+(http://\S+/oauth/authorize\?\S+)$")


def cli_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MASTODON_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


class Command:
    """A running ``python -m mastodon`` whose output is read line by line with bounded waits."""

    def __init__(self, args: list[str], cwd: Path, **env: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mastodon", *args],
            cwd=cwd,
            env={**cli_env(), **env},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, pattern: re.Pattern[str]) -> re.Match[str]:
        """The first output line matching ``pattern``."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                self.kill()
                pytest.fail(f"no line matching {pattern.pattern!r} within {WAIT:g} s; saw {self.seen}")
            if line is None:
                pytest.fail(f"output ended without {pattern.pattern!r}: {self.seen}; stderr {self.stderr()}")
            self.seen.append(line)
            found = pattern.search(line)
            if found:
                return found

    def type_line(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def finish(self) -> tuple[int, str, str]:
        """Wait for the end; returns (exit code, the rest of stdout, stderr)."""
        try:
            code = self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"the command did not end within {WAIT:g} s; saw {self.seen}")
        self._reader.join(WAIT)
        rest = []
        while (line := self.lines.get_nowait()) is not None:
            rest.append(line)
        return code, "".join(self.seen + rest), self.stderr()

    def stderr(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return "<still running>"
        return self.process.stderr.read()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def commands() -> Iterator[list[Command]]:
    started: list[Command] = []
    yield started
    for command in started:
        command.kill()
        for stream in (command.process.stdin, command.process.stdout, command.process.stderr):
            if stream is not None:
                stream.close()


def start(commands: list[Command], args: list[str], cwd: Path) -> Command:
    command = Command(args, cwd)
    commands.append(command)
    return command


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mastodon", *args],
        cwd=cwd,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def check_user_file(path: Path, server: MockServer, username: str) -> Mastodon:
    assert path.stat().st_mode & 0o777 == 0o600
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert lines[1] == server.base_url
    api = Mastodon(access_token=str(path))
    assert api.account_verify_credentials().acct == username
    return api


def test_login_through_the_loopback_redirect_then_toot(
    mock: MockServer, tmp_path: Path, commands: list[Command]
) -> None:
    login = start(
        commands,
        [
            *("login", "--instance", mock.base_url, "--allow-http", "--no-browser", "--port", "0"),
            *("--client-file", "app.secret", "--user-file", "me.secret", "--scopes", "read", "write"),
        ],
        tmp_path,
    )
    url = login.wait_for(_URL).group(1)
    asked = query_of(url)
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["code_challenge"]) == 43
    assert len(asked["state"]) >= 32
    assert asked["scope"] == "read write"
    redirect = asked["redirect_uri"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/callback", redirect)
    login.wait_for(re.compile(r"Waiting for the browser"))

    # Someone else's answer (another state) is turned away and does not end the wait.
    forged = requests.get(redirect, params={"code": "mockcode_bob", "state": "not-this-login"}, timeout=10)
    assert forged.status_code == 400
    assert login.process.poll() is None

    code = authorize_code_from_url(url, "alice", expected_state=asked["state"])
    back = requests.get(redirect, params={"code": code, "state": asked["state"]}, timeout=10)
    assert back.status_code == 200
    assert "logged in" in back.text

    status, out, err = login.finish()
    assert (status, err) == (0, ""), out
    assert "Registered the app 'mastodon command line'" in out
    assert f"Logged in as @alice on {mock.base_url}." in out
    assert (tmp_path / "app.secret").stat().st_mode & 0o777 == 0o600
    api = check_user_file(tmp_path / "me.secret", mock, "alice")

    posted = run_cli(["toot", "Hello from the shell", "--user-file", "me.secret", "--allow-http"], tmp_path)
    posted_too = run_cli(["toot", "Only followers", "--visibility", "private", "--allow-http"], tmp_path)
    assert (posted.returncode, posted.stderr) == (0, "")
    assert posted.stdout.startswith("Posted: ")
    # Without --user-file the default name is used, which is not there.
    assert posted_too.returncode == 2
    assert "mastodon_user.secret" in posted_too.stderr
    latest = api.account_statuses(api.me(), limit=1)[0]
    assert "Hello from the shell" in latest.content
    assert posted.stdout.strip().endswith(str(latest.url or latest.id))


def test_login_by_pasting_the_code_with_a_saved_app(mock: MockServer, tmp_path: Path, commands: list[Command]) -> None:
    client_file = tmp_path / "app.secret"
    Mastodon.create_app(
        "pasted",
        scopes=["read", "write"],
        redirect_uris=OOB_REDIRECT,
        api_base_url=mock.base_url,
        to_file=str(client_file),
    )
    login = start(
        commands,
        [
            *("login", "--instance", mock.base_url + "/", "--allow-http", "--no-browser", "--oob"),
            *("--client-file", str(client_file), "--user-file", "bob.secret"),
        ],
        tmp_path,
    )
    url = login.wait_for(_URL).group(1)
    assert query_of(url)["redirect_uri"] == OOB_REDIRECT
    code = authorize_code_from_url(url, "bob")
    login.type_line(code)
    status, out, err = login.finish()
    assert (status, err) == (0, ""), out
    assert f"Using the app registered in {client_file}" in out
    assert "Registered" not in out
    assert "Logged in as @bob" in out
    api = check_user_file(tmp_path / "bob.secret", mock, "bob")

    done = run_cli(["toot", "a private note", "--user-file", "bob.secret", "--visibility", "private"], tmp_path)
    assert done.returncode == 2
    assert "--allow-http" in done.stderr
    assert api.account_statuses(api.me()) == []


def test_server_failures_exit_1_without_a_traceback(mock: MockServer, tmp_path: Path) -> None:
    mock.add_fault("POST", "/api/v1/apps", "status", status=500, body={"error": "Something broke"}, count=1)
    failed = run_cli(
        ["login", "--instance", mock.base_url, "--allow-http", "--oob", "--client-file", "c.secret"], tmp_path
    )
    assert failed.returncode == 1
    assert (
        failed.stderr.strip()
        == "python -m mastodon login: error: the server answered 500 Internal Server Error: Something broke"
    )
    assert not (tmp_path / "c.secret").exists()

    user_file = tmp_path / "user.secret"
    user_file.write_text(f"revoked-token\n{mock.base_url}\n", encoding="utf-8")
    user_file.chmod(0o600)
    refused = run_cli(["toot", "hi", "--user-file", str(user_file), "--allow-http"], tmp_path)
    assert refused.returncode == 1
    assert "the server answered 401" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "revoked-token" not in refused.stderr


# -- the demo on a server of your own (here the test server stands in for it) ---------------------


def test_demo_with_a_configured_account_cleans_up_after_itself(mock: MockServer, tmp_path: Path) -> None:
    token = mock.tokens["alice"]
    done = subprocess.run(
        [sys.executable, "-m", "mastodon", "demo", "--wait", "30"],
        cwd=tmp_path,
        env={**cli_env(), "MASTODON_API_BASE_URL": mock.base_url, "MASTODON_ACCESS_TOKEN": token},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    steps = [line for line in done.stdout.splitlines() if re.match(r"\d\. ", line)]
    assert steps[0] == "1. using the access token from MASTODON_ACCESS_TOKEN: no app to register"
    assert steps[2] == "3. hello, @alice on Mastodon Mock"
    assert re.fullmatch(r"6\. streamed an update: your post \d+ arrived on the user stream", steps[5])
    # Only what the demo posted is deleted, and the configured token is left alone.
    assert steps[6] == "7. cleaned up: deleted 2 posts"
    assert done.stdout.splitlines()[-1] == "7 of 7 steps done."
    api = Mastodon(access_token=token, api_base_url=mock.base_url)
    assert api.account_statuses(api.me()) == []
    assert "starting a local" not in done.stdout


def test_demo_on_a_server_without_streaming_does_the_other_steps(mock: MockServer, tmp_path: Path) -> None:
    # Takahe, for one, answers 404 on every streaming endpoint.
    mock.add_fault("GET", "/api/v1/streaming/*", status=404, count=None)
    token = mock.tokens["alice"]
    done = subprocess.run(
        [sys.executable, "-m", "mastodon", "demo", "--wait", "30"],
        cwd=tmp_path,
        env={**cli_env(), "MASTODON_API_BASE_URL": mock.base_url, "MASTODON_ACCESS_TOKEN": token},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    # A partial run ends with the exit code of a server failure, after everything else was done.
    assert (done.returncode, done.stderr) == (1, ""), done.stdout
    steps = [line for line in done.stdout.splitlines() if re.match(r"\d\. ", line)]
    assert [line[:2] for line in steps] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    why = "this server offers no streaming API (404 Not Found on /api/v1/streaming/user)"
    assert steps[5] == f"6. not done, streaming: {why}"
    assert steps[6] == "7. cleaned up: deleted 1 post"
    assert done.stdout.splitlines()[-1] == f"6 of 7 steps done; step 6, streaming: {why}"
    assert "Traceback" not in done.stdout
    api = Mastodon(access_token=token, api_base_url=mock.base_url)
    assert api.account_statuses(api.me()) == []


def test_demo_with_only_a_server_asks_for_the_code(mock: MockServer, tmp_path: Path, commands: list[Command]) -> None:
    demo = Command(["demo", "--wait", "30"], tmp_path, MASTODON_API_BASE_URL=mock.base_url)
    commands.append(demo)
    url = demo.wait_for(_URL).group(1)
    assert query_of(url)["code_challenge_method"] == "S256"
    demo.type_line(authorize_code_from_url(url, "bob"))
    status, out, err = demo.finish()
    assert (status, err) == (0, ""), out
    assert "2. logged in with the authorization-code flow" in out
    assert "3. hello, @bob on" in out
    assert "7. cleaned up: deleted 2 posts and revoked the demo's access token" in out
    bob = Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url)
    assert bob.account_statuses(bob.me()) == []


def test_demo_refuses_plain_http_to_another_machine(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mastodon", "demo"],
        cwd=tmp_path,
        env={**cli_env(), "MASTODON_API_BASE_URL": "http://mastodon.example", "MASTODON_ACCESS_TOKEN": "t"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "python -m mastodon demo: error: refusing plain http to http://mastodon.example: "
        "the token would travel unencrypted"
    )
