"""Apps, OAuth login and tokens, and account sign-up."""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests

from mastodon._credentials import looks_like_file, read_credentials, write_credentials
from mastodon._http.request import api_error, decode_body, no_auth, send
from mastodon._server import normalize_base_url
from mastodon.errors import (
    MastodonAPIError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonReadTimeout,
)
from mastodon.methods._base import MethodsBase
from mastodon.return_types import AccountCreationError, Application, OAuthServerInfo, OAuthUserInfo
from mastodon.types_base import AttribAccessDict, try_cast_recurse
from mastodon.versions import api_version

__all__ = ["DEFAULT_SCOPES", "OOB_REDIRECT", "SCOPE_SETS", "AuthMixin", "expand_scopes"]

OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
DEFAULT_SCOPES = ["read", "write", "follow", "push"]

_READ = [
    "accounts",
    "blocks",
    "bookmarks",
    "favourites",
    "filters",
    "follows",
    "lists",
    "mutes",
    "notifications",
    "search",
    "statuses",
]
_WRITE = [
    "accounts",
    "blocks",
    "bookmarks",
    "conversations",
    "favourites",
    "filters",
    "follows",
    "lists",
    "media",
    "mutes",
    "notifications",
    "reports",
    "statuses",
]
_ADMIN = [
    "accounts",
    "reports",
    "domain_allows",
    "domain_blocks",
    "ip_blocks",
    "email_domain_blocks",
    "canonical_email_blocks",
]

#: Scopes that stand for a set of narrower scopes.
SCOPE_SETS: dict[str, list[str]] = {
    "read": [f"read:{name}" for name in _READ],
    "write": [f"write:{name}" for name in _WRITE],
    "follow": ["read:blocks", "read:follows", "read:mutes", "write:blocks", "write:follows", "write:mutes"],
    "admin:read": [f"admin:read:{name}" for name in _ADMIN],
    "admin:write": [f"admin:write:{name}" for name in _ADMIN],
}


def expand_scopes(scopes: Iterable[str]) -> set[str]:
    """Every scope named, plus the narrower scopes that the broad ones stand for."""
    expanded: set[str] = set()
    for scope in scopes:
        expanded.add(scope)
        expanded.update(SCOPE_SETS.get(scope, ()))
    return expanded


#: The characters RFC 7636 allows in a PKCE code verifier, and its length limits (compiled by
#: ``re`` on first use).
_PKCE_VERIFIER = r"[A-Za-z0-9._~-]{43,128}"


def _scope_list(scopes: Any) -> list[str]:
    if isinstance(scopes, str):
        scopes = scopes.split()
    if isinstance(scopes, (bytes, Mapping)) or not isinstance(scopes, Iterable):
        raise MastodonIllegalArgumentError(f"scopes must be a list of scope names, not {scopes!r}")
    # Made a list first: a generator would be used up by the check below.
    names = list(scopes)
    if not names or not all(isinstance(scope, str) and scope and not scope.isspace() for scope in names):
        raise MastodonIllegalArgumentError(f"scopes must be a non-empty list of scope names, not {scopes!r}")
    return names


