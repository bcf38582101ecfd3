"""The shortcuts of issue 14 (check cost) give what the long way gives.

Each one skips work that cannot find anything: a pattern not tried on a
text holding none of the characters it needs, a mark sequence closed in
turn not read mark by mark, a count ending a paragraph searched for only
where it can start. Held here against the long way on texts written to
hit the edges (lookarounds, anchors, optional parts, text boundaries).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.checks.hygiene import _nested, _unpaired
from extract.checks.screen import may_match, needed_by_any, needed_chars

PATTERNS = [
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])",
    r"(?<![A-Za-z\d])[Xx](?=(?:万元|元|个|%))",
    r"【[^】]{0,5}(?:填写|说明)[^】]{0,5}】",
    r"(?:(?<=^)|(?<=[。；，]))(?P<n>[一二三]{1,2})是",
    r"^(?:[(（]?[一二\d]{1,2}[)）、.])?(?P<year>20\d\d)年",
    r"(?:率|占比)(?:为|达)?(?P<num>\d+)(?=[，。]|$)",
    r"(?=(?P<stem>[\u4e00-\u9fff]{2})(?P<suffix>县|区|镇))",
    r"a|b*",
    r"(?:a(?=b)|c)d?",
    r"x?y{0,2}",
    r"(?i)q",
    r"[^x]z",
]
ALPHABET = "Xxab cdqyz一二三是年率占比为达1234567890。；，%元个万【】填写说明县区镇蓬江(（)）、.20"


def test_what_each_pattern_needs():
    assert needed_chars(re.compile(PATTERNS[0])) == frozenset("Xx")
    assert needed_chars(re.compile(PATTERNS[3])) == frozenset("是")
    assert needed_chars(re.compile(PATTERNS[6])) == frozenset("县区镇")  # seen in a lookahead
    assert needed_chars(re.compile(PATTERNS[7])) is None  # b* matches the empty text
    assert needed_chars(re.compile(PATTERNS[9])) is None
    assert needed_chars(re.compile(PATTERNS[10])) is None  # case-blind
    assert needed_chars(re.compile(PATTERNS[11])) == frozenset("z")
    assert needed_by_any([]) == frozenset()
    assert needed_by_any([re.compile("a"), None, re.compile("b")]) == frozenset("ab")
    assert needed_by_any([re.compile("a"), re.compile("b*")]) is None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.sampled_from(PATTERNS))
def test_a_pattern_said_not_to_match_matches_nowhere(text, pattern):
    rx = re.compile(pattern)
    if not may_match(rx, set(text)):
        assert rx.search(text) is None
        assert list(rx.finditer(text)) == []


PAIRS = ["（）", "“”", "《》", "【】", "〔〕"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="（）“”《》【】〔〕a1", max_size=16))
def test_marks_closed_in_turn_are_nothing_unpaired(text):
    marks = "".join(ch for ch in text if ch in "（）“”《》【】〔〕")
    if _nested(marks, tuple(PAIRS)):
        assert _unpaired(text, PAIRS, re.compile(r"^\d[)）]")) == ([], [])


def test_nested_marks():
    pairs = tuple(PAIRS)
    assert _nested("", pairs) and _nested("（“”）《》", pairs)
    assert not _nested("（“）”", pairs) and not _nested("（", pairs) and not _nested("）（", pairs)
    # a closing mark that also opens a pair is left to the full reading
    assert not _nested("ab", ("ab", "bc"))


COUNT_TEXTS = st.text(alphabet="共有三四十个项方面工作重点：:，, \n12一是", max_size=40)


@settings(max_examples=400, deadline=None)
@given(COUNT_TEXTS)
def test_a_count_ending_a_paragraph_is_found_as_a_search_of_it_all_finds_it(text):
    from types import SimpleNamespace

    from extract.checks.counts import _count_pattern, _ending_count
    from extract.checks.rulebook import load_rulebook

    ctx = SimpleNamespace(book=load_rulebook())
    count = _count_pattern(ctx)
    got, want = _ending_count(count, text), count[0].search(text)
    assert (got.span(), got.groupdict()) == (want.span(), want.groupdict()) if want else got is None


def test_a_count_ending_a_long_paragraph():
    from types import SimpleNamespace

    from extract.checks.counts import _count_pattern, _ending_count
    from extract.checks.rulebook import load_rulebook

    count = _count_pattern(SimpleNamespace(book=load_rulebook()))
    text = "本年度围绕中心工作，" * 20 + "重点做了四个方面工作：  \n"
    assert _ending_count(count, text).group("num", "mw") == ("四", "个")
    assert _ending_count(count, "第四个方面工作：") is None  # the lookbehind still reads 第


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="预算执行率 \t\n\u3000１２，,．.（）ab", min_size=0, max_size=700), st.integers(0, 50))
def test_the_search_key_of_a_long_text_is_the_key_read_a_character_at_a_time(text, start):
    from extract.normalize import _search_key_slow, search_key

    assert search_key(text, start) == _search_key_slow(text, start)
    long = text * 3 + " " * 300
    assert search_key(long, start) == _search_key_slow(long, start)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="增加减少下降(())提高降低增减a", max_size=40))
def test_alternatives_are_found_as_finditer_finds_them(text):
    from extract.checks.hygiene import alternatives_in, hygiene_rules, opposite_pattern

    opposites = opposite_pattern(hygiene_rules().residue)
    assert [m.span() for m in alternatives_in(opposites, text)] == [m.span() for m in opposites.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="预算１２3.．，, \t\u200b\ufeffＡa（）", max_size=20))
def test_a_text_with_nothing_to_fold_is_folded_as_the_long_way_folds_it(text):
    from extract.normalize import _FOLDS, _TABLE, fold
    from extract.span import Span

    span = Span.of_source(text, 3)
    folded = fold(span)
    if not _FOLDS.search(text) and text.translate(_TABLE) == text:
        assert folded == span
    # the long way, as fold ran before the shortcut
    assert folded.text == fold(Span(text + "\u200b", span.offsets + (99,))).text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="支出预算执行率完成人均每公里ab", max_size=12))
def test_the_first_rule_with_a_word_is_the_one_the_loop_finds(text):
    from extract.checks.rulebook import first_with_word, load_rulebook, rule_for

    book = load_rulebook()
    for rules, field in ((book.rules.rates, "words"), (book.rules.differences, "words"),
                         (book.rules.per_unit, "cues")):
        want = next((i for i, r in enumerate(rules) if any(w in text for w in getattr(r, field))), None)
        assert first_with_word(rules, text, field) == want
        if field == "words":
            assert rule_for(rules, text) == want


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="一二三是其，。：:；1２3.、（(）)工作 ", max_size=30), st.booleans())
def test_enumeration_marks_are_found_as_every_pattern_run_finds_them(text, after_mark):
    from extract.markers import marker_set

    markers = marker_set()
    lead = "。" if after_mark else ""
    every = sorted((m.start() - len(lead), m.group(0)) for rx in markers._enums for m in rx.finditer(lead + text))
    assert sorted((e.start, e.marker) for e in markers.enumerations(text, after_mark)) == every


_PARTITION_WORDS = ["行政", "事业", "在编", "编外", "基本支出", "项目支出", "当年", "结转", "追加",
                    "年初", "产出", "效益", "成本", "其他", "经费", "人员"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PARTITION_WORDS), max_size=3).map("".join), max_size=4))
def test_the_partition_members_a_metric_names_are_the_ones_each_partition_finds(names):
    from extract.checks.relations import breakdowns as bd
    from extract.checks.rulebook import load_rulebook

    rules = load_rulebook().rules.breakdowns
    for name in names:
        want = tuple(bd._member(members, name) for members in rules.partitions)
        assert bd.members_named(rules.partitions, name) == (want if any(i is not None for i in want) else ())
    # names_the_whole, the long way: every partition's members read name by name
    whole = len(names) >= 2 and any(names[-1].startswith(w) for w in rules.rest_words)
    for members in rules.partitions:
        named = [bd._member(members, n) for n in names]
        whole = whole or (None not in named and sorted(named) == list(range(len(members))))
    assert bd.names_the_whole(rules, names) == whole


def test_partitions_of_no_words_or_an_empty_word():
    from extract.checks.relations.breakdowns import members_named

    assert members_named([], "行政编制") == ()
    assert members_named([[[""], ["事业"]]], "行政编制") == (0,)  # "" is in every text
    assert members_named([[["行政"], ["事业"]]], "行政事业") == ()  # both members: none named


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="共分为包括用于三4个类项部分方面构成组成，。：X", max_size=20))
def test_a_sentence_the_count_cues_screen_out_holds_no_count_cue(text):
    from extract.checks.relations.breakdowns import _needs
    from extract.checks.rulebook import load_rulebook

    book = load_rulebook()
    for rx in (book.counted_after, book.counted_before):
        screen = _needs(rx)
        if screen is not None and screen.search(text) is None:
            assert list(rx.finditer(text)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="年初末期余额新增归还偿还本核销举借上X", max_size=12))
def test_a_balance_word_is_found_in_a_metric_as_the_loop_finds_it(metric):
    from types import SimpleNamespace

    from extract.checks.relations.breakdowns import _names
    from extract.checks.rulebook import load_rulebook

    placed = SimpleNamespace(claim=SimpleNamespace(metric=metric))
    for rule in load_rulebook().rules.breakdowns.balances:
        for words in (rule.stock, rule.opening, rule.closing, rule.inflow, rule.outflow):
            assert _names(placed, words) == any(w in metric for w in words)


def _outside_brackets_long_way(text):
    out, depth = [], 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def _closing_of_open_long_way(text, at):
    from extract.checks.relations.breakdowns import _closing

    depth = 0
    for i in range(at - 1, -1, -1):
        if text[i] in ")）":
            depth += 1
        elif text[i] in "(（":
            if depth == 0:
                return _closing(text, i)
            depth -= 1
    return None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab其中，(（)）", max_size=16), st.integers(0, 16))
def test_bracket_reading_with_no_bracket_to_read_is_the_long_way(text, at):
    from extract.checks.relations.breakdowns import _closing_of_open, _outside_brackets

    assert _outside_brackets(text) == _outside_brackets_long_way(text)
    at = min(at, len(text))
    assert _closing_of_open(text, at) == _closing_of_open_long_way(text, at)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="城镇调查失业培训后就业率预算执行上年由较其中规上高企", max_size=10), max_size=5))
def test_a_rate_head_kept_for_a_run_is_the_one_read_each_time(metrics):
    from types import SimpleNamespace

    from extract.checks.context import build_context
    from extract.checks.rates import SHARE, read_subject_head, subject_head
    from extract.model import Report
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    for _run in range(2):  # a second run keeps nothing of the first
        ctx = build_context(Report.model_construct(claims=[], sections=[]), rules)
        for metric in metrics:
            for index in (SHARE, 0, 1):
                rate = SimpleNamespace(metric_text=metric)
                assert subject_head(ctx, rate, index) == read_subject_head(ctx, rate, index)


def test_figure_at_read_from_the_private_store_as_pydantic_gives_it():
    """Claim.figure_at reads pydantic's private store directly (a shortcut
    past BaseModel.__getattr__): it gives what ``_figure_at`` gives, on a
    claim built, validated from JSON, copied or constructed unvalidated."""
    from decimal import Decimal

    from extract.model import Claim

    made = Claim(metric="年度支出", metric_text="年度支出", value=Decimal("12.5"), unit="万元",
                 normalized_value=Decimal("12.5"), normalized_unit="万元",
                 location={"line": 3, "start": 40, "end": 46})
    assert made.figure_at is None is made._figure_at
    made._figure_at = 7
    for claim in (made, made.model_copy(), made.model_copy(deep=True),
                  Claim.model_validate_json(made.model_dump_json()),
                  Claim.model_construct(**dict(made))):
        assert claim.figure_at == claim._figure_at


COUNT_TEXT = st.text(alphabet="第等 \n12３4一二十百两个项家方面包括：:、，。AB甲乙县区", max_size=30)


@settings(max_examples=400, deadline=None)
@given(COUNT_TEXT)
def test_counts_opening_with_their_first_character_match_as_the_lookbehind_form(text):
    """The list counts of the rule book open with the class of a count's
    first character (rulebook._leading_count), not with the lookbehinds:
    every match, its place and its groups, is the long form's."""
    from extract.checks.rulebook import _count_pattern, _leading_count, load_rulebook
    from extract.numerals import numerals_of
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    count = _count_pattern(numerals_of(rules))
    book = load_rulebook(rules)
    for fast, not_before in ((book.count_then_list, ""), (book.closed_list_count, r"等\s")):
        rest = fast.pattern[len(_leading_count(count, not_before)):]
        slow = re.compile((f"(?<![{not_before}])" if not_before else "") + count + rest)
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in slow.finditer(text)]


