"""The command line (``python -m mastodon``) without a server: arguments, checks, errors, the
loopback listener and the paste reader. The flows against a live server are in
``tests/integration/test_cli.py``."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses
from responses import matchers

from mastodon import _cli, _demo
from mastodon._credentials import write_credentials
from mastodon._version import __version__

BASE = "https://mastodon.example"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line; returns (exit code, stdout, stderr)."""
    try:
        code = _cli.main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "user.secret"
    write_credentials(path, ["usertoken", BASE, "cid", "csecret"])
    return path


@pytest.fixture
def no_demo_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (_demo.ENV_URL, _demo.ENV_TOKEN, _demo.ENV_LOCAL_SERVER):
        monkeypatch.delenv(name, raising=False)


# -- help and usage ------------------------------------------------------------------------------


def test_help_lists_the_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for word in ("login", "toot", "demo", "Exit codes", "python -m mastodon login --instance"):
        assert word in out


def test_login_help_explains_the_two_ways_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["login", "--help"], capsys)
    assert code == 0
    for word in ("--instance", "--no-browser", "--oob", "--port", "--allow-http", "127.0.0.1", "PKCE"):
        assert word in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0
    assert out.strip() == f"mastodon {__version__}"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], "required: COMMAND"),
        (["fly"], "invalid choice"),
        (["login"], "--instance"),
        (["login", "--instance", BASE, "--port", "70000"], "between 0 and 65535"),
        (["login", "--instance", BASE, "--port", "http"], "not a port number"),
        (["login", "--instance", BASE, "--timeout", "0"], "more than 0 seconds"),
        (["toot"], "TEXT"),
        (["toot", "hi", "--visibility", "everyone"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert words in err
    assert "usage:" in err
    assert out == ""


# -- login: checks before anything is sent -------------------------------------------------------


@pytest.mark.parametrize(
    ("instance", "extra", "words"),
    [
        ("http://mastodon.example", [], "refusing plain http"),
        ("http://mastodon.example", ["--allow-http"], "refusing plain http"),
        ("http://127.0.0.1:3000", [], "pass --allow-http"),
        ("http://localhost:3000", [], "pass --allow-http"),
        ("ftp://mastodon.example", [], "--instance"),
        ("https://", [], "--instance"),
    ],
)
def test_login_refuses_unsafe_or_bad_instances(
    instance: str, extra: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["login", "--instance", instance, "--oob", "--client-file", str(tmp_path / "c.secret"), *extra]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        code, _, err = run(argv, capsys)
        assert len(rsps.calls) == 0
    assert code == 2
    assert words in err
    assert err.startswith("python -m mastodon login: error: ")
    assert not (tmp_path / "c.secret").exists()


def test_login_refuses_a_client_file_of_another_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    client_file = tmp_path / "c.secret"
    write_credentials(client_file, ["cid", "csecret", "https://other.example", "app"])
    argv = ["login", "--instance", BASE, "--oob", "--client-file", str(client_file)]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        code, _, err = run(argv, capsys)
        assert len(rsps.calls) == 0
    assert code == 2
    assert "https://other.example" in err
    assert "--client-file" in err


def test_login_server_error_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["login", "--instance", BASE, "--oob", "--client-file", str(tmp_path / "c.secret")]
    with responses.RequestsMock() as rsps:
        rsps.post(f"{BASE}/api/v1/apps", status=503, json={"error": "Down for maintenance"})
        code, _, err = run(argv, capsys)
    assert code == 1
    assert "503" in err
    assert "Down for maintenance" in err
    assert not (tmp_path / "c.secret").exists()


def test_login_network_error_exits_1_with_a_short_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refused = requests.ConnectionError(ConnectionRefusedError(111, "Connection refused"))
    argv = ["login", "--instance", BASE, "--oob", "--client-file", str(tmp_path / "c.secret")]
    with responses.RequestsMock() as rsps:
        rsps.post(f"{BASE}/api/v1/apps", body=refused)
        code, _, err = run(argv, capsys)
    assert code == 1
    assert err.strip() == "python -m mastodon login: error: could not reach the server: connection refused"


def test_login_with_nothing_pasted_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client_file = tmp_path / "c.secret"
    write_credentials(client_file, ["cid", "csecret", BASE, "app"])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    argv = ["login", "--instance", BASE, "--oob", "--no-browser", "--client-file", str(client_file)]
    with responses.RequestsMock() as rsps:
        rsps.get(f"{BASE}/.well-known/oauth-authorization-server", status=404)
        code, out, err = run(argv, capsys)
    assert code == 2
    assert "/oauth/authorize?" in out
    assert "no authorisation code was pasted" in err


def test_login_with_a_refused_code_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client_file, user_file = tmp_path / "c.secret", tmp_path / "u.secret"
    write_credentials(client_file, ["cid", "csecret", BASE, "app"])
    monkeypatch.setattr("sys.stdin", io.StringIO("badcode\n"))
    argv = ["login", "--instance", BASE, "--oob", "--no-browser", "--client-file", str(client_file)]
    argv += ["--user-file", str(user_file)]
    with responses.RequestsMock() as rsps:
        rsps.get(f"{BASE}/.well-known/oauth-authorization-server", status=404)
        rsps.post(f"{BASE}/oauth/token", status=400, json={"error": "invalid_grant"})
        code, _, err = run(argv, capsys)
        body = rsps.calls[1].request.body
    assert code == 1
    assert "refused the authorisation code" in err
    assert "code=badcode" in str(body)
    assert "code_verifier=" in str(body)
    assert not user_file.exists()


# -- toot ------------------------------------------------------------------------------------------


def test_toot_posts_with_the_saved_token(user_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = {"id": "7", "url": f"{BASE}/@me/7", "uri": f"{BASE}/users/me/statuses/7", "content": "<p>hi</p>"}
    with responses.RequestsMock() as rsps:
        rsps.post(
            f"{BASE}/api/v1/statuses",
            json=status,
            match=[
                matchers.urlencoded_params_matcher(
                    {"status": "hello there", "sensitive": "0", "visibility": "unlisted"}
                ),
                matchers.header_matcher({"Authorization": "Bearer usertoken"}),
            ],
        )
        code, out, err = run(["toot", "hello there", "--user-file", str(user_file), "--visibility", "unlisted"], capsys)
    assert (code, err) == (0, "")
    assert out.strip() == f"Posted: {BASE}/@me/7"


def test_toot_reads_the_text_from_stdin(
    user_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("from a pipe\n"))
    with responses.RequestsMock() as rsps:
        rsps.post(
            f"{BASE}/api/v1/statuses",
            json={"id": "8", "url": None, "uri": None},
            match=[
                matchers.urlencoded_params_matcher({"status": "from a pipe\n", "sensitive": "0", "spoiler_text": "cw"})
            ],
        )
        code, out, _ = run(["toot", "-", "--user-file", str(user_file), "--spoiler-text", "cw"], capsys)
    assert code == 0
    assert out.strip() == "Posted: 8"


def test_toot_without_credentials_tells_how_to_log_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["toot", "hi", "--user-file", str(tmp_path / "missing.secret")], capsys)
    assert code == 2
    assert "missing.secret" in err
    assert "python -m mastodon login --instance" in err


def test_toot_refuses_empty_text(user_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["toot", "   ", "--user-file", str(user_file)], capsys)
    assert code == 2
    assert "nothing to post" in err


@pytest.mark.parametrize(
    ("base", "extra", "words"),
    [
        ("http://mastodon.example", ["--allow-http"], "refusing plain http"),
        ("http://127.0.0.1:3000", [], "pass --allow-http"),
    ],
)
def test_toot_refuses_plain_http(
    base: str, extra: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "user.secret"
    write_credentials(path, ["usertoken", base, "cid", "csecret"])
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        code, _, err = run(["toot", "hi", "--user-file", str(path), *extra], capsys)
        assert len(rsps.calls) == 0
    assert code == 2
    assert words in err


def test_toot_with_a_rejected_token_exits_1(user_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with responses.RequestsMock() as rsps:
        rsps.post(f"{BASE}/api/v1/statuses", status=401, json={"error": "The access token is invalid"})
        code, out, err = run(["toot", "hi", "--user-file", str(user_file)], capsys)
    assert (code, out) == (1, "")
    assert err.strip() == (
        "python -m mastodon toot: error: the server answered 401 Unauthorized: The access token is invalid"
    )
    assert "usertoken" not in err


# -- demo: the missing extra and a bad local server address ---------------------------------------


def test_demo_without_the_extra_names_it(
    no_demo_env: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_find_spec = _demo.importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "mastodon_mock" else real_find_spec(name, *args)

    monkeypatch.setattr(_demo.importlib.util, "find_spec", find_spec)
    code, _, err = run(["demo"], capsys)
    assert code == 1
    assert "pip install 'mastodon[demo]'" in err


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("http://mastodon.example", "on this machine"),
        ("https://127.0.0.1:3000", "on this machine"),
        ("http://127.0.0.1:9", "demo --serve"),
    ],
)
def test_demo_refuses_a_local_server_address_that_is_not(
    address: str, words: str, no_demo_env: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_demo.ENV_LOCAL_SERVER, address)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(f"{address}/health", body=requests.ConnectionError("refused"))
        code, _, err = run(["demo"], capsys)
    assert code == 1
    assert words in err


# -- the loopback listener ------------------------------------------------------------------------


class Listening:
    """A CallbackServer waiting in a thread, and what its wait ended with."""

    def __init__(self, state: str = "expected-state", timeout: float = 30.0) -> None:
        self.server = _cli.CallbackServer(0, state)
        self.result: str | BaseException | None = None
        self.thread = threading.Thread(target=self._wait, args=(timeout,), daemon=True)
        self.thread.start()

    def _wait(self, timeout: float) -> None:
        try:
            self.result = self.server.wait_for_code(timeout)
        except BaseException as exc:
            self.result = exc
        finally:
            self.server.server_close()

    def get(self, path: str, **params: str) -> requests.Response:
        return requests.get(f"http://127.0.0.1:{self.server.server_address[1]}{path}", params=params, timeout=10)

    def finish(self) -> str | BaseException | None:
        self.thread.join(30)
        assert not self.thread.is_alive()
        return self.result


def test_listener_takes_the_code_with_the_right_state_only() -> None:
    listening = Listening()
    assert listening.server.redirect_uri == f"http://127.0.0.1:{listening.server.server_address[1]}/callback"
    assert listening.get("/favicon.ico").status_code == 404
    wrong = listening.get("/callback", code="forged", state="other-state")
    assert wrong.status_code == 400
    assert listening.get("/callback", code="forged").status_code == 400
    assert listening.get("/callback", state="expected-state").status_code == 400
    assert listening.thread.is_alive()
    right = listening.get("/callback", code="the-code", state="expected-state")
    assert right.status_code == 200
    assert "logged in" in right.text
    assert right.headers["Cache-Control"] == "no-store"
    assert listening.finish() == "the-code"


def test_listener_reports_a_refusal() -> None:
    listening = Listening()
    page = listening.get(
        "/callback", error="access_denied", error_description="The user said no", state="expected-state"
    )
    assert page.status_code == 200
    result = listening.finish()
    assert isinstance(result, _cli.CliError)
    assert "The user said no" in str(result)
    assert result.code == 1


def test_listener_gives_up_after_its_timeout() -> None:
    listening = Listening(timeout=0.05)
    result = listening.finish()
    assert isinstance(result, _cli.CliError)
    assert "did not come back" in str(result)


def test_listener_escapes_what_it_echoes() -> None:
    listening = Listening()
    page = listening.get("/callback", error="x", error_description="<script>alert(1)</script>", state="expected-state")
    assert "<script>" not in page.text
    assert "&lt;script&gt;" in page.text
    listening.finish()


def test_login_port_in_use_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = _cli.CallbackServer(0, "x")
    try:
        port = taken.server_address[1]
        argv = ["login", "--instance", BASE, "--port", str(port), "--client-file", str(tmp_path / "c.secret")]
        code, _, err = run(argv, capsys)
    finally:
        taken.server_close()
    assert code == 1
    assert f"127.0.0.1:{port}" in err
    assert "--port" in err


# -- what the user pastes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pasted",
    [
        "abc123\n",
        "  abc123  ",
        "http://127.0.0.1:8391/callback?code=abc123&state=st",
        "https://app.example/cb?state=st&code=abc123",
        "code=abc123",
    ],
)
def test_code_from_paste(pasted: str) -> None:
    assert _cli.code_from_paste(pasted, "st") == "abc123"


@pytest.mark.parametrize(
    ("pasted", "words"),
    [
        ("", "no authorisation code"),
        ("two words", "no authorisation code"),
        ("http://127.0.0.1:8391/callback?code=abc123&state=other", "state does not match"),
        ("http://127.0.0.1:8391/callback?code=&state=st", "no authorisation code"),
    ],
)
def test_code_from_paste_refuses(pasted: str, words: str) -> None:
    with pytest.raises(_cli.CliError, match=words) as caught:
        _cli.code_from_paste(pasted, "st")
    assert caught.value.code == 2


# -- small pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("::1", True),
        ("[::1]", True),
        ("LOCALHOST", True),
        ("10.0.0.1", False),
        ("mastodon.example", False),
        ("", False),
        (None, False),
    ],
)
def test_is_loopback(host: str | None, loopback: bool) -> None:
    assert _cli.is_loopback(host) is loopback


def test_root_cause_finds_the_system_words_under_the_wrapping() -> None:
    inner = ConnectionRefusedError(111, "Connection refused")
    middle = requests.ConnectionError("pool says no")
    middle.__cause__ = inner
    from mastodon.errors import MastodonNetworkError

    outer = MastodonNetworkError("could not connect")
    outer.__cause__ = middle
    assert _cli._root_cause(outer) == "connection refused"
    assert _cli._root_cause(MastodonNetworkError("x" * 300)).endswith(" ...")


# -- pieces of the demo ----------------------------------------------------------------------------


def test_waiter_sees_an_event_from_the_stream_thread() -> None:
    waiter = _demo._Waiter()
    feeder = threading.Thread(target=lambda: waiter.on_update({"id": "42"}), daemon=True)
    feeder.start()
    found = waiter.wait_until(lambda: [s for s in waiter.updates if s["id"] == "42"], 30)
    feeder.join(30)
    assert found == [{"id": "42"}]


def test_waiter_finds_an_event_that_came_before_the_wait() -> None:
    waiter = _demo._Waiter()
    waiter.on_update({"id": "1"})
    waiter.arrived.clear()
    assert waiter.wait_until(lambda: [s for s in waiter.updates if s["id"] == "1"], 30) == [{"id": "1"}]


def test_waiter_gives_up_after_its_timeout() -> None:
    waiter = _demo._Waiter()
    waiter.on_update({"id": "other"})
    assert waiter.wait_until(lambda: [s for s in waiter.updates if s["id"] == "mine"], 0.05) is None


def test_waiter_keeps_only_mentions() -> None:
    from mastodon.types_base import AttribAccessDict

    waiter = _demo._Waiter()
    waiter.on_notification(AttribAccessDict(type="favourite"))
    assert waiter.mentions == []
    assert not waiter.arrived.is_set()
    waiter.on_notification(AttribAccessDict(type="mention"))
    assert len(waiter.mentions) == 1
    assert waiter.arrived.is_set()


def _refusal(status: int, reason: str, error: str | None, url: str | None) -> Any:
    from mastodon.errors import MastodonAPIError

    response = None
    if url is not None:
        response = requests.Response()
        response.status_code, response.reason, response.url = status, reason, url
    return MastodonAPIError.build(status, reason, error, response=response)


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (
            _refusal(404, "Not Found", None, "https://streaming.example/api/v1/streaming/user"),
            "this server offers no streaming API (404 Not Found on /api/v1/streaming/user)",
        ),
        (
            _refusal(401, "Unauthorized", "The access token is invalid", None),
            "the streaming server answered 401 Unauthorized on /api/v1/streaming/user: The access token is invalid",
        ),
    ],
)
def test_the_demo_says_why_it_could_not_stream(error: Any, why: str) -> None:
    assert _demo._why_no_stream(error) == why


