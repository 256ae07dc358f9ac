"""The guided tour behind ``python -m mastodon demo``, and the local server the examples run on.

With ``MASTODON_API_BASE_URL`` (and usually ``MASTODON_ACCESS_TOKEN``) set, everything talks to
that server. Without them a throwaway ``mastodon-mock`` server is started on 127.0.0.1 (the
``demo`` extra installs it: ``pip install 'mastodon[demo]'``); it keeps its data in memory and
stops when the ``with`` block around it ends. Its accounts need no password: on its authorisation
page the user just picks an account, which :func:`approve_as` does for a script.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from mastodon.client import Mastodon
from mastodon.errors import MastodonAPIError, MastodonError, MastodonNetworkError
from mastodon.methods.auth import OOB_REDIRECT
from mastodon.return_types import Status
from mastodon.streaming import StreamHandle, StreamListener

__all__ = [
    "DEMO_EXTRA_HINT",
    "DEMO_USERS",
    "ENV_LOCAL_SERVER",
    "ENV_TOKEN",
    "ENV_URL",
    "PIXEL_PNG",
    "DemoServerError",
    "DemoTarget",
    "LocalServer",
    "approve_as",
    "attach",
    "demo_target",
    "local_server",
    "main",
    "run_demo",
    "serve",
]

DEMO_EXTRA_HINT = "the local demo server needs the demo extra: pip install 'mastodon[demo]'"

#: Seeded accounts of the local server and their fixed access tokens (throwaway, not secrets).
#: The ``reader`` accounts give the examples some followers to page through.
DEMO_USERS: dict[str, str] = {
    "alice": "demo-alice-token",
    "bob": "demo-bob-token",
    **{f"reader{number:02d}": f"demo-reader{number:02d}-token" for number in range(1, 13)},
}

#: A 1x1 PNG, so nothing needs an image file of its own.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

ENV_URL = "MASTODON_API_BASE_URL"
ENV_TOKEN = "MASTODON_ACCESS_TOKEN"
#: Names a local demo server that is already running, to skip starting one.
ENV_LOCAL_SERVER = "MASTODON_DEMO_SERVER"


class DemoServerError(MastodonError):
    """The demo cannot go on: the server package is missing, the server did not start, or it
    answered in a way the demo does not expect."""


def _on_this_machine(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _config_text(port: int, users: dict[str, str]) -> str:
    lines = ["[server]", 'host = "127.0.0.1"', f"port = {port}", "", "[streaming]", "heartbeat_seconds = 1"]
    for name, token in users.items():
        lines += ["", "[[seed.accounts]]", f'username = "{name}"', f'access_token = "{token}"']
    return "\n".join(lines) + "\n"


def _die_with_parent() -> None:
    # A demo killed outright runs no cleanup; let the kernel stop the server then.
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class LocalServer:
    """A running local server.

    Attributes:
        base_url: ``http://127.0.0.1:<port>``.
        tokens: Seeded username -> access token.
    """

    base_url: str
    tokens: dict[str, str] = field(default_factory=lambda: dict(DEMO_USERS))

    def client(self, username: str) -> Mastodon:
        """A client logged in as one of the seeded accounts."""
        return Mastodon(access_token=self.tokens[username], api_base_url=self.base_url)

    def approve(self, authorize_url: str, username: str = "alice") -> str:
        """Approve an authorisation request as ``username``; see :func:`approve_as`."""
        return approve_as(authorize_url, username)


@contextlib.contextmanager
def local_server(startup_timeout: float = 60.0) -> Iterator[LocalServer]:
    """Start a throwaway local server, yield it, and stop it when the block ends.

    Args:
        startup_timeout: Seconds to wait for the server to answer.

    Raises:
        DemoServerError: The ``demo`` extra is not installed, or the server did not start.
    """
    if importlib.util.find_spec("mastodon_mock") is None:
        raise DemoServerError(DEMO_EXTRA_HINT)
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("HOST", "PORT")}
    with tempfile.TemporaryDirectory(prefix="mastodon-demo-") as folder:
        config = Path(folder) / "server.toml"
        config.write_text(_config_text(port, DEMO_USERS), encoding="utf-8")
        log_path = Path(folder) / "server.log"
        with log_path.open("wb") as log:
            # Always --config: without it the server reads settings from ./pyproject.toml.
            process = subprocess.Popen(
                [sys.executable, "-m", "mastodon_mock", "serve", "--in-memory", "--config", str(config)],
                cwd=folder,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=env,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
            )
        server = LocalServer(base_url=f"http://127.0.0.1:{port}")
        try:
            _wait_until_up(process, server.base_url, startup_timeout, log_path)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen[bytes], base_url: str, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    with requests.Session() as probe:
        while True:
            if process.poll() is not None:
                tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise DemoServerError(f"the local server stopped at start (exit code {process.returncode}):\n{tail}")
            with contextlib.suppress(requests.RequestException):
                if probe.get(base_url + "/health", timeout=2).status_code == 200:
                    return
            if time.monotonic() > deadline:
                raise DemoServerError(f"the local server did not answer within {timeout:g} s")
            time.sleep(0.1)


# -- the authorisation page ------------------------------------------------------------------


class _AuthorizePage(HTMLParser):
    """Reads the local server's account picker: the form, its hidden fields, the account buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.action = ""
        self.method = "get"
        self.fields: dict[str, str] = {}
        self.accounts: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "form" and not self.action:
            self.action, self.method = values.get("action", ""), values.get("method", "get").lower()
        elif tag == "input" and values.get("name") and values.get("type", "text") in ("hidden", "text"):
            self.fields[values["name"]] = values.get("value", "")
        elif tag == "button" and values.get("name") == "username":
            self.accounts.append(values.get("value", ""))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def approve_as(authorize_url: str, username: str) -> str:
    """Do what a user does on the local server's authorisation page: pick an account.

    Args:
        authorize_url: The URL from :meth:`~mastodon.Mastodon.auth_request_url`.
        username: The seeded account to approve as.

    Returns:
        The authorisation code (from the redirect, or from the page shown for the out-of-band URI).

    Raises:
        DemoServerError: The page is not the local server's account picker.
    """
    with requests.Session() as browser:
        page = browser.get(authorize_url, timeout=10)
        if page.status_code != 200:
            raise DemoServerError(f"the authorisation page answered HTTP {page.status_code}")
        form = _AuthorizePage()
        form.feed(page.text)
        if username not in form.accounts:
            raise DemoServerError(f"the authorisation page does not offer the account {username!r}")
        data = {**form.fields, "username": username}
        target = urljoin(page.url, form.action)
        if form.method == "post":
            answer = browser.post(target, data=data, timeout=10, allow_redirects=False)
        else:
            answer = browser.get(target, params=data, timeout=10, allow_redirects=False)
    if answer.is_redirect:
        codes = parse_qs(urlsplit(answer.headers["Location"]).query).get("code")
        if codes:
            return codes[0]
    shown = _AuthorizePage()
    shown.feed(answer.text)
    words = "".join(shown.text).split()
    for index, word in enumerate(words[:-1]):
        if word.rstrip(":").lower() == "code":
            return words[index + 1]
    raise DemoServerError("the authorisation page handed out no code")


