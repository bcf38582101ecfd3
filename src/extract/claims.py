"""Claims: each quantity of the text tied to the metric it states.

Given the placed paragraphs of a :class:`~extract.structure.sections.DocumentStructure`,
returns :class:`~extract.model.Claim` items: ``部门总支出 6,239.85 万元`` ->
metric 部门总支出; ``支出率83.2%`` -> 支出率. Quantities are found by the
regex grammar of :mod:`extract.quantities` first; only the words around them
are segmented with jieba (jieba splits numbers badly, see DESIGN.md).
The metric vocabulary lives in rules/metrics.yaml.
"""

from __future__ import annotations

import bisect
import functools
import logging
import marshal
import re
from math import log
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .model import Claim, Location, as_validated
from .quantities import QuantityMatch, find_quantities
from .ruleset import RuleSet, RulesLike
from .span import SourceText, Span
from .structure.sections import DocumentStructure
from .rulefiles.metrics import BudgetRole, MetricRules


def metric_rules(rules: RulesLike = None) -> MetricRules:
    """The metrics.yaml of a rule set (default: the rules shipped with the package)."""
    return RuleSet.of(rules).metrics


# jieba's dictionary cut to its words of frequency >= 20 (80k of 349k words):
# it loads in a fifth of the time, and metric words are common words or in
# the rules' domain dictionary. Made by scripts/make_jieba_dictionary.py.
DICTIONARY = Path(__file__).resolve().parent / "data" / "jieba_dict.txt"


@functools.lru_cache(maxsize=1)
def _jieba():
    """The jieba module, imported once. jieba opens its dictionary through
    pkg_resources when that imports (0.2 s of start-up) and through a plain
    open() when it does not; the file is the same, so we let it take the
    plain way. Its HMM model (``jieba.finalseg``, 20 ms to import) is only
    for words outside the dictionary, which we never ask for (HMM=False):
    jieba gets a stand-in that imports the real one on first use."""
    import sys

    hide = "pkg_resources" not in sys.modules
    if hide:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    lazy = "jieba" not in sys.modules and "jieba.finalseg" not in sys.modules
    if lazy:
        sys.modules["jieba.finalseg"] = _lazy_module("jieba.finalseg")
    try:
        import jieba
    finally:
        if hide:
            del sys.modules["pkg_resources"]
        if lazy:
            del sys.modules["jieba.finalseg"]  # a later import loads the real one
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _lazy_module(name: str):
    """A stand-in for module ``name`` that imports it on first attribute use."""
    import importlib
    import types

    stand_in = types.ModuleType(name)

    def __getattr__(attr: str):
        return getattr(importlib.import_module(name), attr)

    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    return stand_in


_TOKENIZER_LOCK = threading.Lock()


def _segmenter(rules: MetricRules) -> "_Segmenter":
    """A jieba tokenizer of these rules' own: the cut dictionary plus the
    rules' domain words. Built once per loaded MetricRules (so per rule
    set) and kept on it: the words of one rule set never reach another,
    and jieba's shared default tokenizer is never changed."""
    tokenizer = (rules.__pydantic_private__ or {}).get("_tokenizer")  # (rules._tokenizer: through BaseModel.__getattr__)
    if tokenizer is not None:
        return tokenizer
    with _TOKENIZER_LOCK:
        if rules._tokenizer is None:
            jb = _jieba()
            segmenter = _Segmenter(jb.Tokenizer(str(DICTIONARY) if DICTIONARY.exists() else jb.DEFAULT_DICT))
            for w in rules.dictionary:
                segmenter.add_word(w, freq=200000, tag="n")
            rules._tokenizer = segmenter
        return rules._tokenizer


