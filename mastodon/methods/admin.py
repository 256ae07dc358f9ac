"""The admin API (moderators and admins), in three parts: accounts and reports, blocks and
allows, and the dashboard (trends review, hashtags, measures)."""

from __future__ import annotations

from mastodon.methods.admin_accounts import AdminAccountsMixin
from mastodon.methods.admin_blocks import AdminBlocksMixin
from mastodon.methods.admin_dashboard import AdminDashboardMixin

__all__ = ["AdminMixin"]


class AdminMixin(AdminAccountsMixin, AdminBlocksMixin, AdminDashboardMixin):
    """The admin API: accounts, reports, domain, e-mail and IP blocks, trends review, hashtags and measures.

    Every method needs a token with the ``admin:read`` or ``admin:write`` scopes of a moderator
    or admin; the server answers 403 otherwise.
    """
