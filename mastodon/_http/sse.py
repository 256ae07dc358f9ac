"""Server-sent events (SSE) below the listener API: parsing, reading, dispatching.

:class:`SSEParser` is pure: it knows nothing about HTTP or threads. Feed it the bytes of a
``text/event-stream`` body as they arrive, in chunks cut anywhere, and it returns what became
complete: events and comments. Lines may end in LF, CRLF or a lone CR. An event is complete at
the blank line that ends it; an event still open when the body ends is dropped, as the
specification asks (a connection that drops mid-event must not deliver half an event).

:func:`iter_body` reads a streaming body in large chunks (unframing chunked transfer coding
with :class:`ChunkedDecoder`), :func:`interrupt` wakes a reader blocked on it from another
thread, and :func:`transport_error` maps read failures to Mastodon errors. :class:`Dispatcher`
decodes and converts each event's payload once and calls the listener; :func:`pump` ties these
together.

Mastodon's streaming server sends comments (``:thump``) as heartbeats, and events of the form
``event: update`` / ``data: {...}``.

Example:
    >>> parser = SSEParser()
    >>> parser.feed(b"event: delete\\ndata: 1")
    []
    >>> parser.feed(b"23\\n\\n")
    [SSEEvent(name='delete', data=b'123', id=None)]
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

import requests
import urllib3

from mastodon._http.fastpaths import close_quietly, framed_socket_file, shut_down_socket
from mastodon.errors import MastodonMalformedEventError, MastodonNetworkError, MastodonReadTimeout
from mastodon.return_types import Announcement, Conversation, Notification, Status, StreamReaction
from mastodon.types_base import AttribAccessDict, decode_for, decode_json

if TYPE_CHECKING:
    import inspect

__all__ = [
    "DEFAULT_MAX_LINE_BYTES",
    "READ_SIZE",
    "TRANSPORT_ERRORS",
    "ChunkedBodyError",
    "ChunkedDecoder",
    "Dispatcher",
    "SSEComment",
    "SSEEvent",
    "SSEParser",
    "default_handler",
    "interrupt",
    "iter_body",
    "overrides",
    "pump",
    "transport_error",
]


#: The longest line the parser holds before it gives up on a stream (a status is a few KB).
DEFAULT_MAX_LINE_BYTES: Final = 32 * 1024 * 1024


class SSEEvent(NamedTuple):
    """One complete event.

    Attributes:
        name: The ``event:`` field, or ``None`` when the event had none.
        data: The ``data:`` lines joined with ``\\n`` (bytes, undecoded), or ``None`` when the
            event had no ``data:`` line.
        id: The last event ID seen on the stream so far (``id:`` fields persist), or ``None``.
    """

    name: str | None
    data: bytes | None
    id: str | None


class SSEComment(NamedTuple):
    """A comment line (one starting with ``:``); servers send these as heartbeats.

    Attributes:
        text: What followed the colon.
    """

    text: bytes


SSEItem = SSEEvent | SSEComment

# Event names repeat endlessly on a stream; decoding each one once is enough.
_NAME_CACHE: dict[bytes, str] = {}


def _event_name(raw: bytes) -> str:
    name = _NAME_CACHE.get(raw)
    if name is None:
        name = raw.decode("utf-8", "replace")
        if len(_NAME_CACHE) < 256:
            _NAME_CACHE[raw] = name
    return name


class SSEParser:
    """Incremental parser of a ``text/event-stream`` body.

    Args:
        max_line_bytes: The longest incomplete line held in memory; a longer one raises
            :class:`MastodonMalformedEventError` instead of growing without bound.

    Attributes:
        last_event_id: The value of the last ``id:`` field, or ``None``.
        retry_ms: The reconnection delay the server asked for with ``retry:``, or ``None``.
    """

    __slots__ = ("_after_cr", "_data", "_held", "_held_size", "_name", "last_event_id", "max_line_bytes", "retry_ms")

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self.max_line_bytes = max_line_bytes
        self.last_event_id: str | None = None
        self.retry_ms: int | None = None
        # Bytes of the current, unfinished line, kept as pieces so that a long line arriving in
        # many small chunks is joined once (linear), not re-copied on every chunk.
        self._held: list[bytes] = []
        self._held_size = 0
        self._name: bytes | None = None
        self._data: list[bytes] = []
        self._after_cr = False

    def feed(self, chunk: bytes) -> list[SSEItem]:
        """Take the next bytes of the body.

        Args:
            chunk: Any number of bytes, cut anywhere (even inside a CRLF pair).

        Returns:
            The events and comments completed by this chunk, in stream order.

        Raises:
            MastodonMalformedEventError: A single line grew beyond ``max_line_bytes``.
        """
        if not chunk:
            return []
        if self._after_cr:
            # A CR ended the previous chunk; an LF right after it belongs to the same line break.
            self._after_cr = False
            if chunk[0] == 0x0A:
                chunk = chunk[1:]
                if not chunk:
                    return []
        has_cr = b"\r" in chunk
        if not has_cr and b"\n" not in chunk:
            self._hold(chunk)
            return []
        if has_cr:
            self._after_cr = chunk[-1] == 0x0D
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        if self._held:
            self._held.append(chunk)
            chunk = b"".join(self._held)
            self._held = []
            self._held_size = 0
        return self._lines(chunk)

    def _hold(self, piece: bytes) -> None:
        self._held.append(piece)
        self._held_size += len(piece)
        if self._held_size > self.max_line_bytes:
            self._held = []
            self._held_size = 0
            raise MastodonMalformedEventError(
                f"stream line longer than {self.max_line_bytes} bytes; the stream is not usable"
            )

    def _lines(self, buf: bytes) -> list[SSEItem]:
        # Lines are found with find() (memchr), not bytes.split(), which walks a long line byte
        # by byte; and a data line is sliced once, straight out of the buffer.
        out: list[SSEItem] = []
        data = self._data
        find = buf.find
        starts = buf.startswith
        pos = 0
        while True:
            end = find(b"\n", pos)
            if end < 0:
                break
            if end == pos:
                pos += 1
                if data or self._name is not None:
                    name = self._name
                    out.append(
                        SSEEvent(
                            _event_name(name) if name is not None else None,
                            (data[0] if len(data) == 1 else b"\n".join(data)) if data else None,
                            self.last_event_id,
                        )
                    )
                    self._name = None
                    data = self._data = []
                continue
            # The common lines first, matched with their usual single space.
            if starts(b"data: ", pos):
                data.append(buf[pos + 6 : end])
            elif starts(b"event: ", pos):
                self._name = buf[pos + 7 : end]
            elif buf[pos] == 0x3A:  # ":" starts a comment
                out.append(SSEComment(buf[pos + 1 : end]))
            else:
                self._field(buf[pos:end])
            pos = end + 1
        if pos < len(buf):
            self._hold(buf[pos:])
        return out

    def _field(self, line: bytes) -> None:
        field, colon, value = line.partition(b":")
        if colon and value.startswith(b" "):
            value = value[1:]
        if field == b"data":
            self._data.append(value)
        elif field == b"event":
            self._name = value
        elif field == b"id":
            if b"\x00" not in value:
                self.last_event_id = value.decode("utf-8", "replace")
        elif field == b"retry" and value.isdigit():
            self.retry_ms = int(value)
        # Other field names are ignored, as the specification requires.

    def pending(self) -> bool:
        """Whether an event or line is half received (what a dropped connection would lose)."""
        return bool(self._held or self._data or self._name is not None)

    def reset(self) -> None:
        """Forget any half-received event and line (after a reconnection, say).

        ``last_event_id`` and ``retry_ms`` are kept, as a reconnecting client needs them.
        """
        self._held = []
        self._held_size = 0
        self._name = None
        self._data = []
        self._after_cr = False


# -- reading an HTTP body ---------------------------------------------------------------------

#: How much one read asks for: large, so that a fast stream costs few calls.
READ_SIZE: Final = 64 * 1024


class ChunkedBodyError(ValueError):
    """A chunked HTTP body broke its framing, or ended before its last chunk."""


class ChunkedDecoder:
    """Undoes HTTP/1.1 chunked transfer coding over reads cut anywhere.

    Reading the socket in large blocks and unframing them here costs far less per event than
    reading one HTTP chunk at a time (Mastodon's streaming server sends each event as a chunk).

    Attributes:
        done: True once the last (empty) chunk arrived; later bytes (trailers) are ignored.
    """

    __slots__ = ("_held", "_left", "done")

    def __init__(self) -> None:
        self._held = b""
        self._left = 0
        self.done = False

    def feed(self, data: bytes) -> bytes:
        """Take the next bytes of the framed body and return the payload bytes they complete.

        Raises:
            ChunkedBodyError: A chunk-size line is not a hexadecimal number, or is absurdly long.
        """
        if self.done:
            return b""
        buf = self._held + data if self._held else data
        out: list[bytes] = []
        pos, size = 0, len(buf)
        while pos < size:
            if self._left:
                end = min(pos + self._left, size)
                out.append(buf[pos:end])
                self._left -= end - pos
                pos = end
                if not self._left and buf.startswith(b"\r\n", pos):
                    pos += 2  # the CRLF that closes the chunk's data
                continue
            newline = buf.find(b"\n", pos)
            if newline < 0:
                if size - pos > 1024:
                    raise ChunkedBodyError("chunk-size line too long")
                break
            line = buf[pos:newline]
            pos = newline + 1
            try:
                length = int(line, 16)
            except ValueError:
                length = _chunk_size(line)
                if length < 0:
                    continue  # the closing CRLF of a chunk whose data ended a read
            else:
                if length < 0:
                    raise ChunkedBodyError(f"bad chunk-size line {line[:40]!r}")
            if length == 0:
                self.done = True
                break
            self._left = length
        self._held = buf[pos:] if pos < size and not self.done else b""
        return out[0] if len(out) == 1 else b"".join(out)


def _chunk_size(line: bytes) -> int:
    """The size on a chunk-size line with extensions or odd spacing; -1 for an empty line."""
    text = line.split(b";", 1)[0].strip()
    if not text:
        return -1
    try:
        length = int(text, 16)
    except ValueError:
        length = -1
    if length < 0 or not all(c in b"0123456789abcdefABCDEF" for c in text):
        raise ChunkedBodyError(f"bad chunk-size line {line[:40]!r}")
    return length


def iter_body(response: requests.Response) -> Iterator[bytes]:
    """The body of a streaming response, in pieces as large as the network delivers them.

    A read never waits for more bytes than are already there, so an event reaches the caller as
    soon as it arrives. Only ``iter_content`` is needed of ``response``; the rest is used when it
    is there. A plain chunked body is read from the socket in blocks of up to
    :data:`READ_SIZE` and unframed by :class:`ChunkedDecoder`; other chunked bodies go through
    ``requests`` (one HTTP chunk at a time), and unframed ones through urllib3's ``read1``.

    Raises:
        requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError: The
            transport failed; :func:`transport_error` turns these into Mastodon errors.
    """
    fp = framed_socket_file(response)
    if fp is not None:
        decoder = ChunkedDecoder()
        while not decoder.done:
            block = fp.read1(READ_SIZE)
            if not block:
                raise ChunkedBodyError("the connection closed before the last chunk")
            data = decoder.feed(block)
            if data:
                yield data
        return
    # A response-like object may have nothing but ``iter_content`` (as Mastodon.py reads it).
    raw = getattr(response, "raw", None)
    read1 = getattr(raw, "read1", None)
    if read1 is None or getattr(raw, "chunked", False):
        # A chunked body comes one HTTP chunk at a time, whatever is asked. An unframed one from
        # a urllib3 without ``read1`` (before 2.1) would wait for all the bytes asked for, so it
        # is read a byte at a time there, as Mastodon.py reads every stream.
        unframed = raw is not None and read1 is None and getattr(raw, "chunked", None) is False
        yield from response.iter_content(chunk_size=1 if unframed else READ_SIZE)
        return
    while True:
        data = read1(READ_SIZE, decode_content=True)
        if not data:
            return
        yield data


#: Exceptions that mean the connection failed (as opposed to bugs in a listener).
TRANSPORT_ERRORS: Final = (requests.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError)


def transport_error(exc: BaseException, silent_after: float | None = None) -> MastodonNetworkError:
    """The Mastodon error for a failed read: a read timeout or another network failure.

    Args:
        exc: What the transport raised.
        silent_after: The read timeout in force, named in the message of a timeout.
    """
    timed_out = isinstance(exc, (requests.Timeout, urllib3.exceptions.ReadTimeoutError, TimeoutError))
    if not timed_out and exc.args and isinstance(exc.args[0], urllib3.exceptions.ReadTimeoutError):
        timed_out = True  # requests wraps a read timeout during iter_content in a ConnectionError
    if timed_out:
        if silent_after is not None:
            return MastodonReadTimeout(
                f"The stream went silent: no event and no heartbeat for {silent_after:g} seconds, so the "
                f"connection counts as dead ({exc})"
            )
        return MastodonReadTimeout(f"Timed out while reading from the streaming server: {exc}")
    return MastodonNetworkError(f"The streaming connection failed: {type(exc).__name__}: {exc}")


def interrupt(response: requests.Response) -> None:
    """Make a read blocked on ``response`` (in another thread) return now.

    Shutting the socket down wakes the reader at once; closing the response alone would not
    (and could wait for the reader's buffer lock). Falls back to closing the response when the
    socket cannot be reached.
    """
    if not shut_down_socket(getattr(response, "raw", None)):
        close_quietly(response)


# -- reading payloads ---------------------------------------------------------------------------

Reader = Callable[["str | None", "bytes | None"], Any]

# Payload types of the events Mastodon sends (keys: names with dots as underscores).
_TYPED_EVENTS: dict[str, Any] = {
    "update": Status,
    "status_update": Status,
    "notification": Notification,
    "conversation": Conversation,
    "announcement": Announcement,
    "announcement_reaction": StreamReaction,
    "encrypted_message": AttribAccessDict,
}
_ID_EVENTS = frozenset({"delete", "announcement_delete"})
_EMPTY_EVENTS = frozenset({"filters_changed", "notifications_merged"})
# Listener methods that are not event handlers, whatever an event may be called.
_NOT_HANDLERS = frozenset(
    {"any_event", "unknown_event", "abort", "websocket_error", "connected", "disconnected", "reconnecting", "gap"}
)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _missing(name: str | None) -> MastodonMalformedEventError:
    return MastodonMalformedEventError("Missing field", "data", name)


def _typed_reader(cls: Any) -> Reader:
    def read(name: str | None, data: bytes | None) -> Any:
        if data is None:
            raise _missing(name)
        try:
            value, convert = decode_for(data, cls)
        except ValueError as exc:
            raise MastodonMalformedEventError("Bad JSON", _text(data)) from exc
        if not isinstance(value, dict):
            raise MastodonMalformedEventError("Unexpected payload", name, _text(data))
        return convert(value)

    return read


def _read_id(name: str | None, data: bytes | None) -> Any:
    # Mastodon sends the bare ID (``data: 1234``); a JSON string is accepted as well.
    if data is None:
        raise _missing(name)
    text = _text(data).strip()
    if text.startswith('"'):
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise MastodonMalformedEventError("Bad JSON", text) from exc
        text = value if isinstance(value, str) else str(value)
    if not text:
        raise _missing(name)
    return text


def _read_nothing(name: str | None, data: bytes | None) -> Any:
    return None


def _read_unknown(name: str | None, data: bytes | None) -> Any:
    # Unknown events are passed on as they are: a server's new event must not end the stream.
    if data is None:
        return None
    try:
        return decode_json(data)
    except ValueError:
        return _text(data)


def _reader_for(key: str) -> Reader:
    if key in _TYPED_EVENTS:
        return _typed_reader(_TYPED_EVENTS[key])
    if key in _ID_EVENTS:
        return _read_id
    if key in _EMPTY_EVENTS:
        return _read_nothing
    return _read_unknown


# -- dispatching --------------------------------------------------------------------------------


def _parameters(function: Callable[..., Any]) -> inspect.Signature | None:
    import inspect  # on first use: only a stream's listener is looked into, not at import

    try:
        return inspect.signature(function)
    except (TypeError, ValueError):
        return None


def _takes(function: Callable[..., Any], name: str) -> bool:
    signature = _parameters(function)
    return signature is not None and name in signature.parameters


def _callable_without_arguments(function: Callable[..., Any]) -> bool:
    signature = _parameters(function)
    if signature is None:
        return True
    try:
        signature.bind()
    except TypeError:
        return False
    return True


#: Set on the methods of the listener base class that a reader need not call.
_DEFAULT_MARK: Final = "_mastodon_default_handler"

_F = TypeVar("_F", bound=Callable[..., Any])


def default_handler(function: _F) -> _F:
    """Mark a listener method as the base class's default (doing nothing, or the usual reading).

    The reader skips a marked method, or takes its own faster path instead of calling it.
    """
    setattr(function, _DEFAULT_MARK, True)
    return function


def overrides(listener: Any, method: str) -> bool:
    """Whether ``listener`` has its own ``method`` rather than a :func:`default_handler` one."""
    bound = getattr(listener, method, None)
    if bound is None:
        return False
    return not getattr(getattr(bound, "__func__", bound), _DEFAULT_MARK, False)


Call = Callable[[Any, Any], None]


class Dispatcher:
    """Routes events to one listener; the route of each event name is worked out once.

    Args:
        listener: The listener to call.
    """

    __slots__ = ("_any", "_any_takes_stream", "_routes", "admit", "listener")

    def __init__(self, listener: Any, admit: Callable[[str | None, Any], bool] | None = None) -> None:
        self.listener = listener
        #: Decides, given an event's name and converted payload, whether it reaches the listener.
        self.admit = admit
        self._routes: dict[str | None, tuple[Reader, Call]] = {}
        self._any: Callable[..., Any] | None = None
        self._any_takes_stream = False
        if overrides(listener, "on_any_event"):
            self._any = listener.on_any_event
            self._any_takes_stream = _takes(self._any, "for_stream")

    def dispatch(self, name: str | None, data: bytes | None, for_stream: Any = None) -> None:
        """Decode and convert one event's payload, then call the listener.

        Args:
            name: The event's name (``None`` when the event had none: a malformed event).
            data: The payload bytes, or ``None`` when the event had no data.
            for_stream: The stream the event came from, when known.

        Raises:
            MastodonMalformedEventError: The event could not be read (after ``on_abort``).
        """
        route = self._routes.get(name)
        if route is None:
            route = self._route(name)
        reader, call = route
        try:
            payload = reader(name, data)
        except MastodonMalformedEventError as error:
            self.listener.on_abort(error)
            raise
        if self.admit is not None and not self.admit(name, payload):
            return
        if self._any is not None:
            if self._any_takes_stream:
                self._any(name, payload, for_stream)
            else:
                self._any(name, payload)
        call(payload, for_stream)

    def deliver(self, name: str, payload: Any, for_stream: Any = None) -> None:
        """Call the listener for an event whose payload is already converted (a fetched status, say)."""
        route = self._routes.get(name)
        if route is None:
            route = self._route(name)
        if self._any is not None:
            if self._any_takes_stream:
                self._any(name, payload, for_stream)
            else:
                self._any(name, payload)
        route[1](payload, for_stream)

    def _route(self, name: str | None) -> tuple[Reader, Call]:
        if name is None:
            return (_reject_nameless, _ignore)
        listener = self.listener
        key = name.replace(".", "_")
        handler = None if key in _NOT_HANDLERS else getattr(listener, "on_" + key, None)
        call: Call
        if handler is None or not callable(handler):
            unknown = listener.on_unknown_event
            if _takes(unknown, "for_stream"):
                call = lambda payload, stream: unknown(name, payload, stream)  # noqa: E731
            else:
                call = lambda payload, stream: unknown(name, payload)  # noqa: E731
        elif key in _EMPTY_EVENTS:
            if _takes(handler, "for_stream"):
                call = lambda payload, stream: handler(for_stream=stream)  # noqa: E731
            elif _callable_without_arguments(handler):
                call = lambda payload, stream: handler()  # noqa: E731
            else:
                call = lambda payload, stream: handler(payload)  # noqa: E731
        elif _takes(handler, "for_stream"):
            call = handler
        else:
            call = lambda payload, stream: handler(payload)  # noqa: E731
        route = (_reader_for(key), call)
        self._routes[name] = route
        return route


def _reject_nameless(name: str | None, data: bytes | None) -> Any:
    raise MastodonMalformedEventError("Missing field", "event", _text(data) if data is not None else None)


def _ignore(payload: Any, stream: Any) -> None:
    return None


def pump(
    listener: Any,
    response: requests.Response,
    stop: threading.Event | None = None,
    dispatcher: Dispatcher | None = None,
    listener_failed: Callable[[Exception], None] | None = None,
    silent_after: float | None = None,
) -> None:
    """Read an SSE response to its end, calling ``listener`` for each event and heartbeat.

    Args:
        listener: Receives the events.
        response: The open streaming response.
        stop: When set (by :meth:`SSEStreamHandle.close`), reading ends quietly.
        dispatcher: Routes the events (a new one for ``listener`` by default).
        listener_failed: Called with an exception the listener raised, after which reading
            goes on with the next event; by default the exception propagates.
        silent_after: The read timeout, named in the error when the connection goes silent.

    Raises:
        MastodonNetworkError: The connection failed (``on_abort`` was called first).
        MastodonMalformedEventError: An event could not be read (``on_abort`` was called first).
    """
    parser = SSEParser()
    dispatch = (dispatcher if dispatcher is not None else Dispatcher(listener)).dispatch
    heartbeat = listener.handle_heartbeat if overrides(listener, "handle_heartbeat") else None
    chunks = iter_body(response)
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            return
        except TRANSPORT_ERRORS as exc:
            if stop is not None and stop.is_set():
                return
            error = transport_error(exc, silent_after)
            listener.on_abort(error)
            raise error from exc
        except Exception:
            # A response closed under a reader can fail in odd ways; after close() that is normal.
            if stop is not None and stop.is_set():
                return
            raise
        if stop is not None and stop.is_set():
            return
        try:
            items = parser.feed(chunk)
        except MastodonMalformedEventError as error:
            listener.on_abort(error)
            raise
        for item in items:
            try:
                if item.__class__ is SSEEvent:
                    dispatch(item[0], item[1])
                elif heartbeat is not None:
                    heartbeat()
            except MastodonMalformedEventError:
                raise
            except Exception as exc:
                if listener_failed is None:
                    raise
                listener_failed(exc)
