from django.contrib.auth.backends import ModelBackend

from motcua.accounts import selectors
from motcua.accounts.models import User
from motcua.accounts.validators import normalise_identifier


class IdentifierBackend(ModelBackend):
    """Log in by CCCD, tax code or staff username (all stored in `username`), however the person typed it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        user = selectors.get_user_by_identifier(username)
        if user is None:
            # Hash anyway so that a missing account answers as slowly as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request, credentials: dict | None) -> str:
    """The key django-axes counts failures under (AXES_USERNAME_CALLABLE): the normalised identifier, so that
    typing a CCCD with spaces or a tax code without its hyphen does not open a fresh allowance of attempts."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_identifier(typed)