ENUMERATION_TEXT = st.text(alphabet="一二三十其第是，,、。；：:！“\" \nA甲1", max_size=24)
# the inline enumerations of rules/headings.yaml as first written: the place
# before them (the start, or after one of these marks) looked at first
ENUMERATIONS_LOOKING_BACK_FIRST = {
    "一是": r'(?:(?<=^)|(?<=[。；;，,：:！？\s“"]))(?P<n>[一二三四五六七八九十]{1,2})是',
    "其一": r'(?:(?<=^)|(?<=[。；;，,：:！？\s]))其(?P<n>[一二三四五六七八九十]{1,2})(?=[，,：:是])',
    "第一": r'(?:(?<=^)|(?<=[。；;，,：:！？\s]))第(?P<n>[一二三四五六七八九十]{1,2})'
            r'(?=[，,：:]|、(?![一二三四五六七八九十\d]))',
}


@settings(max_examples=400, deadline=None)
@given(ENUMERATION_TEXT)
def test_enumerations_opening_with_what_they_consume_match_as_looking_back_first(text):
    """rules/headings.yaml's 一是, 其一 and 第一 open with what they consume (a
    search skips to the numerals) and look at the place before from there:
    every match, its place and its number, is the lookbehind-first form's."""
    from extract.ruleset import RuleSet

    fast = {e.name: re.compile(e.pattern) for e in RuleSet.of(None).headings.enumerations}
    for name, slow in ENUMERATIONS_LOOKING_BACK_FIRST.items():
        for searched in (text, "。" + text):
            assert [(m.span(), m.group("n")) for m in fast[name].finditer(searched)] == \
                [(m.span(), m.group("n")) for m in re.finditer(slow, searched)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="补助企业数量个人次金额\n ", max_size=14))
