"""Report metadata: document type, title, department, project, year, type, self-score, grade.

Given the document structure, returns a :class:`~extract.model.Meta` with a
location for each field found. Label words, title words, the score and grade
phrases are data in rules/meta.yaml.
"""

from __future__ import annotations

import collections
import re
from decimal import Decimal
from typing import Optional, Sequence

from ..grade_scheme import GradeScheme, grade_scheme
from ..model import Form, Location, Meta, Table
from ..span import SourceText, Span
from ..structure.sections import DocumentStructure
from ..widths import FIGURE_TABLE
from ..ruleset import RuleSet, RulesLike
from ..structure.tables import header_label
from .document_type import document_type, is_page_furniture
from .indicators import indicator_segments
from ..rulefiles.meta import GradeBand, MetaRules


def meta_rules(rules: RulesLike = None) -> MetaRules:
    """The meta.yaml of a rule set (default: the rules shipped with the package)."""
    return RuleSet.of(rules).meta


YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年")
# Labels are compared width-folded (extract.widths: （ ） ： as ( ) :).
_FOLD = FIGURE_TABLE
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*分?")


def _fold(text: str) -> str:
    return "".join(text.split()).translate(_FOLD)


class _Compiled:
    """The patterns of one MetaRules, compiled once."""

    def __init__(self, rules: MetaRules):
        def alternation(words: list[str]) -> str:
            # longest first; words of one length in code-point order, so the
            # pattern's text is the same in every process (the regex cache)
            return "|".join(re.escape(w) for w in sorted({_fold(w) for w in words}, key=lambda w: (-len(w), w)))

        paren = r"(?:\([^()]*\))?"
        self.labels = {
            field: re.compile(r"^\s*(?:" + alternation(words) + r")" + paren
                              + r"\s*(?P<colon>:?)\s*(?P<v>\S.*?)\s*$")
            for field, words in (("department", rules.department_labels),
                                 ("project_name", rules.project_labels))}
        self.stop = (re.compile(r"(?:" + alternation(rules.stop_labels) + r")" + paren + r"\s*:")
                     if rules.stop_labels else None)
        self.code = re.compile(rules.code_prefix) if rules.code_prefix else None
        self.year_skip = (re.compile(r"(?:" + alternation(rules.year_skip_labels) + r")\s*:")
                          if rules.year_skip_labels else None)
        self.score = re.compile(rules.score)
        self.grade = re.compile(rules.grade)
        self.others_before = re.compile(rules.others_before) if rules.others_before else None
        self.others_after = re.compile(rules.others_after) if rules.others_after else None
        self.part_weight = re.compile(rules.part_weight) if rules.part_weight else None
        self.indicator_line = re.compile(rules.indicator_line) if rules.indicator_line else None
        self.full_score = rules.full_score
        self.cell_labels = {
            "department": {_fold(w) for w in rules.department_labels},
            "project_name": {_fold(w) for w in rules.project_labels},
            "score": {_fold(w) for w in rules.score_labels},
            "grade": {_fold(w) for w in rules.grade_labels},
        }
        self.score_rows = {_fold(w) for w in rules.score_rows}
        self.all_labels = set().union(*self.cell_labels.values(), self.score_rows,
                                      {_fold(w) for w in rules.stop_labels})


def compiled_meta_rules(rules: RulesLike = None) -> _Compiled:
    """The patterns of a rule set's meta.yaml, compiled once per rule set."""
    rs = RuleSet.of(rules)
    return rs.derived("meta.compiled", lambda: _Compiled(rs.meta))


def clean_value(span: Span, rx: _Compiled) -> Span:
    """A label's value without what follows the next label on the line
    ("某局填报日期：2024年" -> 某局), without a leading code ("219-某镇" ->
    某镇) and without table pipes at its edges."""
    text = span.text
    if rx.stop is not None:
        m = rx.stop.search(text.translate(_FOLD))
        if m and m.start() > 0:
            span = span[:m.start()]
            text = span.text
    if rx.code is not None:
        m = rx.code.match(text)
        if m and m.end() < len(text):
            span = span[m.end():]
    return span.strip().strip("|").strip()


