"""A readable report on a server's streaming, for :meth:`mastodon.Mastodon.stream_diagnose`.

Streams that hang are most often the work of a reverse proxy that buffers the server-sent events
instead of passing them on as they come. The checks here look at each link of the chain a stream
goes through: where the server says its streaming API is, whether that server answers its
health check, whether an SSE stream opens and delivers its first bytes, whether heartbeats keep
arriving on it (Mastodon sends one every 15 seconds, so silence on an open connection means
something in between holds the bytes back), and whether a WebSocket handshake succeeds.

Every finding is part of the report; nothing a server does makes the diagnosis raise. The access
token is sent as a header only and never appears in the report.
"""

from __future__ import annotations

import contextlib
import json
import math
import queue
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol
from urllib.parse import urlsplit

import requests

from mastodon._http.request import api_error, identity_headers, no_auth, send
from mastodon._http.sse import TRANSPORT_ERRORS, SSEEvent, SSEItem, SSEParser, interrupt, iter_body
from mastodon.errors import MastodonAPIError, MastodonError, MastodonIllegalArgumentError
from mastodon.streaming_websocket import websocket_url

if TYPE_CHECKING:
    from mastodon._http.protocol import StreamingClient

    class DiagnosedClient(StreamingClient, Protocol):
        """A client whose streaming can be diagnosed: it can also fetch the instance document."""

        def _instance_raw(self) -> Any: ...


__all__ = [
    "BUFFERING_CHECK",
    "HEALTH_CHECK",
    "SSE_CHECK",
    "URL_CHECK",
    "WEBSOCKET_CHECK",
    "CheckStatus",
    "StreamCheck",
    "StreamDiagnosis",
    "diagnose_streaming",
]

#: How a check came out; ``skipped`` checks do not count towards the verdict.
CheckStatus = Literal["ok", "warning", "failed", "skipped"]

#: The names of the checks, in the order the report lists them.
URL_CHECK: Final = "streaming URL"
HEALTH_CHECK: Final = "health"
SSE_CHECK: Final = "SSE"
BUFFERING_CHECK: Final = "buffering"
WEBSOCKET_CHECK: Final = "WebSocket"
_NAMES: Final = (URL_CHECK, HEALTH_CHECK, SSE_CHECK, BUFFERING_CHECK, WEBSOCKET_CHECK)

#: Seconds between Mastodon's SSE heartbeats (``:thump`` comments).
MASTODON_HEARTBEAT_SEC: Final = 15
#: After a WebSocket handshake, how long to wait for a first frame (an error would come at once).
_FIRST_FRAME_WAIT: Final = 1.0
#: How long the stream reader thread may take to end once its connection is shut down.
_READER_JOIN_WAIT: Final = 5.0
#: The longest explanation kept in a report line.
_MAX_DETAIL: Final = 400
#: The longest piece of a server's answer quoted in a report line.
_MAX_QUOTE: Final = 60

_ADVICE: Final = (
    "turn buffering off where the streaming paths are proxied (nginx: proxy_buffering off; "
    "or have the server send the header X-Accel-Buffering: no)"
)
_DEFAULT_PORTS: Final = {"http": 80, "ws": 80, "https": 443, "wss": 443}


@dataclass(frozen=True)
class StreamCheck:
    """The outcome of one check.

    Attributes:
        name: Which check: ``streaming URL``, ``health``, ``SSE``, ``buffering`` or ``WebSocket``.
        status: ``ok``, ``warning``, ``failed`` or ``skipped``.
        detail: One line saying what was seen, and what to do where something is wrong.
    """

    name: str
    status: CheckStatus
    detail: str

    def __str__(self) -> str:
        return f"{self.status:<8} {self.name:<14} {self.detail}"


