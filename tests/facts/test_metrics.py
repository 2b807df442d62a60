"""Metrics named by their clause's own measure (issue 10): statistical bulletins, budgets, 政务服务."""

from __future__ import annotations

import pytest

from extractor.facts.metrics import find_metrics

CASES = [
    (
        "全年全市实现地区生产总值866.60亿元，比上年增长4.8%。其中，第一产业增加值92.66亿元，增长3.9%。",
        [("地区生产总值", 866.6, "亿元"), ("地区生产总值增长", 4.8, "%"), ("第一产业增加值", 92.66, "亿元"),
         ("第一产业增加值增长", 3.9, "%")],
    ),
    ("全年全市居民消费价格比上年上涨0.3%，其中食品价格下降1.2%。",
     [("居民消费价格上涨", 0.3, "%"), ("食品价格下降", 1.2, "%")]),
    ("年末全市常住人口468.5万人，比上年末减少1.36万人；城镇化率为61.2%，比上年提高0.8个百分点。",
     [("常住人口", 468.5, "万人"), ("常住人口减少", 1.36, "万人"), ("城镇化率", 61.2, "%"),
      ("城镇化率提高", 0.8, "个百分点")]),
    ("1—9月地区生产总值增长5.2%，增速比上半年加快0.2个百分点。",
     [("地区生产总值增长", 5.2, "%"), ("地区生产总值增速加快", 0.2, "个百分点")]),
    ("市教育局2024年收入预算总计59693.46万元，比2023年增加2598.89万元。",
     [("收入预算总计", 59693.46, "万元"), ("收入预算总计增加", 2598.89, "万元")]),
    ("其中网上受理98616件，网上受理率70.65%。", [("网上受理", 98616, "件"), ("网上受理率", 70.65, "%")]),
    ("州本级受理4484件，办结8216件；全州完成投资额11.02亿元。",
     [("受理", 4484, "件"), ("办结", 8216, "件"), ("完成投资额", 11.02, "亿元")]),
    ("持续优化政务服务，增长4.8%。", []),  # no measure of its own: no metric rather than a wrong one
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_metric_names(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(m.name, m.value, m.unit) for m in find_metrics(text, [])] == expected
