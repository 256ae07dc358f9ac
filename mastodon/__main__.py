"""``python -m mastodon``: see :mod:`mastodon._cli`."""

from mastodon._cli import main

if __name__ == "__main__":
    raise SystemExit(main())