class _Segmenter:
    """A jieba tokenizer whose prefix dictionary is read a part at a time.

    jieba looks up only fragments of the text it cuts: from each place,
    the character there, then the longer fragments from it while each is
    in the dictionary -- all of them starting with the two characters at
    that place. The dictionary is kept (see :func:`_prefix_shards`) as one
    piece per first character, itself in pieces by the second character
    (the one-character entry under ""): the entry of a character is put
    into the tokenizer's dictionary the first time a text with that
    character is cut, and the entries starting with two characters the
    first time a text with them side by side is (or a word starting with
    them is added). A report's metric texts hold a few hundred characters
    and a few thousand pairs: a tenth of the dictionary's 99k entries is
    read instead of all of it (25 ms of each start-up). jieba sees a plain
    dict holding every entry it looks up, so it cuts exactly as with the
    whole dictionary."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._lock = threading.Lock()
        self._shards = _prefix_shards(tokenizer)
        self._firsts: dict[str, dict[str, bytes]] = {}  # first character -> its pieces by the second
        self._admitted: set[str] = set()  # characters and pairs whose entries are in

    def _admit(self, text: str) -> None:
        admitted = self._admitted
        if admitted.issuperset(text) and admitted.issuperset(map(str.__add__, text, text[1:])):
            return  # (the usual case once a few texts are cut: no set of them made)
        keys = set(text)
        keys.update(map(str.__add__, text, text[1:]))  # the pairs side by side
        keys -= admitted
        if not keys:
            return
        with self._lock:
            freq = self.tokenizer.FREQ
            for key in sorted(keys, key=len):  # a character's pieces before its pairs'
                if key in self._admitted:
                    continue
                if len(key) == 1:
                    shard = self._shards.pop(key, None)
                    pieces = self._firsts[key] = marshal.loads(shard) if shard is not None else {}
                    piece = pieces.pop("", None)
                else:
                    piece = self._firsts[key[0]].pop(key[1], None)
                if piece is not None:
                    freq.update(marshal.loads(piece))
                self._admitted.add(key)

    def add_word(self, word: str, freq: int, tag: str) -> None:
        self._admit(word[:2])  # every entry add_word makes is word[:1] or starts with word[:2]
        self.tokenizer.add_word(word, freq=freq, tag=tag)

    def lcut(self, text: str, HMM: bool = False) -> list[str]:  # noqa: N803 (jieba's name)
        self._admit(text)
        if HMM:
            return self.tokenizer.lcut(text, HMM=True)
        return self._cut(text)

    def _cut(self, text: str) -> list[str]:
        """``tokenizer.lcut(text, HMM=False)``, the same words, in about half
        the time: jieba's own blocks (its regexes), and in each run of
        Chinese, letters and digits its prefix-dictionary walk and route,
        with the same floating-point sums in the same order (so the same
        ties), worked out in one pass from the end instead of a graph, a
        route dict and a generator of tuples per character."""
        jb = _jieba()
        han, skip = jb.re_han_default, jb.re_skip_default
        out: list[str] = []
        for blk in han.split(text):
            if not blk:
                continue
            if han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_block(self, s: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG_NO_HMM`` of one block into ``out``."""
        tokenizer = self.tokenizer
        freq = tokenizer.FREQ
        logtotal = log(tokenizer.total)
        n = len(s)
        score: list[float] = [0] * (n + 1)  # route[n] = (0, 0), as jieba's
        last = list(range(n + 1))
        for k in range(n - 1, -1, -1):
            best = None
            i = k
            frag = s[k]
            while i < n and frag in freq:
                f = freq[frag]
                if f:  # a word ending at i: the route through it
                    cand = log(f) - logtotal + score[i + 1]
                    if best is None or cand >= best:  # a tie: the later end, as max over (score, end)
                        best, last[k] = cand, i
                i += 1
                frag = s[k:i + 1]
            if best is None:  # no word from k: the character alone (at frequency 1)
                best = log(freq.get(s[k]) or 1) - logtotal + score[k + 1]
            score[k] = best
        x, buf = 0, ""
        while x < n:
            y = last[x] + 1
            word = s[x:y]
            if y - x == 1 and word in _ALNUM:  # jieba's re_eng: single letters and digits run together
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)


