"""The route table's hand-kept half: which API areas are held to it, and the endpoints left out on purpose.

Which method calls an endpoint is read from the source by ``codegen/routes.py``; only what
cannot be read from code lives here. ``tests/contract/test_routes.py`` fails when an endpoint of
an area in ``SCOPE`` has neither a method nor an entry in ``WAIVED``, and when a waived endpoint
has a method after all. Areas join ``SCOPE`` as their methods land.
"""

#: Spec areas (``area`` in tests/data/endpoints.json) whose every endpoint needs a method or a waiver.
SCOPE = {
    "accounts",
    "admin",
    "announcements",
    "annual_reports",
    "apps",
    "async_refreshes",
    "blocks",
    "bookmarks",
    "collections",
    "conversations",
    "custom_emojis",
    "directory",
    "domain_blocks",
    "donation_campaigns",
    "emails",
    "endorsements",
    "favourites",
    "featured_tags",
    "filters",
    "follow_requests",
    "health",
    "instance",
    "lists",
    "markers",
    "media",
    "mutes",
    "notifications",
    "oauth",
    "oembed",
    "polls",
    "preferences",
    "profile",
    "push",
    "reports",
    "scheduled_statuses",
    "search",
    "statuses",
    "suggestions",
    "tags",
    "timelines",
    "trends",
}

#: Endpoints (``id`` in tests/data/endpoints.json) that no method calls, each with its reason.
WAIVED = {
    "GET /invite/{invite_code}": "The web page of an invitation link, opened in a browser; it is not an API "
    "endpoint and answers HTML.",
    "GET /api/v1/accounts/{id}/identity_proofs": "Identity proofs were removed in Mastodon 3.5; the route is kept "
    "for old clients and always answers an empty list.",
}