def test_metric_key_skips_the_suffix_pattern_only_where_it_cannot_match(metric):
    """consistency.metric_key tries the metric-suffix pattern only on a
    metric ending with a suffix (or a line break): the key is what the
    pattern applied to every metric gives."""
    from types import SimpleNamespace

    from extract.checks.consistency import metric_key
    from extract.checks.rulebook import load_rulebook
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    book = load_rulebook(rules)
    ctx = SimpleNamespace(book=book)
    c = book.rules.consistency
    words = sorted(c.report_period_words, key=len, reverse=True)
    slow = metric
    for word in words:
        if slow.startswith(word) and len(slow) > len(word):
            slow = slow[len(word):]
            break
    name = book.metric_suffix.sub("", slow) or slow
    if len(name) < c.min_metric_chars or len(book.relation_words.sub("", name)) < c.min_metric_chars:
        name = None
    assert metric_key(ctx, SimpleNamespace(metric=metric), metric) == name


def test_white_space_is_every_character_str_isspace_is_true_of():
    import sys

    from extract.normalize import WHITE_SPACE

    assert set(WHITE_SPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def test_the_search_key_of_every_character_is_its_key_read_alone():
    """Every character of Unicode, between others, keyed as the loop per
    character keys it (the tables of search_key are complete)."""
    import sys

    from extract.normalize import _search_key_slow, search_key

    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for i in range(0, len(chars), 4096):
        text = "a ".join(chars[i:i + 4096]) + "中"
        assert search_key(text, 5) == _search_key_slow(text, 5), i


def test_a_column_role_kept_is_the_role_worked_out():
    from extract.interpret import indicators
    from extract.ruleset import RuleSet

    rules = RuleSet.default().indicators
    labels = ["指标值", "年度指标值", " 实际完成值 ", "分值（分）", "得分", "一级指标", "二级指标", "三级指标",
              "偏差原因分析及改进措施", "项目名称", "", "  ", "完成值(万元)", "指标名称："]
    for label in labels * 2:
        assert indicators.column_role(label, rules) == indicators._column_role(label, rules), label
    indicators._ROLES_READ.clear()
    old = indicators._ROLES_KEPT
    indicators._ROLES_KEPT = 3
    try:
        assert [indicators.column_role(t, rules) for t in labels] == [indicators._column_role(t, rules) for t in labels]
        assert len(indicators._ROLES_READ[id(rules)][1]) <= 3
    finally:
        indicators._ROLES_KEPT = old


@settings(max_examples=200, deadline=None)
@given(st.tuples(st.integers(1, 3), st.integers(0, 2), st.integers(0, 2), st.none() | st.integers(1, 2),
                 st.none() | st.just(("t1", 0, 1))),
       st.tuples(st.integers(1, 3), st.integers(0, 2), st.integers(0, 2), st.none() | st.integers(1, 2),
                 st.none() | st.just(("t1", 0, 1))))
def test_locations_are_equal_as_models_are(a, b):
    from pydantic import BaseModel

    from extract.model import Location

    def loc(t):
        return Location(line=t[0], end_line=t[0], start=t[1], end=t[1] + t[2], page=t[3], cell=t[4])

    x, y = loc(a), loc(b)
    assert (x == y) == BaseModel.__eq__(x, y) and (x != y) == (not BaseModel.__eq__(x, y))
    assert x != "a location" and x == loc(a)


def _fold_looking_up_every_character(span):
    """normalize.fold as it was before the runs of the fold table: a
    str.translate lookup of every character."""
    from extract.normalize import _DROP, _FOLDS, _SPACES, _TABLE, _WIDE_STOP, _WIDE_THOUSANDS, _is_ascii_alnum
    from extract.span import Span

    text, offs = span.text, span.offsets
    if not _FOLDS.search(text) and text.translate(_TABLE) == text:
        return Span(text, tuple(offs))
    if any(ch in text for ch in _DROP):
        keep = [i for i, ch in enumerate(text) if ch not in _DROP]
        text = "".join(text[i] for i in keep)
        offs = tuple(offs[i] for i in keep)
    if "，" in text:
        text = _WIDE_THOUSANDS.sub(",", text)
    text = _WIDE_STOP.sub(".", text.translate(_TABLE))
    out_t, out_o, pos = [], [], 0
    for m in _SPACES.finditer(text):
        a, b = m.span()
        out_t.append(text[pos:a])
        out_o.extend(offs[pos:a])
        if a > 0 and b < len(text) and _is_ascii_alnum(text[a - 1]) and _is_ascii_alnum(text[b]):
            out_t.append(" ")
            out_o.append(offs[a])
        pos = b
    out_t.append(text[pos:])
    out_o.extend(offs[pos:])
    return Span("".join(out_t), tuple(out_o))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="预算執行率績效 \t\n\u3000１２０ａ，,．.（）ab\u200b\u2f00\uf900\U00020000\U0002f800", max_size=60),
       st.integers(0, 9))
