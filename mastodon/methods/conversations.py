"""Conversations: the direct-message threads of the logged-in user."""

from __future__ import annotations

from datetime import datetime

from mastodon._http.encoding import id_of
from mastodon.methods._args import page_params_as_sent
from mastodon.methods._base import MethodsBase
from mastodon.return_types import Conversation, IdType, PaginatableList, Status
from mastodon.versions import api_version

__all__ = ["ConversationsMixin"]

_Bound = Conversation | Status | IdType | datetime | None


class ConversationsMixin(MethodsBase):
    """Conversations: the direct-message threads of the logged-in user."""

    @api_version("2.6.0", "2.6.0")
    def conversations(
        self, max_id: _Bound = None, min_id: _Bound = None, since_id: _Bound = None, limit: int | None = None
    ) -> PaginatableList[Conversation]:
        """Fetch the logged-in user's conversations (direct-message threads), most recent first.

        The list is paged by the server's own cursors: page with :meth:`fetch_next`. Bounds are
        sent as Mastodon.py sends them (a ``datetime`` as its text).

        Args:
            max_id: Page cursor: conversations before this one.
            min_id: Page cursor: conversations just after this one.
            since_id: Page cursor: conversations after this one, newest first.
            limit: How many conversations to return (the server's default is 20, at most 40).

        Returns:
            A page of conversations, each with its accounts and last status.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        # Mastodon.py asks for the path with a trailing slash, which servers answer alike.
        return self._call("GET", "/api/v1/conversations/", PaginatableList[Conversation], params=params)

    @api_version("2.6.0", "2.6.0")
    def conversations_read(self, id: Conversation | IdType) -> Conversation:
        """Mark a conversation as read.

        Args:
            id: The conversation, or its ID.

        Returns:
            The conversation.
        """
        return self._call("POST", f"/api/v1/conversations/{id_of(id)}/read", Conversation)

    def conversations_unread(self, id: Conversation | IdType) -> Conversation:
        """Mark a conversation as unread again. Not in Mastodon.py.

        The endpoint is undocumented (the web app uses it).

        Args:
            id: The conversation, or its ID.

        Returns:
            The conversation.
        """
        return self._call("POST", f"/api/v1/conversations/{id_of(id)}/unread", Conversation)

    @api_version("2.6.0", "2.6.0")
    def conversations_delete(self, id: Conversation | IdType) -> None:
        """Remove a conversation from the list. Not in Mastodon.py.

        Its statuses stay; a new reply brings the conversation back.

        Args:
            id: The conversation, or its ID.
        """
        self._call("DELETE", f"/api/v1/conversations/{id_of(id)}", None)
