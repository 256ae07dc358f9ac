"""Run a throwaway local Mastodon server (the ``mastodon-mock`` package) for the examples.

Installed by the ``demo`` extra: ``pip install -e '.[demo]'``. The server keeps everything in
memory, listens on 127.0.0.1 only, and is stopped when the ``with`` block ends.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

DEMO_USERS = {"alice": "demo-alice-token", "bob": "demo-bob-token"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def local_server(startup_timeout: float = 60.0) -> Iterator[str]:
    """Start the server, yield its base URL, stop it afterwards."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="mastodon-demo-") as folder:
        config = Path(folder) / "server.toml"
        lines = ["[server]", 'host = "127.0.0.1"', f"port = {port}", "", "[streaming]", "heartbeat_seconds = 1"]
        for name, token in DEMO_USERS.items():
            lines += ["", "[[seed.accounts]]", f'username = "{name}"', f'access_token = "{token}"']
        config.write_text("\n".join(lines) + "\n")
        process = subprocess.Popen(
            [sys.executable, "-m", "mastodon_mock", "serve", "--in-memory", "--config", str(config)],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + startup_timeout
            while True:
                if process.poll() is not None:
                    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
                    raise RuntimeError(f"the local server did not start:\n{error[-2000:]}")
                with contextlib.suppress(requests.RequestException):
                    if requests.get(base_url + "/health", timeout=2).status_code == 200:
                        break
                if time.monotonic() > deadline:
                    raise RuntimeError("the local server did not become ready in time")
                time.sleep(0.2)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr:
                process.stderr.close()


class _AuthorizePage(HTMLParser):
    """Reads the local server's account picker: the form, its hidden fields and account buttons."""

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
    """Do what the user does on the local server's authorisation page: pick an account.

    Returns:
        The authorisation code the server hands out.
    """
    with requests.Session() as browser:
        page = browser.get(authorize_url, timeout=10)
        page.raise_for_status()
        form = _AuthorizePage()
        form.feed(page.text)
        if username not in form.accounts:
            raise RuntimeError(f"the authorisation page does not offer {username!r}")
        data = {**form.fields, "username": username}
        target = urljoin(page.url, form.action)
        send = browser.post if form.method == "post" else browser.get
        answer = send(
            target, **({"data": data} if form.method == "post" else {"params": data}), timeout=10, allow_redirects=False
        )
        if answer.is_redirect:
            return parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
        answer.raise_for_status()
        shown = _AuthorizePage()
        shown.feed(answer.text)
        words = "".join(shown.text).split()
        for index, word in enumerate(words[:-1]):
            if word.rstrip(":").lower() == "code":
                return words[index + 1]
        raise RuntimeError("the server showed no authorisation code")
