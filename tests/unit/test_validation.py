"""Bad arguments fail with a clear MastodonIllegalArgumentError before anything is sent; good ones in every form pass.

Every refusal runs under a strict ``responses`` mock with nothing registered: had a request been
made, the call would fail with a network error instead, and ``calls`` would not be empty.
"""

from __future__ import annotations

import inspect
import io
import pathlib
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from mastodon import Mastodon
from mastodon._http.encoding import snowflake_from_datetime
from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError
from mastodon.return_types import Account, MediaAttachment, Status
from mastodon.streaming import StreamListener
from mastodon.types_base import AttribAccessDict, MaybeSnowflakeIdType
from tests.conftest import BASE

Call = Callable[[Mastodon], Any]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


@pytest.fixture
def app() -> Mastodon:
    """A client that knows its app's credentials but has no user token yet."""
    return Mastodon(client_id="cid", client_secret="csec", api_base_url=BASE, mastodon_version="4.5.0")


@pytest.fixture
def nothing_sent() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
        assert not mock.calls, "a request was sent"


# -- the matrix of refusals --------------------------------------------------------------------------------------------

# The matrices below are worked out from the signatures, so a new method is covered by being
# added: one whose first parameter is a required ``id`` is an ID method; one with ``max_id``,
# ``min_id`` and ``since_id`` is paged; one with ``limit`` is counted. Required parameters
# besides take these values (a new name needs a sample here, or the matrix fails to build).
SAMPLES: dict[str, Any] = {
    "id": "1",
    "q": "alice",
    "hashtag": "cats",
    "url": "https://news.example/a",
    "listener": StreamListener(),
    "reaction": "\N{THUMBS UP SIGN}",
    "email": "me@example.org",
    "comment": "a note",
    "choices": [0],
    "scheduled_at": datetime(2030, 1, 2, tzinfo=UTC),
    "quoting_status_id": "2",
    "quote_approval_policy": "public",
    "status": "hello",
    "account_ids": ["7"],
    "title": "friends",
    "phrase": "cat",
    "context": ["home"],
    "filter_action": "warn",
    "keyword": "cat",
    "objects": [],
    "filters": [],
    "name": "python",
    "year": 2024,
    "collection_id": "5",
    "item_id": "6",
    "result": {},
    "result_or_id": "r1",
    "account_id": "7",
    "domain": "example.org",
    "ip": "192.0.2.0/24",
    "severity": "no_access",
    "start_at": datetime(2024, 1, 1, tzinfo=UTC),
    "end_at": datetime(2024, 1, 8, tzinfo=UTC),
}


def _public_methods() -> Iterator[tuple[str, list[inspect.Parameter]]]:
    for name in sorted(dir(Mastodon)):
        method = getattr(Mastodon, name)
        if name.startswith("_") or not callable(method) or isinstance(method, type):
            continue
        try:
            parameters = list(inspect.signature(method).parameters.values())[1:]
        except (TypeError, ValueError):
            continue
        yield name, parameters


def _required(parameters: list[inspect.Parameter], *, besides: str = "") -> dict[str, Any]:
    return {
        parameter.name: SAMPLES[parameter.name]
        for parameter in parameters
        if parameter.default is inspect.Parameter.empty
        and parameter.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        and parameter.name != besides
    }


def _id_methods() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, parameters in _public_methods():
        first = parameters[0] if parameters else None
        if first is None or first.name != "id" or first.default is not inspect.Parameter.empty:
            continue
        # A method that takes a list of IDs sends an empty list too: the server answers it.
        if "list[" in str(first.annotation):
            continue
        found[name] = _required(parameters, besides="id")
    return found


def _methods_with(*wanted: str) -> dict[str, dict[str, Any]]:
    return {
        name: _required(parameters)
        for name, parameters in _public_methods()
        if set(wanted) <= {parameter.name for parameter in parameters}
    }


ID_METHODS = _id_methods()
PAGED_METHODS = _methods_with("max_id", "min_id", "since_id")
COUNTED_METHODS = _methods_with("limit")
# What no server could take as an ID: not an ID at all, negative, or changing the path.
BAD_IDS = [None, 3.5, True, -1, "", "12/../13", "1?x=2", "1#x", [], object(), {"no_id": 1}, {"id": None}, b"12"]
BAD_BOUNDS = [3.5, True, "", -1, [1], object(), b"1", {"no_id": 1}]
# Counts that cannot be sent as one; a negative number or a number as text goes to the server.
BAD_COUNTS = [3.5, True, [20], object(), {"n": 20}]


