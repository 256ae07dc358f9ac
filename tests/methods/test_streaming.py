"""Streaming methods: where they connect, what they send, and bad input refused before sending."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from typing import Any

import pytest
import responses

from mastodon import Mastodon, StreamListener
from mastodon.errors import (
    MastodonDeprecationWarning,
    MastodonIllegalArgumentError,
    MastodonInternalServerError,
    MastodonNotFoundError,
    MastodonWarning,
)
from mastodon.streaming import SSEStreamHandle
from tests.conftest import BASE
from tests.methods._helpers import query_is

STREAMING = "https://streaming.mastodon.example"
INSTANCE = {
    "uri": "mastodon.example",
    "version": "4.5.0",
    "configuration": {"urls": {"streaming": "wss://streaming.mastodon.example"}},
}
STATUS = {"id": "110", "created_at": "2025-03-01T12:00:00.000Z", "account": {"id": "7", "acct": "alice"}}
BODY = b":)\nevent: update\ndata: " + json.dumps(STATUS).encode() + b"\n\nevent: delete\ndata: 99\n\n"


def bearer(request: Any) -> tuple[bool, str]:
    auth = request.headers.get("Authorization")
    return auth == "Bearer tok", f"Authorization {auth!r}"


class Collector(StreamListener):
    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def on_update(self, status: Any) -> None:
        self.events.append(("update", status.id))

    def on_delete(self, status_id: Any) -> None:
        self.events.append(("delete", status_id))


def expect_stream(mocked: responses.RequestsMock, path: str, *pairs: tuple[str, str], instance: bool = True) -> None:
    if instance:
        mocked.get(f"{BASE}/api/v2/instance", json=INSTANCE)
    mocked.get(
        f"{STREAMING}{path}",
        body=BODY,
        content_type="text/event-stream",
        match=[query_is(*pairs), bearer],
    )


STREAMS: list[tuple[str, Callable[[Mastodon, StreamListener], Any], str, tuple[tuple[str, str], ...]]] = [
    ("user", lambda api, lst: api.stream_user(lst), "/api/v1/streaming/user", ()),
    ("notifications", lambda api, lst: api.stream_user_notifications(lst), "/api/v1/streaming/user/notification", ()),
    ("public", lambda api, lst: api.stream_public(lst), "/api/v1/streaming/public", ()),
    ("public local", lambda api, lst: api.stream_public(lst, local=True), "/api/v1/streaming/public/local", ()),
    ("public remote", lambda api, lst: api.stream_public(lst, remote=True), "/api/v1/streaming/public/remote", ()),
    (
        "public media",
        lambda api, lst: api.stream_public(lst, only_media=True),
        "/api/v1/streaming/public",
        (("only_media", "true"),),
    ),
    (
        "remote media",
        lambda api, lst: api.stream_public(lst, remote=True, only_media=True),
        "/api/v1/streaming/public/remote",
        (("only_media", "true"),),
    ),
    ("local", lambda api, lst: api.stream_local(lst), "/api/v1/streaming/public/local", ()),
    (
        "local media",
        lambda api, lst: api.stream_local(lst, only_media=True),
        "/api/v1/streaming/public/local",
        (("only_media", "true"),),
    ),
    ("hashtag", lambda api, lst: api.stream_hashtag("python", lst), "/api/v1/streaming/hashtag", (("tag", "python"),)),
    (
        "hashtag local",
        lambda api, lst: api.stream_hashtag("python", lst, local=True),
        "/api/v1/streaming/hashtag/local",
        (("tag", "python"),),
    ),
    ("list", lambda api, lst: api.stream_list("12", lst), "/api/v1/streaming/list", (("list", "12"),)),
    ("list entity", lambda api, lst: api.stream_list({"id": 12}, lst), "/api/v1/streaming/list", (("list", "12"),)),
    ("direct", lambda api, lst: api.stream_direct(lst), "/api/v1/streaming/direct", ()),
]


@pytest.mark.parametrize(("name", "call", "path", "query"), STREAMS, ids=[row[0] for row in STREAMS])
def test_each_stream_connects_to_its_path_and_delivers(
    api: Mastodon,
    mocked: responses.RequestsMock,
    name: str,
    call: Callable[[Mastodon, StreamListener], Any],
    path: str,
    query: tuple[tuple[str, str], ...],
) -> None:
    expect_stream(mocked, path, *query)
    listener = Collector()
    assert call(api, listener) is None
    assert listener.events == [("update", "110"), ("delete", "99")]


def test_streaming_url_is_looked_up_once(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expect_stream(mocked, "/api/v1/streaming/user")
    expect_stream(mocked, "/api/v1/streaming/direct", instance=False)
    api.stream_user(Collector())
    api.stream_direct(Collector())
    assert [call.request.url.split("?")[0] for call in mocked.calls] == [
        f"{BASE}/api/v2/instance",
        f"{STREAMING}/api/v1/streaming/user",
        f"{STREAMING}/api/v1/streaming/direct",
    ]


CLOSED_FEEDS = {
    "live_feeds": {"local": "authenticated", "remote": "disabled"},
    "hashtag_feeds": {"local": "authenticated", "remote": "public"},
}


@pytest.mark.parametrize(
    ("call", "path", "query", "closed"),
    [
        (lambda api, listener: api.stream_public(listener), "/api/v1/streaming/public", (), True),
        (lambda api, listener: api.stream_public(listener, remote=True), "/api/v1/streaming/public/remote", (), True),
        (lambda api, listener: api.stream_local(listener), "/api/v1/streaming/public/local", (), True),
        (
            lambda api, listener: api.stream_hashtag("cats", listener),
            "/api/v1/streaming/hashtag",
            (("tag", "cats"),),
            False,
        ),
        (
            lambda api, listener: api.stream_hashtag("c", listener, local=True),
            "/api/v1/streaming/hashtag/local",
            (("tag", "c"),),
            True,
        ),
    ],
    ids=["public", "remote", "local", "hashtag", "hashtag-local"],
)
def test_a_stream_of_a_closed_feed_warns(
    mocked: responses.RequestsMock,
    call: Callable[[Mastodon, StreamListener], Any],
    path: str,
    query: tuple[tuple[str, str], ...],
    closed: bool,
) -> None:
    # A client without a user token: the live feeds are open to logged-in users only, and so is
    # the local half of the hashtag feed; its remote half (and so the whole of it) is open.
    anonymous = Mastodon(api_base_url=BASE, mastodon_version="4.5.0")
    instance = {**INSTANCE, "configuration": {**INSTANCE["configuration"], "timelines_access": CLOSED_FEEDS}}
    mocked.get(f"{BASE}/api/v2/instance", json=instance)
    mocked.get(f"{STREAMING}{path}", body=BODY, content_type="text/event-stream", match=[query_is(*query)])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(anonymous, Collector())
    assert [str(w.message) for w in caught if issubclass(w.category, MastodonWarning)] == (
        [f"The {'public' if 'public' in path else 'hashtag'} stream appears to be unavailable on this server "
         "for this client's login state"] if closed else []
    )  # fmt: skip
    assert len(mocked.calls) == 2, "the instance document is fetched once, for both questions"


def test_without_an_announced_streaming_url_the_api_host_is_used(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json={"uri": "mastodon.example", "version": "4.5.0"})
    mocked.get(f"{BASE}/api/v1/streaming/user", body=b"", content_type="text/event-stream")
    assert api.stream_user(Collector()) is None


@pytest.mark.parametrize(("status", "error"), [(404, MastodonNotFoundError), (500, MastodonInternalServerError)])
def test_error_answers_raise_the_mapped_error(
    api: Mastodon, mocked: responses.RequestsMock, status: int, error: type
) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json=INSTANCE)
    mocked.get(f"{STREAMING}/api/v1/streaming/list", json={"error": "Record not found"}, status=status)
    with pytest.raises(error) as caught:
        api.stream_list("5", Collector())
    assert caught.value.args[1] == status
    assert caught.value.args[3] == "Record not found"


def test_run_async_returns_a_handle_that_delivers(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expect_stream(mocked, "/api/v1/streaming/user")
    listener = Collector()
    handle = api.stream_user(listener, run_async=True)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(20)
    assert not handle.is_alive()
    assert listener.events == [("update", "110"), ("delete", "99")]
    assert handle.error is None


@pytest.mark.parametrize("tag", ["#python", "", "   ", None, 5])
def test_bad_tags_are_refused_before_sending(api: Mastodon, mocked: responses.RequestsMock, tag: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.stream_hashtag(tag, Collector())


def test_local_and_remote_together_are_refused(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="local"):
        api.stream_public(Collector(), local=True, remote=True)


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.stream_user(None),
        lambda api: api.stream_user(object()),
        lambda api: api.stream_user(Collector(), timeout=-1),
        lambda api: api.stream_user(Collector(), timeout=0),
        lambda api: api.stream_user(Collector(), reconnect_async_wait_sec=-0.5),
        lambda api: api.stream_open_websocket(Collector(), timeout=0),
        lambda api: api.stream_user(Collector(), timeout="soon"),
        lambda api: api.stream_user(Collector(), reconnect_async_wait_sec=None),
        lambda api: api.stream_list(["1"], Collector()),
        lambda api: api.stream_direct(Collector(), websocket_handle=object()),
    ],
)
def test_bad_arguments_are_refused_before_sending(
    api: Mastodon, mocked: responses.RequestsMock, call: Callable[[Mastodon], Any]
) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        call(api)


@pytest.mark.parametrize(("body", "healthy"), [(b"OK", True), (b"success", True), (b"", False), (b"down", False)])
def test_stream_healthy(api: Mastodon, mocked: responses.RequestsMock, body: bytes, healthy: bool) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json=INSTANCE)
    mocked.get(f"{STREAMING}/api/v1/streaming/health", body=body)
    assert api.stream_healthy() is healthy


def test_stream_healthy_raises_on_error_status(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v2/instance", json=INSTANCE)
    mocked.get(f"{STREAMING}/api/v1/streaming/health", body=b"oops", status=500)
    with pytest.raises(MastodonInternalServerError):
        api.stream_healthy()


# -- names from the 2017 API ------------------------------------------------------------------

LEGACY = [
    ("user_stream", lambda api, lst, **kw: api.user_stream(lst, **kw), "/api/v1/streaming/user", ()),
    ("public_stream", lambda api, lst, **kw: api.public_stream(lst, **kw), "/api/v1/streaming/public", ()),
    ("local_stream", lambda api, lst, **kw: api.local_stream(lst, **kw), "/api/v1/streaming/public/local", ()),
    (
        "hashtag_stream",
        lambda api, lst, **kw: api.hashtag_stream("cats", lst, **kw),
        "/api/v1/streaming/hashtag",
        (("tag", "cats"),),
    ),
]


@pytest.mark.parametrize(("name", "call", "path", "query"), LEGACY, ids=[row[0] for row in LEGACY])
def test_legacy_names_warn_and_stream(
    api: Mastodon,
    mocked: responses.RequestsMock,
    name: str,
    call: Callable[..., Any],
    path: str,
    query: tuple[tuple[str, str], ...],
) -> None:
    expect_stream(mocked, path, *query)
    listener = Collector()
    with pytest.warns(MastodonDeprecationWarning, match=name) as warned:
        assert call(api, listener) is None
    assert warned[0].filename == __file__
    assert listener.events == [("update", "110"), ("delete", "99")]


@pytest.mark.parametrize("keyword", ["async", "run_async"])
def test_legacy_names_accept_the_old_async_keyword(api: Mastodon, mocked: responses.RequestsMock, keyword: str) -> None:
    expect_stream(mocked, "/api/v1/streaming/hashtag", ("tag", "cats"))
    listener = Collector()
    with pytest.warns(MastodonDeprecationWarning):
        handle = api.hashtag_stream("cats", listener, **{keyword: True})
    assert isinstance(handle, SSEStreamHandle)
    handle.join(20)
    assert listener.events == [("update", "110"), ("delete", "99")]


def test_legacy_positional_run_async(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expect_stream(mocked, "/api/v1/streaming/user")
    with pytest.warns(MastodonDeprecationWarning):
        handle = api.user_stream(Collector(), True)
    assert isinstance(handle, SSEStreamHandle)
    handle.join(20)
    assert not handle.is_alive()


def test_stream_methods_carry_their_version_marks() -> None:
    marks = {
        "stream_user": ("1.1.0", "1.4.2"),
        "stream_user_notifications": ("1.4.2", "1.4.2"),
        "stream_public": ("1.1.0", "1.4.2"),
        "stream_local": ("1.1.0", "1.4.2"),
        "stream_hashtag": ("1.1.0", "1.4.2"),
        "stream_list": ("2.1.0", "2.1.0"),
        "stream_direct": ("2.6.0", "2.6.0"),
        "stream_healthy": ("2.5.0", "2.5.0"),
    }
    for name, mark in marks.items():
        assert getattr(Mastodon, name)._api_version == mark, name
