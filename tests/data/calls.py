"""The call table of the recorded contract with Mastodon.py 2.3.3, and the canned server answers.

Each row names a public method of the reference client, the arguments to call it with and what
the fake server answers. ``codegen/record_reference.py`` replays every row against the reference
and stores what it did in ``reference_calls.json``, together with the exact answers it was
given; the contract test replays the same rows, with those answers, against this project.

This module is plain data and standard library only: it is imported by the reference's
interpreter too, where ``mastodon`` is the reference package. Argument values that are not JSON
are written as markers (a one-key dict whose key starts with ``$``) and built by the replayer:

* ``{"$entity": "Status"}``: a sample entity as a plain dict (every field filled);
* ``{"$datetime": "2024-01-02T03:04:05+00:00"}``: a timezone-aware datetime;
* ``{"$date": "2024-01-02"}``: a date;
* ``{"$bytes": "text"}``: the UTF-8 bytes of the text;
* ``{"$tuple": [...]}``: a tuple;
* ``{"$listener": None}``: a ``StreamListener`` of the library under test;
* ``{"$call": {"method": ..., "args": [...], "kwargs": {...}}}``: the result of an earlier call
  on the same client (its requests are recorded too), for pagination and similar helpers.

A row may give ``client`` settings for the constructor (``lang``, ``feature_set``), a server
``version`` other than SERVER_VERSION, and ``probe`` paths (``"$.meta.focus.x"``) whose
value's class is recorded too, for values deeper than the two levels every result is
described to.

Answers are given per route as ``"VERB /path"`` (``"*"`` for any other request), each an answer
spec or a list of them used in turn (the last repeats). An answer spec is an entity name
(``"Status"``), a list of one entity (``"[Status]"``), ``"{}"``, ``"{key:Entity}"`` (an object
mapping ``key`` to an entity), ``{"entity": spec, "status": ..., "headers": {...}}``, or
``{"json": ..., "status": 200, "headers": {...}}`` for anything else (a JSON string is sent as
plain text, ``None`` as an HTML page).

To add rows: extend REQUIRED / OPTIONAL / ENUMS for generated ones, or EXTRA_ROWS; then run
``python codegen/record_reference.py`` and ``python tests/contract/test_reference_contract.py
--update``.
"""

from __future__ import annotations

import ast
import json
import pathlib
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
ENTITIES_FILE = HERE.parent.parent / "codegen" / "entities.json"
METHODS_FILE = HERE / "reference_methods.json"

BASE_URL = "https://example.org"
# The server version every row runs against unless it names another. Both clients are built with
# version_check_mode="created": the reference parses a given version only in a checking mode,
# and without it routes as if the server were 1.0.0.
SERVER_VERSION = "4.6.0"
DATE = "2024-01-02T03:04:05.000Z"
ID = "109"

Row = dict[str, Any]

# ---------------------------------------------------------------------------------------------
# Sample entities


def _entity_table() -> dict[str, list[dict[str, Any]]]:
    data = json.loads(ENTITIES_FILE.read_text(encoding="utf-8"))
    return {e["name"]: e["fields"] for e in data["entities"]}


ENTITIES = _entity_table()

_STRING_SAMPLES = {
    "version": SERVER_VERSION,
    "streaming_api": "wss://example.org",
    "streaming": "wss://example.org",
    "acct": "alice@example.net",
    "username": "alice",
    "lang": "en",
    "language": "en",
    "locale": "en",
    "visibility": "public",
    "blurhash": "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
}


def _scalar(name: str, typ: str) -> Any:
    if typ == "id":
        return ID
    if typ == "datetime":
        return DATE
    if typ == "int":
        return 3
    if typ == "float":
        return 0.5
    if typ == "bool":
        return True
    if typ == "dict":
        return {"key": "value"}
    if typ == "any":
        return "value"
    if name in _STRING_SAMPLES:
        return _STRING_SAMPLES[name]
    if "url" in name or name.endswith("endpoint") or name in ("uri", "avatar", "header", "preview_url", "remote_url"):
        return "https://example.org/x"
    return "text"


# Entities inside entities are filled this many levels down (the result description reaches two
# levels below the top); deeper entity fields are null or empty, which keeps the recording small.
_SAMPLE_DEPTH = 2


