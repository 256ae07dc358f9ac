"""Request shapes and results of the report methods."""

from __future__ import annotations

from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.return_types import Report
from mastodon.types_base import NonPaginatableList
from tests.methods._helpers import form_pairs

BASE = "https://mastodon.example"
ACCOUNT = {"id": "42", "acct": "spammer", "created_at": "2023-01-02T03:04:05.000Z"}
REPORT = {"id": "7", "category": "spam", "comment": "ads", "target_account": ACCOUNT}


def test_reports_on_old_server(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/api/v1/reports", json=[REPORT])
    result = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="2.4.0").reports()
    assert isinstance(result, NonPaginatableList)
    assert isinstance(result[0], Report)


def test_reports_removed_in_2_5(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonVersionError, match=r"2\.5\.0"):
        api.reports()


def test_report_minimal(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/api/v1/reports/", json=REPORT, match=[form_pairs([("account_id", "42")])])
    result = api.report(ACCOUNT)
    assert isinstance(result, Report)
    assert result.id == "7"


def test_report_everything(api: Mastodon, mocked: responses.RequestsMock) -> None:
    expected = [
        ("account_id", "42"),
        ("status_ids[]", "100"),
        ("status_ids[]", "101"),
        ("comment", "breaks rules"),
        ("forward", "1"),
        ("category", "violation"),
        ("rule_ids[]", "1"),
        ("rule_ids[]", "3"),
        ("forward_to_domains[]", "remote.example"),
        ("collection_ids[]", "9"),
    ]
    mocked.post(f"{BASE}/api/v1/reports/", json=REPORT, match=[form_pairs(expected)])
    result = api.report(
        "42",
        status_ids=[{"id": "100"}, 101],
        comment="breaks rules",
        forward=True,
        category="violation",
        rule_ids=["1", 3],
        forward_to_domains=["remote.example"],
        collection_ids=["9"],
    )
    assert isinstance(result, Report)


def test_report_single_status_and_category(api: Mastodon, mocked: responses.RequestsMock) -> None:
    mocked.post(
        f"{BASE}/api/v1/reports/",
        json=REPORT,
        match=[form_pairs([("account_id", "42"), ("status_ids[]", "100"), ("category", "legal")])],
    )
    assert isinstance(api.report(42, status_ids="100", category="legal"), Report)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"category": "abuse"}, "category"),
        ({"status_ids": ["ok", None]}, "status_ids"),
        ({"rule_ids": [""]}, "rule_ids"),
        ({"forward_to_domains": [5]}, "forward_to_domains"),
        ({"comment": 5}, "comment"),
    ],
)
def test_report_rejects(api: Mastodon, mocked: responses.RequestsMock, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=message):
        api.report("42", **kwargs)


def test_report_needs_an_account(api: Mastodon, mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="account_id"):
        api.report(None)  # type: ignore[arg-type]
