"""Streaming endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["StreamingMixin"]


class StreamingMixin(MethodsBase):
    """Streaming endpoints."""
