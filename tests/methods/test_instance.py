"""The server's description, version discovery and NodeInfo."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import responses
from responses import matchers

from mastodon import Mastodon
from mastodon.errors import MastodonAPIError, MastodonVersionError
from mastodon.return_types import Instance, InstanceV2, Nodeinfo

BASE = "https://mastodon.example"
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.0"


def fresh(mode: str = "none", version: str | None = None) -> Mastodon:
    return Mastodon(access_token="tok", api_base_url=BASE, version_check_mode=mode, mastodon_version=version)


def test_get_supported_version() -> None:
    assert Mastodon.get_supported_version() == "4.6.0"
    assert fresh().get_supported_version() == "4.6.0"


def test_instance_v2(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json={"domain": "mastodon.example", "version": "4.3.2"})
    client = fresh()
    result = client.instance_v2()
    assert isinstance(result, InstanceV2) and result.domain == "mastodon.example"
    assert (client.mastodon_major, client.mastodon_minor, client.mastodon_patch) == (4, 3, 2)


def test_instance_v1(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/instance", json={"uri": "mastodon.example", "version": "3.5.0"})
    result = api.instance_v1()
    assert isinstance(result, Instance) and result.uri == "mastodon.example"


def test_instance_prefers_v2(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.2.0"})
    assert isinstance(fresh().instance(), InstanceV2)


def test_instance_falls_back_to_v1(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=404)
    mocked.get(BASE + "/api/v1/instance", json={"version": "3.5.3"})
    client = fresh()
    result = client.instance()
    assert isinstance(result, Instance) and not isinstance(result, InstanceV2)
    assert client.mastodon_minor == 5


def test_instance_with_a_known_old_version_asks_v1_directly(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/instance", json={"version": "3.5.3"})
    assert isinstance(fresh(version="3.5.3").instance(), Instance)


def test_instance_in_created_mode_on_an_old_server(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=404)
    mocked.get(BASE + "/api/v1/instance", json={"version": "3.5.3"})
    assert isinstance(fresh("created").instance(), Instance)


def test_version_discovery_is_lazy_cached_and_not_recursive(mocked: responses.RequestsMock) -> None:
    client = fresh()
    assert len(mocked.calls) == 0
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.1.0"})
    assert client._version_at_least("4.0.0")
    assert not client._version_at_least("4.2.0")
    assert len(mocked.calls) == 1
    assert client.version_check_worked is True


def test_a_failing_instance_endpoint_gives_1_0_0(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=500)
    client = fresh()
    assert not client._version_at_least("1.0.1")
    assert client._version_at_least("1.0.0")
    assert client.version_check_worked is False
    # Remembered: not asked again.
    assert not client._version_at_least("2.0.0")
    assert len(mocked.calls) == 1


def test_html_instance_answers_fall_back_then_give_1_0_0(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", body="<html/>", content_type="text/html")
    mocked.get(BASE + "/api/v1/instance", body="<html/>", content_type="text/html")
    client = fresh()
    assert client.retrieve_mastodon_version() == "1.0.0"
    with pytest.raises(MastodonVersionError):
        fresh().retrieve_mastodon_version(fail_hard=True)


def test_retrieve_mastodon_version(mocked: responses.RequestsMock) -> None:
    # As Mastodon.py does: the v1 document gives the version, then the v2 document is fetched.
    mocked.get(BASE + "/api/v1/instance", json={"version": "4.4.0-beta.2"})
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.4.0-beta.2", "domain": "mastodon.example"})
    client = fresh()
    assert client.retrieve_mastodon_version() == "4.4.0-beta.2"
    assert (client.mastodon_major, client.mastodon_minor, client.mastodon_patch) == (4, 4, 0)
    assert [call.request.url for call in mocked.calls] == [BASE + "/api/v1/instance", BASE + "/api/v2/instance"]
    # The v2 document is the one kept for later questions (streaming base, timeline access).
    assert client._instance_raw()["domain"] == "mastodon.example"
    assert len(mocked.calls) == 2


def test_retrieve_mastodon_version_without_v1_reads_v2(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/instance", status=404)
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.2.0"})
    assert fresh().retrieve_mastodon_version() == "4.2.0"


def test_verify_minimum_version(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/instance", json={"version": "4.2.0"})
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.2.0"})
    client = fresh()
    assert client.verify_minimum_version("4.2.0")
    assert client.verify_minimum_version("4.0.0", cached=True)
    assert not client.verify_minimum_version("4.3.0", cached=True)
    assert [call.request.url for call in mocked.calls] == [BASE + "/api/v1/instance", BASE + "/api/v2/instance"]


def test_verify_minimum_version_asks_the_server_even_with_a_given_version(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/instance", json={"version": "4.3.0"})
    mocked.get(BASE + "/api/v2/instance", json={"version": "4.3.0"})
    client = fresh(version="4.0.0")
    assert client.verify_minimum_version("3.9.0", cached=True)
    assert not client.verify_minimum_version("4.0.1", cached=True)
    assert len(mocked.calls) == 0
    assert client.verify_minimum_version("4.0.1")
    assert len(mocked.calls) == 2


def test_created_mode_version_error(mocked: responses.RequestsMock) -> None:
    with pytest.raises(MastodonVersionError):
        fresh("created", "3.9.0").instance_v2()


TAKAHE = {"domain": "takahe.example", "version": "takahe/0.11.0"}


@pytest.mark.parametrize("mode", ["none", "created", "changed"])
def test_unreadable_version_keeps_instance_on_v2(mocked: responses.RequestsMock, mode: str) -> None:
    v2 = mocked.get(BASE + "/api/v2/instance", json=TAKAHE)
    client = fresh(mode)
    first, second = client.instance(), client.instance()
    assert type(first) is type(second) is InstanceV2
    assert second.domain == "takahe.example"
    assert v2.call_count >= 2 and v2.call_count == len(mocked.calls), "v1 is never asked"


def test_unreadable_version_learnt_first_keeps_instance_on_v2(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v1/instance", json=TAKAHE)
    mocked.get(BASE + "/api/v2/instance", json=TAKAHE)
    client = fresh()
    assert client.retrieve_mastodon_version() == "takahe/0.11.0"
    assert isinstance(client.instance(), InstanceV2)
    assert [call.request.url for call in mocked.calls] == [BASE + "/api/v1/instance"] + [BASE + "/api/v2/instance"] * 2


def test_unreadable_version_is_not_a_working_version_check(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json=TAKAHE)
    client = fresh()
    client.instance()
    assert client.version_check_worked is False
    with pytest.raises(MastodonVersionError):
        fresh().retrieve_mastodon_version(fail_hard=True)


def test_unreadable_version_with_only_v1_stays_on_v1(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=404)
    mocked.get(BASE + "/api/v1/instance", json={"uri": "takahe.example", "version": "takahe/0.11.0"})
    client = fresh()
    first, second = client.instance(), client.instance()
    assert type(first) is type(second) is Instance


def test_instance_nodeinfo_on_the_same_server(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(
        BASE + "/.well-known/nodeinfo",
        json={"links": [{"rel": NODEINFO_SCHEMA, "href": BASE + "/nodeinfo/2.0"}]},
    )
    mocked.get(
        BASE + "/nodeinfo/2.0",
        match=[matchers.header_matcher({"Authorization": "Bearer tok"})],
        json={"version": "2.0", "software": {"name": "mastodon", "version": "4.5.0"}},
    )
    result = api.instance_nodeinfo()
    assert isinstance(result, Nodeinfo) and result.software.name == "mastodon"


def test_instance_nodeinfo_never_sends_the_token_elsewhere(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(
        BASE + "/.well-known/nodeinfo",
        json={"links": [{"rel": "other"}, {"rel": NODEINFO_SCHEMA, "href": "https://cdn.example/nodeinfo/2.0"}]},
    )
    mocked.get("https://cdn.example/nodeinfo/2.0", json={"version": "2.0"})
    api.instance_nodeinfo()
    assert "Authorization" not in mocked.calls[1].request.headers


@pytest.mark.parametrize(
    "links",
    [{"links": []}, {"links": [{"rel": NODEINFO_SCHEMA, "href": "file:///etc/passwd"}]}, {}],
)
def test_instance_nodeinfo_without_a_usable_link(mocked: responses.RequestsMock, api: Mastodon, links: dict) -> None:
    mocked.get(BASE + "/.well-known/nodeinfo", json=links)
    with pytest.raises(MastodonAPIError):
        api.instance_nodeinfo()


# -- the server's clock --------------------------------------------------------------------------


@pytest.fixture
def far_time_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run with a local time zone far from UTC (where the platform lets us), so local and UTC differ."""
    tzset = getattr(time, "tzset", None)
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    if tzset is not None:
        tzset()
    yield
    monkeypatch.undo()
    if tzset is not None:
        tzset()


