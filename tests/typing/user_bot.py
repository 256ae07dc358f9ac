"""A small bot as users write it against the published annotations: mypy --strict must accept it."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonUnauthorizedError,
    StreamListener,
)
from mastodon.return_types import Account, MediaAttachment, Notification, Status
from mastodon.types_base import Entity, PaginatableList

log = logging.getLogger("bot")

BASE_URL = "https://mastodon.example"
CONFIG = Path.home() / ".config" / "bot"


def register() -> tuple[str, str]:
    return Mastodon.create_app("bot", api_base_url=BASE_URL, to_file=str(CONFIG / "client.secret"))


def log_in(username: str, password: str) -> Mastodon:
    app = Mastodon(client_id=str(CONFIG / "client.secret"), api_base_url=BASE_URL)
    token: str = app.log_in(username, password, to_file=str(CONFIG / "user.secret"))
    log.info("logged in, token of %d characters", len(token))
    return Mastodon(access_token=str(CONFIG / "user.secret"), api_base_url=BASE_URL, ratelimit_method="pace")


def whoami(api: Mastodon) -> str:
    me: Account = api.account_verify_credentials()
    return f"{me.acct} ({me.followers_count} followers)"


def toot(api: Mastodon, text: str, reply_to: Status | None = None) -> str:
    posted = api.status_post(text, in_reply_to_id=reply_to, visibility="unlisted", language="en")
    return str(posted.id)


def schedule(api: Mastodon, text: str) -> None:
    api.status_post(text, scheduled_at=datetime.now(UTC) + timedelta(hours=1))


def toot_picture(api: Mastodon, picture: bytes, text: str) -> str:
    media: MediaAttachment = api.media_post(picture_file(picture), mime_type="image/png", description="a picture")
    with open(CONFIG / "thumbnail.jpg", "rb") as thumbnail:
        api.media_post(picture_file(picture), thumbnail=thumbnail)
    posted = api.status_post(text, media_ids=[media], sensitive=True, spoiler_text="a picture")
    return str(posted.id)


def picture_file(data: bytes) -> str:
    path = CONFIG / "picture.png"
    path.write_bytes(data)
    return str(path)


def authors_of_home(api: Mastodon, pages: int) -> set[str]:
    authors: set[str] = set()
    page: PaginatableList[Status] = api.timeline_home(limit=40)
    for _ in range(pages):
        for status in page:
            original = status.reblog or status
            authors.add(original.account.acct)
            if status.created_at < datetime.now(UTC) - timedelta(days=7):
                return authors
        if not page:
            break
        page = api.timeline_home(max_id=page[-1], limit=40)
    return authors


def all_followers(api: Mastodon, account: Account) -> list[str]:
    first = api.account_followers(account, limit=80)
    return [follower.acct for follower in api.fetch_remaining(first)]


def answer_mentions(api: Mastodon) -> int:
    answered = 0
    result = api.notifications(types=["mention"], limit=30)
    notifications = result if isinstance(result, list) else [result]
    for notification in notifications:
        if notification.type == "mention" and notification.status is not None:
            api.status_post(f"@{notification.account.acct} thanks!", in_reply_to_id=notification.status)
            answered += 1
        api.notifications_dismiss(notification)
    return answered


def favourite_safely(api: Mastodon, status_id: int) -> bool:
    try:
        api.status_favourite(status_id)
    except MastodonNotFoundError:
        return False
    except MastodonRatelimitError:
        time.sleep(60)
        return favourite_safely(api, status_id)
    except MastodonUnauthorizedError as error:
        raise SystemExit(f"token no longer valid: {error}") from error
    except MastodonAPIError as error:
        log.warning("server refused: %s %s", error.args[1] if len(error.args) > 1 else "?", error)
        return False
    except MastodonNetworkError:
        return False
    return True


class Printer(StreamListener):
    def __init__(self, api: Mastodon) -> None:
        super().__init__()
        self.api = api
        self.seen = 0

    def on_update(self, status: Status) -> None:
        self.seen += 1
        log.info("%s: %s", status.account.acct, status.content)

    def on_notification(self, notification: Notification) -> None:
        log.info("notification %s from %s", notification.type, notification.account.acct)

    def handle_heartbeat(self) -> None:
        log.debug("still connected")


def follow_stream(api: Mastodon) -> None:
    api.stream_hashtag("python", Printer(api), run_async=False, timeout=30)


def save_and_load(status: Status) -> str:
    saved = status.to_json()
    loaded = Entity.from_json(saved)
    return loaded.account.acct if isinstance(loaded, Status) else ""


def main() -> None:
    try:
        api = log_in("bot@example.org", "password")
        print(whoami(api))
        toot(api, "hello")
    except MastodonError as error:
        raise SystemExit(str(error)) from error


if __name__ == "__main__":
    main()
