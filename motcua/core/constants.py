from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeUnit(models.TextChoices):
    """Units of a legal time limit (`thoi_han_don_vi` of the national catalogue). Rules: docs/decisions/0003."""

    WORKING_DAY = "ngay_lam_viec", _("Ngày làm việc")
    DAY = "ngay", _("Ngày")
    HOUR = "gio", _("Giờ")
    MONTH = "thang", _("Tháng")


class CalendarOverrideKind(models.TextChoices):
    """A deployment's change to the national calendar, e.g. a province's extra day off or a swapped Saturday."""

    DAY_OFF = "ngay_nghi", _("Nghỉ thêm (ngày làm việc thành ngày nghỉ)")
    WORKING_DAY = "ngay_lam_viec", _("Làm bù (ngày nghỉ thành ngày làm việc)")


class NotificationStatus(models.TextChoices):
    """What became of an e-mail to an applicant (core.mail.send_once logs it per event)."""

    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi lỗi")
