"""rules/checks.yaml: which checks run, how severe their findings are, the words they read."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional

from pydantic import Field, field_validator

from ..model import DocumentType
from ..rules import RuleModel, check_regex, needs_groups
from .meta import GradeBand


Severity = Literal["error", "warning", "info"]


RULE_IDS = (
    "table_totals", "stated_breakdown", "rate", "difference", "growth", "target",
    "target_rating", "score_grade", "count_in_words", "enumeration_order",
    "heading_order", "metric_consistency", "year_scope", "date_validity", "document_type",
    "template_residue", "placeholder", "punctuation", "scope_word", "comparison_word",
    "name_variant", "missing_unit", "form", "stated_rate", "stated_difference",
)


_Strict = RuleModel


class ToleranceRules(_Strict):
    # The qualifier words and their directions are glossary.yaml's.
    approximate_relative: Decimal = Decimal("0.05")
    exact_count_classes: list[str] = Field(default_factory=list)


class TableTotalRules(_Strict):
    subtotal_words: list[str] = Field(default_factory=lambda: ["小计"])
    skip_columns: list[str] = Field(default_factory=list)
    # Row-label prefixes by level, outermost first (一、 / （一） / 1. / （1）).
    row_levels: list[str] = Field(default_factory=list)
    # A row label starting with one of these is a part of the row above (其中：).
    part_prefixes: list[str] = Field(default_factory=list)
    # Cells holding one of these marks (a percent) make a column unsummable.
    unsummable_marks: list[str] = Field(default_factory=lambda: ["%", "％", "‰"])
    # At most this many leading rows without a figure are read as the header
    # of a table the builder found no header for.
    max_inferred_header_rows: int = Field(3, ge=1)
    # Money of a table in this unit stated to at least this many decimals is
    # exact (元 to the 分): no rounding interval around it.
    exact_money: dict[str, int] = Field(default_factory=dict)
    # A cell of a classification code (支出功能分类科目编码 201 / 20106 /
    # 2010601, or 类 | 款 | 项 cells 201 | 06 | 01): rows of one code depth
    # are one level of the table.
    code_cell: Optional[str] = None

    _v = field_validator("row_levels", "code_cell")(check_regex)


class Composition(_Strict):
    total: str
    parts: list[str] = Field(min_length=2)


class BalanceRule(_Strict):
    """A stock rolled forward over the year: opening + inflows − outflows = closing."""

    stock: list[str] = Field(min_length=1)
    opening: list[str] = Field(min_length=1)
    closing: list[str] = Field(min_length=1)
    inflow: list[str] = Field(default_factory=list)
    outflow: list[str] = Field(default_factory=list)


class IdentityRule(_Strict):
    """Two sums the domain says are equal (收入 + 年初结转结余 = 支出 + 年末结转结余):
    each term a list of words, any of which names its figure."""

    left: list[list[str]] = Field(min_length=1)
    right: list[list[str]] = Field(min_length=1)
    # A figure named by one of these is none of the terms (收入预算 = 支出预算 is another identity).
    not_words: list[str] = Field(default_factory=list)


class BreakdownRules(_Strict):
    cues: list[str]
    max_gap_chars: int = 20
    exhaustive_unit_classes: list[str] = Field(default_factory=lambda: ["money"])
    not_part_words: list[str] = Field(default_factory=list)
    # A figure for each one unit or a standard (每家, 每人, 补助标准, 标准为): a rate, no part nor whole.
    per_unit_words: list[str] = Field(default_factory=list)
    # A period word (每月, 每年): a rate when it stands right before the figure, a part's name when it leads it.
    per_period_words: list[str] = Field(default_factory=list)
    # Names that are parts though they hold a not-part word (上年结转: this year's money).
    part_despite: list[str] = Field(default_factory=list)
    composition_cue: Optional[str] = None
    compositions: list[Composition] = Field(default_factory=list)
    # Sets of parts that exhaust whatever whole they are listed under (行政 +
    # 事业, 在编 + 编外): each member a list of words, any of which names it.
    partitions: list[list[list[str]]] = Field(default_factory=list)
    # A last part named by one of these (其他收入, 其余单位) is the rest: the list is whole.
    rest_words: list[str] = Field(default_factory=list)
    # Parts of a headcount all named by a post ending with one of these
    # (局长 1 名、副局长 2 名): the leaders among the staff, some of it.
    post_endings: list[str] = Field(default_factory=list)
    # Cues that follow their whole right away (X万元，分别为 A、B): only
    # punctuation between them.
    adjacent_cues: list[str] = Field(default_factory=list)
    # Cues whose list may be a selection (主要用于以下方面：A，B): a breakdown
    # only where its parts add up or miss the whole by one digit.
    tentative_cues: list[str] = Field(default_factory=list)
    # Words between any cue and its first part that make the list a
    # selection too (其中主要项目有：A，B): judged as after a tentative cue.
    selection_words: list[str] = Field(default_factory=list)
    # Cues whose list names the main items only (主要用于 A，B): a breakdown
    # only where its parts add up; a near miss may be an item left unnamed.
    selection_cues: list[str] = Field(default_factory=list)
    # Words after the last part in its sentence saying the rest of the whole
    # comes from elsewhere (其中 A，B，不足部分由县级自筹): the parts are a
    # selection, a breakdown only where they add up. A regular expression.
    rest_after: Optional[str] = None
    # After a list's last part: the list is open (等; 其余用于…): a shortfall is no failure.
    open_after: Optional[str] = None
    # A figure named by one of these right after the last part may be a further part (另有 X).
    further_words: list[str] = Field(default_factory=list)
    # A percent after a part whose words hold one of these is an aside on
    # it (its share or change); any other percent ends the list.
    percent_aside_words: list[str] = Field(default_factory=list)
    # A bracket opened by one of these after a figure (A 12 个（含 a 1 个，b 1 个）)
    # names some members of it: judged as parts no greater than it, never as equal.
    inclusion_words: list[str] = Field(default_factory=list)
    # A figure after a part named by one of these (A 300 万元，已支出 180 万元)
    # is that part's progress, another metric: an aside on it, no further part.
    progress_words: list[str] = Field(default_factory=list)
    # A count in 个 of a name ending with one of these counts organisations,
    # as 家 does: a part of a whole in 家 (14 家单位，其中全额拨款单位 12 个).
    organisation_words: list[str] = Field(default_factory=list)
    # [greater, lesser] total words: under a whole named by the greater, a
    # part named by the lesser is a part (收入总计 X，其中：本年收入合计 A).
    nested_totals: list[list[str]] = Field(default_factory=list)
    # Stocks rolled forward in one sentence (年初余额 + 新增 − 归还 = 年末余额).
    balances: list[BalanceRule] = Field(default_factory=list)
    # Sums that are equal by the domain, their figures within
    # `identity_reach_sentences` sentences of one section.
    identities: list[IdentityRule] = Field(default_factory=list)
    identity_reach_sentences: int = Field(4, ge=0)
    # A list opening its sentence (按支出性质分，A，B / 其中：A，B / 实际支出中，A，B)
    # or naming a partition, of a whole stated within `lead_reach_lines`
    # lines before it or after it in its sentence; without a whole that
    # holds, one within `near_miss_share` of the parts' sum is the whole.
    lead_cue: Optional[str] = None
    # Of those lists, one opened by this cue is of the figure closing the
    # sentence before (支出 600 万元。其中：A，B): that whole is pinned.
    lead_pin: Optional[str] = None
    # A figure named by one of these closes the list of figures before it in its sentence.
    closing_words: list[str] = Field(default_factory=list)
    # Words of `not_part_words` that make a figure no part yet leave it a whole (累计, 合计).
    whole_words: list[str] = Field(default_factory=list)
    lead_reach_lines: int = Field(3, ge=0)
    # Words of a change on the year before, by direction (增加 | 减少), and of
    # none (持平): the changes of the parts add up to the whole's.
    change_words: list[list[str]] = Field(default_factory=list)
    unchanged_words: list[str] = Field(default_factory=list)
    # Roles of money (预算; 执行/支出): the parts of a lead list are of one role.
    roles: list[list[str]] = Field(default_factory=list)
    # names of a source of money that hold a role word but name no role
    # (一般公共预算拨款, 上级转移支付)
    roleless_sources: list[str] = Field(default_factory=list)
    # Kinds of money (收入 | 支出): a 其中 list of parts of its whole's kind is of that whole.
    kinds: list[list[str]] = Field(default_factory=list)
    near_miss_share: Decimal = Field(Decimal("0.01"), ge=0, lt=1)
    # A stated count of parts: after the whole (全部用于三类：A、B、C), or
    # closing the parts (由 A、B、C 和 D 四部分构成, opened by `counted_opens`).
    counted_after: Optional[str] = None
    counted_before: Optional[str] = None
    counted_opens: list[str] = Field(default_factory=list)
    # Scores that add up (a total after them, a heading's against its
    # sub-sections'), by role (分值 | 得分); none of `score_not_words`.
    score_roles: list[list[str]] = Field(default_factory=list)
    score_not_words: list[str] = Field(default_factory=list)
    score_heading_chars: int = Field(20, ge=1)
    # The first-level indicators of a score sheet, one list each: scores
    # after 其中 naming each of one list's, one each, are all the scored
    # items, so a total above their sum fails.
    score_full_lists: list[list[str]] = Field(default_factory=list)
    score_total_words: list[str] = Field(default_factory=list)
    # Closing the parts with no count (由 A 和 B 构成, opened by `counted_opens`):
    # the whole list, as a count's is.
    composed_before: Optional[str] = None
    # Items marked 一是, 二是 … after a head ending with ：naming the figure
    # before it are its parts (group `n`: the item's numeral).
    item_mark: Optional[str] = None
    item_selection_words: list[str] = Field(default_factory=list)
    # A sentence opening with this totals the list items before it, one
    # figure each (1.A 100；2.B 200；3.C 50。以上合计 350).
    back_total: Optional[str] = None
    # …whose figure right after it, past only these words, is the total.
    back_total_words: list[str] = Field(default_factory=list)
    # The number of an item a sentence opens with, within a paragraph
    # ((1)A 118 万元；(2)B …): group `n` or `d`.
    item_number: Optional[str] = None
    # How many sentences after a counted cue its listed parts may run on.
    counted_reach_sentences: int = Field(6, ge=0)

    _v = field_validator("composition_cue", "counted_after", "counted_before", "lead_cue", "rest_after", "open_after",
                         "composed_before", "back_total")(check_regex)
    _v_mark = field_validator("item_mark")(needs_groups("n"))
    _v_number = field_validator("item_number")(needs_groups("n|d"))


class RateRule(_Strict):
    words: list[str] = Field(min_length=1)
    budget: bool = False
    numerator: Optional[str] = None
    denominator: Optional[str] = None
    # A rate that may be stated capped (执行率 100% when spending exceeds the budget).
    cap: Optional[Decimal] = None
    # The highest such a rate can be (合格率 100%): a pair of figures giving
    # more is no part and its whole, so it does not pin the rate.
    ceiling: Optional[Decimal] = None
    # A rate of the rest (节约率 = (预算 − 实际) / 预算): the numerator is the
    # whole less the part.
    of_rest: bool = False
    # Words that make a figure holding one of ``words`` no rate of this rule
    # (增长率 is a change, 利率 a price).
    not_words: list[str] = Field(default_factory=list)
    # Only a figure its ``denominator`` words name is its base (森林覆盖率 is
    # over the 国土面积, never the 林地面积 beside it): a pair over another is
    # no reading.
    base_named: bool = False
    # Only a figure its ``numerator`` words name is its part (满意率 is of
    # the satisfied, never of the 收回 questionnaires over the 发放): a pair
    # over another is no reading.
    part_named: bool = False
    # A rate whose words hold one of ``named_by`` (预算执行率: 预算) is over a
    # figure whose words match ``named_denominator``: a total of another
    # thing (合同金额合计) that matches ``denominator`` by its 合计 only is no base.
    named_by: list[str] = Field(default_factory=list)
    named_denominator: Optional[str] = None

    _v = field_validator("numerator", "denominator", "named_denominator")(check_regex)


class PerUnitRule(_Strict):
    """A cost per unit (人均补贴735.91元, 每公里建设成本98.72万元): money whose
    words hold one of ``cues``, over a count in one of ``units``."""

    cues: list[str] = Field(min_length=1)
    units: list[str] = Field(min_length=1)


class PerBaseRule(_Strict):
    """A count per thousand (or ten thousand) people (每千人口执业医师2.31人,
    每万人法律援助案件41.04件): a count of the stated figure's unit over a
    number of people, times ``base``; ``cue`` is a regular expression on
    the figure's words."""

    cue: str
    base: Decimal = Field(gt=0)

    _v = field_validator("cue")(check_regex)


