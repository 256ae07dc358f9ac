"""Which optional features can be used here (their extras installed).

Each flag is ``True`` when the package behind a feature imports. The packages themselves are
imported by the functions that need them.
"""

from __future__ import annotations

from importlib.util import find_spec

__all__ = [
    "IMPL_HAS_BLURHASH",
    "IMPL_HAS_CRYPTO",
    "IMPL_HAS_ECE",
    "IMPL_HAS_GRAPHEME",
    "IMPL_HAS_MAGIC",
    "IMPL_HAS_WEBSOCKET",
]


def _available(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


IMPL_HAS_CRYPTO = _available("cryptography")
IMPL_HAS_ECE = _available("http_ece")
IMPL_HAS_BLURHASH = _available("blurhash")
IMPL_HAS_GRAPHEME = _available("grapheme")
IMPL_HAS_WEBSOCKET = _available("websocket")
IMPL_HAS_MAGIC = _available("magic")
