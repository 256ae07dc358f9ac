"""Fixtures shared by the unit, method and contract tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from mastodon import Mastodon

BASE = "https://mastodon.example"


def pytest_configure(config: pytest.Config) -> None:
    # Kept out of pyproject.toml: there the class name would be imported while pytest reads its
    # configuration, before pytest-cov starts, and every module-level line would count as unrun.
    config.addinivalue_line("filterwarnings", "error::mastodon.errors.MastodonDeprecationWarning")


@pytest.fixture(autouse=True)
def _default_decoder() -> Iterator[None]:
    """Every test runs with the default install's decoder, though the test extra installs orjson;
    tests of the ``speed`` extra switch to it themselves (``tests/unit/test_fast_decoder.py``)."""
    from mastodon._convert import use_fast_decoder

    use_fast_decoder(False)
    yield
    use_fast_decoder(False)


@pytest.fixture
def api() -> Mastodon:
    """A client for a fictional Mastodon 4.5 server; no request is made by building it."""
    return Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0")


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    """Strict HTTP mocking: unexpected requests fail, and every registered answer must be used."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


# -- secrets never reach the logs: a guard over the whole test run -----------------------------------------------------
#
# Every record of the "mastodon" logger is captured at DEBUG level for the whole session. At the end
# the captured text is searched for every credential the tests used: the fixed ones below, the seeded
# tokens of the integration server, and whatever credentials went over the wire or came back from a
# server during the run (collected from the requests themselves). A bearer header or a secret field
# with a value that is not "<redacted>" counts as a leak too, whatever its value.

import json as _json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
from collections.abc import Iterable  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import parse_qsl  # noqa: E402

import requests  # noqa: E402

#: Credentials the tests give to clients. "tok" is matched as a whole token only, never inside a word.
FIXED_TEST_SECRETS = frozenset(
    {
        "tok",
        "csec",
        "minesec",
        "very-secret",
        "tok-secret",
        "tok-123",
        "s3cr3t-t0ken-value",
        "ws-token",
        "client-secret-value",
        "new-token-value",
        "pw-value",
        "code-value",
        "certainly-not-a-valid-token",
    }
)
#: Shorter values are too common to search for (a test's "t" token would match everywhere).
_MIN_SECRET_LENGTH = 3
#: Credentials seen on the wire must be at least this long to be searched for.
_MIN_WIRE_SECRET_LENGTH = 6
_SECRET_FIELDS = ("access_token", "client_secret", "password", "refresh_token", "code_verifier", "code", "token")
_WIRE_SECRET_KEYS = frozenset({"access_token", "client_secret", "password", "refresh_token", "code_verifier", "code"})
_TOKEN_CHARS = "A-Za-z0-9_-"
_UNREDACTED = [
    re.compile(r"Bearer\s+(?!<redacted>)[^\s'\"<]+"),
    # A secret field of a logged mapping, or of a (key, value) pair, whose value is shown: {'code': 'x'}, ('code', 'x').
    re.compile(r"[{,]\s*['\"](?:" + "|".join(_SECRET_FIELDS) + r")['\"]\s*:\s*['\"](?!<redacted>)[^'\"]+['\"]"),
    re.compile(r"\(\s*['\"](?:" + "|".join(_SECRET_FIELDS) + r")['\"]\s*,\s*['\"](?!<redacted>)[^'\"]+['\"]"),
    # ... or in a query string or form body: access_token=x.
    re.compile(r"\b(?:access_token|client_secret|password|refresh_token|code_verifier)=(?!<redacted>)[^&\s'\"]+"),
]


def _whole_token(secret: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_TOKEN_CHARS}]){re.escape(secret)}(?![{_TOKEN_CHARS}])")


