"""Apps, OAuth and tokens."""

from __future__ import annotations

import base64
import hashlib
import os
import stat
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import requests
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError, MastodonNetworkError
from mastodon.methods.auth import expand_scopes
from mastodon.return_types import AccountCreationError, Application, OAuthUserInfo
from mastodon.types_base import AttribAccessDict
from tests.methods._helpers import form_of

BASE = "https://mastodon.example"
WELL_KNOWN = BASE + "/.well-known/oauth-authorization-server"
META = {
    "issuer": BASE + "/",
    "authorization_endpoint": BASE + "/oauth/authorize",
    "token_endpoint": BASE + "/oauth/token",
    "revocation_endpoint": BASE + "/oauth/revoke",
    "userinfo_endpoint": BASE + "/oauth/userinfo",
    "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
}


@pytest.fixture
def app() -> Mastodon:
    return Mastodon(client_id="cid", client_secret="csec", api_base_url=BASE, mastodon_version="4.5.0")


# -- create_app -------------------------------------------------------------------------------------------


def test_create_app_uses_requests_post(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    mocked.post(
        BASE + "/api/v1/apps",
        match=[
            matchers.urlencoded_params_matcher(
                {
                    "client_name": "My App",
                    "scopes": "read write",
                    "redirect_uris": "https://a.example/cb\nhttps://b.example/cb",
                    "website": "https://app.example",
                }
            ),
            matchers.header_matcher({"User-Agent": "myapp/2"}),
        ],
        json={"client_id": "new-id", "client_secret": "new-secret", "name": "My App"},
    )
    target = tmp_path / "client.secret"
    result = Mastodon.create_app(
        "My App",
        scopes=["read", "write"],
        redirect_uris=["https://a.example/cb", "https://b.example/cb"],
        website="https://app.example",
        to_file=str(target),
        api_base_url="mastodon.example/",
        user_agent="myapp/2",
    )
    assert result == ("new-id", "new-secret")
    assert target.read_text() == f"new-id\nnew-secret\n{BASE}\nMy App\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert "Authorization" not in mocked.calls[0].request.headers


def test_create_app_defaults(mocked: responses.RequestsMock) -> None:
    mocked.post(
        BASE + "/api/v1/apps",
        match=[
            matchers.urlencoded_params_matcher(
                {"client_name": "x", "scopes": "read write follow push", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob"}
            )
        ],
        json={"client_id": "i", "client_secret": "s"},
    )
    assert Mastodon.create_app("x", api_base_url=BASE) == ("i", "s")


def test_create_app_uses_the_given_session() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    class Session(requests.Session):
        def post(self, url: Any, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
            calls.append((url, {"data": data, **kwargs}))
            response = requests.Response()
            response.status_code = 200
            response._content = b'{"client_id": "i", "client_secret": "s"}'
            return response

    assert Mastodon.create_app("x", api_base_url=BASE, session=Session(), request_timeout=9) == ("i", "s")
    ((url, kwargs),) = calls
    assert url == BASE + "/api/v1/apps"
    assert kwargs["timeout"] == 9


@pytest.mark.parametrize(
    "kwargs",
    [{"client_name": ""}, {"client_name": "x", "api_base_url": None}, {"client_name": "x", "scopes": [""]}],
)
def test_create_app_bad_input(mocked: responses.RequestsMock, kwargs: dict[str, Any]) -> None:
    kwargs.setdefault("api_base_url", BASE)
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon.create_app(**kwargs)


def test_create_app_errors(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/apps", status=422, json={"error": "Validation failed: Redirect URI must be absolute"})
    with pytest.raises(MastodonAPIError) as info:
        Mastodon.create_app("x", api_base_url=BASE)
    assert info.value.status_code == 422
    mocked.post(BASE + "/api/v1/apps", body=requests.exceptions.ConnectionError("down"))
    with pytest.raises(MastodonNetworkError):
        Mastodon.create_app("x", api_base_url=BASE)
    mocked.post(BASE + "/api/v1/apps", json={"name": "x"})
    with pytest.raises(MastodonAPIError):
        Mastodon.create_app("x", api_base_url=BASE)


def test_create_app_with_requests_post_stubbed_by_a_bare_mock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    answer = mock.Mock()
    answer.json.return_value = {"client_id": "stub-id", "client_secret": "stub-secret"}
    post = mock.Mock(return_value=answer)
    monkeypatch.setattr(requests, "post", post)
    target = tmp_path / "client.secret"
    assert Mastodon.create_app("x", api_base_url=BASE, to_file=target) == ("stub-id", "stub-secret")
    assert post.call_args.args[0] == BASE + "/api/v1/apps"
    assert target.read_text().splitlines()[:2] == ["stub-id", "stub-secret"]


def test_create_app_with_a_stub_that_offers_only_json() -> None:
    class Session(requests.Session):
        def post(self, url: Any, data: Any = None, json: Any = None, **kwargs: Any) -> Any:
            return SimpleNamespace(json=lambda: {"client_id": "i", "client_secret": "s"})

    assert Mastodon.create_app("x", api_base_url=BASE, session=Session()) == ("i", "s")


@pytest.mark.parametrize("status", [200, 404, 502])
def test_create_app_answer_that_is_not_json_is_a_network_error(mocked: responses.RequestsMock, status: int) -> None:
    mocked.post(
        BASE + "/api/v1/apps", status=status, body="<html><body>Welcome</body></html>", content_type="text/html"
    )
    with pytest.raises(MastodonNetworkError):
        Mastodon.create_app("x", api_base_url=BASE)


# -- discovery and the authorization URL ---------------------------------------------------------------------


def test_oauth_authorization_server_info(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json=META)
    info = app.oauth_authorization_server_info()
    assert info.token_endpoint == META["token_endpoint"]


@pytest.mark.parametrize("status", [404, 410])
def test_oauth_authorization_server_info_missing(mocked: responses.RequestsMock, app: Mastodon, status: int) -> None:
    mocked.get(WELL_KNOWN, status=status)
    assert app.oauth_authorization_server_info() == AttribAccessDict()


def test_oauth_authorization_server_info_html(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, body="<html>pixelfed</html>", content_type="text/html")
    assert app.oauth_authorization_server_info() == {}


def test_auth_request_url_with_discovery(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json={**META, "authorization_endpoint": "https://auth.example/authorize"})
    url = app.auth_request_url(
        redirect_uris="https://app.example/cb", scopes=["read"], state="xyz", force_login=True, lang="de"
    )
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "auth.example", "/authorize")
    assert parse_qs(parts.query) == {
        "client_id": ["cid"],
        "response_type": ["code"],
        "redirect_uri": ["https://app.example/cb"],
        "scope": ["read"],
        "state": ["xyz"],
        "force_login": ["True"],
        "lang": ["de"],
    }


def test_auth_request_url_leaves_out_the_options_not_given(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, status=404)
    url = app.auth_request_url()
    assert urlsplit(url).query == (
        "client_id=cid&response_type=code&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob&scope=read+write+follow+push"
    )


def test_auth_request_url_skip_server_info(mocked: responses.RequestsMock, app: Mastodon) -> None:
    url = app.auth_request_url(skip_server_info=True)
    parts = urlsplit(url)
    assert url.startswith(BASE + "/oauth/authorize?")
    query = parse_qs(parts.query)
    assert query["scope"] == ["read write follow push"]
    assert query["redirect_uri"] == ["urn:ietf:wg:oauth:2.0:oob"]
    assert "state" not in query and "force_login" not in query


def test_auth_request_url_without_discovery_document(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, status=404)
    assert app.auth_request_url().startswith(BASE + "/oauth/authorize?")


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://mastodon.example/oauth/authorize",
        "https://user:pw@mastodon.example/oauth/authorize",
        "https://mastodon.example/oauth/authorize?x=1",
        "https://mastodon.example/oauth/authorize#frag",
        "javascript:alert(1)",
        "http://127.0.0.1/oauth/authorize",
    ],
)
def test_unsafe_discovered_endpoints_are_refused(mocked: responses.RequestsMock, app: Mastodon, endpoint: str) -> None:
    mocked.get(WELL_KNOWN, json={**META, "authorization_endpoint": endpoint})
    with pytest.raises(MastodonIllegalArgumentError):
        app.auth_request_url()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_allow_http_only_for_loopback(mocked: responses.RequestsMock, app: Mastodon, host: str) -> None:
    mocked.get(WELL_KNOWN, json={**META, "authorization_endpoint": f"http://{host}:3000/oauth/authorize"})
    assert app.auth_request_url(allow_http=True).startswith(f"http://{host}:3000/oauth/authorize?")


def test_allow_http_does_not_allow_other_hosts(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json={**META, "authorization_endpoint": "http://evil.example/oauth/authorize"})
    with pytest.raises(MastodonIllegalArgumentError):
        app.auth_request_url(allow_http=True)


def test_auth_request_url_pkce(mocked: responses.RequestsMock, app: Mastodon) -> None:
    verifier = "v" * 50
    url = app.auth_request_url(skip_server_info=True, code_verifier=verifier)
    query = parse_qs(urlsplit(url).query)
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert query["code_challenge"] == [expected]
    assert query["code_challenge_method"] == ["S256"]
    assert app.pkce_code_verifier == verifier
    # RFC 7636 appendix B example.
    from mastodon.methods.auth import pkce_challenge

    rfc_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce_challenge(rfc_verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_auth_request_url_pkce_generated(mocked: responses.RequestsMock, app: Mastodon) -> None:
    app.auth_request_url(skip_server_info=True, pkce=True)
    verifier = app.pkce_code_verifier
    assert verifier is not None and 43 <= len(verifier) <= 128


def test_auth_request_url_bad_input(mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=BASE).auth_request_url(skip_server_info=True)
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(client_id="cid", api_base_url=BASE).auth_request_url(skip_server_info=True, code_verifier="short")


def test_auth_request_url_reads_a_client_file(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    path = tmp_path / "c.secret"
    path.write_text("file-cid\nsec\n")
    path.chmod(0o600)
    url = Mastodon(api_base_url=BASE).auth_request_url(client_id=str(path), skip_server_info=True)
    assert parse_qs(urlsplit(url).query)["client_id"] == ["file-cid"]


# -- log_in ------------------------------------------------------------------------------------------------------


def test_log_in_with_code_and_pkce(mocked: responses.RequestsMock, app: Mastodon, tmp_path: Path) -> None:
    mocked.get(WELL_KNOWN, json=META)
    mocked.post(
        META["token_endpoint"],
        json={"access_token": "user-tok", "scope": "read write follow push", "refresh_token": "ref"},
    )
    app.auth_request_url(code_verifier="w" * 43)
    target = tmp_path / "user.secret"
    assert app.log_in(code="the-code", redirect_uri="https://app.example/cb", to_file=str(target)) == "user-tok"
    assert dict(form_of(mocked.calls[1].request)) == {
        "client_id": "cid",
        "client_secret": "csec",
        "scope": "read write follow push",
        "grant_type": "authorization_code",
        "code": "the-code",
        "redirect_uri": "https://app.example/cb",
        "code_verifier": "w" * 43,
    }
    assert [key for key, _ in parse_qsl(mocked.calls[1].request.body)] == [
        "code", "redirect_uri", "grant_type", "client_id", "client_secret", "scope", "code_verifier"
    ]  # fmt: skip
    assert "Authorization" not in mocked.calls[1].request.headers
    assert app.access_token == "user-tok" and app.refresh_token == "ref"
    assert target.read_text() == f"user-tok\n{BASE}\ncid\ncsec\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert app.persistable_login_credentials() == target.read_text()


def test_log_in_with_refresh_token(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, status=404)
    mocked.post(BASE + "/oauth/token", json={"access_token": "fresh", "scope": "read"})
    assert app.log_in(refresh_token="old-ref", scopes=["read"]) == "fresh"
    assert parse_qsl(mocked.calls[1].request.body) == [
        ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
        ("refresh_token", "old-ref"),
        ("grant_type", "refresh_token"),
        ("client_id", "cid"),
        ("client_secret", "csec"),
        ("scope", "read"),
    ]
    assert app.refresh_token == "old-ref"


def test_log_in_password_refused_when_the_server_lacks_the_grant(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json=META)
    with pytest.raises(MastodonIllegalArgumentError, match="password grant"):
        app.log_in("me@example.com", "pw")
    assert len(mocked.calls) == 1


def test_log_in_password_where_offered(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json={**META, "grant_types_supported": ["password", "authorization_code"]})
    mocked.post(META["token_endpoint"], json={"access_token": "t", "scope": "read write follow push"})
    assert app.log_in("me@example.com", "pw") == "t"
    assert parse_qsl(mocked.calls[1].request.body) == [
        ("username", "me@example.com"),
        ("password", "pw"),
        ("redirect_uri", "urn:ietf:wg:oauth:2.0:oob"),
        ("grant_type", "password"),
        ("client_id", "cid"),
        ("client_secret", "csec"),
        ("scope", "read write follow push"),
    ]


def test_log_in_with_a_password_and_a_code_uses_the_password(mocked: responses.RequestsMock, app: Mastodon) -> None:
    # Mastodon.py's precedence: a username and password, then a code, then a refresh token.
    mocked.get(WELL_KNOWN, status=404)
    mocked.post(BASE + "/oauth/token", json={"access_token": "t", "scope": "read write follow push"})
    assert app.log_in("me@example.com", "pw", code="c", refresh_token="r") == "t"
    sent = dict(form_of(mocked.calls[1].request))
    assert sent["grant_type"] == "password" and "code" not in sent and "refresh_token" not in sent


def test_log_in_scope_check(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json=META)
    mocked.post(META["token_endpoint"], json={"access_token": "t", "scope": "read:statuses"})
    with pytest.raises(MastodonAPIError, match="read"):
        app.log_in(code="c", scopes=["read"])
    # A broad scope granted covers the narrow one asked for.
    mocked.post(META["token_endpoint"], json={"access_token": "t", "scope": "read"})
    assert app.log_in(code="c", scopes=["read:statuses"]) == "t"


def test_expand_scopes() -> None:
    assert "read:statuses" in expand_scopes(["read"])
    assert "write:media" in expand_scopes(["write"])
    assert "read:follows" in expand_scopes(["follow"])
    assert "admin:read:accounts" in expand_scopes(["admin:read"])
    assert expand_scopes(["push"]) == {"push"}


def test_log_in_bad_credentials(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json=META)
    mocked.post(META["token_endpoint"], status=400, json={"error": "invalid_grant", "error_description": "bad code"})
    with pytest.raises(MastodonIllegalArgumentError) as info:
        app.log_in(code="wrong")
    assert isinstance(info.value.__cause__, MastodonAPIError)
    assert "csec" not in str(info.value)


def test_log_in_bad_input(mocked: responses.RequestsMock, app: Mastodon) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        app.log_in()
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=BASE).log_in(code="c")
    with pytest.raises(MastodonIllegalArgumentError):
        app.log_in(code="c", scopes=[None])  # type: ignore[list-item]


def test_log_in_answer_without_token(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.get(WELL_KNOWN, status=404)
    mocked.post(BASE + "/oauth/token", json={"error": "odd"})
    with pytest.raises(MastodonAPIError):
        app.log_in(code="c")


# -- tokens and apps ------------------------------------------------------------------------------------------------


def test_revoke_access_token(mocked: responses.RequestsMock, app: Mastodon) -> None:
    app.access_token = "user-tok"
    mocked.get(WELL_KNOWN, json=META)
    mocked.post(META["revocation_endpoint"], json={})
    app.revoke_access_token()
    assert dict(form_of(mocked.calls[1].request)) == {"client_id": "cid", "client_secret": "csec", "token": "user-tok"}
    assert "Authorization" not in mocked.calls[1].request.headers


def test_revoke_needs_a_token_and_client(mocked: responses.RequestsMock, app: Mastodon) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        app.revoke_access_token()
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(access_token="t", api_base_url=BASE).revoke_access_token()


def test_app_verify_credentials(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(
        BASE + "/api/v1/apps/verify_credentials",
        match=[matchers.header_matcher({"Authorization": "Bearer tok"})],
        json={"name": "My App", "website": None},
    )
    result = api.app_verify_credentials()
    assert isinstance(result, Application) and result.name == "My App"


def test_oauth_userinfo(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(WELL_KNOWN, json=META)
    mocked.get(BASE + "/oauth/userinfo", json={"iss": BASE + "/", "sub": "1"})
    result = api.oauth_userinfo()
    assert isinstance(result, OAuthUserInfo) and result.sub == "1"
    assert mocked.calls[1].request.headers["Authorization"] == "Bearer tok"


def test_credential_paths_may_be_path_objects(mocked: responses.RequestsMock, app: Mastodon, tmp_path: Path) -> None:
    client_file = tmp_path / "client.secret"
    client_file.write_text(f"cid-from-file\ncsec\n{BASE}\n")
    client_file.chmod(0o600)
    url = app.auth_request_url(client_id=client_file, skip_server_info=True)
    assert parse_qs(urlsplit(url).query)["client_id"] == ["cid-from-file"]
    mocked.get(WELL_KNOWN, json=META)
    mocked.post(META["token_endpoint"], json={"access_token": "user-tok", "scope": "read write follow push"})
    user_file = tmp_path / "user.secret"
    app.log_in(code="the-code", to_file=user_file)
    assert user_file.read_text().splitlines()[0] == "user-tok"
    assert Mastodon(access_token=user_file).access_token == "user-tok"


# -- create_account ------------------------------------------------------------------------------------------------


def test_create_account(mocked: responses.RequestsMock, app: Mastodon, tmp_path: Path) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    mocked.post(
        BASE + "/api/v1/accounts",
        match=[matchers.header_matcher({"Authorization": "Bearer app-tok"})],
        json={"access_token": "user-tok", "scope": "read write"},
    )
    target = tmp_path / "u.secret"
    assert (
        app.create_account("new", "pw", "n@example.com", agreement=True, scopes=["read", "write"], to_file=str(target))
        == "user-tok"
    )
    assert app.access_token == "user-tok"
    assert target.read_text().splitlines()[0] == "user-tok"
    # Both forms carry Mastodon.py's fields in its order.
    assert parse_qsl(mocked.calls[0].request.body) == [
        ("scope", "read write"),
        ("client_id", "cid"),
        ("client_secret", "csec"),
        ("grant_type", "client_credentials"),
    ]
    assert parse_qsl(mocked.calls[1].request.body) == [
        ("username", "new"),
        ("password", "pw"),
        ("email", "n@example.com"),
        ("agreement", "1"),
        ("locale", "en"),
        ("return_detailed_error", "0"),
        ("client_id", "cid"),
        ("client_secret", "csec"),
    ]


def test_create_account_sends_every_field_in_order(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    mocked.post(BASE + "/api/v1/accounts", json={"access_token": "user-tok", "scope": "read write follow push"})
    born = datetime(2000, 12, 31, 8, 0)
    app.create_account("new", "pw", "n@example.com", reason="hi", locale="de", date_of_birth=born)
    # An agreement not given is left out, not sent as 0.
    assert parse_qsl(mocked.calls[1].request.body) == [
        ("username", "new"),
        ("password", "pw"),
        ("email", "n@example.com"),
        ("reason", "hi"),
        ("locale", "de"),
        ("return_detailed_error", "0"),
        ("date_of_birth", "2000-12-31"),
        ("client_id", "cid"),
        ("client_secret", "csec"),
    ]


def test_create_account_detailed_error(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    body = {"error": "Validation failed", "details": {"username": [{"error": "ERR_TAKEN", "description": "taken"}]}}
    mocked.post(BASE + "/api/v1/accounts", status=422, json=body)
    token, error = app.create_account("new", "pw", "n@example.com", return_detailed_error=True)  # type: ignore[misc]
    assert token is None
    assert isinstance(error, AccountCreationError)
    assert error.details.username[0].error == "ERR_TAKEN"


def test_create_account_error_raises_without_detail_flag(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    mocked.post(BASE + "/api/v1/accounts", status=422, json={"error": "Validation failed"})
    with pytest.raises(MastodonAPIError) as info:
        app.create_account("new", "pw", "n@example.com")
    assert info.value.status_code == 422


def test_create_account_success_with_detail_flag(mocked: responses.RequestsMock, app: Mastodon) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    mocked.post(BASE + "/api/v1/accounts", json={"access_token": "user-tok", "scope": "read write follow push"})
    token, error = app.create_account("new", "pw", "n@example.com", return_detailed_error=True)  # type: ignore[misc]
    assert token == "user-tok"
    assert isinstance(error, AccountCreationError)


@pytest.mark.parametrize("field", ["username", "password", "email"])
def test_create_account_sends_empty_values_and_returns_the_servers_details(
    mocked: responses.RequestsMock, app: Mastodon, field: str
) -> None:
    kwargs: dict[str, Any] = {"username": "u", "password": "p", "email": "e@example.com", field: ""}
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-tok"})
    signup = mocked.post(
        BASE + "/api/v1/accounts",
        status=422,
        json={"error": "Validation failed", "details": {field: [{"error": "ERR_BLANK", "description": "blank"}]}},
    )
    token, error = app.create_account(**kwargs, return_detailed_error=True)
    assert token is None
    assert isinstance(error, AccountCreationError)
    assert error.details[field][0].error == "ERR_BLANK"
    assert dict(parse_qsl(signup.calls[0].request.body, keep_blank_values=True))[field] == ""


@pytest.mark.parametrize("field", ["username", "password", "email"])
def test_create_account_refuses_values_that_are_no_text(app: Mastodon, field: str) -> None:
    kwargs: dict[str, Any] = {"username": "u", "password": "p", "email": "e@example.com", field: None}
    with pytest.raises(MastodonIllegalArgumentError, match=field):
        app.create_account(**kwargs)
