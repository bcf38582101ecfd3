from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_2024 = SAMPLES / "2024_jiangmen_kejiju_department_overall_self_evaluation.txt"
SAMPLE_2022 = SAMPLES / "2022_jiangmen_kejiju_project_self_evaluation.txt"
SHARED_REAL = ROOT.parent / "shared" / "real"


@pytest.fixture(scope="session")
def report_2024():
    from extract.pipeline import parse_file

    return parse_file(SAMPLE_2024)


@pytest.fixture(scope="session")
def report_2022():
    from extract.pipeline import parse_file

    return parse_file(SAMPLE_2022)


# ---------------------------------------------------------------- rule folders


def copy_rules(folder: Path) -> Path:
    """``folder`` holding a copy of every shipped rule file."""
    import shutil

    from extract.rules import DEFAULT_RULES_DIR

    folder.mkdir(parents=True, exist_ok=True)
    for f in DEFAULT_RULES_DIR.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    return folder


def edit_rule(folder: Path, name: str, old: str, new: str) -> Path:
    """Replace ``old`` (which must be there) by ``new`` in ``folder/name``."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A fresh copy of the shipped rule folder, to edit."""
    return copy_rules(tmp_path / "rules")


SHARED_CORPUS = ROOT.parent / "shared" / "corpus"


def checked_documents() -> list:
    """pytest params of every document the checker is held to: the two
    samples, the real PDFs of ../shared/real and every report of
    ../shared/corpus/*/ (a folder that is absent gives one skipped param)."""
    params = [pytest.param(p, id=p.name) for p in sorted(SAMPLES.glob("*.txt"))]
    for folder, pattern in ((SHARED_REAL, "*.pdf"), (SHARED_CORPUS, "*/*.txt")):
        found = sorted(folder.glob(pattern)) if folder.is_dir() else []
        params += [pytest.param(p, id=p.name) for p in found] or [
            pytest.param(None, id=folder.name, marks=pytest.mark.skip(reason=f"{folder} absent"))]
    return params


@pytest.fixture(scope="session")
def parse_with_source():
    """``parse(path)`` -> (loaded document, report with checks), parsed once
    per session."""
    from extract.load import load_document
    from extract.pipeline import parse_source

    done: dict = {}

    def parse(path):
        if path not in done:
            loaded = load_document(path)
            done[path] = loaded, parse_source(loaded.source, loaded.info)
        return done[path]

    return parse
