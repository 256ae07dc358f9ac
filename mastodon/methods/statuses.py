"""Statuses: reading single statuses and their surroundings, posting, boosting, favouriting."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, overload

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_choice, check_text, id_list, id_of, page_params_as_sent
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
    StatusEdit,
    StatusSource,
    Translation,
)
from mastodon.types_base import IdType, NonPaginatableList, PaginatableList, try_cast_recurse
from mastodon.versions import api_version, unchecked

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
        return {"Idempotency-Key": os.urandom(16).hex()} if retries > 0 else None
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

    # -- more reading -----------------------------------------------------------------------------

    @api_version("4.3.0", "4.3.0")
    def statuses(self, ids: list[Status | IdType]) -> NonPaginatableList[Status]:
        """Fetch several statuses at once.

        Args:
            ids: Statuses or IDs (one alone need not be in a list).

        Returns:
            The statuses the user may see; others are left out.
        """
        return self._call("GET", "/api/v1/statuses", NonPaginatableList[Status], params={"id[]": id_list("ids", ids)})

    @api_version("3.5.0", "3.5.0")
    def status_history(self, id: Status | IdType) -> NonPaginatableList[StatusEdit]:
        """Fetch every version of an edited status, the original first.

        A status edited once has two entries, one edited twice three, and so on.

        Args:
            id: The status, or its ID.

        Returns:
            The versions, oldest first.
        """
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/history", NonPaginatableList[StatusEdit])

    @api_version("4.0.0", "4.0.0")
    def status_translate(self, id: Status | IdType, lang: str | None = None) -> Translation:
        """Have the server translate a status.

        Args:
            id: The status, or its ID.
            lang: The language to translate into (ISO 639); by default the user's.

        Returns:
            The translation.
        """
        check_text("lang", lang)
        form = {"lang": lang} if lang is not None else None
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/translate", Translation, form=form)

    @api_version("4.5.0", "4.5.0")
    def status_quotes(
        self,
        id: Status | IdType,
        max_id: Status | IdType | datetime | None = None,
        since_id: Status | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Status]:
        """Fetch the statuses that quote a status of the logged-in user.

        Paged by the server's own cursors: page with :meth:`fetch_next`. A ``datetime`` bound is
        sent as its text, as Mastodon.py sends it.

        Args:
            id: The quoted status, or its ID.
            max_id: Page cursor: results before this one.
            since_id: Page cursor: results after this one.
            limit: How many statuses to return (the server's default is 20, at most 40).

        Returns:
            A page of quoting statuses.
        """
        params = page_params_as_sent(max_id, None, since_id, limit)
        return self._call("GET", f"/api/v1/statuses/{id_of(id)}/quotes", PaginatableList[Status], params=params)

    # -- editing and replying ---------------------------------------------------------------------

    @api_version("3.5.0", "4.1.0")
    def status_update(
        self,
        id: Status | IdType,
        status: str,
        spoiler_text: str | None = None,
        sensitive: bool | None = None,
        media_ids: list[MediaAttachment | IdType] | None = None,
        poll: Poll | dict[str, Any] | None = None,
        media_attributes: list[dict[str, Any]] | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status:
        """Edit a status; what is left out stays as it was, except as noted.

        The text is always sent. A poll given replaces the old one, and its votes are lost.
        Media edits (description, focus, thumbnail) go in ``media_attributes``, made with
        :meth:`generate_media_edit_attributes`; their media are kept on the status.

        Args:
            id: The status, or its ID.
            status: The new text.
            spoiler_text: The new content warning.
            sensitive: Whether the media are sensitive.
            media_ids: The media the status keeps or gains, in order.
            poll: A new poll, made with :meth:`make_poll`.
            media_attributes: Changes to attached media.
            quote_approval_policy: Who may quote it: ``'public'``, ``'followers'`` or ``'nobody'``.

        Returns:
            The edited status.
        """
        check_status(self, status, spoiler_text, media_ids, poll)
        fields, as_json = self._status_fields(
            status,
            media_ids=media_ids,
            sensitive=sensitive,
            spoiler_text=spoiler_text,
            poll=poll,
            quote_approval_policy=quote_approval_policy,
            media_attributes=media_attributes,
        )
        json, form = (fields, None) if as_json else (None, fields)
        return self._call("PUT", f"/api/v1/statuses/{id_of(id)}", Status, json=json, form=form)

    @api_version("1.0.0", "4.5.0")
    def status_reply(
        self,
        to_status: Status,
        status: str,
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
        untag: bool = False,
        strict_content_type: bool = False,
        quoted_status_id: Status | IdType | None = None,
        quote_approval_policy: str | None = None,
    ) -> Status:
        """Reply to a status, mentioning its author and everyone it mentions except the user.

        The reply keeps the visibility and content warning of the status it answers unless
        they are given. The other arguments are those of :meth:`status_post`.

        Args:
            to_status: The status replied to (the status itself, not its ID: its author and
                mentions are read from it).
            status: The text; the mentions are put before it.
            media_ids: See :meth:`status_post`.
            sensitive: See :meth:`status_post`.
            visibility: By default the visibility of ``to_status``.
            spoiler_text: By default the content warning of ``to_status``.
            language: See :meth:`status_post`.
            idempotency_key: See :meth:`status_post`.
            content_type: See :meth:`status_post`.
            scheduled_at: See :meth:`status_post`.
            poll: See :meth:`status_post`.
            quote_id: See :meth:`status_post`.
            untag: Mention only the author of ``to_status``, not the others it mentions.
            strict_content_type: See :meth:`status_post`.
            quoted_status_id: See :meth:`status_post`.
            quote_approval_policy: See :meth:`status_post`.

        Returns:
            The reply (a :class:`ScheduledStatus` with ``scheduled_at``).

        Raises:
            MastodonIllegalArgumentError: ``to_status`` is not a status.
        """
        if not isinstance(to_status, Mapping) or not isinstance(to_status.get("account"), Mapping):
            raise MastodonIllegalArgumentError("to_status must be the status replied to, with its account")
        own_id = self._logged_in_account_id()
        mentioned: dict[str, str] = {str(to_status["account"].get("id")): str(to_status["account"].get("acct"))}
        if not untag:
            for account in to_status.get("mentions") or []:
                if isinstance(account, Mapping) and str(account.get("id")) not in (own_id, *mentioned):
                    mentioned[str(account.get("id"))] = str(account.get("acct"))
        text = " ".join(f"@{acct}" for acct in mentioned.values()) + " " + (status if isinstance(status, str) else "")
        if visibility is None and "visibility" in to_status:
            visibility = to_status["visibility"]
        if spoiler_text is None and "spoiler_text" in to_status:
            spoiler_text = to_status["spoiler_text"]
        post = unchecked(StatusesMixin.status_post)
        # Typed Status as in Mastodon.py; with scheduled_at the server answers a ScheduledStatus.
        result: Any = post(
            self,
            text,
            in_reply_to_id=to_status.get("id"),
            media_ids=media_ids,
            sensitive=sensitive,
            visibility=visibility,
            spoiler_text=spoiler_text,
            language=language,
            idempotency_key=idempotency_key,
            content_type=content_type,
            scheduled_at=scheduled_at,
            poll=poll,
            quote_id=quote_id,
            strict_content_type=strict_content_type,
            quoted_status_id=quoted_status_id,
            quote_approval_policy=quote_approval_policy,
        )
        reply: Status = result
        return reply

    def _logged_in_account_id(self) -> str:
        """The logged-in user's account ID, asked once per token (``log_in`` forgets it)."""
        if self._logged_in_id is None:
            account = self._call("GET", "/api/v1/accounts/verify_credentials", Account)
            self._logged_in_id = str(account["id"])
        return self._logged_in_id

    # -- pins, bookmarks, quotes ------------------------------------------------------------------

    @api_version("2.1.0", "2.1.0")
    def status_pin(self, id: Status | IdType) -> Status:
        """Pin a status of the logged-in user to the top of their profile.

        Args:
            id: The status, or its ID.

        Returns:
            The status, ``pinned`` true.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/pin", Status)

    @api_version("2.1.0", "2.1.0")
    def status_unpin(self, id: Status | IdType) -> Status:
        """Unpin a status from the profile.

        Args:
            id: The status, or its ID.

        Returns:
            The status, no longer pinned.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/unpin", Status)

    @api_version("3.1.0", "3.1.0")
    def status_bookmark(self, id: Status | IdType) -> Status:
        """Bookmark a status (see :meth:`bookmarks`).

        Args:
            id: The status, or its ID.

        Returns:
            The status, ``bookmarked`` true.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/bookmark", Status)

    @api_version("3.1.0", "3.1.0")
    def status_unbookmark(self, id: Status | IdType) -> Status:
        """Remove a bookmark.

        Args:
            id: The status, or its ID.

        Returns:
            The status, no longer bookmarked.
        """
        return self._call("POST", f"/api/v1/statuses/{id_of(id)}/unbookmark", Status)

    @api_version("4.5.0", "4.5.0")
    def status_quote_revoke(self, id: Status | IdType, quoting_status_id: Status | IdType) -> Status:
        """Withdraw the permission for another status to quote one of the user's.

        Args:
            id: The quoted status (the user's), or its ID.
            quoting_status_id: The status that quotes it, or its ID.

        Returns:
            The quoting status, its quote now revoked.
        """
        path = f"/api/v1/statuses/{id_of(id)}/quotes/{id_of(quoting_status_id, 'quoting_status_id')}/revoke"
        return self._call("POST", path, Status)

    @api_version("4.5.0", "4.5.0")
    def status_update_quote_approval_policy(self, id: Status | IdType, quote_approval_policy: str) -> Status:
        """Change who may quote a status of the user's.

        Args:
            id: The status, or its ID.
            quote_approval_policy: ``'public'``, ``'followers'`` or ``'nobody'``.

        Returns:
            The status with its new policy.

        Raises:
            MastodonIllegalArgumentError: An unknown policy.
        """
        if quote_approval_policy is None:
            raise MastodonIllegalArgumentError("quote_approval_policy is required")
        check_choice("quote_approval_policy", quote_approval_policy, QUOTE_APPROVAL_POLICIES)
        form = {"quote_approval_policy": quote_approval_policy}
        return self._call("PUT", f"/api/v1/statuses/{id_of(id)}/interaction_policy", Status, form=form)

    # -- scheduled statuses -----------------------------------------------------------------------

    @api_version("2.7.0", "2.7.0")
    def scheduled_statuses(
        self,
        max_id: ScheduledStatus | IdType | datetime | None = None,
        min_id: ScheduledStatus | IdType | datetime | None = None,
        since_id: ScheduledStatus | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[ScheduledStatus]:
        """Fetch the logged-in user's statuses waiting to be posted.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many to return (the server's default is 20, at most 40).

        Returns:
            A page of scheduled statuses.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/scheduled_statuses", PaginatableList[ScheduledStatus], params=params)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status(self, id: ScheduledStatus | IdType) -> ScheduledStatus:
        """Fetch one scheduled status.

        Args:
            id: The scheduled status, or its ID.

        Returns:
            The scheduled status, with the parameters it will be posted with.
        """
        return self._call("GET", f"/api/v1/scheduled_statuses/{id_of(id)}", ScheduledStatus)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status_update(self, id: ScheduledStatus | IdType, scheduled_at: datetime) -> ScheduledStatus:
        """Move a scheduled status to another time.

        Args:
            id: The scheduled status, or its ID.
            scheduled_at: The new time (at least five minutes ahead; a naive ``datetime`` is
                local time).

        Returns:
            The scheduled status.
        """
        if scheduled_at is None:
            raise MastodonIllegalArgumentError("scheduled_at is required")
        form = {"scheduled_at": _scheduled_at(scheduled_at)}
        return self._call("PUT", f"/api/v1/scheduled_statuses/{id_of(id)}", ScheduledStatus, form=form)

    @api_version("2.7.0", "2.7.0")
    def scheduled_status_delete(self, id: ScheduledStatus | IdType) -> None:
        """Cancel a scheduled status.

        Args:
            id: The scheduled status, or its ID.
        """
        self._call("DELETE", f"/api/v1/scheduled_statuses/{id_of(id)}", None)
