"""``python -m mastodon``: log in to a server, post from the shell, or take the guided tour.

Exit codes: 0 on success, 2 for a usage problem (bad arguments, a missing credential file),
1 when the server or the network fails, 130 when interrupted. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import hmac
import html
import http.server
import ipaddress
import os
import secrets
import sys
import time
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit

from mastodon._credentials import read_credentials
from mastodon._version import __version__
from mastodon.client import Mastodon, normalize_base_url
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonFileNotFoundError,
    MastodonIllegalArgumentError,
    MastodonIOError,
    MastodonNetworkError,
)
from mastodon.methods.auth import OOB_REDIRECT
from mastodon.return_types import ScheduledStatus

__all__ = ["CallbackServer", "CliError", "build_parser", "code_from_paste", "main"]

PROG = "python -m mastodon"
DEFAULT_PORT = 8391
DEFAULT_CLIENT_FILE = "mastodon_client.secret"
DEFAULT_USER_FILE = "mastodon_user.secret"
DEFAULT_SCOPES = ("read", "write")
DEFAULT_APP_NAME = "mastodon command line"
VISIBILITIES = ("public", "unlisted", "private", "direct")

USAGE_ERROR = 2
SERVER_ERROR = 1


class CliError(Exception):
    """An expected failure: shown as one line on stderr, ending the program with ``code``."""

    def __init__(self, message: str, code: int = SERVER_ERROR) -> None:
        super().__init__(message)
        self.code = code


# -- argument parsing ------------------------------------------------------------------------

_DESCRIPTION = """\
Talk to a Mastodon server from the shell.

  login   register an app and log in with your browser; keeps the token in a file
  toot    post a status with the token from that file
  demo    a guided tour of the library (on a local throwaway server unless
          MASTODON_API_BASE_URL and MASTODON_ACCESS_TOKEN are set)
"""

_EPILOG = """\
examples:
  python -m mastodon login --instance mastodon.social
  python -m mastodon toot "Hello from the shell" --visibility unlisted
  python -m mastodon demo

Exit codes: 0 success, 1 server or network failure, 2 usage error.
"""

_LOGIN_DESCRIPTION = """\
Register an app on the server (or reuse the one in --client-file), send you to the
server's authorisation page, and save your access token in --user-file (readable
only by you).

