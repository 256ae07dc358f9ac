"""A Python client for the Mastodon API, compatible with Mastodon.py.

>>> from mastodon import Mastodon
>>> api = Mastodon(access_token="token.secret", api_base_url="https://mastodon.example")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from mastodon.types_base import AttribAccessDict

if TYPE_CHECKING:
    from mastodon.streaming import CallbackStreamListener, SSEStreamHandle, StreamHandle, StreamListener
    from mastodon.streaming_websocket import WebSocketStreamHandle, WebSocketSubscription

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

# The streaming classes, and the modules mastodon.streaming and mastodon.streaming_websocket,
# are loaded when first asked for: the readers and handles behind them take milliseconds to
# import, which a program that never streams should not pay.
_STREAMING_NAMES = {
    "CallbackStreamListener": "mastodon.streaming",
    "SSEStreamHandle": "mastodon.streaming",
    "StreamHandle": "mastodon.streaming",
    "StreamListener": "mastodon.streaming",
    "WebSocketStreamHandle": "mastodon.streaming_websocket",
    "WebSocketSubscription": "mastodon.streaming_websocket",
}

# Hidden from type checkers, which see the names through the imports above; with the function
# in view they would accept any attribute of the package.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name in ("streaming", "streaming_websocket"):
            # Importing a submodule binds it as an attribute of the package.
            return importlib.import_module(f"mastodon.{name}")
        module = _STREAMING_NAMES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_STREAMING_NAMES})
