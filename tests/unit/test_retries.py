"""Retries: what is sent again, after how long, and with which Idempotency-Key. Nothing really sleeps.

The clock starts in 2020, far from the real one, so a wait computed from ``time.time()`` instead
of the client's clock shows up as a wrong length.
"""

from __future__ import annotations

import http.client
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import pytest
import requests
import responses
import urllib3

from mastodon import Mastodon
from mastodon._http.request import send
from mastodon.errors import (
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonInternalServerError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServiceUnavailableError,
)

from ._clock import FakeClock

BASE = "https://mastodon.example"
URL = BASE + "/api/v1/x"
T0 = 1_600_000_000.0


def client(**settings: Any) -> tuple[Mastodon, FakeClock]:
    settings.setdefault("retries", 3)
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", **settings)
    fake = FakeClock(T0)
    api._ratelimiter.clock = fake
    api._ratelimiter.sleep = fake.sleep
    return api, fake


def http_date(epoch: float) -> str:
    return format_datetime(datetime.fromtimestamp(epoch, UTC), usegmt=True)


def sent_after_connecting(message: str = "reset") -> requests.exceptions.ConnectionError:
    """What requests raises when the connection dies after the request went out."""
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError(message))
    )


def refused() -> requests.exceptions.ConnectionError:
    """What requests raises when no connection could be made (nothing was sent)."""
    reason = urllib3.exceptions.NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
    return requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, URL, reason))  # type: ignore[arg-type]


def read_timed_out_in_body() -> requests.exceptions.ConnectionError:
    """What requests raises when the body stalls: a ConnectionError around urllib3's read timeout."""
    return requests.exceptions.ConnectionError(urllib3.exceptions.ReadTimeoutError(None, URL, "Read timed out."))  # type: ignore[arg-type]


# -- Retry-After ------------------------------------------------------------------------------------


def test_retry_after_in_seconds_is_waited(mocked: responses.RequestsMock) -> None:
    api, fake = client(retry_backoff=0.1)
    mocked.get(URL, status=503, headers={"Retry-After": "7"})
    mocked.get(URL, json={"ok": 1})

    assert api._call("GET", "/api/v1/x", dict) == {"ok": 1}
    assert fake.sleeps == [pytest.approx(7)]


def test_retry_after_as_a_date_is_measured_on_the_clients_clock(mocked: responses.RequestsMock) -> None:
    api, fake = client(retry_backoff=0.1)
    mocked.get(URL, status=503, headers={"Retry-After": http_date(T0 + 12)})
    mocked.get(URL, json={"ok": 1})

    api._call("GET", "/api/v1/x", dict)

    # Against the real clock that date lies years in the past, which would mean no wait at all.
    assert sum(fake.sleeps) == pytest.approx(12)


def test_retry_after_as_a_date_allows_for_the_servers_clock(mocked: responses.RequestsMock) -> None:
    api, fake = client(retry_backoff=0.1)
    # The server's clock is 100 s ahead of ours; it asks for five seconds of its time.
    mocked.get(URL, status=503, headers={"Date": http_date(T0 + 100), "Retry-After": http_date(T0 + 105)})
    mocked.get(URL, json={"ok": 1})

    api._call("GET", "/api/v1/x", dict)

    assert sum(fake.sleeps) == pytest.approx(5)


@pytest.mark.parametrize("value", ["soon", "-3", "nan", "inf", "Tue, 99 Foo 2020 99:99:99 GMT"])
def test_an_unusable_retry_after_falls_back_to_the_backoff(mocked: responses.RequestsMock, value: str) -> None:
    api, fake = client(retry_backoff=2.0)
    mocked.get(URL, status=503, headers={"Retry-After": value})
    mocked.get(URL, json={"ok": 1})

    api._call("GET", "/api/v1/x", dict)

    (slept,) = fake.sleeps
    assert 1.0 <= slept <= 2.0


def test_a_retry_after_longer_than_retry_backoff_max_ends_the_retries(mocked: responses.RequestsMock) -> None:
    api, fake = client(retry_backoff_max=30)
    mocked.get(URL, status=503, headers={"Retry-After": "120"})

    with pytest.raises(MastodonServiceUnavailableError):
        api._call("GET", "/api/v1/x", dict)

    assert len(mocked.calls) == 1
    assert fake.sleeps == []


# -- backoff and limits -----------------------------------------------------------------------------


