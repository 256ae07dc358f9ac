"""Defaults on the wire: the same call sends the same pairs, in the same order, as Mastodon.py 2.3.3.

The expected requests were taken from Mastodon.py 2.3.3 making the same calls. Recorded traffic
(VCR cassettes in users' own tests) matches on these, so order and defaults matter here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from tests.conftest import BASE
from tests.methods._helpers import body_text, json_of, query_of

STATUS = {"id": "1", "created_at": "2025-01-01T00:00:00.000Z", "account": {"id": "8"}}
SCHEDULED = {"id": "3", "scheduled_at": "2030-01-01T00:00:00.000Z", "params": {}}
ACCOUNT = {"id": "8", "acct": "bob@remote.example"}
SEARCH = {"accounts": [], "statuses": [], "hashtags": []}

# (case, the call, verb, path, answer, the body Mastodon.py sends, or None for no body)
FORMS: list[tuple[str, Callable[[Mastodon], Any], str, str, Any, str | None]] = [
    ("status_post", lambda api: api.status_post("hi"), "POST", "/api/v1/statuses", STATUS, "status=hi&sensitive=0"),
    ("toot", lambda api: api.toot("hi"), "POST", "/api/v1/statuses", STATUS, "status=hi&sensitive=0"),
    (
        "status_post sensitive",
        lambda api: api.status_post("hi", sensitive=True),
        "POST", "/api/v1/statuses", STATUS, "status=hi&sensitive=1",
    ),
    (
        "status_post lists last",
        lambda api: api.status_post(
            "hi", in_reply_to_id=3, media_ids=[1], visibility="public", spoiler_text="cw", language="en",
            scheduled_at=datetime(2030, 1, 1, tzinfo=UTC), quoted_status_id=9,
        ),
        "POST", "/api/v1/statuses", SCHEDULED,
        "status=hi&in_reply_to_id=3&sensitive=0&visibility=public&spoiler_text=cw&language=en"
        "&scheduled_at=2030-01-01T00%3A00%3A00%2B00%3A00&quoted_status_id=9&media_ids%5B%5D=1",
    ),
    (
        "report lists last, to the path with a slash",
        lambda api: api.report(1, status_ids=[2, 3], comment="c", forward=True, category="violation", rule_ids=[4]),
        "POST", "/api/v1/reports/", {"id": "5"},
        "account_id=1&comment=c&forward=1&category=violation"
        "&status_ids%5B%5D=2&status_ids%5B%5D=3&rule_ids%5B%5D=4",
    ),
    (
        "follows",
        lambda api: api.account_follow(1),
        "POST", "/api/v1/accounts/1/follow", {"id": "1"}, "reblogs=1&notify=0",
    ),
]  # fmt: skip

QUERIES: list[tuple[str, Callable[[Mastodon], Any], str, Any, list[tuple[str, str]]]] = [
    (
        "account_search",
        lambda api: api.account_search("q"),
        "/api/v1/accounts/search", [], [("q", "q"), ("following", "0"), ("resolve", "0")],
    ),
    ("one relationship", lambda api: api.account_relationships(5), "/api/v1/accounts/relationships", [], [("id", "5")]),
    (
        "one relationship in a list",
        lambda api: api.account_relationships([5]),
        "/api/v1/accounts/relationships", [], [("id[]", "5")],
    ),
    (
        "several relationships",
        lambda api: api.account_relationships([5, 6], with_suspended=True),
        "/api/v1/accounts/relationships", [], [("with_suspended", "1"), ("id[]", "5"), ("id[]", "6")],
    ),
    (
        "search type last",
        lambda api: api.search_v2("q", result_type="hashtags"),
        "/api/v2/search", SEARCH, [("q", "q"), ("resolve", "1"), ("exclude_unreviewed", "1"), ("type", "hashtags")],
    ),
    (
        "notifications lists last",
        lambda api: api.notifications(limit=3, types=["mention"], account_id=2),
        "/api/v1/notifications", [], [("account_id", "2"), ("limit", "3"), ("types[]", "mention")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "call", "verb", "path", "answer", "body"), FORMS, ids=[c[0] for c in FORMS])
def test_form_as_mastodon_py_sends_it(
    api: Mastodon, mocked: responses.RequestsMock, case: str, call: Callable[[Mastodon], Any], verb: str, path: str,
    answer: Any, body: str | None,
) -> None:  # fmt: skip
    mocked.add(verb, BASE + path, json=answer)
    call(api)
    assert body_text(mocked.calls[0].request) == body


@pytest.mark.parametrize(("case", "call", "path", "answer", "pairs"), QUERIES, ids=[c[0] for c in QUERIES])
def test_query_as_mastodon_py_sends_it(
    api: Mastodon, mocked: responses.RequestsMock, case: str, call: Callable[[Mastodon], Any], path: str,
    answer: Any, pairs: list[tuple[str, str]],
) -> None:  # fmt: skip
    mocked.get(BASE + path, json=answer)
    call(api)
    assert query_of(mocked.calls[0].request) == pairs


def test_follows_looks_among_known_accounts_as_mastodon_py_does(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/accounts/search", json=[ACCOUNT])
    mocked.post(f"{BASE}/api/v1/accounts/8/follow", json={"id": "8"})
    api.follows("bob@remote.example")
    assert query_of(mocked.calls[0].request) == [("q", "bob@remote.example"), ("following", "0"), ("resolve", "0")]
    assert body_text(mocked.calls[1].request) == "reblogs=1&notify=0"


def test_json_status_keeps_the_flag_as_text_and_ids_as_given(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/statuses", json=STATUS)
    api.status_post("hi", in_reply_to_id=3, poll=api.make_poll(["a", "b"], 300))
    assert json_of(mocked.calls[0].request) == {
        "status": "hi",
        "in_reply_to_id": 3,
        "sensitive": "0",
        "poll": {"options": ["a", "b"], "expires_in": 300, "multiple": False, "hide_totals": False},
    }