def _gap_before(span: Span, i: int) -> bool:
    """True when white space stood in the source before character ``i`` of
    ``span`` (folding removed it: "项目名称      森林防火" -> 项目名称森林防火)."""
    return 0 < i < len(span.offsets) and span.offsets[i] - span.offsets[i - 1] > 1


def _labelled(spans: list[Span], rx: re.Pattern, compiled: _Compiled) -> Optional[tuple[str, Span]]:
    """The value of the first "label：value" line, or "label   value" line
    (a form laid out with spaces)."""
    for s in spans:
        m = rx.match(s.text.translate(_FOLD))
        if m and (m.group("colon") or _gap_before(s, m.start("v"))):
            v = clean_value(s[m.start("v"):m.end("v")], compiled)
            if v.text:
                return v.text, v
    return None


#: What parts the clauses of a sentence, for the subject of a score or grade.
_CLAUSE_MARKS = "，,。；;（("


_SENTENCE_START = re.compile(r"[。！？!?；;\n]")
_CLOSED_PARENTHESIS = re.compile(r"[（(][^（）()]*[)）]")


def _part_score(text: str, start: int, rx: _Compiled) -> bool:
    """Whether the score at ``start`` is a part's: its clause or the one
    before it, in the same parenthesis (closed ones before it left out),
    states a weight below the full score ("(分值22分，自评得22分)",
    "投入：分值18分，自评18分"; not "满分100分，自评95分", nor 合计 after
    "效益27分（满分30），": rules/meta.yaml ``part_weight``)."""
    if rx.part_weight is None:
        return False
    sentence = max((m.end() for m in _SENTENCE_START.finditer(text, 0, start)), default=0)
    stretch = _CLOSED_PARENTHESIS.sub("", text[sentence:start])
    last = max(stretch.rfind(c) for c in _CLAUSE_MARKS)
    cut = max(stretch.rfind(c, 0, last) for c in _CLAUSE_MARKS) + 1 if last > 0 else 0
    return any(Decimal(w.group("weight")) < rx.full_score for w in rx.part_weight.finditer(stretch, cut))


def rates_others(text: str, m: re.Match, rx: Optional[_Compiled]) -> bool:
    """True when the score or grade matched at ``m`` is said of other items,
    not of this report: "平均得分99.43分" over four projects, "评级为“不合格”
    的项目0个" (rules/meta.yaml ``others_before`` / ``others_after``)."""
    if rx is None:
        return False
    clause_start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_MARKS) + 1
    before = text[clause_start:m.start()]
    if rx.others_before is not None and rx.others_before.search(before + text[m.start():m.start("score" if "score" in m.re.groupindex else "grade")]):
        return True
    if "score" in m.re.groupindex and _part_score(text, m.start(), rx):
        return True
    if "score" in m.re.groupindex and rx.indicator_line is not None:
        # one indicator's score: its sentence states the indicator's target and actual value
        sentence = max((s.end() for s in _SENTENCE_START.finditer(text, 0, m.start())), default=0)
        if rx.indicator_line.search(text, sentence, m.start()):
            return True
    if "after" in m.re.groupindex and m.start("after") >= 0:
        # a grade right after a score clause is that score's, if the clause
        # states this report's score (自评89分，良好; not 平均得分88分，良好,
        # nor a band of a scheme: 80-89分，良好)
        prev_start = max(text.rfind(c, 0, clause_start - 1) for c in _CLAUSE_MARKS) + 1
        score = rx.score.search(text, prev_start, clause_start - 1)
        return score is None or rates_others(text, score, rx)
    return rx.others_after is not None and bool(rx.others_after.match(text, m.end()))


_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# What opens the parts of the figure before it (总分99分，其中资金执行得分9分…).
_PARTS = "其中"


def _last(rx: re.Pattern, spans: list[Span], group: str,
          compiled: Optional[_Compiled] = None,
          scheme: Optional[GradeScheme] = None) -> Optional[tuple[str, Span]]:
    """The last match of ``rx`` in ``spans`` said of this report: none said
    of other items (:func:`rates_others`), none in a sentence stating the
    grade scheme (90分以上（含）评为优，80分以上（含）评为良…: ``scheme``),
    and none after 其中 following a match of its sentence (a part of that
    one: 总分99分，其中资金执行得分9分)."""
    found = None
    for s in spans:
        text = s.text
        prev_end = -1  # where the last match taken in this sentence ended
        for m in rx.finditer(text):
            if rates_others(text, m, compiled):
                continue
            if scheme is not None and scheme.states(text, m.start(), m.end()):
                continue
            if prev_end >= 0:
                between = text[prev_end:m.start()]
                if _PARTS in between and not _SENTENCE_END.search(between):
                    continue
            prev_end = m.end()
            found = (m.group(group), s[m.start(group):m.end(group)])
    return found


