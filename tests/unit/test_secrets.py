"""Tokens and client secrets stay out of reprs, exception messages and debug logs."""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import requests
import responses

from mastodon import Mastodon
from mastodon._credentials import read_credentials
from mastodon.errors import (
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
)

if TYPE_CHECKING:
    from tests.conftest import LogSecretGuard

BASE = "https://mastodon.example"
TOKEN = "secrets-test-access-token-31337"
CLIENT_ID = "secrets-test-client-id"
CLIENT_SECRET = "secrets-test-client-secret-4242"
REFRESH = "secrets-test-refresh-token-777"
CODE = "secrets-test-auth-code-555"
VERIFIER = "secrets-test-verifier-" + "v" * 30
PASSWORD = "secrets-test-password-hunter2"
NEW_TOKEN = "secrets-test-new-access-token-999"
SECRETS = (TOKEN, CLIENT_SECRET, REFRESH, CODE, VERIFIER, PASSWORD, NEW_TOKEN)
SERVER_INFO = {"issuer": BASE + "/", "grant_types_supported": ["authorization_code", "password", "refresh_token"]}


@pytest.fixture(autouse=True)
def _known_secrets(log_guard: LogSecretGuard) -> None:
    for secret in SECRETS:
        log_guard.add_secret(secret)


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG, logger="mastodon")
    yield caplog


def full_client(**kwargs: Any) -> Mastodon:
    settings: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "access_token": TOKEN,
        "api_base_url": BASE,
        "mastodon_version": "4.5.0",
    }
    return Mastodon(**(settings | kwargs))


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into: {text[:500]!r}"


