from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.constants import AccountKind


class User(AbstractUser):
    """One account type for citizens, businesses and staff; `kind` tells them apart.

    Citizens log in with their CCCD number, businesses with their tax code, staff with a username; the
    `username` column holds that identifier so Django's auth machinery works unchanged.
    """

    kind = models.CharField(_("loại tài khoản"), max_length=16, choices=AccountKind.choices, default=AccountKind.CITIZEN)
    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    cccd = models.CharField(_("số CCCD/định danh"), max_length=12, null=True, blank=True, unique=True)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, null=True, blank=True, unique=True)
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def __str__(self) -> str:
        return self.full_name or self.username
