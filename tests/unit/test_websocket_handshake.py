"""The WebSocket handshake goes through the client's session: its proxies, TLS checks and client certificate."""

from __future__ import annotations

import base64
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from requests.utils import DEFAULT_CA_BUNDLE_PATH

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.streaming_websocket import WebSocketStreamHandle, handshake_options, session_options

from ._ws_server import TOKEN, Collector, ConnectProxy, FakeStreamingServer, client

_ENVIRONMENT = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "WEBSOCKET_CLIENT_CA_BUNDLE",
)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy or CA bundle from the machine the tests run on."""
    for name in _ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.fixture
def ws_server() -> Iterator[FakeStreamingServer]:
    server = FakeStreamingServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    running = ConnectProxy()
    yield running
    running.close()


DIRECT = {"http_proxy_host": "direct.invalid", "http_proxy_port": 1, "http_no_proxy": ["*"], "proxy_type": "http"}
CHECKED = {"cert_reqs": ssl.CERT_REQUIRED, "check_hostname": True, "ca_certs": DEFAULT_CA_BUNDLE_PATH}


# -- the mapping ------------------------------------------------------------------------------------------------------


def test_without_a_proxy_the_connection_is_direct_and_checked_against_requests_bundle() -> None:
    assert handshake_options("wss://example.social/api/v1/streaming", {}, True, None) == {**DIRECT, "sslopt": CHECKED}
    assert handshake_options("wss://example.social/api/v1/streaming", None, None, None)["sslopt"] == CHECKED


@pytest.mark.parametrize(
    ("url", "proxies", "expected"),
    [
        (
            "wss://example.social/api/v1/streaming",
            {"https": "http://user:p%40ss@proxy.example:3128"},
            {
                "http_proxy_host": "proxy.example",
                "http_proxy_port": 3128,
                "proxy_type": "http",
                "http_proxy_auth": ("user", "p@ss"),
            },
        ),
        (
            "ws://example.social/api/v1/streaming",
            {"http": "http://plain.example:8080", "https": "http://secure.example:8443"},
            {"http_proxy_host": "plain.example", "http_proxy_port": 8080, "proxy_type": "http"},
        ),
        (
            "wss://example.social/api/v1/streaming",
            {"http": "http://plain.example:8080", "https": "http://secure.example:8443"},
            {"http_proxy_host": "secure.example", "http_proxy_port": 8443, "proxy_type": "http"},
        ),
        (
            "wss://example.social/api/v1/streaming",
            {"https": "http://everyone.example:1", "https://example.social": "socks5h://tor.example"},
            {"http_proxy_host": "tor.example", "http_proxy_port": 1080, "proxy_type": "socks5h"},
        ),
        (
            "wss://example.social/api/v1/streaming",
            {"all": "proxy.example"},
            {"http_proxy_host": "proxy.example", "http_proxy_port": 80, "proxy_type": "http"},
        ),
        ("wss://example.social/api/v1/streaming", {"http": "http://plain.example:8080"}, DIRECT),
    ],
)
def test_the_proxy_for_the_address_is_mapped(url: str, proxies: dict[str, str], expected: dict[str, Any]) -> None:
    assert handshake_options(url, proxies, True, None) == {**expected, "sslopt": CHECKED}


@pytest.mark.parametrize("proxy", ["https://user:hunter2@proxy.example:443", "ftp://user:hunter2@proxy.example"])
def test_a_proxy_websocket_client_cannot_use_is_refused_without_quoting_it(proxy: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="proxy") as caught:
        handshake_options("wss://example.social/api/v1/streaming", {"https": proxy}, True, None)
    assert "hunter2" not in str(caught.value)


def test_tls_settings_are_mapped(tmp_path: Path) -> None:
    url = "wss://example.social/api/v1/streaming"
    bundle = tmp_path / "ca.pem"
    bundle.write_text("", encoding="utf-8")
    assert handshake_options(url, {}, False, None)["sslopt"] == {"cert_reqs": ssl.CERT_NONE, "check_hostname": False}
    assert handshake_options(url, {}, str(bundle), None)["sslopt"] == {
        "cert_reqs": ssl.CERT_REQUIRED,
        "check_hostname": True,
        "ca_certs": str(bundle),
    }
    assert handshake_options(url, {}, str(tmp_path), None)["sslopt"] == {
        "cert_reqs": ssl.CERT_REQUIRED,
        "check_hostname": True,
        "ca_cert_path": str(tmp_path),
    }
    assert handshake_options(url, {}, True, "client.pem")["sslopt"] == {**CHECKED, "certfile": "client.pem"}
    assert handshake_options(url, {}, False, ("client.crt", "client.key"))["sslopt"] == {
        "cert_reqs": ssl.CERT_NONE,
        "check_hostname": False,
        "certfile": "client.crt",
        "keyfile": "client.key",
    }
    with pytest.raises(MastodonIllegalArgumentError):
        handshake_options(url, {}, True, ("only-one",))  # type: ignore[arg-type]


# -- what a session holds ---------------------------------------------------------------------------------------------


def test_the_session_decides_with_the_environment_when_it_trusts_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = "wss://stream.example.social/api/v1/streaming"
    bundle = tmp_path / "env-ca.pem"
    bundle.write_text("", encoding="utf-8")
    monkeypatch.setenv("HTTPS_PROXY", "http://env-proxy.example:3128")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    session = requests.Session()
    options = session_options(url, session)
    assert (options["http_proxy_host"], options["http_proxy_port"]) == ("env-proxy.example", 3128)
    assert options["sslopt"]["ca_certs"] == str(bundle)

    monkeypatch.setenv("NO_PROXY", ".example.social")
    assert session_options(url, session)["http_proxy_host"] == DIRECT["http_proxy_host"]

    session.trust_env = False
    monkeypatch.delenv("NO_PROXY")
    options = session_options(url, session)
    assert {key: options[key] for key in DIRECT} == DIRECT
    assert options["sslopt"] == CHECKED


def test_the_sessions_own_settings_are_used() -> None:
    session = requests.Session()
    session.proxies = {"https": "socks5://socks.example:9050"}
    session.verify = False
    session.cert = ("me.crt", "me.key")
    assert session_options("wss://example.social/api/v1/streaming", session) == {
        "http_proxy_host": "socks.example",
        "http_proxy_port": 9050,
        "proxy_type": "socks5",
        "sslopt": {"cert_reqs": ssl.CERT_NONE, "check_hostname": False, "certfile": "me.crt", "keyfile": "me.key"},
    }


def test_a_stand_in_session_is_read_for_what_it_has() -> None:
    class StandIn:
        def __init__(self) -> None:
            self.proxies = {"https": "http://proxy.example:3128"}
            self.verify = False

    options = session_options("wss://example.social/api/v1/streaming", StandIn())
    assert options["http_proxy_host"] == "proxy.example"
    assert options["sslopt"] == {"cert_reqs": ssl.CERT_NONE, "check_hostname": False}


# -- the handshake on the wire ----------------------------------------------------------------------------------------


def _open(api: Any) -> WebSocketStreamHandle:
    handle = api.stream_open_websocket(Collector(), stream="user")
    assert isinstance(handle, WebSocketStreamHandle)
    return handle


def test_the_handshake_goes_through_the_sessions_proxy(ws_server: FakeStreamingServer, proxy: ConnectProxy) -> None:
    api = client(ws_server)
    api.session.proxies = {"http": f"http://streamer:s%3Acret@127.0.0.1:{proxy.port}"}
    handle = _open(api)
    try:
        assert ws_server.targets == ["/api/v1/streaming?stream=user"]
        [head] = proxy.requests
        assert head.startswith(f"CONNECT 127.0.0.1:{ws_server.port} ")
        assert f"Proxy-Authorization: Basic {base64.b64encode(b'streamer:s:cret').decode()}" in head
        assert TOKEN not in head
    finally:
        handle.close()


def test_the_environments_proxy_is_used_only_when_the_session_trusts_it(
    ws_server: FakeStreamingServer, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    api = client(ws_server)
    api.session.trust_env = False
    _open(api).close()
    assert proxy.requests == []
    api.session.trust_env = True
    _open(api).close()
    assert len(proxy.requests) == 1
    assert ws_server.targets == ["/api/v1/streaming?stream=user"] * 2
