"""Vocabulary of the dossier lifecycle: statuses with their national codes, channels, actions, workflow steps."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.organization.constants import StaffRole


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Được tiếp nhận")
    REFUSED = "refused", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung giấy tờ")
    AWAITING_PAYMENT = "awaiting_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = "withdrawn", _("Công dân yêu cầu rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESOLVED = "resolved", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")


# The status codes the national portal (Cổng DVC quốc gia) synchronises; a draft is never sent there.
NATIONAL_STATUS_CODE: dict[str, int] = {
    DossierStatus.SUBMITTED: 1,
    DossierStatus.RECEIVED: 2,
    DossierStatus.REFUSED: 3,
    DossierStatus.PROCESSING: 4,
    DossierStatus.SUPPLEMENT_REQUESTED: 5,
    DossierStatus.AWAITING_PAYMENT: 6,
    DossierStatus.WITHDRAWN: 7,
    DossierStatus.STOPPED: 8,
    DossierStatus.RESOLVED: 9,
    DossierStatus.RETURNED: 10,
}

# Nothing more happens to a dossier in these.
FINAL_STATUSES = frozenset(
    {DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED}
)
# The legal clock runs only in these; a supplement or a fee request pauses it (see services docstring).
CLOCK_RUNNING_STATUSES = frozenset({DossierStatus.RECEIVED, DossierStatus.PROCESSING})
WAITING_CITIZEN_STATUSES = frozenset({DossierStatus.SUPPLEMENT_REQUESTED, DossierStatus.AWAITING_PAYMENT})
# Statuses from which the applicant may still withdraw (Decree 61: before the result is ready).
WITHDRAWABLE_STATUSES = frozenset(
    {
        DossierStatus.SUBMITTED,
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.SUPPLEMENT_REQUESTED,
        DossierStatus.AWAITING_PAYMENT,
    }
)
# The statuses that require a dossier code and an appointment date (enforced by a database constraint).
CODED_STATUSES = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.AWAITING_PAYMENT,
        DossierStatus.STOPPED,
        DossierStatus.RESOLVED,
        DossierStatus.RETURNED,
    }
)


class Channel(models.TextChoices):
    """How the dossier reached the agency; the national channel code is in NATIONAL_CHANNEL_CODE."""

    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Qua dịch vụ bưu chính công ích")


NATIONAL_CHANNEL_CODE: dict[str, int] = {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class Intake(models.TextChoices):
    """Who typed the dossier in. Assisted online (nộp hộ) is channel 2 entered by staff for a citizen."""

    SELF_SERVICE = "self_service", _("Công dân tự nộp trực tuyến")
    ASSISTED = "assisted", _("Nộp hộ trực tuyến")
    COUNTER = "counter", _("Tiếp nhận tại Bộ phận Một cửa")
    POSTAL = "postal", _("Bưu điện chuyển đến")


CHANNEL_OF_INTAKE: dict[str, str] = {
    Intake.SELF_SERVICE: Channel.ONLINE,
    Intake.ASSISTED: Channel.ONLINE,
    Intake.COUNTER: Channel.DIRECT,
    Intake.POSTAL: Channel.POSTAL,
}


class DocumentSource(models.TextChoices):
    UPLOADED = "uploaded", _("Tải lên")
    REUSED = "reused", _("Tái sử dụng từ kho dữ liệu")
    DIGITISED = "digitised", _("Số hóa từ bản giấy")


class SupplementStage(models.TextChoices):
    """Where the supplement was asked for: the clock rules differ (Decree 61 Art. 17 vs Art. 19.4)."""

    RECEPTION = "reception", _("Khi tiếp nhận")
    APPRAISAL = "appraisal", _("Khi thẩm định")


class StepKind(models.TextChoices):
    RECEIVE = "receive", _("Tiếp nhận hồ sơ")
    ASSIGN = "assign", _("Phân công xử lý")
    APPRAISE = "appraise", _("Thẩm định hồ sơ")
    APPROVE = "approve", _("Phê duyệt kết quả")
    RESOLVE = "resolve", _("Nhận kết quả tại Bộ phận Một cửa")
    RETURN = "return", _("Trả kết quả")


class AgencySelector(models.TextChoices):
    RECEIVING = "receiving", _("Cơ quan tiếp nhận hồ sơ")
    HANDLING = "handling", _("Cơ quan đang giải quyết")
    NAMED = "named", _("Cơ quan chỉ định")
    PARENT = "parent", _("Cơ quan cấp trên của cơ quan đang giải quyết")


# Stored in the database as data, in the deployment's language, like other official names.
DEFAULT_WORKFLOW_NAME = "Quy trình mặc định"
OTHER_DOCUMENTS_SLOT_NAME = "Giấy tờ khác (nếu có)"
# The workflow used for a procedure that has no template of its own: (kind, role, agency, share of the legal time).
DEFAULT_WORKFLOW: tuple[tuple[str, str, str, int | None], ...] = (
    (StepKind.RECEIVE, StaffRole.CLERK, AgencySelector.RECEIVING, None),
    (StepKind.ASSIGN, StaffRole.LEADER, AgencySelector.HANDLING, 10),
    (StepKind.APPRAISE, StaffRole.SPECIALIST, AgencySelector.HANDLING, 60),
    (StepKind.APPROVE, StaffRole.LEADER, AgencySelector.HANDLING, 20),
    (StepKind.RESOLVE, StaffRole.CLERK, AgencySelector.RECEIVING, 10),
    (StepKind.RETURN, StaffRole.CLERK, AgencySelector.RECEIVING, None),
)


class EventAction(models.TextChoices):
    CREATE = "create", _("Tạo hồ sơ")
    SAVE_DRAFT = "save_draft", _("Lưu nháp")
    ATTACH = "attach", _("Đính kèm giấy tờ")
    SUBMIT = "submit", _("Nộp hồ sơ")
    ACCEPT = "accept", _("Tiếp nhận hồ sơ")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    PROVIDE_SUPPLEMENT = "provide_supplement", _("Bổ sung hồ sơ")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    ASSIGN = "assign", _("Phân công xử lý")
    APPRAISE = "appraise", _("Thẩm định, trình phê duyệt")
    TRANSFER = "transfer", _("Chuyển xử lý liên thông")
    RETURN_TO_PREVIOUS = "return_to_previous", _("Trả lại bước trước")
    APPROVE = "approve", _("Phê duyệt")
    REQUEST_PAYMENT = "request_payment", _("Yêu cầu thực hiện nghĩa vụ tài chính")
    CONFIRM_PAYMENT = "confirm_payment", _("Xác nhận đã thực hiện nghĩa vụ tài chính")
    STOP = "stop", _("Dừng xử lý")
    RESOLVE = "resolve", _("Đã có kết quả tại Bộ phận Một cửa")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    APOLOGISE = "apologise", _("Xin lỗi và hẹn lại ngày trả kết quả")


# Actions that pass the dossier from one person or agency to another: the rows of the control slip (Mẫu 05).
HANDOFF_ACTIONS = frozenset(
    {
        EventAction.ACCEPT,
        EventAction.ASSIGN,
        EventAction.APPRAISE,
        EventAction.TRANSFER,
        EventAction.RETURN_TO_PREVIOUS,
        EventAction.APPROVE,
        EventAction.RESOLVE,
        EventAction.RETURN_RESULT,
    }
)
# Changes the applicant is told about by e-mail (Decree 61: supplement, refusal, result, delay …).
APPLICANT_NOTIFIED_ACTIONS = frozenset(
    {
        EventAction.SUBMIT,
        EventAction.ACCEPT,
        EventAction.REQUEST_SUPPLEMENT,
        EventAction.REFUSE,
        EventAction.REQUEST_PAYMENT,
        EventAction.STOP,
        EventAction.RESOLVE,
        EventAction.RETURN_RESULT,
        EventAction.WITHDRAW,
        EventAction.APOLOGISE,
    }
)
# Internal steps a citizen does not need to see in their timeline.
STAFF_ONLY_ACTIONS = frozenset(
    {EventAction.ASSIGN, EventAction.APPRAISE, EventAction.RETURN_TO_PREVIOUS, EventAction.APPROVE}
)


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class InboxBox(models.TextChoices):
    NEW_ONLINE = "new_online", _("Hồ sơ mới cần kiểm tra")
    MINE = "mine", _("Hồ sơ chờ tôi xử lý")
    DUE_SOON = "due_soon", _("Hồ sơ sắp đến hạn")
    OVERDUE = "overdue", _("Hồ sơ quá hạn")
    WAITING_CITIZEN = "waiting_citizen", _("Chờ công dân bổ sung, nộp phí")


# Roles whose holders see every dossier received or handled by their agency; specialists see only their own.
AGENCY_WIDE_ROLES = (StaffRole.CLERK, StaffRole.LEADER, StaffRole.MONITOR)

# Dossier code (Thông tư 01/2018/TT-VPCP Art. 19): <QCVN 102 code of the receiving agency>-YYMMDD-NNNN.
DOSSIER_CODE_PATTERN = re.compile(r"^(?P<agency>[0-9A-Z]+(?:\.[0-9A-Z]+)*)-(?P<date>\d{6})-(?P<number>\d{4})$")
DAILY_SEQUENCE_MAX = 9999

INBOX_PAGE_SIZE = 25
# A running dossier is "due soon" when its appointment falls within this much working time.
DUE_SOON_WORKING_DAYS = 2
SEARCH_MAX_LENGTH = 100
APOLOGY_NOTICE_WORKING_DAYS = 1
# Art. 19.4: a supplement after appraisal must be asked within 3 working days of reception (sector law may differ).
APPRAISAL_SUPPLEMENT_WINDOW_WORKING_DAYS = 3
SUPPLEMENT_ITEMS_MAX = 50
TEXT_FIELD_MAX = 2000