@dataclass(frozen=True)
class StreamDiagnosis:
    """What :meth:`mastodon.Mastodon.stream_diagnose` found; ``str()`` gives the report.

    Attributes:
        api_base_url: The API the client talks to.
        streaming_url: The base URL streams were opened on.
        stream: The stream the checks opened: ``user`` with an access token, else ``public``.
        checks: The checks, in the order of the report.
    """

    api_base_url: str
    streaming_url: str
    stream: str
    checks: tuple[StreamCheck, ...]

    @property
    def verdict(self) -> Literal["ok", "warning", "failed"]:
        """``failed`` if any check failed, else ``warning`` if any warned, else ``ok``."""
        statuses = {check.status for check in self.checks}
        if "failed" in statuses:
            return "failed"
        if "warning" in statuses:
            return "warning"
        return "ok"

    @property
    def ok(self) -> bool:
        """Whether every check that ran came out ``ok``."""
        return self.verdict == "ok"

    def check(self, name: str) -> StreamCheck:
        """One check, by its name.

        Args:
            name: ``streaming URL``, ``health``, ``SSE``, ``buffering`` or ``WebSocket``.

        Returns:
            The check.

        Raises:
            MastodonIllegalArgumentError: No check has that name.
        """
        for check in self.checks:
            if check.name == name:
                return check
        raise MastodonIllegalArgumentError(f"no check is called {name!r}; the checks are {', '.join(_NAMES)}")

    def __str__(self) -> str:
        lines = [f"Streaming diagnosis for {self.api_base_url}: {self.verdict}"]
        lines += [f"  {check}" for check in self.checks]
        return "\n".join(lines)


def diagnose_streaming(
    client: DiagnosedClient, timeout: float, heartbeat_timeout: float, websocket: bool
) -> StreamDiagnosis:
    """Run every check against ``client``'s server; the body of :meth:`Mastodon.stream_diagnose`.

    Raises:
        MastodonIllegalArgumentError: A waiting time is not a positive number of seconds, or the
            access token could not be sent at all. Nothing has been sent then.
    """
    timeout = _seconds("timeout", timeout)
    heartbeat_timeout = _seconds("heartbeat_timeout", heartbeat_timeout)
    token = client.access_token
    identity_headers(client.user_agent, token)  # a token no request could carry is refused here
    stream = "user" if token else "public"

    url_check, base = _check_streaming_url(client)
    checks = [url_check, _check_health(client, base, timeout)]
    checks += _check_sse(client, base, stream, timeout, heartbeat_timeout)
    checks.append(_check_websocket(client, base, stream, timeout, bool(websocket)))
    return StreamDiagnosis(
        _clean(client.api_base_url, token),
        _clean(base, token),
        stream,
        tuple(StreamCheck(check.name, check.status, _clean(check.detail, token)) for check in checks),
    )


# -- small helpers -----------------------------------------------------------------------------


def _seconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise MastodonIllegalArgumentError(f"{name} must be a number of seconds above 0, not {value!r}")
    return float(value)


def _clean(text: str, token: str | None) -> str:
    """One line of text with no trace of the token, cut to a readable length."""
    if token:
        text = text.replace(token, "<redacted>")
    text = " ".join(text.split())
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 3] + "..."


def _quote(data: bytes) -> str:
    text = " ".join(data.decode("utf-8", "replace").split())
    return repr(text if len(text) <= _MAX_QUOTE else text[:_MAX_QUOTE] + "...")


