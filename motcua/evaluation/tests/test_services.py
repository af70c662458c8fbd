from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.catalog.constants import OnlineMode, ServiceLevel
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk
from motcua.evaluation import selectors, services
from motcua.evaluation.constants import StaffClass, UnitRank
from motcua.evaluation.models import EvaluationSnapshot, StaffEvaluationSnapshot
from motcua.evaluation.tests.factories import SnapshotFactory, WeightsFactory, current_period, returned
from motcua.feedback import services as feedback_services
from motcua.feedback.constants import Satisfaction
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def answers(staff_attitude):
    return feedback_services.RatingAnswers(
        overall=Satisfaction.SATISFIED,
        convenience=Satisfaction.SATISFIED,
        on_time=Satisfaction.SATISFIED,
        staff_attitude=staff_attitude,
    )


def test_an_early_dossier_scores_two_on_each_index_with_data_and_the_rest_stay_empty():
    desk = make_desk()
    desk.resolved()

    year, quarter = current_period()
    units = services.recompute_year(year)

    assert units == {number: int(number in (quarter, 0)) for number in (1, 2, 3, 4, 0)}
    snapshot = EvaluationSnapshot.objects.get(agency=desk.agency, quarter=quarter)
    # Early overall and at every hand-off, no supplement; no rating and no data for 4, 5, 6, 8; the reports
    # counters have no figure inside a rolled-back test transaction, so index 9 has no data either.
    assert snapshot.index_scores == [Decimal("2.0"), Decimal("2.0"), Decimal("2.0"), None, None, None, None, None, None]
    assert (snapshot.total, snapshot.max_points, snapshot.dossiers) == (Decimal("6.0"), 6, 1)
    assert snapshot.rank == UnitRank.EXCELLENT


def test_staff_who_acted_on_the_dossier_are_each_classified():
    desk = make_desk()
    desk.resolved()

    services.recompute_year(current_period()[0])

    staff = StaffEvaluationSnapshot.objects.filter(agency=desk.agency, quarter=current_period()[1])
    assert set(staff.values_list("staff", flat=True)) == {desk.clerk.pk, desk.leader.pk, desk.specialist.pk}
    assert {(row.total, row.max_points, row.classification) for row in staff} == {
        (Decimal("6.0"), 6, StaffClass.COMPLETED)
    }


def test_staff_attitude_comes_from_the_citizens_ratings_and_is_averaged():
    desk = make_desk()
    happy_citizen, unhappy_citizen = ApplicantFactory(), ApplicantFactory()
    feedback_services.rate_as_applicant(
        happy_citizen, returned(desk, happy_citizen), answers(Satisfaction.VERY_SATISFIED)
    )
    feedback_services.rate_as_applicant(
        unhappy_citizen, returned(desk, unhappy_citizen), answers(Satisfaction.UNSATISFIED)
    )
    desk.resolved()  # not rated: out of index 7's denominator

    services.recompute_year(current_period()[0])

    snapshot = EvaluationSnapshot.objects.get(agency=desk.agency, quarter=0)
    assert snapshot.dossiers == 3
    assert snapshot.index_7 == Decimal("1.0")  # (2 + 0) / 2
    assert (snapshot.total, snapshot.max_points) == (Decimal("7.0"), 8)
    assert snapshot.rank == UnitRank.EXCELLENT  # 7 × 18 / 8 = 15,75 on the full scale


def test_recompute_replaces_the_periods_snapshots_and_leaves_other_periods():
    desk = make_desk()
    desk.resolved()
    year, quarter = current_period()
    other = SnapshotFactory(year=2021, quarter=0)

    services.recompute_year(year)
    services.recompute_year(year)

    assert EvaluationSnapshot.objects.filter(year=year, quarter=quarter).count() == 1
    assert EvaluationSnapshot.objects.filter(year=year, quarter=0).count() == 1
    assert EvaluationSnapshot.objects.filter(pk=other.pk).exists()


def test_recomputing_a_year_takes_as_many_queries_for_twelve_dossiers_as_for_three():
    desk = make_desk()
    citizen = ApplicantFactory()
    feedback_services.rate_as_applicant(citizen, returned(desk, citizen), answers(Satisfaction.SATISFIED))
    desk.resolved()
    desk.resolved()
    year = current_period()[0]
    with CaptureQueriesContext(connection) as three:
        services.recompute_year(year)
    for _ in range(9):
        desk.resolved()

    with CaptureQueriesContext(connection) as twelve:
        services.recompute_year(year)

    assert EvaluationSnapshot.objects.get(agency=desk.agency, quarter=0).dossiers == 12
    # Not equal: the first run also loads the working calendar, which is then cached for the process.
    assert len(twelve) <= len(three)


def test_a_year_outside_the_range_is_refused():
    with pytest.raises(services.EvaluationError):
        services.recompute_year(1900)


def test_weights_cannot_be_backdated():
    user = StaffUserFactory(password="!")
    with pytest.raises(services.EvaluationError) as error:
        services.add_weights(
            user,
            effective_from=timezone.localdate() - timedelta(days=1),
            online_rate=1,
            on_time_rate=1,
            evaluation=1,
            reason="Điều chỉnh",
        )
    assert error.value.code == "backdated"