def test_backoff_doubles_with_jitter_up_to_the_cap(mocked: responses.RequestsMock) -> None:
    api, fake = client(retries=5, retry_backoff=1.0, retry_backoff_max=4.0)
    for _ in range(5):
        mocked.get(URL, status=502)
    mocked.get(URL, json={"ok": 1})

    api._call("GET", "/api/v1/x", dict)

    ceilings = [1.0, 2.0, 4.0, 4.0, 4.0]
    assert len(fake.sleeps) == 5
    for slept, ceiling in zip(fake.sleeps, ceilings, strict=True):
        assert ceiling / 2 <= slept <= ceiling


def test_when_retries_run_out_the_last_error_is_raised(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=2)
    for _ in range(3):
        mocked.get(URL, status=503, json={"error": "down for maintenance"})

    with pytest.raises(MastodonServiceUnavailableError) as info:
        api._call("GET", "/api/v1/x", dict)

    assert info.value.args[3] == "down for maintenance"
    assert len(mocked.calls) == 3


@pytest.mark.parametrize(("status", "error"), [(500, MastodonInternalServerError), (404, MastodonNotFoundError)])
def test_other_errors_are_never_retried(mocked: responses.RequestsMock, status: int, error: type[Exception]) -> None:
    api, fake = client()
    mocked.get(URL, status=status)

    with pytest.raises(error):
        api._call("GET", "/api/v1/x", dict)

    assert len(mocked.calls) == 1
    assert fake.sleeps == []


def test_no_retries_by_default(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=0)
    mocked.get(URL, body=sent_after_connecting())

    with pytest.raises(MastodonNetworkError):
        api._call("GET", "/api/v1/x", dict)

    assert len(mocked.calls) == 1


# -- which requests are sent again ------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["GET", "PUT", "DELETE"])
@pytest.mark.parametrize("first", ["502", "503", "504", "reset", "timeout"])
def test_idempotent_requests_are_retried(mocked: responses.RequestsMock, verb: str, first: str) -> None:
    api, _ = client()
    if first.isdigit():
        mocked.add(verb, URL, status=int(first))
    else:
        fault = sent_after_connecting() if first == "reset" else requests.exceptions.ReadTimeout("slow")
        mocked.add(verb, URL, body=fault)
    mocked.add(verb, URL, json={"ok": 1})

    assert api._call(verb, "/api/v1/x", dict) == {"ok": 1}
    assert len(mocked.calls) == 2


@pytest.mark.parametrize("verb", ["POST", "PATCH"])
def test_a_request_without_a_key_is_not_retried_after_a_503(mocked: responses.RequestsMock, verb: str) -> None:
    api, _ = client()
    mocked.add(verb, URL, status=503)

    with pytest.raises(MastodonServiceUnavailableError):
        api._call(verb, "/api/v1/x", dict)

    assert len(mocked.calls) == 1


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (sent_after_connecting(), MastodonNetworkError),
        (requests.exceptions.ChunkedEncodingError("cut short"), MastodonNetworkError),
        (requests.exceptions.ReadTimeout("no answer"), MastodonReadTimeout),
        (read_timed_out_in_body(), MastodonReadTimeout),
    ],
    ids=["reset", "truncated", "read-timeout", "body-timeout"],
)
def test_a_post_without_a_key_is_not_resent_once_it_was_sent(
    mocked: responses.RequestsMock, fault: Exception, error: type[Exception]
) -> None:
    api, fake = client()
    mocked.post(URL, body=fault)

    with pytest.raises(error) as info:
        api._call("POST", "/api/v1/x", dict)

    # The server may have acted on it: sending it again could do it twice.
    assert type(info.value) is error
    assert len(mocked.calls) == 1
    assert fake.sleeps == []


@pytest.mark.parametrize(
    "fault", [refused(), requests.exceptions.ConnectTimeout("no connection")], ids=["refused", "connect-timeout"]
)
def test_a_post_that_never_left_is_retried(mocked: responses.RequestsMock, fault: Exception) -> None:
    api, _ = client()
    mocked.post(URL, body=fault)
    mocked.post(URL, json={"ok": 1})

    assert api._call("POST", "/api/v1/x", dict) == {"ok": 1}
    assert len(mocked.calls) == 2


def test_a_post_with_an_idempotency_key_is_retried(mocked: responses.RequestsMock) -> None:
    api, _ = client()
    mocked.post(URL, body=sent_after_connecting())
    mocked.post(URL, status=503)
    mocked.post(URL, json={"ok": 1})

    assert api._call("POST", "/api/v1/x", dict, headers={"Idempotency-Key": "k1"}) == {"ok": 1}
    assert [call.request.headers["Idempotency-Key"] for call in mocked.calls] == ["k1"] * 3


