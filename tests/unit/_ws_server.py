"""A local WebSocket server that speaks Mastodon's streaming protocol, and what the tests around it share."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from websockets.datastructures import Headers
from websockets.http11 import Response
from websockets.sync.server import Server, ServerConnection, serve

from mastodon import Mastodon, StreamListener

WAIT = 20.0
TOKEN = "ws-token"
STATUS = {"id": "110", "created_at": "2024-05-01T12:00:00Z", "account": {"id": "1", "acct": "alice"}}


class FakeStreamingServer:
    """Accepts WebSocket connections on /api/v1/streaming and records what clients send.

    Attributes:
        targets: The path and query of every handshake that was accepted.
        refuse_with: Answer every handshake with this status instead.
        refuse_body: The body of such an answer (a JSON error by default).
        require_stream: Refuse (403, no body) a handshake whose address names no stream.
    """

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.messages: list[dict[str, Any]] = []
        self.connections: list[ServerConnection] = []
        self.headers: list[dict[str, str]] = []
        self.targets: list[str] = []
        self.refused: list[str] = []
        self.refuse_with: int | None = None
        self.refuse_body: bytes | None = None
        self.require_stream = False
        self.server: Server | None = None
        self.port = 0

    def start(self) -> None:
        def process_request(connection: ServerConnection, request: Any) -> Any:
            target = urlsplit(request.path)
            query = dict(parse_qsl(target.query))
            authorized = request.headers.get("Authorization") == f"Bearer {TOKEN}" or query.get("access_token") == TOKEN
            if target.path != "/api/v1/streaming":
                status, body = HTTPStatus.NOT_FOUND, b"no such path\n"
            elif self.refuse_with is not None or not authorized:
                status = HTTPStatus(self.refuse_with or 401)
                body = self.refuse_body if self.refuse_body is not None else b'{"error":"The access token is invalid"}'
            elif self.require_stream and "stream" not in query:
                status, body = HTTPStatus.FORBIDDEN, b""
            else:
                with self.changed:
                    # Recorded before the handshake is answered, so a client that got through sees it.
                    self.targets.append(request.path)
                    self.headers.append({"Authorization": request.headers.get("Authorization", "")})
                return None
            with self.changed:
                self.refused.append(request.path)
            kind = "application/json" if body.startswith(b"{") else "text/plain; charset=utf-8"
            headers = Headers([("Content-Length", str(len(body))), ("Content-Type", kind), ("Connection", "close")])
            return Response(status.value, status.phrase, headers, body)

        self.server = serve(self.handle, "127.0.0.1", 0, process_request=process_request, compression=None)
        self.port = self.server.socket.getsockname()[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()

    def handle(self, connection: ServerConnection) -> None:
        with self.changed:
            self.connections.append(connection)
            self.changed.notify_all()
        try:
            for raw in connection:
                with self.changed:
                    self.messages.append(json.loads(raw))
                    self.changed.notify_all()
        except Exception:
            pass

    def wait_for(self, predicate: Callable[[], bool]) -> bool:
        with self.changed:
            return self.changed.wait_for(predicate, timeout=WAIT)

    def push(self, message: dict[str, Any], connection: int = -1) -> None:
        # The server thread takes a connection over just after answering its handshake.
        assert self.wait_for(lambda: bool(self.connections)), "no connection to push to"
        self.connections[connection].send(json.dumps(message))

    def subscribes(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("type") == "subscribe"]


def client(server: FakeStreamingServer, token: str = TOKEN) -> Mastodon:
    api = Mastodon(access_token=token, api_base_url=f"http://127.0.0.1:{server.port}", mastodon_version="4.3.0")
    # The instance is not asked: the streaming base is where the tests' server listens.
    api._streaming_base = f"http://127.0.0.1:{server.port}"
    return api


class Collector(StreamListener):
    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.aborts: list[Exception] = []
        self.errors: list[tuple[Any, Any]] = []
        self.got = threading.Condition()

    def _add(self, item: tuple[Any, ...]) -> None:
        with self.got:
            self.events.append(item)
            self.got.notify_all()

    def on_update(self, status: Any, for_stream: Any = None) -> None:
        self._add(("update", status.id, for_stream))

    def on_delete(self, status_id: Any) -> None:
        self._add(("delete", status_id))

    def on_filters_changed(self) -> None:
        self._add(("filters_changed",))

    def on_abort(self, err: Exception) -> None:
        with self.got:
            self.aborts.append(err)
            self.got.notify_all()

    def on_websocket_error(self, error: Any, for_stream: Any = None) -> None:
        with self.got:
            self.errors.append((error, for_stream))
            self.got.notify_all()

    def wait_for(self, predicate: Callable[[], bool]) -> bool:
        with self.got:
            return self.got.wait_for(predicate, timeout=WAIT)


def event(stream: list[str], name: str, payload: Any = None) -> dict[str, Any]:
    message: dict[str, Any] = {"stream": stream, "event": name}
    if payload is not None:
        message["payload"] = payload if isinstance(payload, str) else json.dumps(payload)
    return message


class ConnectProxy:
    """An HTTP proxy on 127.0.0.1 that only tunnels (CONNECT), recording each request's head."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        self.listener.close()

    def _serve(self) -> None:
        while True:
            try:
                downstream, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(downstream,), daemon=True).start()

    def _tunnel(self, downstream: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = downstream.recv(4096)
            if not chunk:
                downstream.close()
                return
            head += chunk
        text = head.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        self.requests.append(text)
        host, port = text.split()[1].rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        downstream.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        for source, sink in ((downstream, upstream), (upstream, downstream)):
            threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)


class SilentServer:
    """Accepts one WebSocket handshake on 127.0.0.1, then never reads or answers anything (as the test server does)."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def close(self) -> None:
        for sock in [*self.sockets, self.listener]:
            sock.close()

    def _serve(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except OSError:
            return
        self.sockets.append(sock)
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(4096)
        key = next(
            line.split(":", 1)[1].strip()
            for line in head.decode("latin-1").split("\r\n")
            if line.lower().startswith("sec-websocket-key:")
        )
        accept = base64.b64encode(hashlib.sha1((key + _WEBSOCKET_GUID).encode()).digest()).decode()
        sock.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + f"Sec-WebSocket-Accept: {accept}\r\n\r\n".encode()
        )
        self.accepted.set()


_WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
