"""Server capabilities from instance and NodeInfo documents, and the opt-in checks against them.

The documents below are written for these tests in the published formats of each software.
"""

from __future__ import annotations

from typing import Any

import pytest
import responses

from mastodon import Mastodon, MastodonUnprocessableEntityError
from mastodon.capabilities import ServerCapabilities, read_capabilities
from mastodon.errors import MastodonAPIError
from tests.conftest import BASE

NODEINFO_LINKS = {"links": [{"rel": "http://nodeinfo.diaspora.software/ns/schema/2.0", "href": BASE + "/nodeinfo/2.0"}]}

MASTODON = {
    "domain": "mastodon.example",
    "version": "4.5.2",
    "api_versions": {"mastodon": 7},
    "configuration": {
        "urls": {"streaming": "wss://streaming.mastodon.example"},
        "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5, "max_profile_fields": 4},
        "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
        "media_attachments": {
            "supported_mime_types": ["image/png", "image/jpeg", "video/mp4"],
            "description_limit": 1500,
            "image_size_limit": 16777216,
            "image_matrix_limit": 33177600,
            "video_size_limit": 103809024,
            "video_frame_rate_limit": 120,
            "video_matrix_limit": 8294400,
        },
        "polls": {
            "max_options": 4,
            "max_characters_per_option": 50,
            "min_expiration": 300,
            "max_expiration": 2629746,
        },
        "translation": {"enabled": True},
        "timelines_access": {"live_feeds": {"local": "public", "remote": "authenticated"}},
    },
}
GLITCH = {**MASTODON, "version": "4.3.0+glitch", "configuration": {"statuses": {"max_characters": 5000}}}
HOMETOWN = {**MASTODON, "version": "4.2.10+hometown-1.1.1"}
PLEROMA_V1 = {
    "uri": "https://pleroma.example",
    "version": "2.7.2 (compatible; Pleroma 2.7.0)",
    "max_toot_chars": 5000,
    "poll_limits": {"max_options": 20, "max_option_chars": 200, "min_expiration": 0, "max_expiration": 31536000},
    "upload_limit": 16000000,
    "urls": {"streaming_api": "wss://pleroma.example"},
    "pleroma": {"metadata": {"fields_limits": {"max_fields": 10}}},
}
AKKOMA_V1 = {**PLEROMA_V1, "version": "2.7.2 (compatible; Akkoma 3.13.2)"}
GOTOSOCIAL = {
    "domain": "gts.example",
    "version": "0.17.3 git-8f2b1c7",
    "configuration": {
        "urls": {"streaming": "wss://gts.example"},
        "accounts": {"max_profile_fields": 6},
        "statuses": {"max_characters": 5000, "max_media_attachments": 6, "characters_reserved_per_url": 25},
        "polls": {"max_options": 6, "max_characters_per_option": 50},
        "media_attachments": {"supported_mime_types": ["image/png"], "image_size_limit": 41943040},
    },
}
GOTOSOCIAL_NODEINFO = {"version": "2.0", "software": {"name": "gotosocial", "version": "0.17.3 git-8f2b1c7"}}


@pytest.mark.parametrize(
    ("instance", "nodeinfo", "software", "flavour", "own_version"),
    [
        (MASTODON, None, "mastodon", None, None),
        (GLITCH, None, "mastodon", "glitch-soc", None),
        (HOMETOWN, None, "mastodon", "hometown", None),
        (PLEROMA_V1, None, "pleroma", None, "2.7.0"),
        (AKKOMA_V1, None, "akkoma", None, "3.13.2"),
        (GOTOSOCIAL, GOTOSOCIAL_NODEINFO, "gotosocial", None, "0.17.3 git-8f2b1c7"),
        (GOTOSOCIAL, None, "unknown", None, None),
        (
            {**GOTOSOCIAL, "source_url": "https://github.com/superseriousbusiness/gotosocial"},
            None,
            "gotosocial",
            None,
            None,
        ),
        (
            {"version": "4.2.0-rc1", "source_url": "https://github.com/glitch-soc/mastodon"},
            None,
            "mastodon",
            "glitch-soc",
            None,
        ),
        ({"version": "takahe/0.11.0"}, None, "takahe", None, "0.11.0"),
        ({}, None, "unknown", None, None),
        (None, {"software": {"name": "Misskey", "version": "2024.1"}}, "misskey", None, "2024.1"),
    ],
)
def test_software_and_flavour(
    instance: Any, nodeinfo: Any, software: str, flavour: str | None, own_version: str | None
) -> None:
    found = read_capabilities(instance, nodeinfo)
    assert (found.software, found.flavour, found.software_version) == (software, flavour, own_version)


