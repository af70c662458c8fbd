from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import AccountKind, Gender
from motcua.accounts.validators import normalise_identifier


class User(AbstractUser):
    """One account type for citizens, businesses and staff; `kind` tells them apart.

    Citizens log in with their CCCD number, businesses with their tax code, staff with a username; the
    `username` column holds that identifier so Django's auth machinery works unchanged.
    """

    # Staff is the default so that `createsuperuser` and other low-level creation make a valid row; citizens and
    # businesses are only created by the services, which always name their kind.
    kind = models.CharField(_("loại tài khoản"), max_length=16, choices=AccountKind.choices, default=AccountKind.STAFF)
    full_name = models.CharField(_("họ và tên / tên tổ chức"), max_length=255, blank=True)
    cccd = models.CharField(_("số CCCD/định danh"), max_length=12, null=True, blank=True, unique=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, null=True, blank=True, unique=True)
    representative = models.CharField(_("người đại diện theo pháp luật"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        constraints = [
            models.CheckConstraint(
                condition=Q(cccd__isnull=True) | Q(cccd__regex=r"^[0-9]{12}$"),
                name="user_cccd_twelve_digits",
                violation_error_message=_("Số CCCD phải gồm đúng 12 chữ số."),
            ),
            models.CheckConstraint(
                condition=Q(tax_code__isnull=True) | Q(tax_code__regex=r"^[0-9]{10}(-[0-9]{3})?$"),
                name="user_tax_code_written_form",
                violation_error_message=_("Mã số thuế phải có dạng 0100109106 hoặc 0100109106-001."),
            ),
            models.CheckConstraint(
                condition=Q(phone="") | Q(phone__regex=r"^0[35789][0-9]{8}$"),
                name="user_phone_mobile",
                violation_error_message=_("Số điện thoại phải là số di động 10 chữ số, ví dụ 0912345678."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=AccountKind.CITIZEN) | Q(cccd__isnull=False, username=F("cccd")),
                name="user_citizen_logs_in_with_cccd",
                violation_error_message=_("Tài khoản công dân phải có số CCCD, dùng làm tên đăng nhập."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=AccountKind.BUSINESS) | Q(tax_code__isnull=False, username=F("tax_code")),
                name="user_business_logs_in_with_tax_code",
                violation_error_message=_(
                    "Tài khoản tổ chức, doanh nghiệp phải có mã số thuế, dùng làm tên đăng nhập."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @classmethod
    def normalize_username(cls, username):
        # Django calls this in create_user, createsuperuser and admin forms: every way of creating an account
        # then stores the identifier in the form login looks it up (lower-case username, CCCD without spaces …).
        return normalise_identifier(super().normalize_username(username))