def test_weights_need_a_reason_and_a_positive_weight():
    user = StaffUserFactory(password="!")
    today = timezone.localdate()
    with pytest.raises(services.EvaluationError):
        services.add_weights(user, effective_from=today, online_rate=0, on_time_rate=0, evaluation=0, reason="x")
    with pytest.raises(services.EvaluationError):
        services.add_weights(user, effective_from=today, online_rate=1, on_time_rate=1, evaluation=1, reason="  ")


def test_changing_the_weights_keeps_a_past_periods_ranking_and_the_old_row():
    online_first = SnapshotFactory(online_rate=Decimal("90.00"), on_time_rate=Decimal("50.00"))
    on_time_first = SnapshotFactory(online_rate=Decimal("10.00"), on_time_rate=Decimal("99.00"))
    old = WeightsFactory(online_rate=5, on_time_rate=1, evaluation=0)
    _, before = selectors.emulation_ranking(2021, 0)

    new = services.add_weights(
        StaffUserFactory(password="!"),
        effective_from=timezone.localdate(),
        online_rate=0,
        on_time_rate=5,
        evaluation=0,
        reason="Ưu tiên giải quyết đúng hạn theo Kế hoạch 161/KH-UBND",
    )
    weights, after = selectors.emulation_ranking(2021, 0)

    assert weights == old
    assert after == before
    assert [row.agency_code for row in after["tinh"]] == [online_first.agency.code, on_time_first.agency.code]
    assert list(selectors.weights_history()) == [new, old]
    assert selectors.weights_in_force(timezone.localdate()) == new


def test_equal_emulation_scores_share_a_position_listed_by_agency_code():
    WeightsFactory()
    tied = [SnapshotFactory(), SnapshotFactory()]
    SnapshotFactory(online_rate=Decimal("10.00"))

    _, ranking = selectors.emulation_ranking(2021, 0)

    rows = ranking["tinh"]
    assert [row.position for row in rows] == [1, 1, 3]
    assert [row.agency_code for row in rows[:2]] == sorted(snapshot.agency.code for snapshot in tied)
    assert rows[0].score == Decimal("77.22")  # (0,5 + 0,9 + 5,5/6) / 3 × 100
    assert ranking["huyen"] == [] and ranking["xa"] == []


def test_no_weights_in_force_means_no_ranking():
    SnapshotFactory()
    WeightsFactory(effective_from=date(2022, 1, 1))

    weights, ranking = selectors.emulation_ranking(2021, 0)

    assert weights is None
    assert ranking == {"tinh": [], "huyen": [], "xa": []}


def test_a_supplement_request_is_one_more_contact_with_the_desk():
    desk = make_desk()
    desk.resolved()
    dossier = desk.submitted()
    dossier = dossier_services.do_request_supplement(
        desk.clerk, dossier, items=["Bản sao Căn cước công dân"], reason="Bản chụp bị mờ."
    )
    dossier = dossier_services.do_provide_supplement(desk.citizen, dossier, note="Đã nộp bản chụp rõ.")
    dossier = dossier_services.do_accept(desk.clerk, dossier)
    dossier = dossier_services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    dossier = dossier_services.do_appraise(desk.specialist, dossier, opinion="Hồ sơ đủ điều kiện.")
    dossier_services.do_mark_resolved(desk.clerk, dossier_services.do_approve(desk.leader, dossier))

    services.recompute_year(current_period()[0])

    assert EvaluationSnapshot.objects.get(agency=desk.agency, quarter=0).index_3 == Decimal("1.5")  # (2 + 1) / 2


def test_online_service_index_uses_the_reports_figures_and_the_catalogue(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        desk = make_desk()
        desk.resolved()

    services.recompute_year(current_period()[0])

    snapshot = EvaluationSnapshot.objects.get(agency=desk.agency, quarter=0)
    # One procedure, at level 3; the one dossier came online and was resolved early.
    assert (snapshot.online_rate, snapshot.on_time_rate) == (Decimal("100.00"), Decimal("100.00"))
    assert snapshot.index_9 == Decimal("2.0")
    assert (snapshot.total, snapshot.max_points) == (Decimal("8.0"), 8)


def test_online_service_index_looks_at_the_level_three_and_four_share_of_the_units_own_procedures(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        desk = make_desk()
        desk.resolved()
    for _ in range(5):  # five more procedures at this desk, none online: 1 of 6 at level 3/4, under 20%
        OfferingFactory(agency=desk.agency, procedure=ProcedureFactory(service_level=ServiceLevel.FORMS))
    fully_online = ProcedureFactory(service_level=ServiceLevel.FULL, online_mode=OnlineMode.FULL)
    OfferingFactory(agency=DepartmentFactory(), procedure=fully_online)  # another agency's does not count

    services.recompute_year(current_period()[0])

    assert EvaluationSnapshot.objects.get(agency=desk.agency, quarter=0).index_9 == Decimal("1.0")


@pytest.mark.parametrize(
    ("today", "years"),
    [(date(2021, 5, 10), [2021]), (date(2021, 3, 31), [2021, 2020]), (date(2021, 12, 31), [2021])],
)
def test_the_nightly_refresh_covers_last_year_only_during_the_first_quarter(today, years):
    assert services.recent_years(today) == years
