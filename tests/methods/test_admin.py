"""The admin API, accounts: what each call sends and returns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import AdminAccount, NonPaginatableList, PaginatableList, PreviewCard, Status, Tag
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, form_of, query_of

ADMIN_ACCOUNT = {"id": "7", "username": "ann", "email": "ann@example.org", "ips": [{"ip": "192.0.2.1"}]}

CASES: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], Any, type]] = [
    (lambda a: a.admin_account("7"), "GET", "/api/v1/admin/accounts/7", [], ADMIN_ACCOUNT, AdminAccount),
    (
        lambda a: a.admin_account_enable(ADMIN_ACCOUNT),
        "POST",
        "/api/v1/admin/accounts/7/enable",
        [],
        ADMIN_ACCOUNT,
        AdminAccount,
    ),
    (
        lambda a: a.admin_account_approve("7"),
        "POST",
        "/api/v1/admin/accounts/7/approve",
        [],
        ADMIN_ACCOUNT,
        AdminAccount,
    ),
    (lambda a: a.admin_account_reject("7"), "POST", "/api/v1/admin/accounts/7/reject", [], ADMIN_ACCOUNT, AdminAccount),
    (
        lambda a: a.admin_account_unsilence("7"),
        "POST",
        "/api/v1/admin/accounts/7/unsilence",
        [],
        ADMIN_ACCOUNT,
        AdminAccount,
    ),
    (
        lambda a: a.admin_account_unsuspend("7"),
        "POST",
        "/api/v1/admin/accounts/7/unsuspend",
        [],
        ADMIN_ACCOUNT,
        AdminAccount,
    ),
    (lambda a: a.admin_account_delete("7"), "DELETE", "/api/v1/admin/accounts/7", [], ADMIN_ACCOUNT, AdminAccount),
    (
        lambda a: a.admin_account_unsensitive("7"),
        "POST",
        "/api/v1/admin/accounts/7/unsensitive",
        [],
        ADMIN_ACCOUNT,
        AdminAccount,
    ),
    (
        lambda a: a.admin_account_moderate("7"),
        "POST",
        "/api/v1/admin/accounts/7/action",
        [("send_email_notification", "1"), ("type", "none")],
        {},
        type(None),
    ),
    (
        lambda a: a.admin_account_moderate(
            ADMIN_ACCOUNT, "suspend", report_id={"id": "3"}, text="spam", send_email_notification=False
        ),
        "POST",
        "/api/v1/admin/accounts/7/action",
        [("report_id", "3"), ("text", "spam"), ("type", "suspend")],
        {},
        type(None),
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "form", "answer", "rtype"), CASES)
def test_calls(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    form: list[tuple[str, str]],
    answer: Any,
    rtype: type,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    assert isinstance(result, rtype)
    sent = mocked.calls[0].request
    assert sent.method == verb and sent.url == BASE + path
    assert form_of(sent) == sorted(form)
    if isinstance(result, AdminAccount):
        assert isinstance(result.ips, NonPaginatableList) and result.email == "ann@example.org"


@pytest.mark.parametrize(("kwargs", "name"), [({"action": 3}, "action"), ({"text": b"x"}, "text")])
def test_moderation_refuses_what_cannot_be_sent(api: Mastodon, kwargs: dict[str, Any], name: str) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match=name):
            api.admin_account_moderate("7", **kwargs)
        assert not mock.calls


BLOCKS: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any]] = [
    (
        lambda a: a.admin_canonical_email_blocks(limit=2),
        "GET",
        "/api/v1/admin/canonical_email_blocks",
        [("limit", "2")],
        [],
        [],
    ),
    (
        lambda a: a.admin_canonical_email_block("9"),
        "GET",
        "/api/v1/admin/canonical_email_blocks/9",
        [],
        [],
        {"id": "9"},
    ),
    (
        lambda a: a.admin_test_canonical_email_block("a@b.example"),
        "POST",
        "/api/v1/admin/canonical_email_blocks/test",
        [],
        [("email", "a@b.example")],
        [],
    ),
    (
        lambda a: a.admin_create_canonical_email_block(email="a@b.example"),
        "POST",
        "/api/v1/admin/canonical_email_blocks",
        [],
        [("email", "a@b.example")],
        {"id": "9"},
    ),
    (
        lambda a: a.admin_delete_canonical_email_block({"id": "9"}),
        "DELETE",
        "/api/v1/admin/canonical_email_blocks/9",
        [],
        [],
        {"id": "9"},
    ),
    (lambda a: a.admin_domain_allows(), "GET", "/api/v1/admin/domain_allows", [], [], []),
    (lambda a: a.admin_domain_allow("9"), "GET", "/api/v1/admin/domain_allows/9", [], [], {"id": "9"}),
    (
        lambda a: a.admin_create_domain_allow("friends.example"),
        "POST",
        "/api/v1/admin/domain_allows",
        [],
        [("domain", "friends.example")],
        {"id": "9"},
    ),
    (lambda a: a.admin_delete_domain_allow("9"), "DELETE", "/api/v1/admin/domain_allows/9", [], [], {}),
    (
        lambda a: a.admin_email_domain_blocks(max_id="5"),
        "GET",
        "/api/v1/admin/email_domain_blocks",
        [("max_id", "5")],
        [],
        [],
    ),
    (lambda a: a.admin_email_domain_block("9"), "GET", "/api/v1/admin/email_domain_blocks/9", [], [], {"id": "9"}),
    (
        lambda a: a.admin_create_email_domain_block("spam.example"),
        "POST",
        "/api/v1/admin/email_domain_blocks",
        [],
        [("domain", "spam.example")],
        {"id": "9"},
    ),
    (lambda a: a.admin_delete_email_domain_block("9"), "DELETE", "/api/v1/admin/email_domain_blocks/9", [], [], {}),
    (lambda a: a.admin_ip_blocks(), "GET", "/api/v1/admin/ip_blocks", [], [], []),
    (lambda a: a.admin_ip_block("9"), "GET", "/api/v1/admin/ip_blocks/9", [], [], {"id": "9"}),
    (
        lambda a: a.admin_create_ip_block("192.0.2.0/24", "no_access", expires_in=60),
        "POST",
        "/api/v1/admin/ip_blocks",
        [],
        [("ip", "192.0.2.0/24"), ("severity", "no_access"), ("expires_in", "60")],
        {"id": "9"},
    ),
    (
        lambda a: a.admin_update_ip_block("9", comment="spam"),
        "PUT",
        "/api/v1/admin/ip_blocks/9",
        [],
        [("id", "9"), ("comment", "spam")],
        {"id": "9"},
    ),
    (lambda a: a.admin_delete_ip_block("9"), "DELETE", "/api/v1/admin/ip_blocks/9", [], [], {}),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "form", "answer"), BLOCKS)
def test_blocks(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    query: list[tuple[str, str]],
    form: list[tuple[str, str]],
    answer: Any,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    if isinstance(answer, list):
        assert isinstance(result, (PaginatableList, NonPaginatableList))
    elif answer:
        assert result.id == "9"
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)


def test_a_datetime_bound_is_sent_as_text(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/admin/ip_blocks", json=[])
    api.admin_ip_blocks(since_id=datetime(2024, 1, 2, tzinfo=UTC))
    assert query_of(mocked.calls[0].request) == [("since_id", "2024-01-02 00:00:00+00:00")]


TRENDS: list[tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], Any]] = [
    (
        lambda a: a.admin_trending_tags(limit=5),
        "GET",
        "/api/v1/admin/trends/tags",
        [("limit", "5")],
        [{"name": "python"}],
    ),
    (lambda a: a.admin_trending_statuses(), "GET", "/api/v1/admin/trends/statuses", [], [{"id": "9", "content": "hi"}]),
    (lambda a: a.admin_trending_links(), "GET", "/api/v1/admin/trends/links", [], [{"url": "https://a.example"}]),
    (
        lambda a: a.admin_approve_trending_tag({"id": "3", "name": "python"}),
        "POST",
        "/api/v1/admin/trends/tags/3/approve",
        [],
        {"id": "3"},
    ),
    (lambda a: a.admin_reject_trending_tag("3"), "POST", "/api/v1/admin/trends/tags/3/reject", [], {"id": "3"}),
    (
        lambda a: a.admin_approve_trending_status("9"),
        "POST",
        "/api/v1/admin/trends/statuses/9/approve",
        [],
        {"id": "9"},
    ),
    (
        lambda a: a.admin_reject_trending_status({"id": "9"}),
        "POST",
        "/api/v1/admin/trends/statuses/9/reject",
        [],
        {"id": "9"},
    ),
    (lambda a: a.admin_approve_trending_link("4"), "POST", "/api/v1/admin/trends/links/4/approve", [], {"id": "4"}),
    (lambda a: a.admin_reject_trending_link("4"), "POST", "/api/v1/admin/trends/links/4/reject", [], {"id": "4"}),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "answer"), TRENDS)
def test_trends_review(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    query: list[tuple[str, str]],
    answer: Any,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    expected = {"tags": Tag, "statuses": Status, "links": PreviewCard}[path.split("/")[5]]
    assert isinstance(result[0] if isinstance(answer, list) else result, expected)
    sent = mocked.calls[0].request
    assert sent.method == verb and query_of(sent) == query and not sent.body
