"""Accounts: reading profiles and their posts, following, blocking, muting, editing one's own profile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mastodon.errors import MastodonIllegalArgumentError, MastodonNotFoundError
from mastodon.methods._args import check_count, check_text, id_list, id_of, page_params, text_list
from mastodon.methods._base import MethodsBase
from mastodon.methods._limits import check_profile_fields
from mastodon.return_types import Account, FamiliarFollowers, Relationship, Status, Tag, UserList
from mastodon.types_base import IdType, NonPaginatableList, PaginatableList, PathOrFile
from mastodon.versions import api_version

# Reading media for upload is loaded with the first upload, not with the client.
if TYPE_CHECKING:
    from mastodon._http.uploads import MediaUpload

__all__ = ["AccountsMixin"]


def _profile_fields(fields: Any) -> dict[str, str]:
    if isinstance(fields, (str, bytes, Mapping)) or not isinstance(fields, Iterable):
        raise MastodonIllegalArgumentError("fields must be a list of (name, value) pairs")
    pairs = list(fields)
    form: dict[str, str] = {}
    for index, pair in enumerate(pairs):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Iterable) or len(tuple(pair)) != 2:
            raise MastodonIllegalArgumentError(f"fields[{index}] must be a (name, value) pair, not {pair!r}")
        field_name, field_value = tuple(pair)
        if not isinstance(field_name, str) or not isinstance(field_value, str):
            raise MastodonIllegalArgumentError(f"fields[{index}]: name and value must be strings")
        form[f"fields_attributes[{index}][name]"] = field_name
        form[f"fields_attributes[{index}][value]"] = field_value
    return form


def _check_query(q: Any) -> None:
    if not isinstance(q, str):
        raise MastodonIllegalArgumentError(f"q must be a search string, not {type(q).__name__} {q!r}")


class AccountsMixin(MethodsBase):
    """Accounts: reading profiles and their posts, following, blocking, muting, editing one's own profile."""

    # -- reading -------------------------------------------------------------------------------

    @api_version("1.0.0", "1.0.0")
    def account(self, id: Account | IdType) -> Account:
        """Fetch one account.

        Public accounts can be read without a token.

        Args:
            id: The account, or its ID.

        Returns:
            The account.
        """
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}", Account)

    @api_version("1.0.0", "2.1.0")
    def account_verify_credentials(self) -> Account:
        """Fetch the account the access token belongs to, including its ``source`` settings.

        Returns:
            The logged-in user's account.
        """
        return self._call("GET", "/api/v1/accounts/verify_credentials", Account)

    @api_version("1.0.0", "2.1.0")
    def me(self) -> Account:
        """Fetch the logged-in user's own account; a shorter name for :meth:`account_verify_credentials`.

        Returns:
            The logged-in user's account.
        """
        return self._call("GET", "/api/v1/accounts/verify_credentials", Account)

    @api_version("1.0.0", "4.6.0")
    def account_statuses(
        self,
        id: Account | IdType,
        only_media: bool = False,
        pinned: bool = False,
        exclude_replies: bool = False,
        exclude_reblogs: bool = False,
        tagged: str | None = None,
        max_id: Status | IdType | datetime | None = None,
        min_id: Status | IdType | datetime | None = None,
        since_id: Status | IdType | datetime | None = None,
        limit: int | None = None,
        exclude_direct: bool = False,
    ) -> PaginatableList[Status]:
        """Fetch the posts of one account, newest first, as the logged-in user may see them.

        The filter flags are only sent when set, so servers that do not know a flag are not
        confused by it.

        Args:
            id: The account, or its ID.
            only_media: Only posts with media attachments.
            pinned: Only the posts the account pinned to its profile.
            exclude_replies: Leave out replies to other accounts.
            exclude_reblogs: Leave out boosts.
            tagged: Only posts with this hashtag, given without its ``#`` (it is sent as given).
            max_id: Only posts older than this one (a post, an ID or a ``datetime``).
            min_id: The posts just newer than this one, oldest first in the page.
            since_id: Only posts newer than this one, newest first.
            limit: How many posts to return (the server's default is 20, at most 40).
            exclude_direct: Leave out direct messages.

        Returns:
            A page of posts.
        """
        check_text("tagged", tagged)
        params: dict[str, Any] = {
            "only_media": only_media or None,
            "pinned": pinned or None,
            "exclude_replies": exclude_replies or None,
            "exclude_reblogs": exclude_reblogs or None,
            "tagged": tagged,
            **page_params(max_id, min_id, since_id, limit),
            "exclude_direct": exclude_direct or None,
        }
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/statuses", PaginatableList[Status], params=params)

    @api_version("1.0.0", "2.6.0")
    def account_following(
        self,
        id: Account | IdType,
        max_id: Account | IdType | None = None,
        min_id: Account | IdType | None = None,
        since_id: Account | IdType | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts that an account follows.

        The paging IDs are the server's own cursors: take them from the page's pagination
        info (:meth:`fetch_next`), not from account IDs.

        Args:
            id: The account, or its ID.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/following", PaginatableList[Account], params=params)

    @api_version("1.0.0", "2.6.0")
    def account_followers(
        self,
        id: Account | IdType,
        max_id: Account | IdType | None = None,
        min_id: Account | IdType | None = None,
        since_id: Account | IdType | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """Fetch the accounts that follow an account.

        The paging IDs are the server's own cursors: take them from the page's pagination
        info (:meth:`fetch_next`), not from account IDs.

        Args:
            id: The account, or its ID.
            max_id: Page cursor: results before this one.
            min_id: Page cursor: results just after this one.
            since_id: Page cursor: results after this one, newest first.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        params = page_params(max_id, min_id, since_id, limit)
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/followers", PaginatableList[Account], params=params)

    @api_version("1.0.0", "1.4.0")
    def account_relationships(
        self, id: Account | IdType | list[Account | IdType], with_suspended: bool | None = None
    ) -> NonPaginatableList[Relationship]:
        """Fetch how the logged-in user relates to one or more accounts (following, blocking, ...).

        Args:
            id: An account or ID, or a list of them.
            with_suspended: Also answer for suspended accounts.

        Returns:
            One relationship per account the server knows, in the order asked.
        """
        ids = id_list("id", id) if id is not None else []
        # A single ID goes as ``id``, a list as ``id[]``, none not at all: the server answers each.
        single = isinstance(id, (str, int, Mapping))
        id_param: str | list[str] | None = ids[0] if single else ids or None
        return self._call(
            "GET",
            "/api/v1/accounts/relationships",
            NonPaginatableList[Relationship],
            params={"id": id_param, "with_suspended": with_suspended},
        )

    @api_version("1.0.0", "2.8.0")
    def account_search(
        self,
        q: str,
        limit: int | None = None,
        following: bool = False,
        resolve: bool = False,
        offset: int | None = None,
    ) -> PaginatableList[Account]:
        """Search accounts by name or address.

        Results are paged by ``offset``; the page's pagination info knows the next offset.

        Args:
            q: What to search for; a ``user@domain`` address finds that account.
            limit: How many accounts to return (the server's default is 40, at most 80).
            following: Only accounts the logged-in user follows.
            resolve: Look an unknown ``user@domain`` address up on its server (WebFinger).
            offset: Skip this many results.

        Returns:
            The matching accounts.
        """
        _check_query(q)
        check_count("limit", limit)
        check_count("offset", offset)
        params = {"q": q, "limit": limit, "following": following, "resolve": resolve, "offset": offset}
        return self._call("GET", "/api/v1/accounts/search", PaginatableList[Account], params=params, paginate="offset")

    # -- following, blocking, muting -----------------------------------------------------------

    @api_version("1.0.0", "3.3.0")
    def account_follow(
        self,
        id: Account | IdType,
        reblogs: bool = True,
        notify: bool = False,
        languages: list[str] | None = None,
    ) -> Relationship:
        """Follow an account, or change how an existing follow behaves.

        Args:
            id: The account to follow, or its ID.
            reblogs: Show the account's boosts in the home timeline.
            notify: Get a notification for each new post by the account.
            languages: Only show its posts in these languages (ISO 639-1 codes); all when not given.

        Returns:
            The relationship to the account after the change.
        """
        form = {"reblogs": reblogs, "notify": notify, "languages": text_list("languages", languages)}
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/follow", Relationship, form=form)

    @api_version("1.0.0", "2.1.0")
    def follows(self, uri: str) -> Relationship:
        """Follow an account given by its address (``user@domain``).

        The server's old endpoint for this is gone, so the address is looked up with an
        account search (among the accounts the server already knows, as Mastodon.py always
        did) and the account found is followed.

        Args:
            uri: The account's address, with or without a leading ``@``.

        Returns:
            The relationship to the account after following it.

        Raises:
            MastodonNotFoundError: No account has that address.
        """
        _check_query(uri)
        params = {"q": uri, "following": False, "resolve": False}
        found = self._call("GET", "/api/v1/accounts/search", PaginatableList[Account], params=params)
        if not isinstance(found, list) or not found:
            raise MastodonNotFoundError.build(None, None, f"no account found for {uri!r}")
        wanted = uri.strip().lstrip("@").lower()
        # Prefer the account whose address is exactly the one asked for over a fuzzy match.
        target = next((acct for acct in found if str(acct.get("acct", "")).lower() == wanted), found[0])
        form = {"reblogs": True, "notify": False}
        return self._call("POST", f"/api/v1/accounts/{id_of(target)}/follow", Relationship, form=form)

    @api_version("1.0.0", "1.4.0")
    def account_unfollow(self, id: Account | IdType) -> Relationship:
        """Stop following an account (or withdraw a follow request).

        Args:
            id: The account, or its ID.

        Returns:
            The relationship to the account after the change.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/unfollow", Relationship)

    @api_version("1.0.0", "1.4.0")
    def account_block(self, id: Account | IdType) -> Relationship:
        """Block an account.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship to the account after the change.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/block", Relationship)

    @api_version("1.0.0", "1.4.0")
    def account_unblock(self, id: Account | IdType) -> Relationship:
        """Lift a block on an account.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship to the account after the change.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/unblock", Relationship)

    @api_version("1.1.0", "2.4.3")
    def account_mute(
        self, id: Account | IdType, notifications: bool = True, duration: int | None = None
    ) -> Relationship:
        """Mute an account: hide its posts from the logged-in user's timelines.

        Args:
            id: The account, or its ID.
            notifications: Also hide notifications from it.
            duration: Lift the mute by itself after this many seconds; forever when not given.

        Returns:
            The relationship to the account after the change.
        """
        if duration is not None and (isinstance(duration, bool) or not isinstance(duration, (int, float))):
            raise MastodonIllegalArgumentError(f"duration must be a number of seconds, not {duration!r}")
        form = {"notifications": notifications, "duration": duration}
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/mute", Relationship, form=form)

    @api_version("1.1.0", "1.4.0")
    def account_unmute(self, id: Account | IdType) -> Relationship:
        """Lift a mute on an account.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship to the account after the change.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/unmute", Relationship)

    # -- one's own profile ---------------------------------------------------------------------

    @api_version("1.1.1", "4.6.1")
    def account_update_credentials(
        self,
        display_name: str | None = None,
        note: str | None = None,
        avatar: PathOrFile | None = None,
        avatar_mime_type: str | None = None,
        header: PathOrFile | None = None,
        header_mime_type: str | None = None,
        locked: bool | None = None,
        bot: bool | None = None,
        discoverable: bool | None = None,
        fields: list[tuple[str, str]] | None = None,
        hide_collections: bool | None = None,
        indexable: bool | None = None,
        attribution_domains: list[str] | None = None,
        default_privacy: str | None = None,
        default_sensitive: bool | None = None,
        default_language: str | None = None,
        default_quote_policy: str | None = None,
        avatar_description: str | None = None,
        header_description: str | None = None,
    ) -> Account:
        """Change the logged-in user's profile and posting defaults; what is not given stays as it is.

        Images are sent as a multipart upload. Their MIME type is taken from the ``*_mime_type``
        argument, else guessed (python-magic when installed, else the file name).

        Args:
            display_name: The name shown on the profile.
            note: The profile's bio.
            avatar: The avatar image: a file path, raw bytes or a binary file object.
            avatar_mime_type: The avatar's MIME type (needed for raw bytes without python-magic).
            header: The header image, in the same forms as ``avatar``.
            header_mime_type: The header's MIME type.
            locked: Approve each follower by hand.
            bot: Mark the account as automated.
            discoverable: List the account in the profile directory.
            fields: ``(name, value)`` pairs shown on the profile (the server sets how many it keeps).
            hide_collections: Hide whom the account follows and who follows it.
            indexable: Let anyone find the account's public posts in search.
            attribution_domains: Websites allowed to credit the account as author (at most 10).
            default_privacy: Default visibility of new posts: ``public``, ``unlisted`` or ``private``.
            default_sensitive: Mark new posts' media as sensitive by default.
            default_language: Default language of new posts (ISO 639-1).
            default_quote_policy: Who may quote new posts: ``public``, ``followers`` or ``nobody``.
            avatar_description: Alt text for the avatar.
            header_description: Alt text for the header.

        Returns:
            The updated account (with its ``source`` settings).
        """
        check_text("default_privacy", default_privacy)
        check_text("default_quote_policy", default_quote_policy)
        texts = (
            ("display_name", display_name),
            ("note", note),
            ("default_language", default_language),
            ("avatar_description", avatar_description),
            ("header_description", header_description),
            ("avatar_mime_type", avatar_mime_type),
            ("header_mime_type", header_mime_type),
        )
        for name, value in texts:
            check_text(name, value)
        attribution_domains = text_list("attribution_domains", attribution_domains)
        form: dict[str, Any] = {
            "display_name": display_name,
            "note": note,
            "locked": locked,
            "bot": bot,
            "discoverable": discoverable,
            "hide_collections": hide_collections,
            "indexable": indexable,
            "attribution_domains": attribution_domains,
            "source[privacy]": default_privacy,
            "source[sensitive]": default_sensitive,
            "source[language]": default_language,
            "source[quote_policy]": default_quote_policy,
            "avatar_description": avatar_description,
            "header_description": header_description,
        }
        if fields is not None:
            check_profile_fields(self, fields)
            form.update(_profile_fields(fields))
        from mastodon._http.uploads import load_media

        files: dict[str, MediaUpload] = {}
        if avatar is not None:
            files["avatar"] = load_media(avatar, avatar_mime_type, what="avatar")
        if header is not None:
            files["header"] = load_media(header, header_mime_type, what="header")
        return self._call("PATCH", "/api/v1/accounts/update_credentials", Account, form=form, files=files or None)

    # -- more about accounts ----------------------------------------------------------------------

    @api_version("4.3.0", "4.3.0")
    def accounts(self, ids: list[Account | IdType]) -> NonPaginatableList[Account]:
        """Fetch several accounts at once.

        Args:
            ids: Accounts or IDs (one alone need not be in a list).

        Returns:
            The accounts the server knows, suspended ones left out.
        """
        return self._call("GET", "/api/v1/accounts", NonPaginatableList[Account], params={"id[]": id_list("ids", ids)})

    @api_version("3.4.0", "3.4.0")
    def account_lookup(self, acct: str) -> Account:
        """Find an account by its address, without searching.

        Args:
            acct: ``"user"`` for a local account, ``"user@domain"`` for a remote one the server
                knows.

        Returns:
            The account.

        Raises:
            MastodonNotFoundError: The server knows no such account.
        """
        check_text("acct", acct, required=True)
        return self._call("GET", "/api/v1/accounts/lookup", Account, params={"acct": acct})

    @api_version("2.1.0", "2.1.0")
    def account_lists(self, id: Account | IdType) -> NonPaginatableList[UserList]:
        """The logged-in user's lists that hold an account.

        Args:
            id: The account, or its ID.

        Returns:
            The lists.
        """
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/lists", NonPaginatableList[UserList])

    @api_version("3.5.0", "3.5.0")
    def account_familiar_followers(
        self, id: Account | IdType | list[Account | IdType]
    ) -> NonPaginatableList[FamiliarFollowers]:
        """Accounts the logged-in user follows that also follow the given accounts.

        Args:
            id: An account or ID, or a list of them.

        Returns:
            One entry per account asked about, with its familiar followers.
        """
        # Mastodon.py sends the IDs as a JSON body of this GET; the server reads them from there.
        return self._call(
            "GET",
            "/api/v1/accounts/familiar_followers",
            NonPaginatableList[FamiliarFollowers],
            json={"id": id_list("id", id)},
        )

    @api_version("3.3.0", "3.3.0")
    def account_featured_tags(self, id: Account | IdType) -> NonPaginatableList[Tag]:
        """The hashtags an account features on its profile.

        Args:
            id: The account, or its ID.

        Returns:
            The hashtags.
        """
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/featured_tags", NonPaginatableList[Tag])

    @api_version("3.5.0", "3.5.0")
    def account_remove_from_followers(self, id: Account | IdType) -> Relationship:
        """Make an account stop following the logged-in user.

        Args:
            id: The follower, or its ID.

        Returns:
            The relationship afterwards.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/remove_from_followers", Relationship)

    @api_version("2.5.0", "2.5.0")
    def account_pin(self, id: Account | IdType) -> Relationship:
        """Feature an account on the logged-in user's profile (the name before Mastodon 4.4).

        Servers from 4.4 on call this endorsing; see :meth:`account_endorse`.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship afterwards (``endorsed`` is true).
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/pin", Relationship)

    @api_version("2.5.0", "2.5.0")
    def account_unpin(self, id: Account | IdType) -> Relationship:
        """Stop featuring an account on the profile (the name before Mastodon 4.4).

        Args:
            id: The account, or its ID.

        Returns:
            The relationship afterwards.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/unpin", Relationship)

    @api_version("4.4.0", "4.4.0")
    def account_endorse(self, id: Account | IdType) -> Relationship:
        """Feature (endorse) an account on the logged-in user's profile.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship afterwards (``endorsed`` is true).
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/endorse", Relationship)

    @api_version("4.4.0", "4.4.0")
    def account_unendorse(self, id: Account | IdType) -> Relationship:
        """Stop featuring (endorsing) an account on the profile.

        Args:
            id: The account, or its ID.

        Returns:
            The relationship afterwards.
        """
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/unendorse", Relationship)

    @api_version("3.2.0", "3.2.0")
    def account_note_set(self, id: Account | IdType, comment: str) -> Relationship:
        """Set the logged-in user's private note on an account (only they see it).

        Args:
            id: The account, or its ID.
            comment: The note; empty text removes it.

        Returns:
            The relationship afterwards, its ``note`` holding the comment.
        """
        check_text("comment", comment, required=True)
        return self._call("POST", f"/api/v1/accounts/{id_of(id)}/note", Relationship, form={"comment": comment})

    @api_version("4.2.0", "4.2.0")
    def account_delete_avatar(self) -> Account:
        """Remove the logged-in user's avatar (the server's default takes its place).

        Returns:
            The user's account afterwards.
        """
        return self._call("DELETE", "/api/v1/profile/avatar", Account)

    @api_version("4.2.0", "4.2.0")
    def account_delete_header(self) -> Account:
        """Remove the logged-in user's header image.

        Returns:
            The user's account afterwards.
        """
        return self._call("DELETE", "/api/v1/profile/header", Account)

    @api_version("3.4.0", "3.4.0")
    def email_resend_confirmation(self) -> None:
        """Send the confirmation e-mail again, for an account made with :meth:`create_account`.

        Needs the token of the unconfirmed account.
        """
        self._call("POST", "/api/v1/emails/confirmations", None)

    # -- beyond Mastodon.py -----------------------------------------------------------------------

    @api_version("4.4.0", "4.4.0")
    def account_endorsements(
        self,
        id: Account | IdType,
        max_id: Account | IdType | None = None,
        since_id: Account | IdType | None = None,
        limit: int | None = None,
    ) -> PaginatableList[Account]:
        """The accounts another account features on its profile. Not in Mastodon.py.

        Args:
            id: The account, or its ID.
            max_id: Page cursor: results before this one.
            since_id: Page cursor: results after this one.
            limit: How many accounts to return (the server's default is 40, at most 80).

        Returns:
            A page of accounts.
        """
        params = page_params(max_id, None, since_id, limit)
        return self._call("GET", f"/api/v1/accounts/{id_of(id)}/endorsements", PaginatableList[Account], params=params)

    def account_email_subscribe(self, id: Account | IdType, email: str) -> None:
        """Subscribe an e-mail address to an account's posts, where the account offers it. Not in Mastodon.py.

        The endpoint is undocumented; the server sends a confirmation message to the address.

        Args:
            id: The account, or its ID.
            email: The address to send the posts to.
        """
        check_text("email", email, required=True)
        self._call("POST", f"/api/v1/accounts/{id_of(id)}/email_subscriptions", None, form={"email": email})

    def email_check_confirmation(self) -> bool:
        """Whether the logged-in user has confirmed their e-mail address. Not in Mastodon.py.

        The endpoint is undocumented; the web app asks it while waiting for a confirmation.

        Returns:
            ``True`` once the address is confirmed.
        """
        answer = self._call("GET", "/api/v1/emails/check_confirmation", None)
        return answer is True
