from extractor.evaluate.facts import score_facts
from extractor.evaluate.tables import align_rows, norm, score_table

LABEL = {
    "title": "t",
    "columns": ["序号", "地区", "已附码项目/合计/项目数量"],
    "rows": [["1", "州本级", "10"], ["2", "汶川县", "21"], ["3", "理县", ""]],
    "score_header": [True, True, True],
}


def test_normalisation_is_nfkc_without_white_space():
    assert norm(" 总投资（万 元）\n") == "总投资(万元)"


def test_perfect_table():
    s = score_table(LABEL, [{"id": "t1", "columns": LABEL["columns"], "rows": LABEL["rows"]}])
    assert (s.f1, s.header_correct, s.header_judged) == (1.0, 3, 3)


def test_missing_row_is_aligned_not_shifted():
    pred = {"id": "t1", "columns": LABEL["columns"], "rows": [["1", "州本级", "10"], ["3", "理县", ""]]}
    s = score_table(LABEL, [pred])
    assert s.tp == 5 and s.gold == 8 and s.predicted == 5


def test_best_candidate_is_paired():
    wrong = {"id": "t1", "columns": ["a"], "rows": [["x"]]}
    right = {"id": "t2", "columns": LABEL["columns"], "rows": LABEL["rows"]}
    assert score_table(LABEL, [wrong, right]).matched == "t2"


def test_no_candidate_scores_zero():
    s = score_table(LABEL, [])
    assert s.f1 == 0.0 and s.header_correct == 0


def test_unjudged_header_is_skipped():
    label = {**LABEL, "score_header": [True, False, True]}
    pred = {"id": "t1", "columns": ["序号", "WRONG", "已附码项目/合计/项目数量"], "rows": LABEL["rows"]}
    s = score_table(label, [pred])
    assert (s.header_correct, s.header_judged) == (2, 2)


def test_one_flag_judges_every_column_or_none():
    pred = {"id": "t1", "columns": ["序号", "WRONG", "已附码项目/合计/项目数量"], "rows": LABEL["rows"]}
    every = score_table({**LABEL, "score_header": True}, [pred])
    none = score_table({**LABEL, "score_header": False}, [pred])
    assert (every.header_correct, every.header_judged) == (2, 3)
    assert none.header_judged == 0


def test_alignment_counts_only_non_empty_matches():
    assert align_rows([["", "a"]], [["", "a"]]) == 1


def test_fact_scores():
    label = {
        "facts": {
            "events": [{"date": "--11-06", "people": ["谢荣妹"]}, {"date": "--11-28", "people": ["夏朝辉"]}],
            "people": {"谢荣妹": "主任", "夏朝辉": "政治部主任"},
            "visits": {"唐静": 2},
        },
        "entities": {"汶川县": "513221", "理县": "513222"},
    }
    result = {
        "facts": {
            "events": [{"date": "2018-11-06", "people": [{"name": "谢荣妹"}]}],
            "people": [{"name": "谢荣妹", "title": "州政务服务中心主任"}, {"name": "夏朝辉", "title": "党委委员"}],
            "visits": [{"name": "唐静", "count": 2}],
        },
        "entities": [{"mention": "汶川县", "code": "513221"}, {"mention": "理县", "code": "513200"}],
    }
    s = score_facts(label, result)
    assert s.event_tp == 1 and s.event_f1 is not None and round(s.event_f1, 3) == 0.667
    assert s.people_recall.value == 1.0 and s.titles.value == 0.5
    assert s.visits.value == 1.0
    assert s.entities.value == 0.5 and s.entity_wrong == 1


def test_row_paths_are_judged_on_the_paired_row():
    label = {**LABEL, "row_paths": ["州本级", "州本级/汶川县", "理县"]}
    pred = {
        "id": "t1",
        "columns": LABEL["columns"],
        "rows": [["x", "y", "z"], *LABEL["rows"]],  # an extra row first: paths are compared after alignment
        "row_paths": ["x", "州本级", "州本级/汶川县", "理县/错"],
    }
    s = score_table(label, [pred])
    assert (s.path_correct, s.path_judged) == (2, 3)


def test_row_paths_of_an_unpaired_row_are_wrong():
    label = {**LABEL, "row_paths": ["州本级", "汶川县", "理县"]}
    pred = {"id": "t1", "columns": LABEL["columns"], "rows": [["1", "州本级", "10"]], "row_paths": ["州本级"]}
    assert (score_table(label, [pred]).path_correct, score_table(label, [pred]).path_judged) == (1, 3)


def test_metrics_need_value_unit_and_the_labelled_measure():
    label = {
        "facts": {
            "metrics": [
                {"subject": "全市", "name": "地区生产总值", "value": 866.6, "unit": "亿元"},
                {"subject": "全市", "name": "地区生产总值增长", "value": 4.8, "unit": "%"},
            ],
            "metrics_complete": True,
        }
    }
    found = {
        "facts": {
            "metrics": [
                {"subject": "全市", "name": "地区生产总值", "value": 866.6, "unit": "亿元"},
                {"subject": "全市", "name": "服务", "value": 4.8, "unit": "%"},  # wrong measure: a false metric
            ]
        }
    }
    s = score_facts(label, found)
    assert (s.metrics_recall.hit, s.metrics_recall.total) == (1, 2)
    assert (s.metrics_precision.hit, s.metrics_precision.total) == (1, 2)