class DifferenceRule(_Strict):
    words: list[str] = Field(min_length=1)
    # A figure whose words match this is no difference (上年结转资金 is money carried in).
    not_words: Optional[str] = None
    # A figure whose words do not match this is no difference of this rule:
    # its words must name both terms (预算数与执行数相差X), not leave them
    # open (两者相差X, A项目预算与B项目预算相差X).
    needs_words: Optional[str] = None
    budget: bool = False
    minuend: Optional[str] = None
    # A figure followed by words matching this (to its clause's end) is a
    # minuend too, whatever its own words: the whole a part of is taken from
    # (资金813.20万元中，已使用…，未使用…).
    minuend_after: Optional[str] = None
    subtrahend: Optional[str] = None
    # A figure matching `subtrahend` whose words match this is a budget, not spending.
    subtrahend_not: Optional[str] = None
    # A balance is never negative: spending above the budget leaves 0.
    never_negative: bool = False
    # A figure before the balance whose words match this is the balance
    # carried in: opening + minuend − subtrahend is a reading too.
    opening: Optional[str] = None
    # A balance whose sentence nets income against spending before it (收支
    # 相抵后，结余X) is 收入 − 支出 however bare their words: where its
    # sentence matches `netting`, figures matching `netting_minuend` and
    # `netting_subtrahend` are named operands too.
    netting: Optional[str] = None
    netting_minuend: Optional[str] = None
    netting_subtrahend: Optional[str] = None

    _v = field_validator("minuend", "minuend_after", "subtrahend", "not_words", "needs_words", "subtrahend_not", "opening", "netting",
                         "netting_minuend", "netting_subtrahend")(check_regex)


