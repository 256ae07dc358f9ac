"""Notifications endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["NotificationsMixin"]


class NotificationsMixin(MethodsBase):
    """Notifications endpoints."""
