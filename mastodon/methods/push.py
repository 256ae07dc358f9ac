"""Web Push: the subscription of this app's token, and the keys and decryption its messages need."""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from typing import Any

from mastodon import compat
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.methods._args import check_choice, check_text
from mastodon.methods._base import MethodsBase
from mastodon.return_types import (
    PushNotification,
    WebpushCryptoParamsPrivkey,
    WebpushCryptoParamsPubkey,
    WebPushSubscription,
)
from mastodon.types_base import try_cast_recurse
from mastodon.versions import api_version

__all__ = ["PushMixin"]

_PATH = "/api/v1/push/subscription"
_POLICIES = ("all", "none", "follower", "followed")
_NEEDS_EXTRA = "Web Push keys and decryption need the webpush extra: pip install 'mastodon[webpush]'"


def _alerts(**events: bool | None) -> dict[str, bool]:
    """The ``data[alerts][...]`` fields of the events given, under the names the server reads."""
    names = {"admin_sign_up": "admin.sign_up", "admin_report": "admin.report"}
    return {
        f"data[alerts][{names.get(event, event)}]": wanted for event, wanted in events.items() if wanted is not None
    }


def _endpoint(url: Any) -> str:
    """The push endpoint as the server wants it: ``https://`` added when no scheme is given, no end slash."""
    check_text("endpoint", url, required=True)
    text = str(url)
    if not text.startswith(("http://", "https://")):
        text = "https://" + text
    return text.rstrip("/")


def _key_text(value: Any, name: str) -> str:
    """A key for the subscription form: bytes in standard base64, text (already encoded) as given."""
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, str):
        return value
    raise MastodonIllegalArgumentError(f"encrypt_params[{name!r}] must be bytes, not {type(value).__name__}")


