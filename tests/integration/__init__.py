"""Integration tests against a live server (the local ``mastodon-mock`` or a real instance)."""
