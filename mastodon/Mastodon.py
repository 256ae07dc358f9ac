"""The module path ``mastodon.Mastodon``, kept for code that imports from it.

It offers the client class, the errors, the entity classes and :func:`parse_version_string`.
"""

from __future__ import annotations

from mastodon.client import Mastodon
from mastodon.errors import *  # noqa: F403
from mastodon.errors import __all__ as _error_names
from mastodon.return_types import *  # noqa: F403
from mastodon.return_types import __all__ as _entity_names
from mastodon.types_base import AttribAccessDict, AttribAccessList, PaginatableList, PaginationInfo
from mastodon.versions import parse_version_string

__all__ = [  # noqa: PLE0604 - the spread names are strings too
    "AttribAccessDict",
    "AttribAccessList",
    "Mastodon",
    "PaginatableList",
    "PaginationInfo",
    "parse_version_string",
    *_error_names,
    *_entity_names,
]