def test_an_empty_idempotency_key_does_not_make_a_post_repeatable(mocked: responses.RequestsMock) -> None:
    api, _ = client()
    mocked.post(URL, status=503)

    with pytest.raises(MastodonServiceUnavailableError):
        api._call("POST", "/api/v1/x", dict, headers={"Idempotency-Key": ""})
    assert len(mocked.calls) == 1


def test_a_request_that_cannot_be_built_is_not_retried() -> None:
    calls: list[str] = []

    class Refusing(requests.Session):
        def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
            calls.append(str(method))
            raise requests.exceptions.InvalidHeader("bad header value")

    api, _ = client(session=Refusing())
    with pytest.raises(MastodonNetworkError):
        api._call("GET", "/api/v1/x", dict)
    assert calls == ["GET"]


# -- 429 -----------------------------------------------------------------------------------------------


def test_429_in_throw_mode_stays_an_error_whatever_the_retries(mocked: responses.RequestsMock) -> None:
    api, fake = client(ratelimit_method="throw", retries=5)
    mocked.get(URL, status=429, headers={"Retry-After": "1"})

    with pytest.raises(MastodonRatelimitError):
        api._call("GET", "/api/v1/x", dict)

    assert len(mocked.calls) == 1
    assert fake.sleeps == []


def test_429_in_wait_mode_sends_even_a_post_again(mocked: responses.RequestsMock) -> None:
    # The server refused the request without acting on it, so sending it again is safe.
    api, fake = client(ratelimit_method="wait", retries=0)
    mocked.post(URL, status=429, headers={"Retry-After": "4"})
    mocked.post(URL, json={"ok": 1})

    assert api._call("POST", "/api/v1/x", dict) == {"ok": 1}
    assert fake.sleeps == [pytest.approx(4)]


def test_429_in_wait_mode_with_a_body_that_cannot_be_replayed_raises(mocked: responses.RequestsMock) -> None:
    api, fake = client(ratelimit_method="wait")
    mocked.put(URL, status=429, headers={"Retry-After": "4"})

    with pytest.raises(MastodonRatelimitError):
        send(api, "PUT", URL, data=(chunk for chunk in [b"a", b"b"]))

    assert len(mocked.calls) == 1
    assert fake.sleeps == []


# -- request bodies -------------------------------------------------------------------------------


def test_a_multipart_body_is_sent_whole_again_from_where_the_file_stood(mocked: responses.RequestsMock) -> None:
    api, _ = client()
    upload = io.BytesIO(b"header-to-skip|" + b"payload " * 40)
    upload.seek(len(b"header-to-skip|"))
    mocked.put(URL, status=503)
    mocked.put(URL, json={"ok": 1})

    api._call("PUT", "/api/v1/x", dict, files={"file": ("a.bin", upload, "application/octet-stream")})

    first, second = (call.request.body for call in mocked.calls)
    assert isinstance(first, bytes) and isinstance(second, bytes)
    assert b"payload " * 40 in first
    assert b"header-to-skip" not in first
    # Same parts, same bytes (the boundary differs between attempts).
    assert first.count(b"payload ") == second.count(b"payload ") == 40


