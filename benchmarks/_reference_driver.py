"""Measures Mastodon.py 2.3.3 in its own interpreter; started by :mod:`benchmarks._reference`.

Run as ``python -I _reference_driver.py '<plan as JSON>'`` with the reference's interpreter:
``-I`` keeps this project's folder off ``sys.path``, so ``import mastodon`` finds the reference.
Only :mod:`_measure` (standard library only) is taken from beside this file. The last line of
output is the figures, as JSON after a marker.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mastodon import Mastodon

if TYPE_CHECKING:
    from benchmarks import _measure
else:
    # Beside this file; the project folder itself stays off the path.
    sys.path.append(str(Path(__file__).resolve().parent))
    import _measure

RESULT = "@@figures@@ "


class Reference:
    """Mastodon.py 2.3.3 with the operations of :class:`_measure.Client`."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.api = self.construct()

    def construct(self) -> Any:
        return Mastodon(access_token=self.token, api_base_url=self.base_url, mastodon_version="4.5.0")

    def read(self, status: Any) -> tuple[Any, ...]:
        return (status.id, status.account.acct, status.content, status.created_at)

    def verify(self) -> object:
        return self.api.account_verify_credentials()

    def post(self) -> object:
        return self.api.status_post("x")

    def timeline(self) -> Any:
        return self.api.timeline_home(limit=40)

    def fetch_all(self) -> Any:
        return self.api.fetch_remaining(self.api.timeline_home(limit=40))

    def iterate(self) -> Iterator[Any]:
        return iter(self.api.pagination_iterator(self.api.timeline_home(limit=40)))

    def stream(self, on_status: Callable[[Any], None]) -> None:
        raise NotImplementedError("streams are not measured for the reference")


def main() -> int:
    plan = json.loads(sys.argv[1])
    client = Reference(plan["url"], plan["token"])
    for _ in range(2):
        client.timeline()
    figures: dict[str, float] = {}
    figures.update(_measure.verify(client, plan["calls"]))
    figures.update(_measure.timeline(client, plan["calls"]))
    figures.update(_measure.fetch_remaining(client, plan["fetch"], memory=plan["memory"]))
    import mastodon

    if Path(plan["project"]) in Path(mastodon.__file__).resolve().parents:
        raise SystemExit(f"imported this project's mastodon ({mastodon.__file__}), not the reference")
    version = importlib.metadata.version("Mastodon.py")
    print(RESULT + json.dumps({"version": version, "figures": figures}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
