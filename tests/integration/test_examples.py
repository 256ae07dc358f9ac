"""The guided demo and every example, run as a user runs them, on the local demo server.

``python -m mastodon demo`` starts its own server here (the path a new user takes). The examples
share one server started with ``python -m mastodon demo --serve`` and reached through
``MASTODON_DEMO_SERVER``; it is reset to its seed before each example. Every run is bounded.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from mastodon._demo import DEMO_USERS, ENV_LOCAL_SERVER, PIXEL_PNG

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WAIT = 90.0


def clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MASTODON_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, *args],
            cwd=cwd,
            env=clean_env(**env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"{args} did not end within {WAIT:g} s; output so far: {exc.stdout!r} {exc.stderr!r}")


def test_demo_runs_every_step_on_its_own_local_server(tmp_path: Path) -> None:
    done = run(["-m", "mastodon", "demo"], tmp_path)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    assert "Traceback" not in done.stderr
    lines = out.splitlines()
    assert lines[0] == "MASTODON_API_BASE_URL is not set: starting a local throwaway server (mastodon-mock) ..."
    assert re.fullmatch(r"   the local server is up at http://127\.0\.0\.1:\d+", lines[1])
    steps = [line for line in lines if re.match(r"\d\. ", line)]
    assert [step[0] for step in steps] == list("1234567")
    assert steps[0].startswith("1. registered the app 'mastodon demo'")
    assert "PKCE S256" in out
    assert steps[1].startswith("2. logged in with the authorization-code flow") and steps[1].endswith("(mode 0o600)")
    assert steps[2].startswith("3. hello, @alice on ")
    assert re.fullmatch(r"4\. posted \S+ with 1 image \('A single white pixel'\)", steps[3])
    # Six notes by bob and alice's own post, three to a page.
    assert steps[4] == "5. read 7 statuses of the home timeline in 3 pages of up to 3"
    assert re.findall(r"   page (\d): (\d) status(?:es)?, newest", out) == [("1", "3"), ("2", "3"), ("3", "1")]
    assert re.fullmatch(r"6\. streamed a notification: @bob mentioned you \(\d+\)", steps[5])
    assert steps[6] == "7. cleaned up: deleted 2 posts and revoked the demo's access token"
    assert lines[-1] == "   the local server is stopped"


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m mastodon demo --serve``, running for the module; yields its address."""
    folder = tmp_path_factory.mktemp("demo-serve")
    log = folder / "serve.out"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mastodon", "demo", "--serve"],
            cwd=folder,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        address = _wait_for_address(process, log)
        yield address
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
            raise
    text = log.read_text()
    assert code == 0, text
    assert text.rstrip().endswith("The local demo server is stopped.")
    with pytest.raises(requests.ConnectionError):
        requests.get(address + "/health", timeout=5)


def _wait_for_address(process: subprocess.Popen[str], log: Path) -> str:
    # The line is printed once the server answers; poll the log file with a bounded wait.
    pattern = re.compile(rf"export {ENV_LOCAL_SERVER}=(http://127\.0\.0\.1:\d+)")
    for _ in range(int(WAIT * 10)):
        found = pattern.search(log.read_text())
        if found:
            return found.group(1)
        if process.poll() is not None:
            pytest.fail(f"demo --serve ended early: {log.read_text()}")
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.1)
    pytest.fail(f"demo --serve printed no address within {WAIT:g} s: {log.read_text()}")


@pytest.fixture
def server(demo_server: str) -> str:
    """The shared demo server, back to its seed."""
    answer = requests.post(
        demo_server + "/api/v1/_mock/reset", headers={"Authorization": f"Bearer control-{uuid.uuid4().hex}"}, timeout=30
    )
    assert answer.ok, answer.text
    return demo_server


def run_example(name: str, args: list[str], cwd: Path, server: str) -> str:
    done = run([str(EXAMPLES / name), *args], cwd, **{ENV_LOCAL_SERVER: server})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def own_statuses(server: str, username: str) -> list[dict[str, object]]:
    headers = {"Authorization": f"Bearer {DEMO_USERS[username]}"}
    me = requests.get(server + "/api/v1/accounts/verify_credentials", headers=headers, timeout=10).json()
    answer = requests.get(f"{server}/api/v1/accounts/{me['id']}/statuses", headers=headers, timeout=10)
    statuses: list[dict[str, object]] = answer.json()
    return statuses


def test_examples_are_all_tested() -> None:
    tested = {"quickstart.py", "posting_bot.py", "notification_responder.py", "export_followers.py"}
    tested |= {"cli_login.py", "upload_media.py"}
    assert {path.name for path in EXAMPLES.glob("*.py")} == tested