By default the page hands the code back to a one-shot listener on
http://127.0.0.1:PORT/callback. With --oob the server shows the code instead and you
paste it here; use that on a machine without a browser. Both ways use PKCE.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m mastodon``."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog=PROG, description=_DESCRIPTION, epilog=_EPILOG, formatter_class=raw)
    parser.add_argument("--version", action="version", version=f"mastodon {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True)

    login = commands.add_parser(
        "login", help="log in and save the token", description=_LOGIN_DESCRIPTION, formatter_class=raw
    )
    login.add_argument("--instance", required=True, metavar="URL", help="the server, e.g. mastodon.social")
    login.add_argument(
        "--client-file",
        default=DEFAULT_CLIENT_FILE,
        metavar="FILE",
        help=f"app credentials: reused when the file exists, written otherwise (default: {DEFAULT_CLIENT_FILE})",
    )
    login.add_argument(
        "--user-file",
        default=DEFAULT_USER_FILE,
        metavar="FILE",
        help=f"where to save your access token (default: {DEFAULT_USER_FILE})",
    )
    login.add_argument(
        "--scopes",
        nargs="+",
        default=list(DEFAULT_SCOPES),
        metavar="SCOPE",
        help="the permissions to ask for (default: read write)",
    )
    login.add_argument(
        "--app-name", default=DEFAULT_APP_NAME, metavar="NAME", help="the app name a new registration shows users"
    )
    login.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    login.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the local port the browser comes back to (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    login.add_argument("--oob", action="store_true", help="paste the code the server shows instead of a redirect")
    login.add_argument(
        "--timeout",
        type=_seconds,
        default=300.0,
        metavar="SECONDS",
        help="seconds to wait for the browser (default: 300)",
    )
    _add_allow_http(login)

    toot = commands.add_parser(
        "toot",
        help="post a status",
        description="Post a status as the user saved by 'login'. TEXT '-' reads the text from standard input.",
    )
    toot.add_argument("text", metavar="TEXT", help="what to post")
    toot.add_argument("--user-file", default=DEFAULT_USER_FILE, metavar="FILE", help=f"default: {DEFAULT_USER_FILE}")
    toot.add_argument("--visibility", choices=VISIBILITIES, help="who may see it (default: your account's setting)")
    toot.add_argument("--spoiler-text", metavar="TEXT", help="a content warning shown before the text")
    _add_allow_http(toot)

    demo = commands.add_parser(
        "demo",
        help="a guided tour of the library",
        description=(
            "Register an app, log in (PKCE), post with an image, page through the home timeline, receive "
            "a streamed notification and clean up. Uses MASTODON_API_BASE_URL / MASTODON_ACCESS_TOKEN when "
            "set, else a local throwaway server (pip install 'mastodon[demo]'). A step the server cannot do "
            "(streaming, where it has no streaming API) is reported and skipped, and the exit code is then 1."
        ),
    )
    demo.add_argument(
        "--serve",
        action="store_true",
        help="only start the local server and keep it running (until Ctrl-C), for the examples to share",
    )
    demo.add_argument(
        "--wait",
        type=_seconds,
        default=20.0,
        metavar="SECONDS",
        help="seconds to wait for streamed events (default: 20)",
    )
    return parser


def _add_allow_http(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-http",
        action="store_true",
        help="allow plain http, for a server on this machine (127.0.0.1, ::1, localhost) only",
    )


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text}")
    return value


# -- checks ----------------------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` names this machine (so plain http never leaves it)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_transport(base_url: str, allow_http: bool) -> None:
    """Refuse to send secrets over plain http, except to this machine when asked to.

    Raises:
        CliError: (usage) ``base_url`` is http and not allowed.
    """
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        return
    if not is_loopback(parts.hostname):
        raise CliError(f"refusing plain http to {base_url}: tokens would travel unencrypted; use https", USAGE_ERROR)
    if not allow_http:
        raise CliError(f"{base_url} is plain http; pass --allow-http to use a server on this machine", USAGE_ERROR)


def _instance_url(text: str, allow_http: bool) -> str:
    try:
        base_url = normalize_base_url(text)
    except MastodonIllegalArgumentError as exc:
        raise CliError(f"--instance: {exc}", USAGE_ERROR) from None
    check_transport(base_url, allow_http)
    return base_url


# -- the loopback redirect -------------------------------------------------------------------

_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><p>{text}</p></body></html>"
)


