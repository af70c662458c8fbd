from django.db import models
from django.utils.translation import gettext_lazy as _

CURRENCY = "VND"
# Counter payments are recorded by the clerk; they are not an online gateway and have no plugin.
COUNTER_GATEWAY = "counter"


class FeeStage(models.TextChoices):
    """When the fee falls due (Decree 61/2018 Art. 18: at reception, or before the result is handed over)."""

    AT_RECEPTION = "tiep_nhan", _("Khi tiếp nhận hồ sơ")
    BEFORE_RESULT = "truoc_tra_ket_qua", _("Trước khi trả kết quả")


class ExemptionCategory(models.TextChoices):
    """The exemption grounds the law names; the legal basis of each is in EXEMPTION_LEGAL_BASIS."""

    FREE_BY_LAW = "mien_theo_luat", _("Thủ tục được miễn phí, lệ phí theo luật")
    POOR_HOUSEHOLD = "ho_ngheo", _("Người thuộc hộ nghèo")
    ETHNIC_MINORITY = "dan_toc_thieu_so", _(
        "Người dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn"
    )
    MERITORIOUS_SERVICE = "nguoi_co_cong", _("Người có công với cách mạng và thân nhân")
    DISABILITY = "khuyet_tat", _("Người khuyết tật")
    CHILD_UNDER_SIX = "tre_em_duoi_6_tuoi", _("Trẻ em dưới 6 tuổi")


EXEMPTION_LEGAL_BASIS = {
    ExemptionCategory.FREE_BY_LAW: _(
        "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b: miễn lệ phí đăng ký khai sinh, khai tử đúng hạn, giám hộ, "
        "kết hôn của công dân Việt Nam cư trú ở trong nước."
    ),
    ExemptionCategory.POOR_HOUSEHOLD: _(
        "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a; Thông tư 85/2019/TT-BTC, Điều 5 (HĐND tỉnh quy định miễn, giảm)."
    ),
    ExemptionCategory.ETHNIC_MINORITY: _(
        "Thông tư 85/2019/TT-BTC, Điều 5; Quyết định 861/QĐ-TTg (danh sách xã đặc biệt khó khăn)."
    ),
    ExemptionCategory.MERITORIOUS_SERVICE: _(
        "Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a; Pháp lệnh Ưu đãi người có công với cách mạng 2020."
    ),
    ExemptionCategory.DISABILITY: _("Luật Hộ tịch 2014, Điều 11 khoản 1 điểm a; Luật Người khuyết tật 2010."),
    ExemptionCategory.CHILD_UNDER_SIX: _("Thông tư 85/2019/TT-BTC, Điều 5 (theo nghị quyết của HĐND tỉnh)."),
}

EXEMPTION_HELP_TEXT = _("Căn cứ pháp lý: ") + " ".join(
    f"{label}: {EXEMPTION_LEGAL_BASIS[value]}" for value, label in ExemptionCategory.choices
)


class TransactionStatus(models.TextChoices):
    CREATED = "created", _("Mới tạo")
    PENDING = "pending", _("Đang chờ thanh toán")
    SUCCEEDED = "succeeded", _("Thanh toán thành công")
    FAILED = "failed", _("Thanh toán không thành công")
    CANCELLED = "cancelled", _("Đã hủy")
    EXPIRED = "expired", _("Hết hạn")


FINAL_STATUSES = (
    TransactionStatus.SUCCEEDED,
    TransactionStatus.FAILED,
    TransactionStatus.CANCELLED,
    TransactionStatus.EXPIRED,
)
OPEN_STATUSES = (TransactionStatus.CREATED, TransactionStatus.PENDING)


class CounterMethod(models.TextChoices):
    CASH = "tien_mat", _("Tiền mặt")
    BANK_TRANSFER = "chuyen_khoan", _("Chuyển khoản")


class EventSource(models.TextChoices):
    RETURN = "return", _("Trình duyệt quay về")
    NOTIFICATION = "notification", _("Thông báo từ cổng thanh toán")
    QUERY = "query", _("Truy vấn đối soát")
    COUNTER = "counter", _("Thu tại quầy")


class EventOutcome(models.TextChoices):
    SETTLED = "settled", _("Ghi nhận thanh toán")
    CLOSED = "closed", _("Ghi nhận giao dịch không thành công")
    STILL_PENDING = "still_pending", _("Giao dịch còn chờ")
    EXPIRED = "expired", _("Hết hạn chờ")
    DUPLICATE = "duplicate", _("Đã ghi nhận trước đó")
    BAD_SIGNATURE = "bad_signature", _("Chữ ký không hợp lệ")
    UNKNOWN_ORDER = "unknown_order", _("Không tìm thấy giao dịch")
    AMOUNT_MISMATCH = "amount_mismatch", _("Số tiền không khớp")
    REFUND_NEEDED = "refund_needed", _("Đã thu đủ trước đó, cần hoàn tiền")
    UNREACHABLE = "unreachable", _("Không kết nối được cổng thanh toán")
    MALFORMED = "malformed", _("Dữ liệu không hợp lệ")
