"""The admin API, accounts: what each call sends and returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import AdminAccount, NonPaginatableList
from tests.conftest import BASE
from tests.methods._helpers import form_of

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
