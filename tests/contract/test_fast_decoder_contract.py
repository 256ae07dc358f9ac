"""Every recorded contract row gives the same result with the ``speed`` extra's decoder (orjson).

Each row is replayed twice, with the standard library's decoder and with orjson, and the two
descriptions of the result are compared down to twelve levels, with the requests sent.
"""

from __future__ import annotations

import pathlib
import sys
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
for _path in (HERE, HERE.parent / "data"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import pytest  # noqa: E402
import replay  # noqa: E402
from test_reference_contract import _ROWS  # noqa: E402

from mastodon import _convert  # noqa: E402

pytest.importorskip("orjson")  # installed by the test extra


@pytest.mark.parametrize("recorded", _ROWS, ids=[r["row"]["id"] for r in _ROWS])
def test_contract_row_is_the_same_with_orjson(recorded: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replay, "_DEPTH", 12)  # the whole result, not two levels
    row = {**recorded["row"], "answers": recorded["reference"]["answers"]}
    plain = replay.replay(row)
    _convert.use_fast_decoder(True)
    try:
        fast = replay.replay(row)
    finally:
        _convert.use_fast_decoder(False)
    assert fast == plain