def _first_year(spans: list[Span], rx: _Compiled, fiscal: bool = False) -> Optional[tuple[int, Span]]:
    """The first year in ``spans`` (with ``fiscal``: only one followed by
    年度), skipping lines that state a filing or publishing date."""
    for s in spans:
        if rx.year_skip is not None and rx.year_skip.search(s.text.translate(_FOLD)):
            continue
        for m in YEAR.finditer(s.text):
            if not fiscal or s.text.startswith("度", m.end()):
                return int(m.group(1)), s[m.start(1):m.end(1)]
    return None


def _caption_year(structure: DocumentStructure, source: Optional[SourceText]) -> Optional[tuple[int, Span]]:
    """The first "XXXX年度" of a table's caption (a form alone under its
    title: 绩效自评表 then （2022年度）), located on its source line."""
    if source is None:
        return None
    for table in structure.tables:
        cap = table.caption or ""
        m = next((m for m in YEAR.finditer(cap) if cap.startswith("度", m.end())), None)
        if m is None or table.location is None or not table.location.line:
            continue
        for line in range(max(1, table.location.line - 2), min(table.location.line, source.n_lines) + 1):
            span = source.line_span(line)
            k = span.text.find(m.group())
            if k >= 0:
                return int(m.group(1)), span[k:k + len(m.group(1))]
    return None


def _year(structure: DocumentStructure, texts: list[Span], title: Optional[Span],
          rx: _Compiled, source: Optional[SourceText] = None) -> Optional[tuple[int, Span]]:
    """The year the report covers: in its title, else a preamble line with
    "XXXX年度", else a table caption's, else the first preamble year that is
    no filing date, else the year the text names most often."""
    for spans, fiscal in (([title] if title is not None else [], False),
                          (structure.preamble, True), (structure.preamble, False)):
        hit = _first_year(spans, rx, fiscal)
        if hit:
            return hit
        if fiscal:
            hit = _caption_year(structure, source)
            if hit:
                return hit
    counts: collections.Counter = collections.Counter()
    first: dict[int, Span] = {}
    # a filing date (填报日期：…) names the year after the one covered, or a wrong one
    dated = [s for s in texts if rx.year_skip is None or not rx.year_skip.search(s.text.translate(_FOLD))]
    for s in dated or texts:
        for m in YEAR.finditer(s.text):
            y = int(m.group(1))
            counts[y] += 1
            first.setdefault(y, s[m.start(1):m.end(1)])
    if not counts:
        return None
    y = counts.most_common(1)[0][0]
    return y, first[y]


_PARENTHESIS = re.compile(r"\s*[(（][^()（）]{1,20}[)）]")


def _trim_title(title: Span, rules: MetaRules, furniture=None) -> Span:
    """A title line run on into more than its title cut to the title: from
    after the last colon before the first title word ("附件：项目支出绩效
    自评表") to the end of that title word and a parenthesis right after it
    ("(2022年度)"). Run on: longer than ``title_max_chars`` (into the text,
    after a file name), or going on with the page's furniture ("【字体：】")
    or with the title again (a page heading over the same title)."""
    text = title.text
    found = [(m.start(), m.end()) for w in rules.title_words for m in re.finditer(re.escape(w), text)]
    if not found:
        return title
    start = min(a for a, _ in found)
    end = max(b for a, b in found if a == start)
    while True:  # 绩效自评 + 自评报告: the title word goes on while another overlaps it
        longer = [b for a, b in found if a < end < b]
        if not longer:
            break
        end = max(longer)
    m = _PARENTHESIS.match(text, end)
    if m:
        end = m.end()
    rest = text[end:].strip()
    run_on = (len(text) > rules.title_max_chars
              or (rest and furniture is not None and furniture(rest))
              or (len(rest) >= 8 and text.startswith(rest[:8])))
    if not run_on:
        return title
    colon = max(text.rfind(":", 0, start), text.rfind("：", 0, start))
    return title[colon + 1:end].strip()


