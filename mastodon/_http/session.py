"""The HTTP session a client makes for itself when the caller gives none."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from requests.utils import get_environ_proxies

if TYPE_CHECKING:
    from requests.sessions import _Settings

__all__ = ["Session"]

#: How many hosts' environment settings a session remembers before it starts afresh.
_CACHE_SIZE = 64

_merge: Callable[[Any, Any], Any] = requests.sessions.merge_setting


class Session(requests.Session):
    """A :class:`requests.Session` that reads the proxy and CA bundle environment once per host.

    A plain session looks at ``HTTP_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE`` and friends on
    every request, which walks the whole environment each time. This one does it on the first
    request to a scheme and host and reuses the answer, so the settings in effect then stay in
    effect for that host. Everything else behaves as in :class:`requests.Session`; with
    ``trust_env = False`` the environment is not read at all.
    """

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: Any,
        stream: Any,
        verify: Any,
        cert: Any,
    ) -> _Settings:
        if not self.trust_env or not isinstance(url, str):
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        no_proxy = proxies.get("no_proxy") if proxies is not None else None
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, no_proxy)
        # Not set in __init__: requests' pickling keeps only the attributes it knows.
        cache: dict[tuple[str, str, Any], tuple[dict[str, str], str | None]] = self.__dict__.setdefault(
            "_environment", {}
        )
        found = cache.get(key)
        if found is None:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
            found = cache[key] = (get_environ_proxies(url, no_proxy=no_proxy), bundle)
        environment_proxies, bundle = found
        if proxies is not None:
            for scheme, address in environment_proxies.items():
                proxies.setdefault(scheme, address)
        if bundle and (verify is True or verify is None):
            verify = bundle
        return {
            "proxies": _merge(proxies, self.proxies),
            "stream": _merge(stream, self.stream),
            "verify": _merge(verify, self.verify),
            "cert": _merge(cert, self.cert),
        }
