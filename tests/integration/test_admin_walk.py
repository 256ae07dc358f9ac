"""The admin API end to end against the local mock, with a moderator's token: reports, domain
blocks, account moderation, IP blocks, canonical e-mail blocks and the dashboard's measures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonNotFoundError
from mastodon.return_types import (
    AdminAccount,
    AdminCanonicalEmailBlock,
    AdminDimension,
    AdminDomainBlock,
    AdminIpBlock,
    AdminMeasure,
    AdminReport,
)

from ._mockserver import SEED_ACCOUNTS, MockServer

MODERATOR = "mod"
MODERATOR_TOKEN = "it-mod-token-0003"  # a mock credential, not a secret


@pytest.fixture(scope="module")
def admin_server(mock_server_factory: Callable[..., MockServer]) -> MockServer:
    """A server with alice and bob as users and ``mod`` seeded with the moderator role."""
    accounts = {**SEED_ACCOUNTS, MODERATOR: MODERATOR_TOKEN}
    return mock_server_factory("mock-admin", accounts=accounts, roles={MODERATOR: "moderator"})


@pytest.fixture
def server(admin_server: MockServer) -> Iterator[MockServer]:
    admin_server.reset()
    yield admin_server
    admin_server.clear_faults()


def _client(server: MockServer, username: str) -> Mastodon:
    return Mastodon(access_token=server.tokens[username], api_base_url=server.base_url)


@pytest.fixture
def staff(server: MockServer) -> Mastodon:
    return _client(server, MODERATOR)


@pytest.fixture
def alice(server: MockServer) -> Mastodon:
    return _client(server, "alice")


def test_the_moderator_has_a_staff_role(staff: Mastodon) -> None:
    me = staff.account_verify_credentials()
    assert me.role is not None and me.role.name == "Moderator"
    staff_accounts = staff.admin_accounts_v2(permissions="staff")
    assert [a.username for a in staff_accounts] == [MODERATOR]


def test_report_assign_resolve_reopen(server: MockServer, staff: Mastodon, alice: Mastodon) -> None:
    bob = _client(server, "bob")
    post = bob.status_post("buy cheap watches")
    filed = alice.report(alice.account_lookup("bob"), status_ids=[post], comment="spam", category="spam")

    queue = staff.admin_reports()
    report = next(r for r in queue if r.id == filed.id)
    assert isinstance(report, AdminReport)
    assert report.target_account.username == "bob" and report.account.username == "alice"
    assert [s.id for s in report.statuses] == [post.id] and report.comment == "spam"
    assert report.action_taken is False and report.assigned_account is None

    assigned = staff.admin_report_assign(report)
    assert assigned.assigned_account is not None and assigned.assigned_account.username == MODERATOR

    resolved = staff.admin_report_resolve(report)
    assert resolved.action_taken is True and isinstance(resolved.action_taken_at, datetime)
    assert resolved.action_taken_by_account is not None
    assert resolved.action_taken_by_account.username == MODERATOR
    assert filed.id not in [r.id for r in staff.admin_reports()]
    assert filed.id in [r.id for r in staff.admin_reports(resolved=True)]

    reopened = staff.admin_report_reopen(report)
    assert reopened.action_taken is False and reopened.action_taken_at is None
    assert filed.id in [r.id for r in staff.admin_reports(target_account_id=report.target_account)]
    assert staff.admin_report_unassign(report).assigned_account is None
    assert staff.admin_report(report.id).id == filed.id


def test_domain_block_create_list_update_delete(staff: Mastodon) -> None:
    block = staff.admin_create_domain_block(
        "spam.example", severity="silence", reject_media=True, private_comment="bot farm"
    )
    assert isinstance(block, AdminDomainBlock)
    assert (block.domain, block.severity, block.reject_media, block.private_comment) == (
        "spam.example",
        "silence",
        True,
        "bot farm",
    )
    listed = staff.admin_domain_blocks()
    assert [b.id for b in listed] == [block.id]
    assert staff.admin_domain_blocks(id=block).domain == "spam.example"

    updated = staff.admin_update_domain_block(block, severity="suspend", obfuscate=True)
    assert (updated.severity, updated.obfuscate, updated.reject_media) == ("suspend", True, True)

    staff.admin_delete_domain_block(block)
    assert list(staff.admin_domain_blocks()) == []
    with pytest.raises(MastodonNotFoundError):
        staff.admin_domain_blocks(id=block.id)


def test_account_moderation_round_trip(staff: Mastodon, alice: Mastodon) -> None:
    bob = alice.account_lookup("bob")

    staff.admin_account_moderate(bob, "silence", text="please calm down")
    silenced = staff.admin_account(bob)
    assert isinstance(silenced, AdminAccount) and silenced.silenced is True
    assert [a.username for a in staff.admin_accounts_v2(status="silenced")] == ["bob"]
    assert [a.username for a in staff.admin_accounts(status="silenced")] == ["bob"]
    assert staff.admin_account_unsilence(bob).silenced is False
    assert "bob" in [a.username for a in staff.admin_accounts_v1()]

    staff.admin_account_moderate(bob, "suspend", send_email_notification=False)
    assert staff.admin_account(bob).suspended is True
    assert [a.username for a in staff.admin_accounts_v2(status="suspended")] == ["bob"]
    unsuspended = staff.admin_account_unsuspend(bob)
    assert unsuspended.suspended is False
    assert "bob" in [a.username for a in staff.admin_accounts_v2(status="active")]


def test_ip_block_with_expiry(staff: Mastodon) -> None:
    before = datetime.now(UTC)
    block = staff.admin_create_ip_block(
        "192.0.2.0/24", "sign_up_requires_approval", comment="spam wave", expires_in=3600
    )
    assert isinstance(block, AdminIpBlock) and block.severity == "sign_up_requires_approval"
    assert block.expires_at is not None
    assert before + timedelta(minutes=59) <= block.expires_at <= before + timedelta(minutes=61)
    assert [b.id for b in staff.admin_ip_blocks()] == [block.id]

    changed = staff.admin_update_ip_block(block, severity="no_access")
    assert changed.severity == "no_access" and changed.comment == "spam wave"
    staff.admin_delete_ip_block(block)
    assert list(staff.admin_ip_blocks()) == []


def test_canonical_email_block_test(staff: Mastodon) -> None:
    block = staff.admin_create_canonical_email_block(email="Spam.Bot+shop@example.org")
    assert isinstance(block, AdminCanonicalEmailBlock)
    # The same address in another spelling is caught; another address is not.
    caught = staff.admin_test_canonical_email_block("spambot@example.org")
    assert [b.id for b in caught] == [block.id]
    assert list(staff.admin_test_canonical_email_block("someone@example.org")) == []
    staff.admin_delete_canonical_email_block(block)
    assert list(staff.admin_test_canonical_email_block("spambot@example.org")) == []


def test_measures_over_a_date_range(server: MockServer, staff: Mastodon) -> None:
    mark = server.log_mark()
    measures = staff.admin_measures(
        date(2024, 1, 1), date(2024, 1, 31), active_users=True, new_users=True, instance_statuses="far.example"
    )
    assert [m.key for m in measures] == ["active_users", "new_users", "instance_statuses"]
    assert all(isinstance(m, AdminMeasure) for m in measures)
    dimensions = staff.admin_dimensions(datetime(2024, 1, 1, tzinfo=UTC), date(2024, 1, 31), languages=True)
    assert [d.key for d in dimensions] == ["languages"] and isinstance(dimensions[0], AdminDimension)
    assert list(staff.admin_retention(date(2024, 1, 1), date(2024, 3, 31), frequency="month")) == []
    sent = [(r.method, r.path, r.status) for r in server.requests_since(mark)]
    assert sent == [
        ("POST", "/api/v1/admin/measures", 200),
        ("POST", "/api/v1/admin/dimensions", 200),
        ("POST", "/api/v1/admin/retention", 200),
    ]


def test_a_token_without_the_role_gets_a_clean_403(server: MockServer, alice: Mastodon) -> None:
    # mastodon-mock 0.6.1 lets any token use the admin API; the refusal a Mastodon server gives a
    # user without a staff role (403 and this body) is played by a fault rule.
    server.add_fault("GET", "/api/v1/admin/reports", status=403, body={"error": "This action is not allowed"})
    with pytest.raises(MastodonAPIError) as caught:
        alice.admin_reports()
    assert caught.value.status_code == 403 and caught.value.error == "This action is not allowed"
    # The client is unharmed: the next call goes through.
    assert list(alice.admin_reports()) == []
