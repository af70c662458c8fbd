from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.feedback.constants import COMMENT_MAX, Criterion, Satisfaction


def _unsatisfied_anywhere() -> Q:
    condition = Q()
    for criterion in Criterion.values:
        condition |= Q(**{criterion: Satisfaction.UNSATISFIED})
    return condition


class Rating(models.Model):
    """The applicant's satisfaction with one returned dossier. Written only by `feedback.services`."""

    dossier = models.OneToOneField("dossiers.Dossier", models.CASCADE, related_name="+", verbose_name=_("hồ sơ"))
    # Copied from the dossier so the monitor's list and the reports filter by agency without a join.
    agency = models.ForeignKey(
        "organization.Agency", models.PROTECT, related_name="+", verbose_name=_("cơ quan tiếp nhận")
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("người đánh giá")
    )
    overall = models.CharField(_("đánh giá chung"), max_length=16, choices=Satisfaction.choices)
    convenience = models.CharField(_("sự thuận tiện"), max_length=16, choices=Satisfaction.choices)
    on_time = models.CharField(_("đúng hẹn"), max_length=16, choices=Satisfaction.choices)
    staff_attitude = models.CharField(_("thái độ cán bộ"), max_length=16, choices=Satisfaction.choices)
    comment = models.TextField(_("ý kiến khác"), max_length=COMMENT_MAX, blank=True)
    # An unhappy answer on any criterion puts the dossier on the monitor's list.
    needs_attention = models.BooleanField(_("cần giám sát xem xét"), default=False)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá mức độ hài lòng")
        verbose_name_plural = _("đánh giá mức độ hài lòng")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "needs_attention"], name="feedback_agency_attention"),
            # Statistics count the ratings given in a period.
            models.Index(fields=["created_at"], name="feedback_rating_created"),
        ]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{criterion}__in": Satisfaction.values}), name=f"feedback_{criterion}_known"
                )
                for criterion in Criterion.values
            ),
            models.CheckConstraint(
                condition=(Q(needs_attention=True) & _unsatisfied_anywhere())
                | (Q(needs_attention=False) & ~_unsatisfied_anywhere()),
                name="feedback_attention_when_unsatisfied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_overall_display()}"
