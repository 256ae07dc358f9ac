"""One request end to end: headers, encoding, bodies, errors, transport faults, secrets."""

from __future__ import annotations

import gzip
import http.client
import io
import json
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses
import urllib3
from requests.adapters import BaseAdapter
from responses import matchers

from mastodon import Mastodon
from mastodon._http import fastpaths
from mastodon._http.encoding import encode_form
from mastodon._http.request import no_auth
from mastodon.errors import (
    MastodonAPIError,
    MastodonDeprecationWarning,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServiceUnavailableError,
)
from mastodon.return_types import Account, Status
from mastodon.types_base import AttribAccessDict, EmptyResponse, PaginatableList

BASE = "https://mastodon.example"
TOKEN = "s3cr3t-t0ken-value"
STATUS = {"id": "1", "created_at": "2024-01-01T00:00:00.000Z", "account": {"id": "2", "created_at": None}}


class RecordingSession(requests.Session):
    """A session that answers every request itself and remembers what it was asked."""

    def __init__(self, status: int = 200, body: bytes = b"{}", headers: dict[str, str] | None = None) -> None:
        super().__init__()
        self.calls: list[dict[str, Any]] = []
        self.status, self.body, self.headers_out = status, body, headers or {}

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.calls.append({"method": method, "url": url, **kwargs})
        response = requests.Response()
        response.status_code = self.status
        response._content = self.body
        response.headers.update(self.headers_out)
        response.url = url
        return response


def client(**kwargs: Any) -> Mastodon:
    kwargs.setdefault("access_token", TOKEN)
    kwargs.setdefault("api_base_url", BASE)
    kwargs.setdefault("mastodon_version", "4.5.0")
    return Mastodon(**kwargs)


# -- what reaches session.request --------------------------------------------------------------------


def test_every_request_goes_through_session_request() -> None:
    session = RecordingSession(body=b'{"a": 1}')
    api = client(session=session, request_timeout=12, user_agent="tester/1.0")
    result = api._call("GET", "/api/v1/thing", dict, params={"x": 1})
    assert result == {"a": 1}
    (call,) = session.calls
    assert call["method"] == "GET"
    assert call["url"] == BASE + "/api/v1/thing"
    assert call["headers"]["Authorization"] == "Bearer " + TOKEN
    assert call["headers"]["User-Agent"] == "tester/1.0"
    assert call["timeout"] == 12
    # The no-op auth hook keeps requests from adding ~/.netrc credentials.
    assert call["auth"] is no_auth
    prepared = requests.Request("GET", BASE).prepare()
    prepared.headers["Authorization"] = "Bearer x"
    assert no_auth(prepared) is prepared and prepared.headers["Authorization"] == "Bearer x"


def test_netrc_credentials_are_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine mastodon.example login user password netrc-secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    api = client(access_token=None)
    with responses.RequestsMock() as mocked:
        mocked.get(BASE + "/api/v1/x", json={})
        api._call("GET", "/api/v1/x", dict)
        assert "Authorization" not in mocked.calls[0].request.headers


def test_no_token_means_no_authorization_header() -> None:
    session = RecordingSession()
    client(access_token=None, session=session)._call("GET", "/api/v1/x", dict)
    assert "Authorization" not in session.calls[0]["headers"]


def test_per_call_token_and_base_url_override() -> None:
    session = RecordingSession()
    client(session=session)._call("GET", "/x", dict, access_token="other", base_url="https://elsewhere.example")
    assert session.calls[0]["headers"]["Authorization"] == "Bearer other"
    assert session.calls[0]["url"] == "https://elsewhere.example/x"


def test_caller_headers_are_added() -> None:
    session = RecordingSession()
    client(session=session)._call("POST", "/x", dict, headers={"Idempotency-Key": "k1"})
    assert session.calls[0]["headers"]["Idempotency-Key"] == "k1"


