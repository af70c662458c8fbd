"""Vocabulary of the satisfaction rating (Circular 32/2017/TT-BTTTT scale)."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Rất hài lòng")
    SATISFIED = "satisfied", _("Hài lòng")
    UNSATISFIED = "unsatisfied", _("Chưa hài lòng")


class Criterion(models.TextChoices):
    """The rated aspects; the values are the Rating fields that hold them."""

    OVERALL = "overall", _("Đánh giá chung")
    CONVENIENCE = "convenience", _("Sự thuận tiện khi thực hiện thủ tục")
    ON_TIME = "on_time", _("Thời gian giải quyết đúng hẹn")
    STAFF_ATTITUDE = "staff_attitude", _("Thái độ của cán bộ, công chức")


COMMENT_MAX = 2000
# A rating link stays valid this long after it was made (it is sent with the notification of the return).
RATING_LINK_MAX_AGE = timedelta(days=30)
RATING_LINK_SALT = "motcua.feedback.rating-link"
