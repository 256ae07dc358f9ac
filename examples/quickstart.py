"""The whole flow in one script: register an app, log in, post with an image, read the timeline.

Against your own account::

    MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=... python examples/quickstart.py

With neither variable set it starts a local throwaway server (``pip install -e '.[demo]'``) and
runs there, logging in through the server's authorisation page as the user would.
"""

from __future__ import annotations

import base64
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mastodon import Mastodon

# A 1x1 PNG, so the example needs no image file of its own.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@contextlib.contextmanager
def instance() -> Iterator[tuple[str, str | None]]:
    """The server to talk to: the configured one, or a local one started for the run."""
    base_url = os.environ.get("MASTODON_API_BASE_URL")
    if base_url:
        yield base_url, os.environ.get("MASTODON_ACCESS_TOKEN")
        return
    from local_server import local_server

    print("No MASTODON_API_BASE_URL set: starting a local server for the demo ...")
    with local_server() as url:
        yield url, None


def log_in(base_url: str, folder: Path) -> Mastodon:
    """Register an app and log in with the authorization-code flow (PKCE), keeping credential files."""
    from local_server import approve_as

    client_file, user_file = folder / "quickstart_client.secret", folder / "quickstart_user.secret"
    Mastodon.create_app("quickstart", api_base_url=base_url, to_file=str(client_file))
    api = Mastodon(client_id=str(client_file))
    url = api.auth_request_url(pkce=True, state="quickstart", allow_http=True)
    print("1. registered an app; the user approves it at", url.split("?")[0])
    code = approve_as(url, "alice")
    api.log_in(code=code, to_file=str(user_file), allow_http=True)
    print("2. logged in; credentials kept in", user_file.name, oct(user_file.stat().st_mode & 0o777))
    return Mastodon(access_token=str(user_file))


def main() -> int:
    with instance() as (base_url, token), tempfile.TemporaryDirectory() as tmp:
        api = Mastodon(access_token=token, api_base_url=base_url) if token else log_in(base_url, Path(tmp))
        me = api.account_verify_credentials()
        print(f"3. hello, @{me.acct} on {api.instance().title or base_url}")
        media = api.media_post(PIXEL, mime_type="image/png", description="a single pixel")
        posted = api.status_post("Hello from the mastodon quickstart!", media_ids=[media], visibility="unlisted")
        print("4. posted", posted.url or posted.id, "with", len(posted.media_attachments), "image")
        page, pages, seen = api.timeline_home(limit=5), 0, 0
        while page and pages < 3:
            pages, seen = pages + 1, seen + len(page)
            page = api.fetch_next(page)
        print(f"5. read {seen} statuses of the home timeline in {pages} page(s)")
        api.status_delete(posted)
        print("6. cleaned up: the post is deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