#: jieba's ``re_eng`` ([a-zA-Z0-9]) as a set of characters
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _prefix_shards(tokenizer) -> "dict[str, bytes] | _MappedShards":
    """The prefix dictionary of ``tokenizer`` as marshalled pieces by first
    character, each a marshalled dict of marshalled pieces by the second
    character ("" for the one-character entry), taken out with ``pop``; the
    tokenizer is left initialized with an empty dictionary and its total.
    The pieces are read from a cache file (:mod:`extract.cache`: this
    user's, written by no one else) named by the dictionary file's path,
    size and modification time, mapped into memory (:class:`_MappedShards`:
    a report reads a few hundred of its 8k pieces); without a usable one,
    the dictionary is built (from jieba's own cache when it has one, as
    jieba does otherwise) and the cache written."""
    import hashlib
    import os

    from .cache import cache_path, write_private

    path = tokenizer.dictionary
    cache = None
    if isinstance(path, str) and os.path.isabs(path):
        try:
            st = os.stat(path)
        except OSError:
            pass
        else:
            key = hashlib.sha256(f"4\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "replace"))
            cache = cache_path(f"extract-jieba.{key.hexdigest()[:32]}.marshal")
            mapped = _MappedShards.read(cache)
            if mapped is not None:
                tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, mapped.total, True
                return mapped
    _load_prefix_dictionary(tokenizer)
    by_first: dict[str, dict[str, dict[str, int]]] = {}
    for word, n in tokenizer.FREQ.items():
        by_first.setdefault(word[:1], {}).setdefault(word[1:2], {})[word] = n
    shards = {ch: marshal.dumps({second: marshal.dumps(part) for second, part in pieces.items()})
              for ch, pieces in by_first.items()}
    if cache is not None:
        try:
            write_private(cache, _MappedShards.file_bytes(tokenizer.total, shards))
        except (OSError, ValueError):
            pass
    tokenizer.FREQ = {}
    return shards


class _MappedShards:
    """The pieces of :func:`_prefix_shards` in a cache file mapped into
    memory: the file is 8 bytes (the length of a marshalled index, little
    endian), the index ``(total, first characters, boundaries)`` (a string
    of the characters, one each, and the byte offsets where each one's
    piece starts and the last ends, as an ``array("q")``'s bytes), then the
    pieces side by side; :meth:`pop` copies out one piece. A cache file is
    only ever replaced whole (renamed into place), so the mapped one never
    changes under the reader."""

    def __init__(self, total: int, firsts: str, bounds, data, base: int):
        self.total = total
        self._where = dict(zip(firsts, range(len(firsts))))  # first character -> its piece's number
        self._bounds = bounds
        self._data = data
        self._base = base

    @staticmethod
    def file_bytes(total: int, shards: dict[str, bytes]) -> bytes:
        from array import array

        bounds = array("q", [0])
        for shard in shards.values():
            bounds.append(bounds[-1] + len(shard))
        head = marshal.dumps((total, "".join(shards), bounds.tobytes()))
        return len(head).to_bytes(8, "little") + head + b"".join(shards.values())

    @classmethod
    def read(cls, path) -> "Optional[_MappedShards]":
        """The pieces of the cache file ``path``, or None when there is no
        usable one (missing, another user's, truncated, of another layout)."""
        import os
        import stat
        from array import array

        try:
            import mmap  # (an extension module: under a memory cap its import may fail)

            with open(path, "rb") as f:
                st = os.fstat(f.fileno())
                if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) \
                        or (hasattr(os, "getuid") and st.st_uid != os.getuid()) or st.st_size < 8:
                    return None
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, ImportError):
            return None
        try:
            size = int.from_bytes(data[:8], "little")
            total, firsts, raw = marshal.loads(data[8:8 + size])
            bounds = array("q")
            bounds.frombytes(raw)
        except (ValueError, EOFError, TypeError):
            return None
        base = 8 + size
        if not (isinstance(total, int) and type(firsts) is str and len(bounds) == len(firsts) + 1
                and bounds[0] == 0 and bounds[-1] <= len(data) - base and bounds.tolist() == sorted(bounds)):
            return None
        return cls(total, firsts, bounds, data, base)

    def pop(self, ch: str, default=None):
        i = self._where.pop(ch, None)
        if i is None:
            return default
        return self._data[self._base + self._bounds[i]:self._base + self._bounds[i + 1]]


