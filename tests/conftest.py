"""Fixtures shared by the unit, method and contract tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from mastodon import Mastodon

BASE = "https://mastodon.example"


@pytest.fixture
def api() -> Mastodon:
    """A client for a fictional Mastodon 4.5 server; no request is made by building it."""
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0")


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    """Strict HTTP mocking: unexpected requests fail, and every registered answer must be used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps
