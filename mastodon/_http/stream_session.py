"""A session of its own for one background stream, whose connection can be cut at any moment.

A stream handle must stop at once when closed, even while it is still waiting for the server to
answer the connection request: ``requests`` gives no way to reach a connection before its answer
arrives. :func:`stream_session` therefore gives each handle a copy of the client's session (same
headers, proxies, TLS settings, certificates, cookies and hooks) whose plain adapters note every
connection they hand out; :meth:`ConnectionWatch.cut` shuts their sockets down, which wakes the
reading or waiting thread with an error at once.

Adapters the user mounted themselves are kept as they are, and a session of another class than
:class:`requests.Session` is used itself; a connection made through those cannot be cut before
its answer arrives (closing then waits for that answer, or its timeout).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from mastodon._http.session import Session
from mastodon._http.transport import DirectAdapter

__all__ = ["ConnectionWatch", "close_stream_session", "stream_session"]


class ConnectionWatch:
    """The connections a stream's session has handed out, so that they can be cut."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connections: list[Any] = []

    def watch_pool(self, pool: Any) -> None:
        """Note every connection ``pool`` hands out from now on (once per pool)."""
        if getattr(pool, "_mastodon_watched", False):
            return
        get_conn = getattr(pool, "_get_conn", None)
        if not callable(get_conn):
            return

        def handing_out(*args: Any, **kwargs: Any) -> Any:
            connection = get_conn(*args, **kwargs)
            with self._lock:
                self._connections = [c for c in self._connections if getattr(c, "sock", None) is not None]
                self._connections.append(connection)
            return connection

        with contextlib.suppress(AttributeError, TypeError):
            pool._get_conn = handing_out
            pool._mastodon_watched = True

    def cut(self) -> None:
        """Shut down the socket of every connection handed out; a thread blocked on one wakes up."""
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class _WatchedAdapter(HTTPAdapter):
    """An :class:`HTTPAdapter` that lets a :class:`ConnectionWatch` see its connections."""

    def __init__(self, watch: ConnectionWatch, max_retries: Any) -> None:
        super().__init__(pool_connections=1, pool_maxsize=1, max_retries=max_retries)
        self._watch = watch

    def get_connection_with_tls_context(self, *args: Any, **kwargs: Any) -> Any:
        pool = super().get_connection_with_tls_context(*args, **kwargs)
        self._watch.watch_pool(pool)
        return pool

    def get_connection(self, *args: Any, **kwargs: Any) -> Any:  # requests before 2.32.2
        pool = super().get_connection(*args, **kwargs)
        self._watch.watch_pool(pool)
        return pool


def stream_session(session: Any) -> tuple[Any, ConnectionWatch]:
    """A copy of ``session`` for one stream, and the watch that can cut its connections.

    A session of another class than :class:`requests.Session` or the client's own (a subclass that
    records or caches, a test double) is used as it is, so that what it does still applies to
    the stream; its connections are not watched.
    """
    watch = ConnectionWatch()
    if type(session) not in (requests.Session, Session):
        return session, watch
    copy = type(session)()
    copy.headers = requests.structures.CaseInsensitiveDict(session.headers)
    copy.auth = session.auth
    copy.proxies = dict(session.proxies)
    copy.hooks = {event: list(hooks) for event, hooks in session.hooks.items()}
    copy.params = dict(session.params) if isinstance(session.params, dict) else session.params
    copy.stream = session.stream
    copy.verify = session.verify
    copy.cert = session.cert
    copy.max_redirects = session.max_redirects
    copy.trust_env = session.trust_env
    copy.cookies = session.cookies
    copy.adapters.clear()
    for prefix, adapter in session.adapters.items():
        if type(adapter) in (HTTPAdapter, DirectAdapter):  # a stream goes through requests' own adapter
            copy.mount(prefix, _WatchedAdapter(watch, adapter.max_retries))
        else:
            copy.mount(prefix, adapter)
    return copy, watch


def close_stream_session(session: Any) -> None:
    """Close the pools a :func:`stream_session` copy made; adapters the user mounted stay open."""
    adapters = getattr(session, "adapters", None)
    if not isinstance(adapters, dict):
        return
    for adapter in adapters.values():
        if isinstance(adapter, _WatchedAdapter):
            with contextlib.suppress(Exception):
                adapter.close()
