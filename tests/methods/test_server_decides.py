"""The server decides what is valid: requests Mastodon.py sends go out, and the server's refusal
is mapped to the usual error, so code that catches ``MastodonAPIError`` keeps working."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonNotFoundError
from mastodon.types_base import NonPaginatableList
from tests.conftest import BASE
from tests.methods._helpers import form_pairs, json_of, query_only

REFUSAL = {"error": "Validation failed"}
POLL = {"options": ["a", "b"], "expires_in": 300}
HOME = "/api/v1/timelines/home"

# (case, the call, verb, path, matcher for what must be sent)
SENT: list[tuple[str, Callable[[Mastodon], Any], str, str, Any]] = [
    (
        "empty status without media",
        lambda api: api.status_post(""),
        "POST", "/api/v1/statuses", form_pairs([("status", ""), ("sensitive", "0")]),
    ),
    (
        "toot with empty text",
        lambda api: api.toot(""),
        "POST", "/api/v1/statuses", form_pairs([("status", ""), ("sensitive", "0")]),
    ),
    (
        "media together with a poll",
        lambda api: api.status_post("q?", media_ids=["1"], poll=api.make_poll(["a", "b"], 300)),
        "POST", "/api/v1/statuses",
        matchers.json_params_matcher(
            {"status": "q?", "media_ids": ["1"], "sensitive": "0",
             "poll": {**POLL, "multiple": False, "hide_totals": False}}
        ),
    ),
    (
        "five media",
        lambda api: api.status_post("many", media_ids=["1", "2", "3", "4", "5"]),
        "POST", "/api/v1/statuses",
        form_pairs([("status", "many"), ("sensitive", "0"), *[("media_ids[]", str(n)) for n in range(1, 6)]]),
    ),
    (
        "five profile fields",
        lambda api: api.account_update_credentials(fields=[(f"k{n}", "v") for n in range(5)]),
        "PATCH", "/api/v1/accounts/update_credentials",
        form_pairs([
            pair for n in range(5)
            for pair in ((f"fields_attributes[{n}][name]", f"k{n}"), (f"fields_attributes[{n}][value]", "v"))
        ]),
    ),
    ("limit as text", lambda api: api.timeline_home(limit="5"), "GET", HOME, query_only(("limit", "5"))),
    ("negative limit", lambda api: api.timeline_home(limit=-1), "GET", HOME, query_only(("limit", "-1"))),
    (
        "offset as text",
        lambda api: api.account_search("alice", offset="10"),
        "GET", "/api/v1/accounts/search",
        query_only(("q", "alice"), ("following", "0"), ("resolve", "0"), ("offset", "10")),
    ),
    (
        "empty search",
        lambda api: api.account_search(""),
        "GET", "/api/v1/accounts/search", query_only(("q", ""), ("following", "0"), ("resolve", "0")),
    ),
    (
        "unknown notification type",
        lambda api: api.notifications(types=["mentions"]),
        "GET", "/api/v1/notifications", query_only(("types[]", "mentions")),
    ),
    (
        "violation report without rules",
        lambda api: api.report("1", category="violation"),
        "POST", "/api/v1/reports/", form_pairs([("account_id", "1"), ("category", "violation")]),
    ),
    (
        "poll without expiry",
        lambda api: api.status_post("q?", poll={"options": ["a", "b"]}),
        "POST", "/api/v1/statuses",
        matchers.json_params_matcher(
            {"status": "q?", "sensitive": "0", "poll": {"options": ["a", "b"], "multiple": False, "hide_totals": False}}
        ),
    ),
    (
        "unknown default privacy",
        lambda api: api.account_update_credentials(default_privacy="direct"),
        "PATCH", "/api/v1/accounts/update_credentials", form_pairs([("source[privacy]", "direct")]),
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "call", "verb", "path", "sent"), SENT, ids=[case[0] for case in SENT])
def test_the_request_is_sent_and_the_refusal_mapped(
    api: Mastodon, mocked: responses.RequestsMock, case: str, call: Callable[[Mastodon], Any], verb: str, path: str,
    sent: Any,
) -> None:  # fmt: skip
    mocked.add(verb, BASE + path, status=422, json=REFUSAL, match=[sent])

    with pytest.raises(MastodonAPIError) as raised:
        call(api)

    assert raised.value.status_code == 422
    assert raised.value.error == "Validation failed"


def test_an_id_with_spaces_is_sent_as_given(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/statuses/%20123%20", status=404, json={"error": "Record not found"})

    with pytest.raises(MastodonNotFoundError) as raised:
        api.status(" 123 ")

    assert isinstance(raised.value, MastodonAPIError)


@pytest.mark.parametrize("nobody", [[], None], ids=["empty list", "None"])
def test_relationships_with_nobody_are_asked_of_the_server(
    api: Mastodon, mocked: responses.RequestsMock, nobody: Any
) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/relationships", json=[], match=[query_only()])

    result = api.account_relationships(nobody)

    assert result == [] and isinstance(result, NonPaginatableList)


def test_a_limit_as_text_gets_the_server_s_page(api: Mastodon, mocked: responses.RequestsMock) -> None:
    status = {"id": "9", "created_at": "2025-01-01T00:00:00.000Z", "account": {"id": "1"}}
    mocked.get(f"{BASE}/api/v1/timelines/home", json=[status], match=[query_only(("limit", "5"))])

    page = api.timeline_home(limit="5")  # type: ignore[arg-type]

    assert [item.id for item in page] == ["9"]


def test_media_with_a_poll_is_one_json_request(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses", status=422, json=REFUSAL)
    with pytest.raises(MastodonAPIError):
        api.status_post("q?", media_ids=[7], poll=POLL)
    # The IDs go as given, the same as Mastodon.py sends them.
    assert json_of(mocked.calls[0].request)["media_ids"] == [7]
