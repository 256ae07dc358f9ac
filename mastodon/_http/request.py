"""One request, end to end: rate limit, send, map errors, decode, convert, paginate.

Every HTTP request the client makes goes through :func:`send` (and API calls through
:func:`call`), which sends it with ``client.session.request`` so a caller's own session,
adapters and proxies apply.
"""

from __future__ import annotations

import http.client
import logging
import math
import random
import warnings
from collections.abc import Iterator, Mapping, Sized
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypedDict, Unpack
from urllib.parse import urlencode, urlsplit

import requests
import urllib3

from mastodon._http.encoding import encode_form, encode_json
from mastodon._http.fastpaths import close_quietly, read_whole_body
from mastodon._http.headers import read_header
from mastodon._http.links import int_param, parse_link_header, query_of
from mastodon._http.ratelimit import RateLimiter, bucket_for
from mastodon.errors import (
    MastodonAPIError,
    MastodonDeprecationWarning,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonReadTimeout,
)
from mastodon.types_base import (
    AttribAccessList,
    EmptyResponse,
    PaginatableList,
    PaginationInfo,
    converter_for,
    decode_for,
    decode_json,
)

if TYPE_CHECKING:
    from mastodon._convert import Converter
    from mastodon._http.protocol import HTTPClient

__all__ = ["call", "identity_headers", "no_auth", "redact", "send"]

log = logging.getLogger("mastodon")

_REDACTED_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "idempotency-key"})
_SECRET_FIELDS = frozenset(
    {"access_token", "client_secret", "password", "refresh_token", "code", "token", "code_verifier"}
)
_NO_BODY = (None, b"", "")
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_RETRY_STATUSES = frozenset({502, 503, 504})
# What a transport failure can look like: requests wraps most of urllib3's and http.client's
# errors, but not all of them (a custom session or adapter may raise them directly).
_TRANSPORT_ERRORS = (
    requests.exceptions.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
)
# Failures that would happen again, identically, on every attempt.
_BAD_REQUEST_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.InvalidHeader,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.URLRequired,
)


