"""The constructor and the client's settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from mastodon import Mastodon
from mastodon.errors import MastodonFileNotFoundError, MastodonIllegalArgumentError

BASE = "https://mastodon.example"


def private(path: Path, text: str) -> str:
    path.write_text(text)
    path.chmod(0o600)
    return str(path)


@pytest.fixture(autouse=True)
def nothing_is_sent() -> Any:
    """Strict mocking with nothing registered: any request made by a test here fails it."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mocked:
        yield mocked
    assert len(mocked.calls) == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://mastodon.example", BASE),
        ("https://mastodon.example/", BASE),
        ("https://mastodon.example///", BASE),
        ("mastodon.example", BASE),
        ("mastodon.example/", BASE),
        ("  mastodon.example  ", BASE),
        ("http://localhost:3000", "http://localhost:3000"),
        ("https://host.example/prefix/", "https://host.example/prefix"),
    ],
)
def test_base_url_normalisation(given: str, expected: str) -> None:
    assert Mastodon(api_base_url=given).api_base_url == expected


@pytest.mark.parametrize("bad", ["", "   ", "ftp://mastodon.example", "https://", 42])
def test_unusable_base_url(bad: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=bad)


def test_missing_base_url() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="api_base_url"):
        Mastodon(access_token="tok")


def test_values_given_directly() -> None:
    api = Mastodon(client_id="cid", client_secret="csec", access_token="tok", api_base_url=BASE)
    assert (api.client_id, api.client_secret, api.access_token) == ("cid", "csec", "tok")
    assert api.user_agent == "mastodonpy"


def test_four_line_client_file(tmp_path: Path) -> None:
    path = private(tmp_path / "c.secret", "cid\ncsec\nhttps://mastodon.example/\nMy App\n")
    api = Mastodon(client_id=path)
    assert (api.client_id, api.client_secret, api.api_base_url) == ("cid", "csec", BASE)
    assert api.user_agent == "mastodonpy"
    assert Mastodon(client_id=path, user_agent=None).user_agent == "My App"
    assert Mastodon(client_id=path, user_agent="mine").user_agent == "mine"


def test_two_line_client_file_needs_a_base_url(tmp_path: Path) -> None:
    path = private(tmp_path / "c.secret", "cid\ncsec\n")
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(client_id=path)
    api = Mastodon(client_id=path, api_base_url="mastodon.example", user_agent=None)
    assert (api.client_id, api.client_secret, api.api_base_url) == ("cid", "csec", BASE)
    assert api.user_agent is None


def test_client_file_accepts_a_path_object(tmp_path: Path) -> None:
    path = Path(private(tmp_path / "c.secret", "cid\ncsec\nhttps://mastodon.example\n"))
    assert Mastodon(client_id=path).client_id == "cid"


def test_four_line_user_file(tmp_path: Path) -> None:
    path = private(tmp_path / "u.secret", "tok\nhttps://mastodon.example\ncid\ncsec\n")
    api = Mastodon(access_token=path)
    assert (api.access_token, api.api_base_url, api.client_id, api.client_secret) == ("tok", BASE, "cid", "csec")


def test_user_file_does_not_override_a_given_client(tmp_path: Path) -> None:
    path = private(tmp_path / "u.secret", "tok\nhttps://mastodon.example\ncid\ncsec\n")
    api = Mastodon(client_id="mine", client_secret="minesec", access_token=path)
    assert (api.client_id, api.client_secret) == ("mine", "minesec")


def test_one_line_user_file(tmp_path: Path) -> None:
    path = private(tmp_path / "u.secret", "tok\n")
    api = Mastodon(access_token=path, api_base_url=BASE)
    assert api.access_token == "tok"
    assert api.client_id is None


def test_file_base_url_that_disagrees_raises(tmp_path: Path) -> None:
    client_file = private(tmp_path / "c.secret", "cid\ncsec\nhttps://one.example\n")
    user_file = private(tmp_path / "u.secret", "tok\nhttps://two.example\n")
    with pytest.raises(MastodonIllegalArgumentError, match="does not match"):
        Mastodon(client_id=client_file, api_base_url="https://two.example")
    with pytest.raises(MastodonIllegalArgumentError, match="does not match"):
        Mastodon(access_token=user_file, api_base_url="https://one.example")
    with pytest.raises(MastodonIllegalArgumentError, match="does not match"):
        Mastodon(client_id=client_file, access_token=user_file)
    # The same server written differently agrees.
    assert Mastodon(client_id=client_file, api_base_url="one.example/").api_base_url == "https://one.example"


def test_missing_path_object_is_a_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(MastodonFileNotFoundError):
        Mastodon(access_token=tmp_path / "missing.secret", api_base_url=BASE)


@pytest.mark.parametrize(
    ("name", "value"),
    [("version_check_mode", "always"), ("feature_set", "misskey"), ("ratelimit_method", "sometimes")],
)
def test_invalid_choices_are_refused(name: str, value: str) -> None:
    with pytest.raises(MastodonIllegalArgumentError, match=name):
        Mastodon(api_base_url=BASE, **{name: value})


@pytest.mark.parametrize("retries", [-1, 1.5, True])
def test_invalid_retries_are_refused(retries: Any) -> None:
    with pytest.raises(MastodonIllegalArgumentError):
        Mastodon(api_base_url=BASE, retries=retries)


