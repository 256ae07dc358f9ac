"""Measures Mastodon.py 2.3.3 in its own interpreter; started by :mod:`benchmarks._reference`.

Run as ``python -I _reference_driver.py '<plan as JSON>'`` with the reference's interpreter:
``-I`` keeps this project's folder off ``sys.path``, so ``import mastodon`` finds the reference.
Only :mod:`_measure` (standard library only) and :mod:`_clients` (whose client works with either
package) are taken from beside this file. The last line of output is the figures, as JSON after a
marker.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks import _clients, _measure
else:
    # Beside this file; the project folder itself stays off the path.
    sys.path.append(str(Path(__file__).resolve().parent))
    import _clients
    import _measure

RESULT = "@@figures@@ "


class Reference(_clients.Ours):
    """Mastodon.py 2.3.3, driven by the same operations as this project's client."""

    name = "reference"

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
