"""Which code made a report (extract.provenance), and batch converting again
when it is another extract than the one that made the stored reports."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from extract import __version__
from extract.cli import main
from extract.provenance import code_digest, extractor_id, package_files

SAMPLE_2022 = Path(__file__).resolve().parents[1] / "samples" / "2022_jiangmen_kejiju_project_self_evaluation.txt"


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_the_digest_is_of_contents_and_names_not_dates(tmp_path):
    root = _tree(tmp_path / "pkg", {"a.py": b"x = 1\n", "data/w.txt": b"words\n"})
    first = code_digest(root)
    os.utime(root / "a.py", (1, 1))  # another date, same bytes
    assert code_digest(root) == first
    (root / "a.py").write_bytes(b"x = 2\n")
    assert code_digest(root) != first
    (root / "a.py").write_bytes(b"x = 1\n")
    assert code_digest(root) == first
    (root / "a.py").rename(root / "b.py")  # the same bytes under another name
    assert code_digest(root) != first


def test_compiled_bytecode_is_no_part_of_the_code(tmp_path):
    root = _tree(tmp_path / "pkg", {"a.py": b"x = 1\n"})
    first = code_digest(root)
    _tree(root, {"__pycache__/a.cpython-312.pyc": b"\x00\x01", "b.pyc": b"\x02"})
    assert code_digest(root) == first
    assert [p.name for p in package_files(root)] == ["a.py"]


def test_the_extractor_is_the_version_and_the_packages_digest():
    version, digest = extractor_id().split("+")
    assert version == __version__
    assert len(digest) == 12 and code_digest().startswith(digest)


def test_batch_converts_again_what_another_extract_made(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / SAMPLE_2022.name).write_bytes(SAMPLE_2022.read_bytes())
    out = tmp_path / "out"

    def batch() -> list[dict]:
        r = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out), "--workers", "1"])
        assert r.exit_code == 0, r.output
        return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]

    def stored() -> list[tuple]:
        with sqlite3.connect(out / "reports.sqlite") as db:
            return db.execute("SELECT extractor FROM documents").fetchall()

    def in_json() -> str:
        (path,) = (out / "json").glob("*.json")
        return json.loads(path.read_text(encoding="utf-8"))["extractor"]

    assert [row["status"] for row in batch()] == ["done"]
    assert stored() == [(extractor_id(),)] and in_json() == extractor_id()
    assert [row["status"] for row in batch()] == ["skipped"]

    upgraded = f"{__version__}+{'0' * 12}"  # the same archive, under an upgraded extract
    monkeypatch.setattr("extract.batch.extractor_id", lambda: upgraded)
    assert [row["status"] for row in batch()] == ["done"]
    assert stored() == [(upgraded,)] and in_json() == upgraded
    assert [row["status"] for row in batch()] == ["skipped"]
