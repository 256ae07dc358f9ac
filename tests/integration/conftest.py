"""Fixtures for the integration tests: a ``mastodon-mock`` process per session, or a real instance.

Against the mock (the default), one server process serves the whole session; tests that change
its state call ``reset()`` through the ``mock`` fixture. With ``MASTODON_TEST_URL`` and
``MASTODON_TEST_TOKEN`` set, ``target`` points at that instance instead, and every test that
needs the mock's control API is skipped (and only then).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mastodon.streaming import SSEStreamHandle

from ._listener import WAIT
from ._mockserver import MockServer, RateLimitSettings

_HERE = Path(__file__).resolve().parent

#: The rate-limited server allows this many calls per token and window.
RATELIMIT = RateLimitSettings(limit=4, window_seconds=2)


def real_instance() -> tuple[str, str] | None:
    """The real instance named by the environment, as (base URL, token), or None."""
    url = os.environ.get("MASTODON_TEST_URL", "").strip()
    token = os.environ.get("MASTODON_TEST_TOKEN", "").strip()
    if url and token:
        return url.rstrip("/"), token
    return None


def _skip_on_real_instance() -> None:
    if real_instance() is not None:
        pytest.skip("needs the control API of the local mastodon-mock; MASTODON_TEST_URL points at a real instance")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected from this directory as ``integration``."""
    del config
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)


ServerFactory = Callable[..., MockServer]


@pytest.fixture(scope="session")
def mock_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """Start extra servers with their own settings (see ``MockServer.start``); all stop at the end."""
    _skip_on_real_instance()
    started: list[MockServer] = []

    def start(name: str = "mock", **settings: object) -> MockServer:
        directory = tmp_path_factory.mktemp(name)
        server = MockServer.start(directory, **settings)  # type: ignore[arg-type]
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in reversed(started):
            server.stop()


def _start_or_fail(factory: ServerFactory, name: str, **settings: object) -> MockServer:
    try:
        return factory(name, **settings)
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def mock_server(mock_server_factory: ServerFactory) -> MockServer:
    """The session's mock server: alice and bob seeded with known tokens, no rate limit."""
    return _start_or_fail(mock_server_factory, "mock")


@pytest.fixture(scope="session")
def ratelimited_server(mock_server_factory: ServerFactory) -> MockServer:
    """A second mock server whose rate limiter is on (``RATELIMIT`` calls per token and window)."""
    return _start_or_fail(mock_server_factory, "mock-ratelimited", ratelimit=RATELIMIT)


@pytest.fixture
def mock(mock_server: MockServer) -> Iterator[MockServer]:
    """The session's mock server, reset to its seed with no fault rules, for one test."""
    mock_server.reset()
    yield mock_server
    mock_server.clear_faults()


@dataclass(frozen=True)
class Target:
    """The server a test talks to.

    Attributes:
        base_url: API base URL.
        token: A working user access token.
        server: The mock server, or None for a real instance.
    """

    base_url: str
    token: str
    server: MockServer | None

    @property
    def is_mock(self) -> bool:
        """Whether this is the local mock."""
        return self.server is not None


@pytest.fixture
def target(request: pytest.FixtureRequest) -> Target:
    """The instance under test: the real one from the environment, else the (reset) mock as alice."""
    real = real_instance()
    if real is not None:
        return Target(base_url=real[0], token=real[1], server=None)
    server: MockServer = request.getfixturevalue("mock")
    return Target(base_url=server.base_url, token=server.tokens["alice"], server=server)


@pytest.fixture
def handles() -> Iterator[list[SSEStreamHandle]]:
    """Stream handles a test opens; closed and joined when it ends, whatever the outcome."""
    opened: list[SSEStreamHandle] = []
    yield opened
    for handle in opened:
        handle.close()
        handle.join(WAIT)