def test_the_matrices_cover_the_known_methods() -> None:
    # A guard that the derivation finds what it should: losing a method from a matrix fails here.
    assert {"status", "account_follow", "media_update", "timeline_list", "notifications_dismiss"} <= set(ID_METHODS)
    assert "account_relationships" not in ID_METHODS
    assert {"timeline_home", "account_statuses", "favourites", "domain_blocks", "notifications"} <= set(PAGED_METHODS)
    assert {"account_search", "search_v2", "timeline_link", "mutes"} <= set(COUNTED_METHODS)


# Everything else: (method, arguments, the parameter the message must name).
OTHER_REFUSALS: list[tuple[str, dict[str, Any], str]] = [
    # enum-like parameters
    ("status_post", {"status": "hi", "visibility": "everyone"}, "visibility"),
    ("status_post", {"status": "hi", "visibility": 3}, "visibility"),
    ("status_post", {"status": "hi", "quote_approval_policy": "anyone"}, "quote_approval_policy"),
    ("status_reblog", {"id": "1", "visibility": "everyone"}, "visibility"),
    ("notifications", {"types": [3]}, "types"),
    ("notifications", {"supported_types": b"mention"}, "supported_types"),
    ("notifications", {"mentions_only": True, "types": ["mention"]}, "mentions_only"),
    ("report", {"account_id": "1", "category": "abuse"}, "category"),
    ("search", {"q": "cats", "result_type": "users"}, "result_type"),
    ("search", {"q": None}, "q"),
    ("search_v2", {"q": "cats", "result_type": "account"}, "result_type"),
    ("timeline", {"timeline": "federated/x"}, "timeline"),
    ("timeline", {"timeline": "../admin"}, "timeline"),
    ("timeline", {"timeline": 3}, "timeline"),
    ("timeline", {"timeline": "list/"}, "list id"),
    # text the server needs
    ("status_post", {"status": 3}, "status"),
    ("account_search", {"q": 3}, "q"),
    ("timeline_hashtag", {"hashtag": ""}, "hashtag"),
    ("timeline_hashtag", {"hashtag": "#cats"}, "hashtag"),
    ("timeline_hashtag", {"hashtag": 3}, "hashtag"),
    ("account_statuses", {"id": "1", "tagged": 5}, "tagged"),
    ("timeline_link", {"url": ""}, "url"),
    ("domain_unblock", {"domain": 3}, "domain"),
    ("domain_block", {"domain": None}, "domain"),
    ("instance_nodeinfo", {"schema": ""}, "schema"),
    # text of the wrong type
    ("status_post", {"status": "hi", "spoiler_text": 3}, "spoiler_text"),
    ("status_post", {"status": "hi", "language": ["en"]}, "language"),
    ("status_post", {"status": "hi", "content_type": 1}, "content_type"),
    ("status_post", {"status": "hi", "idempotency_key": "  "}, "idempotency_key"),
    ("status_post", {"status": "hi", "idempotency_key": "a\nb"}, "idempotency_key"),
    ("account_update_credentials", {"display_name": 3}, "display_name"),
    ("account_update_credentials", {"note": b"bio"}, "note"),
    ("account_update_credentials", {"default_language": ["en"]}, "default_language"),
    ("account_update_credentials", {"avatar_description": 1}, "avatar_description"),
    ("report", {"account_id": "1", "comment": 3}, "comment"),
    ("media_update", {"id": "1", "description": 3}, "description"),
    ("media_update", {"id": "1", "thumbnail_mime_type": 3}, "thumbnail_mime_type"),
    ("media_post", {"media_file": PNG, "mime_type": "image/png", "description": 3}, "description"),
    # lists
    ("account_relationships", {"id": 3.5}, "id"),
    ("account_relationships", {"id": b"12"}, "id"),
    ("account_relationships", {"id": ["1", None]}, "id"),
    ("account_follow", {"id": "1", "languages": [3]}, "languages"),
    ("account_follow", {"id": "1", "languages": 3}, "languages"),
    ("account_update_credentials", {"attribution_domains": [1]}, "attribution_domains"),
    ("account_update_credentials", {"fields": [("a",)]}, "fields"),
    ("account_update_credentials", {"fields": "a=b"}, "fields"),
    ("report", {"account_id": "1", "status_ids": 3.5}, "status_ids"),
    ("report", {"account_id": "1", "status_ids": b"12"}, "status_ids"),
    ("report", {"account_id": "1", "rule_ids": object()}, "rule_ids"),
    ("report", {"account_id": "1", "collection_ids": [None]}, "collection_ids"),
    ("report", {"account_id": "1", "forward_to_domains": 3}, "forward_to_domains"),
    ("report", {"account_id": None}, "account_id"),
    ("status_post", {"status": "hi", "media_ids": 3.5}, "media_ids"),
    ("status_post", {"status": "hi", "media_ids": [{"no_id": 1}]}, "media_ids"),
    ("status_post", {"status": "hi", "in_reply_to_id": 3.5}, "in_reply_to_id"),
    ("status_post", {"status": "hi", "quoted_status_id": ""}, "quoted_status_id"),
    ("status_post", {"status": "hi", "quote_id": "1"}, "quote_id"),
    ("notifications", {"account_id": 3.5}, "account_id"),
    ("notifications", {"id": []}, "id"),
    ("search", {"q": "cats", "account_id": 2.5}, "account_id"),
    ("search_v2", {"q": "cats", "max_id": -4}, "max_id"),
    ("search_v2", {"q": "cats", "min_id": 1.5}, "min_id"),
    # polls, mutes, schedules, dates
    ("status_post", {"status": "hi", "poll": {"options": ["a", 2], "expires_in": 60}}, "poll"),
    ("status_post", {"status": "hi", "poll": ["a", "b"]}, "poll"),
    ("make_poll", {"options": "ab", "expires_in": 60}, "poll"),
    ("make_poll", {"options": ["a", "b"], "expires_in": "1h"}, "expires_in"),
    ("search_v2", {"q": "cats", "offset": 1.5}, "offset"),
    ("status_post", {"status": "hi", "scheduled_at": 1700000000}, "scheduled_at"),
    ("status_post", {"status": "hi", "scheduled_at": "tomorrow at noon"}, "scheduled_at"),
    ("status_post", {"status": "hi", "scheduled_at": date(2030, 1, 1)}, "scheduled_at"),
    ("account_mute", {"id": "1", "duration": "1h"}, "duration"),
    # media
    ("media_post", {"media_file": 3}, "media_file"),
    ("media_post", {"media_file": None}, "media_file"),
    ("media_post", {"media_file": io.StringIO("text")}, "media_file"),
    ("media_post", {"media_file": PNG}, "mime_type"),
    ("media_post", {"media_file": PNG, "mime_type": "png"}, "mime_type"),
    ("media_post", {"media_file": PNG, "mime_type": "image/png", "focus": (2, 0)}, "focus"),
    ("media_post", {"media_file": PNG, "mime_type": "image/png", "focus": "0,0"}, "focus"),
    ("media_post", {"media_file": PNG, "mime_type": "image/png", "file_name": ""}, "file_name"),
    ("media_update", {"id": "1", "focus": (0, float("nan"))}, "focus"),
    ("account_update_credentials", {"avatar": 3}, "avatar"),
    ("account_update_credentials", {"header": PNG, "header_mime_type": "png"}, "header"),
    ("generate_media_edit_attributes", {"id": "1", "thumb_mimetype": 3}, "thumb_mimetype"),
    ("generate_media_edit_attributes", {"id": "1", "focus": (0, 5)}, "focus"),
]

APP_REFUSALS: list[tuple[str, dict[str, Any], str]] = [
    ("log_in", {"code": ""}, "code"),
    ("log_in", {"code": 1234}, "code"),
    ("log_in", {"refresh_token": "  "}, "refresh_token"),
    ("log_in", {"username": "me@example.com", "password": ""}, "password"),
    ("log_in", {"code": "c", "redirect_uri": ""}, "redirect_uri"),
    ("log_in", {"code": "c", "code_verifier": 5}, "code_verifier"),
    ("log_in", {"code": "c", "scopes": []}, "scopes"),
    ("log_in", {"code": "c", "scopes": [None]}, "scopes"),
    ("log_in", {"code": "c", "scopes": 5}, "scopes"),
    ("log_in", {}, "code"),
    ("auth_request_url", {"redirect_uris": [3]}, "redirect_uris"),
    ("auth_request_url", {"redirect_uris": []}, "redirect_uris"),
    ("auth_request_url", {"state": 3}, "state"),
    ("auth_request_url", {"lang": ""}, "lang"),
    ("auth_request_url", {"client_id": "  "}, "client_id"),
    ("auth_request_url", {"client_id": 3}, "client_id"),
    ("auth_request_url", {"code_verifier": "x" * 42}, "verifier"),
    ("auth_request_url", {"code_verifier": "x" * 129}, "verifier"),
    ("auth_request_url", {"code_verifier": "!" * 43}, "verifier"),
    ("auth_request_url", {"scopes": ""}, "scopes"),
    ("create_account", {"username": None, "password": "p", "email": "e@example.com"}, "username"),
    ("create_account", {"username": "u", "password": "p", "email": None}, "email"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.example", "locale": ""}, "locale"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.example", "reason": 3}, "reason"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.example", "scopes": []}, "scopes"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.ex", "date_of_birth": "31/12/2000"}, "date"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.ex", "date_of_birth": "2000-12-31"}, "date"),
    ("create_account", {"username": "u", "password": "p", "email": "e@x.ex", "date_of_birth": 946598400}, "date"),
]

