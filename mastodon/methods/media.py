"""Media endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["MediaMixin"]


class MediaMixin(MethodsBase):
    """Media endpoints."""