# -- where the demo and the examples run -----------------------------------------------------


@dataclass
class DemoTarget:
    """The server a demo or example talks to.

    Attributes:
        base_url: The API base URL.
        token: The access token from ``MASTODON_ACCESS_TOKEN``, or None.
        server: The local server, or None when talking to a configured one.
    """

    base_url: str
    token: str | None
    server: LocalServer | None

    @property
    def is_local(self) -> bool:
        """Whether this is the throwaway local server."""
        return self.server is not None

    @property
    def allow_http(self) -> bool:
        """Whether plain http is fine: only for a server on this machine."""
        return urlsplit(self.base_url).scheme == "http" and _on_this_machine(self.base_url)

    def user_client(self) -> Mastodon | None:
        """A client for the configured account, or for ``alice`` on the local server; None without a token."""
        if self.server is not None:
            return self.server.client("alice")
        if self.token:
            return Mastodon(access_token=self.token, api_base_url=self.base_url)
        return None


@contextlib.contextmanager
def demo_target(say: Callable[[str], None] = print) -> Iterator[DemoTarget]:
    """Where to run: the configured server, a running local one, or a local one started for the block.

    ``MASTODON_API_BASE_URL`` (with ``MASTODON_ACCESS_TOKEN``) names a real server. Otherwise
    ``MASTODON_DEMO_SERVER`` may name a local server left running by ``python -m mastodon demo
    --serve``; without either, a local server is started and stopped again.

    Args:
        say: Where progress lines go.

    Raises:
        DemoServerError: No local server could be used.
    """
    base_url = os.environ.get(ENV_URL, "").strip()
    if base_url:
        if urlsplit(base_url).scheme == "http" and not _on_this_machine(base_url):
            raise DemoServerError(f"refusing plain http to {base_url}: the token would travel unencrypted")
        yield DemoTarget(base_url=base_url, token=os.environ.get(ENV_TOKEN, "").strip() or None, server=None)
        return
    running = os.environ.get(ENV_LOCAL_SERVER, "").strip().rstrip("/")
    if running:
        yield DemoTarget(base_url=running, token=None, server=attach(running))
        return
    say(f"{ENV_URL} is not set: starting a local throwaway server (mastodon-mock) ...")
    with local_server() as server:
        say(f"   the local server is up at {server.base_url}")
        yield DemoTarget(base_url=server.base_url, token=None, server=server)
    say("   the local server is stopped")


