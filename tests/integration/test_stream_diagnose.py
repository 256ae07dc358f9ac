"""stream_diagnose() against a live server: a working server passes, a broken part is named.

The mock sends a heartbeat every 0.5 s; a real Mastodon server every 15 s, so the wait for one is
longer there. The diagnosis ends each wait as soon as what it waits for arrives.
"""

from __future__ import annotations

from mastodon import Mastodon
from mastodon._stream_diagnose import BUFFERING_CHECK, HEALTH_CHECK, SSE_CHECK, URL_CHECK, WEBSOCKET_CHECK

from ._mockserver import MockServer
from .conftest import Target

TIMEOUT = 10.0


def test_a_working_server_passes(target: Target) -> None:
    api = Mastodon(access_token=target.token, api_base_url=target.base_url)
    heartbeat_timeout = 5.0 if target.is_mock else 20.0
    diagnosis = api.stream_diagnose(timeout=TIMEOUT, heartbeat_timeout=heartbeat_timeout)
    report = str(diagnosis)
    for name in (URL_CHECK, HEALTH_CHECK, SSE_CHECK, BUFFERING_CHECK):
        assert diagnosis.check(name).status == "ok", report
    assert diagnosis.stream == "user"
    websocket = diagnosis.check(WEBSOCKET_CHECK)
    if target.is_mock and websocket.status == "failed":
        # The mock reads a WebSocket token from the query string only; the header is refused.
        assert "HTTP 403" in websocket.detail, report
    else:
        assert websocket.status == "ok", report
    assert target.token not in report
    assert target.token not in repr(diagnosis)


def test_the_public_streams_pass_without_a_token(mock: MockServer) -> None:
    diagnosis = Mastodon(api_base_url=mock.base_url).stream_diagnose(timeout=TIMEOUT, heartbeat_timeout=5.0)
    assert diagnosis.stream == "public"
    assert diagnosis.ok, str(diagnosis)
    assert diagnosis.check(WEBSOCKET_CHECK).status == "ok"
    # The mock's WebSocket handler notices a closed connection only when it next sends; a public
    # post makes it send, so that the server can stop at once at the end of the session.
    Mastodon(access_token=mock.tokens["bob"], api_base_url=mock.base_url).status_post("diagnosed")


def test_a_failing_part_is_named(mock: MockServer) -> None:
    mock.add_fault("GET", "/api/v1/streaming/health", status=503, body={"error": "Down for maintenance"}, count=None)
    mock.add_fault("GET", "/api/v1/streaming/user", status=502, body={"error": "Bad gateway"}, count=None)
    api = Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)
    diagnosis = api.stream_diagnose(timeout=TIMEOUT, heartbeat_timeout=5.0, websocket=False)
    assert diagnosis.verdict == "failed"
    assert diagnosis.check(URL_CHECK).status == "ok"
    assert diagnosis.check(HEALTH_CHECK).status == "failed"
    assert "HTTP 503" in diagnosis.check(HEALTH_CHECK).detail
    assert diagnosis.check(SSE_CHECK).status == "failed"
    assert "HTTP 502" in diagnosis.check(SSE_CHECK).detail
    assert diagnosis.check(BUFFERING_CHECK).status == "skipped"
    assert diagnosis.check(WEBSOCKET_CHECK).status == "skipped"
