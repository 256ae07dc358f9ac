"""A bot that posts one status per run, with its secrets kept in ``.secret`` files.

Set it up once per account (this registers an app and asks you to log in in your browser)::

    python -m mastodon login --instance mastodon.example \\
        --client-file bot_client.secret --user-file bot_user.secret

Then run it as often as you like, for example from cron::

    python examples/posting_bot.py --user-file bot_user.secret

Run it with no ``bot_user.secret`` and no ``MASTODON_API_BASE_URL`` and it tries itself out on a
local throwaway server (``pip install 'mastodon[demo]'``), making its ``.secret`` files there.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
from pathlib import Path

from mastodon import Mastodon
from mastodon._demo import LocalServer, demo_target
from mastodon.errors import MastodonError


def compose(now: datetime.datetime) -> str:
    """What the bot says: here, which day of the year it is."""
    day = now.timetuple().tm_yday
    return f"Good {'morning' if now.hour < 12 else 'day'}! Today is {now:%A}, day {day} of {now.year}."


def run_bot(api: Mastodon, visibility: str = "unlisted") -> str:
    """Post once; returns the post's address."""
    status = api.status_post(compose(datetime.datetime.now().astimezone()), visibility=visibility)
    return str(status.get("url") or status["id"])


def log_in_on_local_server(server: LocalServer, folder: Path) -> Path:
    """Once per account: what ``python -m mastodon login`` does, here against the local server."""
    client_file, user_file = folder / "bot_client.secret", folder / "bot_user.secret"
    scopes = ["write:statuses"]  # a bot that only posts needs no more
    Mastodon.create_app("example bot", scopes=scopes, api_base_url=server.base_url, to_file=str(client_file))
    app = Mastodon(client_id=str(client_file))
    url = app.auth_request_url(scopes=scopes, pkce=True, allow_http=True)
    code = server.approve(url, "bob")  # on a real server, a person does this in a browser
    app.log_in(code=code, scopes=scopes, to_file=str(user_file), allow_http=True)
    print(f"made {client_file.name} and {user_file.name} (mode {oct(user_file.stat().st_mode & 0o777)})")
    return user_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Post one status as a bot.")
    parser.add_argument("--user-file", type=Path, default=Path("bot_user.secret"), help="the bot's credentials")
    parser.add_argument("--visibility", default="unlisted", choices=["public", "unlisted", "private"])
    args = parser.parse_args(argv)

    if args.user_file.exists():
        # The user file holds the token, the server's address and the app's credentials.
        print("posted", run_bot(Mastodon(access_token=str(args.user_file)), args.visibility))
        return 0

    with demo_target() as target, tempfile.TemporaryDirectory() as folder:
        if target.server is not None:
            user_file = log_in_on_local_server(target.server, Path(folder))
            for _ in range(2):  # two runs of the bot, as cron would start it
                print("posted", run_bot(Mastodon(access_token=str(user_file)), args.visibility))
            return 0
        api = target.user_client()
        if api is None:
            print(f"{args.user_file} does not exist: log in first (see the top of this file)", file=sys.stderr)
            return 2
        print("posted", run_bot(api, args.visibility))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except MastodonError as error:
        sys.exit(f"posting_bot: {error}")