def attach(base_url: str) -> LocalServer:
    """A local demo server that is already running (see :func:`serve`).

    Raises:
        DemoServerError: ``base_url`` is not on this machine, or nothing answers there.
    """
    if urlsplit(base_url).scheme != "http" or not _on_this_machine(base_url):
        raise DemoServerError(f"{ENV_LOCAL_SERVER} must be an http address on this machine, not {base_url!r}")
    try:
        healthy = requests.get(base_url + "/health", timeout=5).status_code == 200
    except requests.RequestException:
        healthy = False
    if not healthy:
        raise DemoServerError(
            f"no local demo server answers at {base_url} ({ENV_LOCAL_SERVER}); "
            "start one with: python -m mastodon demo --serve"
        )
    return LocalServer(base_url=base_url)


def serve(say: Callable[[str], None] = print, stop: threading.Event | None = None) -> int:
    """Start a local demo server and keep it running until Ctrl-C, SIGTERM, or ``stop`` is set.

    Returns:
        0 once the server is stopped.
    """
    stop = stop if stop is not None else threading.Event()
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread:
        # Stop as cleanly on `kill` as on Ctrl-C: the server process is ended with us.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        with local_server() as server:
            say(f"The local demo server is up at {server.base_url}")
            say("To run the demo and the examples on it without starting a server each time:")
            say(f"    export {ENV_LOCAL_SERVER}={server.base_url}")
            say(f"Seeded accounts: {', '.join(server.tokens)}. Press Ctrl-C to stop it.")
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
    say("The local demo server is stopped.")
    return 0


def _ask_for_code(url: str) -> str:
    print("Open this address in a browser, authorise the app, and paste the code it shows:")
    print(f"\n    {url}\n")
    try:
        code = input("Authorization code: ").strip()
    except EOFError:
        code = ""
    if not code:
        raise DemoServerError("no authorisation code was given")
    return code


# -- the tour --------------------------------------------------------------------------------


#: The steps of the tour: app, login, greeting, post, timeline, stream, clean-up.
_STEPS = 7


def _count(number: int, noun: str) -> str:
    plural = noun + ("es" if noun.endswith("s") else "s")
    return f"{number} {noun if number == 1 else plural}"