def private_file(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    return path


# -- reprs ---------------------------------------------------------------------------------------


def test_client_repr_and_str_hide_token_and_secret() -> None:
    api = full_client()
    api.refresh_token = REFRESH
    for text in (repr(api), str(api), f"{api!r}", f"{api}"):
        assert_clean(text)
    assert BASE in repr(api)
    assert "token=set" in repr(api)
    assert "token=none" in repr(full_client(access_token=None))


def test_client_repr_hides_credentials_read_from_files(tmp_path: Path) -> None:
    user_file = private_file(tmp_path / "user.secret", f"{TOKEN}\n{BASE}\n{CLIENT_ID}\n{CLIENT_SECRET}\n")
    api = Mastodon(access_token=str(user_file))
    assert api.access_token == TOKEN and api.client_secret == CLIENT_SECRET
    assert_clean(repr(api))


# -- exception messages --------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504])
def test_api_errors_do_not_quote_the_token(mocked: responses.RequestsMock, status: int) -> None:
    # Even a server that echoes the Authorization header in its body is not quoted beyond its error field.
    mocked.get(BASE + "/api/v1/accounts/verify_credentials", status=status, json={"note": "Bearer " + TOKEN})
    api = full_client(ratelimit_method="throw")
    with pytest.raises(MastodonError) as raised:
        api.account_verify_credentials()
    assert_clean(str(raised.value))
    assert_clean(repr(raised.value))


def test_network_errors_do_not_quote_the_token_or_the_form(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/.well-known/oauth-authorization-server", status=404)
    mocked.post(BASE + "/oauth/token", body=requests.exceptions.ConnectionError("connection refused"))
    mocked.post(BASE + "/oauth/revoke", body=requests.exceptions.ReadTimeout("read timed out"))
    api = full_client()
    with pytest.raises(MastodonNetworkError) as refused:
        api.log_in(code=CODE, code_verifier=VERIFIER, scopes=["read"])
    with pytest.raises(MastodonNetworkError) as timed_out:
        api.revoke_access_token()
    for error in (refused.value, timed_out.value):
        assert_clean(str(error))
        assert_clean(repr(error))


def test_refused_login_does_not_quote_code_secret_or_password(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/.well-known/oauth-authorization-server", json=SERVER_INFO)
    mocked.post(BASE + "/oauth/token", status=400, json={"error": "invalid_grant"})
    mocked.post(BASE + "/oauth/token", status=401, json={"error": "invalid_client"})
    api = full_client(access_token=None)
    with pytest.raises(MastodonIllegalArgumentError) as by_code:
        api.log_in(code=CODE, code_verifier=VERIFIER)
    with pytest.raises(MastodonIllegalArgumentError) as by_password:
        api.log_in(username="me@example.com", password=PASSWORD)
    for error in (by_code.value, by_password.value):
        assert_clean(str(error))
        assert_clean(repr(error))
        assert_clean(str(error.__cause__))


def test_token_with_a_line_break_is_refused_without_being_quoted() -> None:
    api = full_client(access_token=TOKEN + "\r\n")
    with responses.RequestsMock() as nothing_registered, pytest.raises(MastodonIllegalArgumentError) as raised:
        api.account_verify_credentials()
    assert not nothing_registered.calls
    assert_clean(str(raised.value))


def test_credential_file_errors_do_not_quote_the_contents(tmp_path: Path) -> None:
    # A client file given where a user file belongs: its second line is the client secret.
    client_file = private_file(tmp_path / "client.secret", f"{CLIENT_ID}\n{CLIENT_SECRET}\n{BASE}\napp\n")
    for attempt in (
        lambda: Mastodon(access_token=str(client_file)),
        lambda: Mastodon(access_token=str(client_file), api_base_url="https://other.example"),
    ):
        with responses.RequestsMock() as nothing_registered, pytest.raises(MastodonIllegalArgumentError) as raised:
            attempt()
        assert not nothing_registered.calls
        assert_clean(str(raised.value))
        assert "user credential" in str(raised.value)

    # ... and a user file given as a client file: its third line is the client ID, not a URL.
    user_file = private_file(tmp_path / "user.secret", f"{TOKEN}\n{BASE}\n{CLIENT_ID}\n{CLIENT_SECRET}\n")
    with pytest.raises(MastodonIllegalArgumentError) as raised:
        Mastodon(client_id=str(user_file))
    assert_clean(str(raised.value))
    assert CLIENT_ID not in str(raised.value)


def test_unreadable_credential_file_error_does_not_quote_the_contents(tmp_path: Path) -> None:
    path = tmp_path / "broken.secret"
    path.write_bytes(TOKEN.encode() + b"\n\xff\xfe" + CLIENT_SECRET.encode() + b"\n")
    path.chmod(0o600)
    with pytest.raises(MastodonError) as raised:
        read_credentials(path, "user credential")
    assert_clean(str(raised.value))
    assert str(path) in str(raised.value)


def test_credential_file_with_a_server_url_line_still_loads(tmp_path: Path) -> None:
    bare_host = private_file(tmp_path / "old.secret", f"{TOKEN}\nmastodon.example\n")
    assert Mastodon(access_token=str(bare_host)).api_base_url == BASE
    two_line_client = private_file(tmp_path / "seed.secret", f"{CLIENT_ID}\n{CLIENT_SECRET}\n")
    api = Mastodon(client_id=str(two_line_client), api_base_url=BASE)
    assert (api.client_id, api.client_secret) == (CLIENT_ID, CLIENT_SECRET)


# -- debug logs ----------------------------------------------------------------------------------


def test_debug_log_redacts_authorization_and_secret_params(
    mocked: responses.RequestsMock, debug_log: pytest.LogCaptureFixture
) -> None:
    mocked.get(BASE + "/api/v1/x", json={})
    mocked.post(BASE + "/api/v1/y", json={})
    mocked.post(BASE + "/api/v1/z", json={})
    api = full_client(debug_requests=True)
    secret_fields = {
        "access_token": TOKEN,
        "client_secret": CLIENT_SECRET,
        "password": PASSWORD,
        "code": CODE,
        "refresh_token": REFRESH,
        "code_verifier": VERIFIER,
    }
    api._call("GET", "/api/v1/x", dict, params=secret_fields | {"visible": "shown-param"})
    api._call("POST", "/api/v1/y", dict, form=secret_fields | {"visible": "shown-form"})
    api._call("POST", "/api/v1/z", dict, json=secret_fields | {"visible": "shown-json"})
    assert "shown-param" in debug_log.text and "shown-form" in debug_log.text, "the log shows the other parameters"
    assert debug_log.text.count("<redacted>") >= 2 * len(secret_fields) + 2
    assert_clean(debug_log.text)
    sent = json.loads(mocked.calls[2].request.body)
    assert sent["password"] == PASSWORD, "redaction is for the log only, not for what is sent"


def test_oauth_flows_log_nothing_secret(mocked: responses.RequestsMock, debug_log: pytest.LogCaptureFixture) -> None:
    mocked.get(BASE + "/.well-known/oauth-authorization-server", json=SERVER_INFO)
    token_answer = {"access_token": NEW_TOKEN, "refresh_token": REFRESH, "scope": "read", "token_type": "Bearer"}
    for _ in range(3):
        mocked.post(BASE + "/oauth/token", json=token_answer)
    mocked.post(BASE + "/oauth/revoke", json={})
    mocked.get(BASE + "/api/v1/accounts/verify_credentials", json={"id": "1", "acct": "me"})
    api = full_client(access_token=None, debug_requests=True)
    assert api.log_in(code=CODE, code_verifier=VERIFIER, scopes=["read"]) == NEW_TOKEN
    assert api.log_in(refresh_token=REFRESH, scopes=["read"]) == NEW_TOKEN
    assert api.log_in(username="me@example.com", password=PASSWORD, scopes=["read"]) == NEW_TOKEN
    api.account_verify_credentials()
    api.revoke_access_token()
    assert debug_log.records, "debug_requests logs each request"
    assert_clean(debug_log.text)


def test_create_account_logs_neither_password_nor_tokens(
    mocked: responses.RequestsMock, debug_log: pytest.LogCaptureFixture
) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": TOKEN, "scope": "read write follow push"})
    mocked.post(BASE + "/api/v1/accounts", json={"access_token": NEW_TOKEN, "scope": "read write follow push"})
    api = full_client(access_token=None, debug_requests=True)
    assert api.create_account("newbie", PASSWORD, "new@example.com", agreement=True) == NEW_TOKEN
    assert len(debug_log.records) >= 2
    assert_clean(debug_log.text)


def test_log_guard_sees_mastodon_records_and_finds_leaks(log_guard: LogSecretGuard) -> None:
    marker = "log-guard-self-check-marker"
    logging.getLogger("mastodon.selfcheck").debug("harmless %s", marker)
    assert any(marker in text for text in log_guard.texts), "records of the mastodon loggers are captured at DEBUG"
    assert log_guard.scan([f"GET /x headers={{'Authorization': 'Bearer {TOKEN}'}}"])
    assert log_guard.scan([f"data={{'client_secret': '{CLIENT_SECRET}'}}"])
    assert log_guard.scan(["data=[('code', 'abc123')]"]), "an unredacted secret field is a leak whatever its value"
    assert log_guard.scan(["GET /api?access_token=abc123"])
    assert log_guard.scan(["Bearer tok"]) and log_guard.scan(["token is tok."])
    assert not log_guard.scan(["tokens, token=<redacted>, stock, tok-secretless"])
    assert not log_guard.scan(["data={'grant_type': 'refresh_token', 'refresh_token': '<redacted>'}"])
    assert not log_guard.scan(["headers={'Authorization': '<redacted>', 'User-Agent': 'mastodonpy'}"])


# -- files readable by others ----------------------------------------------------------------------


def readable_file_notes(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "mastodon.credentials" and r.levelno == logging.WARNING]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_credential_file_readable_by_others_is_logged_once(
    tmp_path: Path, mode: int, caplog: pytest.LogCaptureFixture
) -> None:
    user_file = tmp_path / "user.cred"
    user_file.write_text(f"{TOKEN}\n{BASE}\n{CLIENT_ID}\n{CLIENT_SECRET}\n")
    user_file.chmod(mode)
    caplog.set_level(logging.WARNING, logger="mastodon.credentials")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # as under python -W error: a note, never an exception
        api = Mastodon(access_token=str(user_file))
        assert api.access_token == TOKEN, "the file is still used"
        Mastodon(access_token=user_file)  # the same file again, named as a path object
    notes = readable_file_notes(caplog)
    assert len(notes) == 1
    message = notes[0].getMessage()
    assert "chmod 600" in message and str(user_file) in message
    assert_clean(message)
    assert os.stat(user_file).st_mode & 0o777 == mode, "the user's file mode is left alone"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_each_readable_file_is_logged_once_per_process(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    client_file = tmp_path / "client.cred"
    client_file.write_text(f"{CLIENT_ID}\n{CLIENT_SECRET}\n{BASE}\napp\n")
    client_file.chmod(0o644)
    user_file = tmp_path / "user.cred"
    user_file.write_text(f"{TOKEN}\n{BASE}\n")
    user_file.chmod(0o644)
    caplog.set_level(logging.WARNING, logger="mastodon.credentials")
    for _ in range(3):
        Mastodon(client_id=str(client_file), access_token=str(user_file))
    messages = [note.getMessage() for note in readable_file_notes(caplog)]
    assert len(messages) == 2
    assert sum(str(client_file) in message for message in messages) == 1
    assert sum(str(user_file) in message for message in messages) == 1
    assert all("readable by other users" in message for message in messages)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_private_credential_file_does_not_warn(tmp_path: Path) -> None:
    user_file = private_file(tmp_path / "user.secret", f"{TOKEN}\n{BASE}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Mastodon(access_token=str(user_file)).access_token == TOKEN


def test_written_credential_files_are_private_and_reread_silently(
    mocked: responses.RequestsMock, tmp_path: Path
) -> None:
    mocked.post(BASE + "/api/v1/apps", json={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET})
    client_file = tmp_path / "client.secret"
    Mastodon.create_app("app", api_base_url=BASE, to_file=str(client_file))
    if os.name == "posix":
        assert client_file.stat().st_mode & 0o077 == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        api = Mastodon(client_id=str(client_file))
    assert api.client_secret == CLIENT_SECRET
