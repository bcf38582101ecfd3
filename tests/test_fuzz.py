"""The text pipeline under fuzzing (issue 6): a bounded run of
scripts/fuzz_text.py, every crash it ever found parsed again, and a
hypothesis property: arbitrary text raises nothing but InputError."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.errors import InputError

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("fuzz_text", ROOT / "scripts" / "fuzz_text.py")
fuzz_text = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz_text)

CI_ITERATIONS = 600
CI_SECONDS = 25

# Crashes found by the fuzzer in code outside issue 6's scope, not fixed
# yet: signature -> where it lives. Their saved inputs xfail (strictly: a
# fix turns the test red until the entry is removed).
KNOWN_UNFIXED: dict[str, str] = {}

REGRESSIONS = sorted(fuzz_text.REGRESSIONS.glob("crash-*"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_saved_crash_parses(path: Path):
    try:
        fuzz_text.parse_bytes(path.read_bytes(), path.name)
    except InputError:
        pass
    except Exception as e:
        sig = fuzz_text.signature(e)
        if sig in KNOWN_UNFIXED:
            pytest.xfail(KNOWN_UNFIXED[sig])
        raise


def test_fuzz_bounded_run_finds_no_new_crash():
    ran, crashes = fuzz_text.fuzz(CI_ITERATIONS, seed=6, save_to=None, max_seconds=CI_SECONDS)
    assert ran >= 100
    new = [line for _, line in crashes if line.split(": ", 1)[0] not in KNOWN_UNFIXED]
    assert not new, f"{len(new)} new crash(es) in {ran} iterations; run scripts/fuzz_text.py --seed 6 " \
                    f"to save them: {new[:3]}"


SAMPLE_LINES = [line for p in fuzz_text.SAMPLES for line in p.read_text(encoding="utf-8").splitlines()]
report_text = st.lists(
    st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=40),
              st.text(alphabet=fuzz_text.ALPHABET[:-2], max_size=40)),
    max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_text_pipeline_raises_only_input_errors(text):
    data = text.encode("utf-8", "surrogatepass")
    try:
        report = fuzz_text.parse_bytes(data)
    except InputError:
        return
    except Exception as e:
        if fuzz_text.signature(e) in KNOWN_UNFIXED:
            return
        raise
    assert report.source.lines >= 1
    for claim in report.claims:  # every location points into the text
        loc = claim.location
        assert 1 <= loc.line <= report.source.lines
