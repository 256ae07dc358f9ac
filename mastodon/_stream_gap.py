"""The report of events a stream missed, in a module of its own so that :mod:`dataclasses` is
loaded when a stream first reports a gap (or the class is asked for), not with the package."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["StreamGap"]


@dataclass(frozen=True)
class StreamGap:
    """Events a stream missed and did not deliver, passed to ``StreamListener.on_gap``.

    Attributes:
        event: The kind of event missed: ``"update"``, ``"notification"`` or ``"conversation"``.
        since_id: The newest ID delivered before the gap (``None`` when none was known).
        until_id: The newest ID on the server when the gap was found (``None`` when unknown);
            the stream goes on after it.
        missed: How many events were missed, at least (``None`` when unknown).
        reason: Why they were not delivered: too many, or the fetch failed.
    """

    event: str
    since_id: str | None
    until_id: str | None
    missed: int | None
    reason: str
