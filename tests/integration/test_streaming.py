"""Streaming against a live server: events caused by another user, blocking and in the background,
and reconnection after the server ends or hangs a stream.

The other user's actions go through plain ``requests``, so a failure here points at streaming.
Waits are bounded by ``WAIT`` and end as soon as the awaited event arrives.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests

from mastodon import Mastodon
from mastodon.errors import MastodonUnauthorizedError
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
