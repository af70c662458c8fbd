"""Vocabulary of the statistics: the daily counters' metrics and how they group into the published figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import Channel, EventAction, Timeliness


class Metric(models.TextChoices):
    RECEIVED_ONLINE = "received_online", _("Tiếp nhận trực tuyến")
    RECEIVED_DIRECT = "received_direct", _("Tiếp nhận trực tiếp")
    RECEIVED_POSTAL = "received_postal", _("Tiếp nhận qua bưu chính công ích")
    RESOLVED_EARLY = "resolved_early", _("Giải quyết trước hạn")
    RESOLVED_ON_TIME = "resolved_on_time", _("Giải quyết đúng hạn")
    RESOLVED_LATE = "resolved_late", _("Giải quyết quá hạn")
    WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")
    REFUSED = "refused", _("Không được tiếp nhận")
    STOPPED = "stopped", _("Dừng xử lý")
    # Not a number of dossiers: the minutes from reception to result of the dossiers resolved that day, summed.
    PROCESSING_MINUTES = "processing_minutes", _("Thời gian giải quyết (phút)")


RECEIVED_METRIC: dict[str, str] = {
    Channel.ONLINE: Metric.RECEIVED_ONLINE,
    Channel.DIRECT: Metric.RECEIVED_DIRECT,
    Channel.POSTAL: Metric.RECEIVED_POSTAL,
}
RESOLVED_METRIC: dict[str, str] = {
    Timeliness.EARLY: Metric.RESOLVED_EARLY,
    Timeliness.ON_TIME: Metric.RESOLVED_ON_TIME,
    Timeliness.LATE: Metric.RESOLVED_LATE,
}
# A dossier enters the statistics once, when it is submitted (online, by post, or at the counter, which submits
# and accepts at once), and leaves them at most once, by one of these actions. Everything between is "pending".
ENTRY_ACTION = EventAction.SUBMIT
CLOSING_METRIC: dict[str, str] = {
    EventAction.WITHDRAW: Metric.WITHDRAWN,
    EventAction.REFUSE: Metric.REFUSED,
    EventAction.STOP: Metric.STOPPED,
}
RECEIVED_METRICS = tuple(RECEIVED_METRIC.values())
RESOLVED_METRICS = tuple(RESOLVED_METRIC.values())
EXIT_METRICS = RESOLVED_METRICS + tuple(CLOSING_METRIC.values())
# Event payload keys that carry a dossier's new appointment (acceptance, payment, appraisal supplement, apology).
DUE_PAYLOAD_KEYS = ("due_at", "new_due_at")

# Shown where a rate or an average has nothing to divide by.
NOT_APPLICABLE = "—"

# Longest period a page or API caller may ask for (a monthly trend has one row per month).
MAX_PERIOD_DAYS = 10 * 366

# QCVN 102 agency codes are at most this long (organization.Agency.code).
AGENCY_CODE_MAX_LENGTH = 35
# How many agencies the public page lists at the top and at the bottom of the on-time ranking.
RANKED_AGENCIES = 5
# How many procedures the leaders' page of an agency or a district lists, most received first.
BUSIEST_PROCEDURES = 10

# The synthetic history of `generate_history` and its shape (Directive pattern: online high at the province,
# low at district level, almost none at commune level).
HISTORY_YEAR = 2021
ONLINE_SHARE_BY_LEVEL = {"tinh": 0.47, "huyen": 0.02, "xa": 0.0}
POSTAL_SHARE = 0.03
# Most results come well before the appointment, a few on its day, a few late.
LATE_SHARE = 0.04
ON_DUE_DAY_SHARE = 0.03
# The current national catalogue (after the 2025 two-tier reform) lists no district procedures; a 2021 history
# still needs district desks, which then receive the procedures the catalogue now places at commune level.
HISTORY_BORROWED_LEVEL = {"tinh": "tinh", "huyen": "xa", "xa": "xa"}


class Outcome(models.TextChoices):
    """Where a synthetic dossier's story ends."""

    WAITING = "waiting", _("Chờ tiếp nhận")
    REFUSED = "refused", _("Không được tiếp nhận")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    PROCESSING = "processing", _("Đang xử lý")
    PAID_PROCESSING = "paid_processing", _("Đã nộp phí, đang xử lý")
    STOPPED = "stopped", _("Dừng xử lý")
    RESOLVED = "resolved", _("Có kết quả, chưa trả")
    RETURNED = "returned", _("Đã trả kết quả")


# Outcomes possible only before acceptance: a dossier received at the counter is accepted at once.
ONLINE_ONLY_OUTCOMES = frozenset({Outcome.WAITING, Outcome.REFUSED})
# How often each outcome occurs in a generated history (a province's year: most dossiers returned).
OUTCOME_WEIGHTS = {
    Outcome.WAITING: 1,
    Outcome.REFUSED: 2,
    Outcome.WITHDRAWN: 2,
    Outcome.PROCESSING: 4,
    Outcome.PAID_PROCESSING: 1,
    Outcome.STOPPED: 1,
    Outcome.RESOLVED: 4,
    Outcome.RETURNED: 85,
}
SYNTHETIC_STAFF_PREFIX = "gia-lap"
SYNTHETIC_APPLICANT_NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em")
HISTORY_AGENCIES_PER_LEVEL = 8
HISTORY_PROCEDURES_PER_LEVEL = 60
HISTORY_PROCEDURES_PER_AGENCY = 12
# Roughly the Directive's province: most dossiers at commune level, fewest at the province.
HISTORY_LEVEL_WEIGHTS = {"tinh": 2, "huyen": 3, "xa": 5}