CREATE_APP_REFUSALS: list[tuple[dict[str, Any], str]] = [
    ({"client_name": ""}, "client_name"),
    ({"client_name": 3}, "client_name"),
    ({"client_name": "app", "api_base_url": None}, "api_base_url"),
    ({"client_name": "app", "api_base_url": "ftp://mastodon.example"}, "api_base_url"),
    ({"client_name": "app", "scopes": []}, "scopes"),
    ({"client_name": "app", "scopes": (scope for scope in ())}, "scopes"),
    ({"client_name": "app", "redirect_uris": [3]}, "redirect_uris"),
    ({"client_name": "app", "redirect_uris": ""}, "redirect_uris"),
    ({"client_name": "app", "website": 3}, "website"),
]


def _matrix() -> list[Any]:
    cases: list[Any] = []
    for method, extra in ID_METHODS.items():
        for bad in BAD_IDS:
            cases.append(pytest.param(method, {"id": bad, **extra}, "id", id=f"{method}-id={bad!r}"))
    for method, extra in PAGED_METHODS.items():
        for name in ("max_id", "min_id", "since_id"):
            for bad in BAD_BOUNDS:
                cases.append(pytest.param(method, {**extra, name: bad}, name, id=f"{method}-{name}={bad!r}"))
    for method, extra in COUNTED_METHODS.items():
        for bad in BAD_COUNTS:
            cases.append(pytest.param(method, {**extra, "limit": bad}, "limit", id=f"{method}-limit={bad!r}"))
    for method, kwargs, name in OTHER_REFUSALS:
        cases.append(pytest.param(method, kwargs, name, id=f"{method}-{name}-{kwargs!r}"[:120]))
    return cases


@pytest.fixture(autouse=True)
def no_magic(monkeypatch: pytest.MonkeyPatch) -> None:
    """MIME types must not depend on whether python-magic happens to be installed."""
    monkeypatch.setitem(sys.modules, "magic", None)


@pytest.mark.parametrize(("method", "kwargs", "names"), _matrix())
def test_bad_argument_is_refused_before_sending(
    api: Mastodon, nothing_sent: responses.RequestsMock, method: str, kwargs: dict[str, Any], names: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=names):
        getattr(api, method)(**kwargs)


@pytest.mark.parametrize(
    ("method", "kwargs", "names"), [pytest.param(*case, id=f"{case[0]}-{case[1]!r}"[:120]) for case in APP_REFUSALS]
)
def test_bad_login_argument_is_refused_before_sending(
    app: Mastodon, nothing_sent: responses.RequestsMock, method: str, kwargs: dict[str, Any], names: str
) -> None:
    settings = {"skip_server_info": True} if method == "auth_request_url" else {}
    with pytest.raises(MastodonIllegalArgumentError, match=names):
        getattr(app, method)(**settings, **kwargs)


@pytest.mark.parametrize(("kwargs", "names"), CREATE_APP_REFUSALS, ids=[repr(c[0])[:80] for c in CREATE_APP_REFUSALS])
def test_bad_app_registration_is_refused_before_sending(
    nothing_sent: responses.RequestsMock, kwargs: dict[str, Any], names: str
) -> None:
    kwargs.setdefault("api_base_url", BASE)
    with pytest.raises(MastodonIllegalArgumentError, match=names):
        Mastodon.create_app(**kwargs)