def test_settable_attributes() -> None:
    api = Mastodon(access_token="tok", api_base_url=BASE)
    api.access_token = "other"
    assert api.access_token == "other"
    session = requests.Session()
    api.session = session
    assert api.session is session
    api.request_timeout = 5
    assert api.request_timeout == 5
    api.api_base_url = "other.example/"
    assert api.api_base_url == "https://other.example"
    with pytest.raises(MastodonIllegalArgumentError):
        api.api_base_url = ""
    api.ratelimit_limit = 100
    api.ratelimit_remaining = 10
    api.ratelimit_reset = 1_900_000_000.0
    api.ratelimit_lastcall = 1_800_000_000.0
    api.ratelimit_pacefactor = 2.0
    api.ratelimit_method = "pace"
    assert (api.ratelimit_limit, api.ratelimit_remaining, api.ratelimit_reset, api.ratelimit_lastcall) == (
        100,
        10,
        1_900_000_000.0,
        1_800_000_000.0,
    )
    assert (api.ratelimit_method, api.ratelimit_pacefactor) == ("pace", 2.0)
    assert api._ratelimiter.method == "pace"
    with pytest.raises(MastodonIllegalArgumentError):
        api.ratelimit_method = "never"


def test_session_default_and_given() -> None:
    session = requests.Session()
    assert Mastodon(api_base_url=BASE, session=session).session is session
    assert isinstance(Mastodon(api_base_url=BASE).session, requests.Session)


def test_set_language() -> None:
    api = Mastodon(api_base_url=BASE, lang="de")
    assert api.lang == "de"
    api.set_language("fr")
    assert api.lang == "fr"


def test_clear_caches_forgets_server_facts_but_keeps_a_given_version() -> None:
    api = Mastodon(api_base_url=BASE)
    api._remember_version("3.5.0")
    api._instance_cache = {"version": "3.5.0"}
    api._streaming_base = "https://streaming.example"
    api.clear_caches()
    assert api._instance_cache is None and api._streaming_base is None
    assert api._mastodon_version_str is None
    given = Mastodon(api_base_url=BASE, mastodon_version="4.2.0")
    given.clear_caches()
    assert (given.mastodon_major, given.mastodon_minor, given.mastodon_patch) == (4, 2, 0)


def test_clear_caches_forgets_oauth_discovery() -> None:
    api = Mastodon(api_base_url=BASE)
    api._oauth_info = {"token_endpoint": "https://old.example/oauth/token"}
    api.api_base_url = "https://new.example"
    assert api._oauth_info is None


def test_repr_hides_the_token() -> None:
    api = Mastodon(client_id="cid", client_secret="csec", access_token="very-secret", api_base_url=BASE)
    assert "very-secret" not in repr(api)
    assert BASE in repr(api)


def test_constructor_sends_nothing(tmp_path: Path) -> None:
    path = private(tmp_path / "c.secret", "cid\ncsec\nhttps://mastodon.example\nApp\n")
    Mastodon(client_id=path, access_token="tok", version_check_mode="created", debug_requests=False)
    Mastodon(api_base_url=BASE, version_check_mode="changed", ratelimit_method="pace")


class PlainPathLike:
    """A path object that is not a :class:`pathlib.PurePath`: only ``__fspath__``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __fspath__(self) -> str:
        return str(self.path)


def test_credential_files_accept_any_path_like(tmp_path: Path) -> None:
    client_file = PlainPathLike(Path(private(tmp_path / "c.secret", "cid\ncsec\nhttps://mastodon.example\n")))
    user_file = PlainPathLike(Path(private(tmp_path / "u.secret", "tok\nhttps://mastodon.example\n")))
    api = Mastodon(client_id=client_file, access_token=user_file)
    assert (api.client_id, api.client_secret, api.access_token) == ("cid", "csec", "tok")
    assert api.api_base_url == BASE


@pytest.mark.parametrize("as_path", [False, True])
def test_missing_client_file_without_a_secret_is_refused(tmp_path: Path, as_path: bool) -> None:
    missing = tmp_path / "clientcred.secert"
    with pytest.raises(MastodonIllegalArgumentError, match="client_secret"):
        Mastodon(client_id=missing if as_path else str(missing), api_base_url=BASE)


def test_client_id_without_a_secret_is_refused_even_with_a_token() -> None:
    with pytest.raises(MastodonIllegalArgumentError, match="client_secret"):
        Mastodon(client_id="cid", access_token="tok", api_base_url=BASE)


def test_missing_client_file_with_a_secret_is_a_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(MastodonFileNotFoundError):
        Mastodon(client_id=tmp_path / "missing.secret", client_secret="csec", api_base_url=BASE)


def test_client_id_with_its_secret_is_taken_as_given() -> None:
    api = Mastodon(client_id="cid", client_secret="csec", api_base_url=BASE)
    assert (api.client_id, api.client_secret) == ("cid", "csec")


def test_oauth_state_belongs_to_each_client() -> None:
    one = Mastodon(api_base_url=BASE)
    two = Mastodon(api_base_url=BASE)
    one.pkce_code_verifier = "v" * 43
    assert two.pkce_code_verifier is None
    assert "pkce_code_verifier" in vars(one) and "_oauth_info" in vars(two)
    from mastodon.methods.auth import AuthMixin

    assert "pkce_code_verifier" not in vars(AuthMixin) and "_oauth_info" not in vars(AuthMixin)


@pytest.mark.parametrize("module", ["mastodon/methods/auth.py", "mastodon/methods/instance.py", "mastodon/versions.py"])
def test_lower_layers_do_not_import_the_client(module: str) -> None:
    import ast

    source = (Path(__file__).resolve().parents[2] / module).read_text(encoding="utf-8")
    imported = {
        node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom) and node.module
    } | {alias.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Import) for alias in node.names}
    assert "mastodon.client" not in imported


def test_url_helpers_are_still_offered_by_the_client_module() -> None:
    from mastodon import _server, client

    assert client.normalize_base_url is _server.normalize_base_url
    assert client.SUPPORTED_VERSION == _server.SUPPORTED_VERSION == Mastodon.get_supported_version()