def _unpadded_b64(text: str) -> bytes:
    """URL-safe base64 as Web Push headers carry it, padding optional."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _header_value(header: str, key: str) -> str | None:
    """The value of ``key=`` in an ``Encryption`` or ``Crypto-Key`` header (parts split by ``;`` or ``,``)."""
    for part in header.replace(",", ";").split(";"):
        name, _, value = part.strip().partition("=")
        if name.strip() == key and value:
            return value.strip().strip('"')
    return None


class PushMixin(MethodsBase):
    """The Web Push subscription of this token, and the keys and decryption for its messages."""

    @api_version("2.4.0", "2.4.0")
    def push_subscription(self) -> WebPushSubscription:
        """The Web Push subscription of this token (one per token at most).

        Returns:
            The subscription: its endpoint, the server's key and the alerts it sends.

        Raises:
            MastodonNotFoundError: The token has no subscription.
        """
        return self._call("GET", _PATH, WebPushSubscription)

    # "4..0" is the mark Mastodon.py 2.3.3 carries here; it reads as 4.0.0.
    @api_version("2.4.0", "4..0")
    def push_subscription_set(
        self,
        endpoint: str,
        encrypt_params: WebpushCryptoParamsPubkey,
        follow_events: bool | None = None,
        favourite_events: bool | None = None,
        reblog_events: bool | None = None,
        mention_events: bool | None = None,
        poll_events: bool | None = None,
        follow_request_events: bool | None = None,
        status_events: bool | None = None,
        policy: str = "all",
        update_events: bool | None = None,
        admin_sign_up_events: bool | None = None,
        admin_report_events: bool | None = None,
        quote_events: bool | None = None,
        quoted_update_events: bool | None = None,
        standard: bool | None = None,
    ) -> WebPushSubscription:
        """Subscribe this token to Web Push messages, replacing any subscription it had.

        Args:
            endpoint: Where the server sends the messages (``https://`` is added when no scheme
                is given).
            encrypt_params: The public half from :meth:`push_subscription_generate_keys`:
                ``pubkey`` and ``auth`` as bytes.
            follow_events: Send a message for new followers.
            favourite_events: ... for favourites of the user's statuses.
            reblog_events: ... for boosts of the user's statuses.
            mention_events: ... for mentions.
            poll_events: ... for ended polls the user voted in or made.
            follow_request_events: ... for follow requests.
            status_events: ... for new statuses of accounts the user subscribed to.
            policy: Whose actions send messages: ``"all"``, ``"followed"``, ``"follower"`` or
                ``"none"``.
            update_events: ... for edits of statuses the user boosted.
            admin_sign_up_events: ... for new sign-ups (moderators only).
            admin_report_events: ... for new reports (moderators only).
            quote_events: ... for quotes of the user's statuses.
            quoted_update_events: ... for edits of statuses the user quoted.
            standard: Ask for messages encrypted as RFC 8291 specifies (``aes128gcm``,
                Mastodon 4.4 and later) instead of the older ``aesgcm`` draft.

        Returns:
            The new subscription.

        Raises:
            MastodonIllegalArgumentError: ``policy`` is not one of the four, or a key is not bytes.
        """
        if policy is None:
            raise MastodonIllegalArgumentError(f"policy must be one of {', '.join(map(repr, _POLICIES))}; got None")
        check_choice("policy", policy, _POLICIES)
        if not isinstance(encrypt_params, Mapping) or not {"pubkey", "auth"} <= set(encrypt_params):
            raise MastodonIllegalArgumentError("encrypt_params must hold 'pubkey' and 'auth'")
        form: dict[str, Any] = {
            "subscription[endpoint]": _endpoint(endpoint),
            "subscription[keys][p256dh]": _key_text(encrypt_params["pubkey"], "pubkey"),
            "subscription[keys][auth]": _key_text(encrypt_params["auth"], "auth"),
            "policy": policy,
        }
        form.update(
            _alerts(
                follow=follow_events,
                favourite=favourite_events,
                reblog=reblog_events,
                mention=mention_events,
                poll=poll_events,
                follow_request=follow_request_events,
                status=status_events,
                update=update_events,
                admin_sign_up=admin_sign_up_events,
                admin_report=admin_report_events,
                quote=quote_events,
                quoted_update=quoted_update_events,
            )
        )
        if standard is not None:
            form["subscription[standard]"] = standard
        return self._call("POST", _PATH, WebPushSubscription, form=form)

    @api_version("2.4.0", "2.4.0")
    def push_subscription_update(
        self,
        follow_events: bool | None = None,
        favourite_events: bool | None = None,
        reblog_events: bool | None = None,
        mention_events: bool | None = None,
        poll_events: bool | None = None,
        follow_request_events: bool | None = None,
        status_events: bool | None = None,
        policy: str | None = "all",
        update_events: bool | None = None,
        admin_sign_up_events: bool | None = None,
        admin_report_events: bool | None = None,
        quote_events: bool | None = None,
        quoted_update_events: bool | None = None,
    ) -> WebPushSubscription:
        """Change which events the subscription sends, keeping its endpoint and keys.

        The arguments are those of :meth:`push_subscription_set`; an event left as ``None`` is
        not changed. ``policy`` is sent as given (``None`` leaves it out).

        Returns:
            The changed subscription.
        """
        form: dict[str, Any] = {"policy": policy}
        form.update(
            _alerts(
                follow=follow_events,
                favourite=favourite_events,
                reblog=reblog_events,
                mention=mention_events,
                poll=poll_events,
                follow_request=follow_request_events,
                status=status_events,
                update=update_events,
                admin_sign_up=admin_sign_up_events,
                admin_report=admin_report_events,
                quote=quote_events,
                quoted_update=quoted_update_events,
            )
        )
        return self._call("PUT", _PATH, WebPushSubscription, form=form)

    @api_version("2.4.0", "2.4.0")
    def push_subscription_delete(self) -> None:
        """End the Web Push subscription of this token."""
        self._call("DELETE", _PATH, None)

    # -- keys and decryption (the webpush extra) --------------------------------------------------

    def push_subscription_generate_keys(self) -> tuple[WebpushCryptoParamsPrivkey, WebpushCryptoParamsPubkey]:
        """Make a new P-256 key pair and shared secret for a Web Push subscription.

        Returns:
            ``(private, public)``: keep ``private`` (``privkey`` and ``auth``) to decrypt
            messages with :meth:`push_subscription_decrypt_push`; give ``public`` (``pubkey``
            and ``auth``) to :meth:`push_subscription_set`.

        Raises:
            NotImplementedError: The ``webpush`` extra is not installed.
        """
        if not compat.IMPL_HAS_CRYPTO:
            raise NotImplementedError(_NEEDS_EXTRA)
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        key = ec.generate_private_key(ec.SECP256R1())
        auth = os.urandom(16)
        public = key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        return {"privkey": key.private_numbers().private_value, "auth": auth}, {"pubkey": public, "auth": auth}

    @api_version("2.4.0", "2.4.0")
    def push_subscription_decrypt_push(
        self,
        data: bytes,
        decrypt_params: WebpushCryptoParamsPrivkey,
        encryption_header: str | None = None,
        crypto_key_header: str | None = None,
    ) -> PushNotification:
        """Decrypt the body of a Web Push message into the notification it carries.

        Both encodings servers use are read: ``aes128gcm`` (RFC 8291, subscriptions made with
        ``standard=True``; the salt and the server's key travel in the body, so leave both
        headers out) and the older ``aesgcm`` draft (pass the message's ``Encryption`` and
        ``Crypto-Key`` headers).

        Args:
            data: The body of the message, as received.
            decrypt_params: The private half from :meth:`push_subscription_generate_keys`.
            encryption_header: The message's ``Encryption`` header (``aesgcm`` only).
            crypto_key_header: The message's ``Crypto-Key`` header (``aesgcm`` only).

        Returns:
            The notification.

        Raises:
            NotImplementedError: The ``webpush`` extra is not installed.
            MastodonIllegalArgumentError: The message cannot be decrypted with these keys (a
                wrong key, a changed body, headers that are missing or malformed).
        """
        if not (compat.IMPL_HAS_CRYPTO and compat.IMPL_HAS_ECE):
            raise NotImplementedError(_NEEDS_EXTRA)
        import http_ece
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.asymmetric import ec

        if not isinstance(data, (bytes, bytearray)):
            raise MastodonIllegalArgumentError(f"data must be the message body as bytes, not {type(data).__name__}")
        try:
            private_key = ec.derive_private_key(int(decrypt_params["privkey"]), ec.SECP256R1())
            auth = bytes(decrypt_params["auth"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MastodonIllegalArgumentError(f"decrypt_params must hold 'privkey' and 'auth': {exc}") from None
        options: dict[str, Any] = {"private_key": private_key, "auth_secret": auth}
        if encryption_header or crypto_key_header:
            salt = _header_value(encryption_header or "", "salt")
            server_key = _header_value(crypto_key_header or "", "dh")
            if salt is None or server_key is None:
                raise MastodonIllegalArgumentError(
                    "an aesgcm message needs its Encryption header (salt=...) and Crypto-Key header (dh=...)"
                )
            try:
                options.update(salt=_unpadded_b64(salt), dh=_unpadded_b64(server_key), keylabel="P-256")
            except (binascii.Error, ValueError):
                raise MastodonIllegalArgumentError("the salt or dh of the push headers is not base64") from None
            options["version"] = "aesgcm"
        else:
            options["version"] = "aes128gcm"
        try:
            plain = http_ece.decrypt(bytes(data), **options)
        except (InvalidTag, http_ece.ECEException, ValueError, IndexError) as exc:
            raise MastodonIllegalArgumentError(
                f"the push message could not be decrypted with these keys ({type(exc).__name__})"
            ) from None
        try:
            decoded = json.loads(plain.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise MastodonIllegalArgumentError("the decrypted push message is not JSON") from None
        result: PushNotification = try_cast_recurse(PushNotification, decoded)
        return result
