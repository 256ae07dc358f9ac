"""Async refreshes: results the server is still completing in the background (Mastodon 4.4).

An answer with a ``Mastodon-Async-Refresh`` header carries what the server knew so far; the
header names a refresh to poll. The client keeps it on the result (:meth:`get_async_refresh_info`),
and :meth:`await_async_refresh` waits for the refresh and asks again.
"""

from __future__ import annotations

import time
from typing import Any

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import id_of
from mastodon.methods._base import MethodsBase
from mastodon.return_types import AsyncRefresh, IdType
from mastodon.types_base import AttribAccessDict, AttribAccessList, try_cast_recurse
from mastodon.versions import api_version, unchecked

__all__ = ["AsyncRefreshMixin"]

#: The longest single wait between polls, and the longest wait in all when no timeout is given.
MAX_WAIT = 300.0

# Kept as module attributes so tests can stand in for the clock.
_sleep = time.sleep
_monotonic = time.monotonic


def _raw_info(result: Any) -> dict[str, Any] | None:
    info = getattr(result, "__dict__", {}).get("_async_refresh")
    return info if isinstance(info, dict) else None


class AsyncRefreshMixin(MethodsBase):
    """Async refreshes: results the server is still completing in the background."""

    def get_async_refresh_info(self, result: Any) -> tuple[AsyncRefresh, int] | None:
        """The background refresh a result is waiting for, if any.

        Args:
            result: A result of any method.

        Returns:
            ``(refresh, seconds to wait before polling)``, or ``None`` when the answer carried
            no ``Mastodon-Async-Refresh`` header.
        """
        raw = _raw_info(result)
        if raw is None:
            return None
        refresh: AsyncRefresh = try_cast_recurse(
            AsyncRefresh,
            AttribAccessDict({"id": raw["id"], "status": "running", "result_count": raw.get("result_count")}),
        )
        retry = raw.get("retry", 3)
        return refresh, retry if isinstance(retry, int) else 3

    @api_version("4.4.0", "4.4.0")
    def get_async_refresh_status(self, result_or_id: IdType | AsyncRefresh | AttribAccessDict) -> AsyncRefresh:
        """Poll a background refresh.

        Args:
            result_or_id: The refresh's ID, an :class:`AsyncRefresh`, or a result whose answer
                named a refresh.

        Returns:
            The refresh: ``status`` is ``"running"`` or ``"finished"``.

        Raises:
            MastodonIllegalArgumentError: A result whose answer named no refresh.
        """
        raw = _raw_info(result_or_id)
        if raw is not None:
            key = str(raw["id"])
        elif isinstance(result_or_id, (AttribAccessDict, AttribAccessList)) and not isinstance(
            result_or_id, AsyncRefresh
        ):
            raise MastodonIllegalArgumentError(
                "this result's answer carried no Mastodon-Async-Refresh header: there is no refresh to ask about"
            )
        else:
            key = id_of(result_or_id, "async refresh id")
        answer = self._call("GET", f"/api/v1_alpha/async_refreshes/{key}", AttribAccessDict)
        body = answer.get("async_refresh", answer)
        refresh: AsyncRefresh = try_cast_recurse(AsyncRefresh, body)
        return refresh

    @api_version("4.4.0", "4.4.0")
    def await_async_refresh(self, result: Any, timeout: float = 0.0, max_attempts: int = -1) -> AttribAccessDict | None:
        """Wait until the server has completed a result in the background, then fetch it again.

        Polls at the interval the server asks for (``retry``), never more than five minutes per
        wait. A result whose answer named no refresh is returned as it is.

        Args:
            result: A result whose answer carried a ``Mastodon-Async-Refresh`` header.
            timeout: Give up after this many seconds; 0 (the default) waits at most five
                minutes in all.
            max_attempts: Give up after this many polls; 0 or less for no limit.

        Returns:
            The result asked for again, or ``None`` when the refresh did not finish in time.

        Raises:
            MastodonIllegalArgumentError: ``result`` is no result.
        """
        raw = _raw_info(result)
        if raw is None:
            if not isinstance(result, (dict, list)):
                raise MastodonIllegalArgumentError("await_async_refresh takes a result of an API method")
            kept: Any = result
            return kept  # type: ignore[no-any-return]
        budget = timeout if timeout and timeout > 0 else MAX_WAIT
        retry = float(raw.get("retry", 3)) if isinstance(raw.get("retry", 3), int) else 3.0
        started = _monotonic()
        attempts = 0
        while max_attempts <= 0 or attempts < max_attempts:
            elapsed = _monotonic() - started
            if elapsed >= budget:
                break
            if attempts:
                _sleep(max(0.0, min(retry, MAX_WAIT, budget - elapsed)))
            refresh = unchecked(AsyncRefreshMixin.get_async_refresh_status)(self, str(raw["id"]))
            attempts += 1
            if refresh.get("status") == "finished":
                again: AttribAccessDict = self._call(
                    raw["_method"], raw["_endpoint"], raw["_mastopy_type"], params=raw["_params"] or None
                )
                return again
            polled = _raw_info(refresh)
            if polled is not None and isinstance(polled.get("retry"), int):
                retry = float(polled["retry"])
        return None