def test_the_demo_says_when_the_streaming_server_is_out_of_reach() -> None:
    from mastodon.errors import MastodonNetworkError

    why = _demo._why_no_stream(MastodonNetworkError("connection refused"))
    assert why == "the streaming server could not be reached (connection refused)"


def test_the_demo_counts_the_steps_done() -> None:
    target = _demo.DemoTarget(base_url=BASE, token="t", server=None)
    out = io.StringIO()
    tour = _demo._Tour(target, out, wait=1)
    assert tour.summary() == "7 of 7 steps done."
    tour.not_done(6, "streaming", "no streaming here")
    assert out.getvalue() == "6. not done, streaming: no streaming here\n"
    assert tour.summary() == "6 of 7 steps done; step 6, streaming: no streaming here"


@pytest.mark.parametrize(
    ("number", "noun", "text"),
    [(1, "status", "1 status"), (7, "status", "7 statuses"), (0, "post", "0 posts"), (1, "page", "1 page")],
)
def test_count(number: int, noun: str, text: str) -> None:
    assert _demo._count(number, noun) == text


def test_local_server_config_seeds_every_demo_account() -> None:
    text = _demo._config_text(4321, _demo.DEMO_USERS)
    assert 'host = "127.0.0.1"' in text
    assert "port = 4321" in text
    assert text.count("[[seed.accounts]]") == len(_demo.DEMO_USERS) == 14
    assert 'username = "alice"\naccess_token = "demo-alice-token"' in text


