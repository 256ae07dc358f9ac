"""Statuses: the exact requests sent, the types returned, and bad input refused before sending."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonNetworkError, MastodonNotFoundError
from mastodon.return_types import Account, Context, PreviewCard, ScheduledStatus, Status, StatusSource
from mastodon.types_base import NonPaginatableList
from tests.conftest import BASE
from tests.methods._helpers import query_is

STATUS = {
    "id": "110",
    "created_at": "2025-03-01T12:00:00.000Z",
    "content": "<p>hello</p>",
    "visibility": "public",
    "account": {"id": "7", "acct": "alice", "created_at": "2024-01-01T00:00:00.000Z"},
    "card": None,
}
ACCOUNT = {"id": "7", "acct": "alice", "created_at": "2024-01-01T00:00:00.000Z"}
SCHEDULED = {"id": "3", "scheduled_at": "2030-01-01T10:00:00.000Z", "params": {"text": "later"}}
CARD = {"url": "https://news.example/a", "title": "A story", "type": "link"}

Matcher = Callable[[Any], tuple[bool, str]]


def form_is(*pairs: tuple[str, str]) -> Matcher:
    """Match a urlencoded body holding exactly these pairs (repeated keys included), in any order."""

    def match(request: Any) -> tuple[bool, str]:
        body = request.body or ""
        if isinstance(body, bytes):
            body = body.decode()
        got = sorted(parse_qsl(body, keep_blank_values=True))
        ok = got == sorted(pairs) and (not pairs or "urlencoded" in request.headers.get("Content-Type", ""))
        return ok, f"form {got} != {sorted(pairs)}"

    return match


def json_is(expected: dict[str, Any]) -> Matcher:
    """Match a JSON body equal to ``expected`` (real booleans and plain list keys)."""

    def match(request: Any) -> tuple[bool, str]:
        ok = "application/json" in request.headers.get("Content-Type", "")
        got = json.loads(request.body) if ok else None
        return ok and got == expected, f"json {got} != {expected}"

    return match


def no_header(name: str) -> Matcher:
    def match(request: Any) -> tuple[bool, str]:
        return name not in request.headers, f"{name} should not be sent"

    return match


# -- reading ----------------------------------------------------------------------------------


def test_status(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/110", json=STATUS, match=[query_is(), form_is()])

    result = api.status("110")

    assert isinstance(result, Status)
    assert result.account.acct == "alice"
    assert result.created_at == datetime(2025, 3, 1, 12, tzinfo=UTC)


def test_status_accepts_the_entity_and_int_ids(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/110", json=STATUS)
    mocked.get(f"{BASE}/api/v1/statuses/110", json=STATUS)

    first = api.status(110)
    assert api.status(first).id == "110"


@pytest.mark.parametrize("bad", [None, "", "1/../2", {"no": "id"}, 1.5, True])
def test_bad_ids_are_refused_before_sending(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.status(bad)


def test_status_context(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/statuses/110/context",
        json={"ancestors": [STATUS], "descendants": []},
        match=[query_is()],
    )

    result = api.status_context({"id": "110"})

    assert isinstance(result, Context)
    assert result.ancestors[0]["id"] == "110"
    assert result.descendants == []


SOURCE = {"id": "110", "text": "hello", "spoiler_text": ""}

# Reads of one status: (method, path after /api/v1/statuses/<id>, answer, result type).
READS: list[tuple[str, str, dict[str, Any], type]] = [
    ("status", "", STATUS, Status),
    ("status_context", "/context", {"ancestors": [], "descendants": [STATUS]}, Context),
    ("status_source", "/source", SOURCE, StatusSource),
]


@pytest.mark.parametrize(("method", "suffix", "answer", "rtype"), READS, ids=[read[0] for read in READS])
def test_reads_of_one_status(
    api: Mastodon, mocked: responses.RequestsMock, method: str, suffix: str, answer: dict[str, Any], rtype: type
) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/110{suffix}", json=answer, match=[query_is()])

    result = getattr(api, method)({"id": "110"})

    assert type(result) is rtype
    if "id" in answer:
        assert result.id == "110"


@pytest.mark.parametrize("method", ["status_reblogged_by", "status_favourited_by"])
def test_accounts_that_interacted(api: Mastodon, mocked: responses.RequestsMock, method: str) -> None:
    mocked.get(
        f"{BASE}/api/v1/statuses/110/{method.removeprefix('status_')}", json=[ACCOUNT, ACCOUNT], match=[query_is()]
    )

    result = getattr(api, method)("110")

    assert isinstance(result, NonPaginatableList)
    assert len(result) == 2
    assert all(isinstance(account, Account) for account in result)


def test_status_card_on_new_servers_comes_from_the_status(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/110", json={**STATUS, "card": CARD})

    card = api.status_card("110")

    assert isinstance(card, PreviewCard)
    assert card.title == "A story"


def test_status_card_is_none_when_the_status_has_none(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/110", json=STATUS)

    assert api.status_card("110") is None


def test_status_card_on_old_servers_uses_the_card_endpoint(mocked: responses.RequestsMock) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="2.9.0")
    mocked.get(f"{BASE}/api/v1/statuses/110/card", json=CARD)

    card = old.status_card("110")

    assert isinstance(card, PreviewCard)
    assert card.url == "https://news.example/a"


def test_status_card_asks_the_version_once_when_unknown(mocked: responses.RequestsMock) -> None:
    unknown = Mastodon(access_token="tok", api_base_url=BASE)
    mocked.get(f"{BASE}/api/v2/instance", json={"version": "4.3.0"})
    mocked.get(f"{BASE}/api/v1/statuses/110", json={**STATUS, "card": CARD})
    mocked.get(f"{BASE}/api/v1/statuses/111", json={**STATUS, "id": "111", "card": CARD})

    assert unknown.status_card("110").title == "A story"
    assert unknown.status_card("111").title == "A story"


def test_errors_are_mapped(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/404", status=404, json={"error": "Record not found"})

    with pytest.raises(MastodonNotFoundError):
        api.status("404")


# -- posting ----------------------------------------------------------------------------------


def test_status_post_minimal_sends_only_the_text(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "hello"), ("sensitive", "0")), query_is(), no_header("Idempotency-Key")],
    )

    result = api.status_post("hello")

    assert isinstance(result, Status)
    assert result.id == "110"


def test_status_post_all_form_fields(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[
            form_is(
                ("status", "look"),
                ("in_reply_to_id", "100"),
                ("media_ids[]", "m1"),
                ("media_ids[]", "m2"),
                ("sensitive", "1"),
                ("visibility", "unlisted"),
                ("spoiler_text", "cw"),
                ("language", "de"),
                ("quoted_status_id", "99"),
                ("quote_approval_policy", "followers"),
            )
        ],
    )

    api.status_post(
        "look",
        in_reply_to_id={"id": "100"},
        media_ids=[{"id": "m1", "type": "image"}, "m2"],
        sensitive=True,
        visibility="unlisted",
        spoiler_text="cw",
        language="de",
        quoted_status_id=99,
        quote_approval_policy="followers",
    )


def test_status_post_single_media_needs_no_list(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", ""), ("sensitive", "0"), ("media_ids[]", "m1"))],
    )

    api.status_post("", media_ids={"id": "m1"})


def test_status_post_visibility_is_lowercased(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "x"), ("sensitive", "0"), ("visibility", "direct"))],
    )

    api.status_post("x", visibility="Direct")


def test_status_post_seed_era_empty_visibility_sends_none(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses", json=STATUS, match=[form_is(("status", "x"), ("sensitive", "0"))])

    api.status_post("x", visibility="")


def test_status_post_idempotency_key_is_a_header(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[
            form_is(("status", "once"), ("sensitive", "0")),
            responses.matchers.header_matcher({"Idempotency-Key": "post-42", "Authorization": "Bearer tok"}),
        ],
    )

    api.status_post("once", idempotency_key="post-42")


def test_status_post_scheduled_returns_a_scheduled_status(api: Mastodon, mocked: responses.RequestsMock) -> None:
    when = datetime(2030, 1, 1, 11, 30, 15, 123456, tzinfo=timezone(timedelta(hours=1)))
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=SCHEDULED,
        match=[form_is(("status", "later"), ("sensitive", "0"), ("scheduled_at", "2030-01-01T10:30:15+00:00"))],
    )

    result = api.status_post("later", scheduled_at=when)

    assert isinstance(result, ScheduledStatus)
    assert not isinstance(result, Status)


def test_status_post_naive_scheduled_at_is_local_time(api: Mastodon, mocked: responses.RequestsMock) -> None:
    naive = datetime(2030, 6, 1, 8, 0, 0)
    expected = naive.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=SCHEDULED,
        match=[form_is(("status", "x"), ("sensitive", "0"), ("scheduled_at", expected))],
    )

    api.status_post("x", scheduled_at=naive)


def test_status_post_past_scheduled_at_is_left_to_the_server(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        status=422,
        json={"error": "Validation failed: Scheduled at The scheduled date must be in the future"},
        match=[form_is(("status", "x"), ("sensitive", "0"), ("scheduled_at", "2001-01-01T00:00:00+00:00"))],
    )

    with pytest.raises(Exception, match="must be in the future"):
        api.status_post("x", scheduled_at=datetime(2001, 1, 1, tzinfo=UTC))


def test_status_post_with_poll_is_json(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[
            json_is(
                {
                    "status": "Tea or coffee?",
                    "sensitive": "0",
                    "visibility": "private",
                    "poll": {"options": ["tea", "coffee"], "expires_in": 3600, "multiple": True, "hide_totals": False},
                }
            ),
            responses.matchers.header_matcher({"Idempotency-Key": "k1"}),
        ],
    )
    poll = api.make_poll(["tea", "coffee"], expires_in=3600, multiple=True)

    result = api.status_post("Tea or coffee?", visibility="private", poll=poll, idempotency_key="k1")

    assert isinstance(result, Status)


def test_status_post_poll_as_a_plain_dict(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[
            json_is(
                {
                    "status": "?",
                    "sensitive": "1",
                    "poll": {"options": ["a", "b"], "expires_in": 300, "multiple": False, "hide_totals": True},
                }
            )
        ],
    )

    api.status_post("?", sensitive=True, poll={"options": ("a", "b"), "expires_in": 300, "hide_totals": True})


def test_make_poll_sends_nothing(api: Mastodon, mocked: responses.RequestsMock) -> None:
    poll = api.make_poll(["yes", "no"], 600, hide_totals=True)

    # The parameters of a poll to post, not a Poll: a plain dict holding a plain list.
    assert type(poll) is dict and type(poll["options"]) is list
    assert poll == {"options": ["yes", "no"], "expires_in": 600, "multiple": False, "hide_totals": True}


def test_toot(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses", json=STATUS, match=[form_is(("status", "tooting"), ("sensitive", "0"))])

    assert isinstance(api.toot("tooting"), Status)


def test_content_type_is_passed_along_when_not_strict(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "*hi*"), ("sensitive", "0"), ("content_type", "text/markdown"))],
    )

    api.status_post("*hi*", content_type="text/markdown")


def test_strict_content_type_on_pleroma(mocked: responses.RequestsMock) -> None:
    pleroma = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="2.7.2", feature_set="pleroma")
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "hi"), ("sensitive", "0"), ("content_type", "text/bbcode"))],
    )

    pleroma.status_post("hi", content_type="text/bbcode", strict_content_type=True)
    with pytest.raises(MastodonIllegalArgumentError, match="content_type"):
        pleroma.status_post("hi", content_type="text/rtf", strict_content_type=True)


def test_quote_id_on_fedibird(mocked: responses.RequestsMock) -> None:
    fedibird = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="3.4.1", feature_set="fedibird")
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "so true"), ("sensitive", "0"), ("quote_id", "5"))],
    )

    fedibird.status_post("so true", quote_id={"id": "5"})


BAD_POSTS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown visibility", {"visibility": "friends"}, "visibility"),
    ("visibility not text", {"visibility": 1}, "visibility"),
    ("media entry without id", {"media_ids": [{"type": "image"}]}, "media_ids"),
    ("poll options missing", {"poll": {"expires_in": 300}}, "options"),
    ("poll options a string", {"poll": {"options": "ab", "expires_in": 300}}, "options"),
    ("poll option not text", {"poll": {"options": ["a", 2], "expires_in": 300}}, "options"),
    ("poll expiry not a number", {"poll": {"options": ["a", "b"], "expires_in": "soon"}}, "expires_in"),
    ("poll not a dict", {"poll": "12"}, "poll"),
    ("quote policy", {"quote_approval_policy": "everyone"}, "quote_approval_policy"),
    ("quote_id on mainline", {"quote_id": "5"}, "fedibird"),
    ("strict content type on mainline", {"content_type": "text/html", "strict_content_type": True}, "pleroma"),
    ("scheduled_at not a date", {"scheduled_at": 1700000000}, "scheduled_at"),
    ("idempotency key with newline", {"idempotency_key": "a\r\nX-Evil: 1"}, "idempotency_key"),
    ("empty idempotency key", {"idempotency_key": ""}, "idempotency_key"),
    ("bad reply id", {"in_reply_to_id": {"no": "id"}}, "in_reply_to_id"),
    ("bad quoted status", {"quoted_status_id": "a/b"}, "quoted_status_id"),
]


@pytest.mark.parametrize(("case", "kwargs", "message"), BAD_POSTS, ids=[case for case, _, _ in BAD_POSTS])
def test_status_post_refuses_bad_input_before_sending(
    api: Mastodon, mocked: responses.RequestsMock, case: str, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.status_post("text", **kwargs)


def test_status_text_must_be_text(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="status must be text"):
        api.status_post(42)  # type: ignore[arg-type]


def test_more_than_four_media_pass_on_pleroma(mocked: responses.RequestsMock) -> None:
    pleroma = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="2.7.2", feature_set="pleroma")
    ids = [str(n) for n in range(6)]
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json=STATUS,
        match=[form_is(("status", "many"), ("sensitive", "0"), *[("media_ids[]", i) for i in ids])],
    )

    pleroma.status_post("many", media_ids=ids)


@pytest.mark.parametrize(
    ("options", "expires_in"),
    [("ab", 300), (["a", None], 300), (["a", "b"], True), (None, 300)],
)
def test_make_poll_refuses_bad_polls(
    api: Mastodon, mocked: responses.RequestsMock, options: Any, expires_in: Any
) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="poll"):
        api.make_poll(options, expires_in)


# -- acting on statuses -----------------------------------------------------------------------


@pytest.mark.parametrize("action", ["unreblog", "favourite", "unfavourite", "mute", "unmute"])
def test_simple_actions(api: Mastodon, mocked: responses.RequestsMock, action: str) -> None:
    mocked.post(f"{BASE}/api/v1/statuses/110/{action}", json=STATUS, match=[form_is(), query_is()])

    result = getattr(api, f"status_{action}")({"id": "110"})

    assert isinstance(result, Status)


def test_status_reblog(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses/110/reblog", json={**STATUS, "reblog": STATUS}, match=[form_is()])

    result = api.status_reblog("110")

    assert isinstance(result, Status)
    assert result.reblog["id"] == "110"


def test_status_reblog_with_visibility(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses/110/reblog", json=STATUS, match=[form_is(("visibility", "private"))])

    api.status_reblog("110", visibility="PRIVATE")


def test_status_reblog_sends_direct_visibility(api: Mastodon, mocked: responses.RequestsMock) -> None:
    # Whether a boost may be direct is the server's decision; the request goes out as asked.
    mocked.post(f"{BASE}/api/v1/statuses/110/reblog", json=STATUS, match=[form_is(("visibility", "direct"))])

    assert isinstance(api.status_reblog("110", visibility="Direct"), Status)


@pytest.mark.parametrize("bad", ["everyone", "friends", 3])
def test_status_reblog_refuses_bad_visibility(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="visibility"):
        api.status_reblog("110", visibility=bad)


def test_status_delete(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.delete(f"{BASE}/api/v1/statuses/110", json={**STATUS, "text": "hello"}, match=[form_is(), query_is()])

    result = api.status_delete("110")

    assert isinstance(result, Status)
    assert result.text == "hello"


def test_status_delete_with_media(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.delete(f"{BASE}/api/v1/statuses/110", json=STATUS, match=[form_is(("delete_media", "1"))])

    api.status_delete({"id": "110"}, delete_media=True)


def test_media_attributes_go_as_json_and_keep_their_media(api: Mastodon, mocked: responses.RequestsMock) -> None:
    edit = api.generate_media_edit_attributes("m2", description="alt")

    fields, as_json = api._status_fields("edited", media_ids=["m1"], media_attributes=[edit])

    assert as_json is True
    assert fields["media_ids"] == ["m1", "m2"]
    assert fields["media_attributes"] == [{"id": "m2", "description": "alt"}]


def test_media_attributes_need_ids(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="media_attributes"):
        api._status_fields("edited", media_attributes=[{"description": "alt"}])


def test_status_post_makes_one_idempotency_key_per_call_when_retries_are_on(mocked: responses.RequestsMock) -> None:
    import requests as _requests

    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", retries=2)
    api._ratelimiter.sleep = lambda seconds: None
    url = BASE + "/api/v1/statuses"
    mocked.post(url, body=_requests.exceptions.ConnectionError("answer lost"))
    mocked.post(url, json={"id": "1", "content": "hi"})
    api.status_post("hi")
    first, second = (call.request.headers.get("Idempotency-Key") for call in mocked.calls)
    assert first and first == second
    mocked.post(url, json={"id": "2", "content": "again"})
    api.status_post("again")
    assert mocked.calls[2].request.headers.get("Idempotency-Key") not in (None, first)


def test_status_post_sends_no_key_of_its_own_without_retries(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.post(BASE + "/api/v1/statuses", json={"id": "1"})
    api.status_post("hi")
    assert "Idempotency-Key" not in mocked.calls[0].request.headers


def test_a_post_without_a_key_is_not_retried(mocked: responses.RequestsMock) -> None:
    import requests as _requests

    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", retries=2)
    api._ratelimiter.sleep = lambda seconds: None
    mocked.post(BASE + "/api/v1/apps", body=_requests.exceptions.ReadTimeout("maybe stored"))
    with pytest.raises(MastodonNetworkError):
        api._call("POST", "/api/v1/apps", None, form={"client_name": "x"})
    assert len(mocked.calls) == 1
