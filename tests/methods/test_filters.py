"""Filters, v1 and v2: what each call sends and returns, and filters_apply on statuses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import Filter, FilterKeyword, FilterStatus, FilterV2, NonPaginatableList, Status
from tests.conftest import BASE
from tests.methods._helpers import form_of, json_of, query_of

V1 = {"id": "5", "phrase": "cat", "context": ["home"], "whole_word": True, "irreversible": False}
V2 = {"id": "12", "title": "pets", "context": ["home"], "filter_action": "warn", "keywords": [], "statuses": []}
KEYWORD = {"id": "13", "keyword": "cat", "whole_word": False}
ENTRY = {"id": "14", "status_id": "9"}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], Any, Any, type]] = [
    (lambda a: a.filters(), "GET", "/api/v1/filters", [], None, [V1], NonPaginatableList),
    (lambda a: a.filter(V1), "GET", "/api/v1/filters/5", [], None, V1, Filter),
    (
        lambda a: a.filter_create("cat", ["home", "public"], expires_in=60),
        "POST",
        "/api/v1/filters",
        [
            ("phrase", "cat"),
            ("irreversible", "0"),
            ("whole_word", "1"),
            ("expires_in", "60"),
            ("context[]", "home"),
            ("context[]", "public"),
        ],
        None,
        V1,
        Filter,
    ),
    (lambda a: a.filter_update("5"), "PUT", "/api/v1/filters/5", [], None, V1, Filter),
    (
        lambda a: a.filter_update(V1, phrase="dog", context="thread", whole_word=False),
        "PUT",
        "/api/v1/filters/5",
        [("phrase", "dog"), ("whole_word", "0"), ("context[]", "thread")],
        None,
        V1,
        Filter,
    ),
    (lambda a: a.filter_delete("5"), "DELETE", "/api/v1/filters/5", [], None, {}, type(None)),
    (lambda a: a.filters_v2(), "GET", "/api/v2/filters", [], None, [V2], NonPaginatableList),
    (lambda a: a.filter_v2(V2), "GET", "/api/v2/filters/12", [], None, V2, Filter),
    (
        lambda a: a.create_filter_v2(
            "pets", ["home"], "warn", keywords_attributes=[{"keyword": "cat", "whole_word": True}]
        ),
        "POST",
        "/api/v2/filters",
        [],
        {
            "title": "pets",
            "context": ["home"],
            "filter_action": "warn",
            "keywords_attributes": [{"keyword": "cat", "whole_word": True}],
        },
        V2,
        FilterV2,
    ),
    (
        lambda a: a.update_filter_v2("12", title="animals", expires_in=3600),
        "PUT",
        "/api/v2/filters/12",
        [],
        {"filter_id": "12", "title": "animals", "expires_in": 3600},
        V2,
        FilterV2,
    ),
    (lambda a: a.delete_filter_v2(V2), "DELETE", "/api/v2/filters/12", [], None, {}, type(None)),
    (
        lambda a: a.filter_keywords_v2("12"),
        "GET",
        "/api/v2/filters/12/keywords",
        [],
        None,
        [KEYWORD],
        NonPaginatableList,
    ),
    (
        lambda a: a.add_filter_keyword_v2(V2, "cat", whole_word=True),
        "POST",
        "/api/v2/filters/12/keywords",
        [("filter_id", "12"), ("keyword", "cat"), ("whole_word", "1")],
        None,
        KEYWORD,
        FilterKeyword,
    ),
    (lambda a: a.delete_filter_keyword_v2(KEYWORD), "DELETE", "/api/v2/filters/keywords/13", [], None, {}, type(None)),
    (lambda a: a.filter_statuses_v2("12"), "GET", "/api/v2/filters/12/statuses", [], None, [ENTRY], NonPaginatableList),
    (
        lambda a: a.add_filter_status_v2("12", {"id": "9"}),
        "POST",
        "/api/v2/filters/12/statuses",
        [("status_id", "9")],
        None,
        ENTRY,
        FilterStatus,
    ),
    (lambda a: a.filter_status_v2(ENTRY), "GET", "/api/v2/filters/statuses/14", [], None, ENTRY, FilterStatus),
    (lambda a: a.delete_filter_status_v2("14"), "DELETE", "/api/v2/filters/statuses/14", [], None, {}, type(None)),
    (lambda a: a.filter_keyword_v2("13"), "GET", "/api/v2/filters/keywords/13", [], None, KEYWORD, FilterKeyword),
    (
        lambda a: a.update_filter_keyword_v2(KEYWORD, keyword="kitten"),
        "PUT",
        "/api/v2/filters/keywords/13",
        [("keyword", "kitten")],
        None,
        KEYWORD,
        FilterKeyword,
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "form", "body", "answer", "rtype"), CASES)
def test_calls(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    form: list[tuple[str, str]],
    body: Any,
    answer: Any,
    rtype: type,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    assert isinstance(call(api), rtype)
    sent = mocked.calls[0].request
    assert sent.method == verb and sent.url.split("?")[0] == BASE + path and query_of(sent) == []
    if body is not None:
        assert json_of(sent) == body
    else:
        assert form_of(sent) == sorted(form)


# -- filters_apply -------------------------------------------------------------------------------

NOW = datetime.now(UTC)


def status(text: str) -> Status:
    return Status({"id": text, "content": text})


STATUSES = [status("<p>I love my cat</p>"), status("<p>concatenate strings</p>"), status("<p>A <b>CAT</b>!</p>")]


def v1(phrase: str, whole_word: bool, context: list[str] | None = None, expires_at: Any = None) -> Filter:
    return Filter(
        {
            "id": "1",
            "phrase": phrase,
            "whole_word": whole_word,
            "context": context or ["home"],
            "expires_at": expires_at,
        }
    )


@pytest.mark.parametrize(
    ("filters", "context", "kept"),
    [
        ([], "home", ["<p>I love my cat</p>", "<p>concatenate strings</p>", "<p>A <b>CAT</b>!</p>"]),
        ([v1("cat", True)], "home", ["<p>concatenate strings</p>"]),
        ([v1("cat", False)], "home", []),
        (
            [v1("cat", True, ["public"])],
            "home",
            ["<p>I love my cat</p>", "<p>concatenate strings</p>", "<p>A <b>CAT</b>!</p>"],
        ),
        ([v1("cat", True, ["public"])], "public", ["<p>concatenate strings</p>"]),
        ([v1("cat", True, ["thread", "notifications"])], "thread", ["<p>concatenate strings</p>"]),
        (
            [v1("cat", False, expires_at=NOW - timedelta(minutes=1))],
            "home",
            ["<p>I love my cat</p>", "<p>concatenate strings</p>", "<p>A <b>CAT</b>!</p>"],
        ),
        ([v1("cat", False, expires_at=NOW + timedelta(days=1))], "home", []),
        (
            [v1("cat", False, expires_at=(NOW - timedelta(days=1)).isoformat())],
            "home",
            ["<p>I love my cat</p>", "<p>concatenate strings</p>", "<p>A <b>CAT</b>!</p>"],
        ),
        ([v1("love my", True), v1("strings", True)], "home", ["<p>A <b>CAT</b>!</p>"]),
        (
            [FilterV2({"context": ["home"], "keywords": [{"keyword": "cat", "whole_word": True}]})],
            "home",
            ["<p>concatenate strings</p>"],
        ),
    ],
)
def test_filters_apply(api: Mastodon, filters: list[Any], context: str, kept: list[str]) -> None:
    result = api.filters_apply(STATUSES, filters, context)
    assert [s.content for s in result] == kept


def test_filters_apply_reads_notifications_through_their_status(api: Mastodon) -> None:
    notifications = [{"id": "1", "type": "mention", "status": STATUSES[0]}, {"id": "2", "type": "follow"}]
    kept = api.filters_apply(notifications, [v1("cat", True, ["notifications"])], "notifications")
    assert [n["id"] for n in kept] == ["2"]


def test_filters_apply_reads_entities_in_the_text(api: Mastodon) -> None:
    kept = api.filters_apply([status("<p>rock &amp; roll</p>")], [v1("rock & roll", True)], "home")
    assert kept == []


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda a: a.filter_create(None, ["home"]), "phrase"),
        (lambda a: a.create_filter_v2("t", ["home"], None), "filter_action"),
        (lambda a: a.create_filter_v2("t", ["home"], "warn", keywords_attributes=["cat"]), "keywords_attributes"),
        (lambda a: a.add_filter_keyword_v2("12", None), "keyword"),
    ],
)
def test_refused_before_sending(api: Mastodon, call: Callable[[Mastodon], Any], name: str) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match=name):
            call(api)
        assert not mock.calls