def test_quickstart(server: str, tmp_path: Path) -> None:
    out = run_example("quickstart.py", [], tmp_path, server)
    assert "starting a local" not in out
    for step in ("1. registered", "2. logged in", "3. hello, @alice", "4. posted", "5. read 7 statuses", "7. cleaned"):
        assert step in out
    assert "6. streamed a notification: @bob mentioned you" in out


def test_posting_bot(server: str, tmp_path: Path) -> None:
    out = run_example("posting_bot.py", [], tmp_path, server)
    assert "made bot_client.secret and bot_user.secret (mode 0o600)" in out
    assert len(re.findall(r"^posted http\S+/@bob/\d+$", out, flags=re.M)) == 2
    posts = own_statuses(server, "bob")
    assert len(posts) == 2
    assert all("Today is" in str(post["content"]) and post["visibility"] == "unlisted" for post in posts)
    assert list(tmp_path.iterdir()) == []


def test_posting_bot_with_a_saved_user_file(server: str, tmp_path: Path) -> None:
    user_file = tmp_path / "bot_user.secret"
    user_file.write_text(f"{DEMO_USERS['bob']}\n{server}\n", encoding="utf-8")
    user_file.chmod(0o600)
    out = run_example("posting_bot.py", ["--user-file", str(user_file), "--visibility", "private"], tmp_path, server)
    assert re.fullmatch(r"posted http\S+/@bob/\d+\n", out)
    assert [post["visibility"] for post in own_statuses(server, "bob")] == ["private"]


def test_notification_responder(server: str, tmp_path: Path) -> None:
    out = run_example("notification_responder.py", [], tmp_path, server)
    assert "listening for mentions of @alice" in out
    assert re.search(r"^answered @bob: http\S+/@alice/\d+$", out, flags=re.M)
    replies = own_statuses(server, "alice")
    assert len(replies) == 1
    assert replies[0]["in_reply_to_id"] is not None
    assert replies[0]["visibility"] == "unlisted"
    assert "thanks for the mention" in str(replies[0]["content"])


def test_export_followers(server: str, tmp_path: Path) -> None:
    target = tmp_path / "followers.csv"
    done = run([str(EXAMPLES / "export_followers.py"), "--output", str(target)], tmp_path, **{ENV_LOCAL_SERVER: server})
    assert done.returncode == 0, done.stderr
    # Not a terminal: one progress line per page of five.
    progress = re.findall(r"^\[([#.]{30})\] (\d+)/12 followers \(page (\d)\)$", done.stderr, flags=re.M)
    assert [(done_count, page) for _, done_count, page in progress] == [("5", "1"), ("10", "2"), ("12", "3")]
    assert progress[-1][0] == "#" * 30
    assert "exported 12 followers to" in done.stderr
    with target.open(newline="", encoding="utf-8") as rows:
        table = list(csv.DictReader(rows))
    assert sorted(row["acct"] for row in table) == [f"reader{number:02d}" for number in range(1, 13)]
    assert set(table[0]) == {"acct", "display_name", "url", "followers_count", "bot", "created_at"}


def test_cli_login(server: str, tmp_path: Path) -> None:
    out = run_example("cli_login.py", [], tmp_path, server)
    starts = out.split("start")
    assert len(starts) == 4
    assert "logged in as @alice; credentials saved in" in starts[1]
    assert "welcome back, @alice" in starts[2]
    assert "the saved login no longer works; logging in again" in starts[3]
    assert "logged in as @alice" in starts[3]


def test_upload_media(server: str, tmp_path: Path) -> None:
    image = tmp_path / "pixel.png"
    image.write_bytes(PIXEL_PNG)
    args = [str(image), "--description", "One pixel, white", "--focus", "0.5,-0.25", "--text", "Look at this"]
    out = run_example("upload_media.py", args, tmp_path, server)
    assert re.search(r"uploaded media \d+: image, described as 'One pixel, white', focus \(0\.5, -0\.25\)", out)
    posts = own_statuses(server, "alice")
    assert len(posts) == 1
    attachments = posts[0]["media_attachments"]
    assert isinstance(attachments, list)
    assert attachments[0]["description"] == "One pixel, white"


def test_upload_media_needs_a_description(server: str, tmp_path: Path) -> None:
    image = tmp_path / "pixel.png"
    image.write_bytes(PIXEL_PNG)
    done = run([str(EXAMPLES / "upload_media.py"), str(image)], tmp_path, **{ENV_LOCAL_SERVER: server})
    assert done.returncode == 2
    assert "--description is required" in done.stderr
    assert own_statuses(server, "alice") == []