def _load_prefix_dictionary(tokenizer) -> None:
    """Initialize ``tokenizer`` from jieba's own cache of its prefix
    dictionary, read in one piece: jieba's ``marshal.load`` from the open
    file reads it in small pieces and takes about three times as long.
    Without a usable cache (see :mod:`extract.cache`:
    this user's, written by no one else), jieba builds the dictionary and
    writes the cache as it always does."""
    import hashlib
    import os

    from .cache import cache_path, read_private

    path = tokenizer.dictionary
    if isinstance(path, str) and os.path.isabs(path):
        cache = cache_path(f"jieba.u{hashlib.md5(path.encode('utf-8', 'replace')).hexdigest()}.cache")  # jieba's name
        try:
            if os.path.getmtime(cache) > os.path.getmtime(path):
                freq, total = marshal.loads(read_private(cache))
                if isinstance(freq, dict) and isinstance(total, int):
                    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
                    return
        except (OSError, ValueError, EOFError, TypeError):
            pass
    tokenizer.initialize()


@dataclass
class ClauseClaim:
    """A claim with the whole clause before its figure (for role matching)."""

    claim: Claim
    clause: str
    match: QuantityMatch


def sentence_end(rules: RulesLike = None) -> re.Pattern:
    """The characters that end a sentence (glossary.yaml ``sentence_ends``)."""
    rs = RuleSet.of(rules)
    return rs.derived("claims.sentence_end", lambda: re.compile(rs.glossary.sentence_end_class()))


def sentences(span: Span, rules: RulesLike = None) -> list[Span]:
    """Sentences of a paragraph, each with its closing punctuation."""
    out: list[Span] = []
    start = 0
    for m in sentence_end(rules).finditer(span.text):
        out.append(span[start:m.end()])
        start = m.end()
    if start < len(span.text):
        out.append(span[start:])
    return [s for s in out if s.text.strip()]


ENUMERATION_LEAD = re.compile(r"^[一二三四五六七八九十]{1,2}是|^其[一二三四五六七八九十]{1,2}")
EDGE_PUNCT = "、，,.。:：;；·的和与及"


def metric_words(text: str, rules: MetricRules) -> list[str]:
    """The words of the metric named in ``text`` (the words before a figure)."""
    for p in rules.drop_phrases:
        text = text.replace(p, "")
    if rules.quote_marks:
        text = text.translate(dict.fromkeys(map(ord, rules.quote_marks)))
    text = re.sub(r"\s+", "", text)
    text = ENUMERATION_LEAD.sub("", text.strip(EDGE_PUNCT)).strip(EDGE_PUNCT)
    if not text:
        return []
    words = [w for w in _segmenter(rules).lcut(text, HMM=False) if w.strip()]
    lead, trail = _word_set(rules, "strip_leading"), _word_set(rules, "strip_trailing")
    changed = True
    while words and changed:
        changed = False
        if words and words[0] in lead:
            words.pop(0)
            changed = True
        if words and words[-1] in trail:
            words.pop()
            changed = True
    while words and sum(len(w) for w in words) > rules.max_chars:
        words.pop(0)
    return words


def clean_metric(text: str, rules: MetricRules) -> str:
    """The metric name in ``text`` (the words before a figure)."""
    return "".join(metric_words(text, rules)).strip(EDGE_PUNCT)


def ends_open(words: list[str], rules: MetricRules) -> bool:
    """Whether a metric still wants its object: it has no words or ends with
    an open verb of the rules ("共建", "引进"), as in "共建 16 家协同创新中心"."""
    return not words or words[-1] in _word_set(rules, "open_verbs")


def _next_noun(words: list[str], stops: frozenset[str], chinese) -> str:
    """The noun that opens ``words``: its Chinese words up to a stop word."""
    out = []
    for w in words:
        if not chinese(w) or w in stops:
            break
        out.append(w)
    return "".join(out)


def following_nouns(text: str, rules: MetricRules) -> str:
    """The noun phrase that opens ``text`` (the words after a figure), up to a
    stop word or punctuation: "科研人员入选全球前" -> 科研人员. A generic noun
    (``generic_nouns``: 单位) says nothing alone, so the words after it run on
    to the end of the clause: "单位获省科学技术奖" -> 单位获省科学技术奖. A
    joiner (``noun_joiners``: 和) between two nouns of one head (the same
    last character) joins them: "普查指导员和普查员完成清查" -> 普查指导员和普查员
    (不是 "特派员与江门企业结对": 与 there is a preposition)."""
    stops = _word_set(rules, "noun_phrase_stops")
    generic = _word_set(rules, "generic_nouns")
    joiners = _word_set(rules, "noun_joiners")
    out: list[str] = []
    ws = _segmenter(rules).lcut(text[:rules.max_following_chars * 2], HMM=False)

    def chinese(w: str) -> bool:
        return bool(w.strip()) and all("\u4e00" <= ch <= "\u9fff" for ch in w)

    for i, w in enumerate(ws):
        if w in joiners and out and _next_noun(ws[i + 1:], stops | joiners, chinese)[-1:] == out[-1][-1]:
            out.append(w)  # 普查指导员和普查员: two kinds of one head noun, counted together
            continue
        if not chinese(w) or (w in stops and "".join(out) not in generic):
            break
        out.append(w)
        if sum(len(x) for x in out) >= rules.max_following_chars:
            break
    return "".join(out)


