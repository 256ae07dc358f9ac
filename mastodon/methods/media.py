"""Media attachments: uploading, describing and checking on them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mastodon.errors import MastodonIllegalArgumentError, MastodonVersionError
from mastodon.methods._args import check_text, id_of
from mastodon.methods._base import MethodsBase
from mastodon.methods._limits import check_media
from mastodon.return_types import MediaAttachment
from mastodon.types_base import IdType, PathOrFile
from mastodon.versions import api_version

# Reading media for upload (mastodon._http.uploads) is loaded on first use, not with the client.
if TYPE_CHECKING:
    from mastodon._http import uploads as _uploads

__all__ = ["MediaMixin"]


def _check_description(description: Any) -> None:
    if description is not None and not isinstance(description, str):
        raise MastodonIllegalArgumentError(f"description must be text, not {type(description).__name__}")


class MediaMixin(MethodsBase):
    """Uploading media and editing their descriptions, focal points and thumbnails."""

    def _thumbnail_upload(
        self, thumbnail: Any, mime_type: str | None, mime_name: str = "thumbnail_mime_type"
    ) -> _uploads.MediaUpload | None:
        check_text(mime_name, mime_type)
        if thumbnail is None:
            return None
        if not self._version_at_least("3.2.0"):
            raise MastodonVersionError("custom thumbnails need Mastodon 3.2.0 or later")
        from mastodon._http import uploads as _uploads

        return _uploads.load_media(thumbnail, mime_type, None, "thumbnail")

    @api_version("1.0.0", "3.2.0")
    def media_post(
        self,
        media_file: PathOrFile,
        mime_type: str | None = None,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        file_name: str | None = None,
        thumbnail: PathOrFile | None = None,
        thumbnail_mime_type: str | None = None,
        synchronous: bool = False,
    ) -> MediaAttachment:
        """Upload an image, video or audio file, to attach to a status with :meth:`status_post`.

        The MIME type is taken from ``mime_type``, else from the content when python-magic is
        installed, else from the file name. Servers from 3.1.4 on process uploads in the
        background: the result's ``url`` is ``None`` until they are done, and a status cannot
        use the media before that. ``synchronous=True`` waits for it (up to five minutes).

        Args:
            media_file: A path, the raw bytes, or a file object opened in binary mode.
            mime_type: The MIME type, e.g. ``'image/png'``; needed for raw bytes when it
                cannot be told otherwise.
            description: Alternative text for people who cannot see or hear the media.
            focus: The focal point ``(x, y)``, each from -1 to 1 (left/bottom to right/top),
                that thumbnails keep in view.
            file_name: The file name to send; by default a random one, so local file names
                are not published.
            thumbnail: A custom preview image (Mastodon 3.2.0 and later), in the same forms as
                ``media_file``.
            thumbnail_mime_type: The MIME type of ``thumbnail``.
            synchronous: Wait until the server has processed the media, so that ``url`` is set.

        Returns:
            The new media attachment.

        Raises:
            MastodonFileNotFoundError: A path does not exist.
            MastodonIOError: A file could not be read.
            MastodonIllegalArgumentError: A bad focus, or no way to tell the MIME type.
            MastodonVersionError: ``thumbnail`` on a server before 3.2.0.
            MastodonAPIError: With ``synchronous=True``, the server had not finished in time.
        """
        from mastodon._http import uploads as _uploads

        focus_text = _uploads.focus_param(focus)
        _check_description(description)
        upload = _uploads.load_media(media_file, mime_type, file_name, "media_file")
        check_media(self, upload.data, upload.mime_type)
        files = {"file": upload}
        thumb = self._thumbnail_upload(thumbnail, thumbnail_mime_type)
        if thumb is not None:
            files["thumbnail"] = thumb
        path = "/api/v2/media" if self._version_at_least("3.1.4") else "/api/v1/media"
        form = {"description": description, "focus": focus_text}
        media = self._call("POST", path, MediaAttachment, form=form, files=files)
        if synchronous:
            media_id = id_of(media, "uploaded media")
            media = _uploads.wait_until_processed(lambda: self._media(media_id), media)
        return media

    @api_version("2.3.0", "3.2.0")
    def media_update(
        self,
        id: MediaAttachment | IdType,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        thumbnail: PathOrFile | None = None,
        thumbnail_mime_type: str | None = None,
    ) -> MediaAttachment:
        """Change the description, focal point or thumbnail of an uploaded media attachment.

        Args:
            id: The media attachment, or its ID.
            description: New alternative text.
            focus: New focal point ``(x, y)``, each from -1 to 1.
            thumbnail: A new preview image (Mastodon 3.2.0 and later): a path, bytes or a
                binary file object.
            thumbnail_mime_type: The MIME type of ``thumbnail``.

        Returns:
            The updated media attachment.
        """
        from mastodon._http import uploads as _uploads

        key = id_of(id)
        form = {"description": description, "focus": _uploads.focus_param(focus)}
        _check_description(description)
        thumb = self._thumbnail_upload(thumbnail, thumbnail_mime_type)
        files = {"thumbnail": thumb} if thumb is not None else None
        return self._call("PUT", f"/api/v1/media/{key}", MediaAttachment, form=form, files=files)

    @api_version("3.1.4", "3.1.4")
    def media(self, id: MediaAttachment | IdType) -> MediaAttachment:
        """Fetch a media attachment, to see whether the server has finished processing it.

        Args:
            id: The media attachment, or its ID.

        Returns:
            The media attachment; its ``url`` is ``None`` while processing goes on.
        """
        return self._media(id)

    @api_version("4.4.0", "4.4.0")
    def media_delete(self, id: MediaAttachment | IdType) -> None:
        """Delete an uploaded media attachment that no status uses. Not in Mastodon.py.

        Args:
            id: The media attachment, or its ID.

        Raises:
            MastodonAPIError: The attachment is already part of a status (422).
        """
        self._call("DELETE", f"/api/v1/media/{id_of(id)}", None)

    def _media(self, id: MediaAttachment | IdType) -> MediaAttachment:
        return self._call("GET", f"/api/v1/media/{id_of(id)}", MediaAttachment)

    def generate_media_edit_attributes(
        self,
        id: MediaAttachment | IdType,
        description: str | None = None,
        focus: tuple[float, float] | None = None,
        thumbnail: PathOrFile | None = None,
        thumb_mimetype: str | None = None,
    ) -> dict[str, Any]:
        """Describe a change to one media attachment of a status, for ``status_update(media_attributes=...)``.

        Nothing is sent. A thumbnail is read at once and carried inside as a ``data:`` URI.

        Args:
            id: The media attachment, or its ID.
            description: New alternative text.
            focus: New focal point ``(x, y)``, each from -1 to 1.
            thumbnail: A new preview image (Mastodon 3.2.0 and later).
            thumb_mimetype: The MIME type of ``thumbnail``.

        Returns:
            A dict with ``id`` and the attributes given.
        """
        from mastodon._http import uploads as _uploads

        attributes: dict[str, Any] = {"id": id_of(id)}
        _check_description(description)
        if description is not None:
            attributes["description"] = description
        focus_text = _uploads.focus_param(focus)
        if focus_text is not None:
            attributes["focus"] = focus_text
        thumb = self._thumbnail_upload(thumbnail, thumb_mimetype, "thumb_mimetype")
        if thumb is not None:
            attributes["thumbnail"] = _uploads.data_uri(thumb)
        return attributes