def sample_value(name: str, typ: str, depth: int) -> Any:
    """A sample JSON value for a field of type ``typ`` (the codegen/entities.json notation)."""
    typ = typ.split("|", maxsplit=1)[0]
    if typ.startswith("list[") and typ.endswith("]"):
        inner = typ[5:-1]
        if inner in ENTITIES and depth >= _SAMPLE_DEPTH:
            return []
        return [sample_value(name, inner, depth)]
    if typ.startswith("map[") and typ.endswith("]"):
        return {"key": sample_value(name, typ[4:-1], depth)}
    if typ in ENTITIES:
        return sample_entity(typ, depth + 1) if depth < _SAMPLE_DEPTH else None
    return _scalar(name, typ)


def sample_entity(name: str, depth: int = 0) -> dict[str, Any]:
    """A JSON object for entity ``name`` with every field filled, entities nested as deep as results are described."""
    return {f["name"]: sample_value(f["name"], f["type"], depth) for f in ENTITIES[name]}


def answer_json(spec: Any) -> tuple[int, dict[str, str], Any]:
    """Status, headers and JSON body for an answer spec (see the module docstring)."""
    if isinstance(spec, dict) and "json" in spec:
        return int(spec.get("status", 200)), dict(spec.get("headers", {})), spec["json"]
    status, headers = 200, {}
    if isinstance(spec, dict):
        status, headers = int(spec.get("status", 200)), dict(spec.get("headers", {}))
        spec = spec.get("entity", "{}")
    if spec == "{}":
        return status, headers, {}
    if spec.startswith("{") and spec.endswith("}"):
        key, entity = spec[1:-1].split(":")
        return status, headers, {key: sample_entity(entity)}
    if spec.startswith("[") and spec.endswith("]"):
        return status, headers, [sample_entity(spec[1:-1])]
    return status, headers, sample_entity(spec)


# ---------------------------------------------------------------------------------------------
# Arguments


def _signature_params(signature: str) -> list[tuple[str, bool, Any]]:
    """(name, has_default, default) for each parameter of a signature written as text."""
    tree = ast.parse(f"def f{signature}: pass")
    fn = tree.body[0]
    assert isinstance(fn, ast.FunctionDef)
    params = [a.arg for a in fn.args.args]
    defaults = [ast.literal_eval(d) for d in fn.args.defaults]
    first_default = len(params) - len(defaults)
    out = []
    for i, p in enumerate(params):
        if i >= first_default:
            out.append((p, True, defaults[i - first_default]))
        else:
            out.append((p, False, None))
    return out


def _load_methods() -> list[dict[str, Any]]:
    return list(json.loads(METHODS_FILE.read_text(encoding="utf-8"))["methods"])


METHODS = _load_methods()
METHOD_NAMES = [m["name"] for m in METHODS]

# A timeline page whose answer carries Link headers both ways, for the pagination helpers.
_LINK = (
    '<https://example.org/api/v1/timelines/home?max_id=100>; rel="next", '
    '<https://example.org/api/v1/timelines/home?min_id=120>; rel="prev"'
)
PAGE = {"$call": {"method": "timeline_home", "args": [], "kwargs": {"limit": 2}}}
PAGE_ANSWERS = {"GET /api/v1/timelines/home": [{"entity": "[Status]", "headers": {"Link": _LINK}}, "[Status]"]}
ASYNC_CALL = {"$call": {"method": "notifications_policy", "args": [], "kwargs": {}}}
ASYNC_ANSWERS = {
    "GET /api/v2/notifications/policy": {
        "entity": "NotificationPolicy",
        "headers": {"Mastodon-Async-Refresh": 'id="ref1", retry=1, result_count=0'},
    }
}

