"""Web Push: the subscription requests, and keys and decryption against an independent encryption."""

from __future__ import annotations

import base64
import json
import os
from typing import Any

import http_ece
import pytest
import responses
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from mastodon import Mastodon, compat
from mastodon.errors import MastodonIllegalArgumentError
from mastodon.return_types import PushNotification, WebPushSubscription
from tests.conftest import BASE
from tests.methods._helpers import form_of

PATH = BASE + "/api/v1/push/subscription"
SUBSCRIPTION = {
    "id": "5",
    "endpoint": "https://push.example.net/sub",
    "server_key": "BKey",
    "standard": True,
    "alerts": {"follow": True, "mention": False, "admin.sign_up": True, "admin.report": False, "update": True},
    "policy": "all",
}
KEYS = {"pubkey": b"public-key", "auth": b"auth-secret"}
NOTIFICATION = {
    "access_token": "not-a-real-token",
    "preferred_locale": "en",
    "notification_id": "123",
    "notification_type": "mention",
    "icon": "https://mastodon.example/avatar.png",
    "title": "Ann mentioned you",
    "body": "hello",
}


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


# -- the subscription --------------------------------------------------------------------------------


def test_push_subscription(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.get(PATH, json=SUBSCRIPTION)
    subscription = api.push_subscription()
    assert isinstance(subscription, WebPushSubscription)
    assert subscription.alerts.admin_sign_up is True and subscription.alerts.update_ is True
    assert subscription.alerts["admin.report"] is False


@pytest.mark.parametrize(
    ("kwargs", "extra"),
    [
        ({}, []),
        (
            {"follow_events": True, "mention_events": False},
            [("data[alerts][follow]", "1"), ("data[alerts][mention]", "0")],
        ),
        ({"admin_sign_up_events": True}, [("data[alerts][admin.sign_up]", "1")]),
        ({"admin_report_events": False}, [("data[alerts][admin.report]", "0")]),
        (
            {"quote_events": True, "quoted_update_events": True},
            [("data[alerts][quote]", "1"), ("data[alerts][quoted_update]", "1")],
        ),
        ({"standard": True}, [("subscription[standard]", "1")]),
        ({"policy": "followed"}, None),
    ],
)
def test_push_subscription_set(
    mocked: responses.RequestsMock, api: Mastodon, kwargs: dict[str, Any], extra: list[tuple[str, str]] | None
) -> None:
    mocked.post(PATH, json=SUBSCRIPTION)
    result = api.push_subscription_set("push.example.net/sub/", KEYS, **kwargs)
    assert isinstance(result, WebPushSubscription)
    policy = kwargs.get("policy", "all")
    expected = [
        ("subscription[endpoint]", "https://push.example.net/sub"),
        ("subscription[keys][p256dh]", _b64(b"public-key")),
        ("subscription[keys][auth]", _b64(b"auth-secret")),
        ("policy", policy),
        *(extra or []),
    ]
    assert form_of(mocked.calls[0].request) == sorted(expected)


@pytest.mark.parametrize("policy", ["everyone", None, 3])
def test_push_subscription_set_refuses_unknown_policies(api: Mastodon, policy: Any) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="policy"):
            api.push_subscription_set("https://push.example.net/sub", KEYS, policy=policy)
        assert not mock.calls


@pytest.mark.parametrize("params", [{"pubkey": b"k"}, {"pubkey": 5, "auth": b"a"}, "keys"])
def test_push_subscription_set_refuses_unusable_keys(api: Mastodon, params: Any) -> None:
    with responses.RequestsMock() as mock:
        with pytest.raises(MastodonIllegalArgumentError, match="encrypt_params"):
            api.push_subscription_set("https://push.example.net/sub", params)
        assert not mock.calls


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [("policy", "all")]),
        ({"policy": None, "reblog_events": True}, [("data[alerts][reblog]", "1")]),
        ({"policy": "none", "status_events": False}, [("policy", "none"), ("data[alerts][status]", "0")]),
    ],
)
def test_push_subscription_update(
    mocked: responses.RequestsMock, api: Mastodon, kwargs: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    mocked.put(PATH, json=SUBSCRIPTION)
    assert isinstance(api.push_subscription_update(**kwargs), WebPushSubscription)
    assert form_of(mocked.calls[0].request) == sorted(expected)


def test_push_subscription_delete(mocked: responses.RequestsMock, api: Mastodon) -> None:
    mocked.delete(PATH, json={})
    assert api.push_subscription_delete() is None


# -- keys and decryption -----------------------------------------------------------------------------


def _server_side(public: dict[str, Any], payload: bytes, version: str) -> tuple[bytes, dict[str, str]]:
    """Encrypt as a push server does, with http_ece directly: the body and the headers it sends."""
    receiver = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public["pubkey"])
    sender = ec.generate_private_key(ec.SECP256R1())
    salt = os.urandom(16)
    body = http_ece.encrypt(
        payload, salt=salt, private_key=sender, dh=receiver, auth_secret=public["auth"], version=version
    )
    if version == "aes128gcm":
        return body, {}
    sender_public = sender.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    headers = {
        "Encryption": "salt=" + base64.urlsafe_b64encode(salt).decode().rstrip("="),
        "Crypto-Key": "dh=" + base64.urlsafe_b64encode(sender_public).decode().rstrip("=") + ";p256ecdsa=BFake",
    }
    return body, headers


