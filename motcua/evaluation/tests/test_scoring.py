from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.constants import Timeliness
from motcua.evaluation import scoring
from motcua.evaluation.constants import STAFF_CLASS_THRESHOLDS, UNIT_RANK_THRESHOLDS, StaffClass, UnitRank
from motcua.feedback.constants import Satisfaction

UNIT_ORDER = [label for _, label in reversed(UNIT_RANK_THRESHOLDS)]
STAFF_ORDER = [label for _, label in reversed(STAFF_CLASS_THRESHOLDS)]


@pytest.mark.parametrize(
    ("total", "rank"),
    [
        ("18", UnitRank.EXCELLENT),
        ("15", UnitRank.EXCELLENT),
        ("14.9", UnitRank.GOOD),
        ("12", UnitRank.GOOD),
        ("11.9", UnitRank.FAIR),
        ("9", UnitRank.FAIR),
        ("8.9", UnitRank.AVERAGE),
        ("6", UnitRank.AVERAGE),
        ("5.9", UnitRank.WEAK),
        ("0", UnitRank.WEAK),
    ],
)
def test_unit_rank_follows_article_15_thresholds_on_all_nine_indices(total, rank):
    assert scoring.unit_rank(Decimal(total), 18) == rank


def test_unit_rank_scales_a_total_over_fewer_indices_to_the_full_scale():
    assert scoring.unit_rank(Decimal("6.0"), 6) == UnitRank.EXCELLENT
    assert scoring.unit_rank(Decimal("3.0"), 6) == UnitRank.FAIR
    assert scoring.unit_rank(Decimal("0"), 0) == ""


@pytest.mark.parametrize(
    ("total", "label"),
    [("10", StaffClass.COMPLETED), ("5", StaffClass.COMPLETED), ("4.9", StaffClass.MOSTLY),
     ("3.5", StaffClass.MOSTLY), ("3.4", StaffClass.BELOW), ("0", StaffClass.BELOW)],
)
def test_staff_class_follows_article_15_thresholds(total, label):
    assert scoring.staff_class(Decimal(total), 10) == label


points = st.integers(min_value=0, max_value=180).map(lambda tenths: Decimal(tenths) / 10)


@given(points, points, st.integers(min_value=1, max_value=9))
def test_more_points_never_lower_the_unit_rank(first, second, indices):
    low, high = sorted((first * indices / 9, second * indices / 9))
    max_points = 2 * indices
    assert UNIT_ORDER.index(scoring.unit_rank(high, max_points)) >= UNIT_ORDER.index(
        scoring.unit_rank(low, max_points)
    )


@given(points, points, st.integers(min_value=1, max_value=5))
def test_more_points_never_lower_the_staff_class(first, second, indices):
    low, high = sorted((first * indices / 18, second * indices / 18))
    max_points = 2 * indices
    assert STAFF_ORDER.index(scoring.staff_class(high, max_points)) >= STAFF_ORDER.index(
        scoring.staff_class(low, max_points)
    )


def test_average_is_rounded_to_one_decimal_and_skips_dossiers_without_data():
    assert scoring.average([1, 2, 2]) == Decimal("1.7")
    assert scoring.average([2, None, 1]) == Decimal("1.5")
    assert scoring.average([None]) is None


def test_unit_time_takes_the_worst_unit():
    assert scoring.step_points([Timeliness.EARLY, Timeliness.EARLY]) == 2
    assert scoring.step_points([Timeliness.EARLY, Timeliness.ON_TIME]) == 1
    assert scoring.step_points([Timeliness.EARLY, Timeliness.LATE]) == 0
    assert scoring.step_points([]) is None


def test_each_supplement_request_is_one_more_desk_contact():
    assert [scoring.desk_contact_points(count) for count in (0, 1, 2, 3)] == [2, 1, 0, 0]


def test_attitude_needs_a_rating_and_an_unhappy_rating_scores_nothing():
    assert scoring.attitude_points(Timeliness.EARLY, None) is None
    assert scoring.attitude_points(Timeliness.EARLY, Satisfaction.SATISFIED) == 2
    assert scoring.attitude_points(Timeliness.ON_TIME, Satisfaction.VERY_SATISFIED) == 1
    assert scoring.attitude_points(Timeliness.LATE, Satisfaction.SATISFIED) == 0
    assert scoring.attitude_points(Timeliness.EARLY, Satisfaction.UNSATISFIED) == 0


@pytest.mark.parametrize(
    ("coverage", "online", "late", "expected"),
    [
        ("20", "30", 0, 2),
        ("19.99", "30", 0, 1),
        ("20", "29.99", 0, 1),
        ("20", "15", 0, 1),
        ("20", "14.99", 0, 0),
        ("90", "90", 1, 0),
        ("0", "50", 0, 0),
        ("90", None, 0, None),
    ],
)
def test_online_service_index(coverage, online, late, expected):
    online_rate = None if online is None else Decimal(online)
    assert scoring.online_service_points(Decimal(coverage), online_rate, late) == expected


def test_equal_scores_share_a_position():
    scores = [Decimal(90), Decimal(80), Decimal(80), Decimal(70)]
    assert scoring.competition_positions(scores) == [1, 2, 2, 4]


def test_emulation_score_leaves_missing_indicators_out_of_the_weights():
    weights = {"online_rate": 1, "on_time_rate": 3, "evaluation": 0}
    assert scoring.emulation_score({"online_rate": Decimal("0.5"), "on_time_rate": Decimal("1")}, weights) == Decimal(
        "87.50"
    )
    assert scoring.emulation_score({"online_rate": None, "on_time_rate": Decimal("0.9")}, weights) == Decimal("90.00")
    assert scoring.emulation_score({"evaluation": Decimal("1")}, weights) is None


def test_period_bounds_of_quarters_and_year():
    assert scoring.period_bounds(2021, 1) == (date(2021, 1, 1), date(2021, 3, 31))
    assert scoring.period_bounds(2021, 4) == (date(2021, 10, 1), date(2021, 12, 31))
    assert scoring.period_bounds(2020, 0) == (date(2020, 1, 1), date(2020, 12, 31))
