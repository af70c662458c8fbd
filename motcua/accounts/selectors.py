from motcua.accounts.models import User
from motcua.accounts.validators import normalise_identifier


def get_user_by_identifier(identifier: str) -> User | None:
    """The account a login identifier belongs to: a CCCD, a tax code (with or without the branch hyphen) or a
    staff username, however it was typed (spaces, dots, letter case); None when there is none."""
    return User.objects.filter(username=normalise_identifier(identifier)).first()