class TargetGapRules(_Strict):
    """A figure stated as its distance from a target (较目标值少138人次,
    超出年度目标1,600平方米): ``shortfall`` and ``excess`` match the words
    before it; it is the actual before it against that indicator's target."""

    shortfall: str = r"(?!x)x"
    excess: str = r"(?!x)x"
    # 较目标10个少2个: words after which a figure is the target compared
    # with, not a gap; the gap is the figure right after it whose words match
    # ``shortfall_after`` / ``excess_after`` (少 / 多)
    comparand: str = r"(?!x)x"
    shortfall_after: str = r"(?!x)x"
    excess_after: str = r"(?!x)x"
    # 超过年度目标15400亩: words after which the figure may be the target
    # itself as well as the gap (either reading may hold)
    names_target: str = r"(?!x)x"

    _v = field_validator("shortfall", "excess", "comparand", "shortfall_after", "excess_after",
                         "names_target")(check_regex)


class OperandRules(_Strict):
    """Where the operands of a relation may stand."""

    # Sentences (with figures, in the same section) before and after the
    # stated figure's own that are searched for its operands.
    reach_sentences: int = Field(default=1, ge=0, le=5)
    # Sentences (with figures) before the figure's own searched for the
    # operands its words name (a balance's 预算 / 收入合计 a paragraph up);
    # never fewer than reach_sentences.
    named_reach_sentences: int = Field(default=0, ge=0, le=8)
    # A table whose header names a done column, a plan column and a column
    # ending with 率 (项目 | 计划数 | 完成数 | 完成率): each row's rate is done / plan.
    table_done_columns: list[str] = Field(default_factory=list)
    table_plan_columns: list[str] = Field(default_factory=list)
    # the rate column's whole header: a completion rate (完成率, 执行率)
    table_rate_columns: list[str] = Field(default_factory=list)
    # 占参训总人次的13.24%: a share; the figure before the cue in the
    # sentence is the part, a larger figure of its unit nearby the whole.
    share_cue: Optional[str] = None
    # 材料费51.84万元，占全年支出86.40万元的60.00%: a share whose whole is
    # stated inside its cue. ``share_inline_before`` is matched on the
    # sentence up to the whole's figure (its group ``whole`` names it),
    # ``share_inline_between`` on the words between that figure and the
    # percent; the part is the figure the words before 占 name, else the
    # one before the whole in its sentence, else the one right after the
    # percent in its clause (…的35.00%，计42.00万元).
    share_inline_before: Optional[str] = None
    # Marks between two listed parts that make them parts of one list, not
    # a part and its own part (基本支出A、项目支出B; not 老年人A，健康管理B).
    sibling_marks: list[str] = Field(default_factory=list)
    share_inline_between: Optional[str] = None
    # 完成提档升级42.6公里，为目标值的101.43%: the achieved share of a target,
    # matched on the sentence up to the percent.
    target_share_cue: Optional[str] = None
    # Percent-like units and the factor of their ratio (% 100, ‰ 1000).
    rate_units: dict[str, Decimal] = Field(default_factory=lambda: {"%": Decimal(100)})
    # Units of a change between two percents (提高4.53个百分点).
    point_units: list[str] = Field(default_factory=lambda: ["个百分点", "百分点"])
    # Words of a remainder (未支出, 不合格): no operand pinned by words.
    complement_words: list[str] = Field(default_factory=list)
    # Words right after a remainder word that say what it paid for (教育结余
    # 用于项目建设经费: spending out of a balance, no remainder).
    complement_use_words: list[str] = Field(default_factory=list)
    # Characters that negate a rate word right after them (不合格率, 未完成率,
    # 不满意率): the rate is the rest of its rule's rate, and a part named by
    # the rate word's stem alone (检测合格) is the rest of it.
    negation_prefixes: list[str] = Field(default_factory=list)
    # Words naming a count the base of the rates of its kind (活产, 在册, 应…):
    # a reading over it is pinned where the words pin a reading of the part.
    base_words: list[str] = Field(default_factory=list)
    # Total words a share's named whole holds (支出总额, 总支出): the whole of
    # a stated breakdown of its part whose words hold the rest of the name.
    share_whole_total_words: list[str] = Field(default_factory=list)
    # The end of a fund's name that says it is spent (中央资金支出): dropped
    # from the part's name, which is the fund's (中央资金).
    fund_spending: Optional[str] = None
    # Words naming the initial budget (年初预算): with the adjusted one stated
    # too, both are the report's budget, a reading each.
    initial_budget_words: list[str] = Field(default_factory=list)
    # Words naming the adjusted budget (全年调整预算): no part's name.
    adjusted_budget_words: list[str] = Field(default_factory=list)
    back_references: list[str] = Field(default_factory=list)
    # Words saying all of a count did what a rate measures (全部通过验收,
    # 均已足额到位): that count over itself is a reading of the rate.
    all_words: list[str] = Field(default_factory=list)
    # Words that name no subject of a rate (全年预算执行率 is the report's
    # own): a rate named by these and its rate word alone takes operands its
    # words pin from the neighbouring sentences too.
    generic_rate_words: list[str] = Field(default_factory=list)
    # Words right after a percent that make it the condition of a scoring
    # rule, not a stated rate (执行率超过100%的按100%计).
    condition_after: Optional[str] = None
    # Words right before a percent (at the end of its words) that make it
    # the aim an indicator is measured against, not a measured rate
    # (到位率绩效目标值是100%).
    aim_value_before: Optional[str] = None
    # Words right before a percent that make it a bound a rate is compared
    # with (预算执行率未达100%, 控制在3.3‰以下), not a rate stated.
    bound_before: Optional[str] = None
    # Words right before a percent that make it a formula's factor
    # (执行率=执行数÷预算数×100%=98.00%: the ×100%), not a rate stated.
    factor_before: Optional[str] = None
    # Words before a figure in its sentence that make it an item's with a
    # budget of its own (“三公”经费): no operand of the report's budget rate.
    item_budget_before: Optional[str] = None
    # The nearest heading naming the item alone (none of these) scopes its
    # figures, but not one whose clause names the whole (item_whole_words).
    item_heading_joins: list[str] = Field(default_factory=list)
    item_whole_words: list[str] = Field(default_factory=list)
    # Words right before and right after a percent that make it how a rate
    # is counted (执行率按100%计), not a rate measured: two expressions.
    counted_as: list[str] = Field(default_factory=list)
    # Words before a rate in its sentence that state it at a time before the
    # year's end (截至6月底，预算执行率为45%): its numerator stands in its sentence.
    part_of_year: Optional[str] = None
    # Words before a figure (the end of its words) and right after it that
    # make it the stated base of a calculation (按林地面积186.4万亩计算):
    # the denominator of the rates of its sentence (and of its clause next
    # to it: …发生率6.63%；…按林地面积186.4万亩计算，成灾率2.40‰).
    stated_base: list[str] = Field(default_factory=list)
    # Words of a percent that make it the stated sum of the shares listed
    # right before it (三项合计为100.01%): checked against their sum.
    share_total: Optional[str] = None
    # Words of a figure (their end) that make it a change against what they
    # compare with (比计划多412户, 较目标少3个): no operand of a rate.
    compared_change: Optional[str] = None
    # Words of a figure (their end) that make it compared with a target or
    # a limit (低于控制指标291.60公顷): the limit or the margin, it pins no rate.
    compared_bound: Optional[str] = None
    # Words right after a percent that make it an allocation's weight
    # (各占50%的比例分配), not a share stated.
    allocation_after: Optional[str] = None
    # A figure whose own words are one of these, after a figure of its unit
    # in its sentence, restates that figure (实际支出20,318,862.35元，约合
    # 2031.89万元): no operand of its own.
    restatement_words: list[str] = Field(default_factory=list)
    # Words of a rate that make it a share of a whole (占比, 比重): stated
    # respectively after its parts (A、B，占比分别为a%、b%), each is its own
    # part's share of their whole, never one part over another.
    share_words: list[str] = Field(default_factory=list)
    # A bracket right after a rate (matched from the rate's end): the rate's
    # own; a figure in it named by the rate's denominator words is its base
    # (完成率105%（计划8,000户）).
    rate_bracket: Optional[str] = None
    # A bracket right after a rate that writes its division (97.50%（4992÷5120）):
    # groups ``n`` and ``d``, the numbers it names.
    rate_division: Optional[str] = None

    _v = field_validator("share_cue", "share_inline_between", "target_share_cue", "condition_after", "bound_before", "factor_before", "item_budget_before",
                         "aim_value_before",
                         "part_of_year", "share_total", "compared_change", "compared_bound", "allocation_after",
                         "rate_bracket", "fund_spending")(check_regex)
    _v_division = field_validator("rate_division")(needs_groups("n", "d"))
    _v_inline = field_validator("share_inline_before")(needs_groups("whole"))


