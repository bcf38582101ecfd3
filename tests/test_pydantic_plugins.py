"""pydantic's plugin look-up in the command's own process
(extract.pydantic_plugins): the stand-in is only put in when no distribution
on the path declares a pydantic plugin, answers as the real loader does, and
hands anything else to the real loader; a library user's pydantic is left
alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from extract import pydantic_plugins

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _dist(folder: Path, name: str, entry_points: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Name: {name}\nVersion: 1.0\n")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points)


def test_a_declared_plugin_is_seen(tmp_path):
    _dist(tmp_path, "tools", "[console_scripts]\ntool = tools:main\n")
    _dist(tmp_path, "plain", None)
    assert not pydantic_plugins.declares_plugins([str(tmp_path), str(tmp_path / "missing")])
    _dist(tmp_path, "observer", "[console_scripts]\nx = y:z\n\n [pydantic] \nobserve = observer.plugin:plugin\n")
    assert pydantic_plugins.declares_plugins([str(tmp_path)])


def test_a_path_entry_it_cannot_read_counts_as_a_plugin(tmp_path):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    assert pydantic_plugins.declares_plugins([str(archive)])


def _run(code: str, path_dir: Path | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC] + ([str(path_dir)] if path_dir else []))}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_stand_in_answers_as_the_loader_and_hands_the_rest_on():
    # The installation has no pydantic plugin: the stand-in is put in, pydantic
    # builds and validates models without importlib.metadata, and asking the
    # loader anything else brings in the real one.
    out = _run("import sys\n"
               "from extract import pydantic_plugins\n"
               "real_none = not pydantic_plugins.declares_plugins(sys.path)\n"
               "placed = pydantic_plugins.install()\n"
               "import pydantic\n"
               "class Figure(pydantic.BaseModel):\n"
               "    value: int\n"
               "assert Figure(value='3').value == 3\n"
               "print(real_none, placed, 'importlib.metadata' in sys.modules)\n"
               "from pydantic.plugin import _loader\n"
               "print(list(_loader.get_plugins()), _loader.PYDANTIC_ENTRY_POINT_GROUP,"
               " sys.modules['pydantic.plugin._loader'].__file__.endswith('_loader.py'))\n")
    first, second = out.splitlines()
    assert first == "True True False"
    assert second == "[] pydantic True"


def test_a_declared_plugin_leaves_pydantic_to_load_it(tmp_path):
    _dist(tmp_path, "observer", "[pydantic]\nobserve = observer_plugin:plugin\n")
    out = _run("import sys\n"
               "from extract import pydantic_plugins\n"
               "print(pydantic_plugins.install(), 'pydantic.plugin._loader' in sys.modules)\n", tmp_path)
    assert out == "False False"


def test_the_library_leaves_pydantic_alone():
    out = _run("import sys\nimport extract.cli, extract.pipeline\n"
               "print('pydantic.plugin._loader' in sys.modules and "
               "type(sys.modules['pydantic.plugin._loader']).__name__)\n"
               "from extract.model import Location\n"
               "print(type(sys.modules['pydantic.plugin._loader']).__name__)\n")
    assert out.splitlines()[-1] == "module"
