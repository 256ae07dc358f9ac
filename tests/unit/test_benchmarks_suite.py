"""The benchmark suite's own parts, without timing anything: the data generator, the fake server,
the clients it measures, the measuring code and the writers of its results."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import _data, _measure, _reference, _report, _server, run  # noqa: E402
from benchmarks._clients import Ours, Raw  # noqa: E402
from mastodon import Mastodon  # noqa: E402
from mastodon.errors import MastodonUnauthorizedError  # noqa: E402
from mastodon.return_types import Account, MediaAttachment, Status  # noqa: E402
from mastodon.streaming import StreamListener  # noqa: E402
from mastodon.types_base import converter_for, decode_json  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def server() -> Iterator[_server.FakeMastodon]:
    with _server.FakeMastodon(_data.World(distinct=50), timeline_size=130, stream_events=25) as fake:
        yield fake


@pytest.fixture
def api(server: _server.FakeMastodon) -> Mastodon:
    return Mastodon(access_token=_server.TOKEN, api_base_url=server.url, mastodon_version="4.5.0")


def _ids(count: int) -> list[str]:
    return [_data.status_id_of(index) for index in range(count)]


# -- the data ----------------------------------------------------------------------------------


def test_generated_statuses_decode_into_status_with_the_fields_read() -> None:
    convert = converter_for(Status)
    world = _data.World()
    sizes = []
    kinds = {"reblog": 0, "media": 0, "card": 0, "poll": 0, "mentions": 0, "tags": 0, "emojis": 0}
    for index in range(200):
        body = _data.dumps(world.status(index))
        sizes.append(len(body))
        status = convert(decode_json(body))
        assert isinstance(status, Status)
        assert status.id == _data.status_id_of(index)
        assert isinstance(status.account, Account)
        assert status.account.acct in {account["acct"] for account in world.accounts}
        assert isinstance(status.content, str)
        assert status.created_at == datetime.fromtimestamp((int(status.id) >> 16) / 1000, UTC)
        assert all(isinstance(media, MediaAttachment) for media in status.media_attachments)
        if status.reblog is not None:
            assert isinstance(status.reblog, Status) and status.reblog.content.startswith("<p>")
            kinds["reblog"] += 1
        for kind in ("media", "mentions", "tags", "emojis"):
            field = "media_attachments" if kind == "media" else kind
            kinds[kind] += bool(status[field] or (status.reblog and status.reblog[field]))
        kinds["card"] += status.card is not None
        kinds["poll"] += status.poll is not None
    # Realistic statuses: every kind of content turns up, and a status is some 3-5 KB of JSON.
    assert all(count > 0 for count in kinds.values()), kinds
    assert 3000 <= sum(sizes) / len(sizes) <= 5500
    assert min(sizes) > 1000


def test_the_data_follow_from_the_seed() -> None:
    assert _data.World(seed=7).statuses(30) == _data.World(seed=7).statuses(30)
    assert _data.World(seed=7).statuses(30) != _data.World(seed=8).statuses(30)
    world = _data.World(distinct=20)
    timeline = _data.Timeline(world, 100)
    # Served bytes are the generator's statuses, beyond the distinct ones too.
    for index in (0, 1, 19, 20, 21, 57, 99):
        assert timeline.status_json(index) == _data.dumps(world.status(index))
    assert json.loads(timeline.page(0, 100)) == world.statuses(100)
    ids = [int(status["id"]) for status in world.statuses(100)]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 100
    assert world.status(20)["content"] == world.status(0)["content"]


def test_canned_answers_decode() -> None:
    world = _data.World()
    api_account = converter_for(Account)(decode_json(_data.dumps(world.credential_account())))
    assert api_account.source.privacy == "public"
    posted = converter_for(Status)(decode_json(_data.dumps(world.posted_status())))
    assert posted.content == "<p>x</p>"
    assert world.instance_v2("ws://127.0.0.1:1")["configuration"]["urls"]["streaming"] == "ws://127.0.0.1:1"


# -- the server --------------------------------------------------------------------------------


def test_fetch_remaining_returns_exactly_the_timeline(server: _server.FakeMastodon, api: Mastodon) -> None:
    statuses = api.fetch_remaining(api.timeline_home(limit=40))
    assert [status.id for status in statuses] == _ids(130)
    # Four pages (the last one short, so without a next link): no fifth request.
    assert server.counts["GET /api/v1/timelines/home"] == 4
    server.configure(timeline_size=160)
    statuses = api.fetch_remaining(api.timeline_home(limit=40))
    assert [status.id for status in statuses] == _ids(160)
    # A full last page links on; the empty page after it ends the walk.
    assert server.counts["GET /api/v1/timelines/home"] == 4 + 5


def test_pages_carry_link_headers_as_mastodon_sends_them(server: _server.FakeMastodon) -> None:
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {_server.TOKEN}"
    first = session.get(server.url + "/api/v1/timelines/home?limit=40")
    assert first.headers["Content-Type"].startswith("application/json")
    assert first.links["next"]["url"].endswith(f"limit=40&max_id={_data.status_id_of(39)}")
    assert first.links["prev"]["url"].endswith(f"limit=40&min_id={_data.status_id_of(0)}")
    last = session.get(server.url + f"/api/v1/timelines/home?limit=40&max_id={_data.status_id_of(119)}")
    assert [status["id"] for status in last.json()] == _ids(130)[120:]
    assert "next" not in last.links and "prev" in last.links
    newer = session.get(server.url + f"/api/v1/timelines/home?limit=5&min_id={_data.status_id_of(50)}")
    assert [status["id"] for status in newer.json()] == _ids(130)[45:50]
    since = session.get(server.url + f"/api/v1/timelines/home?limit=5&since_id={_data.status_id_of(50)}")
    assert [status["id"] for status in since.json()] == _ids(130)[:5]
    assert len(session.get(server.url + "/api/v1/timelines/home").json()) == 20
    assert len(session.get(server.url + "/api/v1/timelines/home?limit=400").json()) == 40
    assert session.get(server.url + "/api/v1/timelines/home?max_id=abc").status_code == 400
    assert session.get(server.url + "/api/v1/nothing/here").status_code == 404


def test_user_endpoints_need_the_token(server: _server.FakeMastodon) -> None:
    assert requests.get(server.url + "/api/v1/timelines/home").status_code == 401
    wrong = Mastodon(access_token="not-the-token", api_base_url=server.url, mastodon_version="4.5.0")
    with pytest.raises(MastodonUnauthorizedError):
        wrong.account_verify_credentials()
    assert requests.get(server.url + "/api/v2/instance").status_code == 200


def test_canned_endpoints(api: Mastodon) -> None:
    assert api.account_verify_credentials().acct == _data.World().accounts[0]["acct"]
    assert api.status_post("x").content == "<p>x</p>"
    assert api.account_verify_credentials().acct == api.status_post("x").account.acct


def test_pagination_iterator_walks_every_status(api: Mastodon) -> None:
    assert [status.id for status in api.pagination_iterator(api.timeline_home(limit=40))] == _ids(130)


class _Counting(StreamListener):
    def __init__(self) -> None:
        self.ids: list[str] = []
        self.heartbeats = 0

    def on_update(self, status: Status) -> None:
        assert isinstance(status, Status)
        self.ids.append(status.id)

    def handle_heartbeat(self) -> None:
        self.heartbeats += 1


def test_stream_delivers_every_event_to_a_listener(
    server: _server.FakeMastodon, api: Mastodon, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_server, "HEARTBEAT_EVERY", 10)
    listener = _Counting()
    api.stream_user(listener)  # returns when the server ends the body
    assert listener.ids == _ids(25)
    # ":)" first, then one heartbeat before events 10 and 20.
    assert listener.heartbeats == 3
    server.configure(stream_events=0)
    empty = _Counting()
    api.stream_user(empty)
    assert empty.ids == []
    assert server.counts["GET /api/v1/streaming/user"] == 2
    assert server.counts["GET /api/v2/instance"] == 1  # where to stream, asked once


def test_server_process_starts_steers_and_stops() -> None:
    with _server.ServerProcess(timeline_size=45, stream_events=3) as process:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {_server.TOKEN}"
        assert len(Raw(process.url, _server.TOKEN).fetch_all()) == 45
        process.configure(timeline_size=90)
        assert len(Raw(process.url, _server.TOKEN).fetch_all()) == 90
        assert process.stats()["GET /api/v1/timelines/home"] == 2 + 3
        child = process.process
        assert child is not None
    assert child.poll() is not None
    with pytest.raises(requests.ConnectionError):
        requests.get(process.url + "/api/v2/instance", timeout=5)


# -- the clients and the measuring code --------------------------------------------------------


def test_both_clients_see_the_same_statuses(server: _server.FakeMastodon) -> None:
    ours, raw = Ours(server.url, _server.TOKEN), Raw(server.url, _server.TOKEN)
    for client in (ours, raw):
        assert [client.read(status)[0] for status in client.fetch_all()] == _ids(130)
        assert [client.read(status)[0] for status in client.iterate()] == _ids(130)
        assert [client.read(status)[0] for status in client.timeline()] == _ids(40)
        seen: list[Any] = []
        client.stream(seen.append)
        assert [client.read(status)[0] for status in seen] == _ids(25)
    assert ours.read(ours.timeline()[0])[1] == raw.read(raw.timeline()[0])[1]


def test_measurements_give_every_figure(server: _server.FakeMastodon) -> None:
    server.configure(timeline_size=120)
    for client in (Ours(server.url, _server.TOKEN), Raw(server.url, _server.TOKEN)):
        figures: dict[str, float] = {}
        figures |= _measure.verify(client, 2) | _measure.post(client, 2) | _measure.timeline(client, 2)
        figures |= _measure.fetch_remaining(client, 120) | _measure.iterate(client, 120)
        figures |= _measure.stream(client, 25) | _measure.constructor(client, 2)
        figures |= _measure.threads(client, (1, 2), 2)
        keys = {metric.key for metric in _report.METRICS} - {"import_ms", "threads_4_cps", "threads_8_cps"}
        keys -= {"threads_4_scale", "threads_8_scale", "timeline_speed_ms", "stream_speed_eps"}
        assert keys | {"threads_2_cps", "threads_2_scale", "threads_errors"} == set(figures)
        assert figures["threads_errors"] == 0
        assert all(value > 0 for key, value in figures.items() if key != "threads_errors")
        # A page's worth of memory is a page: peak / one page held.
        assert figures["iterate_pages"] == pytest.approx(figures["iterate_peak_mb"] * 1e3 / figures["page_kb"])


def test_the_speed_step_measures_with_orjson_and_leaves_the_default_decoder(
    server: _server.FakeMastodon, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mastodon import _convert

    server.configure(timeline_size=80, stream_events=25)
    used: list[object] = []
    original = _convert.decode_for

    def watch(body: Any, hint: Any) -> Any:
        used.append(_convert.fast_loads())
        return original(body, hint)

    monkeypatch.setattr("mastodon._http.request.decode_for", watch)
    monkeypatch.setattr("mastodon._http.sse.decode_for", watch)
    sizes = run.replace(run.QUICK, calls=2, events=25, fetch=80)
    speed = run._steps(sizes)["speed"][1]
    figures = speed(Ours(server.url, _server.TOKEN))
    assert set(figures) == {"timeline_speed_ms", "stream_speed_eps"}
    assert all(value > 0 for value in figures.values())
    assert used and all(loads is not None for loads in used)  # orjson, for every body and event
    assert _convert.fast_loads() is None  # the default install's decoder again
    assert set(speed(Raw(server.url, _server.TOKEN))) == {"timeline_speed_ms", "stream_speed_eps"}


def test_measurements_check_what_they_got(server: _server.FakeMastodon) -> None:
    client = Raw(server.url, _server.TOKEN)
    with pytest.raises(AssertionError, match="129"):
        _measure.fetch_remaining(client, 129, memory=False)
    with pytest.raises(AssertionError, match="stream"):
        _measure.stream(client, 26)
    server.configure(timeline_size=30)
    with pytest.raises(AssertionError, match="timeline page"):
        _measure.timeline(client, 1)
    assert _measure.threads(client, (1,), 2)["threads_errors"] == 2


def test_import_time_runs_a_fresh_interpreter() -> None:
    assert _measure.import_time("import json", 1)["import_ms"] > 0
    with pytest.raises(RuntimeError, match="no_such_module"):
        _measure.import_time("import no_such_module", 1)


def test_the_reference_is_skipped_when_pip_cannot_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        calls.append([str(part) for part in command])
        if "pip" in command:
            return subprocess.CompletedProcess(command, 1, "", "ERROR: No matching distribution found")
        if "venv" in command:
            return subprocess.CompletedProcess(command, 0, "", "")
        return subprocess.CompletedProcess(command, 1, "", "No module named mastodon")

    monkeypatch.setattr(subprocess, "run", fake_run)
    said: list[str] = []
    assert _reference.prepare(said.append, tmp_path / "venv") is None
    assert "pip could not install it" in said[-1] and "No matching distribution" in said[-1]
    assert any(_reference.REQUIREMENT in call for call in calls)


def test_the_command_line_refuses_unknown_steps(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run.parse_args(["--only", "timeline,teleport"])
    assert "teleport" in capsys.readouterr().err
    assert run.parse_args(["--only", "stream, fetch"]).only == ("stream", "fetch")
    assert run.parse_args([]).only == run.STEPS


# -- the writers -------------------------------------------------------------------------------


def _doc(with_reference: bool = False) -> dict[str, Any]:
    rounds: list[dict[str, dict[str, float]]] = [
        {"ours": {"timeline_ms": 2.0, "stream_eps": 1100.0}, "raw": {"timeline_ms": 1.0, "stream_eps": 1000.0}},
        {"ours": {"timeline_ms": 4.0, "stream_eps": 1200.0}, "raw": {"timeline_ms": 2.0, "stream_eps": 1000.0}},
        {"ours": {"timeline_ms": 3.0, "stream_eps": 900.0}, "raw": {"timeline_ms": 1.0, "stream_eps": 1000.0}},
    ]
    if with_reference:
        for figures in rounds:
            figures["reference"] = {"timeline_ms": 60.0}
    meta = {"started": "2026-01-01T00:00:00+0000", "python": "3.11", "rounds": 3, "loadavg_start": [0.5, 0, 0]}
    rows = _report.rows_of(rounds, {"fetch": 2000, "iterate": 20000, "events": 10})
    return {"meta": meta, "rows": rows, "notes": ["a <note> & more"], "rounds": rounds}


def test_ratios_are_taken_within_each_round() -> None:
    rows = {row["key"]: row for row in _doc(with_reference=True)["rows"]}
    assert set(rows) == {"timeline_ms", "stream_eps"}
    timeline = rows["timeline_ms"]
    assert timeline["ratio"]["samples"] == [2.0, 2.0, 3.0]
    assert (timeline["ratio"]["median"], timeline["ratio"]["min"], timeline["ratio"]["max"]) == (2.0, 2.0, 3.0)
    assert timeline["ours"]["median"] == 3.0 and timeline["raw"]["median"] == 1.0
    assert timeline["reference_ratio"]["samples"] == [60.0, 30.0, 60.0]
    assert rows["stream_eps"]["better"] == "higher" and rows["stream_eps"]["reference"] is None
    assert rows["stream_eps"]["label"] == "stream_user, 10 update events"


def test_text_and_markdown_tables() -> None:
    doc = _doc(with_reference=True)
    text = _report.text_table(doc)
    assert "2.00x [2.00-3.00]" in text and "30.00x" not in text.split("\n")[0]
    lines = _report.markdown(doc).splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + len(doc["rows"])
    assert len({line.count("|") for line in table}) == 1
    assert "Mastodon.py 2.3.3" in table[0]
    assert set(table[1].strip("|").split("|")) <= {"---", "---:"}
    assert "- a <note> & more" in lines


def test_json_markdown_and_svg_files(tmp_path: Path) -> None:
    doc = _doc()
    written = _report.write_outputs(doc, tmp_path / "out" / "run.json", tmp_path / "chart.svg")
    assert written == [tmp_path / "out" / "run.json", tmp_path / "out" / "run.md", tmp_path / "chart.svg"]
    assert json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8")) == doc
    root = ET.parse(tmp_path / "chart.svg").getroot()
    assert root.tag == f"{SVG}svg"
    texts = ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]
    assert any("timeline_home(limit=40)" in text for text in texts)
    assert any(text.startswith("2.00x") for text in texts)
    assert any("2026-01-01" in text for text in texts)
    # One bar per figure, besides the white background.
    bars = [node for node in root.iter(f"{SVG}rect") if node.get("fill") != "white"]
    assert len(bars) == 2
    # The 1.0x line is the solid one; the timeline bar starts on it and reaches right (worse).
    one = next(
        node for node in root.iter(f"{SVG}line") if node.get("stroke") == "#222" and node.get("y1") != node.get("y2")
    )
    assert float(bars[0].get("x", "0")) == pytest.approx(float(one.get("x1", "nan")), abs=0.1)
    assert bars[0].get("fill") == "#c8553d"
    assert bars[1].get("fill") == "#3a8f5c"  # more events per second than raw: better


def test_svg_with_the_reference_is_well_formed(tmp_path: Path) -> None:
    chart = _report.svg(_doc(with_reference=True))
    root = ET.fromstring(chart)
    bars = [node for node in root.iter(f"{SVG}rect") if node.get("fill") != "white"]
    assert len(bars) == 3
    assert any(node.get("fill") == "#8a8fb5" for node in bars)
