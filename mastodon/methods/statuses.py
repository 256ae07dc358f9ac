"""Statuses endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["StatusesMixin"]


class StatusesMixin(MethodsBase):
    """Statuses endpoints."""