class OneWayStream(io.RawIOBase):
    """A readable stream that cannot go back, like a pipe."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data


def test_a_body_that_cannot_be_rewound_is_not_sent_again(mocked: responses.RequestsMock) -> None:
    api, fake = client()
    mocked.put(URL, status=503)

    with pytest.raises(MastodonServiceUnavailableError):
        api._call("PUT", "/api/v1/x", dict, files={"file": ("a.bin", OneWayStream(b"once"), "text/plain")})

    assert len(mocked.calls) == 1
    assert fake.sleeps == []


def test_a_generator_body_is_not_sent_again(mocked: responses.RequestsMock) -> None:
    api, _ = client()
    mocked.put(URL, body=sent_after_connecting())

    with pytest.raises(MastodonNetworkError):
        send(api, "PUT", URL, data=(chunk for chunk in [b"a", b"b"]))

    assert len(mocked.calls) == 1


# -- one Idempotency-Key per status post ----------------------------------------------------------


def _post_url() -> str:
    return BASE + "/api/v1/statuses"


def test_one_status_post_uses_one_key_on_every_attempt(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=4)
    mocked.post(_post_url(), body=sent_after_connecting())
    mocked.post(_post_url(), status=503)
    mocked.post(_post_url(), body=requests.exceptions.ReadTimeout("answer lost"))
    mocked.post(_post_url(), status=502)
    mocked.post(_post_url(), json={"id": "1", "content": "hi"})

    api.status_post("hi")

    keys = [call.request.headers.get("Idempotency-Key") for call in mocked.calls]
    assert len(keys) == 5
    assert keys[0] and set(keys) == {keys[0]}

    mocked.post(_post_url(), json={"id": "2", "content": "next"})
    api.status_post("next")
    assert mocked.calls[5].request.headers.get("Idempotency-Key") not in (None, keys[0])


def test_a_callers_key_is_sent_unchanged_on_every_attempt(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=2)
    mocked.post(_post_url(), status=504)
    mocked.post(_post_url(), body=sent_after_connecting())
    mocked.post(_post_url(), json={"id": "1", "content": "hi"})

    api.status_post("hi", idempotency_key="caller-chosen")

    assert [call.request.headers["Idempotency-Key"] for call in mocked.calls] == ["caller-chosen"] * 3


def test_a_status_post_gives_up_with_the_error_after_the_last_retry(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=1)
    mocked.post(_post_url(), status=502)
    mocked.post(_post_url(), status=502)

    with pytest.raises(MastodonBadGatewayError):
        api.status_post("hi")

    keys = {call.request.headers["Idempotency-Key"] for call in mocked.calls}
    assert len(mocked.calls) == 2 and len(keys) == 1


# -- failures are ours, and leave the limiter clean -----------------------------------------------


class RaisingSession(requests.Session):
    """A session (or adapter) that lets a lower-level error escape unwrapped."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error
        self.calls = 0

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        self.calls += 1
        raise self.error


@pytest.mark.parametrize(
    "error",
    [
        urllib3.exceptions.ProtocolError("Connection aborted."),
        http.client.RemoteDisconnected("Remote end closed connection without response"),
        http.client.IncompleteRead(b"par"),
        ConnectionResetError("reset"),
    ],
    ids=["urllib3", "remote-disconnected", "incomplete-read", "oserror"],
)
def test_bare_transport_errors_become_network_errors(error: BaseException) -> None:
    session = RaisingSession(error)
    api, _ = client(retries=2, session=session)

    with pytest.raises(MastodonNetworkError) as info:
        api._call("POST", "/api/v1/x", dict)

    assert info.value.__cause__ is error
    assert session.calls == 1


def test_a_refused_connection_is_not_called_a_timeout(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=0)
    mocked.get(URL, body=refused())

    with pytest.raises(MastodonNetworkError) as info:
        api._call("GET", "/api/v1/x", dict)

    assert not isinstance(info.value, MastodonReadTimeout)


def test_reservations_are_released_whatever_happens(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=1)
    mocked.get(URL, body=sent_after_connecting())
    mocked.get(URL, status=503)
    mocked.post(BASE + "/api/v2/media", body=sent_after_connecting())

    with pytest.raises(MastodonServiceUnavailableError):
        api._call("GET", "/api/v1/x", dict)
    with pytest.raises(MastodonNetworkError):
        api._call("POST", "/api/v2/media", dict, files={"file": ("a.png", b"png", "image/png")})

    assert api._ratelimiter.in_flight() == 0
    assert api._ratelimiter.in_flight("media") == 0


def test_an_interrupted_request_releases_its_reservation() -> None:
    api, _ = client(session=RaisingSession(KeyboardInterrupt()))

    with pytest.raises(KeyboardInterrupt):
        api._call("GET", "/api/v1/x", dict)

    assert api._ratelimiter.in_flight() == 0


@pytest.fixture
def no_real_sleep(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if anything in the request path sleeps for real."""

    def refuse(seconds: float) -> None:
        raise AssertionError(f"slept for real: {seconds}")

    monkeypatch.setattr("time.sleep", refuse)
    yield


def test_retries_sleep_only_through_the_clients_sleep(mocked: responses.RequestsMock, no_real_sleep: None) -> None:
    api, fake = client(retries=2)
    mocked.get(URL, status=503)
    mocked.get(URL, body=sent_after_connecting())
    mocked.get(URL, json={"ok": 1})

    api._call("GET", "/api/v1/x", dict)

    assert len(fake.sleeps) == 2


def test_api_error_bodies_stay_readable_after_retries(mocked: responses.RequestsMock) -> None:
    api, _ = client(retries=1)
    mocked.get(URL, status=503, json={"error": "first"})
    mocked.get(URL, status=503, json={"error": "second"})

    with pytest.raises(MastodonAPIError) as info:
        api._call("GET", "/api/v1/x", dict)

    assert info.value.args[3] == "second"
