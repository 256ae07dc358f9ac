"""The module path ``mastodon.Mastodon``, kept for code that imports from it.

It offers the client class, the errors, the entity classes, :func:`parse_version_string`, the
version decorator, the optional-feature flags, and the per-area base classes under their
``Masto*`` names.
"""

# ruff: noqa: F401 - every import here is a re-export; __all__ is built without duplicates

from __future__ import annotations

from mastodon.client import Mastodon
from mastodon.compat import IMPL_HAS_BLURHASH, IMPL_HAS_CRYPTO, IMPL_HAS_ECE
from mastodon.errors import *  # noqa: F403
from mastodon.errors import __all__ as _error_names
from mastodon.methods._base import MethodsBase as Internals
from mastodon.methods.accounts import AccountsMixin as MastoAccounts
from mastodon.methods.admin import AdminMixin as MastoAdmin
from mastodon.methods.annual_reports import AnnualReportsMixin as MastoAnnualReports
from mastodon.methods.async_refresh import AsyncRefreshMixin as MastoAsyncRefresh
from mastodon.methods.auth import AuthMixin as MastoAuthentication
from mastodon.methods.collections import CollectionsMixin as MastoCollections
from mastodon.methods.conversations import ConversationsMixin as MastoConversations
from mastodon.methods.endorsements import EndorsementsMixin as MastoEndorsements
from mastodon.methods.favourites import FavouritesMixin as MastoFavourites
from mastodon.methods.filters import FiltersMixin as MastoFilters
from mastodon.methods.hashtags import HashtagsMixin as MastoHashtags
from mastodon.methods.instance import InstanceMixin as MastoInstance
from mastodon.methods.lists import ListsMixin as MastoLists
from mastodon.methods.media import MediaMixin as MastoMedia
from mastodon.methods.notifications import NotificationsMixin as MastoNotifications
from mastodon.methods.pagination import PaginationMixin
from mastodon.methods.polls import PollsMixin as MastoPolls
from mastodon.methods.preferences import PreferencesMixin as MastoPreferences
from mastodon.methods.profile import ProfileMixin as MastoProfile
from mastodon.methods.push import PushMixin as MastoPush
from mastodon.methods.relationships import RelationshipsMixin as MastoRelationships
from mastodon.methods.reports import ReportsMixin as MastoReports
from mastodon.methods.search import SearchMixin as MastoSearch
from mastodon.methods.server_info import VersionsMixin
from mastodon.methods.statuses import StatusesMixin as MastoStatuses
from mastodon.methods.streams import StreamingMixin as MastoStreaming
from mastodon.methods.suggestions import SuggestionsMixin as MastoSuggestions
from mastodon.methods.timelines import TimelinesMixin as MastoTimeline
from mastodon.methods.trends import TrendsMixin as MastoTrends
from mastodon.methods.utility import UtilityMixin
from mastodon.return_types import *  # noqa: F403
from mastodon.return_types import __all__ as _entity_names
from mastodon.types_base import AttribAccessDict, AttribAccessList, PaginatableList, PaginationInfo
from mastodon.versions import api_version, max_version, parse_version_string


class MastoUtility(VersionsMixin, PaginationMixin, UtilityMixin):
    """Version checks, pagination, blurhash and status length: the helpers that are not endpoints."""


__all__ = list(
    dict.fromkeys(
        [
            "IMPL_HAS_BLURHASH",
            "IMPL_HAS_CRYPTO",
            "IMPL_HAS_ECE",
            "AttribAccessDict",
            "AttribAccessList",
            "Internals",
            "MastoAccounts",
            "MastoAdmin",
            "MastoAnnualReports",
            "MastoAsyncRefresh",
            "MastoAuthentication",
            "MastoCollections",
            "MastoConversations",
            "MastoEndorsements",
            "MastoFavourites",
            "MastoFilters",
            "MastoHashtags",
            "MastoInstance",
            "MastoLists",
            "MastoMedia",
            "MastoNotifications",
            "MastoPolls",
            "MastoPreferences",
            "MastoProfile",
            "MastoPush",
            "MastoRelationships",
            "MastoReports",
            "MastoSearch",
            "MastoStatuses",
            "MastoStreaming",
            "MastoSuggestions",
            "MastoTimeline",
            "MastoTrends",
            "MastoUtility",
            "Mastodon",
            "PaginatableList",
            "PaginationInfo",
            "api_version",
            "max_version",
            "parse_version_string",
            *_error_names,
            *_entity_names,
        ]
    )
)
