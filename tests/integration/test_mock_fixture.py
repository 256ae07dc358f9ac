"""The test server fixtures themselves: start-up, seed, control API and the authorization page.

These use plain ``requests`` only, so they tell a broken fixture apart from a broken library.
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import pytest
import requests

from ._mockserver import OOB_REDIRECT, MockServer, authorize_code, render_config
from .conftest import RATELIMIT

REDIRECT = "http://127.0.0.1:9/callback"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _register_app(base_url: str, redirect_uris: str = REDIRECT, scopes: str = "read write") -> dict[str, str]:
    answer = requests.post(
        f"{base_url}/api/v1/apps",
        data={"client_name": "fixture check", "redirect_uris": redirect_uris, "scopes": scopes},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    app: dict[str, str] = answer.json()
    return app


def test_health_answers_ok(mock: MockServer) -> None:
    answer = requests.get(f"{mock.base_url}/health", timeout=10)
    assert answer.status_code == 200
    assert answer.text == "OK"


def test_config_file_holds_port_seed_and_heartbeat(mock: MockServer) -> None:
    config = tomllib.loads(mock.config_path.read_text(encoding="utf-8"))
    assert config["server"] == {"host": "127.0.0.1", "port": int(mock.base_url.rsplit(":", 1)[1])}
    assert config["streaming"]["heartbeat_seconds"] == 0.5
    assert config["ratelimit"]["enabled"] is False
    assert {a["username"]: a["access_token"] for a in config["seed"]["accounts"]} == mock.tokens


def test_render_config_with_ratelimit_is_valid_toml() -> None:
    text = render_config(1234, {"zoe": 'tok"with"quotes'}, RATELIMIT, heartbeat_seconds=0.25)
    config = tomllib.loads(text)
    expected = {"enabled": True, "limit": RATELIMIT.limit, "window_seconds": RATELIMIT.window_seconds}
    assert config["ratelimit"] == expected
    assert config["seed"]["accounts"][0]["access_token"] == 'tok"with"quotes'
    assert config["streaming"]["heartbeat_seconds"] == 0.25


@pytest.mark.parametrize("username", ["alice", "bob"])
def test_seeded_tokens_identify_their_accounts(mock: MockServer, username: str) -> None:
    answer = requests.get(
        f"{mock.base_url}/api/v1/accounts/verify_credentials", headers=_bearer(mock.tokens[username]), timeout=10
    )
    assert answer.status_code == 200
    assert answer.json()["username"] == username


def test_unknown_token_is_refused_on_a_user_endpoint(mock: MockServer) -> None:
    answer = requests.get(
        f"{mock.base_url}/api/v1/accounts/verify_credentials", headers=_bearer("not-a-token"), timeout=10
    )
    assert answer.status_code == 401
    assert "error" in answer.json()


def test_status_fault_fires_count_times_then_expires(mock: MockServer) -> None:
    url = f"{mock.base_url}/api/v1/accounts/verify_credentials"
    rule = mock.add_fault("GET", "/api/v1/accounts/verify_credentials", "status", status=503, count=2)
    assert rule["remaining"] == 2
    assert [r["id"] for r in mock.faults()] == [rule["id"]]

    headers = _bearer(mock.tokens["alice"])
    first = requests.get(url, headers=headers, timeout=10)
    second = requests.get(url, headers=headers, timeout=10)
    third = requests.get(url, headers=headers, timeout=10)

    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.json() == {"error": "Service temporarily unavailable"}
    assert mock.faults() == []


def test_fault_matches_method_and_path_only(mock: MockServer) -> None:
    mock.add_fault("POST", "/api/v1/accounts/verify_credentials", "status", status=500, count=None)
    answer = requests.get(
        f"{mock.base_url}/api/v1/accounts/verify_credentials", headers=_bearer(mock.tokens["alice"]), timeout=10
    )
    assert answer.status_code == 200
    mock.clear_faults()
    assert mock.faults() == []


def test_ratelimit_and_malformed_faults(mock: MockServer) -> None:
    mock.add_fault("GET", "/api/v1/instance", "ratelimit", count=1)
    mock.add_fault("GET", "/api/v2/instance", "malformed", count=1)

    limited = requests.get(f"{mock.base_url}/api/v1/instance", timeout=10)
    broken = requests.get(f"{mock.base_url}/api/v2/instance", timeout=10)

    assert limited.status_code == 429
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert int(limited.headers["X-RateLimit-Reset"]) > time.time()
    assert limited.headers["Retry-After"] == "300"
    assert broken.status_code == 200
    with pytest.raises(ValueError):
        broken.json()


def test_reset_forgets_tokens_minted_since_start(mock: MockServer) -> None:
    token = mock.login("bob")
    url = f"{mock.base_url}/api/v1/accounts/verify_credentials"
    assert requests.get(url, headers=_bearer(token), timeout=10).json()["username"] == "bob"

    mock.reset()

    assert requests.get(url, headers=_bearer(token), timeout=10).status_code == 401
    assert requests.get(url, headers=_bearer(mock.tokens["bob"]), timeout=10).status_code == 200


def test_authorize_code_via_redirect_is_accepted_by_token_endpoint(mock: MockServer) -> None:
    app = _register_app(mock.base_url)
    code = authorize_code(mock.base_url, app["client_id"], REDIRECT, ["read", "write"], state="xyz", username="bob")

    answer = requests.post(
        f"{mock.base_url}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app["client_id"],
            "client_secret": app["client_secret"],
            "redirect_uri": REDIRECT,
        },
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    grant = answer.json()
    assert grant["token_type"] == "Bearer"
    assert grant["scope"] == "read write"
    me = requests.get(
        f"{mock.base_url}/api/v1/accounts/verify_credentials", headers=_bearer(grant["access_token"]), timeout=10
    )
    assert me.json()["username"] == "bob"


def test_authorize_code_out_of_band(mock: MockServer) -> None:
    app = _register_app(mock.base_url, redirect_uris=OOB_REDIRECT)
    code = authorize_code(
        mock.base_url, app["client_id"], OOB_REDIRECT, "read", code_challenge="x" * 43, code_challenge_method="S256"
    )
    answer = requests.post(
        f"{mock.base_url}/oauth/token",
        data={"grant_type": "authorization_code", "code": code, "client_id": app["client_id"]},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text


def test_authorize_code_refuses_an_account_that_is_not_offered(mock: MockServer) -> None:
    app = _register_app(mock.base_url)
    with pytest.raises(AssertionError, match="not offered"):
        authorize_code(mock.base_url, app["client_id"], REDIRECT, "read", username="mallory")


def test_token_endpoint_refuses_password_grant(mock: MockServer) -> None:
    answer = requests.post(
        f"{mock.base_url}/oauth/token",
        data={"grant_type": "password", "username": "alice", "password": "secret"},
        timeout=10,
    )
    assert answer.status_code == 400


def test_ratelimited_server_answers_429_after_the_limit(ratelimited_server: MockServer) -> None:
    token = ratelimited_server.login("alice")
    url = f"{ratelimited_server.base_url}/api/v1/accounts/verify_credentials"
    codes = [requests.get(url, headers=_bearer(token), timeout=10).status_code for _ in range(RATELIMIT.limit + 1)]
    assert codes == [200] * RATELIMIT.limit + [429]


def test_server_runs_outside_the_project_tree(mock_server: MockServer) -> None:
    # Started inside the project, the mock could pick up settings from the project's pyproject.toml.
    project_root = Path(__file__).resolve().parents[2]
    assert project_root not in mock_server.config_path.resolve().parents
    assert mock_server.process.poll() is None


def test_access_log_shows_requests_after_a_mark(mock: MockServer) -> None:
    requests.get(f"{mock.base_url}/api/v1/instance", timeout=10)
    mark = mock.log_mark()
    requests.get(f"{mock.base_url}/api/v1/instance?x=1", timeout=10)
    requests.get(f"{mock.base_url}/api/v1/accounts/verify_credentials", timeout=10)
    mock.clear_faults()

    seen = [(r.method, r.target, r.status) for r in mock.requests_since(mark)]
    assert seen == [
        ("GET", "/api/v1/instance?x=1", 200),
        ("GET", "/api/v1/accounts/verify_credentials", 401),
    ]
