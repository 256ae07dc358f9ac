"""Polls: reading one and voting in it."""

from __future__ import annotations

from typing import Any

from mastodon._http.encoding import id_of
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._base import MethodsBase
from mastodon.return_types import IdType, Poll
from mastodon.versions import api_version

__all__ = ["PollsMixin"]


class PollsMixin(MethodsBase):
    """Polls: reading one and voting in it."""

    @api_version("2.8.0", "2.8.0")
    def poll(self, id: Poll | IdType) -> Poll:
        """Fetch a poll with its current results.

        Args:
            id: The poll (for example ``status.poll``), or its ID.

        Returns:
            The poll.
        """
        return self._call("GET", f"/api/v1/polls/{id_of(id)}", Poll)

    @api_version("2.8.0", "2.8.0")
    def poll_vote(self, id: Poll | IdType, choices: int | list[int]) -> Poll:
        """Vote in a poll.

        Args:
            id: The poll, or its ID.
            choices: The index of the option chosen (from 0), or a list of indices for a poll
                that allows several.

        Returns:
            The poll with the vote counted.

        Raises:
            MastodonIllegalArgumentError: A choice is not a whole number.
        """
        picked: list[Any] = list(choices) if isinstance(choices, (list, tuple)) else [choices]
        for choice in picked:
            if isinstance(choice, bool) or not isinstance(choice, (int, str)):
                raise MastodonIllegalArgumentError(f"choices must be option indices, not {choice!r}")
        return self._call("POST", f"/api/v1/polls/{id_of(id)}/votes", Poll, form={"choices": picked})