def _title(pre: list[Span], rules: MetaRules, furniture=None,
           source: Optional[SourceText] = None) -> Optional[Span]:
    """The title line (see ``title_words``), joined to the line before it
    when the title is set on two lines; lines of the page around the report
    (``furniture``: "您现在的位置：首页>…") are passed over."""
    if furniture is not None:
        pre = [s for s in pre if not furniture(s.text)]
    for i, s in enumerate(pre):
        if any(w in s.text for w in rules.title_words):
            title = s.strip().strip("|").strip()
            if i > 0:
                prev = pre[i - 1].strip().strip("|").strip()
                names_subject = YEAR.search(prev.text) or any(
                    w in prev.text for words in rules.report_types.values() for w in words)
                if (prev.text and names_subject and len(prev.text) <= rules.title_join_max_chars
                        and not re.search(r"[:：]", prev.text)
                        and not any(w in prev.text for w in rules.title_words)):
                    title = Span.join([prev, title])
            return _trim_title(title, rules, furniture)
    # no title word: the first line, unless it is a stretch of text (it ends
    # a sentence or runs through clauses)
    first = pre[0].strip() if pre else None
    if first is not None and source is not None:
        breaks = [i for i in range(1, len(first.offsets))
                  if "\n" in source.text[first.offsets[i - 1]:first.offsets[i]]]
        if breaks:
            first = first[:breaks[0]].strip()
    if first is None or re.search(r"[。；;！？]", first.text) or len(re.findall(r"[，,]", first.text)) > 2:
        return None
    return first


# --------------------------------------------------------------------------
# Forms: labels and values in table cells


def _score_value(text: str) -> Optional[str]:
    m = _NUMBER.fullmatch("".join(text.split()))
    return m.group(1) if m else None


def form_fields(tables: list[Table], rx: _Compiled,
                grade_words: set[str]) -> dict[str, tuple[str, Location]]:
    """Fields a form states in table cells: a label cell ("项目名称",
    "实施单位(盖章)", "自评总分(分)") and the value in the next non-empty
    cell that is no label; a 总分 row's last number. First found wins."""
    out: dict[str, tuple[str, Location]] = {}
    for table in tables:
        cells = {(c.row, c.col): c for c in table.cells}
        for r, row in enumerate(table.grid(filled=False)):
            keys = [_fold(header_label(t)) for t in row]
            for j, key in enumerate(keys):
                if not key:
                    continue
                if key in rx.score_rows and "score" not in out:
                    for k in range(len(row) - 1, j, -1):
                        v = _score_value(row[k])
                        cell = cells.get((r, k))
                        if v is not None and cell is not None and cell.location is not None:
                            out["score"] = (v, cell.location)
                            break
                    continue
                field = next((f for f, labels in rx.cell_labels.items() if key in labels), None)
                if field is None or field in out:
                    continue
                k = next((k for k in range(j + 1, len(row)) if row[k].strip()), None)
                if k is None or keys[k] in rx.all_labels:
                    continue
                cell = cells.get((r, k))
                if cell is None or cell.location is None:
                    continue
                value = row[k].strip()
                if field == "score":
                    value = _score_value(value) or ""
                elif field == "grade":
                    value = value if value in grade_words else ""
                else:
                    m = rx.code.match(value) if rx.code is not None else None
                    if m and m.end() < len(value):
                        value = value[m.end():].strip()
                if value:
                    out[field] = (value, cell.location)
    return out


def _last_in_cells(rx: re.Pattern, tables: list[Table], group: str,
                   scheme: Optional[GradeScheme] = None) -> Optional[tuple[str, Location]]:
    """The last match of ``rx`` in a table cell (a form's 评价结论 cell:
    "项目自评得分97.6分，绩效等级为“优”"), located at its cell."""
    found = None
    for table in tables:
        for cell in table.cells:
            if cell.location is None or len(cell.text) < 4:
                continue
            for m in rx.finditer(cell.text):
                if scheme is None or not scheme.states(cell.text, m.start(), m.end()):
                    found = (m.group(group), cell.location)
    return found


