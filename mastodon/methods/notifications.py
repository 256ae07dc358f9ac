"""Notifications: reading, clearing and dismissing them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, overload

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import id_of, page_params
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Account, Notification
from mastodon.types_base import IdType, PaginatableList
from mastodon.versions import api_version

__all__ = ["NOTIFICATION_TYPES", "NotificationsMixin"]

#: The notification types Mastodon knows (up to 4.6).
NOTIFICATION_TYPES = (
    "mention",
    "status",
    "reblog",
    "follow",
    "follow_request",
    "favourite",
    "poll",
    "update",
    "admin.sign_up",
    "admin.report",
    "severed_relationships",
    "moderation_warning",
    "quote",
    "quoted_update",
    "annual_report",
)

_Bound = Notification | IdType | datetime | None

# What "mentions only" excluded on servers that predate the ``types`` filter (before 3.5.0).
_NOT_MENTIONS_BEFORE_3_5 = ("follow", "favourite", "reblog", "poll", "follow_request")


def check_notification_types(name: str, values: Any, feature_set: str) -> list[str] | None:
    """Validate a list of notification types, returning it as a list (``None`` stays ``None``).

    Only the shape is checked: servers add types of their own, and the server decides which
    names it knows.

    Raises:
        MastodonIllegalArgumentError: ``values`` is not a list of strings.
    """
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    if isinstance(values, (bytes, bytearray)) or not isinstance(values, Iterable):
        raise MastodonIllegalArgumentError(f"{name} must be a list of notification types, not {values!r}")
    types = list(values)
    for value in types:
        if not isinstance(value, str):
            raise MastodonIllegalArgumentError(f"{name} must hold notification type names, not {value!r}")
    return types


class NotificationsMixin(MethodsBase):
    """Notifications: reading, clearing and dismissing them."""

    @overload
    def notifications(
        self,
        id: None = None,
        account_id: Account | IdType | None = None,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
        include_filtered: bool | None = None,
    ) -> PaginatableList[Notification]: ...

    @overload
    def notifications(
        self,
        id: Notification | IdType,
        account_id: Account | IdType | None = None,
        max_id: _Bound = None,
        min_id: _Bound = None,
        since_id: _Bound = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
        include_filtered: bool | None = None,
    ) -> Notification: ...

    @api_version("1.0.0", "4.6.0")
    def notifications(
        self,
        id: Notification | IdType | None = None,
        account_id: Account | IdType | None = None,
        max_id: Notification | IdType | datetime | None = None,
        min_id: Notification | IdType | datetime | None = None,
        since_id: Notification | IdType | datetime | None = None,
        limit: int | None = None,
        exclude_types: list[str] | None = None,
        types: list[str] | None = None,
        mentions_only: bool | None = None,
        supported_types: list[str] | None = None,
        include_filtered: bool | None = None,
    ) -> PaginatableList[Notification] | Notification:
        """Fetch the logged-in user's notifications, newest first, or a single one by ID.

        Notification types: ``mention``, ``status`` (a post by an account one asked to be
        notified about), ``reblog``, ``follow``, ``follow_request``, ``favourite``, ``poll``
        (a poll ended), ``update`` (a boosted post was edited), ``admin.sign_up``,
        ``admin.report``, ``severed_relationships``, ``moderation_warning``, ``quote``,
        ``quoted_update`` and ``annual_report``.

        Args:
            id: Fetch just this notification; the filters below are then not used (except
                ``supported_types``).
            account_id: Only notifications caused by this account.
            max_id: Only notifications older than this one (a notification, an ID or a ``datetime``).
            min_id: The notifications just newer than this one.
            since_id: Only notifications newer than this one, newest first.
            limit: How many to return (the server's default is 40, at most 80).
            exclude_types: Leave out these types.
            types: Only these types. Given together with ``exclude_types``, both filters apply.
            mentions_only: Only mentions; the old way of saying ``types=["mention"]``, and it
                cannot be combined with ``types`` or ``exclude_types``.
            supported_types: The types this program understands; the server may then replace
                newer types with ones from this list.
            include_filtered: Also return notifications held back by the user's notification policy.

        Returns:
            A page of notifications, or the one notification asked for.
        """
        paging = page_params(max_id, min_id, since_id, limit)
        exclude_types = check_notification_types("exclude_types", exclude_types, self.feature_set)
        types = check_notification_types("types", types, self.feature_set)
        supported_types = check_notification_types("supported_types", supported_types, self.feature_set)
        if id is not None:
            return self._call(
                "GET",
                f"/api/v1/notifications/{id_of(id)}",
                Notification,
                params={"supported_types": supported_types},
            )
        if mentions_only is not None:
            if types is not None or exclude_types is not None:
                raise MastodonIllegalArgumentError("mentions_only cannot be combined with types or exclude_types")
            if mentions_only:
                if self._version_at_least("3.5.0"):
                    types = ["mention"]
                else:
                    exclude_types = list(_NOT_MENTIONS_BEFORE_3_5)
        params: dict[str, Any] = {
            "account_id": id_of(account_id, "account_id") if account_id is not None else None,
            **paging,
            "exclude_types": exclude_types,
            "types": types,
            "supported_types": supported_types,
            "include_filtered": include_filtered,
        }
        return self._call("GET", "/api/v1/notifications", PaginatableList[Notification], params=params)

    @api_version("1.0.0", "1.0.0")
    def notifications_clear(self) -> None:
        """Delete all of the logged-in user's notifications."""
        self._call("POST", "/api/v1/notifications/clear", None)

    @api_version("1.3.0", "2.9.2")
    def notifications_dismiss(self, id: Notification | IdType) -> None:
        """Delete one notification.

        Args:
            id: The notification, or its ID.
        """
        notification_id = id_of(id)
        if self._version_at_least("2.9.2"):
            self._call("POST", f"/api/v1/notifications/{notification_id}/dismiss", None)
        else:
            self._call("POST", "/api/v1/notifications/dismiss", None, form={"id": notification_id})