class CallbackServer(http.server.HTTPServer):
    """A one-shot listener on 127.0.0.1 for the authorisation redirect.

    It answers ``/callback`` requests until one carries the expected ``state`` with a code or
    an error; answers with another ``state`` are refused and do not end the wait.
    """

    def __init__(self, port: int, state: str) -> None:
        super().__init__(("127.0.0.1", port), _CallbackHandler)
        self.state = state
        self.code: str | None = None
        self.error: str | None = None

    @property
    def redirect_uri(self) -> str:
        """``http://127.0.0.1:<port>/callback``."""
        return f"http://127.0.0.1:{self.server_address[1]}/callback"

    def wait_for_code(self, timeout: float) -> str:
        """Serve until the redirect arrives; returns the code.

        Raises:
            CliError: The user refused, or nothing came back within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while self.code is None and self.error is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CliError(f"the browser did not come back within {timeout:g} s")
            self.timeout = left
            self.handle_request()
        if self.error is not None:
            raise CliError(f"the server did not authorise the app: {self.error}")
        assert self.code is not None
        return self.code


class _CallbackHandler(http.server.BaseHTTPRequestHandler):
    server: CallbackServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/callback":
            self._answer(404, "Not found", "Nothing here.")
            return
        query = parse_qs(parts.query)
        state = query.get("state", [""])[0]
        if not hmac.compare_digest(state.encode(), self.server.state.encode()):
            self._answer(400, "Refused", "This answer does not belong to the login in progress; it was ignored.")
            return
        if query.get("error"):
            reason = query.get("error_description", query["error"])[0]
            self.server.error = reason
            self._answer(200, "Not authorised", f"The app was not authorised ({reason}). You can close this tab.")
            return
        code = query.get("code", [""])[0]
        if not code:
            self._answer(400, "Refused", "The answer carries no authorisation code.")
            return
        self.server.code = code
        self._answer(200, "Logged in", "You are logged in. You can close this tab and go back to the terminal.")

    def _answer(self, status: int, title: str, text: str) -> None:
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # The query string holds the code; keep it out of the terminal.
        del format, args


def code_from_paste(text: str, state: str) -> str:
    """The code from what the user pasted: the code itself, or the whole redirect address.

    Raises:
        CliError: Nothing usable was pasted, or the address carries another ``state``.
    """
    text = text.strip()
    if "code=" in text:
        query = parse_qs(urlsplit(text).query or text)
        pasted_state = query.get("state", [None])[0]
        if pasted_state is not None and not hmac.compare_digest(pasted_state.encode(), state.encode()):
            raise CliError("the pasted address belongs to another login (its state does not match)", USAGE_ERROR)
        text = query.get("code", [""])[0]
    if not text or any(char.isspace() for char in text):
        raise CliError("no authorisation code was pasted", USAGE_ERROR)
    return text


# -- commands --------------------------------------------------------------------------------


def _say(text: str = "") -> None:
    print(text, flush=True)


def _app_client(args: argparse.Namespace, base_url: str, redirect_uris: list[str]) -> Mastodon:
    client_file = Path(args.client_file)
    if client_file.exists():
        lines = read_credentials(client_file, "client credential")
        if len(lines) >= 3 and lines[2] and normalize_base_url(lines[2]) != base_url:
            raise CliError(
                f"{client_file} holds an app for {lines[2]}, not {base_url}; pass another --client-file", USAGE_ERROR
            )
        _say(f"Using the app registered in {client_file}.")
        return Mastodon(client_id=str(client_file), api_base_url=base_url)
    Mastodon.create_app(
        args.app_name,
        scopes=list(args.scopes),
        redirect_uris=redirect_uris,
        api_base_url=base_url,
        to_file=str(client_file),
        request_timeout=60,
    )
    _say(f"Registered the app {args.app_name!r} on {base_url}; its credentials are in {client_file}.")
    return Mastodon(client_id=str(client_file), api_base_url=base_url)


def _browser_at_hand() -> bool:
    """Whether opening a browser would show a window to the person at this terminal.

    Without a graphical session, ``webbrowser`` falls back to text browsers that would take
    over the terminal, so the address is only printed then.
    """
    if os.environ.get("BROWSER") or sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _show(url: str, open_browser: bool) -> None:
    _say("Open this address in a browser and authorise the app:")
    _say()
    _say(f"    {url}")
    _say()
    if not open_browser:
        return
    opened = False
    if _browser_at_hand():
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
    if not opened:
        _say("(No browser could be opened here: open the address yourself; from another machine, use --oob.)")


def cmd_login(args: argparse.Namespace) -> int:
    """Register (or reuse) an app, run the authorisation-code flow with PKCE, save the token."""
    base_url = _instance_url(args.instance, args.allow_http)
    state = secrets.token_urlsafe(24)
    listener: CallbackServer | None = None
    if not args.oob:
        try:
            listener = CallbackServer(args.port, state)
        except OSError as exc:
            raise CliError(f"cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); pass another --port") from None
    try:
        redirect = listener.redirect_uri if listener is not None else OOB_REDIRECT
        redirect_uris = [redirect] if listener is None else [redirect, OOB_REDIRECT]
        api = _app_client(args, base_url, redirect_uris)
        url = api.auth_request_url(
            redirect_uris=redirect, scopes=list(args.scopes), state=state, pkce=True, allow_http=args.allow_http
        )
        _show(url, open_browser=not args.no_browser)
        if listener is not None:
            _say(f"Waiting for the browser to come back to {listener.redirect_uri} (Ctrl-C to give up) ...")
            code = listener.wait_for_code(args.timeout)
        else:
            try:
                pasted = input("Paste the authorization code here: ")
            except EOFError:
                _say()
                raise CliError("no authorisation code was pasted", USAGE_ERROR) from None
            code = code_from_paste(pasted, state)
    finally:
        if listener is not None:
            listener.server_close()
    try:
        api.log_in(
            code=code,
            redirect_uri=redirect,
            scopes=list(args.scopes),
            to_file=args.user_file,
            allow_http=args.allow_http,
        )
    except MastodonIllegalArgumentError as exc:
        # log_in reports a refused code this way; it is the server's answer, not a usage error.
        raise CliError(f"the server refused the authorisation code: {exc}") from None
    me = Mastodon(access_token=args.user_file).account_verify_credentials()
    _say(f"Logged in as @{me.acct} on {base_url}.")
    _say(f"Your access token is in {args.user_file} (readable only by you). Keep it secret.")
    return 0


def cmd_toot(args: argparse.Namespace) -> int:
    """Post a status with the saved user credentials."""
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise CliError("there is nothing to post: TEXT is empty", USAGE_ERROR)
    try:
        lines = read_credentials(args.user_file, "user credential")
    except MastodonFileNotFoundError:
        raise CliError(
            f"no credentials in {args.user_file}: log in first with '{PROG} login --instance URL'", USAGE_ERROR
        ) from None
    if len(lines) < 2 or not lines[1]:
        raise CliError(f"{args.user_file} names no server; log in again with '{PROG} login'", USAGE_ERROR)
    check_transport(normalize_base_url(lines[1]), args.allow_http)
    api = Mastodon(access_token=args.user_file, request_timeout=60)
    status = api.status_post(text, visibility=args.visibility, spoiler_text=args.spoiler_text)
    where = status.id if isinstance(status, ScheduledStatus) else status.url or status.uri or status.id
    _say(f"Posted: {where}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The guided tour (see :mod:`mastodon._demo`)."""
    from mastodon import _demo

    return _demo.main(wait=args.wait, keep_serving=args.serve)


