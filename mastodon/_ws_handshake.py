"""The WebSocket handshake made with a client's session settings: proxies, TLS checks, certificate.

:func:`session_options` reads what ``requests`` would use for an address (the session's proxies,
the environment's when ``trust_env`` is on, ``verify`` and ``cert``) and
:func:`handshake_options` turns it into the options of ``websocket.create_connection``. Both are
offered by :mod:`mastodon.streaming_websocket` too.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from requests.utils import DEFAULT_CA_BUNDLE_PATH, select_proxy

from mastodon.errors import MastodonIllegalArgumentError

__all__ = ["handshake_options", "session_options"]

#: websocket-client reads ``http_proxy``/``https_proxy`` from the environment itself whenever it is
#: given no proxy. A placeholder proxy with every host exempt from it makes the connection direct,
#: so that only the session decides (``trust_env=False`` means no proxy from the environment).
_DIRECT = {"http_proxy_host": "direct.invalid", "http_proxy_port": 1, "http_no_proxy": ["*"], "proxy_type": "http"}
_PROXY_TYPES = ("http", "socks4", "socks4a", "socks5", "socks5h")


def handshake_options(
    url: str, proxies: Mapping[str, str] | None, verify: bool | str | None, cert: str | tuple[str, str] | None
) -> dict[str, Any]:
    """websocket-client's connection options for settings given the way requests takes them.

    Args:
        url: The address to connect to (``ws://``, ``wss://``, or the same as ``http(s)://``).
        proxies: requests' proxy table (``{"https": "http://user:pass@proxy:3128"}``); the
            entry for the address's scheme and host is used, ``socks5h://`` and friends too.
        verify: ``False`` for no certificate check, ``True`` (or None) for a check against
            requests' CA bundle, or the path of a CA bundle file or directory.
        cert: A client certificate: one file with the key, or ``(certificate, key)``.

    Returns:
        ``http_proxy_host``, ``http_proxy_port``, ``proxy_type``, ``http_proxy_auth`` (when the
        proxy address has credentials) and ``sslopt`` (``cert_reqs``, ``check_hostname``,
        ``ca_certs`` or ``ca_cert_path``, ``certfile``, ``keyfile``).

    Raises:
        MastodonIllegalArgumentError: The proxy is of a kind websocket-client cannot use (an
            ``https://`` proxy) or names no host, or ``cert`` is neither a path nor a pair.
    """
    http_url = "http" + url[2:] if url.startswith(("ws://", "wss://")) else url
    proxy = select_proxy(http_url, dict(proxies)) if proxies else None
    options: dict[str, Any] = _proxy_options(proxy) if proxy else dict(_DIRECT)
    options["sslopt"] = _ssl_options(verify, cert)
    return options


def _proxy_options(proxy: str) -> dict[str, Any]:
    # The proxy address is never quoted in an error: it may hold a password.
    parts = urlsplit(proxy if "://" in proxy else "http://" + proxy)
    kind = parts.scheme.lower()
    if kind not in _PROXY_TYPES:
        raise MastodonIllegalArgumentError(
            f"WebSocket streaming cannot go through a {kind}:// proxy: websocket-client reaches proxies "
            "over plain HTTP or SOCKS (http://, socks4://, socks4a://, socks5://, socks5h://)"
        )
    try:
        port = parts.port
    except ValueError:
        raise MastodonIllegalArgumentError("the proxy address for WebSocket streaming has an invalid port") from None
    if not parts.hostname:
        raise MastodonIllegalArgumentError("the proxy address for WebSocket streaming names no host")
    options: dict[str, Any] = {
        "http_proxy_host": parts.hostname,
        "http_proxy_port": port or (80 if kind == "http" else 1080),
        "proxy_type": kind,
    }
    if parts.username is not None:
        options["http_proxy_auth"] = (unquote(parts.username), unquote(parts.password or ""))
    return options


def _ssl_options(verify: bool | str | None, cert: Any) -> dict[str, Any]:
    sslopt: dict[str, Any]
    if verify is False:
        sslopt = {"cert_reqs": ssl.CERT_NONE, "check_hostname": False}
    else:
        # requests checks against its own bundle unless told otherwise; the stream does the same.
        bundle = verify if isinstance(verify, str) else DEFAULT_CA_BUNDLE_PATH
        location = "ca_cert_path" if os.path.isdir(bundle) else "ca_certs"
        sslopt = {"cert_reqs": ssl.CERT_REQUIRED, "check_hostname": True, location: bundle}
    if isinstance(cert, str):
        sslopt["certfile"] = cert
    elif isinstance(cert, (tuple, list)) and len(cert) == 2 and all(isinstance(part, str) for part in cert):
        sslopt["certfile"], sslopt["keyfile"] = cert
    elif cert is not None:
        raise MastodonIllegalArgumentError("session.cert must be a file name or a (certificate, key) pair of them")
    return sslopt


def session_options(url: str, session: Any) -> dict[str, Any]:
    """:func:`handshake_options` for what ``session`` would use for an HTTP request to ``url``.

    The session's proxies, ``verify`` and ``cert``, merged with the environment
    (``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``) when ``session.trust_env`` is set,
    exactly as requests merges them for the client's other requests.
    """
    http_url = "http" + url[2:] if url.startswith(("ws://", "wss://")) else url
    merge = getattr(session, "merge_environment_settings", None)
    if callable(merge):
        settings = merge(http_url, {}, None, None, None)
    else:  # a stand-in for a session: take what it has
        settings = {
            "proxies": getattr(session, "proxies", None),
            "verify": getattr(session, "verify", True),
            "cert": getattr(session, "cert", None),
        }
    return handshake_options(http_url, settings.get("proxies"), settings.get("verify"), settings.get("cert"))
