from datetime import date
from decimal import Decimal

from motcua.catalog.constants import ONLINE_MODE_BY_SERVICE_LEVEL
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.dossiers.constants import Channel
from motcua.organization.constants import AgencyLevel
from motcua.organization.tests.factories import DepartmentFactory
from motcua.reports import selectors, services
from motcua.reports.constants import Outcome
from motcua.reports.selectors import Coverage, Received, Summary
from motcua.reports.tests.factories import local, make_cast


def received(online: int, total: int) -> Summary:
    return Summary(received=Received(online=online, direct=total - online))


def test_online_rate_is_presented_as_the_directive_does():
    by_level = {"tinh": received(4658, 10000), "huyen": received(11, 1000), "xa": received(0, 500)}
    text = selectors.online_rate_text(received(513, 10000), by_level)
    assert text == "5,13% (cấp tỉnh 46,58%, cấp huyện 1,10%, cấp xã 0%)"


def test_online_rate_is_a_percentage_with_two_decimals_or_none_without_dossiers():
    assert received(513, 10000).online_rate == Decimal("5.13")
    assert received(1, 3).online_rate == Decimal("33.33")
    assert Summary().online_rate is None


def test_coverage_is_presented_as_the_directive_does():
    assert Coverage(level34=1671, total=1863, partial=1000, full=671).text == "89,69% (1.671/1.863)"


def test_coverage_counts_offered_procedures_at_level_three_and_four(db):
    department, commune = DepartmentFactory(), DepartmentFactory(level=AgencyLevel.COMMUNE)
    for service_level in (1, 2, 3, 3, 4):
        procedure = ProcedureFactory(
            service_level=service_level, online_mode=ONLINE_MODE_BY_SERVICE_LEVEL.get(service_level, "")
        )
        OfferingFactory(procedure=procedure, agency=commune if service_level == 4 else department)
    ProcedureFactory(service_level=4, online_mode=ONLINE_MODE_BY_SERVICE_LEVEL[4])  # not offered in the province
    coverage = selectors.service_level_coverage()
    assert (coverage.level34, coverage.total, coverage.partial, coverage.full) == (3, 5, 2, 1)
    assert coverage.text == "60% (3/5)"
    assert selectors.service_level_coverage(level=AgencyLevel.COMMUNE).text == "100% (1/1)"
    assert selectors.service_level_coverage(agency_code=department.code).text == "50% (2/4)"


def test_monthly_trend_has_one_row_per_month_clipped_to_the_period(db, django_capture_on_commit_callbacks):
    cast = make_cast()
    with django_capture_on_commit_callbacks(execute=True):
        for day, pace in ((date(2021, 1, 5), 0.9), (date(2021, 1, 20), 0.3), (date(2021, 3, 2), 0.3)):
            plan = services.DossierPlan(Channel.DIRECT, Outcome.RETURNED, local(day.year, day.month, day.day), pace)
            services.play(plan, cast)
    trend = selectors.monthly_trend(date(2021, 1, 10), date(2021, 3, 31))
    assert [row.month for row in trend] == [date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1)]
    assert [row.summary.received.new for row in trend] == [1, 0, 1]
    assert trend[0].summary.received.carried_over == 1


def test_summary_by_level_lists_every_level_even_without_figures(db):
    assert set(selectors.summary_by_level(date(2021, 1, 1), date(2021, 12, 31))) == {"tinh", "huyen", "xa"}
