from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.constants import ServiceLevel
from motcua.catalog.tests.factories import OfferingFactory, ProcedureFactory
from motcua.dossiers.constants import Channel
from motcua.dossiers.tests.factories import make_desk
from motcua.reports import services
from motcua.reports.constants import Outcome
from motcua.reports.tests.factories import local, make_cast
from motcua.reports.tests.indicator_factories import components, paid

URL = "/api/v1/stats/summary"


@pytest.fixture
def history(db, django_capture_on_commit_callbacks):
    cast = make_cast()
    plans = [
        services.DossierPlan(Channel.ONLINE, Outcome.RETURNED, local(2021, 1, 11), pace=0.3),
        services.DossierPlan(Channel.DIRECT, Outcome.RETURNED, local(2021, 2, 1), pace=3),
        services.DossierPlan(Channel.POSTAL, Outcome.PROCESSING, local(2021, 2, 3)),
        services.DossierPlan(Channel.ONLINE, Outcome.REFUSED, local(2021, 3, 1)),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for plan in plans:
            services.play(plan, cast)
    return cast


def test_summary_has_the_shape_interfaces_md_names(client, history):
    body = client.get(URL, {"from": "2021-01-01", "to": "2021-01-31"}).json()
    assert body["received"] == {"online": 1, "direct": 0, "postal": 0, "carried_over": 0}
    assert body["resolved"] == {"early": 1, "on_time": 0, "late": 0}
    assert body["pending"] == {"in_time": 0, "overdue": 0}
    assert body["online_rate"] == 100
    assert set(body["service_level_coverage"]) >= {"level34", "total"}


def test_summary_carries_over_and_finds_late_and_overdue_dossiers(client, history):
    body = client.get(URL, {"from": "01/02/2021", "to": "31/03/2021"}).json()
    assert body["received"] == {"online": 1, "direct": 1, "postal": 1, "carried_over": 0}
    assert body["resolved"]["late"] == 1
    assert body["pending"] == {"in_time": 0, "overdue": 1}
    assert body["refused"] == 1
    assert body["online_rate_text"] == "33,33%"


def test_summary_filters_by_level_and_agency(client, history):
    period = {"from": "2021-01-01", "to": "2021-12-31"}
    assert client.get(URL, {**period, "level": "xa"}).json()["received"]["online"] == 0
    by_agency = client.get(URL, {**period, "agency": history.agency.code}).json()
    assert by_agency["received"]["online"] == 2
    assert by_agency["agency"] == history.agency.code


def test_coverage_is_that_of_the_procedures_offered_at_the_chosen_agency_or_level(client, history):
    other = make_desk()
    OfferingFactory(agency=other.agency, procedure=ProcedureFactory(service_level=ServiceLevel.FORMS))
    period = {"from": "2021-01-01", "to": "2021-12-31"}
    chosen = client.get(URL, {**period, "agency": other.agency.code}).json()["service_level_coverage"]
    assert (chosen["level34"], chosen["total"]) == (1, 2)
    communes = client.get(URL, {**period, "level": "xa"}).json()["service_level_coverage"]
    assert (communes["level34"], communes["total"]) == (0, 0)


def test_default_period_is_the_year_of_the_latest_figures(client, history):
    body = client.get(URL).json()
    assert body["period"] == {"date_from": "2021-01-01", "date_to": "2021-12-31"}
    assert body["received"]["direct"] == 1


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"from": "2021-02-30"}, "invalid_date"),
        ({"to": "hôm qua"}, "invalid_date"),
        ({"from": "2021-05-01", "to": "2021-04-01"}, "invalid_period"),
        ({"from": "1900-01-01", "to": "2021-04-01"}, "invalid_period"),
        ({"level": "quan"}, "invalid_level"),
        ({"agency": "000.00.00.Z99"}, "unknown_agency"),
        ({"agency": "\x00<script>"}, "unknown_agency"),
    ],
)
def test_bad_queries_get_a_vietnamese_json_error(client, db, query, code):
    response = client.get(URL, query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"] and error["message"].isascii() is False


def test_an_empty_database_answers_zeros(client, db):
    body = client.get(URL, {"from": "2021-01-01", "to": "2021-12-31"}).json()
    assert body["received"]["carried_over"] == 0
    assert body["online_rate"] is None
    assert body["online_rate_text"] == "0%"
    assert body["period"]["date_from"] == str(date(2021, 1, 1))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date_from=st.text(max_size=20), level=st.text(max_size=8), agency=st.text(max_size=40))
def test_no_query_string_makes_the_summary_fail(client, db, date_from, level, agency):
    response = client.get(URL, {"from": date_from, "level": level, "agency": agency})
    assert response.status_code in (200, 400)
    assert ("error" in response.json()) == (response.status_code == 400)


def test_summary_adds_the_service_indicators_of_the_period_and_scope(client, db):
    desk = make_desk()
    paid(desk, local(2021, 3, 4))
    components(desk, local(2021, 3, 10))
    march = {"from": "2021-03-01", "to": "2021-03-31"}

    indicators = client.get(URL, {**march, "agency": desk.agency.code}).json()["indicators"]

    assert indicators["online_payments"] == {"online": 0, "total": 1, "rate": 0, "text": "0%"}
    assert indicators["components"] == {"digitised": 2, "reused": 1}
    assert indicators["e_results_issued"] == 0
    assert indicators["satisfaction"]["overall"] == {"very_satisfied": 0, "satisfied": 0, "unsatisfied": 0}
    assert indicators["processing_time"] == {"resolved": 0, "average_days": None, "text": "—"}
    communes = client.get(URL, {**march, "level": "xa"}).json()["indicators"]
    assert communes["online_payments"] == {"online": 0, "total": 0, "rate": None, "text": "—"}
    assert communes["components"] == {"digitised": 0, "reused": 0}