_COMMANDS = {"login": cmd_login, "toot": cmd_toot, "demo": cmd_demo}


def _root_cause(error: BaseException) -> str:
    """The operating system's words for a network failure, without the layers of wrapping."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.strerror:
            return current.strerror.lower()
        if isinstance(current, TimeoutError):
            return "timed out"
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None), *current.args]
        pending += [item for item in linked if isinstance(item, BaseException)]
    text = str(error)
    return text if len(text) <= 200 else text[:200] + " ..."


def _describe(error: MastodonError) -> tuple[str, int]:
    if isinstance(error, MastodonAPIError) and error.status_code is not None:
        detail = f": {error.error}" if error.error else ""
        return f"the server answered {error.status_code} {error.reason or ''}".rstrip() + detail, SERVER_ERROR
    if isinstance(error, MastodonNetworkError):
        return f"could not reach the server: {_root_cause(error)}", SERVER_ERROR
    if isinstance(error, MastodonFileNotFoundError | MastodonIllegalArgumentError):
        return str(error), USAGE_ERROR
    if isinstance(error, MastodonIOError):
        return str(error), SERVER_ERROR
    return str(error) or type(error).__name__, SERVER_ERROR


def _fail(parser: argparse.ArgumentParser, command: str | None, message: str, code: int) -> NoReturn:
    where = f"{PROG} {command}" if command else PROG
    parser.exit(code, f"{where}: error: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except CliError as exc:
        _fail(parser, args.command, str(exc), exc.code)
    except MastodonError as exc:
        message, code = _describe(exc)
        _fail(parser, args.command, message, code)
    except KeyboardInterrupt:
        _fail(parser, args.command, "interrupted", 130)