def test_generate_keys(api: Mastodon) -> None:
    private, public = api.push_subscription_generate_keys()
    assert isinstance(private["privkey"], int) and len(public["pubkey"]) == 65 and public["pubkey"][0] == 4
    assert private["auth"] == public["auth"] and len(public["auth"]) == 16
    other_private, _ = api.push_subscription_generate_keys()
    assert other_private["privkey"] != private["privkey"]


@pytest.mark.parametrize("version", ["aes128gcm", "aesgcm"])
def test_decrypt_round_trip(api: Mastodon, version: str) -> None:
    private, public = api.push_subscription_generate_keys()
    body, headers = _server_side(public, json.dumps(NOTIFICATION).encode(), version)
    notification = api.push_subscription_decrypt_push(
        body, private, headers.get("Encryption"), headers.get("Crypto-Key")
    )
    assert isinstance(notification, PushNotification)
    assert notification.title == "Ann mentioned you" and notification.notification_id == "123"


def test_decrypt_with_the_wrong_key(api: Mastodon) -> None:
    _, public = api.push_subscription_generate_keys()
    other_private, _ = api.push_subscription_generate_keys()
    body, _ = _server_side(public, b"{}", "aes128gcm")
    with pytest.raises(MastodonIllegalArgumentError, match="could not be decrypted"):
        api.push_subscription_decrypt_push(body, other_private, None, None)


@pytest.mark.parametrize("version", ["aes128gcm", "aesgcm"])
def test_decrypt_a_tampered_body(api: Mastodon, version: str) -> None:
    private, public = api.push_subscription_generate_keys()
    body, headers = _server_side(public, json.dumps(NOTIFICATION).encode(), version)
    tampered = body[:-5] + bytes([body[-5] ^ 1]) + body[-4:]
    with pytest.raises(MastodonIllegalArgumentError, match="could not be decrypted"):
        api.push_subscription_decrypt_push(tampered, private, headers.get("Encryption"), headers.get("Crypto-Key"))


@pytest.mark.parametrize(
    ("encryption", "crypto_key"), [("salt=abc", None), (None, "dh=abc"), ("nosalt", "dh=abc"), ("salt=!!", "dh=!!")]
)
def test_decrypt_with_broken_headers(api: Mastodon, encryption: str | None, crypto_key: str | None) -> None:
    private, _ = api.push_subscription_generate_keys()
    with pytest.raises(MastodonIllegalArgumentError):
        api.push_subscription_decrypt_push(b"x" * 40, private, encryption, crypto_key)


def test_decrypt_something_that_is_not_json(api: Mastodon) -> None:
    private, public = api.push_subscription_generate_keys()
    body, _ = _server_side(public, b"\xff not json", "aes128gcm")
    with pytest.raises(MastodonIllegalArgumentError, match="not JSON"):
        api.push_subscription_decrypt_push(body, private)


@pytest.mark.parametrize("params", [{}, {"privkey": "x", "auth": b"a"}, {"privkey": 5}])
def test_decrypt_with_unusable_params(api: Mastodon, params: dict[str, Any]) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="decrypt_params"):
        api.push_subscription_decrypt_push(b"x" * 40, params)


def test_without_the_extra(api: Mastodon, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compat, "IMPL_HAS_ECE", False)
    with pytest.raises(NotImplementedError, match=r"mastodon\[webpush\]"):
        api.push_subscription_decrypt_push(b"x", {"privkey": 1, "auth": b"a"})
    monkeypatch.setattr(compat, "IMPL_HAS_CRYPTO", False)
    with pytest.raises(NotImplementedError, match=r"mastodon\[webpush\]"):
        api.push_subscription_generate_keys()
