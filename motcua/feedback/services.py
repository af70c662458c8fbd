"""Writes of the satisfaction rating (Circular 32/2017): one rating per returned dossier, by its applicant.

    rate_as_applicant(user, dossier, answers) -> Rating      from "Hồ sơ của tôi"
    rate_by_link(token, answers) -> Rating                  from the signed link of a notification
    rating_link_token(dossier) -> str                       the token of that link (expires, see constants)
    rating_link_url(dossier) -> str                         the absolute link, for a notification

An unhappy answer on any criterion marks the rating `needs_attention`: the monitor's list
(`selectors.flagged_for_monitor`). RatingError (`.code`, Vietnamese `.message`) means nothing was written.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.core.text import nfc
from motcua.dossiers.constants import DossierStatus
from motcua.feedback import selectors
from motcua.feedback.constants import COMMENT_MAX, RATING_LINK_SALT, Criterion, Satisfaction
from motcua.feedback.errors import RatingError
from motcua.feedback.models import Rating

__all__ = [
    "RatingAnswers",
    "RatingError",
    "rate_as_applicant",
    "rate_by_link",
    "rating_link_token",
    "rating_link_url",
]


@dataclass(frozen=True)
class RatingAnswers:
    overall: str
    convenience: str
    on_time: str
    staff_attitude: str
    comment: str = ""


def rating_link_token(dossier) -> str:
    return signing.dumps({"dossier": dossier.pk, "applicant": dossier.applicant_id}, salt=RATING_LINK_SALT)


def rating_link_url(dossier) -> str:
    return f"{settings.MOTCUA_PUBLIC_URL}{reverse('feedback:rate-by-link', args=[rating_link_token(dossier)])}"


def _clean(answers: RatingAnswers) -> dict:
    values = {criterion: getattr(answers, criterion) for criterion in Criterion.values}
    if any(value not in Satisfaction.values for value in values.values()):
        raise RatingError(_("Vui lòng chọn mức độ hài lòng cho từng tiêu chí."), code="invalid")
    comment = nfc(answers.comment or "").strip()
    if "\x00" in comment:
        raise RatingError(_("Ý kiến khác chứa ký tự không hợp lệ."), code="invalid")
    if len(comment) > COMMENT_MAX:
        raise RatingError(_("Ý kiến khác dài quá %(max)s ký tự.") % {"max": COMMENT_MAX}, code="invalid")
    return {**values, "comment": comment}


def _record(dossier, rater, answers: RatingAnswers) -> Rating:
    if rater is None or dossier.applicant_id != rater.pk:
        raise RatingError(_("Chỉ người nộp hồ sơ mới được đánh giá."), code="not_applicant")
    if dossier.status != DossierStatus.RETURNED:
        raise RatingError(_("Chỉ đánh giá được sau khi hồ sơ đã được trả kết quả."), code="not_returned")
    values = _clean(answers)
    if selectors.rating_of(dossier) is not None:
        raise RatingError(_("Hồ sơ này đã được đánh giá."), code="already_rated")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                dossier_id=dossier.pk,
                agency_id=dossier.receiving_agency_id,
                rater=rater,
                needs_attention=Satisfaction.UNSATISFIED in (values[criterion] for criterion in Criterion.values),
                **values,
            )
    except IntegrityError as error:
        # The one-rating-per-dossier constraint: a second submission raced the first.
        raise RatingError(_("Hồ sơ này đã được đánh giá."), code="already_rated") from error


def rate_as_applicant(user, dossier, answers: RatingAnswers) -> Rating:
    return _record(dossier, user, answers)


def rate_by_link(token: str, answers: RatingAnswers) -> Rating:
    dossier = selectors.dossier_for_link(token)
    return _record(dossier, dossier.applicant, answers)
