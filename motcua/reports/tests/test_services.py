import importlib
import io
from datetime import date, timedelta

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers.constants import Channel
from motcua.dossiers.models import DossierEvent
from motcua.organization.constants import AgencyLevel
from motcua.reports import selectors, services
from motcua.reports.constants import ONLINE_ONLY_OUTCOMES, Outcome
from motcua.reports.models import DailyCounter, DueCounter, MonthlyCounter, MonthlyDueCounter
from motcua.reports.tests import brute_force
from motcua.reports.tests.factories import local, make_cast, make_casts

FIRST_DAY = date(2021, 3, 1)

plans = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.sampled_from(Channel.values),
        st.sampled_from(Outcome.values),
        st.integers(0, 45),
        st.sampled_from([0.05, 0.5, 0.99, 1.0, 1.5, 3.0]),
        st.integers(1, 6),
    ),
    min_size=1,
    max_size=8,
)
periods = st.lists(st.tuples(st.integers(0, 70), st.integers(0, 40)), min_size=1, max_size=3)
# Periods that start and end on month boundaries, just after or just before them, in the months of the plans.
month_edges = st.tuples(
    st.integers(2, 6), st.sampled_from([1, 2, 16]), st.integers(0, 3), st.sampled_from(["last", "second_last", 14])
)


def edge_period(edges) -> tuple[date, date]:
    first_month, first_day, months, last_day = edges
    date_from = date(2021, first_month, first_day)
    following = date(2021, first_month + months + 1, 1)
    month_end = following - timedelta(days=1)
    date_to = {"last": month_end, "second_last": month_end - timedelta(days=1)}.get(last_day) or following.replace(
        month=following.month - 1, day=last_day
    )
    return date_from, max(date_to, date_from)


def played(casts, plan_rows):
    for cast_index, channel, outcome, start_day, pace, wait_days in plan_rows:
        if channel == Channel.DIRECT and outcome in ONLINE_ONLY_OUTCOMES:
            outcome = Outcome.PROCESSING
        plan = services.DossierPlan(
            channel=channel,
            outcome=outcome,
            start=local(2021, 3, 1, 8) + timedelta(days=start_day, minutes=37 * cast_index),
            pace=pace,
            wait_days=wait_days,
        )
        services.play(plan, casts[cast_index])


def period(offsets):
    start, length = offsets
    return FIRST_DAY + timedelta(days=start), FIRST_DAY + timedelta(days=start + length)


def balance(summary) -> tuple[int, int]:
    """carried over + received, and resolved + pending + withdrawn + refused + stopped."""
    leaving = summary.resolved.total + summary.pending.total + summary.withdrawn + summary.refused + summary.stopped
    return summary.received.total, leaving


def add_summaries(summaries):
    totals = {}
    for summary in summaries:
        for key, value in brute_force.engine_figures(summary).items():
            totals[key] = totals.get(key, 0) + value
    return totals


@pytest.fixture
def casts(db):
    return make_casts()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan_rows=plans, period_offsets=periods)
def test_counters_kept_by_the_signal_match_a_brute_force_count_of_the_events(
    casts, django_capture_on_commit_callbacks, plan_rows, period_offsets
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            played(casts, plan_rows)
        stories = brute_force.stories()
        for offsets in period_offsets:
            date_from, date_to = period(offsets)
            total = selectors.summary(date_from, date_to)
            assert brute_force.engine_figures(total) == brute_force.figures(stories, date_from, date_to)
            assert balance(total)[0] == balance(total)[1]
            by_agency = selectors.summary_by_agency(date_from, date_to)
            assert add_summaries(row.summary for row in by_agency) == brute_force.engine_figures(total)
            assert add_summaries(selectors.summary_by_level(date_from, date_to).values()) == (
                brute_force.engine_figures(total)
            )
            for row in by_agency:
                assert balance(row.summary)[0] == balance(row.summary)[1]
                assert brute_force.engine_figures(row.summary) == brute_force.figures(
                    stories, date_from, date_to, agency_code=row.code
                )
            for level in AgencyLevel.values:
                assert brute_force.engine_figures(
                    selectors.summary(date_from, date_to, level=level)
                ) == brute_force.figures(stories, date_from, date_to, level=level)
        transaction.set_rollback(True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan_rows=plans, edges=st.lists(month_edges, min_size=1, max_size=3))
def test_periods_of_whole_months_and_odd_days_match_a_brute_force_count(
    casts, django_capture_on_commit_callbacks, plan_rows, edges
):
    """Whole months are read from the monthly roll-ups and odd days from the daily counters: any mix agrees with
    the events, per agency and month by month."""
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            played(casts, plan_rows)
        stories = brute_force.stories()
        for date_from, date_to in map(edge_period, edges):
            assert brute_force.engine_figures(selectors.summary(date_from, date_to)) == brute_force.figures(
                stories, date_from, date_to
            )
            for row in selectors.summary_by_agency(date_from, date_to):
                assert brute_force.engine_figures(row.summary) == brute_force.figures(
                    stories, date_from, date_to, agency_code=row.code
                )
            for month in selectors.monthly_trend(date_from, date_to):
                first = max(month.month, date_from)
                last = min((month.month + timedelta(days=32)).replace(day=1) - timedelta(days=1), date_to)
                assert brute_force.engine_figures(month.summary) == brute_force.figures(stories, first, last)
        transaction.set_rollback(True)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan_rows=plans, offsets=st.tuples(st.integers(0, 70), st.integers(0, 40)))