class LogSecretGuard(logging.Handler):
    """Keeps every distinct "mastodon" log text of the run and finds credentials in it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.secrets: set[str] = set(FIXED_TEST_SECRETS)
        self.texts: dict[str, str] = {}
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception as exc:  # a record that cannot be formatted is itself worth reporting
            text = f"<unformattable record {record.msg!r}: {exc!r}>"
        error = record.exc_info[1] if record.exc_info else None
        seen: set[int] = set()
        # A chain of causes can loop back on itself; each exception is read once.
        while error is not None and id(error) not in seen and len(seen) < 20:
            seen.add(id(error))
            # Only the messages: the rest of a traceback is source code, which holds no run-time values.
            text += f"\n{type(error).__name__}: {error}"
            error = error.__cause__ or error.__context__
        self.count += 1
        self.texts.setdefault(text, os.environ.get("PYTEST_CURRENT_TEST", "?"))

    def add_secret(self, value: Any, min_length: int = _MIN_SECRET_LENGTH) -> None:
        """Search the logs for ``value`` too (if it is a string of at least ``min_length`` characters)."""
        if isinstance(value, str) and len(value.strip()) >= min_length:
            self.secrets.add(value.strip())

    def scan(self, texts: Iterable[str]) -> list[str]:
        """The leaks found in ``texts``: one line per finding, naming what leaked."""
        patterns = [(secret, _whole_token(secret)) for secret in sorted(self.secrets)]
        findings = []
        for text in texts:
            for secret, pattern in patterns:
                if pattern.search(text):
                    findings.append(f"credential {secret!r} in: {text[:300]!r}")
            for pattern in _UNREDACTED:
                match = pattern.search(text)
                if match:
                    findings.append(f"unredacted {match.group()!r} in: {text[:300]!r}")
        return findings

    def leaks(self) -> list[str]:
        """Every leak in the records captured so far, with the test that logged it."""
        found = []
        for text, test in self.texts.items():
            found.extend(f"{test}: {finding}" for finding in self.scan([text]))
        return found

    # -- credentials on the wire ---------------------------------------------------------------------

    def collect_from_exchange(self, request: requests.PreparedRequest, response: Any) -> None:
        """Remember the credentials a request carried and a (non-streamed) response returned."""
        auth = request.headers.get("Authorization", "")
        if isinstance(auth, bytes):
            auth = auth.decode("latin-1")
        if auth.startswith("Bearer "):
            self.add_secret(auth[len("Bearer ") :], _MIN_WIRE_SECRET_LENGTH)
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        if isinstance(body, str) and "=" in body and not body.lstrip().startswith("{"):
            for key, value in parse_qsl(body, keep_blank_values=False):
                if key in _WIRE_SECRET_KEYS:
                    self.add_secret(value, _MIN_WIRE_SECRET_LENGTH)
        content = getattr(response, "_content", None)
        if isinstance(content, bytes) and any(key.encode() in content for key in _WIRE_SECRET_KEYS):
            try:
                decoded = _json.loads(content)
            except ValueError:
                return
            if isinstance(decoded, dict):
                for key in _WIRE_SECRET_KEYS:
                    self.add_secret(decoded.get(key), _MIN_WIRE_SECRET_LENGTH)


_LOG_GUARD = LogSecretGuard()


def _seeded_mock_tokens() -> list[str]:
    try:
        from tests.integration._mockserver import SEED_ACCOUNTS
    except ImportError:
        return []
    return list(SEED_ACCOUNTS.values())


@pytest.fixture(scope="session", autouse=True)
def _mastodon_log_guard() -> Iterator[LogSecretGuard]:
    """Capture the "mastodon" logger at DEBUG for the whole run; fail at the end if a credential leaked."""
    logger = logging.getLogger("mastodon")
    old_level = logger.level
    logger.addHandler(_LOG_GUARD)
    logger.setLevel(logging.DEBUG)
    for token in _seeded_mock_tokens():
        _LOG_GUARD.add_secret(token)
    original_send = requests.Session.send

    def send_and_collect(session: requests.Session, request: requests.PreparedRequest, **kwargs: Any) -> Any:
        response = original_send(session, request, **kwargs)
        # A streamed body is left alone: reading it here would take it from the code under test.
        _LOG_GUARD.collect_from_exchange(request, None if kwargs.get("stream") else response)
        return response

    requests.Session.send = send_and_collect  # type: ignore[method-assign]
    try:
        yield _LOG_GUARD
    finally:
        requests.Session.send = original_send  # type: ignore[method-assign]
        logger.removeHandler(_LOG_GUARD)
        logger.setLevel(old_level)
    leaks = _LOG_GUARD.leaks()
    if leaks:
        pytest.fail(
            f"{len(leaks)} credential leak(s) in {_LOG_GUARD.count} 'mastodon' log records:\n" + "\n".join(leaks[:50]),
            pytrace=False,
        )


# -- the request tests run twice: with the "mastodon" logger at DEBUG, and with logging off ---------------------------
#
# The log guard above turns DEBUG on for the whole run, but users mostly run with logging off, where
# the code skips building its log messages. The tests of the request path run once each way, so that
# a mistake on either side of an ``isEnabledFor(DEBUG)`` check fails a test.

#: Test files and folders (relative to the project root) whose tests run both ways.
BOTH_LOGGING_WAYS = ("tests/unit/test_request.py", "tests/unit/test_retries.py", "tests/methods/")
LOGGING_WAYS = ("debug", "off")


def _runs_both_logging_ways(config: pytest.Config, path: Any) -> bool:
    relative = os.path.relpath(str(path), str(config.rootpath)).replace(os.sep, "/")
    return any(relative == entry or (entry.endswith("/") and relative.startswith(entry)) for entry in BOTH_LOGGING_WAYS)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "mastodon_logging" in metafunc.fixturenames and _runs_both_logging_ways(
        metafunc.config, metafunc.definition.path
    ):
        metafunc.parametrize("mastodon_logging", LOGGING_WAYS, indirect=True)


@pytest.fixture(autouse=True)
def mastodon_logging(request: pytest.FixtureRequest) -> Iterator[str]:
    """How the "mastodon" logger is set for this test: "debug" (the default) or "off" (as users have it)."""
    way: str = getattr(request, "param", "debug")
    if way == "debug":
        yield way
        return
    logger = logging.getLogger("mastodon")
    old_level = logger.level
    # What a program that never configures logging gets: WARNING and above only.
    logger.setLevel(logging.WARNING)
    assert not logger.isEnabledFor(logging.DEBUG)
    try:
        yield way
    finally:
        logger.setLevel(old_level)


@pytest.fixture
def log_guard() -> LogSecretGuard:
    """The session's log guard: add credentials a test uses with ``log_guard.add_secret(value)``."""
    return _LOG_GUARD


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many "mastodon" log records the guard read and how many credentials it found in them."""
    if _LOG_GUARD.count:
        leaks = _LOG_GUARD.leaks()
        terminalreporter.write_line(
            f"mastodon log guard: {_LOG_GUARD.count} records ({len(_LOG_GUARD.texts)} distinct) captured at DEBUG, "
            f"{len(_LOG_GUARD.secrets)} credentials searched for, {len(leaks)} leak(s) found"
        )


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mypy cache shared by the tests that type-check the scripts in tests/typing/."""
    return tmp_path_factory.mktemp("mypy-cache")
