"""Replay one row of the call table against a fake server and describe what the client did.

Used twice: by ``codegen/record_reference.py`` inside a side venv where ``mastodon`` is
Mastodon.py 2.3.3, and by the contract test with this project's ``mastodon``. It therefore
imports only the standard library, ``requests`` and ``responses`` at module level, and the
client's package only inside :func:`replay`.
"""

from __future__ import annotations

import contextlib
import datetime
import email.parser
import inspect
import json
import re
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from typing import Any

import calls
import requests
import responses

# Request headers that say nothing about the call itself: the transport's own, and the two
# that the comparison leaves out by design.
_SKIPPED_HEADERS = {
    "authorization",
    "user-agent",
    "accept",
    "accept-encoding",
    "connection",
    "content-length",
    "content-type",
}
_VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD")
# How deep below the result the classes of nested values are described.
_DEPTH = 2


def _pairs(text: str) -> list[list[str]]:
    return [[k, v] for k, v in urllib.parse.parse_qsl(text, keep_blank_values=True)]


def _decode_body(request: requests.PreparedRequest) -> dict[str, Any]:
    body = request.body
    if body is None or body == b"" or body == "":
        return {}
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    ctype = request.headers.get("Content-Type", "")
    if ctype.startswith("application/json"):
        return {"json": json.loads(raw.decode("utf-8"))}
    if ctype.startswith("multipart/form-data"):
        message = email.parser.BytesParser().parsebytes(b"Content-Type: " + ctype.encode("latin-1") + b"\r\n\r\n" + raw)
        form: list[list[str]] = []
        files: dict[str, str] = {}
        for part in message.get_payload():
            field = part.get_param("name", header="content-disposition")
            if part.get_param("filename", header="content-disposition") is not None:
                files[str(field)] = part.get_content_type()
            else:
                payload = part.get_payload(decode=True)
                form.append([str(field), payload.decode("utf-8")])
        return {"multipart": form, "files": files}
    return {"form": _pairs(raw.decode("utf-8"))}


def describe_request(request: requests.PreparedRequest) -> dict[str, Any]:
    """The parts of a request the contract compares."""
    url = urllib.parse.urlsplit(str(request.url))
    out: dict[str, Any] = {"verb": request.method, "path": url.path, "query": _pairs(url.query)}
    out.update(_decode_body(request))
    headers = {k: v for k, v in request.headers.items() if k.lower() not in _SKIPPED_HEADERS}
    if headers:
        out["headers"] = dict(sorted(headers.items()))
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, datetime.datetime):
        return "datetime" if value.tzinfo is not None else "naive datetime"
    for base in (int, float, str, bytes):
        if isinstance(value, base):
            return base.__name__
    return type(value).__name__


def describe_result(value: Any) -> dict[str, str]:
    """Class of the result and, two levels deep, of each value inside it (``path: class``)."""
    out: dict[str, str] = {}

    def walk(v: Any, path: str, depth: int) -> None:
        out[path] = _kind(v)
        if depth >= _DEPTH:
            return
        if isinstance(v, dict):
            # A declared field the server left out may be answered by the class rather than stored
            # in the result; what a user reads by key is what counts, so those are walked too.
            keys = list(v) + [k for k in getattr(type(v), "_absent", ()) if k not in dict.keys(v)]
            for key in keys:
                if isinstance(key, str) and not key.startswith("_"):
                    walk(v[key], f"{path}.{key}", depth + 1)
        elif isinstance(v, (list, tuple)) and v:
            walk(v[0], f"{path}[0]", depth)

    walk(value, "$", 0)
    return out


