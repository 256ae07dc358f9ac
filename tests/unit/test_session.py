"""The client's own HTTP session: requests prepared and environment settings read as requests would."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st

from mastodon import Mastodon
from mastodon._http.session import Session

URL = "https://social.example/api/v1/timelines/home"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    # Multipart bodies of two preparations are comparable only with the same boundary.
    monkeypatch.setattr("urllib3.filepost.choose_boundary", lambda: "b0undary")


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


# -- preparing requests ------------------------------------------------------------------------------------------------


def _no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    return request


def _shape(prepared: requests.PreparedRequest) -> dict[str, object]:
    """Everything a prepared request carries to the transport, comparable between two of them."""
    return {
        "method": prepared.method,
        "url": prepared.url,
        "headers": list(prepared.headers.items()),
        "body": prepared.body,
        "body_position": getattr(prepared, "_body_position", None),
        "hooks": prepared.hooks,
        "cookies": sorted((cookie.name, cookie.value) for cookie in vars(prepared)["_cookies"]),
    }


def _both(
    request: requests.Request, setup: Callable[[requests.Session], None] = lambda session: None
) -> tuple[object, object]:
    """The request prepared by our session and by a plain one in the same state (or what each raised)."""
    results: list[object] = []
    for session in (Session(), requests.Session()):
        setup(session)
        try:
            results.append(_shape(session.prepare_request(request)))
        except Exception as exc:  # compared by type: both must refuse the same requests
            results.append(type(exc))
    return results[0], results[1]


HEADERS = {"User-Agent": "tester/1.0", "Authorization": "Bearer t0ken"}


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (URL, {}),
        (URL, "limit=40&max_id=113515028760417185"),
        (URL, urlencode([("q", "héllo wörld #x"), ("types[]", "accounts"), ("a", "~._-+%")])),
        ("https://Social.Example:443/api/v1/timelines/tag/caf%c3%a9", "limit=2"),
        ("https://social.example/api/v1/../v2/search?resolve=true", "q=x"),
        ("https://social.example/api/v1/statuses/1 2/context", ""),
        ("https://bücher.example/api/v1/instance", ""),
        ("https://social.example/api/v1/x#fragment", "a=1"),
        ("https://social.example", "a=%41%2d"),
        ("https://social.example/x?", "a=1"),
        ("https://social.example/x?y=1", "a=1"),
        ("social.example/api/v1/instance", ""),
        ("https://social.example/a%zzb", ""),
    ],
)
def test_a_request_is_prepared_as_requests_prepares_it(url: str, params: object) -> None:
    ours, plain = _both(requests.Request("GET", url, params=params, headers=HEADERS, auth=_no_auth))
    assert ours == plain


@pytest.mark.parametrize(
    "setup",
    [
        lambda session: session.headers.update({"Accept": "application/json", "X-Extra": "1"}),
        lambda session: session.headers.update({"User-Agent": None}),
        lambda session: session.cookies.set("session_id", "abc", domain="social.example"),
        lambda session: session.params.update({"lang": "de"}),
        lambda session: setattr(session, "auth", ("user", "secret")),
        lambda session: session.hooks["response"].append(_no_auth),
        lambda session: setattr(session, "headers", {"User-Agent": "plain dict"}),
    ],
    ids=["headers", "header-removed", "cookies", "params", "auth", "hooks", "plain-dict-headers"],
)
def test_session_settings_apply_as_in_requests(setup: Callable[[requests.Session], None]) -> None:
    for params in ({}, "limit=5"):
        request = requests.Request("GET", URL, params=params, headers=HEADERS, auth=_no_auth)
        ours, plain = _both(request, setup)
        assert ours == plain


@pytest.mark.parametrize(
    "request_",
    [
        requests.Request("POST", URL, data="status=hi&visibility=unlisted", headers=HEADERS, auth=_no_auth),
        requests.Request("POST", URL, data={"status": "hi"}, headers=HEADERS, auth=_no_auth),
        requests.Request("PUT", URL, json={"a": [1, 2]}, headers=HEADERS, auth=_no_auth),
        requests.Request("POST", URL, files={"file": ("a.png", b"\x89PNG")}, headers=HEADERS, auth=_no_auth),
        requests.Request("delete", URL, headers=HEADERS, auth=_no_auth),
        requests.Request("GET", URL, headers=HEADERS, auth=None),
        requests.Request("GET", URL, headers=HEADERS, auth=_no_auth, cookies={"a": "b"}),
        requests.Request("GET", URL, headers={"X-Bad": "one\r\nInjected: two"}, auth=_no_auth),
        requests.Request("GET", URL, headers={"X-Bytes": b"raw"}, auth=_no_auth),
        requests.Request("GET", URL, headers=HEADERS, auth=_no_auth, hooks={"response": [_no_auth]}),
    ],
    ids=[
        "form-text",
        "form-dict",
        "json",
        "files",
        "lower-case-verb",
        "netrc",
        "cookies",
        "bad-header",
        "bytes",
        "hook",
    ],
)
def test_bodies_auth_cookies_and_bad_headers_come_out_as_in_requests(request_: requests.Request) -> None:
    ours, plain = _both(request_)
    assert ours == plain


_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


@settings_(max_examples=300, deadline=None)
@given(
    host=st.sampled_from(["social.example", "Social.Example:8443", "127.0.0.1:3000", "xn--bcher-kva.example"]),
    segments=st.lists(st.one_of(_TEXT, st.sampled_from(["..", ".", "%2F", "%41", "a b", "é"])), max_size=4),
    pairs=st.lists(st.tuples(_TEXT, _TEXT), max_size=4),
    raw_query=st.one_of(st.none(), _TEXT),
    header=st.tuples(st.sampled_from(["X-Thing", "Accept", "x-a"]), _TEXT),
)
def test_any_request_is_prepared_as_requests_prepares_it(
    host: str, segments: list[str], pairs: list[tuple[str, str]], raw_query: str | None, header: tuple[str, str]
) -> None:
    url = f"https://{host}/" + "/".join(segments)
    params = raw_query if raw_query is not None else urlencode(pairs)
    ours, plain = _both(
        requests.Request("GET", url, params=params, headers={**HEADERS, header[0]: header[1]}, auth=_no_auth)
    )
    assert ours == plain


def test_changes_to_the_session_reach_the_next_request() -> None:
    session = Session()
    request = requests.Request("GET", URL, params="limit=1", headers=HEADERS, auth=_no_auth)
    assert "X-Later" not in session.prepare_request(request).headers
    session.headers["X-Later"] = "yes"
    assert session.prepare_request(request).headers["X-Later"] == "yes"
    session.cookies.set("c", "1", domain="social.example")
    assert session.prepare_request(request).headers["Cookie"] == "c=1"


def test_prepared_requests_share_nothing_that_changes() -> None:
    session = Session()
    request = requests.Request("GET", URL, headers=HEADERS, auth=_no_auth)
    first, second = session.prepare_request(request), session.prepare_request(request)
    first.headers["X-Only-First"] = "1"
    vars(first)["_cookies"].set("c", "1")
    assert "X-Only-First" not in second.headers and "X-Only-First" not in session.prepare_request(request).headers
    assert len(vars(second)["_cookies"]) == 0


def test_full_preparation_caches_start_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mastodon._http.session._CACHE_SIZE", 2)
    session = Session()
    for n in range(5):
        session.prepare_request(requests.Request("GET", f"{URL}/{n}", headers={"X-N": str(n)}, auth=_no_auth))
    # Headers are cached only with the fast paths on (see mastodon._http.fastpaths).
    assert len(session.__dict__["_urls"]) <= 2 and len(session.__dict__.get("_headers", {})) <= 2