def test_fold_by_runs_of_the_table_is_fold_looking_up_every_character(text, start):
    from extract.normalize import fold
    from extract.span import Span

    span = Span.of_source(text, start)
    assert fold(span) == _fold_looking_up_every_character(span)


def test_fold_of_every_character_the_table_changes():
    from extract.normalize import _TABLE, fold
    from extract.span import Span

    text = "".join(chr(c) + "中" for c in sorted(_TABLE))
    for piece in (text, text[:-4000], text.replace("\U0002f800", "")):
        span = Span.of_source(piece)
        assert fold(span) == _fold_looking_up_every_character(span)


def test_page_furniture_by_one_search_is_the_test_word_by_word():
    import random

    from extract.interpret.document_type import _LEADING_MARKS, _WORD, is_page_furniture
    from extract.ruleset import RuleSet

    rules = RuleSet.default().document_types
    words = list(rules.page_labels) + list(rules.page_phrases) + ["预算", "执行率", "- ", "|", "【", " "]
    rng = random.Random(14)

    def word_by_word(line: str) -> bool:
        squashed = "".join(line.split())
        if not _WORD.search(squashed):
            return True
        bare = squashed.lstrip(_LEADING_MARKS)
        return any(bare.startswith(w) for w in rules.page_labels) or any(w in squashed for w in rules.page_phrases)

    for _ in range(2000):
        line = "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        assert is_page_furniture(line, rules) == word_by_word(line), line


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="共四个方面工作：，第二三项 \n1是一", max_size=30), st.integers(0, 30))
def test_a_count_ending_a_prefix_is_a_count_of_the_paragraph(text, cut):
    """following_counts reads a paragraph's enumerations only where the
    count pattern without its end anchor matches: wherever a count ends the
    text before a mark, that pattern matches the paragraph."""
    from types import SimpleNamespace

    from extract.checks.counts import _count_pattern, _ending_count
    from extract.checks.rulebook import load_rulebook

    count = _count_pattern(SimpleNamespace(book=load_rulebook()))
    anywhere = re.compile(count[0].pattern.removesuffix(r"\s*$"))
    if _ending_count(count, text[:cut]) is not None:
        assert anywhere.search(text) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="结余未执行资金用于项目建设剩余超支a ", max_size=16))
def test_a_remainder_is_found_by_one_pattern_as_the_loop_over_words_finds_it(words):
    from types import SimpleNamespace

    from extract.checks.operands import remainder_pattern
    from extract.checks.rulebook import load_rulebook

    def long_way(ops, text):
        uses = tuple(ops.complement_use_words)
        for w in ops.complement_words:
            at = text.find(w)
            while at >= 0:
                if not text.startswith(uses, at + len(w)):
                    return True
                at = text.find(w, at + 1)
        return False

    ops = load_rulebook().rules.operands
    for rules in (ops, SimpleNamespace(complement_words=ops.complement_words, complement_use_words=[]),
                  SimpleNamespace(complement_words=[], complement_use_words=ops.complement_use_words)):
        assert (remainder_pattern(rules).search(words) is not None) == long_way(rules, words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="（）“”年X率ab \u3000", max_size=8), min_size=1, max_size=6),
       st.sets(st.sampled_from("（）“”年X率\n"), max_size=4))
def test_the_passages_holding_a_character_are_those_a_search_of_the_joined_text_finds(texts, needs):
    import bisect
    import itertools

    from extract.checks.hygiene import passages_holding
    from extract.pattern_needs import any_char

    whole = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    long_way = {bisect.bisect_right(starts, m.start()) - 1 for m in any_char(frozenset(needs)).finditer(whole)}
    assert passages_holding(whole, starts, frozenset(needs)) == long_way


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="每千万十人口居民常住户籍名个位儿童老年，。12", max_size=16))
def test_a_sentence_screened_out_of_the_per_base_cues_holds_no_stretch_they_match(text):
    from extract.checks.context import build_context
    from extract.checks.per_unit import _may_hold_cue
    from extract.model import Report
    from extract.ruleset import RuleSet

    ctx = build_context(Report.model_construct(claims=[], sections=[]), RuleSet.of(None))
    if not _may_hold_cue(ctx, text):
        for cue in ctx.book.per_base_cues:
            assert all(cue.search(text[i:j]) is None for i in range(len(text) + 1) for j in range(i, len(text) + 1))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="收入支出年初年末结转结余合计本年上年其他ab", max_size=14))
def test_an_identity_term_is_named_as_every_term_pattern_read_in_turn_names_it(metric):
    from extract.checks.relations.breakdowns import _any_term
    from extract.checks.rulebook import load_rulebook
    from extract.checks.screen import any_word

    for rule in load_rulebook().rules.breakdowns.identities:
        named = [j for j, t in enumerate(rule.left + rule.right) if any_word(t).search(metric)]
        assert (_any_term(rule).search(metric) is not None) == bool(named)


def test_a_figure_s_neighbourhood_and_words_after_it_kept_are_the_ones_worked_out():
    from pathlib import Path

    from extract.checks.context import build_context
    from extract.pipeline import parse_file
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    sample = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))[0]
    ctx = build_context(parse_file(sample, run_checks=False), rules)
    for s in ctx.sentences:
        for p in s.placed:
            for reach, left_out in ((1, ("percent", "date", "duration")), (2, ("percent", "date"))):
                first = ctx.neighbourhood(s, p, reach, left_out)
                assert ctx.neighbourhood(s, p, reach, left_out) is first
                assert first == ctx._neighbourhood(s, p, reach, left_out)
            for limit in (12, 40):
                rest = s.text[p.end:p.end + limit] if p.end >= 0 else ""
                cut = re.search(r"[，,；;：:！？!?。]", rest)
                assert s.after(p, limit) == (rest[:cut.start()] if cut else rest) == s.after(p, limit)


def _sample_contexts():
    """A context of checks over each sample report (its claims, no results)."""
    from pathlib import Path

    from extract.checks.context import build_context
    from extract.pipeline import parse_file
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    for sample in sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt")):
        yield build_context(parse_file(sample, run_checks=False), rules)


