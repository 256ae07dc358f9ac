"""The server's own description, end to end against the local mock: read everything it publishes,
page the directory, react to an announcement and read the reaction back."""

from __future__ import annotations

from datetime import date

import pytest

from mastodon import Mastodon
from mastodon.errors import MastodonNotFoundError
from mastodon.return_types import (
    Account,
    Activity,
    Announcement,
    CustomEmoji,
    ExtendedDescription,
    NonPaginatableList,
    PaginatableList,
    Rule,
    SupportedLocale,
)

from ._mockserver import SEED_ANNOUNCEMENT, MockServer

REACTION = "\N{THUMBS UP SIGN}"


@pytest.fixture
def alice(mock: MockServer) -> Mastodon:
    return Mastodon(access_token=mock.tokens["alice"], api_base_url=mock.base_url)


def test_what_the_server_publishes(alice: Mastodon) -> None:
    assert alice.instance_health() is True
    activity = alice.instance_activity()
    assert isinstance(activity, NonPaginatableList)
    assert all(isinstance(week, Activity) for week in activity)
    assert isinstance(alice.instance_peers(), NonPaginatableList)
    assert all(isinstance(rule, Rule) and rule.text for rule in alice.instance_rules())
    assert isinstance(alice.instance_extended_description(), ExtendedDescription)
    # Mastodon answers code-and-name objects; the mock answers bare codes. Both are kept as sent.
    languages = alice.instance_languages()
    assert isinstance(languages, NonPaginatableList) and languages
    assert "en" in {language.code if isinstance(language, SupportedLocale) else language for language in languages}
    assert isinstance(alice.instance_domain_blocks(), NonPaginatableList)
    for targets in alice.instance_translation_languages().values():
        assert isinstance(targets, NonPaginatableList)
    assert all(isinstance(emoji, CustomEmoji) for emoji in alice.custom_emojis())


def test_terms_and_policy_when_the_server_has_none(alice: Mastodon) -> None:
    # The mock publishes no terms and no privacy policy; a server without them answers 404.
    with pytest.raises(MastodonNotFoundError):
        alice.instance_privacy_policy()
    with pytest.raises(MastodonNotFoundError):
        alice.instance_terms_of_service()
    with pytest.raises(MastodonNotFoundError):
        alice.instance_terms_of_service_dated(date(2025, 1, 1))


def test_directory_pages_by_offset(alice: Mastodon) -> None:
    first = alice.directory(limit=1, order="new")
    assert isinstance(first, PaginatableList) and len(first) == 1 and isinstance(first[0], Account)
    second = alice.fetch_next(first)
    assert second is not None and len(second) == 1
    assert second[0].id != first[0].id
    everyone = alice.directory(limit=80)
    assert {first[0].id, second[0].id} <= {account.id for account in everyone}


def test_announcement_with_a_reaction(alice: Mastodon) -> None:
    (announcement,) = [a for a in alice.announcements() if SEED_ANNOUNCEMENT in a.content]
    assert isinstance(announcement, Announcement)
    alice.announcement_reaction_create(announcement, REACTION)
    (reacted,) = [a for a in alice.announcements() if a.id == announcement.id]
    reaction = next(r for r in reacted.reactions if r.name == REACTION)
    assert reaction.count == 1 and reaction.me is True
    alice.announcement_reaction_delete(announcement, REACTION)
    (after,) = [a for a in alice.announcements() if a.id == announcement.id]
    assert all(r.name != REACTION or not r.me for r in after.reactions)
    alice.announcement_dismiss(announcement)
    (read,) = [a for a in alice.announcements() if a.id == announcement.id]
    assert read.read is True


def test_oembed_of_a_status(alice: Mastodon) -> None:
    status = alice.status_post("embed me")
    embed = alice.oembed(status.url)
    # Mastodon answers a "rich" embed with an iframe; the mock a "link" one. Both name the provider.
    assert embed.type in ("rich", "link")
    assert embed.version == "1.0" and embed.provider_url