def is_framing_period(q: QuantityMatch, text: str, clause_end: int, rules: MetricRules) -> bool:
    """A duration that frames what follows it rather than stating a figure:
    after a lead word (``period_leads``: 近, 过去) with more of its clause
    after it ("成为我市近5年首个…"), or followed by a ``period_follows`` word
    ("近六年来", "5年以来"). "项目周期近3年，" ends its clause: a figure."""
    if q.unit_class != "duration":
        return False
    after = text[q.end:clause_end].strip()
    if after.startswith(tuple(rules.period_follows)):
        return True
    led = text[:q.start].rstrip().endswith(tuple(rules.period_leads)) or q.qualifier in rules.period_leads
    return led and bool(after) and "\u4e00" <= after[0] <= "\u9fff"


def after_counted_noun(text: str, prev_end: int, start: int, rules: MetricRules) -> int:
    """Where the metric of a figure starts when the figure before it stands
    in the same clause: the words right after that figure are its counted
    noun up to a ``noun_separators`` mark ("细化14项措施、明确9项任务": 措施 is
    the 14项's, 明确 begins the 9项's), so the metric starts after the first
    separator; with none, right after the figure before."""
    between = text[prev_end:start]
    cuts = [between.find(sep) + len(sep) for sep in rules.noun_separators if sep in between]
    return prev_end + min(cuts) if cuts else prev_end


def lists_members(metric_text: str, rules: MetricRules) -> bool:
    """True when the words before a figure end with a list closer (``等``):
    they name members ("台山、开平、鹤山、恩平等 4 个县市"), and the noun after the
    figure names what is counted."""
    return metric_text.rstrip().endswith(tuple(rules.list_closers))


def _word_set(rules: MetricRules, field: str) -> frozenset[str]:
    """The words of a list field of ``rules`` as a set, made once while the
    list holds the same words (asked several times a figure: comparing the
    list with the copy kept, element by element and mostly by identity,
    costs a fraction of making a tuple of it and hashing that)."""
    words = getattr(rules, field)
    key = (id(rules), field)
    known = _WORD_SETS.get(key)
    if known is not None and known[0] == words:
        return known[1]
    got = frozenset(words)
    if len(_WORD_SETS) >= 256:
        _WORD_SETS.clear()
    _WORD_SETS[key] = (list(words), got)
    return got


# (id of a MetricRules, field) -> (a copy of the field's words, their set)
_WORD_SETS: dict[tuple[int, str], tuple[list[str], frozenset[str]]] = {}


def is_year_only(q: QuantityMatch) -> bool:
    return q.unit_class == "date" and q.date is not None and len(q.date) == 4 and q.date.isdigit() and q.operator is None


def is_context_date(q: QuantityMatch) -> bool:
    """A date that frames the sentence (a year, a span of years) rather than
    stating a figure; deadlines (…前) are claims."""
    return q.unit_class == "date" and not q.deadline


def words_after(text: str, rules: MetricRules) -> str:
    """The metric in the words after a figure, where nothing before it names
    one: "1人入选国家火炬计划(我市首个)" -> 入选国家火炬计划."""
    m = re.match(r"[\u4e00-\u9fff]{2,}", text)
    return clean_metric(m.group(0), rules)[:rules.max_chars] if m else ""


def is_ordinal(q: QuantityMatch, text: str, rules: MetricRules) -> bool:
    """A numbered session or congress, not a count: 十六届人大, 四次会议."""
    return q.unit in rules.ordinal_units or text.startswith(tuple(rules.ordinal_followers), q.end)


