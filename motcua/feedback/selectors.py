"""Reads of the satisfaction rating: a dossier's rating, the monitor's list, the distribution for reports."""

from collections.abc import Collection, Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from motcua.dossiers import selectors as dossier_selectors
from motcua.feedback.constants import RATING_LINK_MAX_AGE, RATING_LINK_SALT, Criterion, Satisfaction
from motcua.feedback.errors import RatingError
from motcua.feedback.models import Rating
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole

__all__ = [
    "dossier_for_link",
    "flagged_for_monitor",
    "monitor_agencies",
    "rating_of",
    "ratings_by_dossier",
    "satisfaction_distribution",
    "satisfaction_in_period",
]


def rating_of(dossier) -> Rating | None:
    return Rating.objects.filter(dossier_id=dossier.pk).first()


def ratings_by_dossier(dossier_ids) -> dict[int, Rating]:
    """The ratings of many dossiers in one query, by dossier id; unrated dossiers are absent. `dossier_ids` may be
    a queryset of ids (a subquery), so a year of dossiers need not travel to Python and back."""
    return {rating.dossier_id: rating for rating in Rating.objects.filter(dossier_id__in=dossier_ids)}


def dossier_for_link(token: str):
    """The dossier a rating link names. RatingError "expired" for an old link; Http404 for a forged one."""
    try:
        claims = signing.loads(token, salt=RATING_LINK_SALT, max_age=RATING_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise RatingError(
            _("Liên kết đánh giá đã hết hạn. Bạn vẫn có thể đánh giá trong mục “Hồ sơ của tôi”."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise Http404(_("Liên kết đánh giá không hợp lệ.")) from error
    applicant = get_user_model().objects.filter(pk=claims.get("applicant")).first()
    if applicant is None:
        raise Http404(_("Liên kết đánh giá không hợp lệ."))
    return dossier_selectors.get_dossier_for(applicant, claims.get("dossier"))


def _for_agencies(ratings: QuerySet[Rating], agency) -> QuerySet[Rating]:
    if agency is None:
        return ratings
    if isinstance(agency, Iterable) and not isinstance(agency, str):
        return ratings.filter(agency__in=agency)
    return ratings.filter(agency=agency)


def flagged_for_monitor(agency=None) -> QuerySet[Rating]:
    """Unhappy ratings, newest first; `agency` is one agency, several, or None for all."""
    ratings = Rating.objects.filter(needs_attention=True).select_related("dossier__procedure", "agency")
    return _for_agencies(ratings, agency)


def monitor_agencies(user):
    return organization.agencies_where(user, StaffRole.MONITOR)


def satisfaction_distribution(agency=None) -> dict[str, dict[str, int]]:
    """{criterion: {level: number of ratings}} with every criterion and level present (zeros included)."""
    ratings = _for_agencies(Rating.objects.all(), agency)
    distribution = {}
    for criterion in Criterion.values:
        counts = dict(ratings.order_by().values_list(criterion).annotate(total=Count("pk")))
        distribution[criterion] = {level: counts.get(level, 0) for level in Satisfaction.values}
    return distribution


def satisfaction_in_period(
    since: datetime, until: datetime, *, level: str | None = None, agency_codes: Collection[str] | None = None
) -> dict[str, dict[str, int]]:
    """{criterion: {satisfaction: number of ratings}} of the ratings given in [since, until), every criterion and
    satisfaction present (zeros included), in one query. `level` and `agency_codes` are the receiving agency's."""
    ratings = Rating.objects.filter(created_at__gte=since, created_at__lt=until)
    if level:
        ratings = ratings.filter(agency__level=level)
    if agency_codes is not None:
        ratings = ratings.filter(agency__code__in=agency_codes)
    counts = ratings.aggregate(
        **{
            f"{criterion}:{answer}": Count("pk", filter=Q(**{criterion: answer}))
            for criterion in Criterion.values
            for answer in Satisfaction.values
        }
    )
    return {
        criterion: {answer: counts[f"{criterion}:{answer}"] for answer in Satisfaction.values}
        for criterion in Criterion.values
    }
