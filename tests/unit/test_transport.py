"""The client's own transport (``mastodon._http.transport.DirectAdapter``) against a local server.

Each answer is fetched twice, through the adapter and through a plain ``requests.Session``, and
the two responses must agree: status, reason, headers, body, encoding, cookies, redirects.
Failures must raise what requests raises, and anything the adapter does not handle itself must
go through requests' own adapter.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import http.server
import json
import pickle
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import urllib3

from mastodon import Mastodon
from mastodon._http import fastpaths, request
from mastodon._http.session import Session
from mastodon._http.transport import DirectAdapter
from mastodon.errors import MastodonAPIError, MastodonNetworkError, MastodonReadTimeout

JSON = json.dumps({"id": "1", "text": "héllo"}).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: bytes, headers: list[tuple[str, str]] = (), length: int | None = None) -> None:  # type: ignore[assignment]
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(JSON)))
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/json":
            self._answer(200, JSON, [("Content-Type", "application/json; charset=utf-8")])
        elif path == "/gzip":
            self._answer(200, gzip.compress(JSON), [("Content-Encoding", "gzip")])
        elif path == "/bad-gzip":
            self._answer(200, b"this is not gzip", [("Content-Encoding", "gzip")])
        elif path == "/deflate":
            self._answer(200, zlib.compress(JSON), [("Content-Encoding", "deflate")])
        elif path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (JSON[:5], JSON[5:]):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/links":
            links = [
                ("Link", '<https://a.example/?max_id=1>; rel="next"'),
                ("Link", '<https://a.example/?min_id=9>; rel="prev"'),
            ]
            self._answer(200, b"[]", [*links, ("X-Case", "One"), ("x-case", "two")])
        elif path == "/cookie":
            self._answer(200, b"{}", [("Set-Cookie", "session=abc; Path=/"), ("Set-Cookie", "other=1; Path=/")])
        elif path == "/empty":
            self.send_response(204)
            self.end_headers()
        elif path == "/missing":
            self._answer(404, b'{"error": "Record not found"}', [("Content-Type", "application/json")])
        elif path == "/redirect":
            self._answer(302, b"", [("Location", "/json")])
        elif path == "/echo":
            self._echo()
        elif path == "/slow":
            time.sleep(1.0)
            self._answer(200, b"{}")
        elif path == "/truncated":
            self._answer(200, JSON[:10], length=len(JSON))
            self.close_connection = True
        elif path == "/close":
            self._answer(200, b"{}", [("Connection", "close")])
            self.close_connection = True
        elif path == "/hangup":
            # Answers as if the connection stayed open, then closes it: a server's idle timeout.
            self._answer(200, b"{}")
            self.close_connection = True
        else:
            self._answer(500, b"no such path")

    def _echo(self) -> None:
        if self.headers.get("Transfer-Encoding") == "chunked":
            body = b""
            while size := int(self.rfile.readline().split(b";")[0], 16):
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        seen = {"method": self.command, "path": self.path, "body": body.decode("utf-8")}
        seen["client_port"] = self.client_address[1]
        seen["headers"] = {name.lower(): value for name, value in self.headers.items()}
        self._answer(200, json.dumps(seen).encode(), [("Content-Type", "application/json")])

    do_POST = do_PUT = do_DELETE = do_PATCH = _echo


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def direct() -> Iterator[requests.Session]:
    session = requests.Session()
    adapter = DirectAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    yield session
    session.close()


def _summary(response: requests.Response, session: requests.Session) -> dict[str, Any]:
    return {
        "status": response.status_code,
        "reason": response.reason,
        "headers": {
            name.lower(): value for name, value in response.headers.items() if name.lower() not in ("date", "server")
        },
        "content": response.content,
        "encoding": response.encoding,
        "url": response.url,
        "history": [(old.status_code, old.url) for old in response.history],
        "cookies": sorted(response.cookies.items()),
        "session_cookies": sorted(session.cookies.items()),
    }


@pytest.mark.parametrize(
    "path", ["/json", "/gzip", "/deflate", "/chunked", "/links", "/cookie", "/empty", "/missing", "/redirect"]
)
def test_the_same_response_as_requests(server: str, direct: requests.Session, path: str) -> None:
    plain = requests.Session()
    expected = _summary(plain.get(server + path, timeout=5), plain)
    found = _summary(direct.get(server + path, timeout=5), direct)
    assert found == expected


def test_head(server: str, direct: requests.Session) -> None:
    response = direct.head(server + "/json", timeout=5)
    assert response.status_code == 200 and response.content == b""
    assert direct.get(server + "/json", timeout=5).content == JSON  # the connection is still usable


def test_the_same_request_as_requests(server: str, direct: requests.Session) -> None:
    plain = requests.Session()
    for method, options in [
        ("POST", {"data": {"status": "héllo", "visibility": "public"}}),
        ("PUT", {"json": {"a": [1, 2]}}),
        ("PATCH", {"data": b"raw bytes", "headers": {"Content-Type": "application/octet-stream"}}),
        ("DELETE", {}),
        ("GET", {"params": {"q": "x y"}, "headers": {"Authorization": "Bearer t"}}),
    ]:
        expected = plain.request(method, server + "/echo", timeout=5, **options).json()
        found = direct.request(method, server + "/echo", timeout=5, **options).json()
        assert found.pop("client_port") != expected.pop("client_port")  # two connections, two ports
        assert found == expected


def test_connections_are_kept_and_reused(server: str) -> None:
    session = requests.Session()
    adapter = DirectAdapter()
    session.mount("http://", adapter)
    ports = {session.get(server + "/echo", timeout=5).json()["client_port"] for _ in range(5)}
    assert len(ports) == 1  # one connection for all five
    # Kept by the adapter itself, or by requests' pool with the shortcuts off.
    assert sum(len(idle) for idle in adapter._idle.values()) == int(fastpaths.enabled)
    assert adapter.opened == int(fastpaths.enabled)
    adapter.close()
    assert adapter._idle == {}


def test_a_connection_the_server_closed_is_not_reused(server: str, direct: requests.Session) -> None:
    assert direct.get(server + "/hangup", timeout=5).status_code == 200
    time.sleep(0.1)  # the server has closed its end by now
    assert direct.get(server + "/json", timeout=5).content == JSON
    assert direct.get(server + "/close", timeout=5).status_code == 200
    assert direct.get(server + "/json", timeout=5).content == JSON


def test_a_slow_answer_times_out_as_with_requests(server: str, direct: requests.Session) -> None:
    with pytest.raises(requests.exceptions.ReadTimeout):
        direct.get(server + "/slow", timeout=0.2)
    api = Mastodon(access_token="t", api_base_url=server, mastodon_version="4.5.0", request_timeout=0.2)
    with pytest.raises(MastodonReadTimeout):
        api._call("GET", "/slow", None)  # type: ignore[attr-defined]


def test_a_refused_connection_is_known_as_never_sent(direct: requests.Session) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the socket is closed
    with pytest.raises(requests.exceptions.ConnectionError) as found:
        direct.get(f"http://127.0.0.1:{port}/json", timeout=5)
    assert request._never_sent(found.value)
    api = Mastodon(access_token="t", api_base_url=f"http://127.0.0.1:{port}", mastodon_version="4.5.0")
    with pytest.raises(MastodonNetworkError):
        api.account_verify_credentials()


def test_a_body_that_ends_early(server: str, direct: requests.Session) -> None:
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        direct.get(server + "/truncated", timeout=5)
    assert direct.get(server + "/json", timeout=5).content == JSON


@pytest.fixture
def early_answer() -> Iterator[str]:
    """A server that answers 413 as soon as it has the headers, and closes without the body."""
    listener = socket.create_server(("127.0.0.1", 0))
    answer = b'{"error": "File too large"}'

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = listener.accept()
                with client:
                    seen = b""
                    while b"\r\n\r\n" not in seen:
                        seen += client.recv(65536)
                    client.sendall(
                        b"HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(answer), answer)
                    )
                    time.sleep(0.05)

    threading.Thread(target=serve, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_an_answer_before_the_whole_body_was_sent(early_answer: str, direct: requests.Session) -> None:
    body = b"x" * (16 * 1024 * 1024)
    expected = requests.post(early_answer + "/api/v2/media", data=body, timeout=10)
    found = direct.post(early_answer + "/api/v2/media", data=body, timeout=10)
    assert (
        (found.status_code, found.content)
        == (expected.status_code, expected.content)
        == (413, b'{"error": "File too large"}')
    )
    api = Mastodon(access_token="t", api_base_url=early_answer, mastodon_version="4.5.0")
    with pytest.raises(MastodonAPIError) as error:
        api.media_post(b"x" * (16 * 1024 * 1024), mime_type="image/png")
    assert error.value.status_code == 413


def test_threads_share_the_adapter(server: str, direct: requests.Session) -> None:
    errors: list[BaseException] = []
    results: list[bytes] = []

    def work() -> None:
        try:
            for _ in range(20):
                results.append(direct.get(server + "/json", timeout=5).content)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [JSON] * 160
    adapter = direct.get_adapter(server)
    assert isinstance(adapter, DirectAdapter)
    assert all(len(idle) <= adapter.idle_limit for idle in adapter._idle.values())


def _direct_sends(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs the adapter sends itself (the others go through requests' own adapter)."""
    sent: list[str] = []
    original = DirectAdapter._send

    def send(self: DirectAdapter, request: Any, url: str, *args: Any) -> Any:
        sent.append(url)
        return original(self, request, url, *args)

    monkeypatch.setattr(DirectAdapter, "_send", send)
    return sent


