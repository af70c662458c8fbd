"""Hooks for other apps: work that must follow a dossier change once it is committed (slips, sync, statistics)."""

from django.dispatch import Signal

# Sent by the `process_event` task after the transaction that recorded `event` (a DossierEvent) has committed.
# Receivers must be idempotent: a retried task sends it again for the same event.
event_committed = Signal()

# Sent while the applicant's e-mail for `event` is being written. A receiver returns a list of extra lines
# (e.g. the feedback app's rating link once the result is returned); the dossier app needs no import of theirs.
notification_lines = Signal()
