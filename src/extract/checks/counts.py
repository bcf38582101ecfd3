"""Counts in words against what they count.

:func:`check_counts_in_words` takes the check context and returns one
CheckResult per count that states its own list or matches a table:

- ``下设九个二级项目，包括 A、B 和 C``: the count against the items listed
  (split on 、 and on 和/及 where the text joins two items of the list's
  common ending: ``…建设专项和孵化育成体系扶持专项``); an item named twice is
  said so. A list ending in 等 may be a selection: it fails only when it
  names more items than the count;
- ``台山、开平、鹤山、恩平等 4 个县市``: the same, list first (等: a
  selection, so it fails only when the list is longer);
- ``县就业服务中心、县社会保险中心、县劳动监察大队 3 个事业单位``: a list
  right before its count, no 等, items of one kind (a common ending): the
  whole list, so the count must match it;
- the count against the rows of a table that lists the same items (most of
  its names appear in the list): ``九个`` against 表1's 10 rows;
- ``项目涉及 8 个乡镇`` against the item rows of a table with a total row
  (so it lists them all) whose column of names is headed 乡镇;
- ``为项目设置三级指标7项`` (plus ``另设…指标1项``) against the
  indicator rows of the report's one indicator table
  (:func:`indicator_counts`).

A count of none (``内设科室0个，分别为…``) is checked against the list after it.
"""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass
from typing import Optional

from ..model import CheckResult, Location, Section, Table
from ..quantities import parse_number
from ..ruleset import RuleSet
from .context import CLAUSE_BREAK, CheckContext, make_result
from .figures import cell_number
from ..markers import EnumerationMark
from .relations.tables import table_name
from ..pattern_needs import any_char, needed_chars
from .screen import any_word

RULE = "count_in_words"
_QUOTES = "“”\"'‘’《》 "


@dataclass
class Listing:
    """A count stated in words and the items it is said to count."""

    count: int
    count_text: str
    noun: str
    items: list[str]
    selection: bool
    sentence: str
    section: Section
    # items a conjunction inside an item may join unsplit (修路、架桥和植树三项:
    # 架桥和植树 may be two): the count may be that many more than the items
    joined: int = 0
    # the sizes of the parts when the items are counts of the count's own
    # measure word (共二十个模块（分别为5个、6个、4个和5个）): the count is their sum
    parts: Optional[list[int]] = None
    # items split off the last one at a conjunction that may as well be
    # inside its name (健康教育与健康促进): the count may be that many fewer
    split: int = 0


def _squash(text: str) -> str:
    return "".join(text.split())


def _common_ending(items: list[str]) -> Optional[str]:
    """The two-character ending most items share, if at least half do,
    else the one-character ending (股, 科, 室) most share; an item's
    bracket (its other name) is not its ending."""
    items = [_BRACKETED.sub("", i) if "(" in i or "（" in i else i for i in items]
    for size in (2, 1):
        ends = collections.Counter(i[-size:] for i in items if len(i) >= size)
        if not ends:
            continue
        end, n = ends.most_common(1)[0]
        if n >= 2 and n * 2 >= len(items):
            return end
    return None


def _split_joined(item: str, conjunctions: list[str], ending: Optional[str]) -> list[str]:
    """``A和B`` -> [A, B] where A ends like the list's items (or, with no
    common ending, where both sides are at least four characters); never
    at a conjunction inside a bracket (权益部（家庭和儿童工作部）: one item
    and its other name)."""
    hidden = _hide_brackets(item)
    for conj in conjunctions:
        start = 0
        while True:
            k = hidden.find(conj, start)
            if k < 0:
                break
            left, right = item[:k], item[k + len(conj):]
            fits = left.endswith(ending) if ending else len(left) >= 4 and len(right) >= 4
            if fits and len(right) >= 2:
                return [left] + _split_joined(right, conjunctions, ending)
            start = k + 1
    return [item]


_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")


