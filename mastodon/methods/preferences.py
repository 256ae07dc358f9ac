"""The logged-in user's preferences and reading positions (markers)."""

from __future__ import annotations

from typing import Any

from mastodon._http.encoding import id_of
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import text_list
from mastodon.methods._base import MethodsBase
from mastodon.return_types import IdType, Marker, Preferences, Status
from mastodon.types_base import AttribAccessDict, try_cast_recurse
from mastodon.versions import api_version

__all__ = ["PreferencesMixin"]


def _markers(result: AttribAccessDict) -> AttribAccessDict:
    """The answer's markers as :class:`Marker` objects, keyed by timeline."""
    for timeline, marker in list(result.items()):
        result[timeline] = try_cast_recurse(Marker, marker)
    return result


class PreferencesMixin(MethodsBase):
    """The logged-in user's preferences and reading positions (markers)."""

    @api_version("2.8.0", "2.8.0")
    def preferences(self) -> Preferences:
        """Fetch the logged-in user's preferences (default visibility, language, media display).

        The keys hold colons (``"posting:default:visibility"``); read them by subscription.

        Returns:
            The preferences.
        """
        return self._call("GET", "/api/v1/preferences", Preferences)

    @api_version("3.0.0", "3.0.0")
    def markers_get(self, timeline: str | list[str] = ["home"]) -> AttribAccessDict:  # noqa: B006
        """Fetch where the user stopped reading, per timeline.

        Args:
            timeline: A timeline name (``"home"``, ``"notifications"``) or a list of them.

        Returns:
            A mapping from each timeline name to its :class:`Marker` (``last_read_id``,
            ``updated_at``, ``version``); timelines without a marker are left out.
        """
        names = text_list("timeline", timeline)
        result = self._call("GET", "/api/v1/markers", AttribAccessDict, params={"timeline[]": names})
        return _markers(result)

    @api_version("3.0.0", "3.0.0")
    def markers_set(
        self, timelines: str | list[str], last_read_ids: Status | IdType | list[Status | IdType]
    ) -> AttribAccessDict:
        """Save where the user stopped reading, for one or more timelines.

        Args:
            timelines: A timeline name (``"home"``, ``"notifications"``) or a list of them.
            last_read_ids: The last status or notification read (or its ID), one per timeline,
                in the same order.

        Returns:
            A mapping from each timeline name to its new :class:`Marker`.

        Raises:
            MastodonIllegalArgumentError: The two lists differ in length.
        """
        names = text_list("timelines", timelines) or []
        ids: list[Any] = list(last_read_ids) if isinstance(last_read_ids, (list, tuple)) else [last_read_ids]
        if len(names) != len(ids):
            raise MastodonIllegalArgumentError(
                f"timelines and last_read_ids must be as long as each other: {len(names)} and {len(ids)}"
            )
        body = {name: {"last_read_id": id_of(read, "last_read_ids")} for name, read in zip(names, ids, strict=True)}
        return _markers(self._call("POST", "/api/v1/markers", AttribAccessDict, json=body))