def test_what_the_adapter_leaves_to_requests(
    server: str, direct: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = _direct_sends(monkeypatch)
    assert direct.get(server + "/json", timeout=5).content == JSON
    direct_sends = len(sent)
    assert direct_sends == int(fastpaths.enabled)  # sent directly, unless the shortcuts are off
    with direct.get(server + "/json", timeout=5, stream=True) as streamed:
        assert streamed.raw.read() == JSON
    assert direct.get(server + "/json", timeout=5, headers={"Accept-Encoding": "br"}).content == JSON
    assert direct.post(server + "/echo", data=iter([b"a", b"b"]), timeout=5).json()["body"] == "ab"
    with pytest.raises(requests.exceptions.ProxyError):
        direct.get(server + "/json", timeout=5, proxies={"http": "http://127.0.0.1:9"})
    assert direct.get(server + "/json", timeout=requests.adapters.TimeoutSauce(5)).content == JSON  # type: ignore[attr-defined]
    adapter = direct.get_adapter(server)
    adapter.max_retries = urllib3.Retry(total=2)  # urllib3's retries, for urllib3 to make
    assert direct.get(server + "/json", timeout=5).content == JSON
    retrying = requests.Session()
    retrying.mount("http://", DirectAdapter(max_retries=3))
    assert retrying.get(server + "/json", timeout=5).content == JSON
    monkeypatch.setattr(fastpaths, "enabled", False)
    assert direct.get(server + "/json", timeout=5).content == JSON
    assert len(sent) == direct_sends  # none of these


def test_a_replaced_requests_adapter_is_used(server: str, direct: requests.Session) -> None:
    # Test tools (responses, for one) answer requests by replacing HTTPAdapter.send.
    import responses

    with responses.RequestsMock() as mocked:
        mocked.add(responses.GET, server + "/json", body=b'{"mocked": true}')
        assert direct.get(server + "/json", timeout=5).json() == {"mocked": True}
        api = Mastodon(access_token="t", api_base_url=server, mastodon_version="4.5.0")
        mocked.add(responses.GET, server + "/api/v1/accounts/verify_credentials", json={"id": "5"})
        assert api.account_verify_credentials().id == "5"
    assert direct.get(server + "/json", timeout=5).content == JSON


def test_the_client_session_uses_it_and_a_callers_session_does_not(server: str) -> None:
    api = Mastodon(access_token="t", api_base_url=server, mastodon_version="4.5.0")
    assert isinstance(api.session, Session)
    assert isinstance(api.session.get_adapter(server), DirectAdapter)
    assert isinstance(api.session.get_adapter("https://mastodon.example"), DirectAdapter)
    own = requests.Session()
    api = Mastodon(access_token="t", api_base_url=server, mastodon_version="4.5.0", session=own)
    assert not isinstance(api.session.get_adapter(server), DirectAdapter)


def test_a_session_survives_pickling(server: str, direct: requests.Session) -> None:
    direct.get(server + "/json", timeout=5)
    restored = pickle.loads(pickle.dumps(direct))
    assert isinstance(restored.get_adapter(server), DirectAdapter)
    assert restored.get(server + "/json", timeout=5).content == JSON


def test_a_body_that_cannot_be_decompressed(server: str, direct: requests.Session) -> None:
    with pytest.raises(requests.exceptions.ContentDecodingError):
        requests.get(server + "/bad-gzip", timeout=5)
    with pytest.raises(requests.exceptions.ContentDecodingError):
        direct.get(server + "/bad-gzip", timeout=5)
    assert direct.get(server + "/json", timeout=5).content == JSON


# -- TLS -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    httpd = _Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://localhost:{httpd.server_address[1]}", cert_file
    httpd.shutdown()
    httpd.server_close()


def test_tls_with_the_servers_certificate(tls_server: tuple[str, Path], direct: requests.Session) -> None:
    url, cert_file = tls_server
    response = direct.get(url + "/json", timeout=5, verify=str(cert_file))
    assert response.content == JSON
    assert direct.get(url + "/gzip", timeout=5, verify=str(cert_file)).content == JSON


def test_tls_refuses_an_unknown_certificate(tls_server: tuple[str, Path], direct: requests.Session) -> None:
    url, _ = tls_server
    with pytest.raises(requests.exceptions.SSLError):
        direct.get(url + "/json", timeout=5)


def test_tls_unverified_warns_as_requests_does(tls_server: tuple[str, Path], direct: requests.Session) -> None:
    url, _ = tls_server
    with pytest.warns(urllib3.exceptions.InsecureRequestWarning):
        assert direct.get(url + "/json", timeout=5, verify=False).content == JSON
