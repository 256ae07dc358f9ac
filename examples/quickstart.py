"""The whole flow in one script: register an app, log in, post with an image, read the timeline,
receive a streamed notification, clean up. The same as ``python -m mastodon demo``.

Against your own account::

    MASTODON_API_BASE_URL=https://mastodon.example MASTODON_ACCESS_TOKEN=... python examples/quickstart.py

With neither variable set it starts a local throwaway server (``pip install 'mastodon[demo]'``)
and runs there, logging in through the server's authorisation page as the user would.
The steps are in ``mastodon/_demo.py``.
"""

import sys

from mastodon._demo import main

if __name__ == "__main__":
    sys.exit(main())
