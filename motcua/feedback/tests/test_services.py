import dataclasses

import pytest
from django.db import IntegrityError

from motcua.feedback import selectors, services
from motcua.feedback.constants import Satisfaction
from motcua.feedback.errors import RatingError
from motcua.feedback.models import Rating
from motcua.feedback.tests.factories import HAPPY, UNHAPPY_ABOUT_STAFF, ApplicantFactory, make_desk, returned_dossier

pytestmark = pytest.mark.django_db


def test_the_applicant_rates_a_returned_dossier(desk, returned):
    rating = services.rate_as_applicant(desk.citizen, returned, HAPPY)

    assert selectors.rating_of(returned) == rating
    assert (rating.overall, rating.staff_attitude) == (Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED)
    assert rating.agency == desk.agency
    assert not rating.needs_attention


def test_a_dossier_not_yet_returned_cannot_be_rated(desk):
    dossier = desk.resolved()

    with pytest.raises(RatingError) as refused:
        services.rate_as_applicant(desk.citizen, dossier, HAPPY)

    assert refused.value.code == "not_returned"
    assert "trả kết quả" in refused.value.message
    assert not Rating.objects.exists()


def test_a_dossier_is_rated_once(desk, returned):
    services.rate_as_applicant(desk.citizen, returned, HAPPY)

    with pytest.raises(RatingError) as refused:
        services.rate_as_applicant(desk.citizen, returned, UNHAPPY_ABOUT_STAFF)

    assert refused.value.code == "already_rated"
    assert Rating.objects.get().overall == HAPPY.overall


def test_the_database_refuses_a_second_rating_of_a_dossier(desk, returned):
    first = services.rate_as_applicant(desk.citizen, returned, HAPPY)

    with pytest.raises(IntegrityError):
        Rating.objects.create(
            dossier_id=returned.pk,
            agency=first.agency,
            rater=desk.citizen,
            overall=Satisfaction.SATISFIED,
            convenience=Satisfaction.SATISFIED,
            on_time=Satisfaction.SATISFIED,
            staff_attitude=Satisfaction.SATISFIED,
        )


def test_only_the_applicant_rates(desk, returned):
    for someone_else in (ApplicantFactory(), desk.clerk):
        with pytest.raises(RatingError) as refused:
            services.rate_as_applicant(someone_else, returned, HAPPY)
        assert refused.value.code == "not_applicant"
    assert not Rating.objects.exists()


def test_an_answer_off_the_scale_is_refused(desk, returned):
    with pytest.raises(RatingError):
        services.rate_as_applicant(desk.citizen, returned, dataclasses.replace(HAPPY, on_time="tuyet_voi"))

    assert not Rating.objects.exists()


def test_an_unhappy_answer_flags_the_dossier_for_its_agencys_monitor(desk, returned):
    rating = services.rate_as_applicant(desk.citizen, returned, UNHAPPY_ABOUT_STAFF)
    elsewhere = make_desk()

    assert rating.needs_attention
    assert list(selectors.flagged_for_monitor()) == [rating]
    assert list(selectors.flagged_for_monitor(desk.agency)) == [rating]
    assert list(selectors.flagged_for_monitor([desk.agency])) == [rating]
    assert not selectors.flagged_for_monitor(elsewhere.agency).exists()


def test_a_happy_rating_is_not_flagged(desk, returned):
    services.rate_as_applicant(desk.citizen, returned, HAPPY)

    assert not selectors.flagged_for_monitor().exists()


def test_the_distribution_counts_every_level_of_every_criterion(desk):
    services.rate_as_applicant(desk.citizen, returned_dossier(desk), HAPPY)
    services.rate_as_applicant(desk.citizen, returned_dossier(desk), UNHAPPY_ABOUT_STAFF)

    distribution = selectors.satisfaction_distribution(desk.agency)

    assert distribution["overall"] == {"very_satisfied": 1, "satisfied": 1, "unsatisfied": 0}
    assert distribution["staff_attitude"] == {"very_satisfied": 0, "satisfied": 1, "unsatisfied": 1}
    assert selectors.satisfaction_distribution(make_desk().agency)["overall"] == {
        "very_satisfied": 0,
        "satisfied": 0,
        "unsatisfied": 0,
    }


def test_the_signed_link_rates_as_the_applicant(desk, returned):
    rating = services.rate_by_link(services.rating_link_token(returned), HAPPY)

    assert rating.rater == desk.citizen
    assert selectors.rating_of(returned) == rating


def test_a_comment_with_a_nul_character_is_refused(desk, returned):
    with pytest.raises(RatingError):
        services.rate_as_applicant(desk.citizen, returned, dataclasses.replace(HAPPY, comment="Tốt\x00"))

    assert not Rating.objects.exists()
