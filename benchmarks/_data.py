"""Deterministic, realistic Mastodon data for the benchmarks.

:class:`World` makes accounts and statuses shaped like those of a Mastodon 4.5 server: HTML
content with mentions, hashtags, links and custom emoji; media attachments (images, GIFs and
videos with their metadata); link preview cards; polls; boosts that carry the boosted status.
A status is about 3 to 5 KB of JSON. Everything follows from the seed, so two runs (and the
tests) see the same bytes.

Only a few hundred statuses are really different: a timeline of any length repeats them with
IDs, dates and addresses of its own (:class:`Timeline`), which keeps a 20,000-status walk cheap
to serve.
"""

from __future__ import annotations

import bisect
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

__all__ = ["SEED", "Timeline", "World", "created_at_of", "dumps", "status_id_of"]

SEED = 4_500
#: The newest status of every timeline is this old (2026-01-15 12:00 UTC), in milliseconds.
NEWEST_MS = 1_768_478_400_000
#: Time between two statuses of a timeline.
STEP_MS = 37_013
LOCAL_HOST = "mastodon.example"
REMOTE_HOSTS = ("social.example", "photos.example", "chaos.example", "botsin.space.example", "kitchen.example")

_TEXT = (
    "the a of and to in is it that for on with as was at by this be from are have an or not but what all "
    "were when we there can your which their said if do will each about how up out them then she many some "
    "so these would other into has more her two like him see time could no make than first been its who now "
    "people my made over did down only way find use may water long little very after words called just where "
    "most know get through back much before go good new write our used me man too any day same right look think "
    "also around another came come work three word must because does part even place well such here take why "
    "things help put years different away again off went old number great tell men say small every found still "
    "between name should home big give air line set own under read last never us left end along while might next "
    "sound below saw something thought both few those always looked show large often together asked house world "
    "going want school important until form food keep children feet land side without boy once animals life "
    "enough took sometimes four head above kind began almost live page got earth need far hand high year mother "
    "light parts country father let night following picture being study second eyes soon times story boys since "
    "white days ever paper hard near sentence better best across during today others however sure means knew "
    "try told young miles sun ways thing whole hear example heard several change answer room sea against top "
    "turned learn point city play toward five using himself usually fediverse server instance federation toot "
    "boost timeline garden bread coffee bicycle rain compiler release weekend"
)
_WORDS = tuple(_TEXT.split())
_TAGS = (
    "photography", "caturday", "python", "opensource", "gardening", "music", "books", "linux", "cycling",
    "art", "science", "mastodon", "introduction", "rust", "cooking", "birds", "climate", "history",
)  # fmt: skip
_EMOJI = ("blobcat", "blobfox", "ablobcatnod", "meow_heart", "party_parrot", "thonk", "flag_pride", "verified")
_LANGUAGES = ("en", "en", "en", "en", "de", "fr", "es", "ja", "nl", None)
_FIRST = ("Ada", "Bram", "Chidi", "Dana", "Eun", "Farid", "Grete", "Hugo", "Ines", "Jun", "Kofi", "Lena", "Mio")
_LAST = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski", "Nguyen", "Berg")
_BLURHASH = "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH"


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON, as Mastodon sends it."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _ms_of(index: int) -> int:
    return NEWEST_MS - index * STEP_MS


def status_id_of(index: int) -> str:
    """The ID of a timeline's ``index``-th status (0 is the newest): a Mastodon snowflake, whose
    upper bits are the creation time in milliseconds, so IDs fall as statuses get older."""
    return str((_ms_of(index) << 16) | ((index * 40_503) & 0xFFFF))