def test_a_result_made_without_validation_is_the_one_validation_makes():
    """make_result builds a CheckResult unvalidated where every value is one
    validation passes as it is: the same model, fields set and JSON; other
    values still go through validation (and fail as they did)."""
    import pytest
    from pydantic import ValidationError

    from extract.checks.context import make_result
    from extract.model import CheckResult, Location

    ctx = next(_sample_contexts())
    here, there = Location(line=2, end_line=2, start=10, end=14), Location(line=5, end_line=6, start=80, end=99)
    for status in ("pass", "fail", "skipped"):
        for extra in ({}, {"expected": "1.0", "stated": "2.0", "quote": "某句"}, {"quote": None}):
            got = make_result(ctx, "rate", "rate", status, "消息", locations=[here, there, here], **extra)
            want = CheckResult(rule="rate", kind="rate", severity=ctx.book.severity("rate") if status == "fail" else None,
                               status=status, message="消息", locations=[here, there], **{
                                   "expected": None, "stated": None, "quote": None, **extra})
            assert got == want and got.model_fields_set == want.model_fields_set
            assert got.model_dump_json(exclude_defaults=True) == want.model_dump_json(exclude_defaults=True)
            assert list(got.__dict__) == list(want.__dict__)
    with pytest.raises(ValidationError):
        make_result(ctx, "rate", "rate", "passed", "消息")
    with pytest.raises(ValidationError):
        make_result(ctx, "rate", "rate", "pass", "消息", expected=1.5)


def test_a_figure_s_year_read_once_is_the_one_worked_out():
    """rates._dated and _of_year_before, kept per figure for a run, give
    what their long form gives for every figure of the samples."""
    from extract.checks.periods import is_previous
    from extract.checks.rates import _dated, _of_year_before

    for ctx in _sample_contexts():
        previous = ctx.book.rules.growth.previous_year_words
        for _ in range(2):
            for s, p in ctx.text_claims():
                assert _dated(ctx, s, p) == any(w in ctx.words_of(s, p) for w in previous)
                assert _of_year_before(ctx, p.claim) == is_previous(ctx, s, p)


def test_what_each_claim_counts_read_once_is_the_long_way():
    """operands._claims_counted, read once per run for named_figure, gives
    for each text claim its counted words and whether it is a plain figure
    of this year, as named_figure's loop worked them out claim by claim."""
    from extract.checks.operands import _claims_counted, counted_words

    for ctx in _sample_contexts():
        growth = ctx.book.rules.growth
        rest = ctx.book.rules.operands.complement_words
        kept = _claims_counted(ctx)
        assert _claims_counted(ctx) is kept
        assert len(kept) == len(list(ctx.text_claims()))
        for (ks, k), (text, plain) in zip(ctx.text_claims(), kept):
            want = counted_words(ks, k, tuple(growth.to_cues))
            assert text == want
            assert plain == (k.claim.operator is None and k.claim.qualifier is None
                             and not any(w in k.claim.metric_text for w in rest)
                             and not any(w in want for w in growth.previous_year_words)
                             and not k.claim.metric_text.rstrip().endswith(tuple(growth.from_cues)))


def test_a_rate_s_figures_no_operand_read_once_are_the_long_way():
    from extract.checks.rates import _is_change, _no_operand, in_compound_unit, restates

    for ctx in _sample_contexts():
        for _ in range(2):
            for s, p in ctx.text_claims():
                assert _no_operand(ctx, s, p) == (_is_change(ctx, p.claim) or restates(ctx, s, p)
                                                  or in_compound_unit(ctx, s, p))


def test_a_table_s_grid_and_header_columns_kept_are_the_ones_worked_out():
    from extract.checks.context import build_context
    from extract.checks.figures import table_grid, table_header_columns
    from extract.interpret.budget import budget_header_columns
    from extract.model import Cell, Location, Table
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    loc = Location(line=1, end_line=1, start=0, end=1)
    cells = [Cell(row=r, col=c, text=t, location=loc) for r, row in enumerate(
        [["项目", "全年预算数", "全年执行数", "执行率"], ["甲", "100", "90", "90%"], ["", "", "", ""]])
        for c, t in enumerate(row)]
    table = Table(id="t1", n_rows=3, n_cols=4, cells=cells, location=loc)
    for ctx in [*_sample_contexts(), build_context(_report_with(table), rules)]:
        for t in ctx.report.tables:
            for filled in (True, False):
                assert table_grid(ctx, t, filled) == t.grid(filled)
                assert table_grid(ctx, t, filled) is table_grid(ctx, t, filled)
            assert table_header_columns(ctx, t) == [budget_header_columns(row, rules.metrics)
                                                    for row in t.grid(filled=False)]


def _report_with(table):
    from extract.model import Report

    report = Report.model_construct(claims=[], sections=[], tables=[table])
    return report


_FOLLOWING_PIECES = st.lists(st.sampled_from(["第", "共", "四", "十二", "两", "3", "个", "项", "方面", "工作", "：", ":",
                                              "，", ",", " ", "一是", "二是", "其一", "第一", "1.", "2.", "(1)",
                                              "（2）", "。", "；", "\n", "甲"]), max_size=8).map("".join)
# texts around a count, a colon or comma and a mark (四个方面：一是…) and without
FOLLOWING_TEXT = st.one_of(_FOLLOWING_PIECES, st.tuples(
    _FOLLOWING_PIECES, st.sampled_from(["四", "十二", "3", "第三", ""]), st.sampled_from(["个", "项", "方面", ""]),
    st.sampled_from(["", "工作", "甲"]), st.sampled_from(["：", "，", ":", ""]), st.sampled_from(["", " ", "  "]),
    st.sampled_from(["一是", "其一", "第一，", "1.", "(1)", "二是", "甲"]), _FOLLOWING_PIECES).map("".join))


