"""Exceptions and warnings raised by the library.

The class names and the hierarchy match Mastodon.py, so ``except`` clauses written for it keep
working. API errors carry the classic ``args`` tuple
``('Mastodon API returned error', status_code, reason, error_text)`` and, in addition, the same
facts as attributes.
"""

from __future__ import annotations

from typing import Any, Final

#: The first argument of every error built from a server's answer.
API_ERROR_MESSAGE: Final = "Mastodon API returned error"

__all__ = [
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
    "error_class_for_status",
]


class MastodonError(Exception):
    """Base class of every error this library raises."""


class MastodonIllegalArgumentError(ValueError, MastodonError):
    """An argument was invalid; raised before anything is sent."""


class MastodonIOError(IOError, MastodonError):
    """A local file or the network could not be read or written."""


class MastodonFileNotFoundError(MastodonIOError):
    """A file named by the caller does not exist."""


class MastodonNetworkError(MastodonIOError):
    """The server could not be reached, or the connection broke."""


class MastodonReadTimeout(MastodonNetworkError):
    """The server did not answer within the request timeout."""


class MastodonAPIError(MastodonError):
    """The server answered with an error.

    Attributes:
        status_code: The HTTP status code, or ``None`` when the failure was not an HTTP answer.
        reason: The HTTP reason phrase.
        error: The error text the server gave (the ``error`` field of its JSON body, or a short
            plain-text body); the reason and status when it gave none.
        details: Per-field validation details from a 422 answer, when the server sent them.
        response: The :class:`requests.Response`, when there was one.
    """

    status_code: int | None
    reason: str | None
    error: str | None
    details: Any
    response: Any

    def __init__(self, *args: Any, response: Any = None, details: Any = None) -> None:
        super().__init__(*args)
        # Four arguments are the classic shape (message, status, reason, error text); anything
        # else is a message of its own, and the facts come from the response, if any.
        if len(args) == 4:
            status_code, reason, error = args[1], args[2], args[3]
        else:
            status_code = getattr(response, "status_code", None)
            reason = getattr(response, "reason", None)
            error = str(args[0]) if args else None
        if error is None and status_code is not None:
            # The server said nothing readable (args keep None there, as in Mastodon.py).
            error = f"{reason or 'HTTP error'} (HTTP {status_code})"
        self.status_code = status_code
        self.reason = reason
        self.error = error
        self.details = details
        self.response = response

    @classmethod
    def build(
        cls,
        status_code: int | None,
        reason: str | None,
        error_text: str | None,
        *,
        response: Any = None,
        details: Any = None,
    ) -> MastodonAPIError:
        """The error for a server's answer, in the classic shape, of the class its status calls for.

        Every API error the library raises is made here, so each has ``args ==
        ('Mastodon API returned error', status_code, reason, error_text)`` and the attributes.

        Args:
            status_code: The HTTP status of the answer, or None when there was none.
            reason: The HTTP reason phrase.
            error_text: What went wrong, in the server's words where it gave any.
            response: The answer, kept as :attr:`response`.
            details: Per-field validation details, kept as :attr:`details`.

        Returns:
            An instance of the class :func:`error_class_for_status` names for an HTTP error
            status, else of ``cls``.
        """
        error_class = cls
        if isinstance(status_code, int) and status_code >= 400:
            error_class = error_class_for_status(status_code)
        return error_class(API_ERROR_MESSAGE, status_code, reason, error_text, response=response, details=details)


class MastodonNotFoundError(MastodonAPIError):
    """HTTP 404: the resource or the endpoint does not exist."""


class MastodonUnauthorizedError(MastodonAPIError):
    """HTTP 401: the token is missing, invalid or revoked."""


class MastodonUnprocessableEntityError(MastodonAPIError):
    """HTTP 422: the server understood the request and refuses what it holds (too long, too many, ...).

    Also raised before sending, with ``check_limits=True``, for what breaks the server's published
    limits. Not in Mastodon.py, which raises :class:`MastodonAPIError` itself; code catching that
    catches this too.
    """


class MastodonServerError(MastodonAPIError):
    """An HTTP 5xx answer."""


class MastodonInternalServerError(MastodonServerError):
    """HTTP 500."""


class MastodonBadGatewayError(MastodonServerError):
    """HTTP 502."""


class MastodonServiceUnavailableError(MastodonServerError):
    """HTTP 503."""


class MastodonGatewayTimeoutError(MastodonServerError):
    """HTTP 504."""


class MastodonRatelimitError(MastodonError):
    """The rate limit was hit (HTTP 429), or would be, in ``throw`` mode."""


class MastodonMalformedEventError(MastodonError):
    """A streaming event could not be parsed."""


class MastodonVersionError(MastodonError):
    """The server is too old for the method called (in a checking ``version_check_mode``)."""


class MastodonWarning(Warning):
    """Base class of the warnings this library emits."""


class MastodonDeprecationWarning(MastodonWarning, DeprecationWarning):
    """A deprecated method was called, or the server marked an endpoint as deprecated."""


_BY_STATUS: dict[int, type[MastodonAPIError]] = {
    401: MastodonUnauthorizedError,
    404: MastodonNotFoundError,
    422: MastodonUnprocessableEntityError,
    500: MastodonInternalServerError,
    502: MastodonBadGatewayError,
    503: MastodonServiceUnavailableError,
    504: MastodonGatewayTimeoutError,
}


def error_class_for_status(status_code: int) -> type[MastodonAPIError]:
    """The exception class for an HTTP error status (429 is handled by the rate limiter)."""
    cls = _BY_STATUS.get(status_code)
    if cls is not None:
        return cls
    if 500 <= status_code < 600:
        return MastodonServerError
    return MastodonAPIError
