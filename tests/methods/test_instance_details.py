"""What the server publishes about itself: activity, peers, rules, terms, languages, directory, emoji, announcements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonIllegalArgumentError, MastodonInternalServerError, MastodonVersionError
from mastodon.return_types import (
    Account,
    Activity,
    Announcement,
    CustomEmoji,
    DomainBlock,
    ExtendedDescription,
    NonPaginatableList,
    PaginatableList,
    Rule,
    SupportedLocale,
    TermsOfService,
)
from mastodon.types_base import AttribAccessDict
from tests.conftest import BASE
from tests.methods._helpers import query_of

ACCOUNT = {"id": "7", "username": "ann", "acct": "ann", "created_at": "2024-01-02T00:00:00.000Z"}
ANNOUNCEMENT = {"id": "3", "content": "<p>hi</p>", "reactions": [], "mentions": [], "emojis": []}

# (call, path, query sent, answer, result class, class of the first item or None)
READS: list[tuple[Callable[[Mastodon], Any], str, list[tuple[str, str]], Any, type, type | None]] = [
    (
        lambda api: api.instance_activity(),
        "/api/v1/instance/activity",
        [],
        [{"week": "1700000000", "statuses": "4", "logins": "2", "registrations": "0"}],
        NonPaginatableList,
        Activity,
    ),
    (lambda api: api.instance_peers(), "/api/v1/instance/peers", [], ["a.example"], NonPaginatableList, str),
    (
        lambda api: api.instance_rules(),
        "/api/v1/instance/rules",
        [],
        [{"id": "1", "text": "Be kind", "hint": ""}],
        NonPaginatableList,
        Rule,
    ),
    (
        lambda api: api.instance_terms_of_service(),
        "/api/v1/instance/terms_of_service",
        [],
        {"content": "<p>terms</p>", "effective": True, "effective_date": "2025-01-01"},
        TermsOfService,
        None,
    ),
    (
        lambda api: api.instance_terms_of_service(date(2025, 3, 4)),
        "/api/v1/instance/terms_of_service",
        [("date", "2025-03-04")],
        {"content": "", "effective": False},
        TermsOfService,
        None,
    ),
    (
        lambda api: api.instance_terms_of_service(datetime(2025, 3, 4, 12, 0)),
        "/api/v1/instance/terms_of_service",
        [("date", "2025-03-04")],
        {"content": ""},
        TermsOfService,
        None,
    ),
    (
        lambda api: api.instance_terms_of_service("2025-03-04"),
        "/api/v1/instance/terms_of_service",
        [("date", "2025-03-04")],
        {"content": ""},
        TermsOfService,
        None,
    ),
    (
        lambda api: api.instance_extended_description(),
        "/api/v1/instance/extended_description",
        [],
        {"content": "<p>about</p>", "updated_at": "2025-01-01T00:00:00.000Z"},
        ExtendedDescription,
        None,
    ),
    (
        lambda api: api.instance_domain_blocks(),
        "/api/v1/instance/domain_blocks",
        [],
        [{"domain": "bad.example", "digest": "ab", "severity": "suspend", "comment": "spam"}],
        NonPaginatableList,
        DomainBlock,
    ),
    (
        lambda api: api.instance_languages(),
        "/api/v1/instance/languages",
        [],
        [{"code": "en", "name": "English"}],
        NonPaginatableList,
        SupportedLocale,
    ),
    (lambda api: api.directory(), "/api/v1/directory", [], [ACCOUNT], PaginatableList, Account),
    (
        lambda api: api.directory(offset=40, limit=20, order="new", local=True),
        "/api/v1/directory",
        [("offset", "40"), ("limit", "20"), ("order", "new"), ("local", "1")],
        [ACCOUNT],
        PaginatableList,
        Account,
    ),
    (
        lambda api: api.directory(local=False, order="active"),
        "/api/v1/directory",
        [("order", "active"), ("local", "0")],
        [],
        PaginatableList,
        None,
    ),
    (
        lambda api: api.custom_emojis(),
        "/api/v1/custom_emojis",
        [],
        [{"shortcode": "blob", "url": "https://x/b.png", "static_url": "https://x/b.png", "visible_in_picker": True}],
        NonPaginatableList,
        CustomEmoji,
    ),
    (
        lambda api: api.announcements(),
        "/api/v1/announcements",
        [],
        [ANNOUNCEMENT],
        NonPaginatableList,
        Announcement,
    ),
]


@pytest.mark.parametrize(("call", "path", "query", "answer", "rtype", "item"), READS)
def test_reads(
    mocked: responses.RequestsMock,
    api: Mastodon,
    call: Callable[[Mastodon], Any],
    path: str,
    query: list[tuple[str, str]],
    answer: Any,
    rtype: type,
    item: type | None,
) -> None:
    mocked.get(BASE + path, json=answer)
    result = call(api)
    assert isinstance(result, rtype)
    sent = mocked.calls[0].request
    assert sent.method == "GET" and sent.body is None
    assert query_of(sent) == query
    if item is not None:
        assert isinstance(result[0], item)


def test_activity_counts_and_weeks_are_typed(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(
        BASE + "/api/v1/instance/activity",
        json=[{"week": "1700000000", "statuses": "4", "logins": "2", "registrations": "0"}],
    )
    week = api.instance_activity()[0]
    assert isinstance(week.week, datetime) and week.statuses == 4 and week.logins == 2


def test_translation_languages_map_to_lists(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/instance/translation_languages", json={"en": ["de", "fr"], "de": []})
    languages = api.instance_translation_languages()
    assert isinstance(languages, AttribAccessDict)
    assert isinstance(languages.en, NonPaginatableList) and list(languages.en) == ["de", "fr"]
    assert languages["de"] == []


def test_directory_pages_by_offset(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/directory", json=[ACCOUNT, {**ACCOUNT, "id": "8"}])
    mocked.get(BASE + "/api/v1/directory", json=[])
    first = api.directory(offset=10, limit=2)
    following = api.fetch_next(first)
    assert following is not None and list(following) == []
    assert ("offset", "12") in query_of(mocked.calls[1].request)
    assert ("limit", "2") in query_of(mocked.calls[1].request)


@pytest.mark.parametrize(("body", "healthy"), [(b"OK", True), (b"success\n", True), (b"starting", False)])
def test_instance_health(mocked: responses.RequestsMock, api: Mastodon, body: bytes, healthy: bool) -> None:
    mocked.get(BASE + "/health", body=body)
    assert api.instance_health() is healthy


def test_instance_health_on_a_server_error(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/health", status=500, body=b"down")
    with pytest.raises(MastodonInternalServerError):
        api.instance_health()


@pytest.mark.parametrize("target", ["3", ANNOUNCEMENT])
def test_announcement_dismiss(mocked: responses.RequestsMock, api: Mastodon, target: Any) -> None:
    mocked.post(BASE + "/api/v1/announcements/3/dismiss", json={})
    assert api.announcement_dismiss(target) is None
    assert not mocked.calls[0].request.body


@pytest.mark.parametrize(
    ("reaction", "segment"), [("\N{THUMBS UP SIGN}", "%F0%9F%91%8D"), ("blob_cat", "blob_cat"), ("a/b", "a%2Fb")]
)
@pytest.mark.parametrize("verb", ["PUT", "DELETE"])
def test_announcement_reactions(
    mocked: responses.RequestsMock, api: Mastodon, reaction: str, segment: str, verb: str
) -> None:
    mocked.add(verb, BASE + f"/api/v1/announcements/3/reactions/{segment}", json={})
    method = api.announcement_reaction_create if verb == "PUT" else api.announcement_reaction_delete
    assert method(ANNOUNCEMENT, reaction) is None
    assert mocked.calls[0].request.url.endswith(f"/reactions/{segment}")


@pytest.mark.parametrize("reaction", [None, 5, b"x"])
def test_a_reaction_must_be_text(nothing_sent: responses.RequestsMock, api: Mastodon, reaction: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="reaction"):
        api.announcement_reaction_create("3", reaction)


def test_terms_of_service_date_must_be_a_day_or_text(nothing_sent: responses.RequestsMock, api: Mastodon) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="date"):
        api.instance_terms_of_service(20250304)  # type: ignore[arg-type]


def test_version_marks(mocked: responses.RequestsMock) -> None:
    old = Mastodon(access_token="tok", api_base_url=BASE, mastodon_version="4.1.0", version_check_mode="created")
    with pytest.raises(MastodonVersionError):
        old.instance_languages()
    with pytest.raises(MastodonVersionError):
        old.instance_terms_of_service()


@pytest.fixture
def nothing_sent() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
        assert not mock.calls, "a request was sent"


# -- beyond Mastodon.py ------------------------------------------------------------------------------


def test_privacy_policy(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/instance/privacy_policy", json={"content": "<p>p</p>", "updated_at": "2025-01-01"})
    policy = api.instance_privacy_policy()
    assert isinstance(policy, AttribAccessDict) and policy.content == "<p>p</p>"


@pytest.mark.parametrize("day", [date(2025, 3, 4), "2025-03-04", datetime(2025, 3, 4, 23, 59)])
def test_terms_of_service_dated(mocked: responses.RequestsMock, api: Mastodon, day: Any) -> None:
    mocked.get(BASE + "/api/v1/instance/terms_of_service/2025-03-04", json={"content": "old", "effective": False})
    terms = api.instance_terms_of_service_dated(day)
    assert isinstance(terms, TermsOfService) and terms.effective is False
    assert query_of(mocked.calls[0].request) == []


@pytest.mark.parametrize("day", [None, 5])
def test_terms_of_service_dated_needs_a_day(nothing_sent: responses.RequestsMock, api: Mastodon, day: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="date"):
        api.instance_terms_of_service_dated(day)


def test_peers_search(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/peers/search", json=["mastodon.social", "mastodon.online"])
    found = api.instance_peers_search("mast")
    assert isinstance(found, NonPaginatableList) and found == ["mastodon.social", "mastodon.online"]
    assert query_of(mocked.calls[0].request) == [("q", "mast")]


def test_oembed(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/oembed", json={"type": "rich", "html": "<iframe></iframe>", "width": 300})
    embed = api.oembed("https://mastodon.example/@ann/1", maxwidth=300)
    assert embed.html == "<iframe></iframe>" and embed.width == 300
    assert query_of(mocked.calls[0].request) == [("url", "https://mastodon.example/@ann/1"), ("maxwidth", "300")]


def test_donation_campaigns(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(BASE + "/api/v1/donation_campaigns", json={"id": "1", "banner_message": "Give"})
    mocked.get(BASE + "/api/v1/donation_campaigns", status=204, body=b"")
    campaign = api.donation_campaigns(locale="en", seed=42)
    assert campaign is not None and campaign.banner_message == "Give"
    assert query_of(mocked.calls[0].request) == [("locale", "en"), ("seed", "42")]
    assert api.donation_campaigns() is None