def test_lang_is_sent_as_a_parameter() -> None:
    session = RecordingSession()
    api = client(session=session, lang="de")
    api._call("GET", "/x", dict, params={"a": "b"})
    api.set_language("fr")
    api._call("GET", "/x", dict)
    api._call("GET", "/x", dict, params={"lang": "pt"})
    assert ("lang", "de") in parse_qsl(session.calls[0]["params"])
    assert parse_qsl(session.calls[1]["params"]) == [("lang", "fr")]
    assert parse_qsl(session.calls[2]["params"]) == [("lang", "pt")]


# -- wire encoding -----------------------------------------------------------------------------------------


def test_query_encoding(mocked: responses.RequestsMock) -> None:
    moment = datetime(2024, 1, 2, tzinfo=UTC)
    mocked.get(
        BASE + "/api/v1/x",
        match=[
            matchers.query_param_matcher(
                {
                    "only_media": "1",
                    "local": "0",
                    "types[]": ["follow", "mention"],
                    "max_id": "77",
                    "min_id": str((int(moment.timestamp()) << 16) * 1000),
                }
            )
        ],
        json=[],
    )
    client()._call(
        "GET",
        "/api/v1/x",
        PaginatableList[Status],
        params={
            "only_media": True,
            "local": False,
            "remote": None,
            "types": ["follow", "mention"],
            "max_id": AttribAccessDict(id="77"),
            "min_id": moment,
        },
    )