@settings(max_examples=400, deadline=None)
@given(FOLLOWING_TEXT)
def test_a_count_opening_with_its_first_character_matches_as_the_lookbehind_form(text):
    """The count of following_counts opens with the class of its first
    character (counts.LEADING_COUNT), not with the lookbehind."""
    from types import SimpleNamespace

    from extract.checks.counts import _count_pattern
    from extract.checks.rulebook import load_rulebook

    fast, _ = _count_pattern(SimpleNamespace(book=load_rulebook()))
    mw = "|".join(re.escape(w) for w in sorted(load_rulebook().rules.counts.measure_words, key=len, reverse=True))
    noun = load_rulebook().rules.counts.max_noun_chars
    slow = re.compile(r"(?<![第\d一二两三四五六七八九十百])(?P<num>[一二两三四五六七八九十百]{1,4}|\d{1,3})"
                      rf"(?P<mw>{mw})(?P<noun>[^，,。；;：:\d]{{0,{noun}}})[：:，,]\s*$")
    for rx_fast, rx_slow in ((fast, slow), (re.compile(fast.pattern.removesuffix(r"\s*$")),
                                            re.compile(slow.pattern.removesuffix(r"\s*$")))):
        assert [(m.span(), m.groupdict()) for m in rx_fast.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in rx_slow.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(FOLLOWING_TEXT)
def test_a_paragraph_not_read_for_its_marks_has_no_count_before_a_first_mark(text):
    """following_counts reads a paragraph's enumeration marks only where a
    mark may start after a count (counts._may_open_items): elsewhere no
    mark numbered 1 follows a count ending the text before it."""
    from types import SimpleNamespace

    from extract.checks.counts import _count_pattern, _ending_count, _enumeration_forms, _may_open_items
    from extract.checks.rulebook import load_rulebook
    from extract.markers import marker_set

    count = _count_pattern(SimpleNamespace(book=load_rulebook()))
    counted = re.compile(count[0].pattern.removesuffix(r"\s*$"))
    for para in text.split("\n"):
        if not _may_open_items(para, counted, _enumeration_forms(None)):
            assert all(_ending_count(count, para[:mark.start]) is None
                       for mark in marker_set(None).enumerations(para) if mark.ordinal == 1)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="2023014.-/ 年月日a", max_size=24))
def test_a_numeric_date_opening_with_its_year_matches_as_the_lookbehind_form(text):
    """dates.numeric_date opens with the year's first digit, the place
    before it looked at from there: every match is the lookbehind form's."""
    from extract.checks.dates import numeric_date
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None).units.dates
    fast = numeric_date(rules)
    separators = "|".join(re.escape(s) for s in rules.numeric_separators)
    slow = re.compile(rf"(?<![\d.])(?P<y>\d{{4}})(?P<s>{separators})(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}})(?![\d.])")
    for searched in (text, text.replace(" ", "2024."), "于2023.2.30、12023.2.30、.2023-4-31、2023/4/31日"):
        assert [(m.span(), m.groupdict()) for m in fast.finditer(searched)] == \
            [(m.span(), m.groupdict()) for m in slow.finditer(searched)]


def _hygiene_of(text: str) -> list:
    """The hygiene results of ``text`` parsed as a report."""
    from extract.checks import hygiene
    from extract.load.text import source_from_text
    from extract.model import Source
    from extract.pipeline import parse_source

    src = source_from_text(text)
    report = parse_source(src, Source(path="<excerpt>", sha256="0" * 64, lines=src.n_lines), None)
    return [c for c in report.checks if c.rule in hygiene.RULES]


def test_hygiene_patterns_run_only_on_passages_holding_what_they_need_find_what_every_passage_run_finds(monkeypatch):
    """hygiene_findings runs each prompt, placeholder and scope pattern only
    on the passages holding a character it needs: on documents of the
    rules' examples and words made up here, the findings are those of every
    pattern run on every passage its finder reads."""
    import random

    from extract.checks import hygiene

    rules = hygiene.hygiene_rules()
    pieces = ["（请填写完成情况）", "增加（减少）", "本单位整体支出绩效自评得分", "XX万元", "某某", "＊＊",
              "主要原因是。", "完成值：待补充。", "【此处填写说明】", "本项目绩效自评得分为90分", "平稳运行。",
              "\n\n", "| 指标 | 请填写 |\n| 完成 | XX |\n"]
    for section in (rules.residue, rules.placeholder, rules.scope):
        pieces += section.examples.flagged + section.examples.clean
    rng = random.Random(22)
    for title in ("某县司法局2023年度项目支出绩效自评报告", "某县司法局2023年度部门整体支出绩效自评报告"):
        for _ in range(12):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
            short = _hygiene_of(f"{title}\n\n{text}\n")
            with monkeypatch.context() as m:
                m.setattr(hygiene, "needed_chars", lambda rx: None)  # every pattern on every passage read
                assert _hygiene_of(f"{title}\n\n{text}\n") == short


LOOKING_PATTERNS = [
    r"(?<![\d.])(?P<min>\d+(?:\.\d+)?)\s*(?:-|至)\s*(?P<max>\d+)\s*分\s*为(?P<grade>优|良)",
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])",
    r"(?<=[:：])待(?:补充|完善)",
    r"(?<![属各])单位整体(?:支出)?(?:自评|评价)|本项目得分",
    r"a|b(?![x])",
    r"(?<![\]])y",
    r"(?<![x])(?=y)",
    r"分(?=[为是])",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.-至 分为优良Xxab:：待补充完善属各单位整体支出自评本项目得]y", max_size=12),
                min_size=1, max_size=4), st.sampled_from(LOOKING_PATTERNS))
def test_a_pattern_screened_out_without_its_opening_or_closing_assertion_matches_in_no_stretch(texts, pattern):
    """can_match leaves out a pattern whose opening lookbehind and closing
    lookahead dropped (screen.relaxed) match nowhere in the text: then no
    stretch of it holds a match of the pattern."""
    from extract.checks.screen import can_match

    rx = re.compile(pattern)
    whole = "\n".join(texts)
    if not can_match(rx, whole):
        assert all(rx.search(whole[i:j]) is None for i in range(len(whole) + 1) for j in range(i, len(whole) + 1))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="。！？!?；;\n 　甲乙1，", max_size=30))
def test_a_section_read_at_once_gives_the_sentences_of_each_paragraph_in_turn(body):
    """CheckContext.section_sentences reads a section's sentences with one
    findall over its text (a line's characters up to a sentence end, or
    the rest of the line): the sentences, in order, that a search of each
    paragraph for its sentence ends gives."""
    from extract.checks.context import CheckContext
    from extract.claims import sentence_end
    from extract.model import Location, Section
    from extract.ruleset import RuleSet

    rules = RuleSet.of(None)
    long_way: list[str] = []
    for para in body.split("\n"):
        start = 0
        for m in sentence_end(rules).finditer(para):
            long_way.append(para[start:m.end()].strip())
            start = m.end()
        long_way.append(para[start:].strip())
    section = Section(id="s1", level=1, marker="", style="cn", ordinal=1, title="", body=body,
                      location=Location(line=1, end_line=1, start=0, end=0))
    assert CheckContext._split_sentences(section, rules) == [t for t in long_way if t]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1 \t\n　。甲", max_size=16))
