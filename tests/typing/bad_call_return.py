"""An endpoint body that declares the wrong result type: mypy must reject this file."""

from __future__ import annotations

from mastodon.methods._base import MethodsBase
from mastodon.return_types import Relationship, Status
from mastodon.types_base import PaginatableList


class Wrong(MethodsBase):
    def status_wrong(self) -> Status:
        result: Status = self._call("GET", "/api/v1/x", Relationship)
        return result

    def page_wrong(self) -> PaginatableList[Status]:
        return self._call("GET", "/api/v1/x", PaginatableList[Relationship])