def no_auth(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """An ``auth`` hook that adds nothing: it stops requests from reading ``~/.netrc``."""
    return request


def redact(pairs: Any) -> Any:
    """A copy of headers or parameters with secrets replaced, for logs and error messages."""
    if isinstance(pairs, Mapping):
        return {
            key: ("<redacted>" if str(key).lower() in _REDACTED_HEADERS or key in _SECRET_FIELDS else value)
            for key, value in pairs.items()
        }
    if isinstance(pairs, list):
        return [(key, "<redacted>" if key in _SECRET_FIELDS else value) for key, value in pairs]
    return pairs


def _retry_after(response: requests.Response, limiter: RateLimiter) -> float | None:
    """The ``Retry-After`` of an answer in seconds from now, or None if absent or unusable.

    The header is a number of seconds or an HTTP date; a date is on the server's clock, so it is
    measured with the limiter's clock and its estimate of the difference between the two clocks.
    """
    value = read_header(response.headers, "Retry-After")
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        moment = parsedate_to_datetime(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return limiter.seconds_until(moment.timestamp())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def send(
    client: HTTPClient,
    verb: str,
    url: str,
    *,
    params: Any = None,
    data: Any = None,
    json_body: Any = None,
    files: Any = None,
    headers: Mapping[str, str] | None = None,
    access_token: str | None = None,
    stream: bool = False,
    timeout: Any = None,
    authenticated: bool = True,
) -> requests.Response:
    """Send one HTTP request under the client's rate limit and map failures to Mastodon errors.

    A 429 is handled by the rate limiter (raise, or wait and send again). With ``client.retries``
    above zero, a request that is safe to repeat is sent again after a network failure or a
    502/503/504 answer (see :doc:`/reliability`). Other non-2xx answers raise the mapped
    :class:`MastodonAPIError` subclass; transport failures raise :class:`MastodonNetworkError`.
    """
    token = access_token if access_token is not None else client.access_token
    request_headers = identity_headers(client.user_agent, token if authenticated else None)
    if headers:
        request_headers.update(headers)
    limiter = client._ratelimiter
    bucket = bucket_for(verb, urlsplit(url).path)
    # A request may be sent again only if sending it twice does no harm: idempotent verbs, or a
    # request carrying an Idempotency-Key that lets the server recognise the repeat. The key is
    # the caller's, fixed before the first attempt and sent unchanged with every repeat.
    repeatable = verb.upper() in _IDEMPOTENT or any(
        key.lower() == "idempotency-key" and value for key, value in request_headers.items()
    )
    # Where file objects in the body stand now, so that a repeat sends them whole again.
    marks = _body_marks(files, data)
    wire_params, wire_data = _wire(params, data, files, request_headers)
    # A session whose transport reads bodies whole is asked for them; any other reads them here.
    whole = not stream and getattr(client.session, "reads_bodies_whole", False) is True
    attempt = 0
    failures = 0
    while True:
        ticket = limiter.before_request(bucket)
        if client.debug_requests or log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s params=%s data=%s headers=%s", verb, url, redact(params), redact(data), redact(request_headers)
            )
        try:
            response = client.session.request(
                verb,
                url,
                params=wire_params,
                data=wire_data,
                json=json_body,
                files=files,
                headers=request_headers,
                timeout=timeout if timeout is not None else client.request_timeout,
                stream=not whole,
                auth=no_auth,
            )
            if not stream:
                read_whole_body(response)
        except _TRANSPORT_ERRORS as exc:
            limiter.finish(ticket)
            if failures < client.retries and _may_resend(exc, repeatable) and _rewind(marks):
                delay = _backoff(client, failures)
                log.debug("%s %s failed (%s); sending again in %.2f s", verb, _safe_url(url), type(exc).__name__, delay)
                limiter.pause(delay)
                failures += 1
                continue
            raise _network_error(verb, url, exc) from exc
        except BaseException:
            limiter.finish(ticket)
            raise
        limiter.finish(ticket, response.headers, response.status_code)
        if client.debug_requests or log.isEnabledFor(logging.DEBUG):
            log.debug(
                "-> %s %s (%s bytes)",
                response.status_code,
                response.reason,
                response.headers.get("Content-Length", "?"),
            )
        if read_header(response.headers, "Deprecation"):
            warnings.warn(
                f"the server marked {verb} {_safe_url(url)} as deprecated", MastodonDeprecationWarning, stacklevel=4
            )
        if response.status_code == 429:
            retry_after = _retry_after(response, limiter)
            close_quietly(response)
            if limiter.method != "throw" and not _rewind(marks):
                raise MastodonRatelimitError("Hit rate limit; the request body cannot be sent a second time.")
            # Raises in throw mode, whatever the retry settings: a 429 there is the caller's to handle.
            limiter.on_too_many_requests(attempt, retry_after, bucket=bucket)
            attempt += 1
            continue
        if response.status_code in _RETRY_STATUSES and repeatable and failures < client.retries:
            retry_after = _retry_after(response, limiter)
            # A server that asks for a longer pause than the caller allows is not asked again.
            if (retry_after is None or retry_after <= client.retry_backoff_max) and _rewind(marks):
                delay = _backoff(client, failures, retry_after)
                log.debug(
                    "%s %s answered %s; sending again in %.2f s", verb, _safe_url(url), response.status_code, delay
                )
                close_quietly(response)
                limiter.pause(delay)
                failures += 1
                continue
        if response.status_code >= 400:
            raise api_error(response)
        return response


def identity_headers(user_agent: str | None, access_token: Any) -> dict[str, str]:
    """``User-Agent`` and, with a token, ``Authorization``: the headers every request carries.

    Raises:
        MastodonIllegalArgumentError: The token is not a single line of text. requests would
            refuse the header and quote it in its error message; a WebSocket handshake would
            even send the rest of it as headers of their own.
    """
    headers = {"User-Agent": user_agent} if user_agent else {}
    if access_token:
        if not isinstance(access_token, str) or any(char in access_token for char in "\r\n\0"):
            raise MastodonIllegalArgumentError(
                "the access token is not a single line of text (was it read from a file with its newline?)"
            )
        headers["Authorization"] = "Bearer " + access_token
    return headers


def _wire(params: Any, data: Any, files: Any, headers: dict[str, str]) -> tuple[Any, Any]:
    """Query and form pairs as the text requests would make of them, made here.

    requests makes the same text, but first asks whether each value is a readable stream through a
    ``typing.Protocol`` check that costs 10-30 µs per request; text is passed through unchecked.
    Anything but a list of pairs (a caller's mapping, a file, multipart fields) is left to requests.
    """
    if params is None:
        params = ""
    elif isinstance(params, list):
        params = urlencode(params)
    if isinstance(data, list) and data and not files:
        data = urlencode(data)
        if not any(key.lower() == "content-type" for key in headers):
            headers["Content-Type"] = "application/x-www-form-urlencoded"
    return params, data


def _may_resend(exc: BaseException, repeatable: bool) -> bool:
    """Whether a transport failure allows sending the request again."""
    if isinstance(exc, _BAD_REQUEST_ERRORS):
        return False
    return repeatable or _never_sent(exc)


def _causes(exc: BaseException) -> list[object]:
    """The exception and what requests and urllib3 wrapped inside it."""
    found: list[object] = [exc]
    inner = exc.args[0] if exc.args else None
    if inner is not None:
        found.append(inner)
        reason = getattr(inner, "reason", None)
        if reason is not None:
            found.append(reason)
    return found


def _never_sent(exc: BaseException) -> bool:
    """Whether a transport failure happened before the request reached the server.

    Only a failure to connect proves that; once a connection stood, the server may have received
    the request even if no answer came back.
    """
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    # urllib3's NewConnectionError (refused, unreachable, name not resolved) is a ConnectTimeoutError.
    return any(isinstance(cause, urllib3.exceptions.ConnectTimeoutError) for cause in _causes(exc))


def _is_timeout(exc: BaseException) -> bool:
    # A timeout while the body is read reaches us as a ConnectionError wrapping urllib3's error.
    # urllib3 files a refused connection (NewConnectionError) under its timeouts; it is not one.
    return any(
        isinstance(cause, (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError))
        and not isinstance(cause, urllib3.exceptions.NewConnectionError)
        for cause in _causes(exc)
    )


def _network_error(verb: str, url: str, exc: BaseException) -> MastodonNetworkError:
    if _is_timeout(exc):
        return MastodonReadTimeout(f"{verb} {_safe_url(url)} timed out: {type(exc).__name__}")
    return MastodonNetworkError(f"{verb} {_safe_url(url)} failed: {type(exc).__name__}: {exc}")


def _file_handles(files: Any) -> list[Any]:
    if not files:
        return []
    values = files.values() if isinstance(files, Mapping) else [pair[1] for pair in files]
    return [value[1] if isinstance(value, (tuple, list)) and len(value) > 1 else value for value in values]


def _body_marks(files: Any, data: Any) -> list[tuple[Any, int]] | None:
    """The positions of the file objects in a request body, or None if it cannot be sent twice."""
    marks: list[tuple[Any, int]] = []
    handles = _file_handles(files)
    if hasattr(data, "read"):
        handles.append(data)
    elif isinstance(data, Iterator):
        # A generator is spent by the first attempt.
        return None
    for handle in handles:
        if not hasattr(handle, "read"):
            continue
        try:
            seekable = getattr(handle, "seekable", None)
            if callable(seekable) and not seekable():
                return None
            marks.append((handle, int(handle.tell())))
        except (AttributeError, OSError, ValueError, TypeError):
            return None
    return marks


def _rewind(marks: list[tuple[Any, int]] | None) -> bool:
    """Put the file objects of a body back where they stood; False if that is impossible."""
    if marks is None:
        return False
    for handle, position in marks:
        try:
            handle.seek(position)
        except (AttributeError, OSError, ValueError, TypeError):
            return False
    return True


def _backoff(client: HTTPClient, failures: int, retry_after: float | None = None) -> float:
    """How long to wait before retry number ``failures + 1``: capped exponential, with jitter."""
    delay = min(client.retry_backoff * 2.0 ** min(failures, 64), client.retry_backoff_max)
    # Jitter keeps many clients that failed together from coming back together.
    delay *= random.uniform(0.5, 1.0)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


def _safe_url(url: str) -> str:
    return url.split("?", 1)[0]


def api_error(response: requests.Response) -> MastodonAPIError:
    """The error for an answer with an error status, with the server's words where it gave any.

    The error text is the ``error`` field of a JSON body (with its ``error_description``), a JSON
    string, or a short plain-text body such as ``Invalid Bearer token``; ``None`` when the body
    says nothing readable (``'Endpoint not found.'`` for a 404), as in Mastodon.py.
    """
    details = None
    error_text: Any = None
    content = response.content
    try:
        body = decode_json(content) if content else None
    except ValueError:
        body = None
        error_text = _plain_text(response, content)
    if isinstance(body, dict):
        error_text = body.get("error")
        if body.get("error_description"):
            error_text = f"{error_text}: {body['error_description']}" if error_text else body["error_description"]
        details = body.get("details")
    elif isinstance(body, str):
        error_text = body
    if not error_text and response.status_code == 404:
        error_text = "Endpoint not found."
    return MastodonAPIError.build(response.status_code, response.reason, error_text, response=response, details=details)


#: The longest body that is quoted whole in an error: a message, not a page.
_MAX_PLAIN_ERROR = 300


def _plain_text(response: requests.Response, content: Any) -> str | None:
    """A short plain-text error body as one line of text, or None for anything else (HTML, binary)."""
    if not isinstance(content, bytes) or len(content) > _MAX_PLAIN_ERROR * 4:
        return None
    kind = read_header(response.headers, "Content-Type") or ""
    if "html" in kind.lower() or "xml" in kind.lower():
        return None
    try:
        text = " ".join(content.decode("utf-8").split())
    except UnicodeDecodeError:
        return None
    if not text or len(text) > _MAX_PLAIN_ERROR or text.startswith("<") or not text.isprintable():
        return None
    return text


def decode_body(response: requests.Response) -> Any:
    """Decode a JSON body; an empty body gives ``None``, anything else unreadable a clear error."""
    value, convert = decode_typed(response, None)
    return convert(value)


def decode_typed(response: requests.Response, rtype: Any) -> tuple[Any, Converter]:
    """Decode a JSON body, and the converter of its value to ``rtype`` (see :func:`decode_for`).

    An empty body gives ``None``; anything else unreadable, a clear error.
    """
    content = response.content
    # Only a body that starts with white space can be nothing but white space (no copy otherwise).
    if content in _NO_BODY or (content[:1].isspace() and not content.strip()):
        return None, converter_for(None)
    try:
        return decode_for(content, rtype)
    except ValueError as exc:
        kind = read_header(response.headers, "Content-Type") or "unknown content type"
        raise MastodonAPIError.build(
            response.status_code,
            response.reason,
            f"Could not parse response as JSON: the body ({len(content)} bytes, {kind}) is not valid JSON: {exc}",
            response=response,
        ) from exc


class CallOptions(TypedDict, total=False):
    """What an API call may carry besides its verb, path and return type; all optional.

    ``params`` go in the query string; ``form``, ``json`` and ``files`` make the body (a form,
    a JSON document, a multipart upload with ``form`` beside it). ``access_token`` and
    ``base_url`` stand in for the client's own for this call. ``paginate="offset"`` marks
    endpoints paged by ``offset`` instead of ``Link`` headers; ``paginate="force"`` gives a
    result that is not a list its pagination information all the same. ``empty_ok`` accepts an empty body.
    """

    params: Mapping[str, Any] | None
    form: Mapping[str, Any] | None
    json: Mapping[str, Any] | None
    files: Mapping[str, Any] | None
    headers: Mapping[str, str] | None
    access_token: str | None
    base_url: str | None
    paginate: str | None
    empty_ok: bool


def call(client: HTTPClient, verb: str, path: str, rtype: Any, **options: Unpack[CallOptions]) -> Any:
    """Make an API call and return its result converted to ``rtype``; see :class:`CallOptions`.

    An empty body is an error where a result was expected, unless ``rtype`` is ``None`` or
    :class:`EmptyResponse`, or ``empty_ok`` is set.
    """
    params, form, json = options.get("params"), options.get("form"), options.get("json")
    files, headers, access_token = options.get("files"), options.get("headers"), options.get("access_token")
    base_url, paginate, empty_ok = options.get("base_url"), options.get("paginate"), options.get("empty_ok", False)
    if client.lang is not None:
        # The client's language travels with the call's other parameters: in a JSON body, in
        # the query of a GET, in the form of any other request.
        if json is not None:
            json = json if "lang" in json else {**json, "lang": client.lang}
        elif verb.upper() == "GET":
            params = params if params is not None and "lang" in params else {**(params or {}), "lang": client.lang}
        elif form is None or "lang" not in form:
            form = {**(form or {}), "lang": client.lang}
    url = (base_url if base_url is not None else client.api_base_url) + path
    query = encode_form(params) if params else None
    data = encode_form(form) if form is not None else None
    body = encode_json(json) if json is not None else None
    response = send(
        client,
        verb,
        url,
        params=query,
        data=data,
        json_body=body,
        files=files,
        headers=headers,
        access_token=access_token,
    )
    decoded, convert = decode_typed(response, rtype)
    if decoded is None:
        if rtype is EmptyResponse:
            return EmptyResponse()
        if rtype is None or empty_ok:
            return None
        raise MastodonAPIError.build(
            response.status_code,
            response.reason,
            f"the server sent an empty body where {verb} {path} should return a result",
            response=response,
        )
    result = convert(decoded)
    if isinstance(result, list):
        if not isinstance(result, AttribAccessList):
            result = PaginatableList(result)
        _attach_pagination(result, response, verb, path, rtype, params, paginate)
    elif paginate == "force" and isinstance(result, dict):
        # A result that is not a list but pages all the same (grouped notifications).
        _attach_pagination(result, response, verb, path, rtype, params, None)
    elif paginate is not None and paginate.startswith("offset:") and isinstance(result, dict):
        # A result holding its page in one field, paged by offset (collections).
        field = paginate.partition(":")[2]
        items = result.get(field)
        _attach_pagination(
            result, response, verb, path, rtype, params, "offset", items if isinstance(items, list) else []
        )
        for info in (result.__dict__.get("_pagination_next"), result.__dict__.get("_pagination_prev")):
            if info is not None:
                dict.__setitem__(info, "_pagination_offset_field", field)
    refresh = read_header(response.headers, "Mastodon-Async-Refresh")
    if refresh and hasattr(result, "__dict__"):
        info = _async_refresh_info(refresh)
        if "id" in info:
            info.update({"_method": verb, "_endpoint": path, "_params": dict(params or {}), "_mastopy_type": rtype})
            object.__setattr__(result, "_async_refresh", info)
    return result


def _async_refresh_info(header: str) -> dict[str, Any]:
    """The fields of a ``Mastodon-Async-Refresh`` header (``id="..."``, ``retry=3``, ``result_count=5``)."""
    info: dict[str, Any] = {}
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if not value:
            continue
        text = value.strip().strip('"')
        key = key.strip()
        if key in ("retry", "result_count"):
            try:
                info[key] = int(text)
            except ValueError:
                continue
        else:
            info[key] = text
    return info


def _attach_pagination(
    page: Any,
    response: requests.Response,
    verb: str,
    path: str,
    rtype: Any,
    params: Mapping[str, Any] | None,
    paginate: str | None,
    items: Sized | None = None,
) -> None:
    base = {
        key: value
        for key, value in (params or {}).items()
        if value is not None and key not in ("max_id", "min_id", "since_id")
    }
    next_info = prev_info = None
    link_text = read_header(response.headers, "Link")
    links = parse_link_header(link_text)
    if paginate == "offset" and link_text and link_text.strip():
        # A server that links its offset pages is followed as it says; a link whose offset is not
        # a number leads nowhere, as in Mastodon.py.
        for rel in ("next", "prev"):
            query = query_of(links[rel]) if rel in links else {}
            offset_value = int_param(query.get("offset"), -1)
            if offset_value >= 0:
                found = {**base, "offset": offset_value}
                if int_param(query.get("limit"), -1) >= 0:
                    found["limit"] = int_param(query.get("limit"), 0)
                if rel == "next":
                    next_info = _info(verb, path, rtype, found)
                else:
                    prev_info = _info(verb, path, rtype, found)
    elif paginate == "offset":
        counted = page if items is None else items
        offset = int_param((params or {}).get("offset"), 0)
        if counted:
            next_info = _info(verb, path, rtype, {**base, "offset": offset + len(counted)})
        if offset > 0:
            step = int_param((params or {}).get("limit"), 0) or len(counted) or 1
            prev_info = _info(verb, path, rtype, {**base, "offset": max(offset - step, 0)})
    else:
        # A link without the cursor its direction needs leads nowhere, as in Mastodon.py.
        next_cursor = _cursor(links["next"], ("max_id",)) if "next" in links else None
        if next_cursor is not None:
            next_info = _info(verb, path, rtype, {**base, **next_cursor})
        prev_cursor = _cursor(links["prev"], ("min_id", "since_id")) if "prev" in links else None
        if prev_cursor is not None:
            prev_info = _info(verb, path, rtype, {**base, **prev_cursor})
    # Attributes, not keys: a paged dict result keeps exactly what the server sent.
    object.__setattr__(page, "_pagination_next", next_info)
    object.__setattr__(page, "_pagination_prev", prev_info)


def _cursor(url: str, preferred: tuple[str, ...]) -> dict[str, Any] | None:
    """The paging parameters of a Link URL: the preferred cursor first, other cursors too.

    ``None`` when the URL holds none of the preferred cursors.

    Only parameters are taken from the link, never its host: a page is always fetched from the
    server the first request went to.
    """
    query = query_of(url)
    cursor: dict[str, Any] = {}
    for key in preferred:
        if key in query:
            value = query[key]
            # A numeric cursor is kept as a number, as Mastodon.py keeps it.
            cursor[key] = int(value) if isinstance(value, str) and value.isascii() and value.isdigit() else value
            break
    if not cursor:
        return None
    for key, value in query.items():
        if key not in ("max_id", "min_id", "since_id", "limit") and key not in cursor:
            cursor[key] = value
    return cursor


def _info(verb: str, path: str, rtype: Any, params: dict[str, Any]) -> PaginationInfo:
    info = PaginationInfo(params)
    dict.update(info, {"_pagination_method": verb, "_pagination_endpoint": path, "_mastopy_type": rtype})
    return info
