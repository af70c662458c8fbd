"""Machinery every transition shares: the row lock, actor checks, the event record, work after commit."""

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.constants import AccountKind
from motcua.core.text import nfc
from motcua.dossiers import tasks
from motcua.dossiers.constants import TEXT_FIELD_MAX, DossierStatus
from motcua.dossiers.errors import DossierConflict, DossierError
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organization import selectors as organization


def forbidden() -> DossierError:
    return DossierError(_("Bạn không có quyền thực hiện thao tác này với hồ sơ."), code="forbidden")


def wrong_state(dossier: Dossier) -> DossierError:
    return DossierError(
        _("Hồ sơ đang ở trạng thái “%(status)s” nên không thực hiện được thao tác này.")
        % {"status": DossierStatus(dossier.status).label},
        code="invalid_state",
    )


def require_status(dossier: Dossier, allowed: Iterable[str]) -> None:
    if dossier.status not in allowed:
        raise wrong_state(dossier)


def _clean_text(value: str) -> str:
    # NUL cannot be stored by PostgreSQL and has no business in a note.
    return nfc((value or "").replace("\x00", ""))


def require_text(value: str, message: str, *, max_length: int = TEXT_FIELD_MAX) -> str:
    text = _clean_text(value)
    if not text:
        raise DossierError(message, code="required")
    if len(text) > max_length:
        raise DossierError(
            _("Nội dung nhập quá dài (tối đa %(limit)s ký tự).") % {"limit": max_length}, code="too_long"
        )
    return text


def optional_text(value: str, *, max_length: int = TEXT_FIELD_MAX) -> str:
    text = _clean_text(value)
    if len(text) > max_length:
        raise DossierError(
            _("Nội dung nhập quá dài (tối đa %(limit)s ký tự).") % {"limit": max_length}, code="too_long"
        )
    return text


def is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_citizen(user) -> bool:
    return is_signed_in(user) and user.kind in (AccountKind.CITIZEN, AccountKind.BUSINESS)


def holds(user, role: str, agency) -> bool:
    return is_signed_in(user) and agency is not None and organization.has_role(user, role, agency=agency)


def is_applicant_side(user, dossier: Dossier) -> bool:
    """The owner of the dossier, or whoever typed it in for them while it is theirs to complete."""
    return is_signed_in(user) and user.pk in (dossier.applicant_id, dossier.submitter_id)


def lock(dossier: Dossier | int, expected_version: int | None = None) -> Dossier:
    """The dossier's row, re-read under a row lock; the caller must be inside transaction.atomic()."""
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    # Only this row is locked (no joins): locking the procedure or agency rows would serialise whole desks.
    locked = Dossier.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise DossierError(_("Không tìm thấy hồ sơ."), code="not_found")
    if expected_version is not None and locked.version != expected_version:
        raise DossierConflict(
            _("Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang để xem trạng thái mới nhất rồi thao tác lại.")
        )
    return locked


def transition(check: Callable[..., Any]):
    """Run a write as one transition: lock the row, check actor and state on the locked row, then write.

    The wrapped function receives the locked dossier; if the check or the write raises, nothing is stored.
    """

    def decorate(write):
        @functools.wraps(write)
        def run(actor, dossier, *args, expected_version: int | None = None, **kwargs):
            with transaction.atomic():
                locked = lock(dossier, expected_version)
                check(actor, locked)
                return write(actor, locked, *args, **kwargs)

        return run

    return decorate


@dataclass
class Change:
    """One recorded change of a dossier: remembers where it started, then saves the row and its event."""

    dossier: Dossier
    actor: Any
    action: str
    at: datetime = field(default_factory=timezone.now)
    from_status: str = ""
    step: Any = None
    step_agency: Any = None
    deadline: datetime | None = None

    @classmethod
    def begin(cls, dossier: Dossier, actor, action: str, *, at: datetime | None = None) -> "Change":
        return cls(
            dossier=dossier,
            actor=actor,
            action=action,
            at=at or timezone.now(),
            from_status=dossier.status if dossier.pk else "",
            step=dossier.current_step,
            step_agency=dossier.step_agency,
            deadline=dossier.step_due_at,
        )

    def finish(
        self,
        *,
        agency=None,
        recipient=None,
        recipient_agency=None,
        deadline: datetime | None = None,
        note: str = "",
        payload: dict | None = None,
    ) -> DossierEvent:
        dossier = self.dossier
        if dossier.status != self.from_status:
            dossier.status_changed_at = self.at
        if dossier.pk:
            dossier.version += 1
        dossier.save()
        event = DossierEvent.objects.create(
            dossier=dossier,
            at=self.at,
            actor=self.actor if is_signed_in(self.actor) else None,
            action=self.action,
            from_status=self.from_status,
            to_status=dossier.status,
            step=self.step,
            step_kind=self.step.kind if self.step else "",
            step_name=self.step.label if self.step else "",
            agency=agency,
            recipient=recipient,
            recipient_agency=recipient_agency,
            deadline=self.deadline if deadline is None else deadline,
            note=note,
            payload=payload or {},
        )
        transaction.on_commit(functools.partial(tasks.process_event.delay, event.pk), robust=True)
        return event


def iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
