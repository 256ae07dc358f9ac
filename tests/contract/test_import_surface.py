"""Every legacy import path offers the names user code imports from it."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

SURFACE: dict[str, list[str]] = json.loads((Path(__file__).parent.parent / "data" / "module_surface.json").read_text())[
    "modules"
]

# Names not offered yet, by module. A missing name that is not listed here fails, and so does a
# listed name that exists (delete its entry when the name arrives), so this list is always exact.
PENDING: dict[str, frozenset[str]] = {
    # The reference's per-area class names, for the areas whose methods are not written yet; the
    # written areas alias their mixins in mastodon.methods.
    "mastodon.Mastodon": frozenset({}),
}


def _passes_in_a_fresh_interpreter(code: str) -> str:
    """Run ``code`` in a new interpreter from the project root; it must exit cleanly. Its output."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _pending(module: str, name: str) -> bool:
    return name in PENDING.get(module, frozenset())


@pytest.mark.parametrize("module_name", sorted(SURFACE))
def test_module_imports_and_offers_its_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in SURFACE[module_name] if not hasattr(module, name)]
    unexpected = [name for name in missing if not _pending(module_name, name)]
    assert not unexpected, f"{module_name} lacks {unexpected}"


@pytest.mark.parametrize("module_name", sorted(PENDING))
def test_pending_entries_are_still_missing(module_name: str) -> None:
    """A pending name that now exists, or that the reference never offered, is a stale entry."""
    module = importlib.import_module(module_name)
    unknown = sorted(PENDING[module_name] - set(SURFACE.get(module_name, [])))
    assert not unknown, f"{module_name}: PENDING lists names the reference does not offer: {unknown}"
    present = sorted(name for name in PENDING[module_name] if hasattr(module, name))
    assert not present, f"{module_name}: delete these names from PENDING, they exist now: {present}"


def test_pending_names_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints how many legacy names are still missing."""
    missing = sum(
        1
        for module_name, names in SURFACE.items()
        for name in names
        if not hasattr(importlib.import_module(module_name), name)
    )
    with capsys.disabled():
        print(f"\nlegacy names missing: {missing} (all listed in PENDING)")
    assert missing == sum(len(names) for names in PENDING.values())


def test_mastodon_name_is_the_class_even_after_importing_the_submodule() -> None:
    code = (
        "import mastodon.Mastodon\n"
        "import sys, inspect\n"
        "from mastodon import Mastodon\n"
        "import mastodon\n"
        "assert inspect.isclass(Mastodon), Mastodon\n"
        "assert inspect.isclass(mastodon.Mastodon), mastodon.Mastodon\n"
        "module = sys.modules['mastodon.Mastodon']\n"
        "assert inspect.ismodule(module)\n"
        "assert module.Mastodon is Mastodon\n"
        "from mastodon.Mastodon import Mastodon as Again, parse_version_string, MastodonAPIError\n"
        "assert Again is Mastodon\n"
    )
    _passes_in_a_fresh_interpreter(code)


@pytest.mark.parametrize(
    "module_name", ["mastodon", "mastodon.errors", "mastodon.Mastodon", "mastodon.compat", "mastodon.versions"]
)
def test_all_names_exist(module_name: str) -> None:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    assert names, f"{module_name} has no __all__"
    assert [name for name in names if not hasattr(module, name)] == []


def test_compat_flags_are_booleans() -> None:
    compat = importlib.import_module("mastodon.compat")
    for name in ("IMPL_HAS_CRYPTO", "IMPL_HAS_ECE", "IMPL_HAS_BLURHASH", "IMPL_HAS_GRAPHEME", "IMPL_HAS_WEBSOCKET"):
        assert isinstance(getattr(compat, name), bool)


#: Modules ``import mastodon`` leaves for the code that needs them (``requests`` does not load
#: these standard ones either), so each costs its import time only to programs that use it.
LOADED_ON_FIRST_USE = (
    *("ast", "dataclasses", "inspect", "secrets"),
    *("mastodon.streaming", "mastodon.streaming_websocket", "mastodon._stream_handles", "mastodon._http.sse"),
    *("mastodon._http.stream_session", "mastodon._ws_handshake", "mastodon._stream_gap", "mastodon._http.uploads"),
)


def test_import_leaves_rarely_needed_standard_modules_unloaded() -> None:
    code = (
        "import sys, json, requests\n"
        "before = set(sys.modules)\n"
        "import mastodon\n"
        f"print(sorted(set({LOADED_ON_FIRST_USE!r}) & (set(sys.modules) - before)))\n"
    )
    assert _passes_in_a_fresh_interpreter(code).strip() == "[]"


def test_stream_gap_is_the_same_frozen_dataclass_on_every_path() -> None:
    import dataclasses

    from mastodon import _stream_catchup, streaming

    gap = streaming.StreamGap("update", "1", "9", 8, "more than 5 missed")
    assert _stream_catchup.StreamGap is streaming.StreamGap
    assert dataclasses.is_dataclass(gap)
    assert dataclasses.asdict(gap) == {
        "event": "update", "since_id": "1", "until_id": "9", "missed": 8, "reason": "more than 5 missed"
    }  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        gap.missed = 9  # type: ignore[misc]
    with pytest.raises(AttributeError):
        streaming.NoSuchName  # noqa: B018


def test_streaming_names_of_the_package_load_their_modules_when_asked_for() -> None:
    code = (
        "import sys, mastodon\n"
        "names = ['CallbackStreamListener', 'SSEStreamHandle', 'StreamHandle', 'StreamListener',\n"
        "         'WebSocketStreamHandle', 'WebSocketSubscription']\n"
        "assert set(names) <= set(dir(mastodon)) and set(names) <= set(mastodon.__all__)\n"
        "assert mastodon.streaming is sys.modules['mastodon.streaming']\n"
        "from mastodon import StreamListener, WebSocketSubscription\n"
        "from mastodon.streaming import StreamListener as Listener\n"
        "from mastodon.streaming_websocket import WebSocketSubscription as Subscription\n"
        "assert StreamListener is Listener and WebSocketSubscription is Subscription\n"
        "assert mastodon.streaming_websocket is sys.modules['mastodon.streaming_websocket']\n"
        "namespace = {}\n"
        "exec('from mastodon import *', namespace)\n"
        "assert all(namespace[name] is getattr(mastodon, name) for name in names)\n"
        "try:\n"
        "    mastodon.NoSuchName\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise AssertionError('an unknown name was found')\n"
    )
    _passes_in_a_fresh_interpreter(code)
