"""Hashtags: following them, featuring them on the profile, reading one."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_text, id_of, page_params_as_sent
from mastodon.methods._base import MethodsBase
from mastodon.return_types import FeaturedTag, IdType, NonPaginatableList, PaginatableList, Tag
from mastodon.versions import api_version

__all__ = ["HashtagsMixin"]


def _tag_segment(name: object, what: str = "hashtag") -> str:
    """A hashtag for a path: without its ``#``, percent-encoded."""
    if not isinstance(name, str) or not name.strip().lstrip("#"):
        raise MastodonIllegalArgumentError(f"{what} must be a hashtag such as 'python', not {name!r}")
    return quote(name.strip().lstrip("#"), safe="")


class HashtagsMixin(MethodsBase):
    """Hashtags: following them, featuring them on the profile, reading one."""

    @api_version("3.0.0", "3.0.0")
    def featured_tags(self) -> NonPaginatableList[FeaturedTag]:
        """The hashtags the logged-in user features on their profile.

        Returns:
            The featured hashtags, with their use counts.
        """
        return self._call("GET", "/api/v1/featured_tags", NonPaginatableList[FeaturedTag])

    @api_version("3.0.0", "3.0.0")
    def featured_tag_suggestions(self) -> NonPaginatableList[FeaturedTag]:
        """Hashtags the user uses most and does not feature yet.

        Returns:
            The suggestions.
        """
        return self._call("GET", "/api/v1/featured_tags/suggestions", NonPaginatableList[FeaturedTag])

    @api_version("3.0.0", "3.0.0")
    def featured_tag_create(self, name: str) -> FeaturedTag:
        """Feature a hashtag on the logged-in user's profile.

        Args:
            name: The hashtag, without ``#``.

        Returns:
            The featured hashtag.
        """
        check_text("name", name, required=True)
        return self._call("POST", "/api/v1/featured_tags", FeaturedTag, form={"name": name})

    @api_version("3.0.0", "3.0.0")
    def featured_tag_delete(self, id: FeaturedTag | IdType) -> None:
        """Stop featuring a hashtag.

        Args:
            id: The featured hashtag, or its ID.
        """
        self._call("DELETE", f"/api/v1/featured_tags/{id_of(id)}", None)

    @api_version("4.4.0", "4.4.0")
    def tag_feature(self, name: str) -> Tag:
        """Feature a hashtag on the profile, by its name (Mastodon 4.4).

        Args:
            name: The hashtag, without ``#``.

        Returns:
            The hashtag, ``featuring`` true.
        """
        return self._call("POST", f"/api/v1/tags/{_tag_segment(name, 'name')}/feature", Tag)

    @api_version("4.4.0", "4.4.0")
    def tag_unfeature(self, name: str) -> Tag:
        """Stop featuring a hashtag, by its name (Mastodon 4.4).

        Args:
            name: The hashtag, without ``#``.

        Returns:
            The hashtag.
        """
        return self._call("POST", f"/api/v1/tags/{_tag_segment(name, 'name')}/unfeature", Tag)

    @api_version("4.0.0", "4.0.0")
    def followed_tags(
        self,
        max_id: Tag | IdType | datetime | None = None,
        min_id: Tag | IdType | datetime | None = None,
        since_id: Tag | IdType | datetime | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Tag]:
        """The hashtags the logged-in user follows (their posts appear in the home timeline).

        Paged by the server's own cursors: page with :meth:`fetch_next`.

        Args:
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one.
            limit: How many hashtags to return (the server's default is 100, at most 200).

        Returns:
            A page of hashtags.
        """
        params = page_params_as_sent(max_id, min_id, since_id, limit)
        return self._call("GET", "/api/v1/followed_tags", PaginatableList[Tag], params=params)

    @api_version("4.0.0", "4.0.0")
    def tag(self, hashtag: str) -> Tag:
        """Fetch a hashtag, with whether the user follows and features it.

        Args:
            hashtag: The hashtag, without ``#``.

        Returns:
            The hashtag.
        """
        return self._call("GET", f"/api/v1/tags/{_tag_segment(hashtag)}", Tag)

    @api_version("4.0.0", "4.0.0")
    def tag_follow(self, hashtag: str) -> Tag:
        """Follow a hashtag.

        Args:
            hashtag: The hashtag, without ``#``.

        Returns:
            The hashtag, ``following`` true.
        """
        return self._call("POST", f"/api/v1/tags/{_tag_segment(hashtag)}/follow", Tag)

    @api_version("4.0.0", "4.0.0")
    def tag_unfollow(self, hashtag: str) -> Tag:
        """Stop following a hashtag.

        Args:
            hashtag: The hashtag, without ``#``.

        Returns:
            The hashtag.
        """
        return self._call("POST", f"/api/v1/tags/{_tag_segment(hashtag)}/unfollow", Tag)
