"""More of the bot, using what the published annotations and the run-time behaviour allow: Path objects
for credential files, the typed pages of fetch_next, a toot's URL, the list of notifications, and the
handle of a stream run in the background. mypy --strict must accept it."""

from __future__ import annotations

import time
from pathlib import Path

from mastodon import Mastodon, StreamListener
from mastodon.return_types import MediaAttachment

BASE_URL = "https://mastodon.example"
CONFIG = Path.home() / ".config" / "bot"


def register() -> tuple[str, str]:
    return Mastodon.create_app("bot", api_base_url=BASE_URL, to_file=CONFIG / "client.secret")


def log_in(username: str, password: str) -> Mastodon:
    app = Mastodon(client_id=CONFIG / "client.secret", api_base_url=BASE_URL)
    app.log_in(username, password, to_file=CONFIG / "user.secret")
    return Mastodon(access_token=CONFIG / "user.secret", api_base_url=BASE_URL)


def toot_picture(api: Mastodon, picture: Path, text: str) -> str:
    media: MediaAttachment = api.media_post(picture, description="a picture", thumbnail=picture.with_suffix(".jpg"))
    posted = api.status_post(text, media_ids=[media])
    return str(posted.id)


def toot_link(api: Mastodon, text: str) -> str:
    return api.status_post(text).url or ""


def mention_texts(api: Mastodon) -> list[str]:
    return [notification.status.content for notification in api.notifications(types=["mention"]) if notification.status]


def newest_texts(api: Mastodon, pages: int) -> list[str]:
    texts: list[str] = []
    page = api.timeline_home(limit=40)
    for _ in range(pages):
        texts.extend(status.content for status in page)
        following = api.fetch_next(page)
        if not isinstance(following, list):
            break
        page = following
    return texts


def follow_stream(api: Mastodon, listener: StreamListener) -> None:
    handle = api.stream_user(listener, run_async=True, reconnect_async=True)
    try:
        time.sleep(60)
    finally:
        handle.close()
