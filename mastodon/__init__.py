"""A Python client for the Mastodon API, compatible with Mastodon.py.

>>> from mastodon import Mastodon
>>> api = Mastodon(access_token="token.secret", api_base_url="https://mastodon.example")
"""

from __future__ import annotations

# The submodule mastodon.Mastodon must be imported before the class is bound to the package
# name ``Mastodon``: importing a submodule sets the package attribute of the same name, which
# would otherwise replace the class with the module.
import mastodon.Mastodon as _legacy_module  # noqa: F401  (see above)
from mastodon._version import __version__
from mastodon.client import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonBadGatewayError,
    MastodonDeprecationWarning,
    MastodonError,
    MastodonFileNotFoundError,
    MastodonGatewayTimeoutError,
    MastodonIllegalArgumentError,
    MastodonInternalServerError,
    MastodonIOError,
    MastodonMalformedEventError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServerError,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
    MastodonUnprocessableEntityError,
    MastodonVersionError,
    MastodonWarning,
)
from mastodon.streaming import CallbackStreamListener, SSEStreamHandle, StreamHandle, StreamListener
from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription
from mastodon.types_base import AttribAccessDict

__all__ = [
    "AttribAccessDict",
    "CallbackStreamListener",
    "Mastodon",
    "MastodonAPIError",
    "MastodonBadGatewayError",
    "MastodonDeprecationWarning",
    "MastodonError",
    "MastodonFileNotFoundError",
    "MastodonGatewayTimeoutError",
    "MastodonIOError",
    "MastodonIllegalArgumentError",
    "MastodonInternalServerError",
    "MastodonMalformedEventError",
    "MastodonNetworkError",
    "MastodonNotFoundError",
    "MastodonRatelimitError",
    "MastodonReadTimeout",
    "MastodonServerError",
    "MastodonServiceUnavailableError",
    "MastodonUnauthorizedError",
    "MastodonUnprocessableEntityError",
    "MastodonVersionError",
    "MastodonWarning",
    "SSEStreamHandle",
    "StreamHandle",
    "StreamListener",
    "WebSocketStreamHandle",
    "WebSocketSubscription",
    "__version__",
]