SERVER_NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "header",
    ["Wed, 02 Dec 2026 10:00:00 GMT", "Wed, 02 Dec 2026 10:00:00 -0000", "Wed, 02 Dec 2026 11:00:00 +0100"],
)
def test_server_time_is_naive_local_time(mocked: responses.RequestsMock, far_time_zone: None, header: str) -> None:
    mocked.head(BASE + "/", headers={"Date": header})
    server_time = fresh().get_approx_server_time()
    # What Mastodon.py gives: the server's time as a naive reading of this machine's clock, so
    # code that subtracts datetime.now() from it keeps working.
    assert server_time.tzinfo is None
    assert server_time == datetime.fromtimestamp(SERVER_NOW.timestamp())
    assert server_time != SERVER_NOW.replace(tzinfo=None)  # local time, not UTC
    assert isinstance(server_time - datetime.now(), timedelta)  # a TypeError for an aware value


@pytest.mark.parametrize("headers", [{}, {"Date": "soon"}])
def test_server_time_without_a_readable_date_is_an_api_error(
    mocked: responses.RequestsMock, headers: dict[str, str]
) -> None:
    mocked.head(BASE + "/", headers=headers)
    with pytest.raises(MastodonAPIError, match="No server time"):
        fresh().get_approx_server_time()