def _address(url: str) -> tuple[str, int | None]:
    """Host and port of a URL, the port filled in from the scheme; ws(s) and http(s) compare equal."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return ((parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(parts.scheme.lower()))


def _describe(exc: BaseException) -> str:
    """What went wrong, in words for the report."""
    if isinstance(exc, MastodonAPIError) and exc.status_code is not None:
        text = f"answered HTTP {exc.status_code}"
        if exc.reason:
            text += f" {exc.reason}"
        if exc.error:
            text += f": {exc.error}"
        return text
    return str(exc) or type(exc).__name__


def _token_hint(stream: str, status: Any) -> str:
    if stream == "public" and status in (401, 403):
        return " (this client has no access token; the server may want one for streaming)"
    return ""


# -- the streaming URL ---------------------------------------------------------------------------


def _announced(info: Any) -> tuple[str, Any]:
    """Where the instance document names the streaming API, and what it says there.

    The same places, in the same order, as the client's own choice of streaming base URL.
    """
    if not isinstance(info, Mapping):
        return "", None
    urls = info.get("urls")
    if isinstance(urls, Mapping) and urls.get("streaming_api"):
        return "urls.streaming_api", urls["streaming_api"]
    configuration = info.get("configuration")
    config_urls = configuration.get("urls") if isinstance(configuration, Mapping) else None
    if isinstance(config_urls, Mapping) and config_urls.get("streaming"):
        return "configuration.urls.streaming", config_urls["streaming"]
    return "", None


def _check_streaming_url(client: DiagnosedClient) -> tuple[StreamCheck, str]:
    problem: MastodonError | None = None
    try:
        info = client._instance_raw()
    except MastodonError as exc:
        info, problem = None, exc
    try:
        base = client._streaming_base_url()
    except MastodonError:  # a spent rate limit in "throw" mode is not one of the errors it takes in
        base = client.api_base_url.rstrip("/")
    if problem is not None:
        detail = f"could not read the instance document ({_describe(problem)}); streams go to {base}"
        return StreamCheck(URL_CHECK, "warning", detail), base
    key, announced = _announced(info)
    if announced is None:
        detail = f"the instance document announces no streaming URL; streams go to the API's address {base}"
        return StreamCheck(URL_CHECK, "warning", detail), base
    try:
        parts = urlsplit(announced) if isinstance(announced, str) else None
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in _DEFAULT_PORTS or not parts.hostname:
        shown = repr(announced)[:_MAX_QUOTE]
        detail = f"the instance document announces {shown} as {key}, which is not an http(s) or ws(s) URL"
        return StreamCheck(URL_CHECK, "failed", detail), base
    api_host = urlsplit(client.api_base_url).netloc
    if _address(announced) == _address(client.api_base_url):
        where = "the API's own address"
    else:
        where = f"another address than the API ({api_host}), where streams go"
    if parts.scheme.lower() in ("ws", "http") and urlsplit(client.api_base_url).scheme.lower() == "https":
        detail = f"{announced} ({key}) is not encrypted while the API uses https; it is {where}"
        return StreamCheck(URL_CHECK, "warning", detail), base
    return StreamCheck(URL_CHECK, "ok", f"{announced} ({key}), {where}"), base


# -- the health endpoint ------------------------------------------------------------------------


def _check_health(client: DiagnosedClient, base: str, timeout: float) -> StreamCheck:
    url = base + "/api/v1/streaming/health"
    try:
        response = send(client, "GET", url, timeout=timeout)
    except MastodonError as exc:
        return StreamCheck(HEALTH_CHECK, "failed", f"{url} {_describe(exc)}")
    body = response.content.strip()
    if body in (b"OK", b"success"):
        return StreamCheck(HEALTH_CHECK, "ok", f"{url} answered {body.decode()}")
    kind = response.headers.get("Content-Type", "")
    hint = " (a web page: the path may not reach the streaming server)" if "html" in kind.lower() else ""
    detail = f"{url} answered HTTP {response.status_code} with {_quote(body)} instead of OK{hint}"
    return StreamCheck(HEALTH_CHECK, "warning", detail)


# -- server-sent events --------------------------------------------------------------------------


@dataclass
class _Seen:
    """What arrived on an open SSE connection; times in seconds."""

    first_at: float | None = None  # first bytes, counted from before the request
    heartbeat_at: float | None = None  # first heartbeat, counted from when the answer came
    ended_at: float | None = None  # the server ended the body
    failed_at: float | None = None  # the connection failed
    error: BaseException | None = None
    items: int = 0


def _is_heartbeat(item: SSEItem, earlier: int) -> bool:
    """Whether ``item`` shows data flowing: Mastodon's ``:thump``, an event, or anything after
    the comment a server sends when a stream opens."""
    if isinstance(item, SSEEvent) or earlier > 0:
        return True
    return item.text.strip() == b"thump"


def _read(response: requests.Response, arrivals: queue.SimpleQueue[tuple[str, float, Any]]) -> None:
    """Read the body in a thread, handing on what arrives, when, and how the read ended."""
    parser = SSEParser()
    try:
        for block in iter_body(response):
            arrivals.put(("data", time.monotonic(), parser.feed(block)))
    except Exception as exc:  # whatever ends the read is reported; the thread ends quietly
        arrivals.put(("error", time.monotonic(), exc))
    else:
        arrivals.put(("end", time.monotonic(), None))


def _allow_reads_of(response: requests.Response, seconds: float) -> None:
    """Let reads on the connection wait ``seconds``: the request itself was allowed less."""
    raw = getattr(response, "raw", None)
    sock = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            sock.settimeout(seconds)


def _watch(response: requests.Response, started: float, timeout: float, heartbeat_timeout: float) -> _Seen:
    """Wait for the first bytes and the first heartbeat, each no longer than allowed."""
    opened = time.monotonic()
    _allow_reads_of(response, max(timeout, heartbeat_timeout) + 1.0)
    arrivals: queue.SimpleQueue[tuple[str, float, Any]] = queue.SimpleQueue()
    reader = threading.Thread(target=_read, args=(response, arrivals), name="mastodon-stream-diagnose", daemon=True)
    reader.start()
    seen = _Seen()
    # Until the first bytes come, both waits run; after that only the one for a heartbeat.
    first_deadline = max(started + timeout, opened + heartbeat_timeout)
    heartbeat_deadline = opened + heartbeat_timeout
    try:
        while seen.heartbeat_at is None:
            end = heartbeat_deadline if seen.first_at is not None else first_deadline
            remaining = end - time.monotonic()
            if remaining <= 0:
                break
            try:
                kind, at, payload = arrivals.get(timeout=remaining)
            except queue.Empty:
                break
            if kind == "end":
                seen.ended_at = at - opened
                break
            if kind == "error":
                seen.failed_at, seen.error = at - opened, payload
                break
            if seen.first_at is None:
                seen.first_at = at - started
            for item in payload:
                if seen.heartbeat_at is None and _is_heartbeat(item, seen.items):
                    seen.heartbeat_at = at - opened
                seen.items += 1
    finally:
        interrupt(response)
        reader.join(_READER_JOIN_WAIT)
    return seen


def _check_sse(
    client: DiagnosedClient, base: str, stream: str, timeout: float, heartbeat_timeout: float
) -> list[StreamCheck]:
    url = f"{base}/api/v1/streaming/{stream}"
    not_opened = StreamCheck(BUFFERING_CHECK, "skipped", "no stream was opened (see SSE)")
    started = time.monotonic()
    try:
        response = client.session.request(
            "GET",
            url,
            headers=client._auth_headers(),
            stream=True,
            timeout=(timeout, timeout),
            auth=no_auth,
        )
    except requests.Timeout:
        return [StreamCheck(SSE_CHECK, "failed", f"{url} did not answer within {timeout:g} s"), not_opened]
    except (requests.RequestException, OSError, ValueError) as exc:
        detail = f"could not connect to {url}: {type(exc).__name__}: {exc}"
        return [StreamCheck(SSE_CHECK, "failed", detail), not_opened]
    with contextlib.closing(response):
        status = response.status_code
        if not 200 <= status < 300:
            try:
                answer = _describe(api_error(response))
            except TRANSPORT_ERRORS:
                answer = f"answered HTTP {status}"
            detail = f"the {stream} stream ({url}) {answer}{_token_hint(stream, status)}"
            return [StreamCheck(SSE_CHECK, "failed", detail), not_opened]
        kind = response.headers.get("Content-Type", "")
        if "text/event-stream" not in kind.lower():
            detail = (
                f"the {stream} stream ({url}) answered HTTP {status} with {kind or 'no content type'} instead of "
                "text/event-stream: the path may reach the web application, not the streaming server"
            )
            return [StreamCheck(SSE_CHECK, "failed", detail), not_opened]
        seen = _watch(response, started, timeout, heartbeat_timeout)
        encoding = response.headers.get("Content-Encoding", "")
    return [
        _first_bytes_verdict(seen, stream, url, timeout),
        _buffering_verdict(seen, heartbeat_timeout, encoding),
    ]


def _first_bytes_verdict(seen: _Seen, stream: str, url: str, timeout: float) -> StreamCheck:
    opened = f"the {stream} stream ({url}) answered HTTP 200"
    if seen.first_at is not None and seen.first_at <= timeout:
        return StreamCheck(SSE_CHECK, "ok", f"{opened} and sent its first bytes after {seen.first_at:.1f} s")
    if seen.first_at is not None:
        detail = f"{opened} but sent its first bytes only after {seen.first_at:.1f} s (more than {timeout:g} s)"
        return StreamCheck(SSE_CHECK, "warning", detail)
    if seen.ended_at is not None:
        detail = f"{opened} but the server ended it after {seen.ended_at:.1f} s without sending anything"
        return StreamCheck(SSE_CHECK, "failed", detail)
    if seen.error is not None:
        detail = f"{opened} but the connection failed before any data: {type(seen.error).__name__}: {seen.error}"
        return StreamCheck(SSE_CHECK, "failed", detail)
    return StreamCheck(SSE_CHECK, "failed", f"{opened} but sent nothing within {timeout:g} s")


def _buffering_verdict(seen: _Seen, heartbeat_timeout: float, encoding: str) -> StreamCheck:
    advice = _ADVICE
    if encoding and encoding.lower() != "identity":
        advice += f"; the stream also arrives compressed ({encoding}), which holds events back too"
    if seen.heartbeat_at is not None and seen.heartbeat_at <= heartbeat_timeout:
        detail = f"a heartbeat arrived {seen.heartbeat_at:.1f} s after connecting: events are passed on as they come"
        return StreamCheck(BUFFERING_CHECK, "ok", detail)
    if seen.heartbeat_at is not None:
        detail = (
            f"the first heartbeat arrived only {seen.heartbeat_at:.1f} s after connecting (more than "
            f"{heartbeat_timeout:g} s): a proxy may be holding events back; {advice}"
        )
        return StreamCheck(BUFFERING_CHECK, "warning", detail)
    if seen.ended_at is not None:
        detail = (
            f"the server ended the stream {seen.ended_at:.1f} s after connecting, before any heartbeat; "
            "a proxy may be closing streams it takes for idle"
        )
        return StreamCheck(BUFFERING_CHECK, "failed", detail)
    if seen.error is not None:
        detail = f"the connection failed {seen.failed_at or 0.0:.1f} s after connecting, before any heartbeat"
        return StreamCheck(BUFFERING_CHECK, "failed", detail)
    if seen.first_at is None:
        detail = (
            f"the connection is open but nothing arrived within {heartbeat_timeout:g} s, not even a heartbeat "
            f"(Mastodon sends one every {MASTODON_HEARTBEAT_SEC} s): events are probably buffered by a proxy; "
            f"{advice}"
        )
        return StreamCheck(BUFFERING_CHECK, "failed", detail)
    detail = (
        f"the first bytes arrived but no heartbeat followed within {heartbeat_timeout:g} s (Mastodon sends one "
        f"every {MASTODON_HEARTBEAT_SEC} s): events are probably buffered by a proxy; {advice}"
    )
    return StreamCheck(BUFFERING_CHECK, "warning", detail)


# -- WebSocket ----------------------------------------------------------------------------------


def _websocket_failure(exc: BaseException, websocket: Any, timeout: float) -> tuple[str, Any]:
    """The words for a failed handshake, and the HTTP status when the server refused it."""
    status = getattr(exc, "status_code", None)
    if isinstance(exc, websocket.WebSocketBadStatusException) and isinstance(status, int):
        text: Any = getattr(exc, "resp_body", None)
        with contextlib.suppress(Exception):
            body = json.loads(text) if text else None
            text = body.get("error", text) if isinstance(body, dict) else text
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        said = f": {_quote(str(text).encode())}" if text else ""
        return f"the server refused the handshake with HTTP {status}{said}", status
    if isinstance(exc, (websocket.WebSocketTimeoutException, TimeoutError)):
        return f"no answer to the handshake within {timeout:g} s", None
    return f"could not connect: {type(exc).__name__}: {exc}", None


def _frame_error(frame: Any) -> str | None:
    """The error a frame reports (Mastodon sends ``{"error": ...}`` for a refused stream)."""
    try:
        message = json.loads(frame)
    except (TypeError, ValueError):
        return None
    if isinstance(message, dict) and message.get("error"):
        return str(message["error"])
    return None


def _check_websocket(client: DiagnosedClient, base: str, stream: str, timeout: float, wanted: bool) -> StreamCheck:
    if not wanted:
        return StreamCheck(WEBSOCKET_CHECK, "skipped", "not asked for (websocket=False)")
    try:
        import websocket
    except ImportError:
        detail = "install mastodon[websocket] (the websocket-client package) to check WebSocket streaming"
        return StreamCheck(WEBSOCKET_CHECK, "skipped", detail)
    try:
        url = f"{websocket_url(base)}?stream={stream}"
    except MastodonIllegalArgumentError:
        return StreamCheck(WEBSOCKET_CHECK, "failed", f"no WebSocket address can be made of {base}")
    headers = [f"{name}: {value}" for name, value in client._auth_headers().items()]
    started = time.monotonic()
    try:
        connection = websocket.create_connection(url, header=headers, timeout=timeout)
    except Exception as exc:  # the library raises its own classes and the socket's
        words, status = _websocket_failure(exc, websocket, timeout)
        return StreamCheck(WEBSOCKET_CHECK, "failed", f"{url}: {words}{_token_hint(stream, status)}")
    shaken = time.monotonic() - started
    wait = min(timeout, _FIRST_FRAME_WAIT)
    try:
        connection.settimeout(wait)
        frame = connection.recv()
        arrived = time.monotonic() - started
    except (websocket.WebSocketTimeoutException, TimeoutError):
        detail = (
            f"{url}: the handshake succeeded after {shaken:.1f} s (no frame within {wait:g} s; frames come with events)"
        )
        return StreamCheck(WEBSOCKET_CHECK, "ok", detail)
    except Exception as exc:
        detail = f"{url}: the connection failed right after the handshake: {type(exc).__name__}: {exc}"
        return StreamCheck(WEBSOCKET_CHECK, "failed", detail)
    finally:
        with contextlib.suppress(Exception):
            connection.close(timeout=wait)
    if frame in ("", b""):
        detail = f"{url}: the server closed the connection right after the handshake"
        return StreamCheck(WEBSOCKET_CHECK, "failed", detail)
    error = _frame_error(frame)
    if error is not None:
        detail = f"{url}: the handshake succeeded but the server refused the {stream} stream: {error}"
        return StreamCheck(WEBSOCKET_CHECK, "failed", detail)
    detail = f"{url}: the handshake succeeded and a first frame arrived after {arrived:.1f} s"
    return StreamCheck(WEBSOCKET_CHECK, "ok", detail)