def _iso(moment_ms: int) -> str:
    moment = datetime.fromtimestamp(moment_ms // 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment_ms % 1000:03d}Z"


def created_at_of(index: int) -> str:
    """When the ``index``-th status was made, as Mastodon writes dates."""
    return _iso(_ms_of(index))


class World:
    """Accounts and statuses made from one seed.

    Args:
        seed: Everything follows from it.
        distinct: How many different statuses there are; status ``i`` is a copy of status
            ``i % distinct`` with its own ID, date and addresses.
        accounts: How many accounts write them.
    """

    def __init__(self, seed: int = SEED, distinct: int = 500, accounts: int = 120) -> None:
        if distinct < 1 or accounts < 1:
            raise ValueError("distinct and accounts must be at least 1")
        self.seed = seed
        self.distinct = distinct
        rng = random.Random(seed)
        self.accounts = [self._account(rng, number) for number in range(accounts)]
        self._emoji_pool = [self._emoji(name) for name in _EMOJI]
        self._templates: dict[int, dict[str, Any]] = {}

    # -- entities -----------------------------------------------------------------------------

    def _emoji(self, shortcode: str) -> dict[str, Any]:
        url = f"https://files.{LOCAL_HOST}/custom_emojis/images/000/{len(shortcode):03d}/{shortcode}.png"
        return {"shortcode": shortcode, "url": url, "static_url": url, "visible_in_picker": True}

    def _account(self, rng: random.Random, number: int) -> dict[str, Any]:
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        username = f"{first.lower()}_{last.lower()}{number}"
        host = LOCAL_HOST if rng.random() < 0.4 else rng.choice(REMOTE_HOSTS)
        local = host == LOCAL_HOST
        created = datetime(2017, 4, 1, tzinfo=UTC) + timedelta(days=rng.randrange(3000))
        emoji = [self._emoji(name) for name in rng.sample(_EMOJI, rng.choice((0, 0, 1, 2)))]
        name_emoji = "".join(f" :{item['shortcode']}:" for item in emoji)
        fields = [
            {
                "name": label,
                "value": f'<a href="https://{value}" target="_blank" rel="nofollow noopener me" translate="no">'
                f'<span class="invisible">https://</span><span class="">{value}</span><span class="invisible">'
                "</span></a>",
                "verified_at": _iso(NEWEST_MS - rng.randrange(10**10)) if rng.random() < 0.3 else None,
            }
            for label, value in (("Website", f"{username}.example.org"), ("Code", f"code.example/{username}"))[
                : rng.randrange(3)
            ]
        ]
        files = f"https://files.{LOCAL_HOST}/{'accounts' if local else 'cache/accounts'}"
        folder = f"{number:03d}/{number * 7:03d}/{number * 13:03d}"
        return {
            "id": str(109_000_000_000_000_000 + number * 1_234_567),
            "username": username,
            "acct": username if local else f"{username}@{host}",
            "display_name": f"{first} {last}{name_emoji}",
            "locked": rng.random() < 0.1,
            "bot": rng.random() < 0.05,
            "discoverable": rng.random() < 0.7,
            "indexable": rng.random() < 0.5,
            "group": False,
            "created_at": created.strftime("%Y-%m-%dT00:00:00.000Z"),
            "note": "<p>" + self._sentence(rng, 8, 24) + "</p><p>" + self._sentence(rng, 4, 12) + "</p>",
            "url": f"https://{host}/@{username}",
            "uri": f"https://{host}/users/{username}",
            "avatar": f"{files}/avatars/{folder}/original/{username}.png",
            "avatar_static": f"{files}/avatars/{folder}/original/{username}.png",
            "avatar_description": "",
            "header": f"{files}/headers/{folder}/original/{username}.jpg",
            "header_static": f"{files}/headers/{folder}/original/{username}.jpg",
            "header_description": "",
            "followers_count": rng.randrange(5000),
            "following_count": rng.randrange(800),
            "statuses_count": rng.randrange(20000),
            "last_status_at": "2026-01-15",
            "hide_collections": rng.random() < 0.2,
            "noindex": rng.random() < 0.3,
            "emojis": emoji,
            "roles": [],
            "fields": fields,
        }

    def _sentence(self, rng: random.Random, shortest: int, longest: int) -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(shortest, longest))]
        words[0] = words[0].capitalize()
        return " ".join(words) + rng.choice(".!?.")

    def _media(self, rng: random.Random, number: int) -> dict[str, Any]:
        kind = rng.choice(("image", "image", "image", "image", "gifv", "video"))
        width, height = rng.choice(((1920, 1080), (1080, 1350), (4032, 3024), (1280, 720), (800, 800)))
        small_w, small_h = (640, round(640 * height / width)) if width >= height else (round(480 * width / height), 480)
        folder = f"{number % 1000:03d}/{number * 31 % 1000:03d}/{number * 17 % 1000:03d}"
        base = f"https://files.{LOCAL_HOST}/media_attachments/files/{folder}"
        ext = "png" if kind == "image" else "mp4"
        meta: dict[str, Any] = {
            "original": {"width": width, "height": height, "size": f"{width}x{height}", "aspect": width / height},
            "small": {"width": small_w, "height": small_h, "size": f"{small_w}x{small_h}", "aspect": width / height},
        }
        if kind == "image":
            meta["focus"] = {"x": round(rng.uniform(-1, 1), 2), "y": round(rng.uniform(-1, 1), 2)}
        else:
            seconds = round(rng.uniform(2, 90), 2)
            meta["original"].update(frame_rate="30/1", duration=seconds, bitrate=rng.randrange(500_000, 4_000_000))
            meta.update(length=f"0:00:{seconds:05.2f}", duration=seconds, fps=30)
            if kind == "video":
                meta.update(
                    audio_encode="aac (LC) (mp4a / 0x6134504D)", audio_bitrate="44100 Hz", audio_channels="stereo"
                )
        return {
            "id": str(110_000_000_000_000_000 + number * 7_919),
            "type": kind,
            "url": f"{base}/original/{number:08x}.{ext}",
            "preview_url": f"{base}/small/{number:08x}.png",
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": meta,
            "description": self._sentence(rng, 6, 30) if rng.random() < 0.8 else None,
            "blurhash": _BLURHASH,
        }

    def _card(self, rng: random.Random) -> dict[str, Any]:
        site = rng.choice(("news.example", "blog.example.org", "video.example", "docs.example.net"))
        path = "-".join(rng.choice(_WORDS) for _ in range(5))
        return {
            "url": f"https://{site}/2026/01/{path}",
            "title": self._sentence(rng, 5, 12),
            "description": self._sentence(rng, 15, 40),
            "language": "en",
            "type": "link",
            "author_name": "",
            "author_url": "",
            "provider_name": site.split(".")[0].capitalize(),
            "provider_url": "",
            "html": "",
            "width": 400,
            "height": 210,
            "image": f"https://files.{LOCAL_HOST}/cache/preview_cards/images/{rng.randrange(10**9):09d}/original.jpg",
            "image_description": "",
            "embed_url": "",
            "blurhash": _BLURHASH,
            "published_at": _iso(NEWEST_MS - rng.randrange(10**9)),
            "authors": [],
        }

    def _poll(self, rng: random.Random, number: int) -> dict[str, Any]:
        options: list[dict[str, Any]] = []
        votes = 0
        for _ in range(rng.randint(2, 4)):
            options.append({"title": self._sentence(rng, 1, 4), "votes_count": rng.randrange(200)})
            votes += options[-1]["votes_count"]
        return {
            "id": str(300_000 + number),
            "expires_at": _iso(NEWEST_MS + rng.randrange(1, 7) * 86_400_000),
            "expired": False,
            "multiple": rng.random() < 0.3,
            "votes_count": votes,
            "voters_count": votes,
            "options": options,
            "emojis": [],
            "voted": False,
            "own_votes": [],
        }

    def _content(
        self, rng: random.Random, mentions: list[dict[str, Any]], tags: list[str], emoji: list[dict[str, Any]]
    ) -> str:
        paragraphs = []
        for number in range(rng.choice((1, 1, 2, 2, 3))):
            parts = [self._sentence(rng, 6, 28) for _ in range(rng.randint(1, 3))]
            if number == 0 and mentions:
                links = [
                    f'<span class="h-card" translate="no"><a href="{item["url"]}" class="u-url mention">'
                    f"@<span>{item['username']}</span></a></span>"
                    for item in mentions
                ]
                parts.insert(0, " ".join(links))
            if rng.random() < 0.2:
                parts.append(
                    '<a href="https://www.example.org/some/long/path" target="_blank" rel="nofollow noopener" '
                    'translate="no"><span class="invisible">https://www.</span><span class="ellipsis">example.org/'
                    'some/long</span><span class="invisible">/path</span></a>'
                )
            paragraphs.append(" ".join(parts))
        if tags:
            links = [f'<a href="https://{LOCAL_HOST}/tags/{tag}" class="mention hashtag" rel="tag">' for tag in tags]
            paragraphs.append(" ".join(f"{link}#<span>{tag}</span></a>" for link, tag in zip(links, tags, strict=True)))
        if emoji:
            paragraphs[-1] += " " + " ".join(f":{item['shortcode']}:" for item in emoji)
        return "".join(f"<p>{text}</p>" for text in paragraphs)

    def _original(self, rng: random.Random, number: int) -> dict[str, Any]:
        """A status as its author wrote it; ``id``, ``created_at``, ``uri`` and ``url`` are filled
        in per timeline position."""
        account = rng.choice(self.accounts)
        mentioned = rng.sample(self.accounts, rng.choice((0, 0, 0, 1, 1, 2, 3)))
        mentions = [
            {"id": item["id"], "username": item["username"], "url": item["url"], "acct": item["acct"]}
            for item in mentioned
        ]
        tags = rng.sample(_TAGS, rng.choice((0, 0, 1, 2, 3)))
        emoji = rng.sample(self._emoji_pool, rng.choice((0, 0, 0, 1, 2)))
        media = [self._media(rng, number * 4 + slot) for slot in range(rng.choice((0, 0, 0, 1, 1, 2, 4)))]
        sensitive = bool(media) and rng.random() < 0.15
        reply = rng.random() < 0.2
        edited = rng.random() < 0.08
        return {
            "account": account,
            "in_reply_to_id": str(112_000_000_000_000_000 + number) if reply else None,
            "in_reply_to_account_id": rng.choice(self.accounts)["id"] if reply else None,
            "reblog": None,
            "content": self._content(rng, mentions, tags, emoji),
            "edited_at": _iso(NEWEST_MS - rng.randrange(10**6)) if edited else None,
            "emojis": emoji,
            "replies_count": rng.randrange(40),
            "reblogs_count": rng.randrange(150),
            "favourites_count": rng.randrange(400),
            "quotes_count": rng.randrange(5),
            "reblogged": False,
            "favourited": rng.random() < 0.1,
            "muted": False,
            "bookmarked": rng.random() < 0.03,
            "sensitive": sensitive,
            "spoiler_text": self._sentence(rng, 2, 6) if sensitive else "",
            "visibility": rng.choice(("public", "public", "public", "unlisted", "private")),
            "media_attachments": media,
            "mentions": mentions,
            "tags": [{"name": tag, "url": f"https://{LOCAL_HOST}/tags/{tag}"} for tag in tags],
            "application": {"name": rng.choice(("Web", "Tusky", "Ivory", "Elk")), "website": None},
            "language": rng.choice(_LANGUAGES),
            "card": self._card(rng) if not media and rng.random() < 0.3 else None,
            "poll": self._poll(rng, number) if not media and rng.random() < 0.05 else None,
            "quote": None,
            "filtered": [],
        }

    def _template(self, number: int) -> dict[str, Any]:
        template = self._templates.get(number)
        if template is None:
            rng = random.Random(self.seed * 1_000_003 + number)
            template = self._original(rng, number)
            if rng.random() < 0.12:
                boosted = self._original(rng, number + self.distinct)
                boosted_id = str(111_000_000_000_000_000 + number * 977)
                author = boosted["account"]
                boosted = {
                    "id": boosted_id,
                    "created_at": _iso(NEWEST_MS - 86_400_000 - number * 1_000),
                    "uri": f"{author['uri']}/statuses/{boosted_id}",
                    "url": f"{author['url']}/{boosted_id}",
                    **boosted,
                }
                empty = {"content": "", "emojis": [], "media_attachments": [], "mentions": [], "tags": []}
                template.update(empty, reblog=boosted, card=None, poll=None, sensitive=False, spoiler_text="")
                template.update(in_reply_to_id=None, in_reply_to_account_id=None, edited_at=None, language=None)
            self._templates[number] = template
        return template

    def status(self, index: int) -> dict[str, Any]:
        """The timeline's ``index``-th status (0 is the newest), as the server sends it."""
        template = self._template(index % self.distinct)
        status_id = status_id_of(index)
        author = template["account"]
        boost = template["reblog"] is not None
        return {
            "id": status_id,
            "created_at": created_at_of(index),
            "uri": f"{author['uri']}/statuses/{status_id}{'/activity' if boost else ''}",
            "url": None if boost else f"{author['url']}/{status_id}",
            **template,
        }

    def statuses(self, count: int, start: int = 0) -> list[dict[str, Any]]:
        """``count`` consecutive statuses from position ``start``, newest first."""
        return [self.status(index) for index in range(start, start + count)]

    # -- canned answers -----------------------------------------------------------------------

    def credential_account(self) -> dict[str, Any]:
        """The user's own account, as ``verify_credentials`` returns it."""
        account = dict(self.accounts[0])
        account["source"] = {
            "privacy": "public",
            "sensitive": False,
            "language": "en",
            "note": "Benchmarks, mostly.",
            "fields": [{"name": f["name"], "value": f["name"].lower(), "verified_at": None} for f in account["fields"]],
            "follow_requests_count": 0,
            "hide_collections": False,
            "discoverable": True,
            "indexable": True,
            "attribution_domains": [],
        }
        account["role"] = {"id": "-99", "name": "", "permissions": "0", "color": "", "highlighted": False}
        return account

    def posted_status(self) -> dict[str, Any]:
        """What ``POST /api/v1/statuses`` answers: a new public status of the user, text "x"."""
        account = self.accounts[0]
        status_id = status_id_of(-1)
        return {
            "id": status_id,
            "created_at": created_at_of(-1),
            "uri": f"{account['uri']}/statuses/{status_id}",
            "url": f"{account['url']}/{status_id}",
            **self._original(random.Random(self.seed), 0),
            "account": account,
            "content": "<p>x</p>",
            "media_attachments": [],
            "mentions": [],
            "tags": [],
            "emojis": [],
            "card": None,
            "poll": None,
            "application": {"name": "benchmarks", "website": None},
        }

    def instance_v2(self, streaming_url: str) -> dict[str, Any]:
        """``GET /api/v2/instance``, pointing streaming clients at ``streaming_url``."""
        return {
            "domain": LOCAL_HOST,
            "title": "Benchmark server",
            "version": "4.5.0",
            "source_url": "https://source.example/mastodon",
            "description": "A server that exists only while the benchmarks run.",
            "usage": {"users": {"active_month": len(self.accounts)}},
            "thumbnail": {"url": f"https://files.{LOCAL_HOST}/site_uploads/thumbnail.png"},
            "languages": ["en"],
            "configuration": {
                "urls": {"streaming": streaming_url, "status": None},
                "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
                "statuses": {"max_characters": 500, "max_media_attachments": 4, "characters_reserved_per_url": 23},
                "polls": {"max_options": 4, "max_characters_per_option": 50},
                "translation": {"enabled": False},
            },
            "registrations": {"enabled": False, "approval_required": False, "message": None},
            "contact": {"email": f"admin@{LOCAL_HOST}", "account": None},
            "rules": [],
        }

    def instance_v1(self, streaming_url: str) -> dict[str, Any]:
        """``GET /api/v1/instance``, pointing streaming clients at ``streaming_url``."""
        return {
            "uri": LOCAL_HOST,
            "title": "Benchmark server",
            "short_description": "A server that exists only while the benchmarks run.",
            "description": "",
            "email": f"admin@{LOCAL_HOST}",
            "version": "4.5.0",
            "urls": {"streaming_api": streaming_url},
            "stats": {"user_count": len(self.accounts), "status_count": 1, "domain_count": len(REMOTE_HOSTS)},
            "thumbnail": None,
            "languages": ["en"],
            "registrations": False,
            "approval_required": False,
            "invites_enabled": False,
            "contact_account": None,
            "rules": [],
        }


