"""Streaming endpoints: live timelines and notifications over server-sent events."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Literal, overload

from mastodon._http.request import send
from mastodon._stream_settings import DEFAULT_RECONNECT_WAIT_SEC, DEFAULT_STREAM_TIMEOUT
from mastodon.errors import MastodonDeprecationWarning, MastodonIllegalArgumentError
from mastodon.methods._args import id_of
from mastodon.methods._stream_base import StreamBase, check_listener, check_seconds
from mastodon.return_types import UserList
from mastodon.types_base import IdType
from mastodon.versions import api_version, unchecked

if TYPE_CHECKING:
    from mastodon._stream_diagnose import StreamDiagnosis
    from mastodon.streaming import SSEStreamHandle, StreamListener
    from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription

__all__ = ["StreamingMixin"]


class StreamingMixin(StreamBase):
    """Streaming endpoints: live timelines and notifications over server-sent events.

    Every ``stream_*`` method takes the same options:

    * ``listener``: a :class:`~mastodon.streaming.StreamListener` that receives the events.
    * ``run_async``: ``False`` (the default) reads the stream in the calling thread and returns
      ``None`` when the server ends it; ``True`` reads it in a daemon thread and returns an
      :class:`~mastodon.streaming.SSEStreamHandle` at once (after connecting).
    * ``timeout``: seconds without any data (events or heartbeats; Mastodon sends one every
      few seconds) after which the connection counts as dead; ``None`` waits forever.
    * ``reconnect_async``: in the background, reconnect whenever the connection drops or the
      server ends it, until the handle is closed.
    * ``reconnect_async_wait_sec``: seconds to wait before reconnecting.
    * ``websocket_handle``: subscribe on this open WebSocket connection (see
      :meth:`stream_open_websocket`) instead of opening an SSE connection; the method then
      returns a :class:`~mastodon.streaming_websocket.WebSocketSubscription`.
    """

    @overload
    def stream_user(
        self,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_user(
        self,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_user(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("1.1.0", "1.4.2")
    def stream_user(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the user's home timeline and notifications.

        Args:
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.

        Raises:
            MastodonAPIError: The server refused the stream (for example a bad token).
            MastodonNetworkError: The connection failed (blocking mode).
        """
        return self._stream(
            "/api/v1/streaming/user",
            "user",
            listener,
            None,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
            catch_up=self._user_feeds if catch_up else None,
        )

    @overload
    def stream_user_notifications(
        self,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
    ) -> None: ...

    @overload
    def stream_user_notifications(
        self,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_user_notifications(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        websocket_handle: WebSocketStreamHandle,
    ) -> WebSocketSubscription: ...

    @api_version("1.4.2", "1.4.2")
    def stream_user_notifications(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the user's notifications only.

        Args:
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            websocket_handle: Subscribe on this WebSocket connection instead.

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.
        """
        return self._stream(
            "/api/v1/streaming/user/notification",
            "user:notification",
            listener,
            None,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
        )

    @overload
    def stream_public(
        self,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_public(
        self,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_public(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("1.1.0", "1.4.2")
    def stream_public(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the federated timeline, or only its local or remote part.

        Args:
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            local: Only statuses from this server.
            remote: Only statuses from other servers (Mastodon 3.1.4 and later).
            only_media: Only statuses with media attachments.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.

        Raises:
            MastodonIllegalArgumentError: ``local`` and ``remote`` were both set.
        """
        return self._stream_public(
            listener,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            local,
            remote,
            only_media,
            websocket_handle,
            catch_up,
        )

    def _stream_public(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        local: bool = False,
        remote: bool = False,
        only_media: bool = False,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        # The body of stream_public(), for stream_local(): the version check runs once.
        if local and remote:
            raise MastodonIllegalArgumentError("local and remote exclude each other; pass one of them")
        path, stream = "/api/v1/streaming/public", "public"
        if local:
            path, stream = path + "/local", stream + ":local"
        elif remote:
            path, stream = path + "/remote", stream + ":remote"
        params = None
        if only_media:
            stream += ":media"
            params = {"only_media": "true"}
        return self._stream(
            path,
            stream,
            listener,
            params,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
            feed=("public", local, remote),
            catch_up=(
                (lambda: self._timeline_feeds("public", local=local, remote=remote, only_media=only_media))
                if catch_up
                else None
            ),
        )

    @overload
    def stream_local(
        self,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        only_media: bool = False,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_local(
        self,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        only_media: bool = False,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_local(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        only_media: bool = False,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("1.1.0", "1.4.2")
    def stream_local(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        only_media: bool = False,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the local timeline (the same as :meth:`stream_public` with ``local=True``).

        Args:
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            only_media: Only statuses with media attachments.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.
        """
        return self._stream_public(
            listener,
            run_async=run_async,
            timeout=timeout,
            reconnect_async=reconnect_async,
            reconnect_async_wait_sec=reconnect_async_wait_sec,
            local=True,
            only_media=only_media,
            websocket_handle=websocket_handle,
            catch_up=catch_up,
        )

    @overload
    def stream_hashtag(
        self,
        tag: str,
        listener: StreamListener,
        local: bool = False,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_hashtag(
        self,
        tag: str,
        listener: StreamListener,
        local: bool = False,
        run_async: Literal[True] = ...,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_hashtag(
        self,
        tag: str,
        listener: StreamListener,
        local: bool = False,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("1.1.0", "1.4.2")
    def stream_hashtag(
        self,
        tag: str,
        listener: StreamListener,
        local: bool = False,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the public statuses with a hashtag.

        Args:
            tag: The hashtag, without the leading ``#``.
            listener: Receives the events.
            local: Only statuses from this server.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.

        Raises:
            MastodonIllegalArgumentError: ``tag`` is empty, not a string, or starts with ``#``.
        """
        if not isinstance(tag, str) or not tag.strip():
            raise MastodonIllegalArgumentError(f"tag must be a non-empty string, not {tag!r}")
        if tag.startswith("#"):
            raise MastodonIllegalArgumentError("tag must be given without the leading #")
        path, stream = (
            ("/api/v1/streaming/hashtag/local", "hashtag:local") if local else ("/api/v1/streaming/hashtag", "hashtag")
        )
        return self._stream(
            path,
            stream,
            listener,
            {"tag": tag},
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
            feed=("hashtag", local, False),
            catch_up=(lambda: self._timeline_feeds("tag", hashtag=tag, local=local)) if catch_up else None,
        )

    @overload
    def stream_list(
        self,
        id: UserList | IdType,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_list(
        self,
        id: UserList | IdType,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_list(
        self,
        id: UserList | IdType,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("2.1.0", "2.1.0")
    def stream_list(
        self,
        id: UserList | IdType,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the statuses of the accounts on one of the user's lists.

        Args:
            id: The list, or its ID.
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.
        """
        return self._stream(
            "/api/v1/streaming/list",
            "list",
            listener,
            {"list": id_of(id)},
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
            catch_up=(lambda: self._timeline_feeds("list", id=id_of(id))) if catch_up else None,
        )

    @overload
    def stream_direct(
        self,
        listener: StreamListener,
        run_async: Literal[False] = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> None: ...

    @overload
    def stream_direct(
        self,
        listener: StreamListener,
        run_async: Literal[True],
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle: ...

    @overload
    def stream_direct(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        websocket_handle: WebSocketStreamHandle,
        catch_up: bool = False,
    ) -> WebSocketSubscription: ...

    @api_version("2.6.0", "2.6.0")
    def stream_direct(
        self,
        listener: StreamListener,
        run_async: bool = False,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        websocket_handle: WebSocketStreamHandle | None = None,
        catch_up: bool = False,
    ) -> SSEStreamHandle | WebSocketSubscription | None:
        """Stream the user's direct conversations (as ``conversation`` events).

        Args:
            listener: Receives the events.
            run_async: Stream in a background thread and return a handle.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: In the background, reconnect whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            websocket_handle: Subscribe on this WebSocket connection instead.
            catch_up: After each reconnect, fetch and deliver what the stream missed, oldest first
                and each event once (background streams; see :doc:`/streaming`).

        Returns:
            ``None`` once the server ends the stream (blocking), else the handle or subscription.
        """
        return self._stream(
            "/api/v1/streaming/direct",
            "direct",
            listener,
            None,
            run_async,
            timeout,
            reconnect_async,
            reconnect_async_wait_sec,
            websocket_handle,
            catch_up=self._direct_feeds if catch_up else None,
        )

    def stream_open_websocket(
        self,
        listener: StreamListener | None = None,
        timeout: float | None = DEFAULT_STREAM_TIMEOUT,
        reconnect_async: bool = False,
        reconnect_async_wait_sec: float = DEFAULT_RECONNECT_WAIT_SEC,
        *,
        stream: str | None = None,
        tag: str | None = None,
        list: UserList | IdType | None = None,
        token_in_url: bool = False,
    ) -> WebSocketStreamHandle:
        """Open a WebSocket streaming connection on which several streams can be subscribed.

        Pass the handle as ``websocket_handle`` to the ``stream_*`` methods, or call its
        ``subscribe()``. The connection is made when the first stream is named (here with
        ``stream``, or by the first subscription), and its address names that stream, which
        some servers require. The handshake goes through the proxies, TLS settings and client
        certificate of :attr:`session`. Needs the ``websocket-client`` package
        (``pip install mastodon[websocket]``).

        Args:
            listener: Receives events of subscriptions that have no listener of their own.
            timeout: Seconds without data after which the connection counts as dead.
            reconnect_async: Reconnect (and subscribe again) whenever the connection is lost.
            reconnect_async_wait_sec: Seconds to wait before reconnecting.
            stream: Subscribe to this stream at once (``user``, ``public:local``,
                ``hashtag``, ...), with ``listener``; the connection is made before returning.
            tag: The hashtag (without ``#``) for ``stream="hashtag"`` or ``"hashtag:local"``.
            list: The list, or its ID, for ``stream="list"``.
            token_in_url: Also put the access token into the connection address, for servers
                that read it only there. Addresses can end up in access logs; Mastodon,
                GoToSocial and most others read the ``Authorization`` header that is always sent.

        Returns:
            The handle; connected when ``stream`` was given.

        Raises:
            MastodonIllegalArgumentError: ``stream`` without a listener, a missing or stray
                ``tag``/``list``, or bad timings.
            MastodonAPIError: The server refused the connection (with ``stream``).
            MastodonNetworkError: The server could not be reached (with ``stream``).
        """
        from mastodon.streaming_websocket import check_subscription, open_websocket

        if listener is not None:
            check_listener(listener)
        check_seconds("timeout", timeout, allow_none=True, allow_zero=False)
        check_seconds("reconnect_async_wait_sec", reconnect_async_wait_sec, allow_none=False, allow_zero=True)
        params = {name: value for name, value in (("tag", tag), ("list", list)) if value is not None}
        if "list" in params:
            params["list"] = id_of(params["list"])
        if stream is None:
            if params:
                raise MastodonIllegalArgumentError(f"{', '.join(params)}= belongs to a stream: name it with stream=")
        else:
            if listener is None:
                raise MastodonIllegalArgumentError("a listener is needed to open the connection with a stream")
            check_subscription(stream, params)
        return open_websocket(
            self,
            listener,
            timeout,
            bool(reconnect_async),
            reconnect_async_wait_sec,
            stream=stream,
            params=params,
            token_in_url=bool(token_in_url),
        )

    @api_version("2.5.0", "2.5.0")
    def stream_healthy(self) -> bool:
        """Whether the streaming server says it is healthy.

        Returns:
            ``True`` when it answers ``OK``, else ``False``.

        Raises:
            MastodonAPIError: The server answered with an error status.
        """
        url = self._streaming_base_url() + "/api/v1/streaming/health"
        response = send(self, "GET", url)
        return response.content.strip() in (b"OK", b"success")

    def stream_diagnose(
        self, timeout: float = 20.0, heartbeat_timeout: float = 20.0, websocket: bool = True
    ) -> StreamDiagnosis:
        """Check the server's streaming and say, check by check, what works and what does not.

        The checks: the streaming URL the instance document announces (and whether it is another
        address than the API's), the streaming health endpoint, whether an SSE stream (``user``
        with an access token, else ``public``) opens and sends its first bytes, whether heartbeats
        keep arriving on it (if nothing comes on an open connection, a proxy probably buffers the
        events), and whether a WebSocket handshake succeeds (with the ``websocket`` extra). Each
        ends ``ok``, ``warning``, ``failed`` or ``skipped`` with a one-line explanation; ``str()``
        of the result is the readable report, which never shows the access token. A healthy
        Mastodon server takes about 15 seconds, the time to its first heartbeat.

        Args:
            timeout: Seconds to wait for each answer: the health check, the SSE stream's first
                bytes, the WebSocket handshake.
            heartbeat_timeout: Seconds to wait, on the open SSE stream, for a heartbeat (Mastodon
                sends one every 15 seconds).
            websocket: Check WebSocket streaming too (when ``websocket-client`` is installed).

        Returns:
            The report, with its checks, an overall ``verdict`` and ``ok``.

        Raises:
            MastodonIllegalArgumentError: A waiting time is not a positive number of seconds, or
                the access token is not a single line of text. A server failing a check never
                raises: that is in the report.
        """
        from mastodon._stream_diagnose import diagnose_streaming  # only when asked: it is not small

        return diagnose_streaming(self, timeout, heartbeat_timeout, websocket)

    # -- names from the 2017 API --------------------------------------------------------------

    @api_version("1.1.0", "1.4.2")
    def user_stream(self, listener: StreamListener, run_async: bool = False, **kwargs: Any) -> Any:
        """Deprecated name of :meth:`stream_user` (the ``async`` keyword is accepted too)."""
        _warn_renamed("user_stream", "stream_user")
        return unchecked(StreamingMixin.stream_user)(self, listener, _legacy_async(run_async, kwargs), **kwargs)

    @api_version("1.1.0", "1.4.2")
    def public_stream(self, listener: StreamListener, run_async: bool = False, **kwargs: Any) -> Any:
        """Deprecated name of :meth:`stream_public` (the ``async`` keyword is accepted too)."""
        _warn_renamed("public_stream", "stream_public")
        return unchecked(StreamingMixin.stream_public)(self, listener, _legacy_async(run_async, kwargs), **kwargs)

    @api_version("1.1.0", "1.4.2")
    def local_stream(self, listener: StreamListener, run_async: bool = False, **kwargs: Any) -> Any:
        """Deprecated name of :meth:`stream_local` (the ``async`` keyword is accepted too)."""
        _warn_renamed("local_stream", "stream_local")
        return unchecked(StreamingMixin.stream_local)(self, listener, _legacy_async(run_async, kwargs), **kwargs)

    @api_version("1.1.0", "1.4.2")
    def hashtag_stream(self, tag: str, listener: StreamListener, run_async: bool = False, **kwargs: Any) -> Any:
        """Deprecated name of :meth:`stream_hashtag` (the ``async`` keyword is accepted too)."""
        _warn_renamed("hashtag_stream", "stream_hashtag")
        run_async = _legacy_async(run_async, kwargs)
        return unchecked(StreamingMixin.stream_hashtag)(self, tag, listener, run_async=run_async, **kwargs)


def _warn_renamed(old: str, new: str) -> None:
    # Level 5: past this helper, the alias, and the two frames of the version decorator.
    warnings.warn(f"{old}() is deprecated; use {new}()", MastodonDeprecationWarning, stacklevel=5)


def _legacy_async(run_async: bool, kwargs: dict[str, Any]) -> bool:
    # Before Python 3.7 made it a keyword, the parameter was called ``async``.
    if "async" in kwargs:
        return bool(kwargs.pop("async"))
    return run_async