def test_missing_file_is_refused_before_sending(api: Mastodon, nothing_sent: responses.RequestsMock) -> None:
    with pytest.raises(MastodonFileNotFoundError, match="media_file"):
        api.media_post("/nonexistent/cat.png")
    with pytest.raises(MastodonFileNotFoundError, match="avatar"):
        api.account_update_credentials(avatar=pathlib.Path("/nonexistent/me.png"))


def test_every_message_names_its_parameter_and_is_one_line(api: Mastodon) -> None:
    # The error is for people: short, on one line, saying which argument was wrong.
    with responses.RequestsMock(), pytest.raises(MastodonIllegalArgumentError) as raised:
        api.timeline_home(limit=2.5)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith("limit ") and "\n" not in message and "2.5" in message


# -- every documented form of a good argument is accepted --------------------------------------------------------------

STATUS = {"id": "109", "created_at": "2024-01-01T00:00:00.000Z", "account": {"id": "7"}}
ID_FORMS = [
    "109",
    109,
    MaybeSnowflakeIdType("109"),
    {"id": "109"},
    AttribAccessDict(id="109"),
    Status(STATUS),
    {"id": 109},
]


@pytest.mark.parametrize("value", ID_FORMS, ids=lambda v: type(v).__name__ + ":" + repr(v)[:20])
@pytest.mark.parametrize(
    ("method", "verb", "path"),
    [
        ("status", "GET", "/api/v1/statuses/109"),
        ("status_favourite", "POST", "/api/v1/statuses/109/favourite"),
        ("account_block", "POST", "/api/v1/accounts/109/block"),
        ("media", "GET", "/api/v1/media/109"),
    ],
)
def test_ids_in_every_form(
    api: Mastodon, mocked: responses.RequestsMock, value: Any, method: str, verb: str, path: str
) -> None:
    body = {"id": "109", "type": "image", "url": None} if method == "media" else STATUS
    if method == "account_block":
        body = {"id": "109"}
    mocked.add(verb, BASE + path, json=body)
    getattr(api, method)(value)


def _query(mocked: responses.RequestsMock) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(mocked.calls[-1].request.url).query))


MOMENT = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        ("110", "110"),
        (110, "110"),
        (0, "0"),
        (MaybeSnowflakeIdType("110"), "110"),
        ({"id": "110"}, "110"),
        (Status(STATUS), "109"),
        (Account({"id": "5"}), "5"),
        ("9zAbC", "9zAbC"),  # Pleroma-style flake IDs are opaque strings
        (MOMENT, str(snowflake_from_datetime(MOMENT))),
        (MOMENT.replace(tzinfo=None), str(snowflake_from_datetime(MOMENT))),  # naive: taken as UTC
        (MOMENT.astimezone(timezone(timedelta(hours=-5))), str(snowflake_from_datetime(MOMENT))),
    ],
    ids=repr,
)
@pytest.mark.parametrize("name", ["max_id", "min_id", "since_id"])
def test_page_bounds_in_every_form(
    api: Mastodon, mocked: responses.RequestsMock, value: Any, sent: str, name: str
) -> None:
    mocked.get(BASE + "/api/v1/timelines/home", json=[])
    api.timeline_home(**{name: value}, limit=0)
    assert _query(mocked) == {name: sent, "limit": "0"}


def test_search_paging_and_counts(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/search", json={"accounts": [], "statuses": [], "hashtags": []})
    api.search_v2("cats", max_id=Status(STATUS), min_id=MOMENT, offset=0, limit=40)
    assert _query(mocked) == {
        "q": "cats",
        "resolve": "1",
        "max_id": "109",
        "min_id": str(snowflake_from_datetime(MOMENT)),
        "offset": "0",
        "exclude_unreviewed": "1",
        "limit": "40",
    }


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), "2030-01-02T03:04:05+00:00"),
        (datetime(2030, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2))), "2030-01-02T03:04:05+00:00"),
        (
            datetime(2030, 1, 2, 3, 4, 5),  # naive: local time, as Python reads it
            datetime(2030, 1, 2, 3, 4, 5).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        ),
        ("2030-01-02T03:04:05Z", "2030-01-02T03:04:05Z"),
        ("2030-01-02T03:04:05.000+01:00", "2030-01-02T03:04:05.000+01:00"),
    ],
    ids=repr,
)
def test_scheduled_at_in_every_form(api: Mastodon, mocked: responses.RequestsMock, value: Any, sent: str) -> None:
    mocked.post(BASE + "/api/v1/statuses", json={"id": "3", "scheduled_at": "2030-01-02T03:04:05.000Z", "params": {}})
    api.status_post("later", scheduled_at=value)
    assert dict(parse_qsl(mocked.calls[0].request.body))["scheduled_at"] == sent