class Timeline:
    """A home timeline of ``size`` statuses, newest first, kept as serialised JSON.

    Args:
        world: Where the statuses come from.
        size: How many statuses the timeline holds.
    """

    def __init__(self, world: World, size: int) -> None:
        self.world = world
        self.size = size
        # Per distinct status: its JSON after the fields that differ by position, and its author.
        self._rests: dict[int, tuple[bytes, str, str, bool]] = {}
        # Ascending, for bisect: minus each ID.
        self._keys = _NegatedIds(size)

    def __len__(self) -> int:
        return self.size

    def status_json(self, index: int) -> bytes:
        """The ``index``-th status as JSON: the bytes of ``dumps(world.status(index))``."""
        number = index % self.world.distinct
        known = self._rests.get(number)
        if known is None:
            template = self.world._template(number)
            author = template["account"]
            known = (dumps(template)[1:], author["uri"], author["url"], template["reblog"] is not None)
            self._rests[number] = known
        rest, uri, url, boost = known
        status_id = status_id_of(index)
        link = "null" if boost else f'"{url}/{status_id}"'
        head = f'{{"id":"{status_id}","created_at":"{created_at_of(index)}","uri":"{uri}/statuses/{status_id}'
        return (head + ('/activity"' if boost else '"') + f',"url":{link},').encode() + rest

    def page(self, start: int, stop: int) -> bytes:
        """Statuses ``start`` to ``stop`` (excluded) as a JSON array."""
        return b"[" + b",".join(self.status_json(index) for index in range(start, min(stop, self.size))) + b"]"

    def older_than(self, max_id: int) -> int:
        """Position of the newest status whose ID is below ``max_id``."""
        return bisect.bisect_right(self._keys, -max_id)

    def not_newer_than(self, min_id: int) -> int:
        """Position of the newest status whose ID is ``min_id`` or below."""
        return bisect.bisect_left(self._keys, -min_id)


class _NegatedIds:
    """Minus the IDs of a timeline's statuses, in position order (so ascending), computed on demand."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: int) -> int:
        if not 0 <= index < self.size:
            raise IndexError(index)
        return -int(status_id_of(index))
