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
codegen/coverage_page.py`` and correct the method count in README.rst, docs/index.rst and
docs/migrating.rst (the contract test says which number it expects).
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
    "what": "status_post with quote_approval_policy sends no valid_policies[] fields",
    "reason": "The reference also sends its own list of allowed policies, which the server does not read.",
    "requests": _without("valid_policies[]"),
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

DELIBERATE_ROWS: dict[str, dict[str, Any]] = {
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
    **{f"status_post:quote_approval_policy={policy}": _QUOTE_POLICIES for policy in ("public", "followers", "nobody")},
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
        "what": "stream_open_websocket reads the streaming address from the v2 instance document",
        "reason": "The reference also asks for the v1 document, deprecated since Mastodon 4.0, "
        "when the v2 document it has already names the address.",
        "requests": [{"verb": "GET", "path": "/api/v2/instance/", "query": []}],
    },
    "get_supported_version": {
        "what": "get_supported_version gives the Mastodon version this client is checked against",
        "reason": "The reference names its own, 4.7.3.",
        "value": "4.6.0",
    },
}


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


MISSING: list[str] = [
    "email_resend_confirmation",
    "accounts",
    "account_lists",
    "account_lookup",
    "account_familiar_followers",
    "account_remove_from_followers",
    "account_pin",
    "account_unpin",
    "account_endorse",
    "account_unendorse",
    "account_note_set",
    "account_featured_tags",
    "account_delete_avatar",
    "account_delete_header",
    "admin_accounts_v2",
    "admin_accounts",
    "admin_accounts_v1",
    "admin_account",
    "admin_account_enable",
    "admin_account_approve",
    "admin_account_reject",
    "admin_account_unsilence",
    "admin_account_unsuspend",
    "admin_account_delete",
    "admin_account_unsensitive",
    "admin_account_moderate",
    "admin_reports",
    "admin_report",
    "admin_report_assign",
    "admin_report_unassign",
    "admin_report_reopen",
    "admin_report_resolve",
    "admin_trending_tags",
    "admin_trending_statuses",
    "admin_trending_links",
    "admin_domain_blocks",
    "admin_create_domain_block",
    "admin_update_domain_block",
    "admin_delete_domain_block",
    "admin_measures",
    "admin_dimensions",
    "admin_retention",
    "admin_canonical_email_blocks",
    "admin_canonical_email_block",
    "admin_test_canonical_email_block",
    "admin_create_canonical_email_block",
    "admin_delete_canonical_email_block",
    "admin_domain_allows",
    "admin_domain_allow",
    "admin_create_domain_allow",
    "admin_delete_domain_allow",
    "admin_email_domain_blocks",
    "admin_email_domain_block",
    "admin_create_email_domain_block",
    "admin_delete_email_domain_block",
    "admin_approve_trending_link",
    "admin_reject_trending_link",
    "admin_approve_trending_status",
    "admin_reject_trending_status",
    "admin_approve_trending_tag",
    "admin_reject_trending_tag",
    "admin_ip_blocks",
    "admin_ip_block",
    "admin_create_ip_block",
    "admin_update_ip_block",
    "admin_delete_ip_block",
    "annual_reports",
    "annual_report",
    "annual_report_state",
    "annual_report_read",
    "annual_report_generate",
    "get_async_refresh_info",
    "get_async_refresh_status",
    "await_async_refresh",
    "collection_create",
    "collection",
    "account_collections",
    "account_in_collections",
    "collection_update",
    "collection_delete",
    "collection_item_add",
    "collection_item_delete",
    "collection_item_revoke",
    "conversations",
    "conversations_read",
    "endorsements",
    "bookmarks",
    "filters",
    "filter",
    "filters_apply",
    "filter_create",
    "filter_update",
    "filter_delete",
    "filters_v2",
    "filter_v2",
    "create_filter_v2",
    "update_filter_v2",
    "delete_filter_v2",
    "filter_keywords_v2",
    "add_filter_keyword_v2",
    "delete_filter_keyword_v2",
    "filter_statuses_v2",
    "add_filter_status_v2",
    "filter_status_v2",
    "delete_filter_status_v2",
    "featured_tags",
    "featured_tag_suggestions",
    "featured_tag_create",
    "featured_tag_delete",
    "tag_feature",
    "tag_unfeature",
    "followed_tags",
    "tag",
    "tag_follow",
    "tag_unfollow",
    "instance_activity",
    "instance_peers",
    "instance_health",
    "instance_rules",
    "instance_terms_of_service",
    "directory",
    "custom_emojis",
    "announcements",
    "announcement_dismiss",
    "announcement_reaction_create",
    "announcement_reaction_delete",
    "instance_extended_description",
    "instance_translation_languages",
    "instance_domain_blocks",
    "instance_languages",
    "lists",
    "list",
    "list_accounts",
    "list_create",
    "list_update",
    "list_delete",
    "list_accounts_add",
    "list_accounts_delete",
    "notifications_unread_count",
    "notifications_policy",
    "update_notifications_policy",
    "notification_requests",
    "notification_request",
    "accept_notification_request",
    "dismiss_notification_request",
    "accept_multiple_notification_requests",
    "dismiss_multiple_notification_requests",
    "notifications_merged",
    "grouped_notifications",
    "grouped_notification",
    "dismiss_grouped_notification",
    "grouped_notification_accounts",
    "unread_grouped_notifications_count",
    "poll",
    "poll_vote",
    "preferences",
    "markers_get",
    "markers_set",
    "profile",
    "profile_update",
    "push_subscription",
    "push_subscription_set",
    "push_subscription_update",
    "push_subscription_delete",
    "push_subscription_generate_keys",
    "push_subscription_decrypt_push",
    "statuses",
    "scheduled_statuses",
    "scheduled_status",
    "status_update",
    "status_history",
    "status_reply",
    "status_pin",
    "status_unpin",
    "status_bookmark",
    "status_unbookmark",
    "scheduled_status_update",
    "scheduled_status_delete",
    "status_translate",
    "status_quotes",
    "status_quote_revoke",
    "status_update_quote_approval_policy",
    "suggestions_v1",
    "suggestions_v2",
    "suggestions",
    "suggestion_delete",
    "trends",
    "trending_tags",
    "trending_statuses",
    "trending_links",
    "decode_blurhash",
    "get_status_length",
]