class TableRateRules(_Strict):
    """Rates and growth read from table rows by their column headers."""

    # Header words of a growth-rate column and of the two years compared.
    growth_columns: list[str] = Field(default_factory=list)
    amount_columns: list[str] = Field(default_factory=list)
    previous_columns: str = r"(?!x)x"
    current_columns: str = r"(?!x)x"
    # A column of a stated year (group ``year``): the earlier is the base.
    year_column: str = r"(?P<year>(?:19|20)\d\d)年"

    _v = field_validator("previous_columns", "current_columns", "year_column")(check_regex)


class MeasureConflict(_Strict):
    """A two-year table's columns of one measure (预算) read for a rate whose
    words name another (支出, 执行, 决算): not the rate's figures."""
    columns: list[str] = Field(min_length=1)
    rate_words: list[str] = Field(min_length=1)


class GrowthRules(_Strict):
    average: list[str]
    # the measures of two-year table columns that are not a rate's whose
    # words name another (上年预算数 | 本年预算数 for 三公经费支出同比下降5%)
    table_measure_conflicts: list[MeasureConflict] = Field(default_factory=list)
    average_decline: list[str] = Field(default_factory=list)
    year_on_year: list[str] = Field(default_factory=list)
    year_on_year_decline: list[str] = Field(default_factory=list)
    from_cues: list[str]
    to_cues: list[str]
    previous_year_words: list[str] = Field(default_factory=list)
    # Words that, right after a previous-year word, make it this year's
    # carry-over from it (上年结转, 上年结余), not a figure of the year before.
    carryover_words: list[str] = Field(default_factory=list)
    # Words naming the report's own year: a part of a sentence that opens
    # with a previous-year word and holds one of these is not of the year before.
    current_year_words: list[str] = Field(default_factory=list)
    # Of those, the ones that name the year just stated when one is (2022年
    # 当年预算执行数: of 2022), not the report's year.
    stated_year_words: list[str] = Field(default_factory=list)
    # Periods before the year before (前年): a rate compared with one is against its figure.
    earlier_year_words: list[str] = Field(default_factory=list)
    # Words opening parallel lists of figures (分别为a和b，上年分别为a0和b0，分别增长x%和y%).
    respective_words: list[str] = Field(default_factory=list)
    # words of a figure averaged over days, months or heads (日均, 平均每月,
    # 人均): no total, so no operand of a change of the total
    averaged_words: list[str] = Field(default_factory=list)
    # Pairs of brackets (open, close) right after a rate that may state
    # the year before's figure: 同比增长5.3%（上年1,187件）.
    previous_brackets: list[str] = Field(default_factory=list)
    # A percent whose words hold a change word after a comparison cue
    # (较上年2,105.90万元增长11.0%, 同比下降3.2%, 增加1.10万元，增长5.86%)
    # is a growth of that direction.
    increase_words: list[str] = Field(default_factory=list)
    decrease_words: list[str] = Field(default_factory=list)
    # An amount whose words end with one of these states a change, not a
    # year's figure (比上年多支出400万元, 本年多支出41万元 after 与上年…相比,
    # 比上年的900万元少50万元), unless the word follows a character of
    # ``comparative_not_after`` (至少, 较多: no comparison).
    comparative_increase_words: list[str] = Field(default_factory=list)
    comparative_decrease_words: list[str] = Field(default_factory=list)
    comparative_not_after: str = ""
    # Verbs a comparative word may be followed by, still ending the words
    # of a change (比上年多受理52件, 较上年的840件多出80件, 少办理12件).
    comparative_verbs: list[str] = Field(default_factory=list)
    # Words that keep a metric of the year before the same (上年同口径支出 is
    # 支出 of the year before), dropped with the period words when two names
    # are compared.
    same_scope_words: list[str] = Field(default_factory=list)
    # Names of the year's spending, however written (支出, 实际支出, 执行数):
    # a growth of one is against a figure named by another.
    spending_names: list[str] = Field(default_factory=list)
    # A heading naming an item of its own (（一）电商培训项目): a spending name
    # under it is the item's, not the report's.
    item_heading: Optional[str] = None
    comparison_cues: list[str] = Field(default_factory=list)
    # A change word followed by one of these before its figure names a
    # reason, not a change (减少主要原因是认真落实中央八项规定: 八项 is a name).
    reason_words: list[str] = Field(default_factory=list)
    # Words right after a change saying the year before had none of it
    # (同比增加17000元，上年无该预算): the figure of the year before is 0.
    none_before_words: list[str] = Field(default_factory=list)
    # Words before a growth rate, in its clause run, saying the year before
    # had none (上年该项支出为0，同比增长100%): a rate from a zero base is
    # no rate. None: not read.
    zero_base: Optional[str] = None
    # A growth rate stated to at least this many decimals may be cut, not
    # rounded (38.28% for 38.2877%): its last digit, one unit below the
    # figures' value, still holds. None: rounding only.
    truncated_decimals: Optional[int] = None
    # At most this many characters (no digit, no clause break) between a
    # from- or to-cue and its figure: 由上年的1860辆增至2145辆.
    cue_gap_chars: int = 4
    planned_words: list[str] = Field(default_factory=list)
    # A year stated between a cue and its figure (group ``year``): 由2019年的A.
    gap_year: str = r"(?P<year>(?:19|20)\d\d)\s*年(?:底|末)?的?"
    # A comparison with a stated year (group ``year``): 较2023年的92.6%; the
    # year before the report's is the year before.
    year_cue: str = r"(?:较|比|与)\s*(?P<year>(?:19|20)\d\d)\s*年"
    year_span: str

    _v = field_validator("year_cue", "item_heading", "zero_base")(check_regex)
    _v_span = field_validator("year_span")(needs_groups("first", "last"))
    _v_gap = field_validator("gap_year")(needs_groups("year"))


