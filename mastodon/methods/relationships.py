"""Relationships endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["RelationshipsMixin"]


class RelationshipsMixin(MethodsBase):
    """Relationships endpoints."""