def carried_metric(previous: list[ClauseClaim], q: QuantityMatch, text: str,
                   rules: MetricRules) -> str:
    """The metric of the figure before, where only a from-to word or a
    bracket stands between the two ("由908家增至1273家", "16家(累计71家)")."""
    if not previous or previous[-1].claim.normalized_unit != q.normalized_unit:
        return ""
    gap = text[previous[-1].match.end:q.start].strip()
    return previous[-1].claim.metric if _carry(rules).fullmatch(gap) else ""


@functools.lru_cache(maxsize=32)
def _pattern(pattern: str) -> re.Pattern:
    """A rule pattern compiled once (keyed by the pattern's text)."""
    return re.compile(pattern)


def _carry(rules: MetricRules) -> re.Pattern:
    return _pattern(rules.carry_gap)


def text_claim(metric: str, metric_text: str, q: QuantityMatch, unit_class: str, normalized_unit: str,
               year: Optional[int], section: Optional[str], sentence: str, location: Location,
               figure_at: int) -> Claim:
    """The claim of figure ``q`` of a sentence: ``Claim(metric=metric,
    metric_text=metric_text, text=q.text, value=q.value, …, origin="text",
    sentence=sentence, location=location)`` with its ``_figure_at``, made as
    pydantic's ``model_construct`` makes a model, every field given. Its
    validation passes every value as it is (the grammar's strings, Decimals
    and ints; a unit class and an operator of the validated units.yaml or
    the grammar's own), so it is left out: it and the private attributes'
    set-up were most of a claim's cost, some 15 us for each figure of the
    text (tests/test_claims.py compares the two)."""
    return as_validated(Claim, {
        "metric": metric, "metric_text": metric_text, "text": q.text, "value": q.value, "unit": q.unit,
        "normalized_value": q.normalized_value, "normalized_unit": normalized_unit, "unit_class": unit_class,
        "precision": q.precision, "qualifier": q.qualifier, "operator": q.operator, "upper": q.upper,
        "date": q.date, "deadline": q.deadline, "year": year, "section": section, "origin": "text",
        "sentence": sentence, "location": location}, {"_figure_at": figure_at})


def sentence_claims(sentence: Span, source: SourceText, section: Optional[str],
                    ruleset: RuleSet, breaks: re.Pattern) -> list[ClauseClaim]:
    """Claims of one sentence, in order."""
    rules = ruleset.metrics
    text = sentence.text
    lead = len(text) - len(text.lstrip())  # the claim's sentence is stripped
    found = find_quantities(text, ruleset)
    if not found:
        return []  # (most sentences: no clause marks or names to look for)
    out: list[ClauseClaim] = []
    prev_end = 0
    year: Optional[int] = None
    clause_starts = [0] + [m.end() for m in breaks.finditer(text)]
    names = [m.span() for m in _pattern(rules.names).finditer(text)] if rules.names else []
    for q in found:
        if any(a < q.start < b for a, b in names):  # part of a name: 《…三年行动方案》
            prev_end = max(prev_end, q.end)
            continue
        if is_year_only(q):
            year = int(q.date)  # type: ignore[arg-type]
            prev_end = q.end
            continue
        k = bisect.bisect_right(clause_starts, q.end)
        nxt = clause_starts[k] if k < len(clause_starts) else len(text)
        if (not q.unit and q.unit_class in ("none", "other")) or is_context_date(q) \
                or is_ordinal(q, text, rules) or is_framing_period(q, text, nxt, rules):
            prev_end = q.end
            continue
        cstart = clause_starts[bisect.bisect_right(clause_starts, q.start) - 1]
        mstart = max(cstart, prev_end)
        if prev_end > cstart:
            mstart = after_counted_noun(text, prev_end, q.start, rules)
        metric_text = text[mstart:q.start].strip()
        words = metric_words(metric_text, rules)
        metric = "".join(words).strip(EDGE_PUNCT)
        if q.unit_class not in ("percent", "money", "duration") and (
                ends_open(words, rules) or lists_members(metric_text, rules)):
            following = following_nouns(text[q.end:nxt], rules)
            metric = following if lists_members(metric_text, rules) and following else metric + following
        if not metric:
            metric = carried_metric(out, q, text, rules) or words_after(text[q.end:nxt], rules)
        loc = source.locate_span(sentence[q.start:q.end])
        unit_class, normalized_unit = q.unit_class, q.normalized_unit
        if unit_class == "none" and q.unit in ruleset.units.multipliers and metric.endswith(tuple(rules.money_names)):
            # money with its 元 left out (省级资金290.36万): 万 stays the stated unit
            unit_class, normalized_unit = "money", "元"
        claim = text_claim(metric, metric_text, q, unit_class, normalized_unit, year, section,
                           text.strip(), loc, q.start - lead)
        out.append(ClauseClaim(claim, text[cstart:q.start], q))
        prev_end = q.end
    return out


