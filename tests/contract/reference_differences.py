# ruff: noqa: E501
"""Where this project and the recording of Mastodon.py 2.3.3 part ways, in three tables.

* ``MISSING``: reference methods this project does not offer yet. The contract test fails when a
  listed method exists (take it off the list) or an unlisted one is missing.
* ``DELIBERATE``: differences kept on purpose, each with its reason. They are applied to the
  recording before comparing, and listed in docs/migrating.rst.
* ``OPEN``: rows of the recording whose replay differs today and that are still to be fixed,
  keyed by row id, with what differs. The contract test fails when a listed row matches (take
  it off the table) or an unlisted row differs.

``python tests/contract/test_reference_contract.py`` prints the current differences per row;
with ``--update`` it rewrites ``MISSING`` and ``OPEN`` from what is true today. After methods
land or differences are fixed: run it with ``--update``, read the diff (a row that appears in
``OPEN`` is a new difference, not something to file away), then ``python
codegen/coverage_page.py``, which rewrites docs/coverage.rst and the method count in README.rst,
docs/index.rst and docs/migrating.rst.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import Any

# A deliberate difference rewrites what the reference sent into what this project sends.
DELIBERATE: list[dict[str, Any]] = [
    {
        "what": "No trailing slash on /api/v1/instance and /api/v2/instance",
        "reason": "Servers other than Mastodon answer only the form without the slash.",
        "paths": {"/api/v1/instance/": "/api/v1/instance", "/api/v2/instance/": "/api/v2/instance"},
    },
]


# Error classes this project adds below the reference's: the contract reads each as its parent.
ERROR_SUBCLASSES: dict[str, dict[str, str]] = {
    "MastodonUnprocessableEntityError": {
        "parent": "MastodonAPIError",
        "what": "A 422 answer raises MastodonUnprocessableEntityError, a subclass of MastodonAPIError",
        "reason": "Code can catch the server's refusal of what a request holds apart from other API "
        "errors; code catching MastodonAPIError, as written for the reference, catches it as before.",
    },
}


# -- rows where this project answers differently on purpose -----------------------------------
#
# Each entry says what differs, why, and what this project does instead: ``requests`` (a list,
# or a function rewriting the reference's list), ``error`` (the class raised, ``None`` for none)
# and ``value``. Whatever an entry does not name is compared with the reference as usual.

_BOUNDS = ("max_id", "min_id", "since_id")
_INSTANCE_PATHS = ("/api/v1/instance", "/api/v2/instance")


def _snowflake(text: str) -> str:
    """The ID a paging bound given as a datetime becomes: milliseconds since 1970, shifted by 16."""
    moment = datetime.datetime.fromisoformat(text)
    return str(int(moment.timestamp() * 1000) << 16)


def _bounds_as_snowflakes(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for request in requests:
        request["query"] = [[k, _snowflake(v) if k in _BOUNDS else v] for k, v in request["query"]]
    return requests


def _without(field: str) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    def rewrite(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for request in requests:
            for part in ("query", "form"):
                if part in request:
                    request[part] = [pair for pair in request[part] if pair[0] != field]
        return requests

    return rewrite


def _entity_as_id(field: str, entity_id: str) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    def rewrite(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for request in requests:
            query = request["query"]
            first = next(i for i, pair in enumerate(query) if pair[0] == field)
            rest = [pair for pair in query[first:] if pair[0] != field]
            request["query"] = [*query[:first], [field, entity_id], *rest]
        return requests

    return rewrite


def _instance_documents_once(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for request in requests:
        path = request["path"].rstrip("/")
        if request["verb"] == "GET" and path in _INSTANCE_PATHS:
            if path in seen:
                continue
            seen.add(path)
        out.append(request)
    return out


def _unset_options_left_out(url: str) -> str:
    for unset in ("&force_login=False", "&state=None", "&lang=None"):
        url = url.replace(unset, "")
    return url


_DATETIME_BOUNDS = {
    "what": "A datetime as max_id, min_id or since_id of mutes, blocks, follow_requests and domain_blocks is sent as a snowflake ID",
    "reason": "The reference sends the datetime's text there, which no server reads as a bound; "
    "every other paged method sends the ID the datetime stands for, and so do these.",
    "requests": _bounds_as_snowflakes,
}
_SEARCH_ACCOUNT = {
    "what": "search with an account entity as account_id sends the account's ID",
    "reason": "The reference sends the names of the entity's fields as account_id values.",
    "requests": _entity_as_id("account_id", "109"),
}
_QUOTE_POLICIES = {
    "what": "status_post, status_reply and status_update with quote_approval_policy send no valid_policies[] fields",
    "reason": "The reference also sends its own list of allowed policies, which the server does not read.",
    "requests": _without("valid_policies[]"),
}


def _with(field: str, value: str) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    def rewrite(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for request in requests:
            request["form"] = [*request["form"], [field, value]]
        return requests

    return rewrite


def _renamed_field(old: str, new: str) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    def rewrite(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for request in requests:
            request["form"] = [[new if key == old else key, value] for key, value in request["form"]]
        return requests

    return rewrite


_REQUEST_IDS = {
    "what": "accept_multiple_notification_requests and dismiss_multiple_notification_requests send the IDs as id[]",
    "reason": "The reference sends them as id[][], which the server reads as a list of lists, not as the "
    "list of request IDs it expects.",
    "requests": _renamed_field("id[][]", "id[]"),
}
_GROUPED_ACCOUNT = {
    "what": "grouped_notifications and unread_grouped_notifications_count with an account entity as "
    "account_id send the account's ID",
    "reason": "The reference sends the names of the entity's fields as account_id values.",
    "requests": _entity_as_id("account_id", "109"),
}
_OLD_TRENDS = {
    "what": "trends works on servers before 3.5.0, through /api/v1/trends",
    "reason": "Mastodon.py marks trends as available from 2.4.3 but calls the version-checked "
    "trending_tags, so a checking client refuses it before 3.5.0; trending_tags itself asks older "
    "servers at /api/v1/trends, and so does trends here.",
    "requests": [{"path": "/api/v1/trends", "query": [], "verb": "GET"}],
    "error": None,
}
_PUSH_STANDARD = {
    "what": "push_subscription_set sends standard as subscription[standard]",
    "reason": "The reference takes standard=True but never sends it, so the server keeps encrypting "
    "with the older aesgcm draft the caller asked to leave.",
}
_AUTH_URL = {
    "what": "auth_request_url leaves out the options not given",
    "reason": "The reference writes force_login=False, state=None and lang=None into the URL; "
    "a server could read the text None as a state or a language.",
    "value": _unset_options_left_out,
}
_STREAM_INSTANCE = {
    "what": "Streaming calls ask for each instance document at most once",
    "reason": "The reference fetches the instance documents again for each stream; this client reuses the ones it has.",
    "requests": _instance_documents_once,
}

_KNOWN_SEVERITY = {
    "what": "admin_create_domain_block, admin_update_domain_block and admin_update_ip_block refuse a severity no server knows",
    "reason": "A domain block is noop, silence or suspend and an IP block sign_up_requires_approval, "
    "sign_up_block or no_access; every server answers anything else with 422, so the mistake is "
    "named before a moderation request goes out, as for admin_create_ip_block and the moderation action.",
    "error": "MastodonIllegalArgumentError",
    "requests": [],
}
_LIMIT_KEPT = {
    "what": "admin_accounts and admin_domain_blocks send the limit they are given",
    "reason": "The reference drops it, so a caller asking for 5 gets the server's default page of 100.",
}


def _query_first(field: str, value: str) -> Callable[[list[dict[str, Any]]], list[dict[str, Any]]]:
    def rewrite(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for request in requests:
            request["query"] = [[field, value], *request["query"]]
        return requests

    return rewrite


DELIBERATE_ROWS: dict[str, dict[str, Any]] = {
    "admin_create_domain_block:severity": _KNOWN_SEVERITY,
    "admin_update_domain_block:severity": _KNOWN_SEVERITY,
    "admin_update_ip_block:severity": _KNOWN_SEVERITY,
    "admin_accounts:limit": {**_LIMIT_KEPT, "requests": _query_first("limit", "5")},
    "admin_domain_blocks:limit": {**_LIMIT_KEPT, "requests": _query_first("limit", "5")},
    "trends:old-server": _OLD_TRENDS,
    "accept_multiple_notification_requests": _REQUEST_IDS,
    "dismiss_multiple_notification_requests": _REQUEST_IDS,
    "grouped_notifications:account_id=entity": _GROUPED_ACCOUNT,
    "unread_grouped_notifications_count:account_id=entity": _GROUPED_ACCOUNT,
    "push_subscription_set:standard": {**_PUSH_STANDARD, "requests": _with("subscription[standard]", "1")},
    "push_subscription_set:standard=false": {**_PUSH_STANDARD, "requests": _with("subscription[standard]", "0")},
    "create_app:error": {
        "what": "create_app raises MastodonAPIError for an error answer",
        "reason": "The reference fails with a bare KeyError reading the missing client_id; "
        "errors from the server are mapped to the error classes everywhere else.",
        "error": "MastodonAPIError",
    },
    **{
        f"{method}:{bound}=datetime": _DATETIME_BOUNDS
        for method in ("mutes", "blocks", "follow_requests", "domain_blocks")
        for bound in _BOUNDS
    },
    "search:account_id=entity": _SEARCH_ACCOUNT,
    "search_v2:account_id=entity": _SEARCH_ACCOUNT,
    **{
        f"{method}:quote_approval_policy={policy}": _QUOTE_POLICIES
        for method in ("status_post", "status_reply", "status_update")
        for policy in ("public", "followers", "nobody")
    },
    "report:category=legal": {
        "what": "report accepts the category legal",
        "reason": "Mastodon 4.4 and later accept it; the reference refuses it before sending.",
        "error": None,
        "requests": [
            {
                "verb": "POST",
                "path": "/api/v1/reports/",
                "query": [],
                "form": [["account_id", "7"], ["category", "legal"]],
            }
        ],
    },
    "follows": {
        "what": "follows follows only an account whose address matches and raises MastodonNotFoundError otherwise",
        "reason": "The reference follows the first search result, whoever it is.",
        "error": "MastodonNotFoundError",
        "requests": lambda requests: requests[:1],
    },
    **{
        row: _AUTH_URL
        for row in (
            "auth_request_url",
            "auth_request_url:redirect_uris",
            "auth_request_url:scopes",
            "auth_request_url:force_login",
            "auth_request_url:state",
            "auth_request_url:lang",
            "auth_request_url:server-info",
            "auth_request_url:server-info-state",
        )
    },
    "log_in:server-info": {
        "what": "log_in sends no oauth_info fields",
        "reason": "After discovering the server's OAuth description, the reference sends the names "
        "of its fields as oauth_info values in the token request.",
        "requests": _without("oauth_info"),
    },
    "create_account:date_of_birth": {
        "what": "create_account accepts a date as date_of_birth",
        "reason": "The reference takes only a datetime; a date of birth is a date, and a datetime "
        "still works. Text is refused by both.",
        "error": None,
        "requests": [
            {
                "verb": "POST",
                "path": "/oauth/token",
                "query": [],
                "form": [
                    ["scope", "read write follow push"],
                    ["client_id", "cid"],
                    ["client_secret", "csecret"],
                    ["grant_type", "client_credentials"],
                ],
            },
            {
                "verb": "POST",
                "path": "/api/v1/accounts",
                "query": [],
                "form": [
                    ["username", "alice"],
                    ["password", "correct horse"],
                    ["email", "someone@example.net"],
                    ["locale", "en"],
                    ["return_detailed_error", "0"],
                    ["date_of_birth", "2000-01-31"],
                    ["client_id", "cid"],
                    ["client_secret", "csecret"],
                ],
            },
        ],
    },
    **{
        row: _STREAM_INSTANCE
        for row in (
            "stream_user",
            "stream_user_notifications",
            "stream_public",
            "stream_local",
            "stream_hashtag",
            "stream_list",
            "stream_list:id=entity",
            "stream_direct",
            "stream_healthy",
        )
    },
    "stream_open_websocket": {
        "what": "stream_open_websocket reads the streaming address from the v2 instance document and "
        "connects when the first stream is named",
        "reason": "The reference also asks for the v1 document, deprecated since Mastodon 4.0, "
        "when the v2 document it has already names the address. It also connects at once without "
        "naming a stream, which servers that need the stream in the address refuse; here the "
        "connection is made by the first subscription (or at once with stream=), naming that stream, "
        "so opening without a stream raises nothing.",
        "requests": [{"verb": "GET", "path": "/api/v2/instance/", "query": []}],
        "error": None,
    },
    "get_supported_version": {
        "what": "get_supported_version gives the Mastodon version this client is checked against",
        "reason": "The reference names its own, 4.7.3.",
        "value": "4.6.0",
    },
}


# Values this project reads differently on purpose: in the listed rows, each path's class is
# [reference's, ours] instead of the same.
DELIBERATE_VALUES: list[dict[str, Any]] = [
    {
        "what": "A value that does not fit its field's declared type is kept as the server sent it",
        "reason": "Mastodon.py replaces a number, date or boolean field it cannot read by None, "
        "losing what the server sent; here the value is kept as sent (dates, IDs and entities that do "
        "not fit are logged once), and number fields are not checked value by value, which keeps "
        "conversion fast. A server sending what the field declares (a year or null for wrapstodon) "
        "reads the same.",
        "rows": ["instance", "instance_v2"],
        "paths": {"$.wrapstodon": ["None", "str"]},
    },
    {
        # The same difference, for a number where the field declares text: kept as the number sent.
        "what": "A value that does not fit its field's declared type is kept as the server sent it",
        "reason": "Mastodon.py turns the number into text; here the value is kept as sent.",
        "rows": ["featured_tag_create"],
        "paths": {"$.statuses_count": ["str", "int"]},
    },
    {
        "what": "A value that does not fit its field's declared type is kept as the server sent it",
        "reason": "As above, in lists of featured hashtags.",
        "rows": ["featured_tags", "featured_tag_suggestions"],
        "paths": {"$[0].statuses_count": ["str", "int"]},
    },
    {
        "what": "The alerts of a push subscription read admin.sign_up, admin.report and update as attributes",
        "reason": "Mastodon.py declares admin_sign_up and admin_report but reads them from keys the "
        "server never sends, so they are always None, and offers no attribute for update (a dict "
        "method's name). Here admin_sign_up, admin_report and update_ read the server's admin.sign_up, "
        "admin.report and update keys; the keys themselves read the same in both.",
        "methods": ["push_subscription", "push_subscription_set", "push_subscription_update"],
        "rows": [],
        "paths": {
            "$.alerts.admin_report": ["None", "bool"],
            "$.alerts.admin_sign_up": ["None", "bool"],
            "$.alerts.update_": ["absent", "bool"],
        },
    },
]


_ADMIN_ACCOUNT_CLASSES = {
    "$": ["list", "PaginatableList"],
    "$[0]": ["dict", "AdminAccount"],
    "$[0].account": ["dict", "Account"],
    "$[0].account.created_at": ["str", "datetime"],
    "$[0].account.emojis": ["list", "NonPaginatableList"],
    "$[0].account.feature_approval": ["dict", "FeatureApproval"],
    "$[0].account.fields": ["list", "NonPaginatableList"],
    "$[0].account.last_status_at": ["str", "datetime"],
    "$[0].account.moved": ["dict", "Account"],
    "$[0].account.mute_expires_at": ["str", "datetime"],
    "$[0].account.role": ["dict", "Role"],
    "$[0].account.roles": ["list", "NonPaginatableList"],
    "$[0].account.source": ["dict", "CredentialAccountSource"],
    "$[0].account.state": ["dict", "CredentialAccountState"],
    "$[0].created_at": ["str", "datetime"],
    "$[0].ips": ["list", "NonPaginatableList"],
    "$[0].ips[0]": ["dict", "AdminIp"],
    "$[0].role": ["dict", "Role"],
}
DELIBERATE_VALUES.extend(
    [
        {
            "what": "admin_accounts and admin_accounts_v1 return AdminAccount entities, dates read",
            "reason": "Mastodon.py declares a single AdminAccount for admin_accounts_v1 and so cannot type the "
            "list the server sends: it returns plain dicts with dates as text. Here the list holds "
            "AdminAccount entities as declared for admin_accounts_v2; they are dicts too, so key access "
            "reads the same, except that dates are datetime objects.",
            "methods": ["admin_accounts", "admin_accounts_v1"],
            "rows": [],
            "paths": _ADMIN_ACCOUNT_CLASSES,
        },
        {
            "what": "A list field an entity does not declare is a plain list",
            "reason": "A report's account is declared an Account, which has no ips field; the server sends the "
            "moderators' view with one. Mastodon.py wraps such a list in NonPaginatableList; here it is "
            "kept as the list decoded (the same items, a list all the same), which keeps conversion fast.",
            "methods": [
                "admin_reports",
                "admin_report",
                "admin_report_assign",
                "admin_report_unassign",
                "admin_report_reopen",
                "admin_report_resolve",
            ],
            "rows": [],
            "paths": {
                f"{root}.{side}.ips": ["NonPaginatableList", "list"]
                for root in ("$", "$[0]")
                for side in ("account", "target_account")
            },
        },
        {
            "what": "A value that does not fit its field's declared type is kept as the server sent it",
            "reason": "As above, for the value of a dimension, which is text for some keys (software versions).",
            "methods": ["admin_dimensions"],
            "rows": [],
            "paths": {"$[0].data[0].value": ["None", "str"]},
        },
    ]
)


def apply_deliberate_row(row_id: str, reference: dict[str, Any]) -> dict[str, Any]:
    """The reference's record of a row rewritten into what this project does there on purpose."""
    entry = DELIBERATE_ROWS.get(row_id)
    if entry is None:
        return reference
    out = copy.deepcopy(reference)
    if "requests" in entry:
        rewrite = entry["requests"]
        out["requests"] = rewrite(out["requests"]) if callable(rewrite) else copy.deepcopy(rewrite)
    if "error" in entry:
        out.pop("error", None)
        out.pop("result", None)  # the side that raised recorded no result to compare
        if entry["error"] is not None:
            out["error"] = {"class": entry["error"]}
    if "value" in entry:
        value = entry["value"]
        out["value"] = value(out.get("value")) if callable(value) else value
    return out


def apply_deliberate(request: dict[str, Any]) -> dict[str, Any]:
    """The reference's request as this project sends it on purpose."""
    out = dict(request)
    for difference in DELIBERATE:
        out["path"] = difference["paths"].get(out["path"], out["path"])
    return out


MISSING: list[str] = []

OPEN: dict[str, str] = {}