class _Waiter(StreamListener):
    """Collects what arrives on the user stream (in the stream's thread) for the demo to check."""

    def __init__(self) -> None:
        self.live = threading.Event()
        self.arrived = threading.Event()
        self.mentions: list[Any] = []
        self.updates: list[Any] = []

    def handle_heartbeat(self) -> None:
        self.live.set()

    def on_notification(self, notification: Any) -> None:
        if notification.type == "mention":
            self.mentions.append(notification)
            self.arrived.set()

    def on_update(self, status: Any) -> None:
        self.updates.append(status)
        self.arrived.set()

    def wait_until(self, found: Callable[[], Any], timeout: float) -> Any:
        """The first true value of ``found()``, checked after each event; None after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            # Cleared before looking, so an event that lands after the look still wakes the wait.
            self.arrived.clear()
            result = found()
            if result:
                return result
            left = deadline - time.monotonic()
            if left <= 0 or not self.arrived.wait(left):
                return None


class _Tour:
    def __init__(self, target: DemoTarget, out: TextIO, wait: float) -> None:
        self.target = target
        self.out = out
        self.wait = wait
        self.created: list[tuple[Mastodon, Any]] = []
        self.missed: list[str] = []

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def not_done(self, number: int, name: str, why: str) -> None:
        """Report a step that could not be done; the tour goes on with the next one."""
        self.missed.append(f"step {number}, {name}: {why}")
        self.say(f"{number}. not done, {name}: {why}")

    def summary(self) -> str:
        """The last line: how many steps were done, and which were not."""
        done = f"{_STEPS - len(self.missed)} of {_STEPS} steps done"
        return f"{done}; " + "; ".join(self.missed) if self.missed else done + "."

    def log_in(self, folder: Path) -> tuple[Mastodon, bool]:
        """Step 1 and 2; returns the client and whether its token is ours to revoke."""
        target = self.target
        configured = target.user_client() if not target.is_local else None
        if configured is not None:
            self.say(f"1. using the access token from {ENV_TOKEN}: no app to register")
            self.say("2. no login needed")
            return configured, False
        client_file, user_file = folder / "demo_client.secret", folder / "demo_user.secret"
        redirect = OOB_REDIRECT
        Mastodon.create_app(
            "mastodon demo", scopes=["read", "write"], api_base_url=target.base_url, to_file=str(client_file)
        )
        self.say(f"1. registered the app 'mastodon demo'; its credentials are in {client_file.name}")
        api = Mastodon(client_id=str(client_file))
        local = target.allow_http
        url = api.auth_request_url(
            redirect_uris=redirect, scopes=["read", "write"], state="demo", pkce=True, allow_http=local
        )
        self.say(f"   the user approves it at {url.split('?')[0]} (PKCE S256, state 'demo')")
        code = target.server.approve(url, "alice") if target.server is not None else _ask_for_code(url)
        api.log_in(code=code, redirect_uri=redirect, scopes=["read", "write"], to_file=str(user_file), allow_http=local)
        mode = oct(user_file.stat().st_mode & 0o777)
        self.say(f"2. logged in with the authorization-code flow; the token is in {user_file.name} (mode {mode})")
        return Mastodon(access_token=str(user_file)), True

    def seed(self) -> None:
        """On the local server, give the home timeline something to page through."""
        server = self.target.server
        if server is None:
            return
        bob = server.client("bob")
        server.client("alice").account_follow(bob.account_verify_credentials())
        for number in range(1, 7):
            bob.status_post(f"Note {number} of 6 from bob", visibility="public")
        self.say("   (on the local server, @bob posted 6 notes and @alice follows him)")

    def post(self, api: Mastodon) -> Any:
        media = api.media_post(PIXEL_PNG, mime_type="image/png", description="A single white pixel", focus=(0, 0))
        posted = api.status_post("Hello from the mastodon demo!", media_ids=[media], visibility="unlisted")
        if not isinstance(posted, Status):
            raise DemoServerError("the server scheduled the post instead of publishing it")
        self.created.append((api, posted))
        images = posted.media_attachments
        self.say(f"4. posted {posted.url or posted.id} with {len(images)} image ({images[0].description!r})")
        return posted

    def read_timeline(self, api: Mastodon) -> None:
        page: Any = api.timeline_home(limit=3)
        pages, seen = 0, 0
        while page and pages < 5:
            pages, seen = pages + 1, seen + len(page)
            self.say(f"   page {pages}: {_count(len(page), 'status')}, newest by @{page[0].account.acct}")
            page = api.fetch_next(page)
        self.say(f"5. read {_count(seen, 'status')} of the home timeline in {_count(pages, 'page')} of up to 3")

    def stream(self, api: Mastodon, me: Any) -> bool:
        waiter = _Waiter()
        try:
            handle = api.stream_user(waiter, run_async=True)
        except (MastodonAPIError, MastodonNetworkError) as exc:
            self.not_done(6, "streaming", _why_no_stream(exc))
            return False
        if not isinstance(handle, StreamHandle):
            raise DemoServerError("the user stream did not start in the background")
        try:
            if not waiter.live.wait(self.wait):
                self.not_done(6, "streaming", f"the user stream did not come up within {self.wait:g} s")
                return False
            line = self._cause_an_event(api, me, waiter)
        finally:
            handle.close()
            handle.join(self.wait)
        if line is None:
            self.not_done(6, "streaming", f"nothing arrived on the stream within {self.wait:g} s")
            return False
        self.say(line)
        return True

    def _cause_an_event(self, api: Mastodon, me: Any, waiter: _Waiter) -> str | None:
        """Make something happen that the user stream reports; the step's line once it arrived."""
        server = self.target.server
        if server is not None:
            bob = server.client("bob")
            mention = bob.status_post(f"@{me.acct} did you see the demo?", visibility="unlisted")
            self.created.append((bob, mention))
            note = waiter.wait_until(lambda: [n for n in waiter.mentions if n.status.id == mention.id], self.wait)
            if not note:
                return None
            return f"6. streamed a notification: @{note[0].account.acct} mentioned you ({mention.id})"
        # A real account has nobody at hand to mention it; its own new post arrives as an update.
        own = api.status_post("A second post, to see it arrive on the stream", visibility="private")
        self.created.append((api, own))
        if not waiter.wait_until(lambda: [s for s in waiter.updates if s.id == own.id], self.wait):
            return None
        return f"6. streamed an update: your post {own.id} arrived on the user stream"

    def clean_up(self, api: Mastodon, revoke: bool) -> None:
        for owner, status in reversed(self.created):
            owner.status_delete(status)
        words = f"deleted {_count(len(self.created), 'post')}"
        if revoke:
            api.revoke_access_token(allow_http=self.target.allow_http)
            words += " and revoked the demo's access token"
        self.say(f"7. cleaned up: {words}")


