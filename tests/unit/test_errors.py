"""The error hierarchy and the status -> class table."""

from __future__ import annotations

import pytest
import responses

from mastodon import Mastodon, errors
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
    MastodonUnprocessableEntityError,
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
        (422, MastodonUnprocessableEntityError),
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


def test_a_422_is_still_an_api_error() -> None:
    assert issubclass(MastodonUnprocessableEntityError, MastodonAPIError)
    assert not issubclass(MastodonUnprocessableEntityError, MastodonServerError)


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


def test_the_four_argument_shape_is_read_whatever_the_message() -> None:
    error = MastodonAPIError("Could not parse response as JSON", 200, "OK", "not JSON")
    assert (error.status_code, error.reason, error.error) == (200, "OK", "not JSON")


def test_an_error_without_words_says_its_status() -> None:
    error = MastodonAPIError("Mastodon API returned error", 502, "Bad Gateway", None)
    assert error.args[3] is None
    assert error.error == "Bad Gateway (HTTP 502)"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (None, MastodonAPIError),
        (200, MastodonAPIError),
        (404, MastodonNotFoundError),
        (503, MastodonServiceUnavailableError),
    ],
)
def test_build_makes_the_classic_shape_of_the_status_class(status: int | None, cls: type[MastodonAPIError]) -> None:
    response, details = object(), {"a": 1}
    error = MastodonAPIError.build(status, "Why", "text", response=response, details=details)
    assert type(error) is cls
    assert error.args == ("Mastodon API returned error", status, "Why", "text")
    assert (error.status_code, error.reason, error.error, error.details) == (status, "Why", "text", details)
    assert error.response is response


def test_errors_raised_on_odd_answers_have_the_classic_shape(mocked: responses.RequestsMock) -> None:
    base = "https://mastodon.example"
    mocked.post(base + "/api/v1/apps", json={"name": "x"})
    with pytest.raises(MastodonAPIError) as info:
        Mastodon.create_app("x", api_base_url=base)
    assert info.value.args[:3] == ("Mastodon API returned error", 200, "OK")
    assert "client_id" in info.value.args[3] and info.value.response is not None

    mocked.get(base + "/.well-known/nodeinfo", json={"links": []})
    api = Mastodon(access_token="t", api_base_url=base, mastodon_version="4.5.0")
    with pytest.raises(MastodonAPIError) as info:
        api.instance_nodeinfo()
    assert info.value.args[0] == "Mastodon API returned error" and len(info.value.args) == 4
    assert "NodeInfo" in info.value.error