def test_a_quote_without_a_line_break_is_tidied_as_the_search_for_breaks_tidies_it(raw):
    from extract.checks.quotes import _BREAK, _ascii_word, tidy

    def join(m: re.Match) -> str:
        a, b = m.start(), m.end()
        return " " if 0 < a and b < len(raw) and _ascii_word(raw[a - 1]) and _ascii_word(raw[b]) else ""

    assert tidy(raw) == _BREAK.sub(join, raw).strip()


def test_a_figure_of_the_year_before_read_once_is_the_one_worked_out():
    from extract.checks.operands import previous_kept
    from extract.checks.periods import is_previous
    from extract.checks.rates import rate_rule, read_rate_rule

    for ctx in _sample_contexts():
        for _ in range(2):
            for s, p in ctx.text_claims():
                assert previous_kept(ctx, s, p) == is_previous(ctx, s, p)
                assert rate_rule(ctx, p) == read_rate_rule(ctx, p)


# -- cost8 (session 8): needles keyed without offsets, the grade bands screened per pattern

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="预算执行率 \t\n\u3000１２，,．.（）ab≦⼀\u200b", max_size=60))
def test_a_needle_is_keyed_as_its_search_key_reads_it(text):
    from extract.normalize import _search_key_slow, search_key, search_key_text

    assert search_key_text(text) == search_key(text).text == _search_key_slow(text, 0).text


def test_a_replacement_of_the_fold_is_never_replaced_again():
    # search_key swaps each character replaced by one str.replace: the order
    # of the swaps must not matter
    from extract.normalize import _key_tables

    _drops, _replaced, table, _long = _key_tables()
    assert not {ord(v) for v in table.values()} & set(table)


BAND_TEXTS = st.text(alphabet="90分以上（含）为优秀良好中等合格差80-≥低于评定的，。 含至及", max_size=40)


@settings(max_examples=500, deadline=None)
@given(BAND_TEXTS)
def test_the_grade_bands_screened_per_pattern_are_the_bands_each_pattern_finds(text):
    from extract.grade_scheme import grade_scheme

    scheme = grade_scheme()
    got = [(m.re.pattern, m.span()) for m in scheme.bands(text)]
    want = [(rx.pattern, m.span()) for rx in scheme.patterns for m in rx.finditer(text)] \
        if scheme._holds is None or scheme._holds(text) else []
    assert got == want


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.sampled_from(PATTERNS))
def test_a_text_missing_a_set_a_pattern_needs_holds_no_match(text, pattern):
    from extract.pattern_needs import needed_each

    rx = re.compile(pattern)
    if any(n.isdisjoint(text) for n in needed_each(rx.pattern, rx.flags)):
        assert rx.search(text) is None


def test_the_grade_bands_of_a_scheme_sentence_are_found_screened():
    from extract.grade_scheme import grade_scheme

    scheme = grade_scheme()
    text = "综合得分90分（含）以上为优秀，80（含）-90分为良好，60分以下为差。"
    got = [(m.re.pattern, m.span()) for m in scheme.bands(text)]
    assert got == [(rx.pattern, m.span()) for rx in scheme.patterns for m in rx.finditer(text)]
    assert len(got) >= 3


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="预算执行率 \t\n\u3000１２，,．.（）ab≦⼀\u200b", max_size=80))
def test_the_source_key_read_from_its_runs_is_the_key_of_an_offset_per_character(text):
    import bisect

    from extract.checks.quotes import SourceQuotes
    from extract.normalize import search_key
    from extract.span import SourceText

    quotes, full = SourceQuotes(SourceText(text)), search_key(text)
    assert quotes.key.text == full.text
    assert len(quotes.key.offsets) == len(full.offsets)
    assert [quotes.key.offsets[i] for i in range(len(full.offsets))] == list(full.offsets)
    assert quotes.key.offsets[1:4] == full.offsets[1:4]
    for offset in range(-1, len(text) + 2):
        assert quotes._before(offset) == bisect.bisect_left(full.offsets, offset)


# -- a search led by the class of a pattern's first characters (screen.led)

LED_PATTERNS = PATTERNS + [
    r"(?:启动|部署)[^，。]{0,6}?(?:自评|评价)|(?:自评|评价)(?:工作)?(?:启动|部署)|成立[^，]{0,8}?小组",
    r"(?P<s0>(?:收集|核查)(?![^，]{0,6}?报告))|(?P<s1>(?:数据|资料)[^，]{0,4}?(?:收集|核查))",
    r"(?:全部|全面)?完成(?=[，。并])|通过[^，]{0,4}?验收",
    r"(?:年度?|季)+末",
    r"(?:x|)y",
    r"\b(?:ab|c)*d",
    r"(?<![0-9])(?:截至|在)?(?P<year>20\d\d)年",
]
LED_ALPHABET = ALPHABET + "启动部署自评价工作成立小组收集核查报告数据资料全面完通过验收并度季末"


def test_what_a_match_starts_with():
    from extract.checks.screen import first_chars, led

    assert first_chars(LED_PATTERNS[12]) == frozenset("启部自评成")
    assert first_chars(r"(?:x|)y") == frozenset("xy")  # the first part may be empty
    assert first_chars(r"a|b*") is None  # a match may be empty
    assert first_chars(r"[^x]z") is None and first_chars(r"(?i)q") is None
    assert first_chars(r"\d年") is None  # a category: not listed
    assert led(r"甲乙").pattern == r"甲乙"  # re skips to a literal prefix itself
    assert led(LED_PATTERNS[12]).pattern.startswith("(?=[")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=LED_ALPHABET, max_size=40), st.sampled_from(LED_PATTERNS))