class TargetRules(_Strict):
    """How a missed target is judged (see rules/checks.yaml ``targets``)."""

    owned_severity: Severity = "info"
    unexplained_severity: Severity = "warning"
    inferred_severity: Severity = "warning"
    claimed_words: list[str] = Field(default_factory=list)
    no_reason_words: list[str] = Field(default_factory=list)
    reason_words: list[str] = Field(default_factory=list)
    top_grades: list[str]
    reflected_rating_severity: Severity = "info"
    all_met_phrases: list[str] = Field(default_factory=list)
    all_met_subjects: list[str] = Field(default_factory=list)
    all_met_exceptions: list[str] = Field(default_factory=list)
    all_met_not_indicators: list[str] = Field(default_factory=list)
    conclusion_titles: list[str] = Field(default_factory=list)
    # A sentence claiming every target met that states a planned figure
    # (`plan_words`) and, after it, an actual one of its unit (`actual_words`,
    # no plan word) below it: the claim is false (计划完成改造 30 公里，实际完成
    # 28 公里，全面完成年度目标任务). Of `narrative_unit_classes` only (money
    # under a plan is a saving, not a miss).
    plan_words: list[str] = Field(default_factory=list)
    actual_words: list[str] = Field(default_factory=list)
    narrative_unit_classes: list[str] = Field(default_factory=list)
    # A budget execution rate (执行数 / 预算数) below this percent is a
    # target missed, whatever the report's indicators say: under a top
    # rating it is a finding of target_rating (at most inferred_severity).
    budget_execution_floor: Optional[Decimal] = None
    # Words of a budget figure that name the whole project's money over
    # several years, not the year's: no execution rate from it.
    whole_project_words: list[str] = Field(default_factory=list)
    # A deduction the text states (产出指标扣4.5分): in a sentence naming a
    # missed indicator, the self-score reflects that miss.
    text_deduction: Optional[str] = None
    # A score and its full mark stated together (该项得7分（满分8分）): below
    # it, a deduction. Groups ``score`` and ``full``.
    text_score_pairs: list[str] = Field(default_factory=list)
    # A share of the target right after a claimed word (完成目标的72.0%):
    # a claim at 100% or more, else the miss stated. Group ``share``.
    target_share: Optional[str] = None

    _v_deduction = field_validator("text_deduction")(check_regex)
    _v_pairs = field_validator("text_score_pairs")(needs_groups("score", "full"))
    _v_share = field_validator("target_share")(needs_groups("share"))


