"""Mutes, blocks, follow requests and domain blocks of the logged-in user."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import id_of, page_params
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, Relationship
from mastodon.types_base import AttribAccessDict, IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["RelationshipsMixin"]

_Cursor = IdType | datetime | None


def check_domain(domain: Any) -> str:
    """The domain to send, as given; the server judges whether it is one.

    Raises:
        MastodonIllegalArgumentError: ``domain`` is not text.
    """
    if not isinstance(domain, str):
        raise MastodonIllegalArgumentError(f"domain must be a domain name, not {type(domain).__name__} {domain!r}")
    return domain


class RelationshipsMixin(MethodsBase):
    """Mutes, blocks, follow requests and domain blocks of the logged-in user."""

    @api_version("1.1.0", "2.6.0")
    def mutes(
        self,
        max_id: Account | _Cursor = None,
        min_id: Account | _Cursor = None,
        since_id: Account | _Cursor = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has muted.

        The paging IDs are the server's own cursors; use the page's pagination info.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        return self._call(
            "GET", "/api/v1/mutes", PaginatableList[Account], params=page_params(max_id, min_id, since_id, limit)
        )

    @api_version("1.0.0", "2.6.0")
    def blocks(
        self,
        max_id: Account | _Cursor = None,
        min_id: Account | _Cursor = None,
        since_id: Account | _Cursor = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts the logged-in user has blocked.

        The paging IDs are the server's own cursors; use the page's pagination info.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        return self._call(
            "GET", "/api/v1/blocks", PaginatableList[Account], params=page_params(max_id, min_id, since_id, limit)
        )

    @api_version("1.0.0", "2.6.0")
    def follow_requests(
        self,
        max_id: Account | _Cursor = None,
        min_id: Account | _Cursor = None,
        since_id: Account | _Cursor = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts waiting for the logged-in user to accept their follow request.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        return self._call(
            "GET",
            "/api/v1/follow_requests",
            PaginatableList[Account],
            params=page_params(max_id, min_id, since_id, limit),
        )

    @api_version("1.4.0", "2.6.0")
    def domain_blocks(
        self,
        max_id: _Cursor = None,
        min_id: _Cursor = None,
        since_id: _Cursor = None,
        limit: int | None = None,
    ) -> PaginatableList[str]:
        """Fetch the domains the logged-in user has blocked.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many domains to return (the server's default is 100, at most 200).

        Returns:
            A page of domain names (no scheme).
        """
        return self._call(
            "GET", "/api/v1/domain_blocks", PaginatableList[str], params=page_params(max_id, min_id, since_id, limit)
        )

    @api_version("1.0.0", "3.0.0")
    def follow_request_authorize(self, id: Account | IdType) -> Relationship:
        """Accept a follow request.

        Args:
            id: The account that asked to follow, or its ID.

        Returns:
            The relationship to that account after the change.
        """
        return self._call("POST", f"/api/v1/follow_requests/{id_of(id)}/authorize", Relationship)

    @api_version("1.0.0", "3.0.0")
    def follow_request_reject(self, id: Account | IdType) -> Relationship:
        """Turn down a follow request.

        Args:
            id: The account that asked to follow, or its ID.

        Returns:
            The relationship to that account after the change.
        """
        return self._call("POST", f"/api/v1/follow_requests/{id_of(id)}/reject", Relationship)

    @api_version("1.4.0", "1.4.0")
    def domain_block(self, domain: str) -> None:
        """Hide everything from a domain from the logged-in user, and remove followers from it.

        Args:
            domain: The domain, such as ``"example.com"`` (no ``https://``).
        """
        self._call("POST", "/api/v1/domain_blocks", None, form={"domain": check_domain(domain)})

    def domain_block_preview(self, domain: str) -> AttribAccessDict:
        """What blocking a domain would cost the logged-in user. Not in Mastodon.py.

        The endpoint is undocumented; the web app shows its answer before a domain block.

        Args:
            domain: The domain, such as ``"example.com"`` (no ``https://``).

        Returns:
            ``following_count`` and ``followers_count``: the accounts of that domain the user
            follows and is followed by, which the block would remove.
        """
        return self._call(
            "GET", "/api/v1/domain_blocks/preview", AttribAccessDict, params={"domain": check_domain(domain)}
        )

    @api_version("1.4.0", "1.4.0")
    def domain_unblock(self, domain: str) -> None:
        """Lift a domain block.

        Args:
            domain: The domain, such as ``"example.com"`` (no ``https://``).
        """
        self._call("DELETE", "/api/v1/domain_blocks", None, form={"domain": check_domain(domain)})
