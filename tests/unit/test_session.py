"""The client's own HTTP session: environment settings read once per host, as requests would."""

from __future__ import annotations

import pickle

import pytest
import requests

from mastodon import Mastodon
from mastodon._http.session import Session

URL = "https://social.example/api/v1/timelines/home"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def settings(session: requests.Session, url: str = URL, verify: object = None) -> dict[str, object]:
    return session.merge_environment_settings(url, {}, None, verify, None)


def test_a_client_without_a_session_uses_its_own() -> None:
    assert type(Mastodon(api_base_url="https://social.example").session) is Session


def test_the_same_settings_as_a_plain_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "quiet.example")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/bundle.pem")
    for url in (URL, "https://quiet.example/api/v1/instance", "http://social.example/x"):
        for verify in (None, True, False, "/mine.pem"):
            assert settings(Session(), url, verify) == settings(requests.Session(), url, verify), (url, verify)


def test_the_environment_is_read_once_per_host(monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session()
    monkeypatch.setenv("HTTPS_PROXY", "http://first.example:3128")
    assert settings(session)["proxies"] == {"https": "http://first.example:3128"}
    monkeypatch.setenv("HTTPS_PROXY", "http://second.example:3128")
    assert settings(session)["proxies"] == {"https": "http://first.example:3128"}
    # Another host reads the environment as it is now.
    assert settings(session, "https://other.example/")["proxies"] == {"https": "http://second.example:3128"}


def test_no_proxy_hosts_go_direct(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "social.example")
    assert settings(Session())["proxies"] == {}


def test_proxies_set_on_the_session_merge_as_in_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://environment.example:3128")
    ours, plain = Session(), requests.Session()
    for session in (ours, plain):
        session.proxies = {"https": "http://mine.example:8080", "http": "http://mine.example:8081"}
    assert settings(ours) == settings(plain)
    assert settings(ours)["proxies"]["http"] == "http://mine.example:8081"


def test_a_ca_bundle_from_the_environment_does_not_override_verify_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CURL_CA_BUNDLE", "/etc/ssl/curl.pem")
    session = Session()
    assert settings(session)["verify"] == "/etc/ssl/curl.pem"
    assert settings(session, verify=False)["verify"] is False


def test_trust_env_false_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/bundle.pem")
    session = Session()
    session.trust_env = False
    assert settings(session) == {"proxies": {}, "stream": False, "verify": True, "cert": None}


def test_the_session_survives_pickling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    session = Session()
    settings(session)
    copy = pickle.loads(pickle.dumps(session))
    assert type(copy) is Session
    assert settings(copy)["proxies"] == {"https": "http://proxy.example:3128"}


def test_a_full_environment_cache_starts_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mastodon._http.session._CACHE_SIZE", 2)
    session = Session()
    for n in range(5):
        settings(session, f"https://host{n}.example/")
    assert len(session.__dict__["_environment"]) <= 2
