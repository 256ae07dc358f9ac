"""Registering an app, the authorization-code login (with and without PKCE), and revoking the token.

The account picker of the mock stands in for the user's browser. The mock offers its OAuth
endpoints over plain http on 127.0.0.1, so the library must be told ``allow_http=True``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonUnauthorizedError
from mastodon.return_types import Account, Instance, InstanceV2

from ._mockserver import OOB_REDIRECT, MockServer, authorize_code_from_url
from .conftest import Target

REDIRECT = "http://127.0.0.1:9/oauth-callback"
SCOPES = ["read", "write"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _register(mock: MockServer, tmp_path: Path, **kwargs: object) -> Path:
    client_file = tmp_path / "client.secret"
    settings: dict[str, object] = {"redirect_uris": REDIRECT, "scopes": SCOPES} | kwargs
    Mastodon.create_app("integration app", api_base_url=mock.base_url, to_file=str(client_file), **settings)
    return client_file


class _BodyRecorder:
    """Keeps every request a session sends, to read what went over the wire."""

    def __init__(self, session: requests.Session) -> None:
        self.sent: list[requests.PreparedRequest] = []
        session.hooks["response"].append(self._keep)

    def _keep(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        self.sent.append(response.request)

    def form_posted_to(self, path: str) -> dict[str, list[str]]:
        bodies = [r.body for r in self.sent if r.method == "POST" and urlsplit(r.url or "").path == path]
        assert len(bodies) == 1, f"expected one POST to {path}, saw {len(bodies)}"
        body = bodies[0]
        text = body.decode() if isinstance(body, bytes) else str(body or "")
        return parse_qs(text)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_create_app_writes_private_client_file(mock: MockServer, tmp_path: Path) -> None:
    client_file = tmp_path / "client.secret"
    client_id, client_secret = Mastodon.create_app(
        "integration app", api_base_url=mock.base_url, redirect_uris=REDIRECT, to_file=str(client_file)
    )

    assert client_file.read_text().splitlines() == [client_id, client_secret, mock.base_url, "integration app"]
    assert _mode(client_file) == 0o600
    api = Mastodon(client_id=str(client_file))
    assert (api.client_id, api.client_secret, api.api_base_url) == (client_id, client_secret, mock.base_url)


def test_authorization_code_login_then_revoke(mock: MockServer, tmp_path: Path) -> None:
    client_file = _register(mock, tmp_path)
    user_file = tmp_path / "user.secret"
    api = Mastodon(client_id=str(client_file))

    url = api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES, state="st-4711", allow_http=True)
    query = _query(url)
    assert url.startswith(f"{mock.base_url}/oauth/authorize?")
    assert query["client_id"] == [api.client_id]
    assert query["redirect_uri"] == [REDIRECT]
    assert query["response_type"] == ["code"]
    assert query["scope"] == ["read write"]
    assert query["state"] == ["st-4711"]

    code = authorize_code_from_url(url, "alice", expected_state="st-4711")
    token = api.log_in(code=code, redirect_uri=REDIRECT, scopes=SCOPES, to_file=str(user_file), allow_http=True)

    assert token == api.access_token
    assert user_file.read_text().splitlines() == [token, mock.base_url, api.client_id, api.client_secret]
    if os.name == "posix":
        assert _mode(user_file) == 0o600

    me = api.account_verify_credentials()
    assert isinstance(me, Account)
    assert me.username == "alice"
    assert me["acct"] == "alice"

    instance = api.instance()
    assert isinstance(instance, (InstanceV2, Instance))
    assert instance.version.startswith("4.")

    # A client built only from the user file works the same.
    from_file = Mastodon(access_token=str(user_file))
    assert from_file.api_base_url == mock.base_url
    assert from_file.account_verify_credentials().id == me.id

    mark = mock.log_mark()
    api.revoke_access_token(allow_http=True)
    assert [(r.method, r.path, r.status) for r in mock.requests_since(mark)] == [("POST", "/oauth/revoke", 200)]

    with pytest.raises(MastodonUnauthorizedError) as raised:
        api.account_verify_credentials()
    assert raised.value.status_code == 401
    with pytest.raises(MastodonUnauthorizedError):
        Mastodon(access_token=str(user_file)).account_verify_credentials()


def test_pkce_login_sends_the_verifier_behind_the_challenge(mock: MockServer, tmp_path: Path) -> None:
    client_file = _register(mock, tmp_path)
    session = requests.Session()
    recorder = _BodyRecorder(session)
    api = Mastodon(client_id=str(client_file), session=session)

    url = api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES, allow_http=True, pkce=True)
    query = _query(url)
    verifier = api.pkce_code_verifier
    assert verifier is not None and 43 <= len(verifier) <= 128
    expected_challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert query["code_challenge"] == [expected_challenge]
    assert query["code_challenge_method"] == ["S256"]

    code = authorize_code_from_url(url, "bob")
    api.log_in(code=code, redirect_uri=REDIRECT, scopes=SCOPES, allow_http=True)

    sent = recorder.form_posted_to("/oauth/token")
    assert sent["grant_type"] == ["authorization_code"]
    assert sent["code"] == [code]
    assert sent["redirect_uri"] == [REDIRECT]
    assert sent["code_verifier"] == [verifier]
    assert api.account_verify_credentials().username == "bob"


def test_pkce_with_a_given_verifier(mock: MockServer, tmp_path: Path) -> None:
    api = Mastodon(client_id=str(_register(mock, tmp_path)))
    verifier = "v" * 64

    url = api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES, allow_http=True, code_verifier=verifier)

    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert _query(url)["code_challenge"] == [expected]
    code = authorize_code_from_url(url, "alice")
    api.log_in(code=code, redirect_uri=REDIRECT, scopes=SCOPES, allow_http=True, code_verifier=verifier)
    assert api.account_verify_credentials().username == "alice"


def test_out_of_band_login(mock: MockServer, tmp_path: Path) -> None:
    client_file = tmp_path / "client.secret"
    Mastodon.create_app("oob app", api_base_url=mock.base_url, to_file=str(client_file))
    api = Mastodon(client_id=str(client_file))

    url = api.auth_request_url(allow_http=True)
    assert _query(url)["redirect_uri"] == [OOB_REDIRECT]
    assert _query(url)["scope"] == ["read write follow push"]
    code = authorize_code_from_url(url, "bob")
    api.log_in(code=code, allow_http=True)

    assert api.account_verify_credentials().username == "bob"


def test_http_oauth_endpoints_refused_without_allow_http(mock: MockServer, tmp_path: Path) -> None:
    api = Mastodon(client_id=str(_register(mock, tmp_path)))
    mark = mock.log_mark()

    with pytest.raises(MastodonIllegalArgumentError):
        api.auth_request_url(redirect_uris=REDIRECT, scopes=SCOPES)
    with pytest.raises(MastodonIllegalArgumentError):
        api.log_in(code="mockcode_alice", redirect_uri=REDIRECT, scopes=SCOPES)

    assert api.access_token is None
    assert all(r.path != "/oauth/token" for r in mock.requests_since(mark))


def test_password_grant_is_refused_before_sending_the_password(mock: MockServer, tmp_path: Path) -> None:
    api = Mastodon(client_id=str(_register(mock, tmp_path)))
    mark = mock.log_mark()

    with pytest.raises(MastodonIllegalArgumentError, match="password"):
        api.log_in(username="alice@example.com", password="hunter2", scopes=SCOPES, allow_http=True)

    assert all(r.path != "/oauth/token" for r in mock.requests_since(mark))


def test_rejected_code_is_a_clear_error(mock: MockServer, tmp_path: Path) -> None:
    api = Mastodon(client_id=str(_register(mock, tmp_path)))

    with pytest.raises(MastodonIllegalArgumentError):
        api.log_in(code="not-a-code", redirect_uri=REDIRECT, scopes=SCOPES, allow_http=True)
    assert api.access_token is None


def test_granted_scopes_must_cover_requested_ones(mock: MockServer, tmp_path: Path) -> None:
    # The app may only use "read"; asking for more at login must not pass silently.
    api = Mastodon(client_id=str(_register(mock, tmp_path, scopes=["read"])))
    url = api.auth_request_url(redirect_uris=REDIRECT, scopes=["read"], allow_http=True)
    code = authorize_code_from_url(url, "alice")

    with pytest.raises(MastodonAPIError, match="scope"):
        api.log_in(code=code, redirect_uri=REDIRECT, scopes=["read", "write"], allow_http=True)


def test_create_account_signs_up_and_logs_in(mock: MockServer, tmp_path: Path) -> None:
    api = Mastodon(client_id=str(_register(mock, tmp_path)))
    user_file = tmp_path / "carol.secret"

    token = api.create_account(
        "carol", "correct horse battery", "carol@example.com", agreement=True, scopes=SCOPES, to_file=str(user_file)
    )

    assert isinstance(token, str) and token
    assert user_file.read_text().splitlines()[:2] == [token, mock.base_url]
    assert Mastodon(access_token=str(user_file)).account_verify_credentials().username == "carol"


def test_target_token_identifies_a_user(target: Target) -> None:
    api = Mastodon(access_token=target.token, api_base_url=target.base_url)

    me = api.account_verify_credentials()
    instance = api.instance()

    assert isinstance(me, Account)
    assert me.id and me.username
    if target.is_mock:
        assert me.username == "alice"
    assert isinstance(instance, (InstanceV2, Instance))
    assert instance.version


def test_target_refuses_an_unknown_token(target: Target) -> None:
    api = Mastodon(access_token="certainly-not-a-valid-token", api_base_url=target.base_url)

    with pytest.raises(MastodonUnauthorizedError) as raised:
        api.account_verify_credentials()

    assert raised.value.status_code == 401
    assert "certainly-not-a-valid-token" not in str(raised.value)
