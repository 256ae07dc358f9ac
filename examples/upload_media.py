"""Upload an image with a description and a focal point, then post it.

::

    MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=... \\
        python examples/upload_media.py photo.jpg --description "A heron on one leg" --focus 0.2,0.4

The description is what screen readers say: always write one. The focal point ``x,y`` (each from
-1 to 1; 0,0 is the centre, 1,1 the top right) is the spot that stays visible when a preview
crops the image. With neither variable set it runs on a local throwaway server
(``pip install 'mastodon[demo]'``), and uploads a built-in one-pixel image if no file is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mastodon import Mastodon
from mastodon._demo import PIXEL_PNG, demo_target
from mastodon.errors import MastodonError


def focus_point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"a focal point is x,y such as 0.2,-0.5, not {text!r}") from None
    return x, y


def upload_and_post(api: Mastodon, image: Path | bytes, description: str, focus: tuple[float, float], text: str) -> Any:
    # A path is read and its type guessed from the name; raw bytes need mime_type.
    mime_type = "image/png" if isinstance(image, bytes) else None
    # Servers process uploads in the background; synchronous=True waits until the media is
    # ready (its url is set), since a status cannot use it before that.
    media = api.media_post(image, mime_type=mime_type, description=description, focus=focus, synchronous=True)
    point = (media.meta or {}).get("focus") or {}
    where = f"({point.get('x')}, {point.get('y')})" if point else "not kept by the server"
    print(f"uploaded media {media.id}: {media.type}, described as {media.description!r}, focus {where}")
    status = api.status_post(text, media_ids=[media], visibility="unlisted")
    print(f"posted {status.get('url') or status['id']}")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Upload an image with a description and a focal point.")
    parser.add_argument("image", nargs="?", type=Path, help="the image file (on the local server: optional)")
    parser.add_argument("--description", default="", help="alt text for people who cannot see the image")
    parser.add_argument("--focus", type=focus_point, default=(0.0, 0.0), metavar="X,Y", help="the focal point")
    parser.add_argument("--text", default="A picture, described.", help="the text of the post")
    args = parser.parse_args(argv)

    with demo_target() as target:
        api = target.user_client()
        if api is None:
            print("set MASTODON_ACCESS_TOKEN too", file=sys.stderr)
            return 2
        image: Path | bytes | None = args.image
        description = args.description
        if image is None:
            if target.server is None:
                parser.error("name an image file")
            image, description = PIXEL_PNG, description or "A single white pixel on nothing at all"
        if not description:
            parser.error("--description is required: people using screen readers depend on it")
        upload_and_post(api, image, description, args.focus, args.text)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except MastodonError as error:
        sys.exit(f"upload_media: {error}")
