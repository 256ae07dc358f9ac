"""Reports endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["ReportsMixin"]


class ReportsMixin(MethodsBase):
    """Reports endpoints."""
