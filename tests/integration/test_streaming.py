"""Streaming against a live server: events caused by another user, blocking and in the background,
and reconnection after the server ends or hangs a stream.

The other user's actions go through plain ``requests``, so a failure here points at streaming.
Waits are bounded by ``WAIT`` and end as soon as the awaited event arrives.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest
import requests

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonUnauthorizedError
from mastodon.return_types import Notification, Status
from mastodon.streaming import SSEStreamHandle

from ._listener import WAIT, Listener, Seen
from ._mockserver import MockServer
from .conftest import Target


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Bob:
    """The other user, acting through plain HTTP."""

    def __init__(self, server: MockServer) -> None:
        self.base = server.base_url
        self.token = server.tokens["bob"]
        self.alice_token = server.tokens["alice"]

    def _call(self, method: str, path: str, token: str, **kwargs: Any) -> Any:
        answer = requests.request(method, self.base + path, headers=_bearer(token), timeout=10, **kwargs)
        assert answer.ok, f"{method} {path}: HTTP {answer.status_code} {answer.text[:300]}"
        return answer.json()

    def make_alice_follow_bob(self) -> None:
        bob_id = self._call("GET", "/api/v1/accounts/verify_credentials", self.token)["id"]
        self._call("POST", f"/api/v1/accounts/{bob_id}/follow", self.alice_token)

    def post(self, text: str) -> str:
        status_id: str = self._call("POST", "/api/v1/statuses", self.token, data={"status": text})["id"]
        return status_id

    def delete(self, status_id: str) -> None:
        self._call("DELETE", f"/api/v1/statuses/{status_id}", self.token)


@pytest.fixture
def bob(mock: MockServer) -> Bob:
    person = Bob(mock)
    person.make_alice_follow_bob()
    return person


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def _act(bob: Bob, listener: Listener) -> str:
    assert listener.connected.wait(WAIT), "the stream never said it was live"
    status_id = bob.post("hello @alice, streaming works")
    assert listener.updated.wait(WAIT), "no update arrived"
    bob.delete(status_id)
    return status_id


def _check(listener: Listener, status_id: str) -> None:
    kinds = [kind for kind, _ in listener.events]
    assert kinds.count("update") == 1
    assert kinds.count("notification") == 1
    assert kinds[-1] == "delete"
    update = next(payload for kind, payload in listener.events if kind == "update")
    notification = next(payload for kind, payload in listener.events if kind == "notification")
    assert isinstance(update, Status)
    assert update.id == status_id
    assert update.account.acct == "bob"
    assert isinstance(notification, Notification)
    assert notification.type == "mention"
    assert notification.status.id == status_id
    assert listener.events[-1] == ("delete", status_id)
    assert listener.aborts == []


def test_stream_healthy(target: Target) -> None:
    api = Mastodon(access_token=target.token, api_base_url=target.base_url)
    assert api.stream_healthy() is True


def test_stream_user_in_the_background(alice: Mastodon, bob: Bob, handles: list[SSEStreamHandle]) -> None:
    listener = Listener()
    handle = alice.stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    handles.append(handle)
    status_id = _act(bob, listener)
    assert listener.deleted.wait(WAIT)
    _check(listener, status_id)
    assert handle.is_receiving()
    handle.close()
    handle.join(WAIT)
    assert not handle.is_alive()


def test_stream_user_blocking(alice: Mastodon, bob: Bob) -> None:
    listener = Listener(leave_on_delete=True)
    result: dict[str, str] = {}
    actor = threading.Thread(target=lambda: result.update(id=_act(bob, listener)), daemon=True)
    actor.start()
    with pytest.raises(Seen):
        alice.stream_user(listener)
    actor.join(WAIT)
    _check(listener, result["id"])


def test_stream_hashtag_and_local_timeline(alice: Mastodon, bob: Bob, handles: list[SSEStreamHandle]) -> None:
    tagged, local = Listener(), Listener()
    for handle in (alice.stream_hashtag("Streams", tagged, run_async=True), alice.stream_local(local, run_async=True)):
        assert isinstance(handle, SSEStreamHandle)
        handles.append(handle)
    assert tagged.connected.wait(WAIT)
    assert local.connected.wait(WAIT)
    status_id = bob.post("about #streams")
    assert tagged.updated.wait(WAIT)
    assert local.updated.wait(WAIT)
    assert [payload.id for kind, payload in tagged.events if kind == "update"] == [status_id]
    assert [payload.id for kind, payload in local.events if kind == "update"] == [status_id]


def test_bad_token_is_refused(mock: MockServer) -> None:
    api = Mastodon(access_token="not-a-token", api_base_url=mock.base_url)
    with pytest.raises(MastodonUnauthorizedError):
        api.stream_user(Listener())


def test_reconnect_after_the_server_ends_the_stream(
    mock: MockServer, alice: Mastodon, bob: Bob, handles: list[SSEStreamHandle]
) -> None:
    # The first connection is answered with a short body that simply ends: to the client, the
    # server closed the stream. The next connection is a real one.
    mock.add_fault("GET", "/api/v1/streaming/user", "malformed", truncate=False, count=1)
    mark = mock.log_mark()
    listener = Listener()
    handle = alice.stream_user(listener, run_async=True, reconnect_async=True, reconnect_async_wait_sec=0.1)
    assert isinstance(handle, SSEStreamHandle)
    handles.append(handle)
    status_id = _act(bob, listener)
    assert listener.deleted.wait(WAIT)
    _check(listener, status_id)
    streams = [r for r in mock.requests_since(mark) if r.path == "/api/v1/streaming/user"]
    assert len(streams) >= 2


class RecordingSession(requests.Session):
    """Records each request's URL and its outcome (status code or exception name)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, Any]] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        try:
            answer = super().request(method, url, *args, **kwargs)
        except requests.RequestException as exc:
            self.log.append((str(url), type(exc).__name__))
            raise
        self.log.append((str(url), answer.status_code))
        return answer


