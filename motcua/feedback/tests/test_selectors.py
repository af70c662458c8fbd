from datetime import datetime
from unittest import mock

import pytest
from django.utils import timezone

from motcua.dossiers.models import Dossier
from motcua.feedback import selectors, services
from motcua.feedback.constants import Criterion, Satisfaction
from motcua.feedback.tests.factories import HAPPY, UNHAPPY_ABOUT_STAFF, ApplicantFactory, make_desk, returned_dossier
from motcua.organization.constants import AgencyLevel
from motcua.organization.models import Agency

pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


MARCH, APRIL = _at(2021, 3, 1, 0), _at(2021, 4, 1, 0)


def _rated_at(desk, answers, moment):
    dossier = returned_dossier(desk)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        services.rate_as_applicant(desk.citizen, dossier, answers)


def test_satisfaction_in_period_counts_every_criterion_and_answer_in_one_query(desk, django_assert_num_queries):
    district = make_desk()
    Agency.objects.filter(pk=district.agency.pk).update(level=AgencyLevel.DISTRICT)
    _rated_at(desk, HAPPY, MARCH)
    _rated_at(desk, UNHAPPY_ABOUT_STAFF, _at(2021, 3, 31, 23, 59))
    _rated_at(desk, UNHAPPY_ABOUT_STAFF, APRIL)
    _rated_at(district, HAPPY, _at(2021, 3, 15))

    with django_assert_num_queries(1):
        province = selectors.satisfaction_in_period(MARCH, APRIL, level=AgencyLevel.PROVINCE)

    assert province == {
        Criterion.OVERALL: {Satisfaction.VERY_SATISFIED: 1, Satisfaction.SATISFIED: 1, Satisfaction.UNSATISFIED: 0},
        Criterion.CONVENIENCE: {Satisfaction.VERY_SATISFIED: 0, Satisfaction.SATISFIED: 2, Satisfaction.UNSATISFIED: 0},
        Criterion.ON_TIME: {Satisfaction.VERY_SATISFIED: 1, Satisfaction.SATISFIED: 1, Satisfaction.UNSATISFIED: 0},
        Criterion.STAFF_ATTITUDE: {
            Satisfaction.VERY_SATISFIED: 0,
            Satisfaction.SATISFIED: 1,
            Satisfaction.UNSATISFIED: 1,
        },
    }
    everywhere = selectors.satisfaction_in_period(MARCH, APRIL)
    assert everywhere[Criterion.OVERALL] == {"very_satisfied": 2, "satisfied": 1, "unsatisfied": 0}
    by_agency = selectors.satisfaction_in_period(MARCH, APRIL, agency_codes=[district.agency.code])
    assert by_agency[Criterion.STAFF_ATTITUDE] == {"very_satisfied": 0, "satisfied": 1, "unsatisfied": 0}
    after = selectors.satisfaction_in_period(APRIL, _at(2021, 4, 2, 0))
    assert after[Criterion.STAFF_ATTITUDE][Satisfaction.UNSATISFIED] == 1
    assert sum(after[Criterion.OVERALL].values()) == 1


def test_ratings_by_dossier_gives_each_rated_dossier_its_own_rating_and_leaves_out_the_unrated(desk, returned):
    other_citizen = ApplicantFactory()
    other = returned_dossier(desk, other_citizen)
    unrated = returned_dossier(desk)
    happy = services.rate_as_applicant(desk.citizen, returned, HAPPY)
    unhappy = services.rate_as_applicant(other_citizen, other, UNHAPPY_ABOUT_STAFF)

    ratings = selectors.ratings_by_dossier([returned.pk, other.pk, unrated.pk])

    assert ratings == {returned.pk: happy, other.pk: unhappy}


def test_ratings_by_dossier_takes_a_subquery_of_dossier_ids(desk, returned, django_assert_num_queries):
    rating = services.rate_as_applicant(desk.citizen, returned, HAPPY)
    dossier_ids = Dossier.objects.filter(pk=returned.pk).values("pk")

    with django_assert_num_queries(1):
        assert selectors.ratings_by_dossier(dossier_ids) == {returned.pk: rating}
