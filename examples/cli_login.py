"""How a command-line app logs its user in once and stays logged in.

The first start registers the app and asks the user to authorise it in a browser (the
authorization-code flow with PKCE, the code pasted back into the terminal); the credentials go
to files in the app's own folder, readable only by the user. Later starts reuse them, and log in
again only if the token stopped working (revoked, say).

Against a real server::

    python examples/cli_login.py --instance mastodon.example

With no ``--instance`` and no ``MASTODON_API_BASE_URL`` it runs on a local throwaway server
(``pip install 'mastodon[demo]'``) where a script plays the user on the authorisation page.
For the same flow as a ready-made command, see ``python -m mastodon login``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mastodon import Mastodon
from mastodon._demo import demo_target
from mastodon.errors import MastodonError, MastodonUnauthorizedError

APP_NAME = "example command line app"
SCOPES = ["read", "write:statuses"]

#: Shows the user the authorisation address and returns the code they paste.
AskCode = Callable[[str], str]


def ask_in_terminal(url: str) -> str:
    print("Open this address in your browser, authorise the app, and paste the code shown:")
    print(f"\n    {url}\n")
    return input("Code: ").strip()


def config_folder() -> Path:
    """Where the app keeps its files: $XDG_CONFIG_HOME/<app>, else ~/.config/<app>."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "example-mastodon-app"


def logged_in_client(instance: str, folder: Path, ask_code: AskCode, allow_http: bool = False) -> Mastodon:
    """A client logged in as the user, logging in first when needed."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    client_file, user_file = folder / "client.secret", folder / "user.secret"

    if user_file.exists():
        api = Mastodon(access_token=str(user_file))
        try:
            me = api.account_verify_credentials()
            print(f"welcome back, @{me.acct} (using {user_file})")
            return api
        except MastodonUnauthorizedError:
            print("the saved login no longer works; logging in again")

    if not client_file.exists():
        # The out-of-band redirect makes the server show the code, for the user to paste.
        Mastodon.create_app(APP_NAME, scopes=SCOPES, api_base_url=instance, to_file=str(client_file))
    app = Mastodon(client_id=str(client_file))
    state = secrets.token_urlsafe(16)
    url = app.auth_request_url(scopes=SCOPES, state=state, pkce=True, allow_http=allow_http)
    code = ask_code(url)
    # The PKCE code verifier made by auth_request_url goes along with the code.
    app.log_in(code=code, scopes=SCOPES, to_file=str(user_file), allow_http=allow_http)
    me = app.account_verify_credentials()
    print(f"logged in as @{me.acct}; credentials saved in {user_file}")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Log in once, then reuse the saved credentials.")
    parser.add_argument("--instance", help="the server, e.g. mastodon.example")
    args = parser.parse_args(argv)

    if args.instance:
        logged_in_client(args.instance, config_folder(), ask_in_terminal)
        return 0

    with demo_target() as target, tempfile.TemporaryDirectory() as tmp:
        server = target.server
        if server is None:
            logged_in_client(target.base_url, config_folder(), ask_in_terminal)
            return 0

        def play_the_user(url: str) -> str:
            print("(the user approves the app on the authorisation page)")
            return server.approve(url, "alice")

        folder = Path(tmp) / "example-mastodon-app"
        print("first start:")
        first = logged_in_client(server.base_url, folder, play_the_user, allow_http=True)
        print("second start:")
        logged_in_client(server.base_url, folder, play_the_user, allow_http=True)
        first.revoke_access_token(allow_http=True)
        print("third start, after the token was revoked:")
        logged_in_client(server.base_url, folder, play_the_user, allow_http=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except MastodonError as error:
        sys.exit(f"cli_login: {error}")