def test_reconnect_after_a_hung_connection(mock: MockServer, bob: Bob, handles: list[SSEStreamHandle]) -> None:
    # The first connection stays silent for longer than the read timeout, which declares it
    # dead. (A "latency" fault rather than a "timeout" one: the server holds the latter for
    # 30 s, which would also hold up its shutdown.)
    mock.add_fault("GET", "/api/v1/streaming/user", "latency", delay_ms=4000, count=1)
    session = RecordingSession()
    api = Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url, session=session)
    listener = Listener()
    handle = api.stream_user(listener, run_async=True, timeout=1, reconnect_async=True, reconnect_async_wait_sec=0.1)
    assert isinstance(handle, SSEStreamHandle)
    handles.append(handle)
    status_id = _act(bob, listener)
    assert listener.deleted.wait(WAIT)
    _check(listener, status_id)
    streams = [(url, outcome) for url, outcome in session.log if url.endswith("/api/v1/streaming/user")]
    assert [outcome for _, outcome in streams] == ["ReadTimeout", 200]


# -- over a WebSocket --------------------------------------------------------------------------------------------------
#
# The mock reads a WebSocket's token only from the address (Mastodon's legacy form), so these tests
# pass token_in_url=True; Mastodon and GoToSocial read the Authorization header sent along anyway.

_HANDSHAKE = re.compile(r'"WebSocket (?P<target>\S+)" (?P<outcome>\[accepted\]|\d{3})')


def _handshake_mark(mock: MockServer) -> int:
    """A position in the server's log of WebSocket handshakes (its stderr, not the access log)."""
    return mock.stderr_path.stat().st_size


def _handshakes(mock: MockServer, mark: int, token: str, expected: int = 0) -> list[tuple[str, str]]:
    """The WebSocket handshakes the server logged after ``mark``: target (token masked) and outcome.

    The server logs an accepted handshake just after answering it; this waits (up to ``WAIT``)
    until ``expected`` of them are there.
    """
    deadline = time.monotonic() + WAIT
    while True:
        with mock.stderr_path.open("rb") as log:
            log.seek(mark)
            text = log.read().decode("utf-8", errors="replace")
        found = [(m["target"].replace(token, "TOKEN"), m["outcome"]) for m in _HANDSHAKE.finditer(text)]
        if len(found) >= expected or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _post_until_streamed(bob: Bob, listener: Listener, text: str) -> str:
    """Post until a post arrives on the stream; its ID.

    The server subscribes a WebSocket just after answering the handshake, so a post sent at once
    could come before that; each try is a new post, and only the one that arrived is checked.
    """
    for _ in range(5):
        status_id = bob.post(text)
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            if any(kind == "update" and payload.id == status_id for kind, payload in list(listener.events)):
                return status_id
            listener.updated.clear()
            listener.updated.wait(0.2)
    pytest.fail("no post arrived on the WebSocket stream")


