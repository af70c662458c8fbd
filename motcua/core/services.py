from django.db import transaction

from motcua.core import calendar
from motcua.core.models import CalendarOverride
from motcua.core.text import nfc


def _calendar_changed() -> None:
    # Reset now so this process sees the change at once, and again after commit in case another thread reloaded
    # the old rows meanwhile. Other processes pick it up within MOTCUA_CALENDAR_REFRESH_SECONDS.
    calendar.invalidate_cache()
    transaction.on_commit(calendar.invalidate_cache)


@transaction.atomic
def calendar_override_save(*, override: CalendarOverride) -> CalendarOverride:
    """Create or update an override; raises ValidationError (Vietnamese messages) when it is invalid."""
    override.reason = nfc(override.reason)
    override.decision_number = nfc(override.decision_number)
    override.full_clean()
    override.save()
    _calendar_changed()
    return override


@transaction.atomic
def calendar_override_delete(*, override: CalendarOverride) -> None:
    override.delete()
    _calendar_changed()
