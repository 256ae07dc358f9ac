"""The logged-in user's profile, as edited (Mastodon 4.6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mastodon.methods._args import check_text, text_list
from mastodon.methods._base import MethodsBase
from mastodon.methods._limits import check_profile_fields
from mastodon.methods.accounts import _profile_fields
from mastodon.return_types import PathOrFile, Profile
from mastodon.versions import api_version

# Reading media for upload is loaded with the first upload, not with the client.
if TYPE_CHECKING:
    from mastodon._http.uploads import MediaUpload

__all__ = ["ProfileMixin"]


class ProfileMixin(MethodsBase):
    """The logged-in user's profile, as edited (Mastodon 4.6)."""

    @api_version("4.6.0", "4.6.0")
    def profile(self) -> Profile:
        """The logged-in user's profile as its edit form shows it (plain text, not HTML).

        Returns:
            The profile.
        """
        return self._call("GET", "/api/v1/profile", Profile)

    @api_version("4.6.0", "4.6.0")
    def profile_update(
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
        hide_collections: bool | None = None,
        indexable: bool | None = None,
        show_media: bool | None = None,
        show_media_replies: bool | None = None,
        show_featured: bool | None = None,
        attribution_domains: list[str] | None = None,
        fields: list[tuple[str, str]] | None = None,
        avatar_description: str | None = None,
        header_description: str | None = None,
    ) -> Profile:
        """Change the logged-in user's profile; what is not given stays as it is.

        Images go as a multipart upload; their MIME type is taken from the ``*_mime_type``
        argument, else guessed.

        Args:
            display_name: The name shown.
            note: The biography (plain text; links and mentions are found by the server).
            avatar: A new avatar image (path, bytes or file).
            avatar_mime_type: Its MIME type.
            header: A new header image.
            header_mime_type: Its MIME type.
            locked: Approve followers by hand.
            bot: Mark the account as automated.
            discoverable: Suggest the account to others and list it in the directory.
            hide_collections: Hide whom the account follows and who follows it.
            indexable: Let others find the account's public posts in search.
            show_media: Show the media tab on the profile.
            show_media_replies: Include replies in the media tab.
            show_featured: Show the featured tab.
            attribution_domains: Sites whose links may credit the account as author.
            fields: ``(name, value)`` pairs shown on the profile.
            avatar_description: Alternative text of the avatar.
            header_description: Alternative text of the header.

        Returns:
            The profile afterwards.
        """
        for name, value in (
            ("display_name", display_name),
            ("note", note),
            ("avatar_description", avatar_description),
            ("header_description", header_description),
        ):
            check_text(name, value)
        form: dict[str, Any] = {
            "display_name": display_name,
            "note": note,
            "locked": locked,
            "bot": bot,
            "discoverable": discoverable,
            "hide_collections": hide_collections,
            "indexable": indexable,
            "show_media": show_media,
            "show_media_replies": show_media_replies,
            "show_featured": show_featured,
            "attribution_domains": text_list("attribution_domains", attribution_domains),
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
        return self._call("PATCH", "/api/v1/profile", Profile, form=form, files=files or None)
