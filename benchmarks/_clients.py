"""The two clients measured in this interpreter: this project, and plain ``requests``.

"raw" is what a program would write without a client library: one ``requests.Session``,
``json.loads`` of each body, pages followed through the ``Link`` header, the stream read with
``iter_lines``. It does less than a library (no types, no dates, no error mapping), so it is the
floor to compare against, not a competitor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import requests

from mastodon import Mastodon
from mastodon.streaming import StreamListener

__all__ = ["Ours", "Raw"]

HOME = "/api/v1/timelines/home"


class Ours:
    """This project's :class:`mastodon.Mastodon`, one client for the whole run.

    Args:
        base_url: The fake server.
        token: Its access token.
    """

    name = "ours"
    import_statement = "import mastodon"

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.api = self.construct()

    def construct(self) -> Mastodon:
        return Mastodon(access_token=self.token, api_base_url=self.base_url, mastodon_version="4.5.0")

    def read(self, status: Any) -> tuple[Any, ...]:
        return (status.id, status.account.acct, status.content, status.created_at)

    def verify(self) -> object:
        return self.api.account_verify_credentials()

    def post(self) -> object:
        return self.api.status_post("x")

    def timeline(self) -> Any:
        return self.api.timeline_home(limit=40)

    def fetch_all(self) -> Any:
        return self.api.fetch_remaining(self.api.timeline_home(limit=40))

    def iterate(self) -> Iterator[Any]:
        return self.api.pagination_iterator(self.api.timeline_home(limit=40))

    def stream(self, on_status: Callable[[Any], None]) -> None:
        class Listener(StreamListener):
            def on_update(self, status: Any) -> None:
                on_status(status)

        self.api.stream_user(Listener())


class Raw:
    """``requests.Session().get(...)`` and ``json.loads``, with the same reads by key.

    Args:
        base_url: The fake server.
        token: Its access token.
    """

    name = "raw"
    import_statement = "import requests, json"

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.session = self.construct()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def construct(self) -> requests.Session:
        return requests.Session()

    def _get(self, url: str) -> requests.Response:
        response = self.session.get(url)
        response.raise_for_status()
        return response

    def read(self, status: Any) -> tuple[Any, ...]:
        return (status["id"], status["account"]["acct"], status["content"], status["created_at"])

    def verify(self) -> object:
        return json.loads(self._get(self.base_url + "/api/v1/accounts/verify_credentials").content)

    def post(self) -> object:
        response = self.session.post(self.base_url + "/api/v1/statuses", data={"status": "x"})
        response.raise_for_status()
        return json.loads(response.content)

    def timeline(self) -> Any:
        return json.loads(self._get(self.base_url + HOME + "?limit=40").content)

    def _pages(self) -> Iterator[list[Any]]:
        url: str | None = self.base_url + HOME + "?limit=40"
        while url:
            response = self._get(url)
            page = json.loads(response.content)
            if not page:
                return
            yield page
            url = response.links.get("next", {}).get("url")

    def fetch_all(self) -> Any:
        statuses: list[Any] = []
        for page in self._pages():
            statuses.extend(page)
        return statuses

    def iterate(self) -> Iterator[Any]:
        for page in self._pages():
            yield from page

    def stream(self, on_status: Callable[[Any], None]) -> None:
        with self.session.get(self.base_url + "/api/v1/streaming/user", stream=True) as response:
            response.raise_for_status()
            event = b""
            for line in response.iter_lines(chunk_size=64 * 1024):
                if line.startswith(b"event:"):
                    event = line[6:].strip()
                elif line.startswith(b"data:") and event == b"update":
                    on_status(json.loads(line[5:]))
                elif not line:
                    event = b""
