"""Request shapes and results of the notification methods."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods.notifications import NOTIFICATION_TYPES
from mastodon.return_types import Account, Notification, Status
from mastodon.types_base import PaginatableList
from tests.methods._helpers import form_pairs, query_is

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "acct": "alice", "created_at": "2023-01-02T03:04:05.000Z"}
STATUS = {"id": "100", "created_at": "2024-05-06T07:08:09.000Z", "account": ACCOUNT}
MENTION = {
    "id": "5",
    "type": "mention",
    "created_at": "2024-05-06T07:08:10.000Z",
    "account": ACCOUNT,
    "status": STATUS,
}


def client(version: str, feature_set: str = "mainline") -> Mastodon:
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version=version, feature_set=feature_set)


def no_body(request: Any) -> tuple[bool, str]:
    return (not request.body), f"unexpected body {request.body!r}"


def test_notifications_page(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/notifications", json=[MENTION], match=[matchers.query_param_matcher({})])
    page = api.notifications()
    assert isinstance(page, PaginatableList)
    assert isinstance(page[0], Notification)
    assert isinstance(page[0].status, Status)
    assert isinstance(page[0].status.account, Account)
    assert page[0].type == "mention"


def test_notifications_filters(api: Mastodon, mocked: responses.RequestsMock) -> None:
    moment = datetime(2024, 2, 3, tzinfo=UTC)
    expected = {
        "account_id": "42",
        "max_id": "50",
        "min_id": str((int(moment.timestamp()) << 16) * 1000),
        "since_id": "3",
        "limit": "30",
        "exclude_types[]": ["follow", "admin.sign_up"],
        "types[]": ["mention", "quote"],
        "supported_types[]": "quoted_update",
        "include_filtered": "1",
    }
    mocked.get(f"{BASE}/api/v1/notifications", json=[], match=[matchers.query_param_matcher(expected)])
    page = api.notifications(
        account_id=ACCOUNT,
        max_id={"id": "50"},
        min_id=moment,
        since_id=3,
        limit=30,
        exclude_types=["follow", "admin.sign_up"],
        types=["mention", "quote"],
        supported_types=["quoted_update"],
        include_filtered=True,
    )
    assert page == []


def test_single_notification(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/notifications/5", json=MENTION, match=[matchers.query_param_matcher({})])
    result = api.notifications(id={"id": "5"})
    assert isinstance(result, Notification)
    assert result.id == "5"


def test_single_notification_with_supported_types(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications/5",
        json=MENTION,
        match=[matchers.query_param_matcher({"supported_types[]": ["quote", "quoted_update"]})],
    )
    assert isinstance(api.notifications(5, supported_types=["quote", "quoted_update"]), Notification)


def test_mentions_only_uses_types_on_new_servers(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[MENTION],
        match=[matchers.query_param_matcher({"types[]": "mention"})],
    )
    assert api.notifications(mentions_only=True)[0].type == "mention"


def test_mentions_only_excludes_types_on_old_servers(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[],
        match=[
            matchers.query_param_matcher(
                {"exclude_types[]": ["follow", "favourite", "reblog", "poll", "follow_request"]}
            )
        ],
    )
    assert client("3.4.0").notifications(mentions_only=True) == []


def test_mentions_only_false_filters_nothing(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/notifications", json=[], match=[matchers.query_param_matcher({})])
    assert api.notifications(mentions_only=False) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"mentions_only": True, "types": ["mention"]},
        {"mentions_only": False, "exclude_types": ["follow"]},
        {"types": [None]},
        {"types": 5},
        {"account_id": ""},
    ],
)
def test_notifications_rejects_bad_input(api: Mastodon, mocked: responses.RequestsMock, kwargs: dict[str, Any]) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.notifications(**kwargs)


def test_unknown_type_goes_to_the_server(api: Mastodon, mocked: responses.RequestsMock) -> None:
    # Servers have types of their own; the server decides which names it knows.
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[],
        match=[query_is(("exclude_types[]", "favorite"), ("types[]", "pleroma:emoji_reaction"))],
    )
    assert api.notifications(exclude_types=["favorite"], types=["pleroma:emoji_reaction"]) == []


def test_single_type_string_is_accepted(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[],
        match=[matchers.query_param_matcher({"types[]": "follow"})],
    )
    assert api.notifications(types="follow") == []


def test_every_known_type_passes(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[],
        match=[matchers.query_param_matcher({"types[]": list(NOTIFICATION_TYPES)})],
    )
    assert api.notifications(types=list(NOTIFICATION_TYPES)) == []


def test_other_server_flavours_keep_their_own_types(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/api/v1/notifications",
        json=[],
        match=[matchers.query_param_matcher({"types[]": ["pleroma:emoji_reaction", "move"]})],
    )
    assert client("2.7.2", feature_set="pleroma").notifications(types=["pleroma:emoji_reaction", "move"]) == []


def test_notifications_clear(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/notifications/clear", json={}, match=[no_body])
    assert api.notifications_clear() is None


def test_notifications_dismiss_new_route(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/notifications/5/dismiss", json={}, match=[no_body])
    assert api.notifications_dismiss(MENTION) is None


def test_notifications_dismiss_since_2_9_2(mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/notifications/5/dismiss", body="")
    assert client("2.9.2").notifications_dismiss("5") is None


def test_notifications_dismiss_old_route(mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/notifications/dismiss", json={}, match=[form_pairs([("id", "5")])])
    assert client("2.9.1").notifications_dismiss(5) is None


@pytest.mark.parametrize("bad", [None, "", "5/dismiss", {"type": "mention"}])
def test_notifications_dismiss_rejects(api: Mastodon, mocked: responses.RequestsMock, bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        api.notifications_dismiss(bad)
