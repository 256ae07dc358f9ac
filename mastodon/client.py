"""The :class:`Mastodon` client: its constructor, settings and state.

The endpoint methods come from one mixin per API area (``mastodon/methods/``).
"""

from __future__ import annotations

from os import PathLike
from typing import Any

import requests

from mastodon._credentials import is_credential_file, looks_like_file, read_credentials
from mastodon._http.ratelimit import RateLimiter
from mastodon._http.session import Session
from mastodon._server import SUPPORTED_VERSION, normalize_base_url
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods.accounts import AccountsMixin
from mastodon.methods.admin import AdminMixin
from mastodon.methods.annual_reports import AnnualReportsMixin
from mastodon.methods.async_refresh import AsyncRefreshMixin
from mastodon.methods.auth import AuthMixin
from mastodon.methods.collections import CollectionsMixin
from mastodon.methods.conversations import ConversationsMixin
from mastodon.methods.endorsements import EndorsementsMixin
from mastodon.methods.favourites import FavouritesMixin
from mastodon.methods.filters import FiltersMixin
from mastodon.methods.hashtags import HashtagsMixin
from mastodon.methods.instance import InstanceMixin
from mastodon.methods.lists import ListsMixin
from mastodon.methods.media import MediaMixin
from mastodon.methods.notifications import NotificationsMixin
from mastodon.methods.pagination import PaginationMixin
from mastodon.methods.polls import PollsMixin
from mastodon.methods.preferences import PreferencesMixin
from mastodon.methods.profile import ProfileMixin
from mastodon.methods.push import PushMixin
from mastodon.methods.relationships import RelationshipsMixin
from mastodon.methods.reports import ReportsMixin
from mastodon.methods.search import SearchMixin
from mastodon.methods.server_info import VersionsMixin
from mastodon.methods.statuses import StatusesMixin
from mastodon.methods.streams import StreamingMixin
from mastodon.methods.suggestions import SuggestionsMixin
from mastodon.methods.timelines import TimelinesMixin
from mastodon.methods.trends import TrendsMixin
from mastodon.methods.utility import UtilityMixin

__all__ = ["FEATURE_SETS", "SUPPORTED_VERSION", "VERSION_CHECK_MODES", "Mastodon", "normalize_base_url"]

VERSION_CHECK_MODES = ("none", "created", "changed")
FEATURE_SETS = ("mainline", "fedibird", "pleroma")
DEFAULT_USER_AGENT = "mastodonpy"


