"""The regex cache of the command's own process (extract.regex_cache):
a pattern served from the file is the pattern ``re`` compiles (same flags,
text and program), a damaged file or entry is as if there were none, and
importing or calling the CLI in-process leaves ``re`` alone."""

from __future__ import annotations

import re
import re._compiler as compiler

import pytest

from extract import regex_cache

pytestmark = pytest.mark.skipif(not regex_cache.supported(), reason="re is not CPython 3.11-3.13's")

# my own patterns: a big range class, named groups, backreference, lookbehind,
# a conditional, an alternation of words, flags
PATTERNS = [
    ("[一-鿿]{2,}", 0),
    (r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<f>\d+))? *(?P<u>万元|亿元|元|%)?", re.ASCII),
    (r"(?P<s>[-/.])\d{1,2}(?P=s)\d{1,2}", 0),
    (r"(?<![第\d])(?P<num>[一二三四五六七八九十]{1,3})项", 0),
    (r"(\()?增长(?(1)\))", 0),
    ("预算执行率|资金到位率|完成率", re.IGNORECASE),
    (r"^\s*其中[：:]", re.MULTILINE),
]
TEXT = "其中：本年度项目资金到位率100%，完成三项，较2023-05-01增长12,345.6万元（增长）第二项，預算"


def _fresh(pattern: str, flags: int) -> re.Pattern:
    return compiler.compile(pattern, flags)  # re's own work, no re._cache


def test_a_pattern_from_the_file_is_the_one_re_compiles(tmp_path):
    path = tmp_path / "regex.marshal"
    first = regex_cache._Cache(path, {})
    made = [first.compile(compiler.compile, p, f) for p, f in PATTERNS]
    assert first.added == len(PATTERNS)
    first.save()
    second = regex_cache._Cache(path, regex_cache._read(path))
    assert set(second.entries) == set(PATTERNS)
    for (p, f), before in zip(PATTERNS, made):
        calls = []
        served = second.compile(lambda *a: calls.append(a) or _fresh(*a), p, f)
        assert not calls, "served from the file, not compiled"
        fresh = _fresh(p, f)
        assert served == fresh == before  # flags, pattern text and the whole program
        assert (served.groups, dict(served.groupindex)) == (fresh.groups, dict(fresh.groupindex))
        assert [m.span() for m in served.finditer(TEXT)] == [m.span() for m in fresh.finditer(TEXT)]
    assert second.added == 0
    second.save()  # nothing new: the file is left as it is
    assert set(regex_cache._read(path)) == set(PATTERNS)


def test_a_damaged_file_or_entry_is_as_if_there_were_none(tmp_path):
    path = tmp_path / "regex.marshal"
    path.write_bytes(b"\x00not marshal")
    path.chmod(0o600)
    assert regex_cache._read(path) == {}
    assert regex_cache._read(tmp_path / "missing") == {}
    pattern, flags = PATTERNS[1]
    bad = {(pattern, flags): (0, b"\xff\xff\xff\xff", 3, {}, ()), ("x", 0): (1,)}
    cache = regex_cache._Cache(path, regex_cache._read(path) or dict(bad))
    got = cache.compile(compiler.compile, pattern, flags)
    assert got == _fresh(pattern, flags)
    assert cache.entries[(pattern, flags)] != bad[(pattern, flags)]  # replaced by the checked program


def test_bytes_and_debug_patterns_go_to_re_as_usual(tmp_path):
    cache = regex_cache._Cache(tmp_path / "regex.marshal", {})
    assert cache.compile(compiler.compile, rb"[\x80-\xff]+", 0) == _fresh(rb"[\x80-\xff]+", 0)
    assert cache.added == 0 and not cache.entries


def test_the_cli_in_process_leaves_re_alone(tmp_path):
    from click.testing import CliRunner

    from extract import cli

    original = compiler.compile
    report = tmp_path / "r.txt"
    report.write_text("一、基本情况\n项目预算100万元。\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["parse", str(report), "--no-checks"])
    assert result.exit_code == 0, result.output
    assert compiler.compile is original and not cli._OWN_PROCESS


def test_the_command_writes_the_same_bytes_without_and_from_the_cache(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import SAMPLE_2024

    from extract.export.jsonfile import report_json
    from extract.pipeline import parse_file

    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": os.pathsep.join(sys.path)}
    outputs = []
    for _ in range(2):  # the first writes the cache, the second reads it
        done = subprocess.run([sys.executable, "-m", "extract", "parse", str(SAMPLE_2024)], env=env,
                              capture_output=True, check=True)
        outputs.append(done.stdout.decode("utf-8"))
        assert list(tmp_path.glob("extract-regex.*.marshal"))
        assert list(tmp_path.glob("extract-code.*.marshal"))  # extract.code_cache too
    assert outputs[0] == outputs[1] == report_json(parse_file(SAMPLE_2024))


def test_a_faulty_pattern_fails_as_re_fails_it(tmp_path):
    cache = regex_cache._Cache(tmp_path / "regex.marshal", {})
    with pytest.raises(re.error):
        cache.compile(compiler.compile, "(?P<n>[一-鿿]", 0)
    assert not cache.entries
