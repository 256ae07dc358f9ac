"""Favourites endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["FavouritesMixin"]


class FavouritesMixin(MethodsBase):
    """Favourites endpoints."""
