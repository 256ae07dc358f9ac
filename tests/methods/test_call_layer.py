"""The call layer: ``_call`` is typed by the result it is asked for, and a method built on another
runs the version check once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from tests._mypy import TYPING, run_mypy
from tests.conftest import BASE
from tests.methods._helpers import form_pairs, query_is
from tests.methods.test_streaming import LEGACY, Collector, expect_stream


def test_call_results_that_agree_type_check(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "ok_call_return.py", mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_result_type_is_a_mypy_error(mypy_cache: Path) -> None:
    result = run_mypy(TYPING / "bad_call_return.py", mypy_cache)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'expression has type "Relationship", variable has type "Status"' in result.stdout
    assert 'incompatible type "type[PaginatableList[Relationship]]"' in result.stdout


def test_method_results_need_no_narrowing(mypy_cache: Path) -> None:
    # Notifications by ID or by page, streams by mode, media from paths: each a type of its own.
    result = run_mypy(TYPING / "ok_method_results.py", mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr


class CountedChecks(Mastodon):
    """A client that counts how often a method's version check asks for the checking mode."""

    version_checks = 0

    @property  # type: ignore[override]
    def version_check_mode(self) -> str:
        self.version_checks += 1
        return self._mode

    @version_check_mode.setter
    def version_check_mode(self, value: str) -> None:
        self._mode = value


STATUS = {"id": "1", "created_at": "2025-01-01T00:00:00.000Z", "account": {"id": "8"}, "card": None}
ACCOUNT = {"id": "8", "acct": "bob@remote.example"}

COMPOSITES: list[tuple[str, Callable[[Mastodon], Any], list[tuple[str, str, Any]]]] = [
    ("timeline_home", lambda api: api.timeline_home(), [("GET", "/api/v1/timelines/home", [])]),
    ("timeline_local", lambda api: api.timeline_local(), [("GET", "/api/v1/timelines/public", [])]),
    ("timeline_public", lambda api: api.timeline_public(), [("GET", "/api/v1/timelines/public", [])]),
    ("timeline_hashtag", lambda api: api.timeline_hashtag("cats"), [("GET", "/api/v1/timelines/tag/cats", [])]),
    ("timeline_list", lambda api: api.timeline_list("3"), [("GET", "/api/v1/timelines/list/3", [])]),
    ("me", lambda api: api.me(), [("GET", "/api/v1/accounts/verify_credentials", ACCOUNT)]),
    ("toot", lambda api: api.toot("hi"), [("POST", "/api/v1/statuses", STATUS)]),
    ("status_card", lambda api: api.status_card("1"), [("GET", "/api/v1/statuses/1", STATUS)]),
    ("search", lambda api: api.search("cats"), [("GET", "/api/v2/search", {"accounts": [], "statuses": []})]),
    (
        "follows",
        lambda api: api.follows("bob@remote.example"),
        [("GET", "/api/v1/accounts/search", [ACCOUNT]), ("POST", "/api/v1/accounts/8/follow", {"id": "8"})],
    ),
]


@pytest.mark.parametrize(("name", "call", "answers"), COMPOSITES, ids=[case[0] for case in COMPOSITES])
def test_a_method_built_on_another_checks_the_version_once(
    mocked: responses.RequestsMock, name: str, call: Callable[[Mastodon], Any], answers: list[tuple[str, str, Any]]
) -> None:
    api = CountedChecks(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", version_check_mode="created")
    for verb, path, body in answers:
        mocked.add(verb, BASE + path, json=body)
    api.version_checks = 0

    call(api)

    assert api.version_checks == 1, f"{name} ran the version check {api.version_checks} times"


@pytest.mark.parametrize(("name", "call", "path", "query"), LEGACY, ids=[row[0] for row in LEGACY])
def test_a_2017_stream_name_checks_the_version_once(
    mocked: responses.RequestsMock,
    name: str,
    call: Callable[..., Any],
    path: str,
    query: tuple[tuple[str, str], ...],
) -> None:
    api = CountedChecks(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", version_check_mode="created")
    expect_stream(mocked, path, *query)
    api.version_checks = 0

    with pytest.warns(DeprecationWarning):
        call(api, Collector())

    assert api.version_checks == 1, f"{name} ran the version check {api.version_checks} times"


# -- the client's language -----------------------------------------------------------------------


def test_client_language_goes_in_the_query_of_a_get(mocked: responses.RequestsMock) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", lang="de")
    mocked.get(f"{BASE}/api/v1/statuses/1", json={"id": "1"}, match=[query_is(("lang", "de"))])

    api.status("1")


def test_client_language_goes_in_the_form_of_a_post(mocked: responses.RequestsMock) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", lang="de")
    mocked.post(
        f"{BASE}/api/v1/statuses",
        json={"id": "1"},
        match=[query_is(), form_pairs([("status", "hallo"), ("sensitive", "0"), ("lang", "de")])],
    )

    api.status_post("hallo")


@pytest.mark.parametrize("verb", ["POST", "PUT", "PATCH", "DELETE"])
def test_client_language_goes_in_the_body_of_every_other_verb(mocked: responses.RequestsMock, verb: str) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", lang="pt")
    mocked.add(verb, f"{BASE}/api/v1/x", json={}, match=[query_is(), form_pairs([("lang", "pt")])])

    api._call(verb, "/api/v1/x", dict)


def test_client_language_goes_in_a_json_body(mocked: responses.RequestsMock) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", lang="fr")
    mocked.put(
        f"{BASE}/api/v1/x", json={}, match=[query_is(), responses.matchers.json_params_matcher({"a": 1, "lang": "fr"})]
    )

    api._call("PUT", "/api/v1/x", dict, json={"a": 1})


def test_a_language_given_to_the_call_wins_over_the_client_language(mocked: responses.RequestsMock) -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.5.0", lang="fr")
    mocked.post(f"{BASE}/api/v1/x", json={}, match=[query_is(), form_pairs([("lang", "en")])])

    api._call("POST", "/api/v1/x", dict, form={"lang": "en"})
