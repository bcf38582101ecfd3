"""The speed work of issue 22 must not change a byte of output.

Each optimisation swaps a slow path for a fast one that must be equivalent:
libyaml for PyYAML's pure-Python loader, a cached section path for a walk
per call. These tests hold the two paths to the same result, and hold the
JSON of the samples and of the PDF fixture to the same bytes however it is
produced: twice in one process (nothing cached changes the second run),
through the CLI, and indented against compact.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
import yaml
from click.testing import CliRunner

from extract.cli import main
from extract.export.jsonfile import report_json
from extract.pipeline import parse_file
from extract.rules import DEFAULT_RULES_DIR, RuleError, parse_rule_text, RuleModel

from conftest import SAMPLE_2022, SAMPLE_2024, SHARED_CORPUS as CORPUS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = [SAMPLE_2022, SAMPLE_2024, FIXTURES / "2024_jiangmen_kejiju_department_overall_self_evaluation.pdf"]


@pytest.fixture(scope="module", params=DOCUMENTS, ids=lambda p: p.name)
def outputs(request):
    path = request.param
    first = report_json(parse_file(path))
    second = report_json(parse_file(path))
    cli = CliRunner().invoke(main, ["parse", str(path)])
    assert cli.exit_code == 0, cli.output
    compact = CliRunner().invoke(main, ["parse", str(path), "--compact"])
    assert compact.exit_code == 0, compact.output
    return first, second, cli.stdout, compact.stdout


def test_same_bytes_twice_in_one_process_and_through_the_cli(outputs):
    first, second, cli, _ = outputs
    assert first == second
    assert cli == first


def test_indented_and_compact_json_hold_the_same_data(outputs):
    first, _, _, compact = outputs
    assert compact.count("\n") == 1
    assert json.loads(compact) == json.loads(first)


def test_libyaml_and_pure_python_loaders_read_every_rule_file_alike():
    files = sorted(Path(DEFAULT_RULES_DIR).rglob("*.yaml"))
    assert files
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=fast) == yaml.safe_load(text), f


class _Small(RuleModel):
    name: str
    items: list[int] = []


def test_rule_errors_still_name_file_line_and_key():
    with pytest.raises(RuleError, match=r"^x\.yaml: line 4: key items\.1: "):
        parse_rule_text("name: a\nitems:\n  - 1\n  - b\n", _Small, "x.yaml")
    with pytest.raises(RuleError, match=r"^x\.yaml: line 2: key extra: unknown key$"):
        parse_rule_text("name: a\nextra: 1\n", _Small, "x.yaml")
    with pytest.raises(RuleError, match=r"^x\.yaml: line \d+: malformed YAML: "):
        parse_rule_text("name: [a\nitems: 1\n", _Small, "x.yaml")


def test_cached_section_path_is_the_walk_up_the_parents(report_2024):
    from extract.checks.context import build_context

    from extract.ruleset import RuleSet

    ctx = build_context(report_2024, RuleSet.default())
    assert ctx.sections
    for sid, section in ctx.sections.items():
        walk, current = [], section
        while current is not None and current.id not in walk:
            walk.append(current.id)
            current = ctx.sections.get(current.parent or "")
        assert ctx.section_path(sid) == tuple(walk[::-1])
        assert ctx.section_path(sid) is ctx.section_path(sid)
    assert ctx.section_path(None) == () and ctx.section_path("no such section") == ()


def test_chapter_sentences_are_the_scan_of_every_sentence(report_2024):
    """CheckContext.chapter_sentences (grouped once) against the walk over
    every sentence of the report it replaced in checks/rates.py."""
    from extract.checks.context import build_context
    from extract.ruleset import RuleSet

    ctx = build_context(report_2024, RuleSet.default())
    assert ctx.sentences
    for s in ctx.sentences:
        top = ctx.section_path(s.section)[:1]
        scan = [(i, x) for i, x in enumerate(ctx.sentences) if top and ctx.section_path(x.section)[:1] == top]
        assert ctx.chapter_sentences(s) == scan


def test_chapter_figures_come_nearest_first_as_the_sorted_chapter(report_2024):
    """rates._chapter_figures (and _nearest_in_chapter), made from the sentence outwards as they are
    asked for, against the whole chapter sorted by distance it replaced."""
    from extract.checks import rates
    from extract.checks.context import build_context
    from extract.ruleset import RuleSet

    ctx = build_context(report_2024, RuleSet.default())
    seen = 0
    for s in ctx.sentences:
        top = ctx.section_path(s.section)[:1]
        here = next(i for i, x in enumerate(ctx.sentences) if x is s)
        pool = [(abs(i - here), x) for i, x in enumerate(ctx.sentences)
                if top and x is not s and ctx.section_path(x.section)[:1] == top]
        plain = [(x, p) for _, x in sorted(pool, key=lambda t: t[0]) for p in x.placed]
        assert rates._chapter_figures(ctx, s) == plain == list(rates._nearest_in_chapter(ctx, s))
        seen += len(plain)
    assert seen


def _search_key_per_character(text: str, start: int = 0):
    """search_key as it was written before issue 22: a loop per character
    (．and ，read as figures read them between digits)."""
    from extract.normalize import _fold_char
    from extract.span import Span

    chars, offs = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        folded = "." if ch == "．" else "," if ch == "，" else _fold_char(ch)
        if folded and not folded.isspace():
            chars.append(folded)
            offs.append(start + i)
    return Span("".join(chars), tuple(offs))


def test_search_key_is_the_per_character_fold():
    import random

    from extract.normalize import search_key

    texts = [p.read_text(encoding="utf-8") for p in (SAMPLE_2022, SAMPLE_2024)]
    rng = random.Random(22)
    alphabet = "ａＡ０９％（）\u3000\u00a0\t\n \u200b\ufeff．.,，1a中文－＝≧\u2002\u2009\x0b\x1c"
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(500)]
    texts += ["", "abc", "   "]
    for text in texts:
        for start in (0, 7):
            assert search_key(text, start) == _search_key_per_character(text, start), repr(text)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers() | st.floats() | st.booleans() | st.none(), inner,
                      max_size=4),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_JSON, st.sampled_from([2, 4]))
def test_indented_json_is_the_standard_librarys(value, indent):
    from extract.export.jsonfile import indented_json

    assert indented_json(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


def test_indented_json_refuses_what_the_standard_library_refuses():
    from extract.export.jsonfile import indented_json

    for bad in ({(1, 2): 1}, [object()], {"a": {1, 2}}):
        with pytest.raises(TypeError):
            json.dumps(bad, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError):
            indented_json(bad)


def test_records_cut_from_compact_json_are_the_dumped_data(report_2024):
    """The indented report JSON is cut from pydantic's compact JSON; each
    record is what dumping the report to Python data and encoding each
    top-level value or list item gives (the way it was made before)."""
    from extract.export.jsonfile import report_json
    from extract.model import LEAN

    assert report_json(report_2024) == _encoded_records(report_2024.model_dump(mode="json", **LEAN))


def _encoded_records(data: dict) -> str:
    """``data`` as the indented report JSON: each top-level value or list
    item encoded by the json module, compact, on its own line."""
    from extract.export.jsonfile import _compact

    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            lines += [f"  {json.dumps(key)}: ["] + [f"    {_compact(v)}," for v in value]
            lines[-1] = lines[-1][:-1]
            lines.append("  ],")
        else:
            lines.append(f"  {json.dumps(key)}: {_compact(value)},")
    lines[-1] = lines[-1][:-1]
    return "{\n" + "\n".join(lines) + "\n}\n"


_RECORD = st.dictionaries(st.text(max_size=5), _JSON | st.lists(_JSON, max_size=4), max_size=5)


@settings(max_examples=400, deadline=None)
@given(_RECORD, st.lists(st.floats(allow_nan=False, allow_infinity=False), max_size=3))
@example({}, [0.00001])
@example({"a": "1e-05 0.00001"}, [12.5])
@example({"a": [2, "x"]}, [-1.5e-7, 3.0])
@example({}, [1e17])
def test_records_are_the_json_modules_whether_sliced_or_encoded_again(value, floats):
    """Records are cut from pydantic's compact text as they stand unless a
    float there may read otherwise in the json module (1e-05, 0.00001):
    either way each is what encoding its decoded value gives."""
    import pydantic_core

    from extract.export.jsonfile import _records

    text = pydantic_core.to_json({**value, "floats": floats}).decode("utf-8")
    assert _records(text, 2) == _encoded_records(json.loads(text))


def _glyph_box_per_character(source, start: int, end: int):
    """SourceText.glyph_box as a loop over every character (its slow path)."""
    import math

    page, x0, top, x1, bottom = None, math.inf, math.inf, -math.inf, -math.inf
    for line in range(source.line_of(start), source.line_of(max(end - 1, start)) + 1):
        boxes = source.char_boxes[line - 1] if line - 1 < len(source.char_boxes) else None
        if boxes is None:
            continue
        first = source.line_starts[line - 1]
        for i in range(max(start - first, 0), min(end - first, len(boxes) // 5)):
            p = boxes[5 * i]
            if math.isnan(p) or (page is not None and p != page):
                continue
            page = int(p)
            x0, top = min(x0, boxes[5 * i + 1]), min(top, boxes[5 * i + 2])
            x1, bottom = max(x1, boxes[5 * i + 3]), max(bottom, boxes[5 * i + 4])
    if page is None:
        return None
    return page, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def test_glyph_box_by_slices_is_the_per_character_union():
    """Lines of glyphs on one or two pages with undrawn spaces (NaN) among
    them: every span boxed by slices as by the loop over its characters."""
    import array
    import math
    import random

    from extract.span import SourceText

    rng = random.Random(22)
    for _ in range(60):
        lines, boxes = [], []
        for _ in range(rng.randint(1, 4)):
            n = rng.randint(1, 12)
            lines.append("x" * n)
            if rng.random() < 0.15:
                boxes.append(None)
                continue
            pages = rng.choice([[3], [3, 4], [4]])
            row = array.array("f")
            for _ in range(n):
                if rng.random() < 0.3:
                    row.extend([math.nan] * 5)
                else:
                    x, y = rng.uniform(0, 500), rng.uniform(0, 800)
                    row.extend([rng.choice(pages), x, y, x + rng.uniform(1, 12), y + rng.uniform(1, 12)])
            boxes.append(row)
        source = SourceText("\n".join(lines) + "\n", char_boxes=boxes)
        size = len(source.text)
        for _ in range(40):
            start = rng.randrange(size)
            end = rng.randint(start, size)
            assert source.glyph_box(start, end) == _glyph_box_per_character(source, start, end), (start, end)


def _char_boxes_per_character(text, runs):
    """extract.load.lines.char_boxes as a loop over every character (its general path)."""
    import array

    from extract.load.lines import GLYPH_LOOKAHEAD, NO_BOX

    out = array.array("f", NO_BOX * len(text))
    chars = "".join(r.chars for r in runs)
    boxes, pages = array.array("f"), []
    for r in runs:
        boxes.extend(r.boxes)
        pages.extend([r.page] * len(r.chars))
    j = 0
    for i, ch in enumerate(text):
        if ch in " \t":
            continue
        k = j if chars[j:j + 1] == ch else chars.find(ch, j, j + GLYPH_LOOKAHEAD)
        if k < 0:
            continue
        out[5 * i] = pages[k]
        out[5 * i + 1:5 * i + 5] = boxes[4 * k:4 * k + 4]
        j = k + 1
    return out


def test_char_boxes_copied_by_words_are_the_per_character_match():
    import array
    import random

    from extract.load.lines import GlyphRun, char_boxes

    rng = random.Random(22)
    for _ in range(300):
        runs = []
        for _ in range(rng.randint(1, 3)):
            chars = "".join(rng.choice("数量12.%元ab") for _ in range(rng.randint(0, 10)))
            runs.append(GlyphRun(chars, array.array("f", [rng.uniform(0, 600) for _ in range(4 * len(chars))]),
                                 rng.randint(1, 9)))
        text = "".join(r.chars for r in runs)
        text = "".join(ch + rng.choice(["", "", "", " ", "\t", "  "]) for ch in text)
        if rng.random() < 0.2 and text:  # a glyph drawn twice in place, dropped from the text
            i = rng.randrange(len(text))
            text = text[:i] + text[i + 1:]
        assert char_boxes(text, runs).tobytes() == _char_boxes_per_character(text, runs).tobytes(), text


def test_doubled_marks_found_by_pattern_as_by_the_scan():
    """find_doubled by one regular expression against the scan it replaced."""
    import random

    from extract.checks.hygiene import Passage, PunctuationRules, find_doubled
    from extract.span import Span

    def scan(text, marks, allowed):
        i, out = 0, []
        while i < len(text) - 1:
            j = i
            while j < len(text) and text[j] in marks:
                j += 1
            if j - i >= 2 and text[i:j] not in allowed:
                out.append(("doubled", i, j, "标点重复"))
            i = max(j, i + 1)
        return out

    rng = random.Random(22)
    for marks in ("，。、；：！？,;", "-]^\\", ""):
        rules = PunctuationRules.model_construct(doubled_marks=marks, allowed_pairs=["？！", "！？"])
        for _ in range(300):
            text = "".join(rng.choice(marks + "文字12？！") for _ in range(rng.randint(0, 20)))
            assert list(find_doubled(rules, Passage(Span.of_source(text)))) == scan(text, marks, rules.allowed_pairs)


def test_hygiene_screened_patterns_find_what_every_pattern_on_every_passage_finds():
    """Hygiene leaves out the patterns that match nowhere in a document
    (checks.hygiene.Screen); its finders must yield what they yield with
    every pattern run on every passage, on passages of the rules' own
    examples and of words made up here, in random documents of them."""
    import random

    from extract.checks.hygiene import (Passage, document_kind, find_foreign_scope, find_missing_units,
                                        find_placeholders, find_residue, hygiene_rules, opposite_pattern)
    from extract.checks.screen import Screen
    from extract.span import Span

    rules = hygiene_rules()
    pieces = ["资金执行率为97.5", "（请填写完成情况）", "增加（减少）", "本单位整体支出绩效自评得分",
              "XX万元", "某某", "＊＊", "主要原因是", "预算支出为123.45", "部门整体绩效评价", "Xx人",
              "平稳运行", "。", "，", "\n"]
    for name in ("residue", "placeholder", "scope"):
        section = getattr(rules, name)
        examples = getattr(section, "examples", None)
        if examples is not None:
            pieces += examples.flagged + examples.clean
    opposites = opposite_pattern(rules.residue)
    kinds = [document_kind(rules.scope, k.title_words[0] if k.title_words else None, k.report_type)
             for k in rules.scope.kinds]
    rng = random.Random(14)
    for _ in range(200):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 6))]
        found = [Passage(Span.of_source(t), in_cell=rng.random() < 0.3) for t in texts]
        screen = Screen(p.span.text for p in found)
        screened_opposites = screen.one(opposites.pattern)
        for p in found:
            assert list(find_residue(rules.residue, screened_opposites, p, screen)) == \
                list(find_residue(rules.residue, opposites, p))
            assert list(find_placeholders(rules.placeholder, p, screen)) == \
                list(find_placeholders(rules.placeholder, p))
            assert list(find_missing_units(rules.missing_unit, True, p, screen)) == \
                list(find_missing_units(rules.missing_unit, True, p))
            for kind in kinds:
                assert list(find_foreign_scope(kind, p, screen)) == list(find_foreign_scope(kind, p))


def test_the_hygiene_screen_leaves_out_only_patterns_that_read_just_their_match():
    from extract.checks.screen import Screen, can_match

    screen = Screen(["开展活动三场", "完成"])
    assert screen.one("某某") is None  # matches nowhere
    assert screen.one("活动") is not None
    # a lookbehind: what stands before a passage counts, so no search of the
    # passages joined leaves it out (开展 stands before 活动 in them) ...
    assert screen.one("(?<!开展)活动") is not None
    assert screen.one("活动$") is not None
    # ... but a text without a character every match needs holds no match, lookarounds or not
    assert screen.one("(?<!开展)某某") is None
    assert screen.one("某某$") is None
    assert [p.pattern for p in screen.live(["某某", "三场", "^完成"])] == ["三场", "^完成"]
    assert not can_match(re.compile(r"\d+分以上为优秀"), "七十分为合格。")
    assert can_match(re.compile(r"(?<=\d)分以上为优秀"), "七十分为合格。")


# ---------------------------------------------------------------- batch: each report serialized once

def _typed(rows: dict) -> str:
    """Rows as text that tells types apart (a Decimal from its text, True
    from 1), without the conversion time."""
    for row in rows["files"]:
        row.pop("converted_at")
    return repr(rows)


@pytest.mark.parametrize("path", DOCUMENTS + sorted(CORPUS.glob("*/*.txt"))[:6], ids=lambda p: p.name)
def test_rows_read_from_the_report_are_the_rows_of_its_dumped_data(path):
    """Batch (and export) fill the database from the report itself; the
    rows are those of its dumped JSON data, as before, to the type."""
    from extract.export.rows import check_error_count, report_rows

    report = parse_file(path)
    data = report.model_dump(mode="json")
    assert _typed(report_rows(report)) == _typed(report_rows(data))
    assert check_error_count(report) == check_error_count(data)


def test_batch_outputs_are_the_bytes_and_rows_of_one_report_at_a_time(tmp_path):
    """What a batch writes, against each report made alone as before: its
    JSON file is `extract parse --compact`'s bytes with the code that made it
    recorded (``extractor``, batch's resume key), reports.jsonl holds the
    same lines, and the database and Parquet hold the rows of each report's
    dumped data."""
    from extract.batch import BatchOptions, report_json_path, run_batch
    from extract.export.database import open_database, table_contents, upsert_report
    from extract.export.parquet import database_to_parquet, read_parquet_rows
    from extract.export.rows import report_rows
    from extract.model import LEAN
    from extract.provenance import extractor_id

    inputs = tmp_path / "in"
    inputs.mkdir()
    sources = [SAMPLE_2022, SAMPLE_2024, *sorted(CORPUS.glob("*/*.txt"))[:4]]
    for i, path in enumerate(sources):
        (inputs / f"{i}-{path.name}").write_bytes(path.read_bytes())
    summary = run_batch([inputs], BatchOptions(tmp_path / "out", workers=2, progress=False))
    assert summary.counts["done"] == len(sources)

    before = open_database(str(tmp_path / "before.sqlite"))
    lines = []
    for row in sorted(summary.rows, key=lambda r: r.sha256):
        report = parse_file(row.path)
        cli = CliRunner().invoke(main, ["parse", row.path, "--compact"])
        assert cli.stdout == report.model_dump_json(**LEAN) + "\n"
        report.extractor = extractor_id()
        expected = report.model_dump_json(**LEAN) + "\n"
        assert report_json_path(tmp_path / "out" / "json", row.sha256).read_text(encoding="utf-8") == expected
        lines.append(expected)
        upsert_report(before, report_rows(report.model_dump(mode="json")))
    assert (tmp_path / "out" / "reports.jsonl").read_text(encoding="utf-8") == "".join(lines)

    database_to_parquet(before, tmp_path / "before-parquet")
    after = open_database(str(tmp_path / "out" / "reports.sqlite"))
    try:
        stores = {"db": (table_contents(before), table_contents(after)),
                  "parquet": (read_parquet_rows(tmp_path / "before-parquet"),
                              read_parquet_rows(tmp_path / "out" / "parquet"))}
    finally:
        before.dispose()
        after.dispose()
    for name, (old, new) in stores.items():
        for contents in (old, new):
            for r in contents["files"]:
                r["converted_at"] = type(r["converted_at"]).__name__
        assert repr(new) == repr(old), name


def _plain_reason_in_text(ind, ctx):
    """targets.reason_in_text as it was: every sentence of the report walked for each indicator."""
    from extract.checks.targets import _flat, _needles, _sentence_location

    words = ctx.book.rules.targets.reason_words
    needles = _needles(ind)
    for section in ctx.report.sections:
        sentences = ctx.section_sentences(section)
        for i, sentence in enumerate(sentences):
            if not any(needle in _flat(sentence) for needle in needles):
                continue
            for near in sentences[i:i + 2]:
                if any(w in near for w in words):
                    return sentence, _sentence_location(ctx, section, sentence)
    return None


def test_reasons_in_the_text_are_found_among_the_reasoned_sentences_as_by_the_walk(report_2024):
    from extract.checks.context import build_context
    from extract.checks.targets import reason_in_text
    from extract.model import Indicator
    from extract.ruleset import RuleSet

    ctx = build_context(report_2024, RuleSet.default())
    indicators = list(report_2024.indicators)
    assert indicators
    found = 0
    for ind in indicators:
        # the indicator as it is, and named by words of each sentence (so some do match)
        texts = [t for section in report_2024.sections for t in ctx.section_sentences(section)]
        variants = [ind] + [ind.model_copy(update={"name": t[2:8]}) for t in texts[::5] if len(t) > 8]
        for v in variants:
            got = reason_in_text(v, ctx)
            assert got == _plain_reason_in_text(v, ctx)
            found += got is not None
    assert found


def _plain_restated_change(ctx, s, rate):
    """growth.restated_change as it was: every text claim of the report walked for each rate."""
    from extract.checks.growth import change_direction, compares_previous, names_reason
    from extract.checks.periods import is_previous, letter_pairs

    g = ctx.book.rules.growth
    change = g.increase_words + g.decrease_words
    before = [p for p in s.placed if 0 <= p.end <= rate.start and p.claim.unit_class not in
              ("percent", "date", "duration")]
    if not before:
        return None
    b = before[-1]
    if any(w in b.claim.metric_text for w in change) or is_previous(ctx, s, b):
        return None
    name = letter_pairs(b.claim.metric)
    for s2, q in ctx.text_claims():
        if s2 is s or q.claim.normalized_unit != b.claim.normalized_unit or \
                q.claim.normalized_value != b.claim.normalized_value or len(name & letter_pairs(q.claim.metric)) < 2:
            continue
        after = [x for x in s2.placed if x.start >= q.end >= 0 and x.claim.normalized_unit == b.claim.normalized_unit]
        if not after:
            continue
        x = after[0]
        words = x.claim.metric_text
        falls = change_direction(ctx, words)
        if falls is not None and not names_reason(ctx, words) and compares_previous(ctx, s2.text[:x.start]):
            return x, b, falls
    return None


def test_restated_changes_are_found_among_the_figures_of_their_value_as_by_the_walk(report_2024):
    from extract.checks.context import build_context
    from extract.checks.growth import restated_change
    from extract.ruleset import RuleSet

    from extract.pipeline import Extractor

    text = ("一、预算执行情况\n1.机关运行经费预算530000元，同比减少20000元，主要用于日常办公。\n"
            "本年机关运行经费530000元，较上年减少3.6%。\n")
    asked = found = 0
    for report in (report_2024, Extractor().parse_text(text, run_checks=False)):
        ctx = build_context(report, RuleSet.default())
        for s in ctx.sentences:
            for rate in s.placed:
                got = restated_change(ctx, s, rate)
                assert got == _plain_restated_change(ctx, s, rate)
                asked += 1
                found += got is not None
    assert asked > 50 and found


def test_a_location_made_without_validation_is_the_validated_one():
    """SourceText.locate makes a text document's locations as pydantic's
    model_construct would, for values validation keeps as they are; each
    is the location validation makes: its fields, the fields set, equality,
    both JSON forms, a copy and a pickle. Other values go through
    validation (a cell given as a list, a negative offset refused)."""
    import pickle

    from pydantic import ValidationError

    from extract.model import LEAN, Location
    from extract.span import SourceText

    source = SourceText("第一行\n第二行 12 万元\n\n末行")
    for start, end, cell in [(0, 1, None), (0, 0, None), (4, 9, ("table1", 2, 3)), (2, 12, None), (14, 15, ("t", 0, 0))]:
        got = source.locate(start, end, cell)
        line, end_line = source.line_of(start), source.line_of(max(end, start + 1) - 1)
        want = Location(line=line, end_line=end_line, start=start, end=max(end, start + 1), page=None, bbox=None,
                        cell=cell)
        assert got.__dict__ == want.__dict__ and got == want and want == got
        assert got.model_fields_set == want.model_fields_set
        assert got.__pydantic_extra__ == want.__pydantic_extra__ and got.__pydantic_private__ == want.__pydantic_private__
        assert got.model_dump_json(**LEAN) == want.model_dump_json(**LEAN)
        assert got.model_dump_json() == want.model_dump_json()
        assert got.model_copy() == want and pickle.loads(pickle.dumps(got)) == want
    listed = source.locate(4, 9, ["table1", 2, 3])  # type: ignore[arg-type]
    assert listed.cell == ("table1", 2, 3)  # validated: a tuple
    with pytest.raises(ValidationError):
        source.locate(-3, 1)
