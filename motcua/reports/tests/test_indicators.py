from datetime import date
from decimal import Decimal

import pytest

from motcua.dossiers.tests.factories import make_desk
from motcua.feedback.constants import Criterion, Satisfaction
from motcua.feedback.tests.factories import HAPPY, UNHAPPY_ABOUT_STAFF
from motcua.organization.constants import AgencyLevel
from motcua.reports import selectors
from motcua.reports.indicators import SatisfactionRow, service_indicators
from motcua.reports.selectors import Resolved, Summary
from motcua.reports.tests.factories import local
from motcua.reports.tests.indicator_factories import components, district_desk, paid, resolved_and_rated
from motcua.results.tests import conftest as results_conftest

# The results app's test signing key: approvals issue real signed e-results.
demo_pki = results_conftest.demo_pki
signing_settings = results_conftest.signing_settings

MARCH = (date(2021, 3, 1), date(2021, 3, 31))


@pytest.fixture(autouse=True)
def sandbox_gateway(settings):
    settings.PAYMENTS_GATEWAYS = ["sandbox"]
    settings.PAYMENTS_SANDBOX_SECRET = "sandbox-test-secret"


@pytest.fixture
def history(db, django_capture_on_commit_callbacks):
    province, district = make_desk(), district_desk()
    paid(province, local(2021, 3, 3), online=True)
    paid(province, local(2021, 3, 4))
    paid(province, local(2021, 3, 31, 23))
    paid(province, local(2021, 4, 1, 0))  # the next period
    paid(district, local(2021, 3, 4))
    components(province, local(2021, 3, 10))
    resolved_and_rated(province, local(2021, 3, 2), local(2021, 3, 5, 15), HAPPY, django_capture_on_commit_callbacks)
    resolved_and_rated(
        province, local(2021, 3, 8), local(2021, 3, 10), UNHAPPY_ABOUT_STAFF, django_capture_on_commit_callbacks
    )
    resolved_and_rated(district, local(2021, 3, 15), local(2021, 3, 16), HAPPY, django_capture_on_commit_callbacks)
    return province, district


def answers(row: SatisfactionRow) -> dict[str, int]:
    return {answer: count for answer, _, count in row.answers}


def test_indicators_of_a_level_read_every_figure_of_the_period(history):
    indicators = service_indicators(*MARCH, level=AgencyLevel.PROVINCE)

    assert (indicators.online_payments, indicators.counter_payments) == (1, 2)
    assert indicators.online_payment_rate == Decimal("33.33")
    assert indicators.online_payment_rate_text == "33,33%"
    assert (indicators.digitised_components, indicators.reused_components) == (2, 1)
    assert indicators.e_results_issued == 2
    # 3 days 6 hours and 2 days: 2.625 calendar days (kept with the counters).
    figures = selectors.summary(*MARCH, level=AgencyLevel.PROVINCE)
    assert figures.resolved.total == 2
    assert figures.average_processing_days == Decimal("2.6")
    assert figures.average_processing_days_text == "2,6"
    rows = {row.criterion: row for row in indicators.satisfaction}
    assert list(rows) == Criterion.values
    assert answers(rows[Criterion.OVERALL]) == {"very_satisfied": 1, "satisfied": 1, "unsatisfied": 0}
    assert answers(rows[Criterion.STAFF_ATTITUDE]) == {"very_satisfied": 0, "satisfied": 1, "unsatisfied": 1}
    assert rows[Criterion.STAFF_ATTITUDE].label == "Thái độ của cán bộ, công chức"
    assert [label for _, label, _ in rows[Criterion.OVERALL].answers] == ["Rất hài lòng", "Hài lòng", "Chưa hài lòng"]


def test_indicators_of_the_province_add_up_every_agency(history):
    indicators = service_indicators(*MARCH)

    assert (indicators.online_payments, indicators.payments, indicators.online_payment_rate_text) == (1, 4, "25%")
    assert indicators.e_results_issued == 3
    # (3.25 + 2 + 1) / 3 = 2.083… days.
    assert selectors.summary(*MARCH).average_processing_days_text == "2,1"
    assert all(row.total == 3 for row in indicators.satisfaction)


def test_indicators_of_one_agency(history):
    _, district = history
    indicators = service_indicators(*MARCH, agency_codes=[district.agency.code])

    assert (indicators.online_payments, indicators.counter_payments) == (0, 1)
    assert indicators.online_payment_rate == Decimal("0.00")
    assert indicators.online_payment_rate_text == "0%"
    assert (indicators.digitised_components, indicators.reused_components, indicators.e_results_issued) == (0, 0, 1)
    assert selectors.summary(*MARCH, agency_code=district.agency.code).average_processing_days_text == "1,0"


def test_indicators_of_several_agencies_add_up_theirs(history):
    both = service_indicators(*MARCH, agency_codes=[desk.agency.code for desk in history])
    assert both == service_indicators(*MARCH)
    assert service_indicators(*MARCH, agency_codes=[]).payments == 0


def test_the_period_is_made_of_whole_local_days(db):
    desk = make_desk()
    paid(desk, local(2021, 3, 31, 23))  # 16:00 UTC on 31/03
    paid(desk, local(2021, 4, 1, 0))  # 17:00 UTC on 31/03, but 1 April in Hà Giang
    paid(desk, local(2021, 2, 28, 23))

    assert service_indicators(*MARCH).counter_payments == 1
    assert service_indicators(date(2021, 4, 1), date(2021, 4, 1)).counter_payments == 1
    assert service_indicators(date(2021, 2, 1), date(2021, 4, 30)).counter_payments == 3


def test_without_payments_or_resolved_dossiers_rates_and_averages_are_not_applicable(db):
    indicators = service_indicators(*MARCH)

    assert indicators.online_payment_rate is None and indicators.online_payment_rate_text == "—"
    figures = selectors.summary(*MARCH)
    assert figures.average_processing_days is None and figures.average_processing_days_text == "—"
    assert (indicators.digitised_components, indicators.reused_components, indicators.e_results_issued) == (0, 0, 0)
    assert [row.criterion for row in indicators.satisfaction] == Criterion.values
    assert all(answers(row) == dict.fromkeys(Satisfaction.values, 0) for row in indicators.satisfaction)


def test_indicators_read_a_bounded_number_of_queries(history, django_assert_num_queries):
    with django_assert_num_queries(4):
        service_indicators(*MARCH, level=AgencyLevel.DISTRICT)


@pytest.mark.parametrize(
    ("hours", "dossiers", "expected"),
    [(0, 1, "0,0"), (36, 1, "1,5"), (171, 2, "3,6"), (25, 10, "0,1"), (24 * 1000, 1, "1.000,0")],
)
def test_average_processing_days_are_calendar_days_with_one_decimal(hours, dossiers, expected):
    figures = Summary(resolved=Resolved(on_time=dossiers), processing_minutes=hours * 60)
    assert figures.average_processing_days_text == expected
