"""The admin API, second part: account searches, reports, domain blocks, hashtags, publishers, measures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.return_types import (
    AdminAccount,
    AdminDimension,
    AdminDomainBlock,
    AdminMeasure,
    AdminReport,
    AdminRetention,
    NonPaginatableList,
    PaginatableList,
    Tag,
)
from mastodon.types_base import AttribAccessDict
from tests.conftest import BASE
from tests.methods._helpers import assert_sent, json_of

ACCOUNT = {"id": "7", "username": "ann", "created_at": "2024-01-02T03:04:05.000Z", "ips": [{"ip": "192.0.2.1"}]}
REPORT = {
    "id": "3",
    "action_taken": False,
    "category": "spam",
    "created_at": "2024-01-02T03:04:05.000Z",
    "account": {"id": "8", "username": "reporter", "ips": []},
    "target_account": ACCOUNT,
    "assigned_account": None,
    "statuses": [{"id": "11", "content": "buy now"}],
    "rules": [],
}
BLOCK = {"id": "4", "domain": "spam.example", "severity": "suspend", "created_at": "2024-01-02T03:04:05.000Z"}
START, END = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 8, tzinfo=UTC)
START_TEXT, END_TEXT = "2024-01-01T00:00:00+00:00", "2024-01-08T00:00:00+00:00"

Case = tuple[Callable[[Mastodon], Any], str, str, list[tuple[str, str]], list[tuple[str, str]], Any, type]

CASES: list[Case] = [
    # -- account searches ---------------------------------------------------------------------
    (
        lambda a: a.admin_accounts_v2(
            origin="remote", by_domain="https://far.example", status="silenced", permissions="staff", limit=5
        ),
        "GET",
        "/api/v2/admin/accounts",
        [
            ("origin", "remote"),
            ("by_domain", "far.example"),
            ("status", "silenced"),
            ("permissions", "staff"),
            ("limit", "5"),
        ],
        [],
        [ACCOUNT],
        AdminAccount,
    ),
    (
        lambda a: a.admin_accounts_v2(invited_by={"id": "9"}, role_ids=["1", {"id": "2"}], username="an"),
        "GET",
        "/api/v2/admin/accounts",
        [("username", "an"), ("invited_by", "9"), ("role_ids[]", "1"), ("role_ids[]", "2")],
        [],
        [ACCOUNT],
        AdminAccount,
    ),
    (
        lambda a: a.admin_accounts_v1(),
        "GET",
        "/api/v1/admin/accounts",
        [("active", "True")],
        [],
        [ACCOUNT],
        AdminAccount,
    ),
    (
        lambda a: a.admin_accounts_v1(remote=True, staff_only=True, status="pending", email="a@b.example"),
        "GET",
        "/api/v1/admin/accounts",
        [("email", "a@b.example"), ("remote", "True"), ("staff", "True"), ("pending", "True")],
        [],
        [ACCOUNT],
        AdminAccount,
    ),
    (
        lambda a: a.admin_accounts(by_domain="far.example", limit=5),
        "GET",
        "/api/v1/admin/accounts",
        [("by_domain", "far.example"), ("limit", "5"), ("active", "True")],
        [],
        [ACCOUNT],
        AdminAccount,
    ),
    # -- reports --------------------------------------------------------------------------------
    (lambda a: a.admin_reports(), "GET", "/api/v1/admin/reports", [], [], [REPORT], AdminReport),
    (
        lambda a: a.admin_reports(resolved=True, unresolved=True, account_id={"id": "8"}, target_account_id="7"),
        "GET",
        "/api/v1/admin/reports",
        [("resolved", "1"), ("account_id", "8"), ("target_account_id", "7"), ("unresolved", "1")],
        [],
        [REPORT],
        AdminReport,
    ),
    (
        lambda a: a.admin_reports(max_id=datetime(2024, 1, 2, tzinfo=UTC), limit=2),
        "GET",
        "/api/v1/admin/reports",
        [("max_id", "2024-01-02 00:00:00+00:00"), ("limit", "2")],
        [],
        [REPORT],
        AdminReport,
    ),
    (lambda a: a.admin_report("3"), "GET", "/api/v1/admin/reports/3", [], [], REPORT, AdminReport),
    (
        lambda a: a.admin_report_assign(REPORT),
        "POST",
        "/api/v1/admin/reports/3/assign_to_self",
        [],
        [],
        REPORT,
        AdminReport,
    ),
    (lambda a: a.admin_report_unassign("3"), "POST", "/api/v1/admin/reports/3/unassign", [], [], REPORT, AdminReport),
    (lambda a: a.admin_report_reopen("3"), "POST", "/api/v1/admin/reports/3/reopen", [], [], REPORT, AdminReport),
    (lambda a: a.admin_report_resolve("3"), "POST", "/api/v1/admin/reports/3/resolve", [], [], REPORT, AdminReport),
    (
        lambda a: a.admin_update_report("3", category="violation", rule_ids=["1", "2"]),
        "PUT",
        "/api/v1/admin/reports/3",
        [],
        [("category", "violation"), ("rule_ids[]", "1"), ("rule_ids[]", "2")],
        REPORT,
        AdminReport,
    ),
    # -- domain blocks --------------------------------------------------------------------------
    (
        lambda a: a.admin_domain_blocks(limit=5),
        "GET",
        "/api/v1/admin/domain_blocks/",
        [("limit", "5")],
        [],
        [BLOCK],
        AdminDomainBlock,
    ),
    (lambda a: a.admin_domain_blocks(id="4"), "GET", "/api/v1/admin/domain_blocks/4", [], [], BLOCK, AdminDomainBlock),
    (
        lambda a: a.admin_create_domain_block("spam.example", severity="silence", reject_media=True, obfuscate=False),
        "POST",
        "/api/v1/admin/domain_blocks/",
        [],
        [("domain", "spam.example"), ("severity", "silence"), ("reject_media", "1"), ("obfuscate", "0")],
        BLOCK,
        AdminDomainBlock,
    ),
    (
        lambda a: a.admin_update_domain_block(BLOCK, severity="noop", public_comment="spam"),
        "PUT",
        "/api/v1/admin/domain_blocks/4",
        [],
        [("severity", "noop"), ("public_comment", "spam")],
        BLOCK,
        AdminDomainBlock,
    ),
    (lambda a: a.admin_delete_domain_block("4"), "DELETE", "/api/v1/admin/domain_blocks/4", [], [], {}, type(None)),
    # -- hashtags and publishers (beyond Mastodon.py) -------------------------------------------
    (
        lambda a: a.admin_tags(limit=2),
        "GET",
        "/api/v1/admin/tags",
        [("limit", "2")],
        [],
        [{"id": "5", "name": "python", "trendable": True, "listable": True}],
        Tag,
    ),
    (lambda a: a.admin_tag({"id": "5"}), "GET", "/api/v1/admin/tags/5", [], [], {"id": "5", "name": "python"}, Tag),
    (
        lambda a: a.admin_update_tag("5", display_name="Python", trendable=False, listable=True),
        "PATCH",
        "/api/v1/admin/tags/5",
        [],
        [("display_name", "Python"), ("trendable", "0"), ("listable", "1")],
        {"id": "5", "name": "python", "trendable": False},
        Tag,
    ),
    (
        lambda a: a.admin_trending_link_publishers(),
        "GET",
        "/api/v1/admin/trends/links/publishers",
        [],
        [],
        [{"id": "6", "domain": "news.example", "trendable": False}],
        AttribAccessDict,
    ),
    (
        lambda a: a.admin_approve_trending_link_publisher("6"),
        "POST",
        "/api/v1/admin/trends/links/publishers/6/approve",
        [],
        [],
        {"id": "6", "domain": "news.example", "trendable": True},
        AttribAccessDict,
    ),
    (
        lambda a: a.admin_reject_trending_link_publisher({"id": "6"}),
        "POST",
        "/api/v1/admin/trends/links/publishers/6/reject",
        [],
        [],
        {"id": "6", "domain": "news.example", "trendable": False},
        AttribAccessDict,
    ),
    (
        lambda a: a.admin_retention(START, END, frequency="month"),
        "POST",
        "/api/v1/admin/retention",
        [],
        [("start_at", START_TEXT), ("end_at", END_TEXT), ("frequency", "month")],
        [{"period": "2024-01-01T00:00:00.000Z", "frequency": "month", "data": []}],
        AdminRetention,
    ),
]


@pytest.mark.parametrize(("call", "verb", "path", "query", "form", "answer", "rtype"), CASES)
def test_calls(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    verb: str,
    path: str,
    query: list[tuple[str, str]],
    form: list[tuple[str, str]],
    answer: Any,
    rtype: type,
) -> None:
    mocked.add(verb, BASE + path, json=answer)
    result = call(api)
    if isinstance(answer, list):
        assert isinstance(result, list) and len(result) == len(answer)
        result = result[0]
    assert isinstance(result, rtype)
    assert_sent(mocked.calls[0].request, verb, BASE + path, query, form)


def test_account_search_results_are_typed_and_page(mocked: responses.RequestsMock, api: Mastodon) -> None:
    link = f'<{BASE}/api/v2/admin/accounts?max_id=6>; rel="next"'
    mocked.get(BASE + "/api/v2/admin/accounts", json=[ACCOUNT], headers={"Link": link})
    page = api.admin_accounts_v2(origin="local")
    assert isinstance(page, NonPaginatableList)
    account = page[0]
    assert account.created_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert account["username"] == "ann" and account.ips[0].ip == "192.0.2.1"
    mocked.get(BASE + "/api/v2/admin/accounts", json=[])
    assert api.fetch_next(page) == []
    assert mocked.calls[1].request.url == BASE + "/api/v2/admin/accounts?origin=local&max_id=6"


def test_report_entities_nest(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/admin/reports/3", json=REPORT)
    report = api.admin_report("3")
    assert report.target_account.username == "ann"
    assert report.target_account.created_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert report.statuses[0].content == "buy now" and report.assigned_account is None


def test_measures_body(mocked: responses.RequestsMock, api: Mastodon) -> None:
    answer = [
        {
            "key": "active_users",
            "total": "12",
            "data": [{"date": "2024-01-01T00:00:00.000Z", "value": "3"}],
        }
    ]
    mocked.post(BASE + "/api/v1/admin/measures", json=answer)
    result = api.admin_measures(
        START,
        END,
        active_users=True,
        interactions=True,
        tag_uses={"id": "5", "name": "python"},
        instance_statuses="https://far.example/about",
    )
    assert isinstance(result[0], AdminMeasure) and result[0].data[0].value == 3
    assert json_of(mocked.calls[0].request) == {
        "keys": ["active_users", "interactions", "tag_uses", "instance_statuses"],
        "tag_uses": {"id": "5"},
        "instance_statuses": {"domain": "far.example"},
        "start_at": START_TEXT,
        "end_at": END_TEXT,
    }


def test_dimensions_body(mocked: responses.RequestsMock, api: Mastodon) -> None:
    answer = [{"key": "software_versions", "data": [{"key": "mastodon", "human_key": "Mastodon", "value": "4.5.0"}]}]
    mocked.post(BASE + "/api/v1/admin/dimensions", json=answer)
    result = api.admin_dimensions(START, END, limit=3, software_versions=True, instance_languages="far.example")
    assert isinstance(result[0], AdminDimension) and result[0].data[0].value == "4.5.0"
    assert json_of(mocked.calls[0].request) == {
        "keys": ["software_versions", "instance_languages"],
        "instance_languages": {"domain": "far.example"},
        "limit": 3,
        "start_at": START_TEXT,
        "end_at": END_TEXT,
    }


@pytest.mark.parametrize(
    ("start", "end", "start_text", "end_text"),
    [
        (date(2024, 1, 1), date(2024, 1, 8), START_TEXT, END_TEXT),
        (date(2024, 1, 1), date(2024, 1, 1), START_TEXT, START_TEXT),
        (
            datetime(2024, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=2))),
            datetime(2024, 1, 8, 12, 30, tzinfo=UTC),
            START_TEXT,
            "2024-01-08T12:30:00+00:00",
        ),
        (START, date(2024, 1, 8), START_TEXT, END_TEXT),
    ],
)
def test_periods_are_sent_in_utc(
    mocked: responses.RequestsMock, api: Mastodon, start: Any, end: Any, start_text: str, end_text: str
) -> None:
    mocked.post(BASE + "/api/v1/admin/retention", json=[])
    api.admin_retention(start, end)
    assert_sent(
        mocked.calls[0].request,
        "POST",
        BASE + "/api/v1/admin/retention",
        [],
        [("start_at", start_text), ("end_at", end_text), ("frequency", "day")],
    )


REFUSED: list[tuple[Callable[[Mastodon], Any], str]] = [
    (lambda a: a.admin_account_moderate("7", "ban"), "action"),
    (lambda a: a.admin_create_domain_block("spam.example", severity="block"), "severity"),
    (lambda a: a.admin_update_domain_block("4", severity="SUSPEND"), "severity"),
    (lambda a: a.admin_create_domain_block("https://spam.example"), "URL"),
    (lambda a: a.admin_create_domain_block(None), "domain"),  # type: ignore[arg-type]
    (lambda a: a.admin_update_domain_block(None), "id"),  # type: ignore[arg-type]
    (lambda a: a.admin_delete_domain_block(None), "id"),  # type: ignore[arg-type]
    (lambda a: a.admin_create_ip_block("192.0.2.0/24", "block"), "severity"),
    (lambda a: a.admin_update_ip_block("9", severity="sign_up"), "severity"),
    (lambda a: a.admin_accounts_v2(origin="everywhere"), "origin"),
    (lambda a: a.admin_accounts_v2(status="banned"), "status"),
    (lambda a: a.admin_accounts_v2(permissions="admin"), "permissions"),
    (lambda a: a.admin_accounts_v1(status="banned"), "status"),
    (lambda a: a.admin_accounts(status=None), "status"),  # type: ignore[arg-type]
    (lambda a: a.admin_measures(END, START, active_users=True), "after end_at"),
    (lambda a: a.admin_measures(START, END), "at least one measure"),
    (lambda a: a.admin_dimensions(START, END), "at least one dimension"),
    (lambda a: a.admin_dimensions(date(2024, 2, 1), date(2024, 1, 1), languages=True), "after end_at"),
    (lambda a: a.admin_retention(START, END, frequency="week"), "frequency"),
    (lambda a: a.admin_retention("2024-01-01", END), "start_at"),
    (lambda a: a.admin_retention(START, 1704067200), "end_at"),
]


@pytest.mark.parametrize(("call", "message"), REFUSED)
def test_refused_before_sending(api: Mastodon, call: Callable[[Mastodon], Any], message: str) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match=message):
            call(api)
        assert not mock.calls


def test_an_unknown_status_is_a_value_error_as_in_mastodon_py(api: Mastodon) -> None:
    with pytest.raises(ValueError, match="status"):
        api.admin_accounts_v1(status="banned")


@pytest.mark.parametrize("severity", ["noop", "silence", "suspend"])
def test_every_domain_block_severity_is_sent(mocked: responses.RequestsMock, api: Mastodon, severity: str) -> None:
    mocked.post(BASE + "/api/v1/admin/domain_blocks/", json=BLOCK)
    api.admin_create_domain_block("spam.example", severity=severity)
    assert_sent(
        mocked.calls[0].request,
        "POST",
        BASE + "/api/v1/admin/domain_blocks/",
        [],
        [("domain", "spam.example"), ("severity", severity)],
    )


@pytest.mark.parametrize("action", ["disable", "sensitive", "silence", "suspend", "none"])
def test_every_moderation_action_is_sent(mocked: responses.RequestsMock, api: Mastodon, action: str) -> None:
    mocked.post(BASE + "/api/v1/admin/accounts/7/action", json={})
    api.admin_account_moderate("7", action, send_email_notification=False)
    assert_sent(mocked.calls[0].request, "POST", BASE + "/api/v1/admin/accounts/7/action", [], [("type", action)])


def test_a_token_without_the_role_gets_a_clean_403(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/admin/reports", status=403, json={"error": "This action is not allowed"})
    with pytest.raises(MastodonAPIError) as caught:
        api.admin_reports()
    assert caught.value.status_code == 403 and caught.value.error == "This action is not allowed"


def test_empty_lists_come_back_typed(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/admin/reports", json=[])
    assert isinstance(api.admin_reports(), PaginatableList)
