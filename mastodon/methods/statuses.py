"""Statuses: reading single statuses and their surroundings, posting, boosting, favouriting."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, overload

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_choice, check_text, id_list, id_of
from mastodon.methods._base import MethodsBase
from mastodon.methods._limits import check_status
from mastodon.return_types import (
    Account,
    Context,
    MediaAttachment,
    Poll,
    PreviewCard,
    ScheduledStatus,
    Status,
    StatusSource,
)
from mastodon.types_base import IdType, NonPaginatableList, try_cast_recurse
from mastodon.versions import api_version

__all__ = ["StatusesMixin"]

#: Visibilities a status can be posted with.
VISIBILITIES = ("public", "unlisted", "private", "direct")
#: Visibilities a boost can have (a boost cannot be direct).
REBLOG_VISIBILITIES = ("public", "unlisted", "private", "direct")
#: Who may quote a status.
QUOTE_APPROVAL_POLICIES = ("public", "followers", "nobody")
#: Content types Pleroma-family servers accept for a status.
PLEROMA_CONTENT_TYPES = ("text/plain", "text/html", "text/markdown", "text/bbcode")


def _visibility(value: Any, allowed: tuple[str, ...], name: str = "visibility") -> str | None:
    """The visibility to send, in lower case; ``None`` (and the old default ``''``) send none."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MastodonIllegalArgumentError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    lowered = value.lower()
    check_choice(name, lowered, allowed)
    return lowered


