"""Answers and helpers for rating tests; dossiers come from the dossier factories through the real services."""

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.factories import ApplicantFactory, make_desk, staff
from motcua.feedback.constants import Satisfaction
from motcua.feedback.services import RatingAnswers

HAPPY = RatingAnswers(
    overall=Satisfaction.VERY_SATISFIED,
    convenience=Satisfaction.SATISFIED,
    on_time=Satisfaction.VERY_SATISFIED,
    staff_attitude=Satisfaction.SATISFIED,
)
UNHAPPY_ABOUT_STAFF = RatingAnswers(
    overall=Satisfaction.SATISFIED,
    convenience=Satisfaction.SATISFIED,
    on_time=Satisfaction.SATISFIED,
    staff_attitude=Satisfaction.UNSATISFIED,
    comment="Cán bộ hướng dẫn chưa rõ ràng.",
)


def returned_dossier(desk, citizen=None):
    return dossier_services.do_return_result(desk.clerk, desk.resolved(citizen), recipient_name="Nguyễn Văn An")


def form_data(answers: RatingAnswers) -> dict:
    return {
        "overall": answers.overall,
        "convenience": answers.convenience,
        "on_time": answers.on_time,
        "staff_attitude": answers.staff_attitude,
        "comment": answers.comment,
    }


__all__ = ["HAPPY", "UNHAPPY_ABOUT_STAFF", "ApplicantFactory", "form_data", "make_desk", "returned_dossier", "staff"]