def _let_the_server_notice(bob: Bob, text: str) -> None:
    """Send one more event to a closed WebSocket's stream.

    The test server never reads from a WebSocket, so it learns that the client left only when a
    write to it fails, which the first write after the client left does not; until then the
    connection's task keeps the server from stopping promptly.
    """
    for status_id in [bob.post(text), bob.post(text)]:
        bob.delete(status_id)


def _updates(listener: Listener, status_id: str) -> list[Status]:
    return [payload for kind, payload in listener.events if kind == "update" and payload.id == status_id]


def test_websocket_user_stream_delivers_each_event_once(mock: MockServer, alice: Mastodon, bob: Bob) -> None:
    home, local = Listener(), Listener()
    mark = _handshake_mark(mock)
    handle = alice.stream_open_websocket(home, stream="user", token_in_url=True)
    try:
        assert _handshakes(mock, mark, mock.tokens["alice"], 1) == [
            ("/api/v1/streaming?stream=user&access_token=TOKEN", "[accepted]")
        ]
        handle.subscribe("public:local", local)
        status_id = _post_until_streamed(bob, home, "hello @alice, over a WebSocket")
        bob.delete(status_id)
        # The delete comes after the update and the notification: a copy of either would be here by now.
        assert home.deleted.wait(WAIT)
        [update] = _updates(home, status_id)
        assert isinstance(update, Status)
        assert update.account.acct == "bob"
        notes = [p for kind, p in home.events if kind == "notification" and p.status.id == status_id]
        assert len(notes) == 1
        assert isinstance(notes[0], Notification)
        assert notes[0].type == "mention"
        assert home.events[-1] == ("delete", status_id)
        # The mock serves only the stream named in the address; a server that also takes subscribe
        # messages sends the local timeline's update here, once.
        assert len(_updates(local, status_id)) <= 1
        assert home.aborts == local.aborts == []
    finally:
        handle.close()
        handle.join(WAIT)
        _let_the_server_notice(bob, "@alice that was all")
    assert not handle.is_alive()


def test_websocket_opened_without_a_stream_connects_for_the_first_subscription(
    mock: MockServer, alice: Mastodon, bob: Bob
) -> None:
    tagged = Listener()
    mark = _handshake_mark(mock)
    handle = alice.stream_open_websocket(token_in_url=True)
    try:
        assert _handshakes(mock, mark, mock.tokens["alice"]) == []
        alice.stream_hashtag("Streams", tagged, websocket_handle=handle)
        assert _handshakes(mock, mark, mock.tokens["alice"], 1) == [
            ("/api/v1/streaming?stream=hashtag&tag=Streams&access_token=TOKEN", "[accepted]")
        ]
        status_id = _post_until_streamed(bob, tagged, "about #streams, over a WebSocket")
        bob.delete(status_id)
        assert tagged.deleted.wait(WAIT)
        [update] = _updates(tagged, status_id)
        assert isinstance(update, Status)
        assert tagged.events[-1] == ("delete", status_id)
    finally:
        handle.close()
        handle.join(WAIT)
        _let_the_server_notice(bob, "that was all about #streams")


def test_websocket_refused_by_the_server_names_the_status(mock: MockServer) -> None:
    api = Mastodon(access_token="not-a-token", api_base_url=mock.base_url)
    with pytest.raises(MastodonAPIError) as caught:
        api.stream_open_websocket(Listener(), stream="user", token_in_url=True)
    error = caught.value
    assert error.status_code in (401, 403)
    # The server's words, or (the test server sends none) a sentence naming what was refused.
    assert error.error
    assert "HTTP" not in error.error or "/api/v1/streaming?stream=user" in error.error
    assert str(error.status_code) in str(error)
    assert "-+-+-" not in str(error)
    assert "not-a-token" not in str(error)
