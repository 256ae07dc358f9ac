"""Answer mentions as they arrive on the streaming API.

Against your own account (it needs the ``read:notifications``, ``read:statuses`` and
``write:statuses`` scopes; stop it with Ctrl-C)::

    MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=... \\
        python examples/notification_responder.py

With neither variable set it runs on a local throwaway server (``pip install 'mastodon[demo]'``):
another account mentions ours, the responder answers once, and the example ends.
"""

from __future__ import annotations

import argparse
import queue
import sys
import threading
from typing import Any

from mastodon import Mastodon, StreamListener
from mastodon._demo import demo_target
from mastodon.errors import MastodonError


class MentionQueue(StreamListener):
    """Hands mentions from the stream's thread to the main thread.

    The listener runs in the stream's background thread; answering there would hold up the
    stream, so it only queues the work.
    """

    def __init__(self) -> None:
        self.mentions: queue.Queue[Any] = queue.Queue()
        self.live = threading.Event()

    def handle_heartbeat(self) -> None:
        self.live.set()

    def on_notification(self, notification: Any) -> None:
        if notification.type == "mention" and notification.status is not None:
            self.mentions.put(notification)


def answer(api: Mastodon, notification: Any) -> Any:
    """Reply to one mention, in the same visibility, and clear the notification."""
    status = notification.status
    # Never widen the audience: a private mention gets a private answer.
    visibility = status.visibility if status.visibility in ("private", "direct") else "unlisted"
    reply = api.status_post(
        f"@{status.account.acct} thanks for the mention! (an automatic answer)",
        in_reply_to_id=status,
        visibility=visibility,
    )
    api.notifications_dismiss(notification)
    return reply


def respond(api: Mastodon, listener: MentionQueue, max_replies: int | None, idle_timeout: float | None) -> int:
    """Answer mentions until ``max_replies`` were sent or none came for ``idle_timeout`` seconds."""
    replies = 0
    while max_replies is None or replies < max_replies:
        try:
            notification = listener.mentions.get(timeout=idle_timeout)
        except queue.Empty:
            print(f"no mention for {idle_timeout:g} s; stopping")
            break
        reply = answer(api, notification)
        replies += 1
        print(f"answered @{notification.account.acct}: {reply.get('url') or reply['id']}")
    return replies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Answer mentions as they arrive.")
    parser.add_argument("--max-replies", type=int, help="stop after this many answers")
    parser.add_argument("--idle-timeout", type=float, help="stop after this many seconds without a mention")
    args = parser.parse_args(argv)

    with demo_target() as target:
        api = target.user_client()
        if api is None:
            print("set MASTODON_ACCESS_TOKEN too", file=sys.stderr)
            return 2
        listener = MentionQueue()
        # reconnect_async: a dropped connection is opened again, so the responder keeps going.
        handle = api.stream_user(listener, run_async=True, reconnect_async=True)
        try:
            if not listener.live.wait(30):
                print("the stream did not come up within 30 s", file=sys.stderr)
                return 1
            me = api.me()
            print(f"listening for mentions of @{me.acct}")
            max_replies, idle = args.max_replies, args.idle_timeout
            if target.server is not None:
                # On the local server, someone else writes to us; then one answer is enough.
                target.server.client("bob").status_post(f"@{me.acct} are you there?", visibility="unlisted")
                max_replies, idle = max_replies or 1, idle or 30.0
            respond(api, listener, max_replies, idle)
        finally:
            if handle is not None:
                handle.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except MastodonError as error:
        sys.exit(f"notification_responder: {error}")
