"""Collections: curated, shareable lists of accounts (Mastodon 4.6)."""

from __future__ import annotations

from mastodon.methods._args import check_count, check_text, id_list, id_of
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Account,
    Collection,
    CollectionItem,
    Collections,
    CollectionWithAccounts,
    EmptyResponse,
    IdType,
    WrappedCollection,
    WrappedCollectionItem,
)
from mastodon.versions import api_version

__all__ = ["CollectionsMixin"]


class CollectionsMixin(MethodsBase):
    """Collections: curated, shareable lists of accounts (Mastodon 4.6)."""

    @api_version("4.6.0", "4.6.0")
    def collection_create(
        self,
        name: str,
        description: str | None = None,
        language: str | None = None,
        tag_name: str | None = None,
        sensitive: bool = False,
        discoverable: bool = False,
        account_ids: list[Account | IdType] | None = None,
    ) -> WrappedCollection:
        """Make a collection of accounts.

        Args:
            name: Its name.
            description: What it is about.
            language: Its language (ISO 639).
            tag_name: A hashtag it is filed under.
            sensitive: Mark it as sensitive.
            discoverable: Let others find it.
            account_ids: Accounts to put in it at once.

        Returns:
            The new collection, wrapped.
        """
        check_text("name", name, required=True)
        form = {
            "name": name,
            "description": description,
            "language": language,
            "tag_name": tag_name,
            "sensitive": sensitive,
            "discoverable": discoverable,
            "account_ids": id_list("account_ids", account_ids) if account_ids is not None else None,
        }
        return self._call("POST", "/api/v1/collections", WrappedCollection, form=form)

    @api_version("4.6.0", "4.6.0")
    def collection(self, id: Collection | IdType) -> CollectionWithAccounts:
        """Fetch a collection with its accounts.

        Args:
            id: The collection, or its ID.

        Returns:
            The collection and the accounts in it.
        """
        return self._call("GET", f"/api/v1/collections/{id_of(id)}", CollectionWithAccounts)

    @api_version("4.6.0", "4.6.0")
    def account_collections(
        self, id: Account | IdType, limit: int | None = None, offset: int | None = None
    ) -> Collections:
        """The collections an account made, paged by offset (:meth:`fetch_next` follows).

        Args:
            id: The account, or its ID.
            limit: How many to return.
            offset: Skip this many.

        Returns:
            The collections, in ``collections``.
        """
        check_count("limit", limit)
        check_count("offset", offset)
        params = {"limit": limit, "offset": offset}
        path = f"/api/v1/accounts/{id_of(id)}/collections"
        return self._call("GET", path, Collections, params=params, paginate="offset:collections")

    @api_version("4.6.0", "4.6.0")
    def account_in_collections(
        self, id: Account | IdType | None, limit: int | None = None, offset: int | None = None
    ) -> Collections:
        """The collections an account is in, paged by offset (:meth:`fetch_next` follows).

        Args:
            id: The account, or its ID.
            limit: How many to return.
            offset: Skip this many.

        Returns:
            The collections, in ``collections``.
        """
        check_count("limit", limit)
        check_count("offset", offset)
        params = {"limit": limit, "offset": offset}
        path = f"/api/v1/accounts/{id_of(id)}/in_collections"
        return self._call("GET", path, Collections, params=params, paginate="offset:collections")

    @api_version("4.6.0", "4.6.0")
    def collection_update(
        self,
        id: Collection | IdType,
        name: str | None = None,
        description: str | None = None,
        language: str | None = None,
        tag_name: str | None = None,
        sensitive: bool | None = None,
        discoverable: bool | None = None,
    ) -> WrappedCollection:
        """Change a collection; what is left out stays as it was.

        Args:
            id: The collection, or its ID.
            name: Its new name.
            description: Its new description.
            language: Its language.
            tag_name: The hashtag it is filed under.
            sensitive: Mark it as sensitive.
            discoverable: Let others find it.

        Returns:
            The collection afterwards, wrapped.
        """
        form = {
            "name": name,
            "description": description,
            "language": language,
            "tag_name": tag_name,
            "sensitive": sensitive,
            "discoverable": discoverable,
        }
        return self._call("PATCH", f"/api/v1/collections/{id_of(id)}", WrappedCollection, form=form)

    @api_version("4.6.0", "4.6.0")
    def collection_delete(self, id: Collection | IdType) -> EmptyResponse:
        """Delete a collection.

        Args:
            id: The collection, or its ID.

        Returns:
            An empty result.
        """
        return self._call("DELETE", f"/api/v1/collections/{id_of(id)}", EmptyResponse)

    @api_version("4.6.0", "4.6.0")
    def collection_item_add(self, id: Collection | IdType, account_id: Account | IdType) -> WrappedCollectionItem:
        """Put an account in a collection.

        Args:
            id: The collection, or its ID.
            account_id: The account, or its ID.

        Returns:
            The new item, wrapped.
        """
        form = {"account_id": id_of(account_id, "account_id")}
        return self._call("POST", f"/api/v1/collections/{id_of(id)}/items", WrappedCollectionItem, form=form)

    @api_version("4.6.0", "4.6.0")
    def collection_item_delete(
        self, collection_id: Collection | IdType, item_id: CollectionItem | IdType
    ) -> EmptyResponse:
        """Take an item (an account) out of a collection.

        Args:
            collection_id: The collection, or its ID.
            item_id: The item, or its ID.

        Returns:
            An empty result.
        """
        path = f"/api/v1/collections/{id_of(collection_id, 'collection_id')}/items/{id_of(item_id, 'item_id')}"
        return self._call("DELETE", path, EmptyResponse)

    @api_version("4.6.0", "4.6.0")
    def collection_item_revoke(
        self, collection_id: Collection | IdType, item_id: CollectionItem | IdType
    ) -> EmptyResponse:
        """Take oneself out of someone else's collection.

        Args:
            collection_id: The collection, or its ID.
            item_id: The item that holds the user, or its ID.

        Returns:
            An empty result.
        """
        path = f"/api/v1/collections/{id_of(collection_id, 'collection_id')}/items/{id_of(item_id, 'item_id')}/revoke"
        return self._call("POST", path, EmptyResponse)