class IndicatorCountRules(_Strict):
    """设置三级指标11项 against the report's indicator rows (see checks.yaml)."""

    verbs: list[str]
    measure_words: list[str]
    level_words: list[str] = Field(default_factory=list)
    not_words: list[str] = Field(default_factory=list)
    extra_cues: list[str] = Field(default_factory=list)
    plan_words: list[str] = Field(default_factory=list)
    budget_rows: str = "执行率"

    _v_rows = field_validator("budget_rows")(check_regex)


class ProseScoreRules(_Strict):
    """How the text states each first-level score (投入（20分）：…得19分；
    产出指标：分值50分，得分47分) and their total (以上合计96.4分)."""

    marker: str = ""
    name: str
    weight: str
    bare_weight: str
    score: str
    total: str
    full_mark: str = ""
    adjustment: str = ""
    other_year: str = ""
    not_names: list[str] = Field(default_factory=list)
    full_score: Decimal = Decimal(100)
    total_lines: int = 2

    _v = field_validator("marker", "name")(check_regex)
    _v_a = field_validator("adjustment", "other_year")(check_regex)
    _v_w = field_validator("weight", "bare_weight")(needs_groups("w"))
    _v_s = field_validator("score")(needs_groups("s"))
    _v_t = field_validator("total")(needs_groups("t"))
    _v_f = field_validator("full_mark")(check_regex)


class CountRules(_Strict):
    measure_words: list[str]
    list_cues: list[str]
    bracket_not_lists: list[str] = Field(default_factory=list)
    list_goes_on: list[str] = Field(default_factory=list)
    conjunctions: list[str] = Field(default_factory=list)
    # Conjunctions as often inside one name as between two items (健康教育与
    # 健康促进): a last item split at one may be one item.
    inner_conjunctions: list[str] = Field(default_factory=list)
    max_noun_chars: int = 20
    max_item_chars: int = 40
    # A list right before its count whose items share no ending is the whole
    # list only when every item after the first is at most this long (0: never).
    plain_item_chars: int = 0
    # A list whose items before the last are all names at most this long
    # splits its last item at a conjunction into two names as short (0: never).
    short_item_chars: int = 0
    # A count right before one of these and another count counts the list,
    # the other count something else (A、B五类共12项指标).
    total_after_count: list[str] = Field(default_factory=list)
    table_reference: str = r"[见如详]\s*(?:附)?表\s*(?P<n>\d{1,2})"
    indicators: Optional[IndicatorCountRules] = None

    _v_ref = field_validator("table_reference")(check_regex)


