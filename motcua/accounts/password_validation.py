"""Password rules with Vietnamese messages where Django's own Vietnamese catalogue has none."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    # Django's Vietnamese catalogue lacks this message since its wording changed in Django 5.0.
    def get_error_message(self):
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