def _redirect_uris(value: Any, name: str) -> str:
    """One redirect URI, or several joined by line breaks as the API takes them."""
    uris = [value] if isinstance(value, str) else value
    if isinstance(uris, (bytes, Mapping)) or not isinstance(uris, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a URI or a list of URIs, not {value!r}")
    uris = list(uris)
    if not uris or not all(isinstance(uri, str) and uri.strip() for uri in uris):
        raise MastodonIllegalArgumentError(f"{name} must hold non-empty URIs, not {value!r}")
    return "\n".join(uris)


def _optional_text(name: str, value: Any, *, blank_ok: bool = True) -> None:
    # Only the type is named: the value may be a password, a code or a token.
    if value is None:
        return
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be a string, not {type(value).__name__}")
    if not blank_ok and not value.strip():
        raise MastodonIllegalArgumentError(f"{name} must not be empty")


def _check_granted(requested: list[str], granted_text: Any) -> None:
    if not isinstance(granted_text, str):
        return
    missing = expand_scopes(requested) - expand_scopes(granted_text.split())
    # A broad scope the server expanded is fine; only scopes truly absent count.
    missing = {scope for scope in missing if scope in requested}
    if missing:
        raise MastodonAPIError.build(
            None,
            None,
            "Granted scopes "
            + granted_text
            + " do not contain all of the requested scopes "
            + " ".join(requested)
            + f" (missing: {' '.join(sorted(missing))})",
        )


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _birth_date(value: Any) -> str | None:
    """``date_of_birth`` as ``YYYY-MM-DD``, from a :class:`datetime.datetime` or :class:`datetime.date`."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    raise MastodonIllegalArgumentError(
        f"date_of_birth must be a datetime or a date, not {type(value).__name__} {value!r}"
    )


def _registration_answer(response: Any, base: str) -> Any:
    """The decoded answer to an app registration.

    Only ``json()`` and ``ok`` are used, so a stand-in for :func:`requests.post` that offers no
    more (as tests of users' code often make) works. A body that is not JSON, whatever the status,
    is a :class:`MastodonNetworkError`, as in Mastodon.py; a JSON error answer is mapped as usual.
    """
    try:
        body = response.json()
    except Exception as exc:  # what a failing json() raises depends on the response object
        raise MastodonNetworkError(f"the answer to registering the app at {base} is not JSON: {exc}") from exc
    if getattr(response, "ok", True) is False:
        if isinstance(response, requests.Response):
            raise api_error(response)
        error = body.get("error") if isinstance(body, Mapping) else None
        status = getattr(response, "status_code", None)
        raise MastodonAPIError.build(
            status if isinstance(status, int) else None, None, error or "app registration failed", response=response
        )
    return body


def check_endpoint_url(url: Any, allow_http: bool, what: str) -> str:
    """Accept an OAuth endpoint announced by the server only if it is safe to send secrets to.

    It must be https (http only for a loopback host and with ``allow_http``), without user
    info, query or fragment.
    """
    if not isinstance(url, str):
        raise MastodonIllegalArgumentError(f"the server announced no usable {what}")
    parts = urlsplit(url)
    if parts.scheme == "http" and allow_http and _is_loopback(parts.hostname):
        pass
    elif parts.scheme != "https":
        raise MastodonIllegalArgumentError(f"the server's {what} {url!r} is not https")
    if not parts.hostname or parts.username or parts.password or parts.query or parts.fragment:
        raise MastodonIllegalArgumentError(f"the server's {what} {url!r} is not a plain https URL")
    return url


def _new_verifier() -> str:
    import secrets  # on first use: most apps never ask for PKCE

    return secrets.token_urlsafe(48)


def pkce_challenge(verifier: str) -> str:
    """The S256 code challenge for a PKCE code verifier."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class AuthMixin(MethodsBase):
    """Registering apps, logging in, and managing tokens."""

    # Client state, set up by the constructor: the PKCE code verifier of the authorisation request
    # in progress, and the server's OAuth metadata once read.
    pkce_code_verifier: str | None
    _oauth_info: Any

    @staticmethod
    def create_app(
        client_name: str,
        scopes: list[str] = DEFAULT_SCOPES,
        redirect_uris: str | list[str] | None = None,
        website: str | None = None,
        to_file: str | os.PathLike[str] | None = None,
        api_base_url: str | None = None,
        request_timeout: float = 300,
        session: requests.Session | None = None,
        user_agent: str = "mastodonpy",
    ) -> tuple[str, str]:
        """Register an app with a server.

        Args:
            client_name: The app's name, shown to users.
            scopes: The scopes the app may ask for.
            redirect_uris: Where the server may send users after authorising (one URI or a list);
                by default the out-of-band URI, which shows the code to the user.
            website: The app's home page.
            to_file: Write the client credentials (id, secret, base URL, name) to this file.
            api_base_url: The server.
            request_timeout: Seconds to wait for the server.
            session: A :class:`requests.Session` to send the request with.
            user_agent: The ``User-Agent`` header.

        Returns:
            ``(client_id, client_secret)``.
        """
        if not isinstance(client_name, str) or not client_name.strip():
            raise MastodonIllegalArgumentError("client_name must be a non-empty string")
        if api_base_url is None:
            raise MastodonIllegalArgumentError("api_base_url is required to register an app")
        base = normalize_base_url(api_base_url)
        redirect_uris = OOB_REDIRECT if redirect_uris is None else _redirect_uris(redirect_uris, "redirect_uris")
        _optional_text("website", website)
        data = {"client_name": client_name, "scopes": " ".join(_scope_list(scopes)), "redirect_uris": redirect_uris}
        if website is not None:
            data["website"] = website
        poster = session.post if session is not None else requests.post
        try:
            response = poster(
                base + "/api/v1/apps",
                data=data,
                timeout=request_timeout,
                headers={"User-Agent": user_agent},
                auth=no_auth,
            )
        except requests.exceptions.Timeout as exc:
            raise MastodonReadTimeout(f"registering the app at {base} timed out") from exc
        except requests.exceptions.RequestException as exc:
            raise MastodonNetworkError(f"could not register the app at {base}: {exc}") from exc
        body = _registration_answer(response, base)
        if not isinstance(body, Mapping) or not body.get("client_id") or not body.get("client_secret"):
            raise MastodonAPIError.build(
                response.status_code,
                response.reason,
                "the server's answer to app registration has no client_id and client_secret",
                response=response,
            )
        client_id, client_secret = str(body["client_id"]), str(body["client_secret"])
        if to_file is not None:
            write_credentials(to_file, [client_id, client_secret, base, client_name])
        return client_id, client_secret

    # -- discovery --------------------------------------------------------------------------

    def oauth_authorization_server_info(self) -> OAuthServerInfo | AttribAccessDict:
        """The server's OAuth metadata (endpoints, supported scopes and grants).

        Servers without the discovery document (before Mastodon 4.3) give an empty result.

        Returns:
            The metadata, or an empty :class:`AttribAccessDict`.
        """
        try:
            info = self._call("GET", "/.well-known/oauth-authorization-server", OAuthServerInfo)
        except MastodonAPIError as exc:
            if exc.status_code is not None and (exc.status_code in (404, 410) or exc.status_code == 200):
                return AttribAccessDict()
            raise
        if not isinstance(info, AttribAccessDict):
            return AttribAccessDict()
        return info

    def _server_oauth_info(self) -> Mapping[str, Any]:
        if self._oauth_info is None:
            self._oauth_info = self.oauth_authorization_server_info()
        info: Mapping[str, Any] = self._oauth_info
        return info

    def _oauth_endpoint(self, key: str, default_path: str, allow_http: bool, discover: bool = True) -> str:
        if discover:
            announced = self._server_oauth_info().get(key)
            if announced:
                return check_endpoint_url(announced, allow_http, key.replace("_", " "))
        return self.api_base_url + default_path

    # -- the authorization-code flow -----------------------------------------------------------

    def auth_request_url(
        self,
        client_id: str | os.PathLike[str] | None = None,
        redirect_uris: str | list[str] = OOB_REDIRECT,
        scopes: list[str] = DEFAULT_SCOPES,
        force_login: bool = False,
        state: str | None = None,
        lang: str | None = None,
        skip_server_info: bool = False,
        allow_http: bool = False,
        pkce: bool = False,
        code_verifier: str | None = None,
    ) -> str:
        """The URL to send a user to so they can authorise this app.

        Args:
            client_id: The app's client ID (or client credential file); by default this client's.
            redirect_uris: Where the server sends the user back with the code.
            scopes: The scopes to ask for.
            force_login: Make the server ask the user to log in even if they have a session.
            state: An opaque value the server passes back to the redirect, to tie the answer to
                this request.
            lang: The language for the authorisation page.
            skip_server_info: Do not read the server's OAuth metadata; use ``/oauth/authorize``.
            allow_http: Accept an http authorisation endpoint on a loopback host (for testing).
            pkce: Protect the flow with PKCE (S256); a code verifier is made and kept in
                :attr:`pkce_code_verifier` for :meth:`log_in`.
            code_verifier: Use this PKCE code verifier (implies ``pkce``).

        Returns:
            The authorisation URL.
        """
        if client_id is None:
            client_id = self.client_id
        elif looks_like_file(client_id):
            client_id = read_credentials(client_id, "client credential")[0]
        if isinstance(client_id, os.PathLike):  # for mypy: looks_like_file took every path object
            client_id = os.fspath(client_id)
        if not client_id:
            raise MastodonIllegalArgumentError("a client_id is needed: register an app with create_app() first")
        _optional_text("client_id", client_id, blank_ok=False)
        redirect_uris = _redirect_uris(redirect_uris, "redirect_uris")
        _optional_text("state", state)
        _optional_text("lang", lang, blank_ok=False)
        params: dict[str, str] = {
            "client_id": client_id,
            "response_type": "code",
            "redirect_uri": redirect_uris,
            "scope": " ".join(_scope_list(scopes)),
        }
        if force_login:
            params["force_login"] = "True"  # as Mastodon.py writes it; the server reads any true value
        if state is not None:
            params["state"] = state
        if lang is not None:
            params["lang"] = lang
        if pkce or code_verifier is not None:
            verifier = code_verifier if code_verifier is not None else _new_verifier()
            if not isinstance(verifier, str) or not re.fullmatch(_PKCE_VERIFIER, verifier):
                raise MastodonIllegalArgumentError(
                    "a PKCE code verifier must be 43 to 128 characters long, of letters, digits and '-._~'"
                )
            self.pkce_code_verifier = verifier
            params["code_challenge"] = pkce_challenge(verifier)
            params["code_challenge_method"] = "S256"
        endpoint = self._oauth_endpoint(
            "authorization_endpoint", "/oauth/authorize", allow_http, discover=not skip_server_info
        )
        return endpoint + "?" + urlencode(params)

    def log_in(
        self,
        username: str | None = None,
        password: str | None = None,
        code: str | None = None,
        redirect_uri: str = OOB_REDIRECT,
        refresh_token: str | None = None,
        scopes: list[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        allow_http: bool = False,
        code_verifier: str | None = None,
    ) -> str:
        """Get a user token: with an authorisation code, a refresh token, or (on old servers) a password.

        The granted scopes are checked against ``scopes``. The token becomes this client's.

        Args:
            username: The user's e-mail address, for the password grant.
            password: The user's password, for the password grant (removed in Mastodon 4.4).
            code: The authorisation code from the redirect or the out-of-band page.
            redirect_uri: The redirect URI used for the authorisation request.
            refresh_token: A refresh token from an earlier login.
            scopes: The scopes asked for.
            to_file: Write the user credentials to this file.
            allow_http: Accept an http token endpoint on a loopback host (for testing).
            code_verifier: The PKCE code verifier; by default the one :meth:`auth_request_url` made.

        Returns:
            The access token.
        """
        scope_list = _scope_list(scopes)
        for name, value in (("code", code), ("refresh_token", refresh_token), ("code_verifier", code_verifier)):
            _optional_text(name, value, blank_ok=False)
        for name, value in (("username", username), ("password", password)):
            _optional_text(name, value, blank_ok=False)
        _optional_text("redirect_uri", redirect_uri, blank_ok=False)
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("log_in needs the app's client_id and client_secret")
        # The fields go in the order Mastodon.py sends them; a username and password win over a
        # code, a code over a refresh token.
        params: dict[str, str]
        if username is not None and password is not None:
            grants = self._server_oauth_info().get("grant_types_supported")
            if isinstance(grants, list) and "password" not in grants:
                raise MastodonIllegalArgumentError(
                    "this server does not offer the password grant (Mastodon 4.4 removed it); "
                    "use the authorization code flow: auth_request_url() and log_in(code=...)"
                )
            params = {
                "username": username,
                "password": password,
                "redirect_uri": redirect_uri,
                "grant_type": "password",
            }
        elif code is not None:
            params = {"code": code, "redirect_uri": redirect_uri, "grant_type": "authorization_code"}
        elif refresh_token is not None:
            params = {"redirect_uri": redirect_uri, "refresh_token": refresh_token, "grant_type": "refresh_token"}
        else:
            raise MastodonIllegalArgumentError("log_in needs a code, a refresh_token, or a username and password")
        params.update(client_id=self.client_id, client_secret=self.client_secret, scope=" ".join(scope_list))
        if code is not None and params["grant_type"] == "authorization_code":
            verifier = code_verifier if code_verifier is not None else self.pkce_code_verifier
            if verifier:
                params["code_verifier"] = verifier
        url = self._oauth_endpoint("token_endpoint", "/oauth/token", allow_http)
        try:
            response = send(self, "POST", url, data=params, authenticated=False)
        except MastodonAPIError as exc:
            raise MastodonIllegalArgumentError(f"Invalid user name, password, or redirect_uris: {exc.error}") from exc
        body = decode_body(response)
        if not isinstance(body, Mapping) or not isinstance(body.get("access_token"), str):
            raise MastodonAPIError.build(
                response.status_code,
                response.reason,
                "the token endpoint's answer holds no access_token",
                response=response,
            )
        _check_granted(scope_list, body.get("scope"))
        self.access_token = body["access_token"]
        self._logged_in_id = None
        self.refresh_token = body.get("refresh_token") or refresh_token
        self.pkce_code_verifier = None
        if to_file is not None:
            write_credentials(to_file, self._credential_lines())
        return self.access_token

    def _credential_lines(self) -> list[str | None]:
        return [self.access_token, self.api_base_url, self.client_id, self.client_secret]

    def persistable_login_credentials(self) -> str:
        """The user credential file's contents for this client (token, base URL, client ID and secret)."""
        return "".join(f"{value or ''}\n" for value in self._credential_lines())

    def revoke_access_token(self, allow_http: bool = False) -> None:
        """Revoke this client's access token; it cannot be used afterwards.

        Args:
            allow_http: Accept an http revocation endpoint on a loopback host (for testing).
        """
        if not self.access_token:
            raise MastodonIllegalArgumentError("there is no access token to revoke")
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("revoking a token needs the app's client_id and client_secret")
        url = self._oauth_endpoint("revocation_endpoint", "/oauth/revoke", allow_http)
        send(
            self,
            "POST",
            url,
            authenticated=False,
            data={"client_id": self.client_id, "client_secret": self.client_secret, "token": self.access_token},
        )

    @api_version("4.3.0", "4.3.0")
    def oauth_userinfo(self) -> OAuthUserInfo:
        """Who the token belongs to, as OpenID Connect user info.

        Returns:
            The user info.
        """
        url = self._oauth_endpoint("userinfo_endpoint", "/oauth/userinfo", allow_http=False)
        if url.startswith(self.api_base_url):
            result: OAuthUserInfo = self._call("GET", url[len(self.api_base_url) :], OAuthUserInfo)
            return result
        response = send(self, "GET", url)
        converted: OAuthUserInfo = try_cast_recurse(OAuthUserInfo, decode_body(response))
        return converted

    @api_version("2.0.0", "2.7.2")
    def app_verify_credentials(self) -> Application:
        """The app the current token belongs to.

        Returns:
            The application.
        """
        result: Application = self._call("GET", "/api/v1/apps/verify_credentials", Application)
        return result

    @api_version("2.7.0", "2.7.0")
    def create_account(
        self,
        username: str,
        password: str,
        email: str,
        agreement: bool = False,
        reason: str | None = None,
        locale: str = "en",
        scopes: list[str] = DEFAULT_SCOPES,
        to_file: str | os.PathLike[str] | None = None,
        return_detailed_error: bool = False,
        date_of_birth: date | None = None,
    ) -> str | tuple[str | None, AccountCreationError] | None:
        """Sign up a new account (the app needs ``write:accounts`` or ``write``) and log in as it.

        Args:
            username: The new account's username.
            password: Its password.
            email: Its e-mail address.
            agreement: Whether the user agreed to the server's rules and terms.
            reason: Why the user wants to join, for servers that approve sign-ups by hand.
            locale: The language for the confirmation e-mail.
            scopes: The scopes of the new token.
            to_file: Write the user credentials to this file.
            return_detailed_error: On a validation failure, return ``(None, details)`` instead of
                raising; on success return ``(token, empty details)``.
            date_of_birth: The user's date of birth, a ``datetime`` or ``date``, where the server asks for it.

        Returns:
            The new account's access token (see ``return_detailed_error``).
        """
        # Empty values are sent: the server says what is wrong with them, in the details that
        # return_detailed_error gives back.
        for name, value in (("username", username), ("password", password), ("email", email)):
            if not isinstance(value, str):
                raise MastodonIllegalArgumentError(f"{name} must be a string, not {type(value).__name__}")
        _optional_text("reason", reason)
        _optional_text("locale", locale, blank_ok=False)
        birth_date = _birth_date(date_of_birth)
        scope_list = _scope_list(scopes)
        if not self.client_id or not self.client_secret:
            raise MastodonIllegalArgumentError("create_account needs the app's client_id and client_secret")
        token_response = send(
            self,
            "POST",
            self.api_base_url + "/oauth/token",
            authenticated=False,
            data={
                "scope": " ".join(scope_list),
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "grant_type": "client_credentials",
            },
        )
        app_token = decode_body(token_response)
        if not isinstance(app_token, Mapping) or not isinstance(app_token.get("access_token"), str):
            raise MastodonAPIError.build(
                token_response.status_code,
                token_response.reason,
                "the token endpoint's answer holds no access_token",
                response=token_response,
            )
        # The fields go in the order Mastodon.py sends them; an agreement not given is left out.
        form: dict[str, Any] = {
            "username": username,
            "password": password,
            "email": email,
            "agreement": True if agreement else None,
            "reason": reason,
            "locale": locale,
            "return_detailed_error": bool(return_detailed_error),
            "date_of_birth": birth_date,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        try:
            body = self._call("POST", "/api/v1/accounts", None, form=form, access_token=app_token["access_token"])
        except MastodonAPIError as exc:
            if return_detailed_error and exc.status_code == 422:
                details = decode_body(exc.response) if exc.response is not None else None
                error: AccountCreationError = try_cast_recurse(AccountCreationError, details or {})
                return None, error
            raise
        if not isinstance(body, Mapping) or not isinstance(body.get("access_token"), str):
            raise MastodonAPIError.build(None, None, "the server's answer to the sign-up holds no access_token")
        _check_granted(scope_list, body.get("scope"))
        self.access_token = body["access_token"]
        self._logged_in_id = None
        if to_file is not None:
            write_credentials(to_file, self._credential_lines())
        if return_detailed_error:
            return self.access_token, try_cast_recurse(AccountCreationError, {})
        return self.access_token