def test_form_encoding(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/x", json={})
    client()._call(
        "POST",
        "/api/v1/x",
        dict,
        form={"status": "hi", "sensitive": True, "media_ids": [{"id": "5"}, "6"], "spoiler_text": None},
    )
    request = mocked.calls[0].request
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    # The matchers of `responses` fold repeated keys, so read the body itself.
    assert parse_qsl(request.body) == [("status", "hi"), ("sensitive", "1"), ("media_ids[]", "5"), ("media_ids[]", "6")]


TRICKY_VALUES = {
    "q": "café & crème = 100% +1 #tag ?/",
    "emoji": "🐘",
    "types": ["follow", "mention"],
    "exclude_types[]": ["poll"],
    "limit": 40,
    "ratio": 0.5,
    "flag": True,
    "raw": b"by tes",
    "skipped": None,
}


def _as_requests_would_send(verb: str, **kwargs: Any) -> requests.PreparedRequest:
    return requests.Session().prepare_request(requests.Request(verb, BASE + "/api/v1/x", **kwargs))


def test_the_query_is_what_requests_makes_of_the_same_pairs(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", json={})
    client()._call("GET", "/api/v1/x", dict, params=TRICKY_VALUES)
    sent = mocked.calls[0].request
    assert sent.url == _as_requests_would_send("GET", params=encode_form(TRICKY_VALUES)).url
    assert ("q", TRICKY_VALUES["q"]) in parse_qsl(urlsplit(sent.url or "").query)


def test_a_call_without_parameters_has_no_query(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", json={})
    client()._call("GET", "/api/v1/x", dict)
    assert mocked.calls[0].request.url == BASE + "/api/v1/x"


def test_the_form_body_is_what_requests_makes_of_the_same_pairs(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/x", json={})
    client()._call("POST", "/api/v1/x", dict, form=TRICKY_VALUES)
    sent = mocked.calls[0].request
    expected = _as_requests_would_send("POST", data=encode_form(TRICKY_VALUES))
    assert sent.body == expected.body
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.headers["Content-Length"] == expected.headers["Content-Length"]


def test_a_content_type_given_by_the_caller_is_kept(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/x", json={})
    client()._call(
        "POST", "/api/v1/x", dict, form={"a": "b"}, headers={"content-type": "application/x-www-form-urlencoded; x=1"}
    )
    assert mocked.calls[0].request.headers["Content-Type"] == "application/x-www-form-urlencoded; x=1"


def test_an_empty_form_sends_no_body(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/x", json={})
    client()._call("POST", "/api/v1/x", dict, form={})
    sent = mocked.calls[0].request
    assert sent.body is None
    assert "Content-Type" not in sent.headers


def test_json_encoding(mocked: responses.RequestsMock) -> None:
    mocked.post(
        BASE + "/api/v2/filters",
        match=[
            matchers.json_params_matcher({"title": "t", "context": ["home"], "whole_word": False}, strict_match=True)
        ],
        json={},
    )
    client()._call(
        "POST", "/api/v2/filters", dict, json={"title": "t", "context[]": ["home"], "whole_word": False, "x": None}
    )
    assert mocked.calls[0].request.headers["Content-Type"] == "application/json"


def test_multipart_sends_files_and_form_fields(mocked: responses.RequestsMock) -> None:
    mocked.post(
        BASE + "/api/v2/media",
        match=[
            matchers.multipart_matcher(
                {"file": ("a.png", b"PNGDATA", "image/png")}, data={"description": "alt", "focus": "0.1,0.2"}
            )
        ],
        json={},
    )
    client()._call(
        "POST",
        "/api/v2/media",
        dict,
        files={"file": ("a.png", b"PNGDATA", "image/png")},
        form={"description": "alt", "focus": "0.1,0.2", "thumbnail": None},
    )


def test_bad_input_fails_before_sending(mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        client()._call("GET", "/api/v1/x", dict, params={"max_id": {"no": "id"}})
    assert len(mocked.calls) == 0


# -- bodies ---------------------------------------------------------------------------------------------------


def test_results_are_converted_to_the_declared_type(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/statuses/1", json=STATUS)
    status = client()._call("GET", "/api/v1/statuses/1", Status)
    assert isinstance(status, Status)
    assert isinstance(status.account, Account)
    assert status.created_at == datetime(2024, 1, 1, tzinfo=UTC)
    assert status["account"]["id"] == "2"


def test_lists_become_paginatable_lists(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", json=[STATUS])
    page = client()._call("GET", "/api/v1/x", PaginatableList[Status])
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Status)
    assert page._pagination_next is None and page._pagination_prev is None


def test_empty_body_for_an_empty_response(mocked: responses.RequestsMock) -> None:
    mocked.delete(BASE + "/api/v1/x", body=b"")
    mocked.post(BASE + "/api/v1/y", json={})
    assert client()._call("DELETE", "/api/v1/x", EmptyResponse) == EmptyResponse()
    assert isinstance(client()._call("POST", "/api/v1/y", EmptyResponse), EmptyResponse)


def test_call_accepts_empty_ok() -> None:
    session = RecordingSession(body=b"")
    assert client(session=session)._call("POST", "/api/v1/x", dict, empty_ok=True) is None


def test_empty_body_where_an_entity_is_expected_is_an_error(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/statuses/1", body=b"")
    with pytest.raises(MastodonAPIError):
        client()._call("GET", "/api/v1/statuses/1", Status)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>Welcome to nginx</body></html>", "text/html"),
        (b'{"id": "1", "content": "trunc', "application/json"),
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
    ],
)
def test_unreadable_body_on_200_is_an_api_error_with_the_status(
    mocked: responses.RequestsMock, body: bytes, content_type: str
) -> None:
    mocked.get(BASE + "/api/v1/x", body=body, content_type=content_type)
    with pytest.raises(MastodonAPIError) as info:
        client()._call("GET", "/api/v1/x", Status)
    assert info.value.status_code == 200
    assert info.value.response is not None
    assert isinstance(info.value.__cause__, ValueError)


def test_deprecation_header_warns(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/old", json={}, headers={"Deprecation": "@1735689600"})
    with pytest.warns(MastodonDeprecationWarning, match="/api/v1/old"):
        client()._call("GET", "/api/v1/old", dict)


# -- errors ------------------------------------------------------------------------------------------------------


def test_error_answers_raise_with_the_classic_args(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=404, json={"error": "Record not found"})
    with pytest.raises(MastodonNotFoundError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args == ("Mastodon API returned error", 404, "Not Found", "Record not found")
    assert (info.value.status_code, info.value.reason, info.value.error) == (404, "Not Found", "Record not found")


def test_404_without_a_message(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=404, body=b"<html>nope</html>", content_type="text/html")
    with pytest.raises(MastodonNotFoundError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.args[3] == "Endpoint not found."


def test_html_error_page_still_maps_by_status(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=503, body=b"<html>down</html>", content_type="text/html")
    with pytest.raises(MastodonServiceUnavailableError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.status_code == 503
    assert isinstance(info.value.error, str) and info.value.error


def test_422_keeps_the_details(mocked: responses.RequestsMock) -> None:
    details = {"username": [{"error": "ERR_TAKEN", "description": "is taken"}]}
    mocked.post(BASE + "/api/v1/accounts", status=422, json={"error": "Validation failed", "details": details})
    with pytest.raises(MastodonAPIError) as info:
        client()._call("POST", "/api/v1/accounts", dict, form={"username": "a"})
    assert info.value.status_code == 422
    assert info.value.details == details
    assert info.value.error == "Validation failed"


@pytest.mark.parametrize(
    "fault",
    [
        requests.exceptions.ConnectionError("refused"),
        requests.exceptions.ChunkedEncodingError("broken"),
        requests.exceptions.SSLError("bad cert"),
        ConnectionResetError("reset"),
    ],
)
def test_transport_faults_become_network_errors(mocked: responses.RequestsMock, fault: Exception) -> None:
    mocked.get(BASE + "/api/v1/x", body=fault)
    with pytest.raises(MastodonNetworkError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.__cause__ is fault
    assert not isinstance(info.value, MastodonReadTimeout)


@pytest.mark.parametrize("fault", [requests.exceptions.ReadTimeout("slow"), requests.exceptions.ConnectTimeout("x")])
def test_timeouts_become_read_timeouts(mocked: responses.RequestsMock, fault: Exception) -> None:
    mocked.get(BASE + "/api/v1/x", body=fault)
    with pytest.raises(MastodonReadTimeout) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert info.value.__cause__ is fault
    assert isinstance(info.value, MastodonNetworkError)


# -- 429 -----------------------------------------------------------------------------------------------------------


def _fake_time(api: Mastodon) -> list[float]:
    slept: list[float] = []
    now = [1_700_000_000.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    api._ratelimiter.clock = lambda: now[0]
    api._ratelimiter.sleep = sleep
    return slept


def test_429_is_recognised_by_status_not_text_in_throw_mode(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=429, json={"error": "Zu viele Anfragen"})
    with pytest.raises(MastodonRatelimitError):
        client(ratelimit_method="throw")._call("GET", "/api/v1/x", dict)


def test_wait_mode_retries_a_429_until_it_succeeds(mocked: responses.RequestsMock) -> None:
    api = client(ratelimit_method="wait")
    slept = _fake_time(api)
    mocked.get(BASE + "/api/v1/x", status=429, json={"error": "Too many requests"}, headers={"Retry-After": "3"})
    mocked.get(BASE + "/api/v1/x", status=429, json={"error": "Too many requests"})
    mocked.get(BASE + "/api/v1/x", json={"ok": True})
    assert api._call("GET", "/api/v1/x", dict) == {"ok": True}
    assert len(mocked.calls) == 3
    assert slept[0] == pytest.approx(3)
    assert all(0 < seconds <= 300 for seconds in slept)


def test_headers_update_the_limiter(mocked: responses.RequestsMock) -> None:
    api = client()
    mocked.get(
        BASE + "/api/v1/x",
        json={},
        headers={
            "X-RateLimit-Limit": "300",
            "X-RateLimit-Remaining": "123",
            "X-RateLimit-Reset": "2099-01-01T00:00:00Z",
        },
    )
    api._call("GET", "/api/v1/x", dict)
    assert api.ratelimit_remaining == 123
    assert api.ratelimit_reset == pytest.approx(datetime(2099, 1, 1, tzinfo=UTC).timestamp(), abs=5)


# -- retries (off by default) ----------------------------------------------------------------------------------


def test_no_retry_by_default(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=503)
    with pytest.raises(MastodonServiceUnavailableError):
        client()._call("GET", "/api/v1/x", dict)


def test_retries_idempotent_requests_but_not_plain_posts(mocked: responses.RequestsMock) -> None:
    api = client(retries=2)
    slept = _fake_time(api)
    mocked.get(BASE + "/api/v1/x", status=502)
    mocked.get(BASE + "/api/v1/x", json={"ok": 1})
    assert api._call("GET", "/api/v1/x", dict) == {"ok": 1}
    assert len(slept) == 1
    mocked.post(BASE + "/api/v1/y", status=502)
    with pytest.raises(MastodonAPIError):
        api._call("POST", "/api/v1/y", dict)
    assert len([c for c in mocked.calls if c.request.method == "POST"]) == 1


# -- secrets ----------------------------------------------------------------------------------------------------------


def test_token_never_in_debug_logs(mocked: responses.RequestsMock, caplog: pytest.LogCaptureFixture) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "new-token-value"})
    caplog.set_level(logging.DEBUG, logger="mastodon")
    api = client(debug_requests=True)
    api._call(
        "POST",
        "/oauth/token",
        dict,
        form={"client_secret": "client-secret-value", "password": "pw-value", "code": "code-value"},
    )
    assert caplog.records, "debug_requests logs the request"
    for secret in (TOKEN, "client-secret-value", "pw-value", "code-value"):
        assert secret not in caplog.text


def test_token_never_in_error_messages(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/x", status=401, json={"error": "The access token is invalid"})
    with pytest.raises(MastodonAPIError) as info:
        client()._call("GET", "/api/v1/x", dict)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    mocked.get(BASE + "/api/v1/y", body=requests.exceptions.ConnectionError("refused"))
    with pytest.raises(MastodonNetworkError) as info2:
        client()._call("GET", "/api/v1/y", dict)
    assert TOKEN not in str(info2.value)


def test_token_with_line_break_is_refused_without_leaking() -> None:
    api = client(access_token=TOKEN + "\n")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        mocked.get(BASE + "/api/v1/x", json={})
        with pytest.raises(MastodonIllegalArgumentError) as info:
            api._call("GET", "/api/v1/x", dict)
        assert len(mocked.calls) == 0
    assert TOKEN not in str(info.value)


def test_json_bodies_sent_are_valid_json(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/markers", json={})
    client()._call("POST", "/api/v1/markers", dict, json={"home": {"last_read_id": "5"}})
    assert json.loads(mocked.calls[0].request.body) == {"home": {"last_read_id": "5"}}


# -- reading the body ------------------------------------------------------------------------------------------------


class _Socket(io.BytesIO):
    """A body as http.client reads it: a connection that closes before ``length`` bytes fails."""

    def __init__(self, body: bytes, length: int) -> None:
        super().__init__(body)
        self.length = length

    def read(self, amt: int | None = None) -> bytes:
        data = super().read(amt)
        if (amt is None or not data) and self.tell() < self.length:
            raise http.client.IncompleteRead(data, self.length - self.tell())
        return data


class BodyAdapter(BaseAdapter):
    """A transport that answers with a body read through urllib3, as the real adapter does."""

    def __init__(self, body: bytes, headers: dict[str, str] | None = None, length: int | None = None) -> None:
        super().__init__()
        self.body, self.headers = body, {"Content-Type": "application/json", **(headers or {})}
        self.length = len(body) if length is None else length
        self.raws: list[urllib3.HTTPResponse] = []
        self.reads: list[Any] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        raw = urllib3.HTTPResponse(
            body=_Socket(self.body, self.length),
            headers={**self.headers, "Content-Length": str(self.length)},
            status=200,
            preload_content=False,
            decode_content=False,
            enforce_content_length=True,
        )
        reads = self.reads
        read = raw.read

        def counted(*args: Any, **kw: Any) -> bytes:
            reads.append((args, kw))
            return read(*args, **kw)

        raw.read = counted  # type: ignore[method-assign]
        self.raws.append(raw)
        response = requests.Response()
        response.status_code, response.raw, response.url = 200, raw, request.url or ""
        response.headers.update(raw.headers)
        response.request = request
        return response

    def close(self) -> None:
        pass


def _session_with(adapter: BaseAdapter) -> requests.Session:
    session = requests.Session()
    session.mount(BASE, adapter)
    return session


def test_a_body_is_read_in_one_piece() -> None:
    page = json.dumps([STATUS] * 200).encode()
    adapter = BodyAdapter(page)
    result = client(session=_session_with(adapter))._call("GET", "/api/v1/timelines/home", list[Status])
    assert len(result) == 200 and isinstance(result[0], Status)
    # requests alone reads a body of this size in about twenty 10 KiB pieces (the fast paths off).
    if fastpaths.enabled:
        assert adapter.reads == [((), {"decode_content": True})]
    else:
        assert adapter.reads and all(kwargs.get("amt") for _, kwargs in adapter.reads)


def test_a_compressed_body_is_decompressed() -> None:
    adapter = BodyAdapter(gzip.compress(json.dumps(STATUS).encode()), {"Content-Encoding": "gzip"})
    status = client(session=_session_with(adapter))._call("GET", "/api/v1/statuses/1", Status)
    assert status.account.id == "2"
    assert status.created_at == datetime(2024, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("body", "headers", "length"),
    [
        (b'{"id": "1", "cont', {}, 40),  # the connection closed before the body was whole
        (b"not gzip at all", {"Content-Encoding": "gzip"}, None),  # a body that cannot be decompressed
    ],
    ids=["cut-short", "bad-compression"],
)
def test_a_body_that_cannot_be_read_is_a_network_error(
    body: bytes, headers: dict[str, str], length: int | None
) -> None:
    adapter = BodyAdapter(body, headers, length)
    with pytest.raises(MastodonNetworkError) as info:
        client(session=_session_with(adapter))._call("GET", "/api/v1/statuses/1", Status)
    assert type(info.value) is MastodonNetworkError
    assert isinstance(info.value.__cause__, requests.exceptions.RequestException)
    assert adapter.raws[0].closed


def test_a_get_whose_body_broke_off_is_sent_again() -> None:
    adapter = BodyAdapter(b'{"id": "1", "cont', length=40)
    api = client(session=_session_with(adapter), retries=1, retry_backoff=0.0)
    with pytest.raises(MastodonNetworkError):
        api._call("GET", "/api/v1/statuses/1", Status)
    assert len(adapter.raws) == 2


def test_a_body_a_response_hook_has_read_is_used_as_it_is() -> None:
    adapter = BodyAdapter(json.dumps(STATUS).encode())
    session = _session_with(adapter)
    seen: list[bytes] = []
    session.hooks["response"].append(lambda response, **kwargs: seen.append(response.content))
    status = client(session=session)._call("GET", "/api/v1/statuses/1", Status)
    assert seen == [json.dumps(STATUS).encode()]
    assert status.id == "1" and status.account.id == "2"


def test_a_transport_without_a_readable_raw_body_still_works() -> None:
    class Prefilled(BaseAdapter):
        def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
            response = requests.Response()
            response.status_code, response.url, response.raw = 200, request.url or "", None
            response._content = json.dumps(STATUS).encode()
            return response

        def close(self) -> None:
            pass

    status = client(session=_session_with(Prefilled()))._call("GET", "/api/v1/statuses/1", Status)
    assert status.account.id == "2"


# -- redirects ---------------------------------------------------------------------------------------------------------


def test_a_redirect_is_followed_with_the_token_only_on_the_same_server(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/statuses/1", status=301, headers={"Location": BASE + "/api/v1/statuses/2"})
    mocked.get(BASE + "/api/v1/statuses/2", status=302, headers={"Location": "https://elsewhere.example/s/2"})
    mocked.get("https://elsewhere.example/s/2", json=STATUS)

    status = client()._call("GET", "/api/v1/statuses/1", Status)

    assert status.account.id == "2"
    first, same, other = (call.request for call in mocked.calls)
    assert first.headers["Authorization"] == same.headers["Authorization"] == "Bearer " + TOKEN
    assert "Authorization" not in other.headers
    assert other.headers["User-Agent"] == first.headers["User-Agent"]
