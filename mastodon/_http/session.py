"""The HTTP session a client makes for itself when the caller gives none.

It is a :class:`requests.Session` that prepares the requests a client sends the most (same
server, same headers, a query made by :func:`urllib.parse.urlencode`, no cookies) with less work,
and reads the environment once per host. Each shortcut produces exactly what requests itself would
produce (the tests compare the two); anything outside them goes through requests unchanged.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

import requests
from requests.models import PreparedRequest
from requests.structures import CaseInsensitiveDict
from requests.utils import get_environ_proxies

from mastodon._http.fastpaths import copy_headers, give_cookie_jar, header_items, header_store
from mastodon._http.transport import DirectAdapter

if TYPE_CHECKING:
    from requests.sessions import _Settings

__all__ = ["Session"]

#: How many entries each of a session's caches keeps before it starts afresh.
_CACHE_SIZE = 64

_merge: Callable[..., Any] = requests.sessions.merge_setting
_merge_hooks: Callable[..., Any] = requests.sessions.merge_hooks

#: Query text that requests passes through unchanged: what ``urlencode`` makes. Its escapes are
#: upper case and never stand for an unreserved character (requests would decode those).
#: Compiled by ``re`` on the first request with a query, not at import.
_PLAIN_QUERY = r"(?:[A-Za-z0-9_.~+=&-]|%(?:[01][0-9A-F]|2[0-9A-CF]|3[A-F]|40|5[B-E]|60|7[BCDF]|[89A-F][0-9A-F]))*"


class Session(requests.Session):
    """A :class:`requests.Session` that prepares a client's usual requests with less work.

    - **Environment.** A plain session looks at ``HTTP_PROXY``, ``NO_PROXY``,
      ``REQUESTS_CA_BUNDLE`` and friends on every request, which walks the whole environment each
      time. This one does it on the first request to a scheme and host and reuses the answer, so
      the settings in effect then stay in effect for that host. With ``trust_env = False`` the
      environment is not read at all.
    - **URLs.** The address of a request without its query is prepared by requests once and
      remembered; a query made by ``urlencode`` is appended as requests would append it.
    - **Headers.** The merge of the session's headers with a request's, and their validation, is
      done once per combination and remembered.
    - **Cookies.** With no cookies in the session or the request, there is no cookie header to
      build; the request still gets a cookie jar of its own, as with requests.

    Whatever falls outside these cases (cookies, ``session.params`` with a query given as pairs,
    ``.netrc`` credentials, fragments, URLs or queries that requests would rewrite) is prepared by
    requests itself. Everything else behaves as in :class:`requests.Session`.
    """

    #: Bodies are read whole by the transport itself (see :mod:`mastodon._http.transport`).
    reads_bodies_whole = True

    def __init__(self) -> None:
        super().__init__()
        transport = DirectAdapter()
        self.mount("https://", transport)
        self.mount("http://", transport)

    def prepare_request(self, request: requests.Request) -> PreparedRequest:
        url, params = request.url, request.params
        if (
            type(url) is not str
            or "#" in url
            or request.cookies
            or (self.trust_env and not request.auth and not self.auth)  # requests would read ~/.netrc
            or not (type(params) is str or (params == {} and not self.params))
            or (params and not re.fullmatch(_PLAIN_QUERY, params))
            or len(self.cookies)
        ):
            return super().prepare_request(request)
        headers = self._prepared_headers(request.headers)
        if headers is None:
            return super().prepare_request(request)
        prepared = PreparedRequest()
        prepared.prepare_method(cast(str, request.method).upper())
        prepared.url = self._prepared_url(url, cast(str, params or ""))
        prepared.headers = headers
        # The request's own jar, which redirects fill; with no cookies anywhere it stays empty and
        # there is no Cookie header to add.
        give_cookie_jar(prepared)
        prepared.prepare_body(request.data, request.files, request.json)
        prepared.prepare_auth(_merge(request.auth, self.auth), url)
        prepared.prepare_hooks(_merge_hooks(request.hooks, self.hooks))
        return prepared

    def _cache(self, name: str) -> dict[Any, Any]:
        # Not set in __init__: requests' pickling keeps only the attributes it knows.
        cache: dict[Any, Any] = self.__dict__.setdefault(name, {})
        if len(cache) >= _CACHE_SIZE:
            cache.clear()
        return cache

    def _prepared_url(self, url: str, query: str) -> str:
        """``url`` as requests prepares it, with ``query`` (plain text, or nothing) appended."""
        cache: dict[str, str] = self._cache("_urls")
        base = cache.get(url)
        if base is None:
            probe = PreparedRequest()
            probe.prepare_url(url, None)
            base = cache[url] = str(probe.url)
        if not query:
            return base
        return base + ("&" if "?" in base else "?") + query

    def _prepared_headers(self, headers: Any) -> CaseInsensitiveDict[Any] | None:
        """The session's headers merged with ``headers`` and validated, as requests does it.

        None when the shortcut does not apply (a header type requests merges differently).
        """
        mine = self.headers
        if type(mine) is not CaseInsensitiveDict or type(headers) is not dict:
            return None
        items = header_items(mine)
        if items is None:
            # Without the shortcut: merged and validated by requests on every request.
            probe = PreparedRequest()
            probe.prepare_headers(_merge(headers, mine, dict_class=CaseInsensitiveDict))
            return probe.headers
        try:
            key = (items, tuple(headers.items()))
            cache = self._cache("_headers")
            store = cache.get(key)
        except TypeError:  # a value that cannot be hashed
            return None
        if store is None:
            # Raises InvalidHeader for a bad name or value, as requests would.
            store = header_store(_merge(headers, mine, dict_class=CaseInsensitiveDict))
            if store is None:
                return None
            cache[key] = store
        return copy_headers(store)

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
        cache = self._cache("_environment")
        key = (parts.scheme, parts.netloc, no_proxy)
        found = cache.get(key)
        if found is None:
            bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
            found = cache[key] = (get_environ_proxies(url, no_proxy=no_proxy), bundle)
        environment_proxies, bundle = found
        if proxies is not None and not proxies and not self.proxies:
            # The usual case, without merging anything: the same values as below.
            merged_proxies: Any = OrderedDict(environment_proxies)
            proxies.update(environment_proxies)
        else:
            if proxies is not None:
                for scheme, address in environment_proxies.items():
                    proxies.setdefault(scheme, address)
            merged_proxies = _merge(proxies, self.proxies)
        if bundle and (verify is True or verify is None):
            verify = bundle
        return {
            "proxies": merged_proxies,
            "stream": _merge(stream, self.stream),
            "verify": _merge(verify, self.verify),
            "cert": _merge(cert, self.cert),
        }
