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