class ConsistencyRules(_Strict):
    min_metric_chars: int = 4
    metric_suffixes: list[str] = Field(default_factory=list)
    scope_words: list[str] = Field(default_factory=list)
    report_period_words: list[str] = Field(default_factory=list)
    # words saying a figure is what was achieved, dropped from the front of
    # a metric name after the period words (实际完成苗圃改造 is 完成苗圃改造)
    actual_words: list[str] = Field(default_factory=list)
    # words after a count in its clause that make it the unfinished rest
    # (危桥改造有1座因汛期未完工): no value of the metric
    unfinished_words: list[str] = Field(default_factory=list)
    # words pointing at a table, dropped from the front of a metric name (表中实际支出)
    reference_leads: list[str] = Field(default_factory=list)
    sentence_scope_words: list[str] = Field(default_factory=list)
    target_heading_ends: list[str] = Field(default_factory=list)
    actual_labels: list[str] = Field(default_factory=list)
    share_leads: list[str] = Field(default_factory=list)
    share_base_endings: list[str] = Field(default_factory=list)
    prior_leads: list[str] = Field(default_factory=list)
    role_words: list[str] = Field(default_factory=list)
    subject_label_max_chars: int = 60
    form_columns: dict[str, list[str]] = Field(default_factory=dict)
    form_nameless_words: list[str] = Field(default_factory=list)
    part_scope_words: list[str] = Field(default_factory=list)
    light_verbs: list[str] = Field(default_factory=list)
    table_subject_endings: list[str] = Field(default_factory=list)
    inferred_near_relative: Decimal = Decimal("0.05")
    # Two names of one unit, one the other with a qualifier of at most
    # ``qualifier_max_chars`` letters put inside it (维修渠道 / 维修灌溉渠道),
    # are one metric by inference (only a near miss is flagged), unless the
    # qualifier holds a scope word or one of ``qualifier_not_words``
    # (未维修渠道 is no 维修渠道). 0: names compared as written.
    qualifier_max_chars: int = 0
    # words ending a metric's words that only restate its figure (补助即
    # 18,400元): dropped before two names are compared
    restating_ends: list[str] = Field(default_factory=list)
    qualifier_not_words: list[str] = Field(default_factory=list)
    # a figure restated in brackets right after another (752.00万元（合计7,520,000元）):
    # the words between them, and after the second
    restated_before: Optional[str] = None
    restated_after: Optional[str] = None
    # a sentence restating an earlier sentence's money in another unit
    # (上述支出（合计57,700,410元）, 按元计，…): its cue, and how near the two must be
    restated_across: Optional[str] = None
    restated_across_near: Decimal = Decimal("0.01")
    restated_across_reach: int = 4
    # a figure its own words say is money converted (全年支出折合2178.03万元):
    # the words right before it; it restates an earlier figure of another
    # unit named like it, wherever that stands
    restated_conversion: Optional[str] = None
    restated_conversion_near: Decimal = Decimal("0.1")
    # words that, ending a figure's own words, state it as the total of what
    # its name names (本年项目支出合计1,281,200.00元 restates 项目支出128.12万元)
    restated_total_words: list[str] = Field(default_factory=list)
    # names of one metric (支出总额, 实际支出): each list's names are grouped
    # under its first, inferred, with no total word as scope (实际支出合计)
    one_metric_names: list[list[str]] = Field(default_factory=list)
    one_metric_free_words: list[str] = Field(default_factory=list)
    # a cut-off date before a figure in its clause (截至6月底): part of its scope
    cutoff: Optional[str] = None
    # a cut-off at the year's end (12月31日, 12月底) is the report's own period: no scope
    cutoff_year_end: Optional[str] = None
    # a kind of indicator a report measures once (满意度), and the generic
    # words that name it without a subject (综合满意度 is the one 满意度 indicator)
    one_indicator_names: list[str] = Field(default_factory=list)
    one_indicator_generic: list[str] = Field(default_factory=list)
    # a year left as a placeholder (20xx年) before a figure in its item: its
    # year is unknown, so the figure is compared with no other
    placeholder_year: Optional[str] = None
    # markers opening a parallel item (一是, 其二, （三）): the words after one,
    # before the figure's clause, name the item's subject
    item_marker: Optional[str] = None
    # what opens a paragraph (a line) and scopes its figures: a year (group
    # ``year``: 2021年度绩效目标。…) or a place (group ``place``: 甲县申请…)
    paragraph_lead: Optional[str] = None
    # words opening a unit price (每公里扣1200元): unit prices in the ；-items
    # of one line are a price list by class, not one metric stated twice
    unit_price_words: list[str] = Field(default_factory=list)
    # what marks one instalment of money (a date to the month, a document's
    # title or number, 第一批 / 提前下达 / 追加): figures of two items so
    # marked differently are two instalments, not one metric stated twice
    instalment_mark: Optional[str] = None

    _cutoff = field_validator("cutoff_year_end", "restated_before", "restated_after",
                              "restated_across", "restated_conversion", "placeholder_year",
                              "item_marker", "paragraph_lead", "instalment_mark")(check_regex)
    _v_cutoff = field_validator("cutoff")(needs_groups("date"))


class YearRules(_Strict):
    years_after: int = 1
    # Money of another year equal to the report's own (a 2025 report's
    # "2024年度项目实际支出X" where X is this year's 累计支付): figures named by
    # `restated_metric`, none by `restated_not`, of at least
    # `restated_digits` significant digits.
    restated_metric: Optional[str] = None
    restated_not: Optional[str] = None
    restated_digits: int = 4
    # A figure of a later year whose sentence holds one of these (累计, 截至
    # 3月, 一季度) is a cut-off's: it may equal the year's figure.
    restated_cutoff: Optional[str] = None

    _v = field_validator("restated_metric", "restated_not", "restated_cutoff")(check_regex)


class EvaluationStep(_Strict):
    """A step of the self-evaluation itself (启动自评, 形成自评报告): its name,
    its place in the order (``rank``, lower first) and the words that name it."""

    name: str
    rank: int
    words: str

    _v = field_validator("words")(check_regex)


