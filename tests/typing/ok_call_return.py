"""Endpoint bodies whose result types agree with what ``_call`` is asked for: mypy accepts this file."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase
from mastodon.return_types import Relationship, Status
from mastodon.types_base import NonPaginatableList, PaginatableList


class Right(MethodsBase):
    def one(self) -> Status:
        return self._call("GET", "/api/v1/x", Status)

    def page(self) -> PaginatableList[Status]:
        return self._call("GET", "/api/v1/x", PaginatableList[Status], params={"limit": 5})

    def plain(self) -> NonPaginatableList[Relationship]:
        return self._call("GET", "/api/v1/x", NonPaginatableList[Relationship])

    def nothing(self) -> None:
        return self._call("POST", "/api/v1/x", None, form={"a": 1})
