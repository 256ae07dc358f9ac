"""Timelines endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["TimelinesMixin"]


class TimelinesMixin(MethodsBase):
    """Timelines endpoints."""