def test_mastodon_limits() -> None:
    found = read_capabilities(MASTODON, None)
    assert found.api_versions == {"mastodon": 7}
    assert (found.max_characters, found.max_media_attachments, found.characters_reserved_per_url) == (500, 4, 23)
    assert (found.max_poll_options, found.max_poll_option_characters) == (4, 50)
    assert (found.min_poll_expiration, found.max_poll_expiration) == (300, 2629746)
    assert found.supported_mime_types == ("image/png", "image/jpeg", "video/mp4")
    assert (found.image_size_limit, found.video_size_limit, found.video_frame_rate_limit) == (16777216, 103809024, 120)
    assert (found.image_matrix_limit, found.video_matrix_limit, found.description_limit) == (33177600, 8294400, 1500)
    assert (found.max_profile_fields, found.max_featured_tags, found.max_pinned_statuses) == (4, 10, 5)
    assert found.streaming is True and found.streaming_url == "wss://streaming.mastodon.example"
    assert found.translation is True
    assert found.timelines_access["live_feeds"]["remote"] == "authenticated"


def test_pleroma_limits_from_its_v1_document() -> None:
    found = read_capabilities(PLEROMA_V1, None)
    assert found.max_characters == 5000
    assert (found.max_poll_options, found.max_poll_option_characters) == (20, 200)
    assert (found.min_poll_expiration, found.max_poll_expiration) == (0, 31536000)
    assert found.image_size_limit == found.video_size_limit == 16000000
    assert found.max_profile_fields == 10
    assert found.streaming_url == "wss://pleroma.example" and found.translation is False


def test_gotosocial_limits() -> None:
    found = read_capabilities(GOTOSOCIAL, GOTOSOCIAL_NODEINFO)
    assert (found.max_characters, found.max_media_attachments, found.max_profile_fields) == (5000, 6, 6)
    assert found.characters_reserved_per_url == 25 and found.max_poll_expiration is None


def test_a_document_of_wrong_shapes_reads_as_unknown() -> None:
    found = read_capabilities(
        {"version": 4, "configuration": {"statuses": {"max_characters": "lots"}, "polls": [], "urls": "x"}},
        {"software": "mastodon"},
    )
    assert found == ServerCapabilities(
        instance={"version": 4, "configuration": {"statuses": {"max_characters": "lots"}, "polls": [], "urls": "x"}},
        nodeinfo={"software": "mastodon"},
    )


# -- the method -----------------------------------------------------------------------------------


def test_mastodon_costs_one_request_and_is_cached(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json=MASTODON)
    client = Mastodon(access_token="tok", api_base_url=BASE)
    first = client.instance_capabilities()
    assert first.software == "mastodon" and first.max_characters == 500
    assert client.instance_capabilities() is first
    assert len(mocked.calls) == 1
    client.clear_caches()
    mocked.get(BASE + "/api/v2/instance", json=GLITCH)
    assert client.instance_capabilities().flavour == "glitch-soc"


def test_other_software_reads_nodeinfo(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json=GOTOSOCIAL)
    mocked.get(BASE + "/.well-known/nodeinfo", json=NODEINFO_LINKS)
    mocked.get(BASE + "/nodeinfo/2.0", json=GOTOSOCIAL_NODEINFO)
    found = Mastodon(access_token="tok", api_base_url=BASE).instance_capabilities()
    assert found.software == "gotosocial" and found.nodeinfo is not None


def test_a_server_without_v2_or_nodeinfo_degrades(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=404)
    mocked.get(BASE + "/api/v1/instance", json={"uri": "old.example", "version": "0.9 beta"})
    mocked.get(BASE + "/.well-known/nodeinfo", status=404)
    found = Mastodon(access_token="tok", api_base_url=BASE).instance_capabilities()
    assert found.software == "unknown" and found.max_characters is None and found.nodeinfo is None