def _scheduled_at(value: Any) -> str | None:
    """``scheduled_at`` as ISO 8601 in UTC.

    A naive ``datetime`` is read as local time, as Python's ``astimezone`` does. A time in the
    past is sent as it is: the server knows its own clock and gives the precise error.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if isinstance(value, str):
        # An ISO 8601 string is passed on as written, once it is known to be one.
        try:
            datetime.fromisoformat(value.strip())
        except ValueError:
            raise MastodonIllegalArgumentError(
                f"scheduled_at must be a datetime or an ISO 8601 time, not {value!r}"
            ) from None
        return value.strip()
    raise MastodonIllegalArgumentError(f"scheduled_at must be a datetime, not {type(value).__name__}")


def _poll_fields(poll: Any) -> dict[str, Any]:
    """The ``poll`` hash of a status post; only what cannot be sent is refused, the server judges the rest."""
    if not isinstance(poll, Mapping):
        raise MastodonIllegalArgumentError(
            f"poll must be a poll made with make_poll() or a dict, not {type(poll).__name__}"
        )
    options = poll.get("options")
    if isinstance(options, str) or not isinstance(options, (list, tuple)):
        raise MastodonIllegalArgumentError("poll options must be a list of strings")
    if not all(isinstance(option, str) for option in options):
        raise MastodonIllegalArgumentError("poll options must be strings")
    expires_in = poll.get("expires_in")
    if expires_in is not None and (isinstance(expires_in, bool) or not isinstance(expires_in, (int, float))):
        raise MastodonIllegalArgumentError(f"poll expires_in must be a number of seconds, not {expires_in!r}")
    return {
        "options": list(options),
        "expires_in": int(expires_in) if expires_in is not None else None,
        "multiple": bool(poll.get("multiple", False)),
        "hide_totals": bool(poll.get("hide_totals", False)),
    }


def _media_id_list(media_ids: Any) -> list[str] | None:
    if media_ids is None:
        return None
    try:
        ids = id_list("media_ids", media_ids)
    except MastodonIllegalArgumentError as exc:
        raise MastodonIllegalArgumentError(f"media_ids must hold media attachments or their IDs: {exc}") from exc
    return ids or None


def _given_id(value: Any) -> Any:
    """An ID for a JSON body, as the caller gave it (a number stays a number); entities give theirs."""
    return value.get("id") if isinstance(value, Mapping) else value


def _idempotency_headers(idempotency_key: Any, retries: int = 0) -> dict[str, str] | None:
    """The headers of one status post.

    This is the one place where a post's Idempotency-Key is settled. A key must be fixed once per
    call, before the first attempt, and reused by every repeat of that attempt, or a repeated
    request could post the status twice. When the client may retry and the caller gave no key,
    one is made here, so that a retry after a lost answer cannot post the status twice.
    """
    if idempotency_key is None:
        return {"Idempotency-Key": uuid.uuid4().hex} if retries > 0 else None
    usable = isinstance(idempotency_key, str) and idempotency_key.strip()
    if not usable or any(c in idempotency_key for c in "\r\n\0"):
        raise MastodonIllegalArgumentError(
            f"idempotency_key must be a non-empty single-line string, not {idempotency_key!r}"
        )
    return {"Idempotency-Key": idempotency_key}


class StatusesMixin(MethodsBase):
    """Reading, posting and interacting with statuses."""

    # -- reading ------------------------------------------------------------------------------

    @api_version("1.0.0", "2.0.0")
    def status(self, id: Status | IdType) -> Status:
        """Fetch one status.

        Public statuses can be read without logging in.

        Args:
            id: The status, or its ID.

        Returns:
            The status.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}", Status)

    @api_version("1.0.0", "3.0.0")
    def status_card(self, id: Status | IdType) -> PreviewCard:
        """Fetch the preview card of a status (the summary of a link it contains).

        Mastodon 3.0 removed the endpoint for this and put the card on the status itself; on
        such servers the status is fetched and its ``card`` returned.

        Args:
            id: The status, or its ID.

        Returns:
            The preview card, or ``None`` when the status has none.
        """
        if self._version_at_least("3.0.0"):
            # A status without a link has a null card, which stays None.
            status = self._call("GET", f"/api/v1/statuses/{id_of(id)}", Status)
            inline: PreviewCard = try_cast_recurse(PreviewCard, status.get("card"))
            return inline
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/card", PreviewCard)

    @api_version("1.0.0", "1.0.0")
    def status_context(self, id: Status | IdType) -> Context:
        """Fetch the conversation around a status: the posts it replies to and the replies to it.

        Args:
            id: The status, or its ID.

        Returns:
            A context with ``ancestors`` and ``descendants``, both lists of statuses.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/context", Context)

    @api_version("1.0.0", "2.1.0")
    def status_reblogged_by(self, id: Status | IdType) -> NonPaginatableList[Account]:
        """Fetch the accounts that boosted a status.

        Args:
            id: The status, or its ID.

        Returns:
            The accounts. A private status boosted by its own author does not list the author.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/reblogged_by", NonPaginatableList[Account])

    @api_version("1.0.0", "2.1.0")
    def status_favourited_by(self, id: Status | IdType) -> NonPaginatableList[Account]:
        """Fetch the accounts that favourited a status.

        Args:
            id: The status, or its ID.

        Returns:
            The accounts.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/favourited_by", NonPaginatableList[Account])

    @api_version("3.5.0", "3.5.0")
    def status_source(self, id: Status | IdType) -> StatusSource:
        """Fetch a status as its author wrote it, to edit it with.

        Args:
            id: The status, or its ID.

        Returns:
            The plain ``text`` and ``spoiler_text`` of the status, before formatting.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/source", StatusSource)

    # -- posting ------------------------------------------------------------------------------

    def _status_fields(
        self,
        status: Any,
        *,
        in_reply_to_id: Any = None,
        media_ids: Any = None,
        sensitive: Any = False,
        visibility: Any = None,
        spoiler_text: Any = None,
        language: Any = None,
        content_type: Any = None,
        scheduled_at: Any = None,
        poll: Any = None,
        quote_id: Any = None,
        strict_content_type: bool = False,
        quoted_status_id: Any = None,
        quote_approval_policy: Any = None,
        media_attributes: Any = None,
    ) -> tuple[dict[str, Any], bool]:
        """Check the parts of a status and give its fields, and whether they go as JSON.

        JSON is used when a poll or media attributes are attached (nested data that a form
        cannot carry cleanly), a form otherwise.
        """
        if status is not None and not isinstance(status, str):
            raise MastodonIllegalArgumentError(f"status must be text, not {type(status).__name__}")
        for name, value in (("spoiler_text", spoiler_text), ("language", language), ("content_type", content_type)):
            check_text(name, value)
        ids = _media_id_list(media_ids)
        poll_fields = _poll_fields(poll) if poll is not None else None
        if quote_id is not None:
            if self.feature_set != "fedibird":
                raise MastodonIllegalArgumentError(
                    "quote_id needs the 'fedibird' feature set; on Mastodon 4.5+ use quoted_status_id"
                )
            quote_id = id_of(quote_id, "quote_id")
        if content_type is not None and strict_content_type:
            if self.feature_set != "pleroma":
                raise MastodonIllegalArgumentError("content_type needs the 'pleroma' feature set")
            check_choice("content_type", content_type, PLEROMA_CONTENT_TYPES)
        check_choice("quote_approval_policy", quote_approval_policy, QUOTE_APPROVAL_POLICIES)
        if media_attributes is not None:
            if isinstance(media_attributes, Mapping):
                media_attributes = [media_attributes]
            attribute_ids = id_list("media_attributes id", media_attributes)
            # The server only applies attributes to media that the status keeps.
            ids = list(dict.fromkeys([*(ids or []), *attribute_ids])) or None
        fields: dict[str, Any] = {
            "status": status,
            "in_reply_to_id": id_of(in_reply_to_id, "in_reply_to_id") if in_reply_to_id is not None else None,
            "media_ids": ids,
            "sensitive": sensitive,
            "visibility": _visibility(visibility, VISIBILITIES),
            "spoiler_text": spoiler_text,
            "language": language,
            "content_type": content_type,
            "scheduled_at": _scheduled_at(scheduled_at),
            "poll": poll_fields,
            "quote_id": quote_id,
            "quoted_status_id": id_of(quoted_status_id, "quoted_status_id") if quoted_status_id is not None else None,
            "quote_approval_policy": quote_approval_policy,
            "media_attributes": list(media_attributes) if media_attributes is not None else None,
        }
        as_json = poll_fields is not None or media_attributes is not None
        if as_json:
            # A JSON body carries the flag as text, the same as a form does, and IDs as given.
            if isinstance(sensitive, bool):
                fields["sensitive"] = "1" if sensitive else "0"
            for key, given in (("in_reply_to_id", in_reply_to_id), ("quoted_status_id", quoted_status_id)):
                if fields[key] is not None:
                    fields[key] = _given_id(given)
            if fields["media_ids"] is not None and media_attributes is None:
                given_ids = media_ids if isinstance(media_ids, (list, tuple)) else [media_ids]
                fields["media_ids"] = [_given_id(value) for value in given_ids]
        return fields, as_json

    # The result's class follows from scheduled_at, so callers need not narrow a union.
    @overload
    def status_post(
        self,
        status: str,
        in_reply_to_id: Status | IdType | None = None,
        media_ids: list[MediaAttachment | IdType] | MediaAttachment | IdType | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: None = None,
        poll: Poll | dict[str, Any] | None = None,
        quote_id: Status | IdType | None = None,
        strict_content_type: bool = False,
        quoted_status_id: Status | IdType | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status: ...

    @overload
    def status_post(
        self,
        status: str,
        in_reply_to_id: Status | IdType | None = None,
        media_ids: list[MediaAttachment | IdType] | MediaAttachment | IdType | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        *,
        scheduled_at: datetime,
        poll: Poll | dict[str, Any] | None = None,
        quote_id: Status | IdType | None = None,
        strict_content_type: bool = False,
        quoted_status_id: Status | IdType | None = None,
        quote_approval_policy: str | None = None,
    ) -> ScheduledStatus: ...

    @overload
    def status_post(
        self,
        status: str,
        in_reply_to_id: Status | IdType | None = None,
        media_ids: list[MediaAttachment | IdType] | MediaAttachment | IdType | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: Poll | dict[str, Any] | None = None,
        quote_id: Status | IdType | None = None,
        strict_content_type: bool = False,
        quoted_status_id: Status | IdType | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus: ...

    @api_version("1.0.0", "4.6.0")
    def status_post(
        self,
        status: str,
        in_reply_to_id: Status | IdType | None = None,
        media_ids: list[MediaAttachment | IdType] | MediaAttachment | IdType | None = None,
        sensitive: bool = False,
        visibility: str | None = None,
        spoiler_text: str | None = None,
        language: str | None = None,
        idempotency_key: str | None = None,
        content_type: str | None = None,
        scheduled_at: datetime | None = None,
        poll: Poll | dict[str, Any] | None = None,
        quote_id: Status | IdType | None = None,
        strict_content_type: bool = False,
        quoted_status_id: Status | IdType | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status | ScheduledStatus:
        """Post a status.

        Only what no server could accept is refused before sending (an unknown visibility or
        quote policy, values that cannot be sent), with :class:`MastodonIllegalArgumentError`.
        Empty text, the number of media, media together with a poll and how far ahead
        ``scheduled_at`` lies are for the server to judge; its refusal raises
        :class:`MastodonAPIError` as usual.

        Args:
            status: The text of the status. May be empty when media are attached.
            in_reply_to_id: The status this one replies to, or its ID.
            media_ids: Media attachments (from :meth:`media_post`) or their IDs; a
                single one need not be in a list.
            sensitive: Mark the attached media as sensitive (hidden until clicked).
            visibility: ``'public'``, ``'unlisted'`` (public, but kept off the public
                timelines), ``'private'`` (followers only) or ``'direct'`` (mentioned accounts
                only). By default the account's default visibility applies.
            spoiler_text: A content warning shown in place of the text until expanded.
            language: The ISO 639 language code of the text, instead of the server's guess.
            idempotency_key: A key that makes the server create at most one status for any
                number of posts that carry it.
            content_type: The markup of the text (``'text/plain'``, ``'text/markdown'``,
                ``'text/html'``, ``'text/bbcode'``); understood by Pleroma-family servers,
                ignored by Mastodon.
            scheduled_at: Post at this time (at least five minutes ahead) instead of now; a
                naive ``datetime`` is local time. A :class:`ScheduledStatus` is returned then.
            poll: A poll made with :meth:`make_poll` (or a dict with the same keys). Mastodon
                does not take both media and a poll on one status.
            quote_id: The status to quote, on servers of the ``'fedibird'`` feature set only.
            strict_content_type: Refuse ``content_type`` unless the client's feature set is
                ``'pleroma'`` and the type is one listed above.
            quoted_status_id: The status to quote (Mastodon 4.5 and later).
            quote_approval_policy: Who may quote this status: ``'public'``, ``'followers'``
                or ``'nobody'``. By default the account's setting applies.

        Returns:
            The new status, or the scheduled status when ``scheduled_at`` is given.
        """
        check_status(self, status, spoiler_text, media_ids, poll)
        fields, as_json = self._status_fields(
            status,
            in_reply_to_id=in_reply_to_id,
            media_ids=media_ids,
            sensitive=sensitive,
            visibility=visibility,
            spoiler_text=spoiler_text,
            language=language,
            content_type=content_type,
            scheduled_at=scheduled_at,
            poll=poll,
            quote_id=quote_id,
            strict_content_type=strict_content_type,
            quoted_status_id=quoted_status_id,
            quote_approval_policy=quote_approval_policy,
        )
        headers = _idempotency_headers(idempotency_key, self.retries)
        rtype: type[Status | ScheduledStatus] = ScheduledStatus if fields["scheduled_at"] is not None else Status
        json, form = (fields, None) if as_json else (None, fields)
        return self._call("POST", "/api/v1/statuses", rtype, json=json, form=form, headers=headers)

    @api_version("1.0.0", "2.8.0")
    def toot(self, status: str) -> Status:
        """Post a status with nothing but text; see :meth:`status_post` for everything else.

        Args:
            status: The text of the status.

        Returns:
            The new status.
        """
        # Without scheduled_at the server always answers with a Status.
        check_status(self, status, None, None, None)
        fields, _ = self._status_fields(status)
        headers = _idempotency_headers(None, self.retries)
        return self._call("POST", "/api/v1/statuses", Status, form=fields, headers=headers)

    @api_version("2.8.0", "2.8.0")
    def make_poll(
        self, options: list[str], expires_in: int, multiple: bool = False, hide_totals: bool = False
    ) -> dict[str, Any]:
        """Build a poll to attach to a status with :meth:`status_post`. Nothing is sent.

        Args:
            options: The answers to choose from.
            expires_in: How long the poll stays open, in seconds.
            multiple: Allow choosing more than one answer.
            hide_totals: Hide the vote counts until the poll closes.

        Returns:
            The poll's parameters as a plain ``dict`` (keys ``options``, ``expires_in``,
            ``multiple``, ``hide_totals``), ready to pass as ``poll=``. It is not a
            :class:`~mastodon.return_types.Poll`: a poll exists only once a status carrying it
            is posted.
        """
        return _poll_fields(
            {"options": options, "expires_in": expires_in, "multiple": multiple, "hide_totals": hide_totals}
        )

    # -- acting on a status -------------------------------------------------------------------

    @api_version("1.0.0", "1.0.0")
    def status_delete(self, id: Status | IdType, delete_media: bool | None = None) -> Status:
        """Delete a status of the logged-in account.

        Args:
            id: The status, or its ID.
            delete_media: Delete its media at once, instead of keeping them for a while so
                they can be attached again (delete and redraft). Mastodon 4.4 and later.

        Returns:
            The deleted status, with its source ``text`` (and poll or media) so it can be
            drafted again.
        """
        return self._call("DELETE", f"/api/v1/statuses/{id_of(id)}", Status, form={"delete_media": delete_media})

    @api_version("1.0.0", "2.0.0")
    def status_reblog(self, id: Status | IdType, visibility: str | None = None) -> Status:
        """Boost a status.

        Args:
            id: The status, or its ID.
            visibility: ``'public'``, ``'unlisted'``, ``'private'`` or ``'direct'``, to show the
                boost to fewer people than the default. Which of them a boost may have is the
                server's call; it answers with an error for one it does not allow.

        Returns:
            The boost: a new status whose ``reblog`` is the boosted one.
        """
        form = {"visibility": _visibility(visibility, REBLOG_VISIBILITIES)}
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/reblog", Status, form=form)

    @api_version("1.0.0", "2.0.0")
    def status_unreblog(self, id: Status | IdType) -> Status:
        """Undo a boost.

        Args:
            id: The boosted status (not the boost), or its ID.

        Returns:
            The status that was boosted.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/unreblog", Status)

    @api_version("1.0.0", "2.0.0")
    def status_favourite(self, id: Status | IdType) -> Status:
        """Favourite a status.

        Args:
            id: The status, or its ID.

        Returns:
            The status, now favourited.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/favourite", Status)

    @api_version("1.0.0", "2.0.0")
    def status_unfavourite(self, id: Status | IdType) -> Status:
        """Take back a favourite.

        Args:
            id: The status, or its ID.

        Returns:
            The status, no longer favourited.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/unfavourite", Status)

    @api_version("1.4.0", "2.0.0")
    def status_mute(self, id: Status | IdType) -> Status:
        """Stop notifications about the conversation a status belongs to.

        Args:
            id: The status, or its ID.

        Returns:
            The status, now muted.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/mute", Status)

    @api_version("1.4.0", "2.0.0")
    def status_unmute(self, id: Status | IdType) -> Status:
        """Receive notifications about a status's conversation again.

        Args:
            id: The status, or its ID.

        Returns:
            The status, no longer muted.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/unmute", Status)