def test_a_led_search_finds_what_the_pattern_finds(text, pattern):
    from extract.checks.screen import led

    plain, fast = re.compile(pattern), led(pattern)
    assert [(m.span(), m.groups(), m.lastgroup) for m in fast.finditer(text)] == \
        [(m.span(), m.groups(), m.lastgroup) for m in plain.finditer(text)]
    for at in range(len(text) + 1):
        a, b = fast.match(text, at), plain.match(text, at)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_a_negated_class_is_no_anchor():
    from extract.checks.screen import reads_only_its_match

    assert reads_only_its_match(r"数据[^，。\d]{0,8}?截至(?P<year>20\d\d)年")  # ^ of a negated class
    assert not reads_only_its_match(r"[^，]+$") and not reads_only_its_match(r"^[^，]+")
    assert not reads_only_its_match(r"[^x](?=y)") and not reads_only_its_match(r"(?:[^x]|\b)z")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=LED_ALPHABET, max_size=30), st.sampled_from(LED_PATTERNS + [r"[^，。]{1,3}年", r"[^x]z"]),
       st.integers(0, 30), st.integers(0, 30))
def test_a_pattern_reading_only_its_match_matches_in_a_stretch_only_where_it_matches_in_the_whole(
        text, pattern, i, j):
    from extract.checks.screen import reads_only_its_match

    if reads_only_its_match(pattern):
        rx = re.compile(pattern)
        for m in rx.finditer(text[i:i + j]):
            assert rx.match(text, i + m.start()) is not None
            assert rx.search(text) is not None


GAP_ALPHABET = "较比与低于少超过出高多目标值计划数预期指标年度全年相差减下降增加提了完成额 1"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=GAP_ALPHABET, max_size=14))
def test_a_figure_the_gap_words_screen_out_is_no_gap_by_any_of_the_five_patterns(words):
    """differences._gap_words, one search for target_gap's five patterns,
    misses only words that each of them misses."""
    from types import SimpleNamespace

    from extract.checks.differences import _gap_words
    from extract.checks.rulebook import load_rulebook
    from extract.ruleset import RuleSet

    book = load_rulebook(RuleSet.of(None))
    ctx = SimpleNamespace(book=book)
    each = [book.target_comparand, book.target_shortfall, book.target_excess,
            book.target_shortfall_after, book.target_excess_after]
    assert (_gap_words(ctx).search(words) is not None) == any(p.search(words) for p in each)
    assert _gap_words(ctx) is _gap_words(ctx)


def test_words_taken_out_by_the_kept_search_are_those_the_loop_takes_out():
    """rates._without, keeping each list's search and order by identity,
    gives what replacing every word, longest first, gives; a list made for
    one call and a list changed for another rule set are read afresh."""
    from extract.checks.rates import _without

    def long_way(text, words):
        for w in sorted(words, key=len, reverse=True):
            text = text.replace(w, "")
        return text

    lists = [["全年", "项目", "全年项目"], ["上年", "去年"], [], [""], ("资金", "金")]
    texts = ["全年项目资金执行率", "上年全年项目", "资金金额", "", "去年去年"]
    for _ in range(2):
        for words in lists:
            for text in texts:
                assert _without(text, words) == long_way(text, words)
                assert _without(text, list(words)) == long_way(text, words)


def test_a_reading_written_later_reads_as_the_one_written_at_once():
    """operands.Reading.written_later: the expected value and calculation
    are written when first read, once, and the reading is replaced (pinned)
    as one written at once is."""
    import dataclasses
    from decimal import Decimal

    import pytest

    from extract.checks.operands import Reading
    from extract.checks.tolerance import Interval

    calls = []

    def write():
        calls.append(1)
        return "96.00%", "960/1000=96.00%"

    iv = Interval(Decimal("0.955"), Decimal("0.965"))
    later = Reading.written_later((), iv, False, write)
    assert calls == []
    assert (later.operands, later.interval, later.pinned) == ((), iv, False)
    assert later.calculation == "960/1000=96.00%" and later.expected == "96.00%" and calls == [1]
    assert later.expected == "96.00%" and calls == [1]
    now = Reading((), iv, False, "96.00%", "960/1000=96.00%")
    assert dataclasses.astuple(later) == dataclasses.astuple(now)
    pinned = dataclasses.replace(Reading.written_later((), iv, False, write), pinned=True)
    assert (pinned.pinned, pinned.expected, pinned.calculation) == (True, "96.00%", "960/1000=96.00%")
    with pytest.raises(AttributeError):
        later.missing  # noqa: B018


def test_a_figure_s_difference_rule_read_once_is_the_one_worked_out():
    """differences.difference_rule, kept per figure for a run (the balances
    and the changes both ask for every figure), gives what
    read_difference_rule gives for every figure of the samples."""
    from extract.checks.differences import difference_rule, read_difference_rule

    for ctx in _sample_contexts():
        for _ in range(2):
            for s, p in ctx.text_claims():
                assert difference_rule(ctx, p) == read_difference_rule(ctx, p)


def test_scope_year_shortcuts_find_what_every_sentence_read_finds(monkeypatch):
    """find_other_year steps over the sentences holding no character its
    frame needs, and hygiene_findings drops the year bounds and comparison
    base that match nowhere in the document: on documents of the scope
    examples and sentences made up here, the findings are those of every
    pattern tried on every sentence."""
    import random

    from extract.checks import hygiene

    rules = hygiene.hygiene_rules()
    pieces = ["截至2021年12月31日，已拨付资金50万元。", "本报告所列2021年度数据均来自财务账。", "全年支出80万元。",
              "2021年全年支出80万元，较上年增长5%。", "下一步将在2021年度项目实施中加强管理。", "数据截至2024年12月底。",
              "2022年全年收入合计120万元。", "2020年同类支出60万元，同比增长3%，本年支出65万元。", "无年份的一句话。",
              "报告期为2021年1月至12月；", "\n\n", "（一）2021年底，项目全面完工！"]
    pieces += rules.scope.examples.flagged + rules.scope.examples.clean
    rng = random.Random(9)
    title = "某县水利局2022年度项目支出绩效自评报告"
    for _ in range(16):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        short = _hygiene_of(f"{title}\n\n{text}\n")
        with monkeypatch.context() as m:
            m.setattr(hygiene, "needed_chars", lambda rx: None)  # every sentence read
            m.setattr(hygiene, "reads_only_its_match", lambda p: False)  # every bound and base tried
            assert _hygiene_of(f"{title}\n\n{text}\n") == short


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="优良中差为分以上下至含。\n，90807060 ", max_size=40))
def test_the_grade_scale_pieces_screened_are_those_holding_what_a_band_needs(text):
    from extract.checks.grade_scale import _sentences_and_wrapped
    from extract.pattern_needs import any_char

    holds = any_char(frozenset("为分")).search
    assert _sentences_and_wrapped(text, holds) == [p for p in _sentences_and_wrapped(text) if holds(p)]