def test_approve_as_refuses_a_page_without_the_account() -> None:
    url = "http://127.0.0.1:9/oauth/authorize?client_id=x"
    page = '<form action="/oauth/authorize" method="post"><button name="username" value="bob">bob</button></form>'
    with responses.RequestsMock() as rsps:
        rsps.get(url, body=page, content_type="text/html")
        with pytest.raises(_demo.DemoServerError, match="does not offer the account 'alice'"):
            _demo.approve_as(url, "alice")


def test_approve_as_picks_the_account_and_reads_the_redirect() -> None:
    url = "http://127.0.0.1:9/oauth/authorize?client_id=x"
    page = (
        '<form action="/oauth/authorize" method="post"><input type="hidden" name="client_id" value="x">'
        '<input type="hidden" name="state" value="s"><button name="username" value="alice">alice</button></form>'
    )
    with responses.RequestsMock() as rsps:
        rsps.get(url, body=page, content_type="text/html")
        rsps.post(
            "http://127.0.0.1:9/oauth/authorize",
            status=302,
            headers={"Location": "http://127.0.0.1:8391/callback?code=the-code&state=s"},
            match=[matchers.urlencoded_params_matcher({"client_id": "x", "state": "s", "username": "alice"})],
        )
        assert _demo.approve_as(url, "alice") == "the-code"


