"""Search endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["SearchMixin"]


class SearchMixin(MethodsBase):
    """Search endpoints."""