def indicator_total_score(tables: list[Table], rules: RulesLike = None
                          ) -> Optional[tuple[str, Location]]:
    """The self-score a form states on the total row (合计) of its
    indicator part, in the 得分 column, when that row's 分值 is blank or
    100 (the whole score, not a subtotal)."""
    rs = RuleSet.of(rules)
    for table in tables:
        grid = table.grid(filled=False)
        cells = {(c.row, c.col): c for c in table.cells}
        for seg, cols in indicator_segments(table, rs):
            if "score" not in cols:
                continue
            for i in table.total_rows:
                if not seg.data_start <= i < seg.end:
                    continue
                weight = _score_value(grid[i][cols["weight"]]) if "weight" in cols else None
                value = _score_value(grid[i][cols["score"]])
                cell = cells.get((i, cols["score"]))
                if (value is not None and cell is not None and cell.location is not None
                        and (weight is None or Decimal(weight) == 100)):
                    return value, cell.location
    return None


def form_total(forms: Sequence[Form], grade_words: set[str]
               ) -> dict[str, tuple[str, Location]]:
    """The 总分 and the grade the one form of a report with a total states
    (a form read line by line, one cell a line, whose tables the structure
    does not see): the self-score and grade when nothing else states them.
    Several forms with totals: none (whose would it be?)."""
    totals = [f.total for f in forms if f.total.get("score") is not None and f.total["score"].value is not None]
    if len(totals) != 1:
        return {}
    score = totals[0]["score"]
    out = {"score": (str(score.value), score.location)}
    grade = totals[0].get("grade")
    text = "".join(grade.text.split()).strip("“”\"「」") if grade is not None else ""
    if text in grade_words:
        out["grade"] = (text, grade.location)  # type: ignore[union-attr]
    return out


def extract_meta(structure: DocumentStructure, source: SourceText,
                 ruleset: RulesLike = None, forms: Sequence[Form] = ()) -> Meta:
    """Metadata of a report, each field located; ``forms``, the report's
    national forms, give the self-score and grade their total states when
    neither the text nor a table does."""
    ruleset = RuleSet.of(ruleset)
    rules = ruleset.meta
    rx = compiled_meta_rules(ruleset)
    meta = Meta(document_type=document_type(source.text, ruleset))
    locs: dict[str, Location] = {}
    pre = structure.preamble
    texts = [p.span for p in structure.paragraphs]

    doc_rules = ruleset.document_types
    title = _title(pre, rules, lambda text: is_page_furniture(text, doc_rules), source)
    if title is not None and title.text:
        meta.title = title.text
        locs["title"] = source.locate_span(title)

    head = pre + texts[:8]
    grade_words = {w for band in rules.grade_scale for w in band.words}
    form = form_fields(structure.tables, rx, grade_words)
    for field in ("department", "project_name"):
        hit = _labelled(head, rx.labels[field], rx)
        if hit:
            setattr(meta, field, hit[0])
            locs[field] = source.locate_span(hit[1])
        elif field in form:
            setattr(meta, field, form[field][0])
            locs[field] = form[field][1]

    text = meta.title or ""
    for rtype, words in rules.report_types.items():
        if any(w in text for w in words):
            meta.report_type = rtype  # type: ignore[assignment]
            break
    if meta.report_type is None and meta.project_name:
        meta.report_type = "项目支出"

    y = _year(structure, texts, title, rx, source)
    if y:
        meta.year = y[0]
        locs["year"] = source.locate_span(y[1])

    # The text's conclusion first, then sentences in form cells (评价结论),
    # then a form's score cells and total rows.
    scheme = grade_scheme(ruleset)
    for field, pattern, group in (("self_score", rx.score, "score"), ("grade", rx.grade, "grade")):
        found = _last(pattern, texts, group, rx, scheme)
        if found:
            value, location = found[0], source.locate_span(found[1])
        else:
            hit = _last_in_cells(pattern, structure.tables, group, scheme) or form.get(group)
            if hit is None and field == "self_score":
                hit = indicator_total_score(structure.tables, ruleset)
            if hit is None:
                hit = form_total(forms, grade_words).get(group)
            if hit is None:
                continue
            value, location = hit
        setattr(meta, field, Decimal(value) if field == "self_score" else value)
        locs[field] = location
    meta.locations = locs
    return meta
