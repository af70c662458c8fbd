"""Deadlines of a dossier, from the procedure's legal time limit and the deployment's working-time calendar.

Which pause follows which rule (Decree 61/2018, docs/decisions/0003 for the calendar itself):
- supplement asked at reception: the clock has not started; it starts when the complete dossier is accepted;
- supplement asked at appraisal (Art. 19.4): the clock stops, and the whole limit runs again from zero when the
  complete dossier comes back (`restarted_due_at`);
- waiting for fees (financial obligation): the clock stops and the due date moves back by the time waited
  (`extended_for_pause`);
- a transfer between agencies (liên thông) does not stop the clock; each agency gets its own share of it.
"""

from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core import calendar
from motcua.core.constants import TimeUnit
from motcua.dossiers.constants import Timeliness
from motcua.dossiers.errors import DossierError
from motcua.dossiers.procedures import ProcessingTime, processing_time


def legal_time(procedure, channel: str) -> ProcessingTime:
    limit = processing_time(procedure, channel)
    if limit is None:
        raise DossierError(
            _(
                "Thủ tục này chưa có thời hạn giải quyết rõ số và đơn vị trong danh mục, nên chưa tính được ngày hẹn "
                "trả. Đề nghị quản trị danh mục cập nhật thời hạn trước khi tiếp nhận."
            ),
            code="no_processing_time",
        )
    return limit


def _computed(compute, *args, **kwargs) -> datetime:
    try:
        return compute(*args, **kwargs)
    except ValueError as error:
        raise DossierError(str(error), code="invalid_time_limit") from error


def due_at_for_receipt(procedure, channel: str, received_at: datetime) -> datetime:
    limit = legal_time(procedure, channel)
    return _computed(calendar.deadline_for_receipt, received_at, value=limit.value, unit=limit.unit)


def restarted_due_at(procedure, channel: str, complete_at: datetime) -> datetime:
    limit = legal_time(procedure, channel)
    return _computed(calendar.restart_deadline, complete_at, value=limit.value, unit=limit.unit)


def extended_for_pause(
    procedure, channel: str, due_at: datetime, paused_from: datetime, paused_to: datetime
) -> datetime:
    limit = legal_time(procedure, channel)
    return _computed(calendar.extend_for_pause, due_at, paused_from=paused_from, paused_to=paused_to, unit=limit.unit)


def after_working_days(start: datetime, days: int | Decimal) -> datetime:
    return _computed(calendar.add_working_time, start, value=Decimal(days), unit=TimeUnit.WORKING_DAY)


def step_due_at(step, procedure, channel: str, started_at: datetime) -> datetime | None:
    """The deadline of a workflow step begun at `started_at`: its own working days, or its share of the limit."""
    if step.working_days is not None:
        return after_working_days(started_at, step.working_days)
    if step.time_share is None:
        return None
    limit = legal_time(procedure, channel)
    share = limit.value * Decimal(step.time_share) / 100
    # Calendar days and months only come whole; their share is counted in working days of the same length.
    if limit.unit in calendar.WHOLE_NUMBER_UNITS:
        elapsed = calendar.working_time_elapsed(
            started_at,
            _computed(calendar.add_working_time, started_at, value=limit.value, unit=limit.unit),
            unit=TimeUnit.WORKING_DAY,
        )
        return after_working_days(started_at, elapsed * Decimal(step.time_share) / 100)
    return _computed(calendar.add_working_time, started_at, value=share, unit=limit.unit)


def timeliness(done_at: datetime, deadline: datetime | None) -> str | None:
    """Early (finished on a day before the due day), on time (by the due instant) or late, as the control slip
    (Mẫu 05) and the statistics (Biểu 06) classify them."""
    if deadline is None:
        return None
    if calendar.is_late(done_at, deadline):
        return Timeliness.LATE
    if timezone.localdate(done_at) < timezone.localdate(deadline):
        return Timeliness.EARLY
    return Timeliness.ON_TIME


def is_overdue(now: datetime, due_at: datetime) -> bool:
    return calendar.is_late(now, due_at)
