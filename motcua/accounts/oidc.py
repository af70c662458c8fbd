"""Login through the national single sign-on (Cổng Dịch vụ công quốc gia style OpenID Connect provider)."""

import logging
from datetime import date

from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from motcua.accounts import selectors, services
from motcua.accounts.constants import DEFAULT_OIDC_CCCD_CLAIM
from motcua.accounts.models import User
from motcua.accounts.validators import parse_cccd

logger = logging.getLogger(__name__)


class NationalSSOBackend(OIDCAuthenticationBackend):
    """Maps the provider's claims to a citizen account, identified by CCCD only.

    The CCCD comes from the claim named by OIDC_CCCD_CLAIM (default "cccd"), or from `sub` when the provider uses
    the personal identification number as subject. An account is never matched by e-mail: e-mail addresses are
    not verified identities here, and matching on them would let anyone who controls an address take an account.
    """

    def cccd_from_claims(self, claims: dict) -> str | None:
        claim_name = self.get_settings("OIDC_CCCD_CLAIM", DEFAULT_OIDC_CCCD_CLAIM)
        value = str(claims.get(claim_name) or claims.get("sub") or "")
        try:
            return parse_cccd(value).number
        except ValidationError:
            return None

    def describe_user_by_claims(self, claims):
        return f"CCCD {self.cccd_from_claims(claims)}"

    def verify_claims(self, claims):
        if self.cccd_from_claims(claims) is None:
            logger.warning("National SSO login refused: no valid CCCD in the claims (subject %s)", claims.get("sub"))
            return False
        return True

    def filter_users_by_claims(self, claims):
        return selectors.users_with_cccd(self.cccd_from_claims(claims))

    def create_user(self, claims):
        return self._sync(claims)

    def update_user(self, user, claims):
        return self._sync(claims)

    def _sync(self, claims: dict) -> User:
        try:
            return services.sync_citizen_from_sso(
                cccd=self.cccd_from_claims(claims),
                full_name=claims.get("name")
                or " ".join(filter(None, [claims.get("family_name"), claims.get("given_name")])),
                email=claims.get("email") or "",
                phone=claims.get("phone_number") or "",
                birth_date=_parse_birthdate(claims.get("birthdate")),
            )
        except ValidationError as error:
            raise SuspiciousOperation(f"National SSO claims rejected: {error.messages}") from error


def _parse_birthdate(value) -> date | None:
    """OIDC `birthdate` is YYYY-MM-DD (or YYYY alone, or 0000-MM-DD when the year is withheld)."""
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