class DateRules(_Strict):
    """Forms of dates (groups y, m, d) and of years that cannot be (group year)."""

    date: str = r"(?:(?<!\d)(?P<y>\d{4})年)?(?<!\d)(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"
    bad_year: str = r"(?<![\d.,，、])(?P<year>(?:19|20)\d|(?:19|20)\d{3})年(?=度|\d{1,2}月|[末底初])"

    # A quick scan (the forms above test every character of a long text):
    # every match of ``date`` holds a match of ``date_anchor`` and starts at
    # most ``date_reach`` characters before it; likewise for ``bad_year``.
    # None: the form is run over the whole text.
    date_anchor: Optional[str] = None
    date_reach: int = Field(default=0, ge=0)
    bad_year_anchor: Optional[str] = None
    bad_year_reach: int = Field(default=0, ge=0)
    # A sentence dating a work's end (竣工, group ``end``) before its start
    # (开工, group ``start``): the words right after a full date (年月日,
    # matched there) that say which it is. None: not checked.
    date_event: Optional[str] = None
    # The words (matched whole) from the later dated clause's start to its
    # date when that clause is of the same work (并于, 于, none).
    date_event_same_work: str = ""
    # A year and month without a day whose month cannot be (groups y, m).
    year_month: Optional[str] = None
    # The filing date of a self-evaluation (group y, its year): never before
    # the evaluated year.
    filing_date: Optional[str] = None
    # The signing date of a report (group y): a line that is a date alone
    # (the whole line matched) among the last ``signing_lines`` lines of
    # text; never before the evaluated year.
    signing_date: Optional[str] = None
    signing_lines: int = Field(default=0, ge=0)
    # A 月…号 near one of these words (within ``voucher_reach`` characters
    # either side) is a voucher's number of that month, not a day, when no
    # month has the day (12月75号凭证). Empty: every 月…号 is a date.
    voucher_words: list[str] = Field(default_factory=list)
    voucher_reach: int = Field(default=0, ge=0)
    # A signing date in the evaluated year before this month, or more than
    # ``signing_years_after`` years after that year, is a finding too (0:
    # only a year before the evaluated one).
    signing_month_from: int = Field(default=0, ge=0, le=13)
    signing_years_after: int = Field(default=0, ge=0)
    # A date in Chinese numerals (groups y, m, d as ``date``; the day
    # optional), read as digits. None: not read.
    chinese_date: Optional[str] = None
    # The steps of the self-evaluation in their order: a step dated before
    # one of a lower rank in one paragraph is a finding. A date without a
    # year has the last year stated before it there (the one after, after
    # one of ``next_year_words``).
    evaluation_steps: list[EvaluationStep] = Field(default_factory=list)
    next_year_words: list[str] = Field(default_factory=list)
    # A step whose clause names one of these is another body's.
    step_not_words: list[str] = Field(default_factory=list)

    _v = field_validator("date_anchor", "bad_year_anchor", "date_event_same_work", "chinese_date")(check_regex)
    _v_date = field_validator("date")(needs_groups("y", "m", "d"))
    _v_year = field_validator("bad_year")(needs_groups("year"))
    _v_event = field_validator("date_event")(needs_groups("start", "end"))
    _v_month = field_validator("year_month")(needs_groups("y", "m"))
    _v_filing = field_validator("filing_date", "signing_date")(needs_groups("y"))


class DocumentTypeScope(_Strict):
    """Which document types the checks run on: ``default`` for every rule
    not named in ``rules``."""

    default: list[DocumentType] = Field(default_factory=lambda: [
        "department_self_evaluation", "project_self_evaluation", "self_evaluation_form",
        "final_accounts", "budget"])
    rules: dict[str, list[DocumentType]] = Field(default_factory=dict)

    @field_validator("rules")
    @classmethod
    def _known_rule_ids(cls, v):
        return _known_rules(v)


def _known_rules(v):
    unknown = [k for k in v if k not in RULE_IDS]
    if unknown:
        raise ValueError(f"unknown rule id {unknown[0]!r} (known: {', '.join(RULE_IDS)})")
    return v


class CheckRules(_Strict):
    """The contents of ``rules/checks.yaml``."""

    severity: dict[str, Severity]
    disabled: list[str] = Field(default_factory=list)
    tolerance: ToleranceRules
    table_totals: TableTotalRules = Field(default_factory=TableTotalRules)
    breakdowns: BreakdownRules
    rates: list[RateRule]
    per_unit: list[PerUnitRule] = Field(default_factory=list)
    # Words that make a cost per unit a limit or a standard, not a cost spent.
    per_unit_not_words: list[str] = Field(default_factory=list)
    # Words of a cost per unit that say it is a cost, not what it is of
    # (平均抽检费用: 抽检 is its subject).
    per_unit_cost_words: list[str] = Field(default_factory=list)
    # Period words right before or after a cost's cue (月人均, 人均月): the
    # cost is per that period, and the year's money over the count is this
    # many of it (月 12, 季 4); a period of no set number in a year (日:
    # working days or calendar days) leaves the cost unjudged (None).
    per_unit_periods: dict[str, Optional[Decimal]] = Field(default_factory=dict)
    per_unit_not_base: list[str] = Field(default_factory=list)
    per_base: list[PerBaseRule] = Field(default_factory=list)
    differences: list[DifferenceRule]
    target_gaps: TargetGapRules = Field(default_factory=TargetGapRules)
    # Words that name no subject of a balance (年末, 资金): a balance named by
    # these and its rule's words alone is the report's own.
    difference_generic_words: list[str] = Field(default_factory=list)
    difference_lead_words: list[str] = Field(default_factory=list)
    # an item of spending with a budget of its own (“三公”经费): its balance's
    # operands are its own figures, and the report's balance takes none of them
    difference_item: Optional[str] = None
    # a source of money a balance may be named by (年末财政拨款结转): only
    # figures naming the same source pin it
    difference_scope: Optional[str] = None
    # an addition to a budget (当年追加): the total it is stated with is the
    # budget a balance is left of
    difference_budget_added: Optional[str] = None
    # a part of the whole named before a balance (部分项目…结余X), group
    # ``part``: the balance is that part's, not the whole's
    difference_part: Optional[str] = None
    # words before a budget word that name no item of its own (本, 该, 财政)
    difference_subject_words: list[str] = Field(default_factory=list)
    operands: OperandRules = Field(default_factory=OperandRules)
    table_rates: TableRateRules = Field(default_factory=TableRateRules)
    growth: GrowthRules
    targets: TargetRules
    grade_scale: Optional[list[GradeBand]] = None
    stated_grade_bands: list[str] = Field(default_factory=list)
    indicator_score_sum: bool = True
    prose_scores: Optional[ProseScoreRules] = None
    counts: CountRules
    consistency: ConsistencyRules
    years: YearRules
    dates: DateRules = Field(default_factory=DateRules)
    document_types: DocumentTypeScope = Field(default_factory=DocumentTypeScope)

    _v_bands = field_validator("stated_grade_bands")(check_regex)
    _v_item = field_validator("difference_item", "difference_scope", "difference_budget_added",
                               "difference_part")(check_regex)

    @field_validator("severity", "disabled")
    @classmethod
    def _known_rule_ids(cls, v):
        return _known_rules(v)
