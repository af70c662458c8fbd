import pytest

from motcua.dossiers.models import Dossier
from motcua.feedback import selectors, services
from motcua.feedback.tests.factories import HAPPY, UNHAPPY_ABOUT_STAFF, ApplicantFactory, returned_dossier

pytestmark = pytest.mark.django_db


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