def test_a_server_answering_nothing_usable(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", status=500)
    mocked.get(BASE + "/.well-known/nodeinfo", json={"links": []})
    found = Mastodon(access_token="tok", api_base_url=BASE).instance_capabilities()
    assert found.software == "unknown" and found.instance == {}


# -- the opt-in checks ------------------------------------------------------------------------------


@pytest.fixture
def checked(mocked: responses.RequestsMock) -> Mastodon:
    mocked.get(BASE + "/api/v2/instance", json=MASTODON)
    return Mastodon(access_token="tok", api_base_url=BASE, check_limits=True)


def _refused(mocked: responses.RequestsMock, call: Any, *wanted: str) -> None:
    with pytest.raises(MastodonUnprocessableEntityError) as refusal:
        call()
    assert isinstance(refusal.value, MastodonAPIError) and refusal.value.status_code == 422
    for text in wanted:
        assert text in str(refusal.value)
    assert [c.request.method for c in mocked.calls] == ["GET"]  # only the instance document


def test_a_status_over_the_length(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    _refused(mocked, lambda: checked.status_post("x" * 490, spoiler_text="y" * 11), "status length", "501", "500")


def test_a_toot_over_the_length(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    _refused(mocked, lambda: checked.toot("x" * 501), "501", "500")


def test_too_many_media(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    _refused(mocked, lambda: checked.status_post("hi", media_ids=["1", "2", "3", "4", "5"]), "media", "5", "4")


@pytest.mark.parametrize(
    ("poll", "wanted"),
    [
        ({"options": ["a", "b", "c", "d", "e"], "expires_in": 3600}, "number of poll options"),
        ({"options": ["a", "b" * 51], "expires_in": 3600}, "length of poll option"),
        ({"options": ["a", "b"], "expires_in": 60}, "under the server's minimum of 300"),
        ({"options": ["a", "b"], "expires_in": 9999999}, "poll duration"),
    ],
)
def test_polls_over_the_limits(mocked: responses.RequestsMock, checked: Mastodon, poll: Any, wanted: str) -> None:
    _refused(mocked, lambda: checked.status_post("vote", poll=poll), wanted)


def test_an_upload_of_a_type_the_server_does_not_take(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    _refused(mocked, lambda: checked.media_post(b"GIF89a....", mime_type="image/gif"), "image/gif")


def test_an_upload_over_the_size(mocked: responses.RequestsMock) -> None:
    small = {**MASTODON, "configuration": {"media_attachments": {"image_size_limit": 10, "video_size_limit": 20}}}
    mocked.get(BASE + "/api/v2/instance", json=small)
    client = Mastodon(access_token="tok", api_base_url=BASE, check_limits=True)
    _refused(
        mocked, lambda: client.media_post(b"\x89PNG\r\n\x1a\n" + b"x" * 10, mime_type="image/png"), "is 18", "of 10"
    )


def test_too_many_profile_fields(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    fields = [(f"k{i}", "v") for i in range(5)]
    _refused(mocked, lambda: checked.account_update_credentials(fields=fields), "profile fields", "5", "4")


def test_within_the_limits_everything_is_sent(mocked: responses.RequestsMock, checked: Mastodon) -> None:
    mocked.post(BASE + "/api/v1/statuses", json={"id": "1", "content": "ok"})
    text = "\N{FAMILY}" * 400 + " https://example.org/" + "x" * 200  # 400 + 1 + 23 characters
    assert checked.status_post(text, poll={"options": ["a", "b"], "expires_in": 300}).id == "1"


def test_with_the_checks_off_the_server_decides(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE + "/api/v1/statuses", status=422, json={"error": "Validation failed: Text is too long"})
    client = Mastodon(access_token="tok", api_base_url=BASE)
    with pytest.raises(MastodonUnprocessableEntityError, match="too long"):
        client.status_post("x" * 50000)
    assert [c.request.method for c in mocked.calls] == ["POST"]


def test_the_checks_can_be_switched_on_later(mocked: responses.RequestsMock) -> None:
    mocked.get(BASE + "/api/v2/instance", json=MASTODON)
    client = Mastodon(access_token="tok", api_base_url=BASE)
    client.check_limits = True
    _refused(mocked, lambda: client.toot("x" * 501), "500")


def test_without_the_grapheme_extra_emoji_still_count_once(
    mocked: responses.RequestsMock, checked: Mastodon, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mastodon import compat
    from mastodon.methods._limits import count_characters

    monkeypatch.setattr(compat, "IMPL_HAS_GRAPHEME", False)
    family = "\N{MAN}\N{ZERO WIDTH JOINER}\N{WOMAN}\N{ZERO WIDTH JOINER}\N{GIRL}"
    flag = "\N{REGIONAL INDICATOR SYMBOL LETTER D}\N{REGIONAL INDICATOR SYMBOL LETTER E}"
    assert count_characters(family + flag + "e\N{COMBINING ACUTE ACCENT}" + "\N{THUMBS UP SIGN}\ufe0f" + "ab") == 6
    mocked.post(BASE + "/api/v1/statuses", json={"id": "1"})
    checked.status_post(family * 500)
