"""Notifications: reading, clearing and dismissing them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, overload

from mastodon.errors import MastodonAPIError, MastodonIllegalArgumentError
from mastodon.methods._args import check_count, check_text, id_list, id_of, page_params, page_params_as_sent
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    Account,
    GroupedNotificationsResults,
    Notification,
    NotificationPolicy,
    NotificationRequest,
    UnreadNotificationsCount,
)
from mastodon.types_base import AttribAccessDict, IdType, NonPaginatableList, PaginatableList
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

    # -- counts and the filtering policy ----------------------------------------------------------

    @api_version("4.3.0", "4.3.0")
    def notifications_unread_count(self) -> UnreadNotificationsCount:
        """How many notifications the user has not read (after the notifications marker).

        Returns:
            The count, in ``count``.
        """
        return self._call("GET", "/api/v1/notifications/unread_count", UnreadNotificationsCount)

    @api_version("4.3.0", "4.3.0")
    def notifications_policy(self) -> NotificationPolicy:
        """Which notifications the server filters for the user, and a summary of what it held back.

        Returns:
            The policy.
        """
        return self._call("GET", "/api/v2/notifications/policy", NotificationPolicy)

    @api_version("4.3.0", "4.3.0")
    def update_notifications_policy(
        self,
        for_not_following: str | None = None,
        for_not_followers: str | None = None,
        for_new_accounts: str | None = None,
        for_private_mentions: str | None = None,
        for_limited_accounts: str | None = None,
    ) -> NotificationPolicy:
        """Change which notifications the server filters; what is left out stays as it was.

        Each setting is ``"accept"`` (notify), ``"filter"`` (hold back as a notification request)
        or ``"drop"`` (discard).

        Args:
            for_not_following: Notifications from accounts the user does not follow.
            for_not_followers: ... from accounts that do not follow the user.
            for_new_accounts: ... from accounts created in the last 30 days.
            for_private_mentions: Private mentions the user did not start or reply to.
            for_limited_accounts: ... from accounts moderators have limited.

        Returns:
            The policy afterwards.
        """
        form = _policy_form(
            for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts
        )
        return self._call("PATCH", "/api/v2/notifications/policy", NotificationPolicy, form=form)

    # -- notification requests (what the policy held back) ---------------------------------------

    @api_version("4.3.0", "4.3.0")
    def notification_requests(
        self,
        max_id: NotificationRequest | IdType | datetime | None = None,
        since_id: NotificationRequest | IdType | datetime | None = None,
        min_id: NotificationRequest | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[NotificationRequest]:
        """The accounts whose notifications the policy held back, one request per account.

        Args:
            max_id: Page cursor: results before this one.
            since_id: Page cursor: results after this one.
            min_id: Page cursor: results just after this one.
            limit: How many to return (the server's default is 40, at most 80).

        Returns:
            A page of notification requests.
        """
        paging = page_params_as_sent(max_id, min_id, since_id, limit)
        params = {
            "max_id": paging["max_id"],
            "since_id": paging["since_id"],
            "min_id": paging["min_id"],
            "limit": limit,
        }
        return self._call("GET", "/api/v1/notifications/requests", PaginatableList[NotificationRequest], params=params)

    @api_version("4.3.0", "4.3.0")
    def notification_request(self, id: NotificationRequest | IdType) -> NotificationRequest:
        """Fetch one notification request.

        Args:
            id: The request, or its ID.

        Returns:
            The request: its account, how many notifications it holds, the last status.
        """
        return self._call("GET", f"/api/v1/notifications/requests/{id_of(id)}", NotificationRequest)

    @api_version("4.3.0", "4.3.0")
    def accept_notification_request(self, id: NotificationRequest | IdType) -> None:
        """Let an account's held-back notifications through, now and from now on.

        Args:
            id: The request, or its ID.
        """
        self._call("POST", f"/api/v1/notifications/requests/{id_of(id)}/accept", None)

    @api_version("4.3.0", "4.3.0")
    def dismiss_notification_request(self, id: NotificationRequest | IdType) -> None:
        """Discard an account's held-back notifications.

        Args:
            id: The request, or its ID.
        """
        self._call("POST", f"/api/v1/notifications/requests/{id_of(id)}/dismiss", None)

    @api_version("4.3.0", "4.3.0")
    def accept_multiple_notification_requests(self, ids: list[NotificationRequest | IdType]) -> None:
        """Accept several notification requests at once.

        Args:
            ids: The requests, or their IDs.
        """
        self._call("POST", "/api/v1/notifications/requests/accept", None, form={"id[]": id_list("ids", ids)})

    @api_version("4.3.0", "4.3.0")
    def dismiss_multiple_notification_requests(self, ids: list[NotificationRequest | IdType]) -> None:
        """Dismiss several notification requests at once.

        Args:
            ids: The requests, or their IDs.
        """
        self._call("POST", "/api/v1/notifications/requests/dismiss", None, form={"id[]": id_list("ids", ids)})

    @api_version("4.3.0", "4.3.0")
    def notifications_merged(self) -> bool:
        """Whether notifications of accepted requests have been merged into the user's notifications.

        Accepting a request merges its notifications in the background; until this is true,
        some may still be missing from :meth:`notifications`.

        Returns:
            ``True`` once merging is done.
        """
        answer = self._call("GET", "/api/v1/notifications/requests/merged", AttribAccessDict)
        return answer.get("merged") is True

    # -- grouped notifications (v2) --------------------------------------------------------------

    @api_version("4.3.0", "4.6.0")
    def grouped_notifications(
        self,
        max_id: Notification | IdType | datetime | None = None,
        since_id: Notification | IdType | datetime | None = None,
        min_id: Notification | IdType | datetime | None = None,
        limit: int | None = None,
        types: list[str] | None = None,
        exclude_types: list[str] | None = None,
        account_id: Account | IdType | None = None,
        expand_accounts: str = "partial_avatars",
        grouped_types: list[str] | None = None,
        include_filtered: bool | None = None,
        supported_types: list[str] | None = None,
    ) -> GroupedNotificationsResults:
        """The user's notifications, similar ones grouped (five favourites of a post are one group).

        The result is one object holding the groups (``notification_groups``) and the accounts
        and statuses they refer to; it pages all the same: :meth:`fetch_next`,
        :meth:`fetch_previous`, :meth:`pagination_page_iterator` take it whole, and
        :meth:`pagination_iterator` yields its groups.

        Args:
            max_id: Page cursor: groups before this one.
            since_id: Page cursor: groups after this one.
            min_id: Page cursor: groups just after this one.
            limit: How many groups to return (the server's default is 40, at most 80).
            types: Only these notification types.
            exclude_types: Not these types.
            account_id: Only notifications caused by this account.
            expand_accounts: ``"partial_avatars"`` (the default: full accounts only for the
                latest in a group, the others in short) or ``"full"``.
            grouped_types: Which types may be grouped (by default those the server groups).
            include_filtered: Also notifications the user's filters would hide.
            supported_types: Types the client knows beyond the ones the server assumes.

        Returns:
            The grouped notifications.
        """
        paging = page_params_as_sent(max_id, min_id, since_id, limit)
        params: dict[str, Any] = {
            "max_id": paging["max_id"],
            "since_id": paging["since_id"],
            "min_id": paging["min_id"],
            "limit": limit,
            "account_id": id_of(account_id, "account_id") if account_id is not None else None,
            "expand_accounts": expand_accounts,
            "include_filtered": include_filtered,
            "types": check_notification_types("types", types, self.feature_set),
            "exclude_types": check_notification_types("exclude_types", exclude_types, self.feature_set),
            "grouped_types": check_notification_types("grouped_types", grouped_types, self.feature_set),
            "supported_types": check_notification_types("supported_types", supported_types, self.feature_set),
        }
        return self._call("GET", "/api/v2/notifications", GroupedNotificationsResults, params=params, paginate="force")

    @api_version("4.3.0", "4.6.0")
    def grouped_notification(
        self, group_key: str, supported_types: list[str] | None = None
    ) -> GroupedNotificationsResults:
        """Fetch one notification group, with the accounts and statuses it refers to.

        Args:
            group_key: The group's ``group_key``.
            supported_types: Types the client knows beyond the ones the server assumes.

        Returns:
            The group, as a result holding one group.
        """
        params = {"supported_types": check_notification_types("supported_types", supported_types, self.feature_set)}
        return self._call(
            "GET", f"/api/v2/notifications/{_group_key(group_key)}", GroupedNotificationsResults, params=params
        )

    @api_version("4.3.0", "4.3.0")
    def dismiss_grouped_notification(self, group_key: str) -> None:
        """Dismiss every notification of a group.

        Args:
            group_key: The group's ``group_key``.
        """
        self._call("POST", f"/api/v2/notifications/{_group_key(group_key)}/dismiss", None)

    @api_version("4.3.0", "4.3.0")
    def grouped_notification_accounts(self, group_key: str) -> NonPaginatableList[Account]:
        """Every account behind a notification group (a group holds only the latest few).

        Args:
            group_key: The group's ``group_key``.

        Returns:
            The accounts.
        """
        return self._call("GET", f"/api/v2/notifications/{_group_key(group_key)}/accounts", NonPaginatableList[Account])

    @api_version("4.3.0", "4.3.0")
    def unread_grouped_notifications_count(
        self,
        limit: int | None = None,
        types: list[str] | None = None,
        exclude_types: list[str] | None = None,
        account_id: Account | IdType | None = None,
        grouped_types: list[str] | None = None,
    ) -> int:
        """How many notification groups the user has not read.

        Args:
            limit: Count up to this many (the server's default is 100, at most 1000).
            types: Only these notification types.
            exclude_types: Not these types.
            account_id: Only notifications caused by this account.
            grouped_types: Which types may be grouped.

        Returns:
            The count.
        """
        check_count("limit", limit)
        params: dict[str, Any] = {
            "limit": limit,
            "account_id": id_of(account_id, "account_id") if account_id is not None else None,
            "types": check_notification_types("types", types, self.feature_set),
            "exclude_types": check_notification_types("exclude_types", exclude_types, self.feature_set),
            "grouped_types": check_notification_types("grouped_types", grouped_types, self.feature_set),
        }
        answer = self._call("GET", "/api/v2/notifications/unread_count", AttribAccessDict, params=params)
        count = answer.get("count")
        if not isinstance(count, int) or isinstance(count, bool):
            raise MastodonAPIError.build(None, None, f"the server sent no unread count: {dict(answer)!r}")
        return count

    # -- beyond Mastodon.py -----------------------------------------------------------------------

    def notifications_policy_v1(self) -> NotificationPolicy:
        """The notification policy in its first form (Mastodon 4.2's). Not in Mastodon.py.

        Servers from 4.3 on answer :meth:`notifications_policy` with more settings; this
        endpoint is kept for older clients and undocumented.

        Returns:
            The policy (``filter_not_following`` and the like, ``True``/``False``).
        """
        return self._call("GET", "/api/v1/notifications/policy", NotificationPolicy)

    def update_notifications_policy_v1(
        self,
        filter_not_following: bool | None = None,
        filter_not_followers: bool | None = None,
        filter_new_accounts: bool | None = None,
        filter_private_mentions: bool | None = None,
    ) -> NotificationPolicy:
        """Change the notification policy in its first form (Mastodon 4.2's). Not in Mastodon.py.

        Args:
            filter_not_following: Hold back notifications from accounts the user does not follow.
            filter_not_followers: ... from accounts that do not follow the user.
            filter_new_accounts: ... from accounts created in the last 30 days.
            filter_private_mentions: ... private mentions the user did not start.

        Returns:
            The policy afterwards.
        """
        form = {
            "filter_not_following": filter_not_following,
            "filter_not_followers": filter_not_followers,
            "filter_new_accounts": filter_new_accounts,
            "filter_private_mentions": filter_private_mentions,
        }
        return self._call("PATCH", "/api/v1/notifications/policy", NotificationPolicy, form=form)

    def clear_grouped_notifications(self) -> None:
        """Clear all of the user's notifications through the grouped API. Not in Mastodon.py.

        The same as :meth:`notifications_clear`, at the v2 address; undocumented.
        """
        self._call("POST", "/api/v2/notifications/clear", None)


def _group_key(value: Any) -> str:
    """A notification group key, safe in a path."""
    if not isinstance(value, str) or not value or any(char in value for char in "/?#") or value != value.strip():
        raise MastodonIllegalArgumentError(f"group_key must be a notification group's key, not {value!r}")
    return value


def _policy_form(*settings: Any) -> dict[str, Any]:
    names = (
        "for_not_following",
        "for_not_followers",
        "for_new_accounts",
        "for_private_mentions",
        "for_limited_accounts",
    )
    for name, value in zip(names, settings, strict=True):
        check_text(name, value)
    return dict(zip(names, settings, strict=True))
