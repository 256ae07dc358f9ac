"""Accounts endpoints."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase

__all__ = ["AccountsMixin"]


class AccountsMixin(MethodsBase):
    """Accounts endpoints."""