def cell_pieces(span: Span, text: str, cells: list[tuple[int, int, bool]]) -> list[Span]:
    """``span`` cut into the form cells it runs over (``cells``: source
    offsets (start, end, by_line) of a form's cells, see
    :func:`~extract.interpret.forms.forms_and_cells`): a cut where the
    source breaks the line within a region, and (not ``by_line``) at the
    spaces parting a flattened line's words. ``text`` is the source text."""
    offs = span.offsets
    if not offs or not cells:
        return [span]
    k = bisect.bisect_right(cells, (offs[-1], len(text) + 1, True))
    # the regions starting before the span's end, from the last one that
    # starts at or before its beginning (a span may run over many regions)
    lo = max(bisect.bisect_right(cells, (offs[0], len(text) + 1, True)) - 1, 0)
    near = [r for r in cells[lo:k] if r[0] <= offs[-1] and r[1] >= offs[0]]
    if not near:
        return [span]
    pieces: list[Span] = []
    begin = 0
    for i in range(1, len(offs)):
        b = offs[i]
        r = next((r for r in near if r[0] <= b < r[1]), None)
        if r is None:
            continue
        gap = text[offs[i - 1] + 1:b]
        if ("\n" in gap) or (not r[2] and (gap.isspace() or span.text[i].isspace())):
            pieces.append(span[begin:i])
            begin = i
    pieces.append(span[begin:])
    return [p.strip() for p in pieces if p.text.strip()]


def clause_claims(structure: DocumentStructure, source: SourceText,
                  rules: RulesLike = None, cells: list[tuple[int, int, bool]] = ()) -> list[ClauseClaim]:
    """Every text claim of the document with its clause; in a form's cells
    (``cells``, see :func:`cell_pieces`) each cell a sentence of its own."""
    rs = RuleSet.of(rules)
    breaks = _pattern(rs.metrics.clause_breaks)
    out: list[ClauseClaim] = []
    tail = ""
    for p in structure.paragraphs:
        text = p.span.text
        at = len(out)
        for piece in cell_pieces(p.span, source.text, cells) if cells else (p.span,):
            for s in sentences(piece, rs):
                out.extend(sentence_claims(s, source, p.section, rs, breaks))
        cut = chunk_cuts(p.span, source.text, tail) if "、" in text else ()
        if cut:
            out[at:] = [c for c in out[at:] if not any(c.claim.location.start <= x < c.claim.location.end
                                                         for x in cut)]
        tail = text.rstrip()[-1:]
    return out


_CHUNK_START = re.compile(r"\s*\d{1,3}、(?=\d)")
_CHUNK_INSIDE = re.compile(r"(?<=\d)\d{1,3}、(?=\d)")


def chunk_cuts(span: Span, text: str, tail: str) -> list[int]:
    """Source offsets of the figures a page's chunk mark cut in two
    ("…预算支出620.3⏎3、5万元": the mark 3、 opens a line between a
    number's digits): the digit before the mark and the one after it, so
    that neither half is read as a figure of its own. ``tail`` is the last
    character of the paragraph before (the mark may open this one)."""
    offs, out = span.offsets, []
    m = _CHUNK_START.match(span.text) if tail.isdigit() else None
    if m is not None:
        out.append(offs[m.end()])
    for m in _CHUNK_INSIDE.finditer(span.text):
        i = m.start()
        if "\n" in text[offs[i - 1] + 1:offs[i]]:
            out += [offs[i - 1], offs[m.end()]]
    return out


def extract_claims(structure: DocumentStructure, source: SourceText,
                   rules: RulesLike = None) -> list[Claim]:
    """Every text claim of the document, in order."""
    return [c.claim for c in clause_claims(structure, source, rules)]
