"""The error hierarchy and the status -> class table."""

from __future__ import annotations

import pytest

from mastodon import errors
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
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonReadTimeout,
    MastodonServerError,
    MastodonServiceUnavailableError,
    MastodonUnauthorizedError,
    MastodonWarning,
    error_class_for_status,
)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, MastodonAPIError),
        (401, MastodonUnauthorizedError),
        (403, MastodonAPIError),
        (404, MastodonNotFoundError),
        (410, MastodonAPIError),
        (422, MastodonAPIError),
        (500, MastodonInternalServerError),
        (501, MastodonServerError),
        (502, MastodonBadGatewayError),
        (503, MastodonServiceUnavailableError),
        (504, MastodonGatewayTimeoutError),
        (520, MastodonServerError),
        (599, MastodonServerError),
    ],
)
def test_status_table(status: int, cls: type[MastodonAPIError]) -> None:
    assert error_class_for_status(status) is cls


def test_hierarchy_matches_the_reference() -> None:
    assert issubclass(MastodonIllegalArgumentError, ValueError)
    assert issubclass(MastodonIOError, IOError)
    assert issubclass(MastodonFileNotFoundError, MastodonIOError)
    assert issubclass(MastodonNetworkError, MastodonIOError)
    assert issubclass(MastodonReadTimeout, MastodonNetworkError)
    for cls in (MastodonNotFoundError, MastodonUnauthorizedError, MastodonServerError):
        assert issubclass(cls, MastodonAPIError)
    for cls in (
        MastodonInternalServerError,
        MastodonBadGatewayError,
        MastodonServiceUnavailableError,
        MastodonGatewayTimeoutError,
    ):
        assert issubclass(cls, MastodonServerError)
    assert not issubclass(MastodonRatelimitError, MastodonAPIError)
    assert issubclass(MastodonDeprecationWarning, MastodonWarning)
    assert issubclass(MastodonDeprecationWarning, DeprecationWarning)
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and not issubclass(obj, Warning):
            assert issubclass(obj, MastodonError), name


def test_api_error_args_and_attributes() -> None:
    response = object()
    error = MastodonNotFoundError("Mastodon API returned error", 404, "Not Found", "gone", response=response)
    assert error.args == ("Mastodon API returned error", 404, "Not Found", "gone")
    assert (error.status_code, error.reason, error.error, error.details) == (404, "Not Found", "gone", None)
    assert error.response is response


def test_api_error_with_a_plain_message() -> None:
    error = MastodonAPIError("something odd")
    assert error.args == ("something odd",)
    assert error.status_code is None and error.error == "something odd"
    assert MastodonAPIError().error is None