@pytest.mark.parametrize("form", ["path-str", "path-object", "bytes", "bytearray", "memoryview", "file", "bytesio"])
def test_media_in_every_form(api: Mastodon, mocked: responses.RequestsMock, tmp_path: pathlib.Path, form: str) -> None:
    image = tmp_path / "cat.png"
    image.write_bytes(PNG)
    sources: dict[str, Callable[[], Any]] = {
        "path-str": lambda: str(image),
        "path-object": lambda: image,
        "bytes": lambda: PNG,
        "bytearray": lambda: bytearray(PNG),
        "memoryview": lambda: memoryview(PNG),
        "file": lambda: open(image, "rb"),  # noqa: SIM115 - closed below
        "bytesio": lambda: io.BytesIO(PNG),
    }
    source = sources[form]()
    mocked.post(BASE + "/api/v2/media", json={"id": "55", "type": "image", "url": "https://files.example/55.png"})
    try:
        result = api.media_post(source, mime_type=None if form.startswith(("path", "file")) else "image/png")
    finally:
        if hasattr(source, "close"):
            source.close()
    assert isinstance(result, MediaAttachment)
    body = mocked.calls[0].request.body
    assert PNG in body and b"image/png" in body
    assert b"cat.png" not in body, "the local file name is not published"


@pytest.mark.parametrize("value", [date(2000, 12, 31), datetime(2000, 12, 31, 8, 0)], ids=repr)
def test_date_of_birth_forms(app: Mastodon, mocked: responses.RequestsMock, value: Any) -> None:
    mocked.post(BASE + "/oauth/token", json={"access_token": "app-token", "scope": "read write follow push"})
    mocked.post(BASE + "/api/v1/accounts", json={"access_token": "user-token", "scope": "read write follow push"})
    app.create_account("newbie", "a long password", "new@example.com", agreement=True, date_of_birth=value)
    assert dict(parse_qsl(mocked.calls[1].request.body))["date_of_birth"] == "2000-12-31"


def test_scopes_from_a_generator_are_all_sent(app: Mastodon) -> None:
    url = app.auth_request_url(scopes=(scope for scope in ["read", "write"]), skip_server_info=True)
    assert dict(parse_qsl(urlsplit(url).query))["scope"] == "read write"


def test_status_text_may_be_empty_with_media(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/statuses", json=STATUS)
    api.status_post("", media_ids=[MediaAttachment({"id": "55"})])
    sent = parse_qsl(mocked.calls[0].request.body, keep_blank_values=True)
    assert sent == [("status", ""), ("sensitive", "0"), ("media_ids[]", "55")]


def test_list_arguments_take_one_value_or_a_list(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/accounts/relationships", json=[])
    mocked.get(BASE + "/api/v1/accounts/relationships", json=[])
    api.account_relationships(Account({"id": "5"}))
    api.account_relationships(("5", 6, {"id": "7"}))
    assert parse_qsl(urlsplit(mocked.calls[0].request.url).query) == [("id", "5")]
    assert parse_qsl(urlsplit(mocked.calls[1].request.url).query) == [("id[]", "5"), ("id[]", "6"), ("id[]", "7")]


@pytest.mark.parametrize("url", ["", "   ", "ftp://mastodon.example", "https://", 3, b"https://mastodon.example"])
def test_unusable_base_url_is_refused_by_the_constructor(url: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="api_base_url"):
        Mastodon(api_base_url=url)


@pytest.mark.parametrize("url", ["https://[::1", "http://[", "https://m.example:port", "https:// space.example"])
def test_malformed_base_url_is_refused_by_the_constructor(url: str) -> None:
    try:
        Mastodon(api_base_url=url)
    except MastodonIllegalArgumentError as error:
        assert "api_base_url" in str(error)
    else:
        raise AssertionError(f"{url!r} was accepted")