def run_demo(target: DemoTarget, out: TextIO | None = None, wait: float = 20.0) -> int:
    """Run the tour against ``target``.

    A step the server cannot do (streaming, on a server without a streaming API) is reported
    and skipped; the others are still done, the clean-up included, and the last line counts the
    steps done.

    Args:
        target: Where to run (see :func:`demo_target`).
        out: Where the progress lines go (standard output by default).
        wait: Seconds to wait for the stream to come up, and again for the event.

    Returns:
        0 when every step was done, 1 when one could not be done.
    """
    tour = _Tour(target, out if out is not None else sys.stdout, wait)
    with tempfile.TemporaryDirectory(prefix="mastodon-demo-secrets-") as folder:
        api, revoke = tour.log_in(Path(folder))
        me = api.account_verify_credentials()
        tour.say(f"3. hello, @{me.acct} on {api.instance().title or target.base_url}")
        tour.seed()
        try:
            tour.post(api)
            tour.read_timeline(api)
            tour.stream(api, me)
        finally:
            # Also after a failure: leave nothing behind on a real server.
            tour.clean_up(api, revoke)
    tour.say(tour.summary())
    return 1 if tour.missed else 0


def _why_no_stream(error: MastodonAPIError | MastodonNetworkError) -> str:
    """Why the user stream could not be opened, in a few words."""
    if isinstance(error, MastodonNetworkError):
        return f"the streaming server could not be reached ({error})"
    response = error.response
    path = urlsplit(response.url).path if response is not None and response.url else "/api/v1/streaming/user"
    answer = f"{error.status_code} {error.reason or ''}".rstrip()
    if error.status_code == 404:
        return f"this server offers no streaming API ({answer} on {path})"
    said = f": {error.error}" if error.error else ""
    return f"the streaming server answered {answer} on {path}{said}"


def main(out: TextIO | None = None, wait: float = 20.0, keep_serving: bool = False) -> int:
    """Run the tour on the configured server, or on a local one started for it.

    Args:
        out: Where the progress lines go (standard output by default).
        wait: Seconds to wait for streamed events.
        keep_serving: Instead of the tour, start a local server and keep it running (see :func:`serve`).

    Returns:
        The exit code: 0 when every step worked.
    """
    stream = out if out is not None else sys.stdout

    def say(line: str) -> None:
        print(line, file=stream, flush=True)

    if keep_serving:
        return serve(say)
    with demo_target(say) as target:
        return run_demo(target, stream, wait)