OPEN: dict[str, str] = {
    "account": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account:id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_verify_credentials": "classes reference/ours: $.roles dict/AttribAccessDict",
    "me": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_statuses": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:pinned": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:exclude_replies": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:exclude_reblogs": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:tagged": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_statuses:exclude_direct": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_following": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:max_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:max_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:max_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:min_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:min_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:min_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:since_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:since_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:since_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_following:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:max_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:max_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:max_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:min_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:min_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:min_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:since_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:since_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:since_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_followers:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_search": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_search:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_search:following": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_search:resolve": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_search:offset": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:display_name": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:note": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:avatar_mime_type": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:header_mime_type": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:locked": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:locked=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:bot": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:bot=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:discoverable": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:discoverable=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:fields": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:hide_collections": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:hide_collections=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:indexable": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:indexable=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:attribution_domains": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_privacy=public": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_privacy=unlisted": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_privacy=private": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_privacy=direct": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_sensitive": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_sensitive=false": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_language": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_quote_policy=public": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_quote_policy=followers": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:default_quote_policy=nobody": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:avatar_description": "classes reference/ours: $.roles dict/AttribAccessDict",
    "account_update_credentials:header_description": "classes reference/ours: $.roles dict/AttribAccessDict",
    "favourites": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "favourites:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "instance_v2": "classes reference/ours: $.wrapstodon None/str",
    "instance": "classes reference/ours: $.wrapstodon None/str",
    "notifications": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:id": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:account_id": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:account_id=entity": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:max_id": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:max_id=entity": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:max_id=datetime": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:min_id": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:min_id=entity": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:min_id=datetime": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:since_id": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:since_id=entity": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:since_id=datetime": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:limit": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:exclude_types": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:types": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:mentions_only": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:mentions_only=false": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "notifications:supported_types": "classes reference/ours: $.annual_report AttribAccessDict/AnnualReportEvent, $.collection.collection_items NonPaginatableList/absent; declared fields left out, not None: rules_ids",
    "make_poll": "classes reference/ours: $ dict/Poll, $.options list/NonPaginatableList",
    "make_poll:multiple": "classes reference/ours: $ dict/Poll, $.options list/NonPaginatableList",
    "make_poll:hide_totals": "classes reference/ours: $ dict/Poll, $.options list/NonPaginatableList",
    "mutes": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:max_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:max_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:max_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:min_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:min_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:min_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:since_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:since_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:since_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "mutes:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:max_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:max_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:max_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:min_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:min_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:min_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:since_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:since_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:since_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "blocks:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:max_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:max_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:max_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:min_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:min_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:min_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:since_id": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:since_id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:since_id=datetime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "follow_requests:limit": "classes reference/ours: $.roles dict/AttribAccessDict",
    "report": "declared fields left out, not None: rules_ids",
    "report:account_id=entity": "declared fields left out, not None: rules_ids",
    "report:status_ids": "declared fields left out, not None: rules_ids",
    "report:comment": "declared fields left out, not None: rules_ids",
    "report:forward": "declared fields left out, not None: rules_ids",
    "report:category=spam": "declared fields left out, not None: rules_ids",
    "report:category=violation": "declared fields left out, not None: rules_ids",
    "report:category=other": "declared fields left out, not None: rules_ids",
    "report:rule_ids": "declared fields left out, not None: rules_ids",
    "report:forward_to_domains": "declared fields left out, not None: rules_ids",
    "report:collection_ids": "declared fields left out, not None: rules_ids",
    "status": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblogged_by": "classes reference/ours: $.roles dict/AttribAccessDict",
    "status_reblogged_by:id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "status_favourited_by": "classes reference/ours: $.roles dict/AttribAccessDict",
    "status_favourited_by:id=entity": "classes reference/ours: $.roles dict/AttribAccessDict",
    "status_post": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:in_reply_to_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:in_reply_to_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:media_ids": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:sensitive": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:visibility=public": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:visibility=unlisted": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:visibility=private": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:visibility=direct": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:spoiler_text": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:language": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:idempotency_key": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:content_type": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:scheduled_at": "classes reference/ours: $.media_attachments dict/AttribAccessDict, $.media_attachments.meta dict/AttribAccessDict",
    "status_post:poll": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:strict_content_type": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:quoted_status_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:quote_approval_policy=public": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:quote_approval_policy=followers": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:quote_approval_policy=nobody": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "toot": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_delete": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_delete:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_delete:delete_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog:visibility=public": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog:visibility=unlisted": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog:visibility=private": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_reblog:visibility=direct": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unreblog": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unreblog:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_favourite": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_favourite:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unfavourite": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unfavourite:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_mute": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_mute:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unmute": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_unmute:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:timeline=local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:timeline=public": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:timeline=tag/python": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:timeline=list/5": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_local:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_public:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_hashtag:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_list:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:local": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:max_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:max_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:max_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:min_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:min_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:min_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:since_id": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:since_id=entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:since_id=datetime": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:limit": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:only_media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_link:remote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "fetch_next": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "fetch_previous": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "fetch_remaining": "classes reference/ours: $ list/PaginatableList, $.tagged_collections.collection_items NonPaginatableList/absent",
    "get_pagination_info": "classes reference/ours: $.max_id int/str",
    "pagination_iterator": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "pagination_iterator:direction=previous": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "pagination_page_iterator": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "pagination_page_iterator:direction=previous": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:media_entity": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:limit-string": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "reports:old-server": "declared fields left out, not None: rules_ids",
    "account_update_credentials:avatar-with-mime": "classes reference/ours: $.roles dict/AttribAccessDict",
    "status:spaces": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "timeline_home:limit-negative": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:media-and-poll": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:five-media": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "account_update_credentials:five-fields": "classes reference/ours: $.roles dict/AttribAccessDict",
    "timeline_home:client-lang": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:client-lang": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:fedibird-quote": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "status_post:pleroma-content-type": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
    "fetch_next:link-offset-not-a-number": "requests: reference GET /api/v1/accounts/search; ours GET /api/v1/accounts/search, GET /api/v1/accounts/search; classes reference/ours: $ None/PaginatableList, $ absent/Account, $.acct absent/str ...",
    "fetch_next:link-max-id-not-a-number": "classes reference/ours: $.tagged_collections.collection_items NonPaginatableList/absent",
}
