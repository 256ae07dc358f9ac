"""What every endpoint mixin can rely on: the client's settings and the request entry point."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, TypeVar, Unpack, overload

import requests

from mastodon._http import request as _request
from mastodon._http.ratelimit import RateLimiter
from mastodon._http.request import CallOptions
from mastodon.errors import (
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonWarning,
)
from mastodon.types_base import NonPaginatableList, PaginatableList
from mastodon.versions import parse_version_string

__all__ = ["MethodsBase"]

T = TypeVar("T")


# Which entry of the instance's ``configuration.timelines_access`` governs each public feed.
_FEED_KEYS = {"public": "live_feeds", "hashtag": "hashtag_feeds", "trending_links": "trending_link_feeds"}


def _feed_open(setting: Any, with_auth: bool) -> bool:
    """Whether one ``local``/``remote`` access setting lets this client read the feed."""
    if not isinstance(setting, str):
        raise TypeError(f"an access setting is text, not {type(setting).__name__}")
    return setting == "public" or (with_auth and setting == "authenticated")


class MethodsBase:
    """Declares the client state the mixins use, and the helpers shared by all of them.

    The state itself is set up by :class:`mastodon.Mastodon`'s constructor.
    """

    api_base_url: str
    client_id: str | None
    client_secret: str | None
    access_token: str | None
    refresh_token: str | None
    user_agent: str | None
    request_timeout: float
    session: requests.Session
    lang: str | None
    debug_requests: bool
    retries: int
    retry_backoff: float
    retry_backoff_max: float
    feature_set: str
    version_check_mode: str
    mastodon_major: int
    mastodon_minor: int
    mastodon_patch: int
    version_check_worked: bool | None
    _ratelimiter: RateLimiter
    _mastodon_version_str: str | None
    _mastodon_version_given: bool
    _streaming_base: str | None
    _instance_cache: Any
    _capabilities_cache: Any
    _logged_in_id: str | None
    check_limits: bool

    @overload
    def _call(
        self, verb: str, path: str, rtype: type[PaginatableList[T]], **options: Unpack[CallOptions]
    ) -> PaginatableList[T]: ...

    @overload
    def _call(
        self, verb: str, path: str, rtype: type[NonPaginatableList[T]], **options: Unpack[CallOptions]
    ) -> NonPaginatableList[T]: ...

    @overload
    def _call(self, verb: str, path: str, rtype: type[T], **options: Unpack[CallOptions]) -> T: ...

    @overload
    def _call(self, verb: str, path: str, rtype: None, **options: Unpack[CallOptions]) -> None: ...

    def _call(self, verb: str, path: str, rtype: Any, **options: Unpack[CallOptions]) -> Any:
        """Make one API call, its result typed by ``rtype``; see :func:`mastodon._http.request.call`.

        ``rtype`` is an entity class, ``PaginatableList[Entity]`` or ``NonPaginatableList[Entity]``
        (the result is then of that type), or ``None`` for calls whose answer is not used.
        """
        return _request.call(self, verb, path, rtype, **options)

    # -- server version -------------------------------------------------------------------------

    def _remember_version(self, version: str | None) -> None:
        self._mastodon_version_str = version
        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = parse_version_string(version)

    def _server_version_tuple(self) -> tuple[int, int, int]:
        """The server's version, fetched once (and only when no version was given)."""
        if self._mastodon_version_str is None:
            self._fetch_version()
        return (self.mastodon_major, self.mastodon_minor, self.mastodon_patch)

    def _version_at_least(self, version: str) -> bool:
        """Whether the server is at least ``version``; used to choose between endpoint variants."""
        return self._server_version_tuple() >= parse_version_string(version)

    def _fetch_version(self) -> str:
        """Ask the server for its version (v2 instance first, then v1); never recursive.

        A server that does not answer usably is taken to be 1.0.0, as the failure is remembered
        so the question is not asked again until :meth:`clear_caches`.
        """
        version: str | None = None
        try:
            info = self._instance_raw()
            if isinstance(info, Mapping):
                raw = info.get("version")
                version = raw if isinstance(raw, str) else None
            self.version_check_worked = version is not None
        except (MastodonAPIError, MastodonNetworkError):
            self.version_check_worked = False
        self._remember_version(version or "1.0.0")
        if version is None:
            self._mastodon_version_str = "1.0.0"
        return self._mastodon_version_str or "1.0.0"

    def _instance_raw(self) -> Any:
        """The instance document, v2 when the server has it, else v1; cached."""
        if self._instance_cache is not None:
            return self._instance_cache
        from mastodon.return_types import Instance, InstanceV2

        try:
            info: Instance | InstanceV2 = self._call("GET", "/api/v2/instance", InstanceV2)
        except MastodonNotFoundError:
            info = self._call("GET", "/api/v1/instance", Instance)
        except MastodonAPIError as exc:
            # Some servers answer an unknown path with another 4xx, or with HTML.
            if (exc.status_code is not None and 400 <= exc.status_code < 500) or exc.status_code == 200:
                info = self._call("GET", "/api/v1/instance", Instance)
            else:
                raise
        self._instance_cache = info
        return info

    # -- which public feeds the server opens to this client ---------------------------------------

    def _feed_available(self, timeline: str, local: bool, remote: bool, with_auth: bool, fail_hard: bool) -> bool:
        """The body of :meth:`timeline_is_available`, for the timeline and streaming methods."""
        feed_key = _FEED_KEYS.get(timeline) if isinstance(timeline, str) else None
        if feed_key is None:
            if fail_hard:
                raise MastodonIllegalArgumentError(
                    f"timeline must be one of {', '.join(repr(name) for name in _FEED_KEYS)}; got {timeline!r}"
                )
            return True
        try:
            info = self._instance_raw()
            feed = info["configuration"]["timelines_access"][feed_key]
            if not isinstance(feed, Mapping):
                raise TypeError(f"the {feed_key} access settings are not a mapping")
            local_open = _feed_open(feed["local"], with_auth)
            remote_open = _feed_open(feed["remote"], with_auth)
        except Exception as exc:  # anything unreadable, the request itself included
            if fail_hard:
                raise MastodonAPIError.build(
                    None, None, f"could not tell whether the {timeline!r} feed is available"
                ) from exc
            return True
        if local and remote:
            return local_open and remote_open
        if local:
            return local_open
        if remote:
            return remote_open
        return local_open or remote_open

    def _warn_if_unavailable(self, what: str, timeline: str, local: bool = False, remote: bool = False) -> None:
        """Warn (:class:`MastodonWarning`) when the server says this client cannot read a feed."""
        with_auth = self.access_token is not None
        if not self._feed_available(timeline, local, remote, with_auth, fail_hard=False):
            warnings.warn(
                f"{what} appears to be unavailable on this server for this client's login state",
                MastodonWarning,
                stacklevel=4,
            )

    def _streaming_base_url(self) -> str:
        """The base URL for streaming, as the instance announces it (cached)."""
        if self._streaming_base is None:
            base = self.api_base_url
            try:
                info = self._instance_raw()
            except (MastodonAPIError, MastodonNetworkError):
                info = None
            if isinstance(info, Mapping):
                urls = info.get("urls") or {}
                streaming = urls.get("streaming_api") if isinstance(urls, Mapping) else None
                if not streaming:
                    config_urls = (info.get("configuration") or {}).get("urls") or {}
                    streaming = config_urls.get("streaming") if isinstance(config_urls, Mapping) else None
                if isinstance(streaming, str) and streaming:
                    base = streaming
            if base.startswith("wss://"):
                base = "https://" + base[len("wss://") :]
            elif base.startswith("ws://"):
                base = "http://" + base[len("ws://") :]
            self._streaming_base = base.rstrip("/")
        return self._streaming_base

    def _auth_headers(self) -> dict[str, str]:
        """Headers that identify and authorise this client."""
        return _request.identity_headers(self.user_agent, self.access_token)