def test_demo_refuses_plain_http_elsewhere_before_sending(
    no_demo_env: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_demo.ENV_URL, "http://mastodon.example")
    monkeypatch.setenv(_demo.ENV_TOKEN, "secret-token")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        code, _, err = run(["demo"], capsys)
        assert len(rsps.calls) == 0
    assert code == 1
    assert "refusing plain http" in err
    assert "secret-token" not in err


# -- the whole loopback login, with the browser played by the test --------------------------------


def _fake_browser(opened: list[str]) -> Any:
    """Stands in for webbrowser.open: follows the redirect a server would send, in a thread."""

    def open_(url: str) -> bool:
        opened.append(url)
        asked = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}

        def come_back() -> None:
            requests.get(asked["redirect_uri"], params={"code": "the-code", "state": asked["state"]}, timeout=10)

        threading.Thread(target=come_back, daemon=True).start()
        return True

    return open_


def test_login_opens_the_browser_and_takes_the_code_from_the_redirect(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(_cli.webbrowser, "open", _fake_browser(opened))
    monkeypatch.setenv("DISPLAY", ":0")
    client_file, user_file = tmp_path / "c.secret", tmp_path / "u.secret"
    argv = ["login", "--instance", "mastodon.example", "--port", "0", "--scopes", "read", "write:statuses"]
    argv += ["--client-file", str(client_file), "--user-file", str(user_file)]
    with responses.RequestsMock() as rsps:
        rsps.add_passthru("http://127.0.0.1")
        rsps.post(f"{BASE}/api/v1/apps", json={"client_id": "cid", "client_secret": "csecret"})
        rsps.get(f"{BASE}/.well-known/oauth-authorization-server", status=404)
        rsps.post(
            f"{BASE}/oauth/token",
            json={"access_token": "new-token", "token_type": "Bearer", "scope": "read write:statuses"},
        )
        rsps.get(f"{BASE}/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "me", "username": "me"})
        code, out, err = run(argv, capsys)
        app_form = parse_qs(str(rsps.calls[0].request.body))
        token_form = parse_qs(str(rsps.calls[2].request.body))
    assert (code, err) == (0, ""), out
    assert len(opened) == 1
    redirect = parse_qs(urlsplit(opened[0]).query)["redirect_uri"][0]
    assert app_form["redirect_uris"] == [f"{redirect}\nurn:ietf:wg:oauth:2.0:oob"]
    assert app_form["scopes"] == ["read write:statuses"]
    assert token_form["code"] == ["the-code"]
    assert token_form["redirect_uri"] == [redirect]
    assert len(token_form["code_verifier"][0]) >= 43
    assert "Logged in as @me on https://mastodon.example." in out
    assert user_file.read_text().splitlines() == ["new-token", BASE, "cid", "csecret"]
    assert user_file.stat().st_mode & 0o777 == 0o600
    assert client_file.stat().st_mode & 0o777 == 0o600


def test_login_without_a_graphical_session_only_prints_the_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(_cli.webbrowser, "open", opened.append)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(_cli.sys, "platform", "linux")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    client_file = tmp_path / "c.secret"
    write_credentials(client_file, ["cid", "csecret", BASE, "app"])
    with responses.RequestsMock() as rsps:
        rsps.get(f"{BASE}/.well-known/oauth-authorization-server", status=404)
        code, out, _ = run(["login", "--instance", BASE, "--oob", "--client-file", str(client_file)], capsys)
    assert code == 2
    assert opened == []
    assert "open the address yourself" in out