def _hide_brackets(text: str) -> str:
    """``text`` with each bracketed aside blanked out, character for
    character (offsets kept): what splits a list never looks inside one."""
    if "(" not in text and "（" not in text:
        return text
    return _BRACKETED.sub(lambda m: "\x00" * len(m.group()), text)


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` split at the 、 outside brackets: 综合部（党建办、财务室）
    is one item, its bracket the other names of it."""
    hidden = _hide_brackets(text)
    out, start = [], 0
    for m in re.finditer("、", hidden):
        out.append(text[start:m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def _short_pair(items: list[str], conjunctions: list[str], short_chars: int,
                ending: Optional[str] = None) -> list[str]:
    """The last item of ``items`` split at its conjunction into two names
    (数量、质量、时效、效益和满意度: 效益, 满意度) when the items between the
    first (which may carry the clause's lead) and the last are all names of
    at most ``short_chars`` and both sides are names as short (no longer
    than the longest of them and one more character); else ``items``."""
    middle = items[1:-1]
    if not short_chars or not middle or any(len(i) > short_chars for i in middle):
        return items
    longest = max(len(i) for i in middle) + 1
    last = items[-1]
    for conj in conjunctions:
        left, found, right = last.partition(conj)
        if ending and found and last.endswith(ending[-1]) and not left.endswith(ending[-1]):
            continue  # 财务股、业务股、人事和教育股: one 股 of two subjects, not 人事 and 教育股
        if found and 2 <= len(left) <= longest and 2 <= len(right) <= longest:
            return items[:-1] + [left, right]
    return items


def list_items(text: str, conjunctions: list[str], short_chars: int = 0) -> tuple[list[str], bool]:
    """The items of a list (``A、B和C等``) and whether it ends in 等; a last
    item of two short names joined (:func:`_short_pair`) is two."""
    text = text.strip(_QUOTES + "。，,；;")
    selection = False
    raw = [t.strip(_QUOTES) for t in (_split_outside_brackets(text) if "(" in text or "（" in text
                                      else text.split("、"))]
    if raw and "等" in raw[-1]:
        head, _, tail = raw[-1].rpartition("等")
        if len(tail) <= 8:
            raw[-1], selection = head.strip(_QUOTES), True
    raw = [r for r in raw if r]
    ending = _common_ending(raw)
    items: list[str] = []
    for k, r in enumerate(raw):
        if ending is None and k < len(raw) - 1:
            items.append(r)  # 与 inside a name (基层卫生与妇幼健康股) joins no items
            continue
        items.extend(x.strip(_QUOTES) for x in _split_joined(r, conjunctions, ending))
    items = [i for i in items if i]
    if len(items) == len(raw):  # no item split at a conjunction
        items = _short_pair(items, conjunctions, short_chars, ending)
    return items, selection


def _count_value(text: str, rules: "RuleSet") -> Optional[int]:
    try:
        value = parse_number(text, rules)
    except ValueError:
        return None
    return int(value) if value == int(value) else None


def _listing(ctx: CheckContext, m: re.Match, list_text: str, count_first: bool,
             sentence: str, section: Section, noun: Optional[str] = None) -> Optional[Listing]:
    rules = ctx.book.rules.counts
    n = _count_value(m.group("num"), ctx.rules)
    # one may name a single thing (1个项目，包括A、B两部分); none never lists
    # items: 内设机构0个，分别为A、B is a count of the list that follows
    if n is None or n == 1 or n == 0 and not count_first:
        return None
    items, selection = list_items(list_text, rules.conjunctions, rules.short_item_chars)
    if len(items) < 2 or any(len(i) > rules.max_item_chars for i in items):
        return None
    mw = m.group("mw")
    # 包括数量、质量、成本、效益和满意度指标: in a list of no common ending the
    # last item's 和 may join two items of one shared ending (满意度指标) or be
    # inside one name (党建和业务融合): the count may be either (as _plain_list's
    # lists); in a list of one ending (…股) a 与 left inside an item is its name's
    joined = sum(items[-1].count(c) for c in rules.conjunctions) if _common_ending(items) is None else 0
    split = _split_off_last(list_text, items, rules)
    last_two = _last_joined(list_text, rules.conjunctions)
    if last_two is not None:
        # A、B与C / A、B和C: the one conjunction of the last item joins one more item
        items, joined, split = last_two, 0, 0
    return Listing(n, m.group("num") + mw, m.group("noun") if noun is None else noun, items,
                   selection or not count_first, sentence, section, joined,
                   parts=_part_sizes(ctx, list_text, mw), split=split)


def _last_joined(list_text: str, conjunctions: list[str]) -> Optional[list[str]]:
    """The items of a list ``A、B与C`` (``A、B和C``) whose last item holds
    the list's one conjunction and whose other items hold none: the
    conjunction joins the last two items, as a list's last 与/和/及 does
    (三项, not two or three); None where another item holds a conjunction
    too (监测与处置、…、健康教育与健康促进: a conjunction may be inside a
    name), the last one more than one, the items share an ending, or a
    side is shorter than the items between the first and the last (the
    two sides may be one name: 路面修补、标志更新、排水与防护)."""
    raw, _ = list_items(list_text, [])
    if len(raw) < 2 or not conjunctions or any(c in r for r in raw[:-1] for c in conjunctions) \
            or _common_ending(raw) is not None:
        return None  # (a list of one ending splits its last item by that ending: 人事和教育股 is one)
    last = _hide_brackets(raw[-1])
    found = [(m.start(), m.end()) for m in re.finditer(
        "|".join(map(re.escape, sorted(conjunctions, key=len, reverse=True))), last)]
    if len(found) != 1:
        return None
    (k, e), = found
    left, right = raw[-1][:k].strip(_QUOTES), raw[-1][e:].strip(_QUOTES)
    # sides shorter than the items between (路面修补、标志更新、排水与防护) may be one name of two
    middle = raw[1:-1]
    if min(len(left), len(right)) < max(2, min((len(i) for i in middle), default=0)):
        return None
    return raw[:-1] + [left, right]


def _split_off_last(list_text: str, items: list[str], rules) -> int:
    """How many of ``items`` were split off the list's last item at a
    conjunction that may be inside its name (rules ``counts.inner_conjunctions``:
    健康教育与健康促进), or at any conjunction when an item before it holds
    one inside (监测与处置、…、健康教育与健康促进); 0 for a list of one
    ending (财务股、人事股和教育股: its split is sure) or none split."""
    if not rules.inner_conjunctions:
        return 0
    raw, _ = list_items(list_text, [])
    if len(items) <= len(raw) or _common_ending(raw) is not None:
        return 0
    inner = any(c in raw[-1] for c in rules.inner_conjunctions) \
        or any(c in item for item in raw[:-1] for c in rules.conjunctions)
    return len(items) - len(raw) if inner else 0


def _part_sizes(ctx: CheckContext, list_text: str, mw: str) -> Optional[list[int]]:
    """The sizes a list states when each of its items is a count of the
    measure word ``mw`` (分别为5个、6个、4个和5个), after a list cue; else None."""
    rules = ctx.book.rules.counts
    text = list_text.strip(_QUOTES + "。，,；;")
    cue = next((c for c in sorted(rules.list_cues, key=len, reverse=True) if text.startswith(c)), "")
    pieces = re.split("、|" + "|".join(map(re.escape, rules.conjunctions)), text[len(cue):]) \
        if rules.conjunctions else text[len(cue):].split("、")
    sizes = [_piece_size(ctx, p.strip(_QUOTES + " ：:，,"), mw) for p in pieces]
    return sizes if len(sizes) >= 2 and all(v is not None for v in sizes) else None  # type: ignore[return-value]


_SIZE_DIGITS = "[\\d一二两三四五六七八九十百零]+"


def _piece_size(ctx: CheckContext, piece: str, mw: str) -> Optional[int]:
    """The count of ``mw`` an item states: the item is that count alone
    (5个), or a noun with it before (12个数量指标) or after (数量指标8个)."""
    if not mw or not piece:
        return None
    if piece.endswith(mw):
        bare = _count_value(piece[:-len(mw)], ctx.rules)
        if bare is not None:
            return bare
    m = re.match(f"({_SIZE_DIGITS}){re.escape(mw)}[\u4e00-\u9fff]", piece) \
        or re.search(f"[\u4e00-\u9fff]({_SIZE_DIGITS}){re.escape(mw)}$", piece)
    return _count_value(m.group(1), ctx.rules) if m else None


def listings_in(ctx: CheckContext, sentence: str, section: Section) -> list[Listing]:
    """The counts of one sentence that state their own list."""
    out: list[Listing] = []
    if "、" not in sentence:
        return out
    if any_word(ctx.book.rules.counts.list_cues).search(sentence) or any(ch in sentence for ch in "：:（("):
        for m in ctx.book.count_then_list.finditer(sentence):
            listed = m.group("list")
            if m.group("bracket"):
                # the bracket holds the list to its close; an aside (其中…, 含…) is no list
                # and it ends its clause: 6个县（市、区）建立… is a noun's qualifier
                close = min((i for i in (listed.find("）"), listed.find(")")) if i >= 0), default=-1)
                if 0 <= close <= 2:
                    # 两个股（科）室（A、B、C）: the first bracket is the noun's own
                    # (another name of it), the list is the next one
                    after = _NOUN_TAIL.match(listed, close + 1)
                    if after is not None:
                        listed = listed[after.end():]
                        close = min((i for i in (listed.find("）"), listed.find(")")) if i >= 0), default=-1)
                if close < 0 or listed[close + 1:].strip() or \
                        listed.startswith(tuple(ctx.book.rules.counts.bracket_not_lists)):
                    continue
                listed = listed[:close]
                if any(len(item.strip()) < 2 for item in listed.split("、")):
                    continue  # 县（市、区）: one-character alternatives of the noun, no items
            else:
                listed += _list_goes_on(ctx, sentence, m.end())
            found = _listing(ctx, m, listed, True, sentence, section)
            if found is not None:
                out.append(found)
    if "等" in sentence:
        for m in ctx.book.list_then_count.finditer(sentence):
            clause = CLAUSE_BREAK.split(sentence[:m.start()])[-1]
            found = _listing(ctx, m, clause, False, sentence, section)
            if found is not None:
                out.append(found)
    for m in ctx.book.closed_list_count.finditer(sentence):
        # A、B、C 3 个 X (no 等): the whole list, when its items are of one kind
        clause = CLAUSE_BREAK.split(sentence[:m.start()])[-1]
        # A、B五类共12项指标: 五类 counts the list (no noun of its own), 12项 the indicators
        noun = None if len(m.group("noun")) >= 2 else m.group("noun")
        total = _total_after(ctx, sentence, m.start("noun"))
        if total:
            noun = ""
        if "、" not in clause or "等" in clause or re.search(r"\d", clause) or noun is not None and not total:
            continue  # no list, an open one (等), or a count of its own in the clause
        if ctx.book.closed_list_count.search(clause.rpartition("、")[2]) is not None:
            continue  # the list has its own count (A、B两类共…): this one counts no list
        found = _listing(ctx, m, clause, True, sentence, section, noun)
        if found is None:
            continue
        if _common_ending(found.items) is not None:
            out.append(found)
        elif _plain_list(ctx, found, clause):
            # items of no common ending (电工、焊工、育婴员、中式烹调师、电子商务四项培训):
            # short names, no other count in the clause
            out.append(found)
    return out


_COUNT_START = re.compile(r"\s*[\d一二两三四五六七八九十百]")


def _total_after(ctx: CheckContext, text: str, at: int) -> bool:
    """Whether the words at ``at`` after a count open with a total and
    another count (五类共12项指标: rules ``counts.total_after_count``): the
    count is the list's, its noun none."""
    word = next((w for w in ctx.book.rules.counts.total_after_count if text.startswith(w, at)), None)
    return word is not None and _COUNT_START.match(text, at + len(word)) is not None


def _plain_list(ctx: CheckContext, listing: Listing, clause: str) -> bool:
    """Whether a list right before its count, of items with no common
    ending, is the whole list the count counts: every item but the first
    (which carries the clause's lead, 年内开展了) a short name (rules
    ``counts.plain_item_chars``), none a number, and no other count in
    words in the clause (A、B两个乡镇的三个村: the 三个 counts no 乡镇)."""
    limit = ctx.book.rules.counts.plain_item_chars
    if not limit or any(len(i) > limit or _count_value(i, ctx.rules) is not None for i in listing.items[1:]):
        return False
    return ctx.book.closed_list_count.search(clause) is None


_NOUN_TAIL = re.compile(r"[\u4e00-\u9fff]{0,4}[（(]")


def _list_goes_on(ctx: CheckContext, sentence: str, end: int) -> str:
    """The items of the clause after a list ended at ``end`` by a comma
    when that clause goes on with it (checks.yaml counts ``list_goes_on``:
    “5个：A、B、C，新增D、E”), joined with 、; else nothing."""
    words = ctx.book.rules.counts.list_goes_on
    if not words or sentence[end:end + 1] not in "，,":
        return ""
    clause = CLAUSE_BREAK.split(sentence[end + 1:], 1)[0].strip()
    word = next((w for w in words if clause.startswith(w)), None)
    return "、" + clause[len(word):] if word and "、" in clause else ""


def find_listings(ctx: CheckContext) -> list[Listing]:
    """Every count of the text that states its own list of items."""
    return [listing for section in ctx.prose_sections if "、" in section.body
            for sentence in ctx.section_sentences(section)
            for listing in listings_in(ctx, sentence, section)]


def _location(ctx: CheckContext, listing: Listing) -> Location:
    """Where the count is stated: its claim, else a claim of its sentence,
    else its section's heading."""
    for s in ctx.sentences_in(listing.section.id):
        if s.text != listing.sentence:
            continue
        for p in s.placed:
            if p.claim.value == listing.count and p.claim.text.startswith(listing.count_text[:1]):
                return p.claim.location
        return s.location
    return _sentence_place(ctx, listing.section, listing.sentence)


_FIGURE_ITEM = re.compile(r"[\d.,，]+\s*[^\d、]{0,3}")


def judge_listing(ctx: CheckContext, listing: Listing, where: Location) -> Optional[CheckResult]:
    items = listing.items
    # a figure listed twice (分值分别为10分、10分、20分) is two items of one value
    repeats = [i for i, k in collections.Counter(items).items() if k > 1 and not _FIGURE_ITEM.fullmatch(i)]
    distinct = len(set(items))
    what = f"“{listing.count_text}{listing.noun}”"
    if listing.parts is not None:
        total = sum(listing.parts)
        ok = total == listing.count or listing.selection and total <= listing.count
        # 3个项目，包括2个村的A、5个村的B、1个村的C: the count may count the items, not their sizes
        by_items = not ok and len(items) == listing.count and not repeats
        ok = ok or by_items
        verdict = "相符" if ok else "不符"
        said = f"与所列的 {len(items)} 项相符" if by_items else f"与所列各部分之和 {total} {verdict}"
        return make_result(ctx, RULE, "count_list", "pass" if ok else "fail", f"{what}{said}",
                           expected=str(total), stated=listing.count_text,
                           quote=ctx.quotes.verbatim(listing.sentence, where), locations=[where])
    if listing.selection and len(items) < listing.count:
        return None
    ok = len(items) - listing.split <= listing.count <= len(items) + listing.joined and not repeats
    if listing.selection:
        ok = len(items) - listing.split <= listing.count
    detail = ""
    if repeats:
        detail = f"（其中{'、'.join(f'“{r}”' for r in repeats)}重复出现，不同的只有 {distinct} 项）"
    verdict = "相符" if ok else "不符"
    low, high = len(items) - listing.split, len(items) + listing.joined
    listed = f"{low}～{high}" if high > low else str(low)
    return make_result(ctx, RULE, "count_list", "pass" if ok else "fail",
                       f"{what}与所列的 {listed} 项{verdict}{detail}",
                       expected=str(len(items)), stated=listing.count_text, quote=ctx.quotes.verbatim(listing.sentence, where),
                       locations=[where])


@dataclass
class FundIndex:
    """The report's fund rows by table, and by name (white space dropped)
    the number of rows of each table that bear it: made once per report,
    so matching a listing against the tables costs its items, not every
    row of every table again."""

    rows: dict[str, list]
    named: dict[str, collections.Counter]

    @classmethod
    def of(cls, ctx: CheckContext) -> "FundIndex":
        rows: dict[str, list] = {}
        named: dict[str, collections.Counter] = {}
        for f in ctx.report.funds:
            rows.setdefault(f.table, []).append(f)
            named.setdefault(_squash(f.name), collections.Counter())[f.table] += 1
        return cls(rows, named)


def judge_against_tables(ctx: CheckContext, listing: Listing, where: Location,
                         funds: Optional[FundIndex] = None) -> list[CheckResult]:
    """The count against tables whose rows name mostly the listed items."""
    funds = funds or FundIndex.of(ctx)
    overlap: collections.Counter = collections.Counter()
    for name in {_squash(i) for i in listing.items}:
        overlap.update(funds.named.get(name, {}))
    out = []
    for table in ctx.report.tables:
        if table.id not in overlap:  # no row names a listed item
            continue
        rows = funds.rows[table.id]
        if len(rows) < 2 or overlap[table.id] < max(2, (len(rows) + 1) // 2):
            continue
        ok = len(rows) == listing.count
        verdict = "相符" if ok else "不符"
        out.append(make_result(
            ctx, RULE, "count_table", "pass" if ok else "fail",
            f"“{listing.count_text}{listing.noun}”与{table_name(table)}所列 {len(rows)} 行{verdict}",
            expected=str(len(rows)), stated=listing.count_text, quote=ctx.quotes.verbatim(listing.sentence, where),
            locations=[where, table.location] + [r.location for r in rows]))
    return out


def _data_rows(table: Table) -> int:
    """The rows of a table that list items: not header, not total, not blank."""
    grid = table.grid(filled=False)
    return sum(1 for r in range(table.header_rows, table.n_rows)
               if r not in table.total_rows and any(t.strip() for t in grid[r]))


def referenced_counts(ctx: CheckContext) -> list[CheckResult]:
    """A count in words whose sentence, or the one after it, sends the
    reader to a table (共实施提档升级路段八条 … 具体路段见表1) against that
    table's item rows, when the counted noun names the table's items (it
    stands in the table's header or in the referring sentence)."""
    rules = ctx.book.rules.counts
    by_number: dict[str, Table] = {}
    caption = re.compile(ctx.rules.glossary.alternation("caption_words") + r"\s*(\d{1,2})(?!\d)")
    for t in ctx.report.tables:
        m = caption.match(t.caption or "")
        number = t.number or (m.group(1) if m else None)
        if number:
            by_number.setdefault(number, t)
    out: list[CheckResult] = []
    if not by_number:
        return out  # no numbered table: no reference finds one
    mw = "|".join(re.escape(w) for w in sorted(rules.measure_words, key=len, reverse=True))
    count = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,12}?)(?P<num>[一二两三四五六七八九十百]{1,4}|\d{1,3})"
                       rf"(?P<mw>{mw})(?![\u4e00-\u9fff]*[以之]?[上下内])")
    ref = re.compile(rules.table_reference)
    # a section holding none of the characters a reference needs holds none
    # (its sentences are stretches of its text)
    needs = any_char(needed_chars(ref)) if needed_chars(ref) is not None else None
    for section in ctx.prose_sections:
        if needs is not None and needs.search(section.body) is None:
            continue
        sentences = ctx.section_sentences(section)
        for k, sentence in enumerate(sentences):
            around = sentence + "".join(sentences[k + 1:k + 2])
            hit = ref.search(around)
            table = by_number.get(hit.group("n")) if hit else None
            if table is None:
                continue
            header = "".join(table.columns) + around[hit.start() - 8:hit.start()]
            for m in count.finditer(sentence):
                n = _count_value(m.group("num"), ctx.rules)
                noun = m.group("noun")
                if n is None or n < 2 or not any(noun[-j:] in header for j in (2, 3) if len(noun) >= j):
                    continue
                where = next((p.claim.location for st in ctx.sentences_in(section.id) if st.text == sentence
                              for p in st.placed if p.claim.value == n), section.location)
                out.append(_count_against_rows(ctx, m, "", n, _data_rows(table), table, sentence, where))
    return out


def _count_against_rows(ctx: CheckContext, m: re.Match, noun: str, n: int, rows: int, table: Table,
                        sentence: str, where: Location) -> CheckResult:
    """The count ``n`` stated by ``m`` (and ``noun``) against ``rows`` item rows of ``table``."""
    return make_result(
        ctx, RULE, "count_table", "pass" if rows == n else "fail",
        f"“{m.group('num')}{m.group('mw')}{noun}”与{table_name(table)}所列 {rows} 行{'相符' if rows == n else '不符'}",
        expected=str(rows), stated=m.group("num") + m.group("mw"),
        quote=ctx.quotes.verbatim(sentence, where), locations=[where, table.location])


def _item_rows(table: Table) -> tuple[list[str], list[int]]:
    """A table's column headers and its item rows (not header, total or
    blank); a table the builder found no header for is headed by its first
    row when no cell of that row is a number."""
    grid = table.grid(filled=False)
    columns, first = list(table.columns), table.header_rows
    if not columns and first == 0 and grid and all(cell_number(c) is None for c in grid[0]):
        columns, first = list(grid[0]), 1
    rows = [r for r in range(first, table.n_rows)
            if r not in table.total_rows and any(c.strip() for c in grid[r])]
    return columns, rows


def _label_headers(table: Table) -> list[str]:
    """The headers of a table's columns of names (no cell of its item rows a number)."""
    grid = table.grid(filled=False)
    columns, rows = _item_rows(table)
    out = []
    for j, head in enumerate(columns):
        cells = [grid[r][j].strip() for r in rows if j < len(grid[r])]
        if len(_squash(head)) >= 2 and cells and all(c and cell_number(c) is None for c in cells):
            out.append(_squash(head))
    return out


def headed_counts(ctx: CheckContext) -> list[CheckResult]:
    """A count of items (项目涉及 8 个乡镇) against the item rows of a table
    with a total row (so it lists them all) whose column of names is headed
    by the counted noun (乡镇 | 建设面积 | 投入资金 … 合计)."""
    tables = [(t, _label_headers(t)) for t in ctx.report.tables if t.total_rows]
    tables = [(t, heads) for t, heads in tables if heads]
    if not tables:
        return []
    rules = ctx.book.rules.counts
    mw = "|".join(re.escape(w) for w in sorted(rules.measure_words, key=len, reverse=True))
    count = re.compile(r"(?<![第\d一二两三四五六七八九十百.．])(?P<num>[一二两三四五六七八九十]{1,3}|\d{1,3})"
                       rf"(?P<mw>{mw})(?P<noun>[\u4e00-\u9fff]{{2,8}})")
    words = sorted({h for _, hs in tables for h in hs}, key=len, reverse=True)
    heads = re.compile("|".join(map(re.escape, words)))  # (tables are listed only with a head)
    out: list[CheckResult] = []
    for section in ctx.prose_sections:
        for sentence in ctx.section_sentences(section):
            if heads.search(sentence) is None:
                continue  # the noun counted starts with a header, so the sentence holds one
            for m in count.finditer(sentence):
                n = _count_value(m.group("num"), ctx.rules)
                noun = m.group("noun")
                table = next((t for t, heads in tables if any(noun.startswith(h) for h in heads)), None)
                if n is None or n < 2 or table is None:
                    continue
                out.append(_count_against_rows(ctx, m, noun, n, len(_item_rows(table)[1]), table, sentence,
                                               _claim_at(ctx, section, m, sentence)))
    return out


_COUNT_PATTERNS: dict[int, tuple[object, tuple[re.Pattern, int]]] = {}

_NUMERALS = "一二两三四五六七八九十百"
#: A count of at most four Chinese numerals or three digits, not after 第,
#: a digit or a numeral: ``(?<![第\d一…百])(?P<num>[一…百]{1,4}|\d{1,3})``
#: written to open with the class of its first character (the place
#: before looked at from there), so that a search skips to the digits and
#: numerals instead of trying the lookbehind at every character (issue 14;
#: tests/test_check_cost.py holds the two forms to the same matches).
LEADING_COUNT = (rf"(?P<num>[{_NUMERALS}\d](?<![第\d{_NUMERALS}].)"
                 rf"(?:(?<=\d)\d{{0,2}}|(?<=[{_NUMERALS}])[{_NUMERALS}]{{0,3}}))")


def _count_pattern(ctx: CheckContext) -> tuple[re.Pattern, int]:
    """:func:`_read_count_pattern` of ``ctx``'s rule book, made once per rule book."""
    book = ctx.book
    got = _COUNT_PATTERNS.get(id(book))
    if got is None or got[0] is not book:
        got = _COUNT_PATTERNS[id(book)] = (book, _read_count_pattern(book))
    return got[1]


def _read_count_pattern(book) -> tuple[re.Pattern, int]:
    """共/合计 and a count in words that introduces what follows:
    ``重点做了四个方面工作：`` (the noun after the count, a colon or comma
    at its end); with the most characters a match of it holds before the
    trailing white space (see :func:`_ending_count`)."""
    rules = book.rules.counts
    words = sorted(rules.measure_words, key=len, reverse=True)
    mw = "|".join(re.escape(w) for w in words)
    pattern = re.compile(LEADING_COUNT + rf"(?P<mw>{mw})(?P<noun>[^，,。；;：:\d]{{0,{rules.max_noun_chars}}})[：:，,]\s*$")
    return pattern, 4 + max(map(len, words), default=0) + rules.max_noun_chars + 1


def _ending_count(count: tuple[re.Pattern, int], text: str) -> Optional[re.Match]:
    r"""``count.search(text)`` of :func:`_count_pattern`, tried only where a
    match can start: it ends at the text's trailing white space (``\s*$``)
    and holds at most its longest count, measure word, noun and colon, so
    it starts that many characters before the last other character at the
    earliest (the lookbehind still reads the character before)."""
    pattern, longest = count
    return pattern.search(text, max(len(text.rstrip()) - longest, 0))


def _judge_following(ctx: CheckContext, section: Section, m: re.Match, listed: int, how: str,
                     where: Location, sentence: str) -> Optional[CheckResult]:
    n = _count_value(m.group("num"), ctx.rules)
    if n is None or n < 2:
        return None
    ok = n == listed
    # (a closing bracket ending the noun is the aside's, folded: （共三项）)
    what = f"“{m.group('num')}{m.group('mw')}{m.group('noun').rstrip(')）')}”"
    return make_result(ctx, RULE, "count_list", "pass" if ok else "fail",
                       f"{what}与其后{how}的 {listed} 项{'相符' if ok else '不符'}",
                       expected=str(listed), stated=m.group("num") + m.group("mw"),
                       quote=ctx.quotes.verbatim(sentence, where), locations=[where])


def _enumeration_forms(rules: "RuleSet") -> list[re.Pattern]:
    """The inline enumeration forms of rules/headings.yaml, compiled once
    per rule set (the ones :meth:`~extract.markers.MarkerSet.enumerations`
    runs)."""
    rs = RuleSet.of(rules)
    return rs.derived("checks.counts.enumeration_forms",
                      lambda: [re.compile(e.pattern) for e in rs.headings.enumerations])


def _may_open_items(para: str, counted: re.Pattern, forms: list[re.Pattern]) -> bool:
    """Whether an enumeration mark of ``para`` may start where a count of
    ``counted`` (the count pattern without its end anchor) ends, white space
    after it allowed: only there can a count introduce the items after it,
    so a paragraph where none may is not read for its marks (issue 14). A
    count's noun holds no colon or comma, so every count of the paragraph
    ends at the colon or comma a match of ``counted.finditer`` ends at; a
    mark there is a match of its form at that place."""
    for m in counted.finditer(para):
        end = m.end()
        stop = len(para) - len(para[end:].lstrip())
        if any(rx.match(para, at) is not None for at in range(end, stop + 1) for rx in forms):
            return True
    return False


def following_counts(ctx: CheckContext) -> list[CheckResult]:
    """A count that introduces an inline enumeration (``四个方面：一是…二是…``)
    against its items, and one that ends a section's text with a colon
    against the numbered headings under it (``下设三个科室：`` then 1. 2. 3.)."""
    from ..markers import marker_set

    markers = marker_set(ctx.rules)
    count = _count_pattern(ctx)
    children: dict[str, list[Section]] = {}
    for sec in ctx.report.sections:
        if sec.parent:
            children.setdefault(sec.parent, []).append(sec)
    # a count ending the text before an enumeration matches the count pattern
    # without its end anchor: a paragraph where that matches nowhere has no such count
    pattern, _ = count
    counted = re.compile(pattern.pattern.removesuffix(r"\s*$"))
    out: list[CheckResult] = []
    def same_run(first: EnumerationMark, nxt: EnumerationMark) -> bool:
        return nxt.ordinal != 1 and nxt.marker.startswith("其") == first.marker.startswith("其")

    forms = _enumeration_forms(ctx.rules)
    for section in ctx.prose_sections:
        paragraphs = [p for p in section.body.split("\n") if p.strip()]
        for i, para in enumerate(paragraphs):
            marks = markers.enumerations(para) if _may_open_items(para, counted, forms) else []
            for k, first in enumerate(marks):
                if first.ordinal != 1:
                    continue
                m = _ending_count(count, para[:first.start])
                if m is None:
                    continue
                run = 1
                for nxt in marks[k + 1:]:
                    if not same_run(first, nxt):
                        break
                    run += 1
                else:
                    # the items run on in the paragraphs after, one or more
                    # each, every one opening with the next of the run
                    # (一是… on its own line after 共三项：一是…)
                    # (an item numbered again or one number skipped, 三是
                    # twice or 五是 after 三是, is still an item: the count
                    # counts items, enumeration_order the numbering)
                    last = marks[-1].ordinal
                    for later in paragraphs[i + 1:]:
                        marks_later = markers.enumerations(later.lstrip())
                        if not marks_later or marks_later[0].start != 0 \
                                or not last <= marks_later[0].ordinal <= last + 2 \
                                or not same_run(first, marks_later[0]):
                            break
                        for nxt in marks_later:
                            if not same_run(first, nxt) or not last <= nxt.ordinal <= last + 2:
                                break
                            run += 1
                            last = nxt.ordinal
                start = max(para.rfind("。", 0, m.start()), para.rfind("；", 0, m.start())) + 1
                sentence = para[start:first.start]
                loc = _claim_at(ctx, section, m, sentence)
                found = _judge_following(ctx, section, m, run, "所列", loc, sentence)
                if found is not None:
                    out.append(found)
        if paragraphs:
            last = paragraphs[-1]
            m = _ending_count(count, last)
            kids = children.get(section.id, [])
            if m is not None and m.group(0).rstrip()[-1] in "：:" and kids:
                style = kids[0].style
                listed = [c for c in kids if c.style == style]
                if listed and listed[0].ordinal == 1:
                    start = max(last.rfind("。", 0, m.start()), last.rfind("；", 0, m.start())) + 1
                    sentence = last[start:]
                    found = _judge_following(ctx, section, m, len(listed), "编号列出", _claim_at(ctx, section, m, sentence), sentence)
                    if found is not None:
                        out.append(found)
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def indicator_counts(ctx: CheckContext) -> list[CheckResult]:
    """The indicators set, counted in words (为项目设置三级指标7项),
    against the indicator rows of the report's one indicator table (rules
    ``counts.indicators``): the count, plus any set beside them in its
    sentence (另设资金支付率指标1项), must be the rows, or the rows without
    those of the budget's execution rate (a reading the words allow when
    nothing is set beside them)."""
    rules = ctx.book.rules.counts.indicators
    # the running text's indicators (table "text") are no rows of a table
    rows = [i for i in ctx.report.indicators if i.table != "text"]
    tables = {i.table for i in rows}
    if rules is None or len(tables) != 1:
        return []
    budget = re.compile(rules.budget_rows)
    others = sum(1 for i in rows if not any(budget.search(t or "") for t in (i.name, i.level1, i.level2)))
    num = r"(?P<num>\d{1,3}|[一二两三四五六七八九十]{1,3})"
    mw = _alternation(rules.measure_words)
    count = re.compile(rf"(?:{_alternation(rules.verbs)})(?P<noun>[^，,。；;：:\d]{{0,12}}?指标)\s*{num}\s*(?P<mw>{mw})")
    extra = re.compile(rf"(?:{_alternation(rules.extra_cues)})[^，,。；;：:\d]{{0,12}}?指标\s*{num}\s*(?:{mw})")
    level = re.compile(_alternation(rules.level_words)) if rules.level_words else None
    table = next((t for t in ctx.report.tables if t.id in tables), None)
    out: list[CheckResult] = []
    for section in ctx.prose_sections:
        if "指标" not in section.body:
            continue
        for sentence in ctx.section_sentences(section):
            for m in count.finditer(sentence):
                noun = m.group("noun")[:-2]
                noun = level.sub("", noun) if level is not None else noun
                n = _count_value(m.group("num"), ctx.rules)
                if n is None or n < 2 or any(w in noun for w in rules.not_words):
                    continue
                # the report's own indicators: no count of other things (32个项目共
                # 设置…) and no plan (拟设置…) in the clause before the verb
                opening = CLAUSE_BREAK.split(sentence[:m.start()])[-1]
                if re.search(rf"\d\s*(?:{_alternation(ctx.book.rules.counts.measure_words)})", opening) or \
                        any(w in opening for w in rules.plan_words):
                    continue
                added = [_count_value(x.group("num"), ctx.rules) for x in extra.finditer(sentence, m.end())]
                if any(a is None for a in added):
                    continue
                total = n + sum(a for a in added if a is not None)
                ok = total == len(rows) or not added and n == others
                what = f"“{m.group('num')}{m.group('mw')}”" + (f"（另设 {total - n} 项，共 {total} 项）" if added else "")
                shown = len(rows) if total == len(rows) or added or others == len(rows) else \
                    f"{len(rows)}（不含预算执行率的 {others}）"
                where = _claim_at(ctx, section, m, sentence)
                name = table_name(table) if table is not None else "绩效自评表"
                out.append(make_result(
                    ctx, RULE, "count_table", "pass" if ok else "fail",
                    f"{what}与{name}所列指标 {shown} 项{'相符' if ok else '不符'}",
                    expected=str(len(rows)), stated=m.group("num") + m.group("mw"),
                    quote=ctx.quotes.verbatim(sentence, where),
                    locations=[where] + ([table.location] if table is not None else [])))
    return out


def _claim_at(ctx: CheckContext, section: Section, m: re.Match, sentence: str) -> Location:
    n = _count_value(m.group("num"), ctx.rules)
    key = "".join(sentence.split())[:12]
    for st in ctx.sentences_in(section.id):
        if key and key in "".join(st.text.split()):
            for p in st.placed:
                if p.claim.value == n:
                    return p.claim.location
            return st.location
    return _sentence_place(ctx, section, sentence)


def _sentence_place(ctx: CheckContext, section: Section, sentence: str) -> Location:
    """Where a sentence with no figure of a claim stands: found in the
    source (nearest the section), else the section's heading."""
    found = ctx.quotes.find(sentence, section.location)
    if found is None:
        return section.location
    return ctx.quotes.source.locate(*found)


def check_counts_in_words(ctx: CheckContext) -> list[CheckResult]:
    out: list[CheckResult] = referenced_counts(ctx) + following_counts(ctx) + headed_counts(ctx) + indicator_counts(ctx)
    funds = FundIndex.of(ctx)
    for listing in find_listings(ctx):
        where = _location(ctx, listing)
        result = judge_listing(ctx, listing, where)
        if result is not None:
            out.append(result)
        out.extend(judge_against_tables(ctx, listing, where, funds))
    return out