class Mastodon(
    AuthMixin,
    InstanceMixin,
    VersionsMixin,
    PaginationMixin,
    AccountsMixin,
    StatusesMixin,
    MediaMixin,
    TimelinesMixin,
    NotificationsMixin,
    RelationshipsMixin,
    FavouritesMixin,
    SearchMixin,
    ReportsMixin,
    PushMixin,
    PollsMixin,
    ConversationsMixin,
    PreferencesMixin,
    EndorsementsMixin,
    ListsMixin,
    FiltersMixin,
    HashtagsMixin,
    TrendsMixin,
    SuggestionsMixin,
    ProfileMixin,
    CollectionsMixin,
    AnnualReportsMixin,
    AsyncRefreshMixin,
    AdminMixin,
    UtilityMixin,
    StreamingMixin,
):
    """A client for one Mastodon server, acting as one app and (optionally) one user.

    Args:
        client_id: The app's client ID, or the path of a client credential file.
        client_secret: The app's client secret (read from the file when ``client_id`` is one).
        access_token: A user or app token, or the path of a user credential file.
        api_base_url: The server, e.g. ``"https://mastodon.social"``; ``https://`` is assumed
            when no scheme is given. May come from a credential file instead.
        debug_requests: Log every request and response (secrets redacted) to the
            ``mastodon`` logger at DEBUG level.
        ratelimit_method: ``"wait"``, ``"throw"`` or ``"pace"`` (see :doc:`/ratelimits`).
        ratelimit_pacefactor: In ``"pace"`` mode, how much faster than the even spread to go.
        request_timeout: Seconds to wait for the server before giving up.
        mastodon_version: The server's version, when known; skips asking the server.
        version_check_mode: ``"none"``, ``"created"`` or ``"changed"``: whether calling a method
            the server is too old for raises :class:`~mastodon.errors.MastodonVersionError`.
        session: A :class:`requests.Session` to send requests with. Without one, the client makes
            its own, which reads the proxy and CA bundle environment once per host.
        feature_set: ``"mainline"``, ``"fedibird"`` or ``"pleroma"``; enables fork-specific
            parameters.
        user_agent: The ``User-Agent`` header. With ``None``, the app name from a client
            credential file is used when there is one.
        lang: Language for server messages and translated content (ISO 639-1 code).
        retries: How often a failed request may be sent again (0, the default, never resends).
            Only network failures and 502/503/504 answers are retried, and only for requests
            that are safe to repeat: idempotent ones, and posts that carry an
            ``Idempotency-Key`` (``status_post`` makes one per call when retries are on), and any
            request whose connection could not be made at all; see :doc:`/reliability`.
        retry_backoff: The first wait between attempts, in seconds; it doubles each time,
            with random jitter, and a ``Retry-After`` header is honoured.
        retry_backoff_max: The longest wait between attempts, in seconds; when the server asks for
            a longer ``Retry-After``, it is not waited for and the error is raised.
        check_limits: Check statuses, polls, uploads and profile fields against the limits the
            server publishes (see :meth:`instance_capabilities`) before sending them, raising
            :class:`MastodonUnprocessableEntityError` as the server's own refusal would. Off by
            default; also settable later as ``api.check_limits``.

    The constructor sends no request.
    """

    def __init__(
        self,
        client_id: str | PathLike[str] | None = None,
        client_secret: str | None = None,
        access_token: str | PathLike[str] | None = None,
        api_base_url: str | None = None,
        debug_requests: bool = False,
        ratelimit_method: str = "wait",
        ratelimit_pacefactor: float = 1.1,
        request_timeout: float = 300,
        mastodon_version: str | None = None,
        version_check_mode: str = "none",
        session: requests.Session | None = None,
        feature_set: str = "mainline",
        user_agent: str | None = DEFAULT_USER_AGENT,
        lang: str | None = None,
        retries: int = 0,
        retry_backoff: float = 0.5,
        retry_backoff_max: float = 30.0,
        check_limits: bool = False,
    ) -> None:
        if version_check_mode not in VERSION_CHECK_MODES:
            raise MastodonIllegalArgumentError(
                f"version_check_mode must be one of {', '.join(VERSION_CHECK_MODES)}; got {version_check_mode!r}"
            )
        if not isinstance(retries, int) or isinstance(retries, bool) or retries < 0:
            raise MastodonIllegalArgumentError(f"retries must be a non-negative integer, not {retries!r}")
        if retry_backoff < 0 or retry_backoff_max < 0:
            raise MastodonIllegalArgumentError("retry_backoff and retry_backoff_max cannot be negative")
        if feature_set not in FEATURE_SETS:
            raise MastodonIllegalArgumentError(
                f"feature_set must be one of {', '.join(FEATURE_SETS)}; got {feature_set!r}"
            )
        base_url = normalize_base_url(api_base_url) if api_base_url is not None else None
        if client_id is not None and client_secret is None and not is_credential_file(client_id):
            # Without a secret, a client_id can only be a credential file; a mistyped file name
            # must not silently become the client ID.
            raise MastodonIllegalArgumentError(
                "client_id names no existing credential file, and no client_secret was given; pass the path "
                "of a client credential file, or the client ID together with its client_secret"
            )
        app_name = None
        client_id_value: str | None = None
        if client_id is not None and looks_like_file(client_id):
            lines = read_credentials(client_id, "client credential")
            client_id_value = lines[0]
            if len(lines) > 1 and lines[1]:
                client_secret = lines[1]
            if len(lines) > 2 and lines[2]:
                base_url = _agree(base_url, lines[2], "client credential file")
            if len(lines) > 3 and lines[3]:
                app_name = lines[3]
        elif client_id is not None:
            client_id_value = client_id if isinstance(client_id, str) else str(client_id)
        token_value: str | None = None
        if access_token is not None and looks_like_file(access_token):
            lines = read_credentials(access_token, "user credential")
            token_value = lines[0]
            if len(lines) > 1 and lines[1]:
                base_url = _agree(base_url, lines[1], "user credential file")
            if client_id_value is None and len(lines) > 3:
                client_id_value, client_secret = lines[2] or None, lines[3] or None
        elif access_token is not None:
            token_value = access_token if isinstance(access_token, str) else str(access_token)
        if base_url is None:
            raise MastodonIllegalArgumentError(
                "api_base_url is required (as an argument or in a credential file), e.g. 'https://mastodon.social'"
            )
        if user_agent is None and app_name:
            user_agent = app_name

        self._api_base_url = base_url
        self.client_id = client_id_value
        self.client_secret = client_secret
        self.access_token = token_value
        self.refresh_token = None
        self.pkce_code_verifier: str | None = None
        self._oauth_info: Any = None
        self.debug_requests = bool(debug_requests)
        self.retries = retries
        self.retry_backoff = float(retry_backoff)
        self.retry_backoff_max = float(retry_backoff_max)
        self.request_timeout = request_timeout
        self.session = session if session is not None else Session()
        self.feature_set = feature_set
        self.user_agent = user_agent
        self.lang = lang
        self.version_check_mode = version_check_mode
        self.version_check_worked = None
        self._ratelimiter = RateLimiter(ratelimit_method, ratelimit_pacefactor)
        self._instance_cache = None
        self._capabilities_cache = None
        self._logged_in_id: str | None = None
        self.check_limits = bool(check_limits)
        self._streaming_base = None
        self._mastodon_version_given = mastodon_version is not None
        self._mastodon_version_str = None
        self.mastodon_major, self.mastodon_minor, self.mastodon_patch = 1, 0, 0
        if mastodon_version is not None:
            self._remember_version(mastodon_version)
        if debug_requests:
            _enable_debug_logging()

    def __repr__(self) -> str:
        token = "set" if self.access_token else "none"
        return f"<Mastodon {self._api_base_url} client_id={self.client_id!r} token={token}>"

    # -- settings ---------------------------------------------------------------------------

    @property
    def api_base_url(self) -> str:
        """The server's base URL, normalised (setting it clears cached server facts)."""
        return self._api_base_url

    @api_base_url.setter
    def api_base_url(self, value: str) -> None:
        self._api_base_url = normalize_base_url(value)
        self.clear_caches()

    @property
    def ratelimit_method(self) -> str:
        """``"wait"``, ``"throw"`` or ``"pace"``."""
        return self._ratelimiter.method

    @ratelimit_method.setter
    def ratelimit_method(self, value: str) -> None:
        self._ratelimiter.configure(method=value)

    @property
    def ratelimit_pacefactor(self) -> float:
        """How much faster than an even spread ``"pace"`` mode goes."""
        return self._ratelimiter.pacefactor

    @ratelimit_pacefactor.setter
    def ratelimit_pacefactor(self, value: float) -> None:
        self._ratelimiter.configure(pacefactor=value)

    @property
    def ratelimit_limit(self) -> int:
        """Calls allowed per window, as the server last said."""
        return self._ratelimiter.limit

    @ratelimit_limit.setter
    def ratelimit_limit(self, value: int) -> None:
        self._ratelimiter.limit = int(value)

    @property
    def ratelimit_remaining(self) -> int:
        """Calls left in the current window (the server's count, less calls in flight)."""
        return self._ratelimiter.remaining

    @ratelimit_remaining.setter
    def ratelimit_remaining(self, value: int) -> None:
        self._ratelimiter.remaining = int(value)

    @property
    def ratelimit_reset(self) -> float | None:
        """When the window resets, as epoch seconds on this machine's clock."""
        return self._ratelimiter.reset

    @ratelimit_reset.setter
    def ratelimit_reset(self, value: float | None) -> None:
        self._ratelimiter.reset = value

    @property
    def ratelimit_lastcall(self) -> float:
        """When the last call was sent (epoch seconds)."""
        return self._ratelimiter.lastcall

    @ratelimit_lastcall.setter
    def ratelimit_lastcall(self, value: float) -> None:
        self._ratelimiter.lastcall = value

    def set_language(self, lang: str | None) -> None:
        """Set the language (ISO 639-1) the server should use for messages and content."""
        self.lang = lang

    def clear_caches(self) -> None:
        """Forget what was learnt about the server (version, instance info, capabilities, streaming URL)."""
        self._instance_cache = None
        self._capabilities_cache = None
        self._streaming_base = None
        self._oauth_info = None
        if not self._mastodon_version_given:
            self._mastodon_version_str = None
            self.mastodon_major, self.mastodon_minor, self.mastodon_patch = 1, 0, 0
            self.version_check_worked = None


def _agree(given: str | None, from_file: str, where: str) -> str:
    file_url = normalize_base_url(from_file)
    if given is not None and given != file_url:
        raise MastodonIllegalArgumentError(
            f"api_base_url {given!r} does not match the {where}, which is for {file_url!r}"
        )
    return file_url


def _enable_debug_logging() -> None:
    import logging

    logger = logging.getLogger("mastodon")
    if logger.level == logging.NOTSET or logger.level > logging.DEBUG:
        logger.setLevel(logging.DEBUG)
    if not logger.handlers and not logging.getLogger().handlers:
        logging.basicConfig()
