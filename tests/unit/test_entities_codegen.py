"""``codegen/generate.py`` writes ``mastodon/return_types.py`` deterministically, and CI can check it."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "codegen" / "entities.json"
MODULE_PATH = ROOT / "mastodon" / "return_types.py"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("entity_generator", ROOT / "codegen" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = load_generator()
SPEC = json.loads(SPEC_PATH.read_text("utf-8"))


def test_module_on_disk_is_what_the_spec_generates() -> None:
    assert generator.render(SPEC) == MODULE_PATH.read_text("utf-8")
    assert generator.render(SPEC) == generator.render(json.loads(SPEC_PATH.read_text("utf-8")))


def test_check_mode_reports_a_stale_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "return_types.py"
    assert generator.main(["--output", str(target)]) == 0
    assert generator.main(["--check", "--output", str(target)]) == 0
    target.write_text(target.read_text("utf-8").replace("class Status(Entity):", "class Status(Entity):  # edited"))
    assert generator.main(["--check", "--output", str(target)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert generator.main(["--check", "--output", str(tmp_path / "missing.py")]) == 1


def test_check_mode_from_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "generate.py"), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_generated_module_is_ruff_clean(tmp_path: Path) -> None:
    target = tmp_path / "return_types.py"
    target.write_text(generator.render(SPEC), "utf-8")
    config = ["--config", str(ROOT / "pyproject.toml")]
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--diff", *config, str(target)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *config, str(target)], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert linted.returncode == 0, linted.stdout + linted.stderr


def test_fields_named_like_dict_methods_need_an_attribute_name() -> None:
    spec = copy.deepcopy(SPEC)
    collection = next(entity for entity in spec["entities"] if entity["name"] == "Collection")
    items = next(field for field in collection["fields"] if field["name"] == "items")
    del items["python_name"]
    with pytest.raises(ValueError, match="python_name"):
        generator.render(spec)


def test_unknown_types_are_refused() -> None:
    spec = copy.deepcopy(SPEC)
    spec["entities"][0]["fields"][0]["type"] = "list[NoSuchEntity]"
    with pytest.raises(ValueError, match="unknown type"):
        generator.render(spec)


def test_renamed_fields_get_a_property_and_a_rename_map() -> None:
    source = generator.render(SPEC)
    assert "    def at1x(self) -> str | None:" in source
    assert '_rename_map: ClassVar[dict[str, str]] = {"at1x": "@1x", "at2x": "@2x"}' in source
    assert "\n    items: " not in source.split("class Collection(Entity):")[1].split("\nclass ")[0]


# --- prebuilt converters ----------------------------------------------------------------------

CONVERTERS_PATH = ROOT / "mastodon" / "_converters.py"


def test_converter_module_on_disk_is_what_the_templates_generate() -> None:
    assert generator._converters_in_child() == CONVERTERS_PATH.read_text("utf-8")


def test_check_mode_reports_a_stale_converter_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "_converters.py"
    target.write_text(CONVERTERS_PATH.read_text("utf-8").replace("_cs(v, _k0)", "_cs(v, _k1)"), "utf-8")
    assert generator.main(["--check", "--converters", str(target)]) == 1
    assert f"{target} is out of date" in capsys.readouterr().err


_ADOPTION_SCRIPT = """
from mastodon import _convert, _converters
from mastodon.return_types import Account, Status
from mastodon.types_base import Entity, NonPaginatableList, decode_json

status = _convert.converter_for(Status)(decode_json('{"id": "1", "account": {"id": "2"}, "tags": [{"name": "a"}]}'))
assert type(status.account) is Account and status.account.id == "2"
# Nothing was compiled for the library's classes: the prebuilt converters were adopted.
assert _convert._EMITTED == [], _convert._EMITTED
name = _converters.NAMES[Status]
assert _convert._GEN[name] is getattr(_converters, name)


class Shelf(Entity):  # a user's own entity class, compiled at run time around prebuilt ones
    owner: Account
    statuses: NonPaginatableList[Status]


document = '{"owner": {"id": "3"}, "statuses": [{"id": "4", "account": {"id": "5"}}]}'
shelf = _convert.converter_for(Shelf)(decode_json(document))
assert type(shelf.owner) is Account and type(shelf.statuses[0].account) is Account
assert [name for name, _ in _convert._EMITTED if name.startswith("_k")] == [f"_k{_converters.NEXT}"]
print("ok")
"""


def test_prebuilt_converters_are_adopted_and_user_classes_still_compile() -> None:
    result = subprocess.run([sys.executable, "-c", _ADOPTION_SCRIPT], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "ok\n", result.stdout + result.stderr