class _Server:
    """Answers every request from the row's answer table and keeps what was asked."""

    def __init__(self, answers: dict[str, Any]) -> None:
        # A list is a sequence of answers given in turn, the last one repeating.
        self.answers = {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}
        self.seen: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    def __call__(self, request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        with self.lock:
            self.seen.append(describe_request(request))
            path = urllib.parse.urlsplit(str(request.url)).path
            key = f"{request.method} {path}"
            spec = self.answers.get(key, self.answers.get("*", "{}"))
            if isinstance(spec, list):
                spec = spec.pop(0) if len(spec) > 1 else spec[0]
        status, headers, body = calls.answer_json(spec)
        text = body if isinstance(body, str) else json.dumps(body)
        if body is None:
            text = "<html>not json</html>"
        if request.method == "HEAD":
            text = ""
        headers.setdefault("Content-Type", "application/json")
        return status, headers, text


def _build(value: Any, client: Any, mastodon: Any) -> Any:
    if isinstance(value, list):
        return [_build(v, client, mastodon) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$entity":
            return calls.sample_entity(inner)
        if key == "$date":
            return datetime.date.fromisoformat(inner)
        if key == "$datetime":
            return datetime.datetime.fromisoformat(inner)
        if key == "$bytes":
            return inner.encode("utf-8")
        if key == "$tuple":
            return tuple(_build(v, client, mastodon) for v in inner)
        if key == "$listener":
            return mastodon.StreamListener()
        if key == "$call":
            method = getattr(client, inner["method"])
            return method(*_build(inner["args"], client, mastodon), **_build(inner["kwargs"], client, mastodon))
    if isinstance(value, dict):
        return {k: _build(v, client, mastodon) for k, v in value.items()}
    return value


@contextlib.contextmanager
def _no_network() -> Iterator[None]:
    """No name resolves while a row runs: what bypasses ``requests`` (WebSocket) fails at once."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "name resolution is off while replaying")

    original = socket.getaddrinfo
    socket.getaddrinfo = refuse
    try:
        yield
    finally:
        socket.getaddrinfo = original


@contextlib.contextmanager
def _plain_install() -> Iterator[None]:
    """The optional extras count as absent, as in the recording (made with none but websocket-client)."""
    from mastodon import compat

    flags = ("IMPL_HAS_CRYPTO", "IMPL_HAS_ECE", "IMPL_HAS_BLURHASH", "IMPL_HAS_GRAPHEME", "IMPL_HAS_MAGIC")
    # The recorder runs this module against Mastodon.py too, whose compat module lacks some flags.
    saved = {flag: getattr(compat, flag) for flag in flags if hasattr(compat, flag)}
    for flag in saved:
        setattr(compat, flag, False)
    try:
        yield
    finally:
        for flag, value in saved.items():
            setattr(compat, flag, value)


def make_client(mastodon: Any, version: str, settings: dict[str, Any] | None = None) -> Any:
    """The client every row runs on; a row's ``client`` settings (``lang``, ``feature_set``) added."""
    return mastodon.Mastodon(
        client_id="cid",
        client_secret="csecret",
        access_token="token",
        api_base_url=calls.BASE_URL,
        mastodon_version=version,
        version_check_mode="created",
        ratelimit_method="throw",
        **(settings or {}),
    )


def replay(row: dict[str, Any]) -> dict[str, Any]:
    """Run one row against the installed ``mastodon`` package; return what happened."""
    import mastodon

    server = _Server(row.get("answers", {"*": "{}"}))
    out: dict[str, Any] = {}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock, _no_network(), _plain_install():
        for verb in _VERBS:
            mock.add_callback(verb, re.compile(r"https?://.*"), callback=server)
        try:
            client = make_client(mastodon, row.get("version", calls.SERVER_VERSION), row.get("client"))
            if not hasattr(client, row["method"]):
                return {"missing": True}
            args = _build(row["args"], client, mastodon)
            kwargs = _build(row["kwargs"], client, mastodon)
            result = getattr(client, row["method"])(*args, **kwargs)
            if inspect.isgenerator(result) or isinstance(result, Iterator):
                result = _take(result, 3)
            out["result"] = describe_result(result)
            for path in row.get("probe", []):
                out["result"][path] = _probe(result, path)
            if isinstance(result, (str, int, float, bool)) and not isinstance(result, type(None)):
                out["value"] = result if not isinstance(result, str) else str(result)
        except Exception as exc:  # every failure is part of the record
            out["error"] = {"class": type(exc).__name__, "message": str(exc)}
    out["requests"] = server.seen
    return out


def _probe(value: Any, path: str) -> str:
    """Class of the value at a dotted path deeper than the description goes (``$.meta.focus.x``)."""
    for key in path.split(".")[1:]:
        if not isinstance(value, dict) or key not in value:
            return "absent"
        value = value[key]
    return _kind(value)


def _take(iterator: Iterator[Any], count: int) -> list[Any]:
    items = []
    for item in iterator:
        items.append(item)
        if len(items) >= count:
            break
    return items