# What a Mastodon 4.3+ server says about its OAuth endpoints.
OAUTH_INFO = {
    "json": {
        "issuer": BASE_URL + "/",
        "service_documentation": "https://docs.joinmastodon.org/",
        "authorization_endpoint": BASE_URL + "/oauth/authorize",
        "token_endpoint": BASE_URL + "/oauth/token",
        "revocation_endpoint": BASE_URL + "/oauth/revoke",
        "userinfo_endpoint": BASE_URL + "/oauth/userinfo",
        "app_registration_endpoint": BASE_URL + "/api/v1/apps",
        "scopes_supported": ["read", "write", "follow", "push", "profile"],
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["authorization_code", "client_credentials", "refresh_token"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
    }
}

# Values for required parameters, by name.
REQUIRED: dict[str, Any] = {
    "id": ID,
    "ids": [ID, "110"],
    "account_id": "7",
    "account_ids": ["7", "8"],
    "status_id": "11",
    "filter_id": "12",
    "keyword_id": "13",
    "filter_status_id": "14",
    "collection_id": "15",
    "item_id": "16",
    "quoting_status_id": "17",
    "group_key": "favourite-109-1",
    "q": "hello",
    "acct": "alice@example.net",
    "uri": "alice@example.net",
    "comment": "a note",
    "domain": "example.net",
    "email": "someone@example.net",
    "name": "python",
    "hashtag": "python",
    "tag": "python",
    "title": "A title",
    "phrase": "word",
    "context": ["home"],
    "filter_action": "warn",
    "keyword": "word",
    "year": 2024,
    "status": "hello world",
    "to_status": {"$entity": "Status"},
    "media_file": {"$bytes": "GIF89a"},
    "start_at": {"$datetime": "2024-01-01T00:00:00+00:00"},
    "end_at": {"$datetime": "2024-01-08T00:00:00+00:00"},
    "ip": "192.0.2.0/24",
    "severity": "sign_up_requires_approval",
    "choices": [0],
    "options": ["yes", "no"],
    "expires_in": 3600,
    "timelines": ["home"],
    "last_read_ids": ["109"],
    "endpoint": "https://push.example.net/sub",
    "encrypt_params": {"pubkey": {"$bytes": "public-key"}, "auth": {"$bytes": "auth-secret"}},
    "data": {"$bytes": "payload"},
    "decrypt_params": {"privkey": 5, "auth": {"$bytes": "auth-secret"}},
    "encryption_header": "salt=abc",
    "crypto_key_header": "dh=abc",
    "listener": {"$listener": None},
    "client_name": "an app",
    "username": "alice",
    "password": "correct horse",
    "version_str": "3.0.0",
    "lang": "de",
    "text": "hello #world https://example.org/a",
    "objects": {"$call": {"method": "timeline_home", "args": [], "kwargs": {}}},
    "filters": {"$call": {"method": "filters", "args": [], "kwargs": {}}},
    "media_dict": {"$entity": "MediaAttachment"},
    "previous_page": PAGE,
    "next_page": PAGE,
    "first_page": PAGE,
    "start_page": PAGE,
    "page": PAGE,
    "pagination_direction": "next",
    "reaction": "\N{THUMBS UP SIGN}",
    "scheduled_at": {"$datetime": "2030-01-02T03:04:05+00:00"},
    "quote_approval_policy": "public",
    "url": "https://example.net/article",
    "result": ASYNC_CALL,
    "result_or_id": "ref1",
}

# Per-method arguments and answers, where the names alone do not make a good first call.
BASE_OVERRIDES: dict[str, Row] = {
    # Mastodon.py declares a single AdminAccount; the server answers a list, as for the other two.
    "admin_accounts_v1": {"answers": {"*": "[AdminAccount]"}},
    # Without an ID it lists the blocks (one block with an ID: see VARIANT_ANSWERS).
    "admin_domain_blocks": {"answers": {"*": "[AdminDomainBlock]"}},
    "media_post": {"kwargs": {"mime_type": "image/gif"}, "answers": {"*": "MediaAttachment"}},
    "create_app": {
        "kwargs": {"api_base_url": BASE_URL},
        "answers": {"*": {"json": {"client_id": "cid", "client_secret": "csecret"}}},
    },
    "log_in": {
        "kwargs": {"username": "alice", "password": "pw"},
        "answers": {
            "GET /.well-known/oauth-authorization-server": {"status": 404, "json": {}},
            "*": {"json": {"access_token": "tok", "scope": "read write follow push", "token_type": "Bearer"}},
        },
    },
    "create_account": {
        "answers": {"*": {"json": {"access_token": "tok", "scope": "read write follow push", "token_type": "Bearer"}}}
    },
    "instance_peers": {"answers": {"*": {"json": ["example.net"]}}},
    "domain_blocks": {"answers": {"*": {"json": ["example.net"]}}},
    "instance_translation_languages": {"answers": {"*": {"json": {"en": ["de", "fr"]}}}},
    "notifications_merged": {"answers": {"*": {"json": {"merged": True}}}},
    "unread_grouped_notifications_count": {"answers": {"*": {"json": {"count": 3}}}},
    "instance_health": {"answers": {"*": {"json": "OK"}}},
    "stream_healthy": {"answers": {"*": {"json": "OK"}}},
    "retrieve_mastodon_version": {"answers": {"GET /api/v1/instance": "Instance", "*": "InstanceV2"}},
    "timeline_is_available": {"answers": {"*": "InstanceV2"}},
    "verify_minimum_version": {"answers": {"GET /api/v1/instance": "Instance", "*": "InstanceV2"}},
    "instance_nodeinfo": {
        "answers": {
            "GET /.well-known/nodeinfo": {
                "json": {
                    "links": [
                        {
                            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.0",
                            "href": "https://example.org/nodeinfo/2.0",
                        }
                    ]
                }
            },
            "*": "Nodeinfo",
        }
    },
    "get_approx_server_time": {"answers": {"*": {"json": {}, "headers": {"Date": "Tue, 02 Jan 2024 03:04:05 GMT"}}}},
    "get_async_refresh_info": {"answers": ASYNC_ANSWERS},
    "get_async_refresh_status": {"answers": {"*": {"json": {"async_refresh": {"id": "ref1", "status": "finished"}}}}},
    "await_async_refresh": {"kwargs": {"max_attempts": 1}, "answers": ASYNC_ANSWERS},
    "status_reply": {
        "args": [{"$call": {"method": "status", "args": [ID], "kwargs": {}}}, "hello world"],
        "answers": {"GET /api/v1/accounts/verify_credentials": "Account", "*": "Status"},
    },
    "admin_measures": {"kwargs": {"active_users": True}},
    "admin_dimensions": {"kwargs": {"languages": True}},
    "admin_create_canonical_email_block": {"kwargs": {"email": "someone@example.net"}},
    "oauth_userinfo": {"answers": {"GET /.well-known/oauth-authorization-server": OAUTH_INFO, "*": "OAuthUserInfo"}},
    "generate_media_edit_attributes": {"kwargs": {"description": "alt text", "focus": {"$tuple": [0.5, -0.5]}}},
    "make_poll": {"kwargs": {}},
    "markers_get": {"answers": {"*": "{home:Marker}"}},
    "markers_set": {"answers": {"*": "{home:Marker}"}},
    "revoke_access_token": {"answers": {"GET /.well-known/oauth-authorization-server": {"status": 404, "json": {}}}},
    "auth_request_url": {
        "kwargs": {"client_id": "cid"},
        "answers": {"GET /.well-known/oauth-authorization-server": {"status": 404, "json": {}}},
    },
    "stream_open_websocket": {},
    "__init__": {"args": [], "kwargs": {"access_token": "token", "api_base_url": BASE_URL}},
}

for _name in ("fetch_next", "fetch_previous", "fetch_remaining", "get_pagination_info"):
    BASE_OVERRIDES[_name] = {"answers": PAGE_ANSWERS}
for _name in ("pagination_iterator", "pagination_page_iterator"):
    BASE_OVERRIDES[_name] = {"answers": PAGE_ANSWERS}
for _name in ("stream_user", "stream_user_notifications", "stream_public", "stream_local"):
    BASE_OVERRIDES[_name] = {"answers": {"GET /api/v1/instance": "Instance", "*": {"json": ""}}}
for _name in ("stream_hashtag", "stream_list", "stream_direct"):
    BASE_OVERRIDES[_name] = {"answers": {"GET /api/v1/instance": "Instance", "*": {"json": ""}}}

# Arguments that are never varied one at a time: they change where output goes or how long the
# call may take, not what is sent.
NOT_VARIED = {
    "to_file",
    "session",
    "request_timeout",
    "user_agent",
    "run_async",
    "timeout",
    "reconnect_async",
    "reconnect_async_wait_sec",
    "websocket_handle",
    "synchronous",
    "fail_hard",
    "max_attempts",
    "return_linear",
    "size_per_component",
    "out_size",
    "return_pagination_info",
    "api_base_url",
    "allow_http",
    "skip_server_info",
}

# Enumerated parameters: every value once.
ENUMS: dict[str, list[str]] = {
    "status": ["active", "pending", "disabled", "silenced", "suspended"],
    "visibility": ["public", "unlisted", "private", "direct"],
    "replies_policy": ["followed", "list", "none"],
    "frequency": ["day", "month"],
    "order": ["active", "new"],
    "result_type": ["accounts", "hashtags", "statuses"],
    "policy": ["all", "followed", "follower", "none"],
    "action": ["none", "sensitive", "disable", "silence", "suspend"],
    "category": ["spam", "legal", "violation", "other"],
    "expand_accounts": ["full", "partial_avatars"],
    "origin": ["local", "remote"],
    "direction": ["next", "previous"],
    "timeline": ["home", "local", "public", "tag/python", "list/5"],
    "quote_approval_policy": ["public", "followers", "nobody"],
    "default_quote_policy": ["public", "followers", "nobody"],
    "default_privacy": ["public", "unlisted", "private", "direct"],
    "for_not_following": ["accept", "filter", "drop"],
}

# Values for optional parameters whose default is None, by name.
OPTIONAL: dict[str, Any] = {
    "limit": 5,
    "offset": 10,
    "max_id": "200",
    "min_id": "100",
    "since_id": "90",
    "expires_in": 3600,
    "duration": 600,
    "fields": [{"$tuple": ["site", "https://example.net"]}, {"$tuple": ["pronouns", "they/them"]}],
    "avatar": {"$bytes": "GIF89a"},
    "header": {"$bytes": "GIF89a"},
    "avatar_mime_type": "image/gif",
    "header_mime_type": "image/gif",
    "thumbnail": {"$bytes": "GIF89a"},
    "thumbnail_mime_type": "image/gif",
    "thumb_mimetype": "image/gif",
    "focus": {"$tuple": [0.25, -0.5]},
    "scheduled_at": {"$datetime": "2030-01-02T03:04:05+00:00"},
    "date_of_birth": {"$date": "2000-01-31"},
    "poll": {"$call": {"method": "make_poll", "args": [["yes", "no"], 3600], "kwargs": {}}},
    "media_attributes": [{"$call": {"method": "generate_media_edit_attributes", "args": ["5"], "kwargs": {}}}],
    "keywords_attributes": [{"keyword": "word", "whole_word": True}],
    "types": ["mention", "follow"],
    "exclude_types": ["favourite"],
    "grouped_types": ["favourite"],
    "supported_types": ["mention", "severed_relationships"],
    "context": ["home", "public"],
    "tag_accounts": "python",
    "tag_uses": "python",
    "tag_servers": "python",
    "tag_languages": "python",
    "permissions": "staff",
    "role_ids": ["1", "2"],
    "rule_ids": ["1"],
    "status_ids": ["11", "12"],
    "collection_ids": ["15"],
    "forward_to_domains": ["example.net"],
    "attribution_domains": ["example.net"],
    "media_ids": ["21", "22"],
    "account_ids": ["7", "8"],
    "date": {"$date": "2024-01-02"},
    "id": ID,
    "encrypt_params": {"pubkey": {"$bytes": "public-key"}, "auth": {"$bytes": "auth-secret"}},
    "code": "authcode",
    "refresh_token": "refresh",
    "client_id": "cid",
    "state": "somestate",
    "lang": "de",
    "website": "https://example.net",
    "redirect_uris": "https://example.net/cb",
    "idempotency_key": "key-1",
    "content_type": "text/markdown",
    "delete_media": True,
    "with_suspended": True,
    "reason": "please",
    "send_email_notification": False,
}

_BOOLISH = (
    "local",
    "remote",
    "only_media",
    "locked",
    "bot",
    "discoverable",
    "hide_collections",
    "indexable",
    "sensitive",
    "reject_media",
    "reject_reports",
    "obfuscate",
    "default_sensitive",
    "whole_word",
    "irreversible",
    "show_media",
    "show_media_replies",
    "show_featured",
    "mentions_only",
    "include_filtered",
    "exclude_unreviewed",
    "standard",
    "unresolved",
    "resolved",
)


def _optional_values(method: str, name: str, default: Any) -> list[tuple[str, Any]]:
    """(label, value) pairs to give optional parameter ``name`` once each."""
    if name in ENUMS:
        return [(v, v) for v in ENUMS[name] if v != default]
    if isinstance(default, bool):
        return [("", not default)]
    if name in ("max_id", "min_id", "since_id"):
        return [
            ("", OPTIONAL[name]),
            ("entity", {"$entity": "Status"}),
            ("datetime", {"$datetime": "2024-01-02T03:04:05+00:00"}),
        ]
    if name in ("account_id", "in_reply_to_id", "status_id", "report_id", "invited_by", "filter_id"):
        return [("", "7"), ("entity", {"$entity": "Account" if "account" in name else "Status"})]
    if name.endswith("_events") or name in _BOOLISH:
        values = [("", True)]
        if default is None:
            values.append(("false", False))
        return values
    if name == "scopes":
        return [("", ["read"])]
    if name in OPTIONAL:
        return [("", OPTIONAL[name])]
    if default is not None:
        return []
    return [("", "text")]


def _base_row(method: dict[str, Any]) -> Row:
    name = method["name"]
    params = _signature_params(method["signature"])
    args = []
    for pname, has_default, _ in params:
        if pname == "self" or has_default:
            continue
        args.append(REQUIRED.get(pname, "text"))
    override = BASE_OVERRIDES.get(name, {})
    row: Row = {
        "id": name,
        "method": name,
        "args": override.get("args", args),
        "kwargs": dict(override.get("kwargs", {})),
        "answers": override.get("answers", {"*": method["answer"]}),
    }
    return row


def concrete_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """The answer table with every spec turned into its status, headers and JSON body.

    The recording keeps these, and the contract replays them, so that a later change to the
    entity facts the samples come from cannot make the two sides see different answers.
    """

    def concrete(spec: Any) -> dict[str, Any]:
        status, headers, body = answer_json(spec)
        return {"status": status, "headers": headers, "json": body}

    return {k: [concrete(s) for s in v] if isinstance(v, list) else concrete(v) for k, v in answers.items()}


def load_recording(path: pathlib.Path | None = None) -> list[dict[str, Any]]:
    """The rows of a recording, each answer and result put back in place of its digest."""
    data = json.loads((path or HERE / "reference_calls.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = data["rows"]
    answers = data["answers"]
    for row in rows:
        reference = row["reference"]
        if isinstance(reference.get("result"), str):
            reference["result"] = data["results"][reference["result"]]
        reference["answers"] = {
            route: [answers[d] for d in digest] if isinstance(digest, list) else answers[digest]
            for route, digest in reference["answers"].items()
        }
    return rows


# Which entity a method's required ID stands for, by the method's name.
_ID_ENTITIES = (
    ("admin_account", "AdminAccount"),
    ("admin_report", "AdminReport"),
    ("account", "Account"),
    ("follow_request", "Account"),
    ("scheduled_status", "ScheduledStatus"),
    ("status", "Status"),
    ("list", "UserList"),
    ("media", "MediaAttachment"),
    ("poll", "Poll"),
    ("notification", "Notification"),
    ("conversation", "Conversation"),
    ("announcement", "Announcement"),
    ("featured_tag", "FeaturedTag"),
)
_ID_PARAMS = {"id", "account_id", "status_id", "filter_id", "keyword_id", "filter_status_id", "quoting_status_id"}


def _entity_rows(method: dict[str, Any], base: Row) -> list[Row]:
    """The base call again, with an entity in place of each required ID."""
    rows = []
    required = [p for p in _signature_params(method["signature"]) if not p[1]]
    for position, (pname, _, _) in enumerate(required):
        if pname not in _ID_PARAMS or position >= len(base["args"]) or not isinstance(base["args"][position], str):
            continue
        entity = next((e for prefix, e in _ID_ENTITIES if method["name"].startswith(prefix)), None)
        if pname == "account_id":
            entity = "Account"
        elif pname in ("status_id", "quoting_status_id"):
            entity = "Status"
        value: Any = {"$entity": entity} if entity else {"id": base["args"][position]}
        args = list(base["args"])
        args[position] = value
        rows.append({**base, "id": f"{method['name']}:{pname}=entity", "args": args})
    return rows


def build_rows() -> list[Row]:
    """Every row of the call table, in a stable order."""
    rows: list[Row] = []
    for method in METHODS:
        name = method["name"]
        base = _base_row(method)
        rows.append(base)
        rows.extend(_entity_rows(method, base))
        if name in ("toot", "__init__") or name.startswith("stream_"):
            continue
        for pname, has_default, default in _signature_params(method["signature"]):
            if not has_default or pname in NOT_VARIED or pname in base["kwargs"]:
                continue
            for label, value in _optional_values(name, pname, default):
                row = dict(base)
                row["id"] = f"{name}:{pname}" + (f"={label}" if label else "")
                row["kwargs"] = {**base["kwargs"], pname: value}
                row["answers"] = VARIANT_ANSWERS.get(row["id"], base["answers"])
                rows.append(row)
    rows.extend(EXTRA_ROWS)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "row ids must be unique"
    return rows


# Variants whose answer differs from the method's usual one.
VARIANT_ANSWERS: dict[str, dict[str, Any]] = {
    "notifications:id": {"*": "Notification"},
    "admin_domain_blocks:id": {"*": "AdminDomainBlock"},
    "status_post:scheduled_at": {"*": "ScheduledStatus"},
    "status_reply:scheduled_at": {
        "GET /api/v1/accounts/verify_credentials": "Account",
        "POST /api/v1/statuses": "ScheduledStatus",
        "*": "Status",
    },
}

# Rows that the generated ones do not cover: one ID against several, entities for IDs, other
# server versions, error answers.


def _row(
    row_id: str, method: str, args: list[Any], answer: Any, kwargs: dict[str, Any] | None = None, **extra: Any
) -> Row:
    answers = answer if isinstance(answer, dict) and "json" not in answer and "entity" not in answer else {"*": answer}
    return {"id": row_id, "method": method, "args": args, "kwargs": kwargs or {}, "answers": answers, **extra}


EXTRA_ROWS: list[Row] = [
    _row("account_relationships:one", "account_relationships", ["7"], "[Relationship]"),
    _row("account_relationships:list", "account_relationships", [["7", "8"]], "[Relationship]"),
    _row("account_relationships:empty", "account_relationships", [[]], "[Relationship]"),
    _row("accounts:one", "accounts", [["7"]], "[Account]"),
    _row("statuses:one", "statuses", [["11"]], "[Status]"),
    _row("status_post:media_entity", "status_post", ["hi"], "Status", {"media_ids": [{"$entity": "MediaAttachment"}]}),
    _row(
        "status_post:empty",
        "status_post",
        [""],
        {"status": 422, "json": {"error": "Validation failed: Text can't be blank"}},
    ),
    _row("status:404", "status", ["1"], {"status": 404, "json": {"error": "Record not found"}}),
    _row("status:401", "status", ["1"], {"status": 401, "json": {"error": "The access token is invalid"}}),
    _row("status:500", "status", ["1"], {"status": 500, "json": {"error": "oops"}}),
    _row("status:503", "status", ["1"], {"status": 503, "json": {"error": "busy"}}),
    _row("status:422", "status", ["1"], {"status": 422, "json": {"error": "Validation failed"}}),
    _row("status:429", "status", ["1"], {"status": 429, "json": {"error": "Too many requests"}}),
    _row("status:not-json", "status", ["1"], {"json": None, "status": 200}),
    _row(
        "status:empty-date",
        "status",
        ["1"],
        {"json": {"id": "1", "created_at": "", "edited_at": "", "account": {"id": "2", "created_at": ""}}},
    ),
    _row("status:sparse", "status", ["1"], {"json": {"id": "1", "content": "x"}}),
    _row(
        "media:int-focus",
        "media",
        ["1"],
        {"json": {"id": "1", "type": "image", "meta": {"focus": {"x": 0, "y": 0}}}},
        probe=["$.meta.focus.x", "$.meta.focus.y"],
    ),
    _row("instance:v1-server", "instance", [], "Instance", {}, version="3.5.0"),
    _row("search:v1-server", "search", ["hello"], "Search", {}, version="2.3.0"),
    _row(
        "media_post:v1-server",
        "media_post",
        [{"$bytes": "GIF89a"}],
        "MediaAttachment",
        {"mime_type": "image/gif"},
        version="3.0.0",
    ),
    _row("media_post:no-mime", "media_post", [{"$bytes": "GIF89a"}], "MediaAttachment"),
    _row("suggestions:v1-server", "suggestions", [], "[Account]", {}, version="2.9.0"),
    _row("status_card:old-server", "status_card", ["1"], "PreviewCard", {}, version="2.9.0"),
    _row("trends:old-server", "trends", [], "[Tag]", {}, version="3.0.0"),
    _row("notifications_dismiss:old-server", "notifications_dismiss", ["1"], "{}", {}, version="2.9.0"),
    _row("account:newer-than-server", "account_lookup", ["alice"], "Account", {}, version="3.0.0"),
    _row("timeline_home:limit-string", "timeline_home", [], "[Status]", {"limit": "5"}),
    _row("reports:old-server", "reports", [], "[Report]", {}, version="2.4.0"),
    _row(
        "log_in:server-info",
        "log_in",
        [],
        {
            "GET /.well-known/oauth-authorization-server": OAUTH_INFO,
            "*": {"json": {"access_token": "tok", "scope": "read write follow push", "token_type": "Bearer"}},
        },
        {"code": "authcode"},
    ),
    _row("auth_request_url:server-info", "auth_request_url", [], OAUTH_INFO),
    _row("auth_request_url:server-info-state", "auth_request_url", [], OAUTH_INFO, {"state": "s1", "lang": "de"}),
    _row(
        "create_account:date-string",
        "create_account",
        ["alice", "pw", "a@example.net"],
        "{}",
        {"date_of_birth": "2000-01-31"},
    ),
    _row(
        "account_update_credentials:avatar-with-mime",
        "account_update_credentials",
        [],
        "Account",
        {
            "avatar": {"$bytes": "GIF89a"},
            "avatar_mime_type": "image/gif",
            "header": {"$bytes": "GIF89a"},
            "header_mime_type": "image/gif",
        },
    ),
    _row(
        "media_post:thumbnail-with-mime",
        "media_post",
        [{"$bytes": "GIF89a"}],
        "MediaAttachment",
        {"mime_type": "image/gif", "thumbnail": {"$bytes": "GIF89a"}, "thumbnail_mime_type": "image/gif"},
    ),
    _row(
        "media_update:thumbnail-with-mime",
        "media_update",
        ["5"],
        "MediaAttachment",
        {"thumbnail": {"$bytes": "GIF89a"}, "thumbnail_mime_type": "image/gif", "description": "alt"},
    ),
    _row("status:spaces", "status", [" 123 "], "Status"),
    _row("timeline_home:limit-negative", "timeline_home", [], "[Status]", {"limit": -1}),
    _row("account_relationships:none", "account_relationships", [None], "[Relationship]"),
    _row(
        "status_post:media-and-poll", "status_post", ["hi"], "Status", {"media_ids": ["21"], "poll": OPTIONAL["poll"]}
    ),
    _row("status_post:five-media", "status_post", ["hi"], "Status", {"media_ids": ["1", "2", "3", "4", "5"]}),
    _row(
        "account_update_credentials:five-fields",
        "account_update_credentials",
        [],
        "Account",
        {"fields": [{"$tuple": [f"k{i}", f"v{i}"]} for i in range(5)]},
    ),
    _row(
        "create_account:empty-password",
        "create_account",
        ["alice", "", "someone@example.net"],
        {
            "POST /oauth/token": {"json": {"access_token": "tok", "scope": "read write follow push"}},
            "*": {
                "status": 422,
                "json": {"error": "Validation failed", "details": {"password": [{"error": "ERR_BLANK"}]}},
            },
        },
        {"return_detailed_error": True},
    ),
    _row(
        "fetch_previous:newest",
        "fetch_previous",
        [PAGE],
        {"GET /api/v1/timelines/home": [{"entity": "[Status]", "headers": {"Link": _LINK}}, {"json": []}]},
    ),
    _row(
        "fetch_next:last",
        "fetch_next",
        [PAGE],
        {"GET /api/v1/timelines/home": [{"entity": "[Status]", "headers": {"Link": _LINK}}, {"json": []}]},
    ),
    _row("status:401-text", "status", ["1"], {"status": 401, "json": "Invalid Bearer token"}),
    _row("status:400-text", "status", ["1"], {"status": 400, "json": "Bad things"}),
    _row("create_app:html", "create_app", ["an app"], {"json": None}, {"api_base_url": BASE_URL}),
    _row(
        "create_app:error",
        "create_app",
        ["an app"],
        {"status": 422, "json": {"error": "bad"}},
        {"api_base_url": BASE_URL},
    ),
    _row("instance:takahe", "instance", [], {"json": {"version": "takahe/0.11.0", "domain": "example.org"}}),
    _row("timeline_home:client-lang", "timeline_home", [], "[Status]", client={"lang": "de"}),
    _row("status_post:client-lang", "status_post", ["hallo"], "Status", client={"lang": "de"}),
    _row(
        "status_post:fedibird-quote",
        "status_post",
        ["hi"],
        "Status",
        {"quote_id": "5"},
        client={"feature_set": "fedibird"},
    ),
    _row(
        "status_post:pleroma-content-type",
        "status_post",
        ["hi"],
        "Status",
        {"content_type": "text/markdown"},
        client={"feature_set": "pleroma"},
    ),
    _row(
        "status_post:pleroma-quote",
        "status_post",
        ["hi"],
        "Status",
        {"quote_id": "5"},
        client={"feature_set": "pleroma"},
    ),
    _row(
        "fetch_next:link-offset-not-a-number",
        "fetch_next",
        [{"$call": {"method": "account_search", "args": ["hello"], "kwargs": {}}}],
        {
            "GET /api/v1/accounts/search": [
                {
                    "entity": "[Account]",
                    "headers": {
                        "Link": '<https://example.org/api/v1/accounts/search?q=hello&offset=0, <x>>; rel="next"'
                    },
                },
                "[Account]",
            ]
        },
    ),
    _row(
        "fetch_next:link-max-id-not-a-number",
        "fetch_next",
        [PAGE],
        {
            "GET /api/v1/timelines/home": [
                {
                    "entity": "[Status]",
                    "headers": {"Link": '<https://example.org/api/v1/timelines/home?max_id=abc>; rel="next"'},
                },
                "[Status]",
            ]
        },
    ),
]
