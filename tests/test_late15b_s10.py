"""late15b (session 10, review F5): a name with a qualifier put inside
another (新建硬化道路 of 新建道路, 改造老旧供水管网 of 改造供水管网) usually
names a part of it. The inferred identity of 3fde49d is kept, but a part's
figure is flagged only when it is over the whole's: under it, it is what a
subset looks like; over it, no subset can be, so one of the two is wrong."""

from __future__ import annotations

from test_fixrel13_s9 import failed

PIPES = ("某县水务局2024年度城乡供水保障项目支出绩效自评报告\n一、产出情况\n全年改造供水管网8.5公里，"
         "新建加压泵站2座。\n二、效益情况\n{}，居民用水更加稳定。\n")


def test_a_qualified_figure_under_the_whole_is_a_part_not_a_conflict():
    for part in ("改造老旧供水管网8.2公里", "其中改造老旧供水管网8.1公里", "改造城区供水管网8.3公里"):
        assert not failed(PIPES.format(part), "metric_consistency"), part
    roads = ("一、产出情况\n本年度修建道路26.0公里，安装路灯140盏。\n二、效益情况\n"
             "修建水泥道路25.1公里，方便群众出行。\n")
    assert not failed(roads, "metric_consistency")


def test_a_qualified_figure_over_the_whole_is_still_flagged():
    for part in ("改造老旧供水管网8.7公里", "改造城区供水管网8.9公里"):
        assert failed(PIPES.format(part), "metric_consistency"), part
    ditches = ("一、产出情况\n年内维修渠道12.4公里。\n二、效益情况\n维修灌溉渠道12.6公里，灌溉面积扩大。\n")
    assert failed(ditches, "metric_consistency")


def test_equal_or_far_apart_qualified_figures_stay_quiet():
    assert not failed(PIPES.format("改造老旧供水管网8.5公里"), "metric_consistency")
    # far over the whole: two metrics after all (the near-miss bound is kept)
    assert not failed(PIPES.format("改造老旧供水管网17.0公里"), "metric_consistency")


def test_two_figures_of_one_name_are_still_compared_both_ways():
    # no qualifier: a smaller restatement is a conflict as before
    text = "一、产出情况\n全年改造供水管网8.5公里。\n二、效益情况\n改造供水管网8.2公里，居民用水更加稳定。\n"
    assert failed(text, "metric_consistency")


def test_two_parts_by_two_qualifiers_are_not_one_metric():
    text = ("一、产出情况\n全年改造供水管网30.0公里。\n二、效益情况\n改造城区供水管网14.6公里。\n"
            "三、社会效益\n改造入户供水管网{}公里，居民用水更加稳定。\n")
    assert not failed(text.format("14.9"), "metric_consistency")
    # a part over its whole is still a conflict
    assert failed(text.format("30.8"), "metric_consistency")