def test_rebuild_from_the_event_log_gives_the_counters_the_signal_kept(
    casts, django_capture_on_commit_callbacks, plan_rows, offsets
):
    with transaction.atomic():
        with django_capture_on_commit_callbacks(execute=True):
            played(casts, plan_rows)
        date_from, date_to = period(offsets)
        kept = selectors.summary(date_from, date_to)
        kept_rows = counter_rows()
        services.rebuild_counters()
        assert counter_rows() == kept_rows
        assert selectors.summary(date_from, date_to) == kept
        transaction.set_rollback(True)


def counter_rows():
    daily = set(
        DailyCounter.objects.exclude(count=0).values_list("day", "agency", "procedure", "channel", "metric", "count")
    )
    due = set(
        DueCounter.objects.exclude(count=0).values_list("day", "due_day", "agency", "procedure", "channel", "count")
    )
    monthly = set(MonthlyCounter.objects.exclude(count=0).values_list("month", "agency", "field", "metric", "count"))
    monthly_due = set(
        MonthlyDueCounter.objects.exclude(count=0).values_list("month", "due_month", "agency", "field", "count")
    )
    return daily, due, monthly, monthly_due


def test_the_migration_rolls_up_counters_kept_before_the_monthly_counters_existed(
    db, django_capture_on_commit_callbacks
):
    cast = make_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.play(services.DossierPlan(Channel.ONLINE, Outcome.PROCESSING, local(2021, 3, 30)), cast)
        services.play(services.DossierPlan(Channel.DIRECT, Outcome.RETURNED, local(2021, 4, 2)), cast)
    kept = counter_rows()
    MonthlyCounter.objects.all().delete()
    MonthlyDueCounter.objects.all().delete()
    rollups = importlib.import_module("motcua.reports.migrations.0002_monthly_rollups")
    rollups.roll_up_existing_counters(django_apps, None)
    assert counter_rows() == kept


def test_a_replayed_event_is_counted_once(db, django_capture_on_commit_callbacks):
    cast = make_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.play(services.DossierPlan(Channel.ONLINE, Outcome.RETURNED, local(2021, 3, 2)), cast)
    before = counter_rows()
    replayed = [services.count_event(event) for event in DossierEvent.objects.all()]
    assert not any(replayed)
    assert counter_rows() == before
    figures = selectors.summary(date(2021, 3, 1), date(2021, 3, 31))
    assert (figures.received.online, figures.resolved.total, figures.pending.total) == (1, 1, 0)


def test_a_dossier_counts_once_in_a_period_however_many_events_it_has(db, django_capture_on_commit_callbacks):
    cast = make_cast()
    plan = services.DossierPlan(Channel.POSTAL, Outcome.PAID_PROCESSING, local(2021, 3, 2), wait_days=4)
    with django_capture_on_commit_callbacks(execute=True):
        services.play(plan, cast)
    figures = selectors.summary(date(2021, 3, 1), date(2021, 12, 31))
    assert figures.received.new == figures.received.postal == 1
    assert figures.pending.total == 1


def test_an_open_dossier_past_its_appointment_is_overdue_and_carried_into_the_next_month(
    db, django_capture_on_commit_callbacks
):
    cast = make_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.play(services.DossierPlan(Channel.DIRECT, Outcome.PROCESSING, local(2021, 3, 1)), cast)
    march = selectors.summary(date(2021, 3, 1), date(2021, 3, 31))
    first_days = selectors.summary(date(2021, 3, 1), date(2021, 3, 2))
    april = selectors.summary(date(2021, 4, 1), date(2021, 4, 30))
    assert (march.pending.overdue, first_days.pending.in_time) == (1, 1)
    assert (april.received.carried_over, april.received.new, april.pending.overdue) == (1, 0, 1)


def test_a_late_result_is_counted_late(db, django_capture_on_commit_callbacks):
    cast = make_cast(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.play(services.DossierPlan(Channel.DIRECT, Outcome.RESOLVED, local(2021, 3, 1), pace=3), cast)
    assert selectors.summary(date(2021, 3, 1), date(2021, 3, 31)).resolved.late == 1


def test_rebuild_command_recounts_counters_lost_or_never_kept(db, django_capture_on_commit_callbacks):
    cast = make_cast()
    with django_capture_on_commit_callbacks(execute=True):
        services.play(services.DossierPlan(Channel.ONLINE, Outcome.WITHDRAWN, local(2021, 3, 2)), cast)
    kept = counter_rows()
    DailyCounter.objects.all().delete()
    output = io.StringIO()
    call_command("rebuild_statistics", stdout=output)
    assert counter_rows() == kept
    assert "từ 3 sự kiện" in output.getvalue()  # submit, accept (appointment), withdraw
    assert selectors.summary(date(2021, 3, 1), date(2021, 3, 31)).withdrawn == 1
