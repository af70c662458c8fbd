import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import constants as core_constants


class Level(models.TextChoices):
    """Where a procedure is carried out (`cap_thuc_hien_codes` of the national catalogue)."""

    MINISTRY = "bo", _("Cấp bộ")
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện")
    COMMUNE = "xa", _("Cấp xã")
    OTHER = "khac", _("Cơ quan khác")


# The levels a province's own agencies serve at: the public `cap` filter and the API's `levels` use only these.
LOCAL_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)

# One boolean column per level keeps the level filter a plain indexed equality on SQLite and PostgreSQL alike.
LEVEL_FIELDS = {
    Level.MINISTRY: "at_ministry",
    Level.PROVINCE: "at_province",
    Level.DISTRICT: "at_district",
    Level.COMMUNE: "at_commune",
    Level.OTHER: "at_other",
}


class ChannelKind(models.TextChoices):
    """`hinh_thuc_nop`: how a dossier can be handed in."""

    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Dịch vụ bưu chính")
    OTHER = "other", _("Hình thức khác")


# One list of time units for the whole system: the calendar that computes deadlines owns it.
TimeUnit = core_constants.TimeUnit


# Calendar days per unit, used only to reject absurd values; deadlines themselves are computed by the calendar.
TIME_UNIT_DAYS = {TimeUnit.WORKING_DAY: 7 / 5, TimeUnit.DAY: 1, TimeUnit.HOUR: 1 / 24, TimeUnit.MONTH: 31}
MAX_PROCESSING_DAYS = 1000 * 366


class ServiceLevel(models.IntegerChoices):
    """Mức độ dịch vụ công trực tuyến. Since Decree 42/2022 levels 3 and 4 are called "một phần" and "toàn trình"."""

    INFORMATION = 1, _("Mức độ 1 — cung cấp thông tin")
    FORMS = 2, _("Mức độ 2 — tải biểu mẫu")
    PARTIAL = 3, _("Mức độ 3 — trực tuyến một phần")
    FULL = 4, _("Mức độ 4 — trực tuyến toàn trình")


class OnlineMode(models.TextChoices):
    PARTIAL = "mot_phan", _("Trực tuyến một phần")
    FULL = "toan_trinh", _("Trực tuyến toàn trình")


ONLINE_MODE_BY_SERVICE_LEVEL = {ServiceLevel.PARTIAL: OnlineMode.PARTIAL, ServiceLevel.FULL: OnlineMode.FULL}


class FlagReason(models.TextChoices):
    """Why an imported record needs a catalogue administrator's eye. Stored as codes, shown as labels."""

    NO_NATIONAL_CODE = "no_national_code", _("Không có mã thủ tục quốc gia, dùng mã nội bộ")
    NO_LEVEL = "no_level", _("Nguồn không ghi cấp thực hiện")
    UNKNOWN_LEVEL = "unknown_level", _("Có cấp thực hiện không nhận ra")
    NO_CHANNEL = "no_channel", _("Nguồn không có cách thức thực hiện")
    UNKNOWN_CHANNEL = "unknown_channel", _("Có hình thức nộp không nhận ra")
    CHANNEL_NOT_SPLIT = "channel_not_split", _("Không tách được bảng cách thức thực hiện, giữ văn bản gốc")
    TIME_WITHOUT_UNIT = "time_without_unit", _("Thời hạn giải quyết có số nhưng không có đơn vị")
    TIME_NOT_NUMERIC = "time_not_numeric", _("Thời hạn giải quyết không có dạng số và đơn vị")
    UNKNOWN_TIME_UNIT = "unknown_time_unit", _("Đơn vị thời hạn không nhận ra")
    DOCUMENT_WITHOUT_NAME = "document_without_name", _("Có thành phần hồ sơ không có tên, đã bỏ qua")


class ImportSkipReason(models.TextChoices):
    BAD_JSON = "bad_json", _("Dòng không phải JSON hợp lệ")
    NOT_AN_OBJECT = "not_an_object", _("Dòng không phải một đối tượng JSON")
    MISSING_NAME = "missing_name", _("Thiếu tên thủ tục (ten_tthc)")
    BAD_CODE = "bad_code", _("Mã thủ tục không hợp lệ")
    NO_KEY = "no_key", _("Không có mã thủ tục và không có nguồn để tạo mã nội bộ")
    BAD_STRUCTURE = "bad_structure", _("Cấu trúc bản ghi không đúng định dạng")
    ABSURD_TIME = "absurd_time", _("Thời hạn giải quyết bất thường (âm hoặc quá 1.000 năm)")
    DUPLICATE = "duplicate", _("Bản ghi trùng lặp trong tệp nguồn")


# The procedure record as the national database publishes it, in reading order: shown in the admin and rewritten
# by every import.
PUBLISHED_FIELDS = (
    "name",
    "field",
    "level_text",
    "procedure_type",
    "decision_number",
    "applicants",
    "implementing_agency",
    "competent_agency",
    "authorised_agency",
    "coordinating_agency",
    "steps",
    "conditions",
    "legal_basis",
    "results",
)

LOCAL_KEY_PREFIX = "LOCAL-"
# A national code (1.001193, opaque) or a local key (LOCAL-…): what may appear in /thu-tuc/<key>/.
PROCEDURE_KEY_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")

# Hostile or accidental input must cost a bounded amount of work: longer queries are refused with a message.
MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
