from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import DossierStatus


class DocumentKind(models.TextChoices):
    """What a signed document is; the slips follow Circular 01/2018/TT-VPCP."""

    RESULT = "ket-qua", _("Kết quả giải quyết thủ tục hành chính")
    RECEIPT_SLIP = "mau-01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)")
    SUPPLEMENT_SLIP = "mau-02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)")
    REFUSAL_SLIP = "mau-03", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)")
    APOLOGY_SLIP = "mau-04", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)")
    CONTROL_SLIP = "mau-05", _("Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05)")
    PAYMENT_RECEIPT = "bien-lai", _("Biên lai thu phí, lệ phí")
    DIGITISED_COPY = "so-hoa", _("Bản sao điện tử (số hóa)")


class VerificationStatus(models.TextChoices):
    VALID = "hop-le", _("Hợp lệ")
    INVALID = "khong-hop-le", _("Không hợp lệ")
    UNTRUSTED = "khong-tin-cay", _("Không hợp lệ: chứng thư số không thuộc tổ chức được tin cậy")
    UNSIGNED = "chua-ky", _("Không hợp lệ: tệp không có chữ ký số")
    UNREADABLE = "khong-doc-duoc", _("Không hợp lệ: không đọc được tệp PDF")


# 16 random bytes, base64url: 22 characters, 128 bits — not guessable, short enough to type from paper.
TOKEN_BYTES = 16
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{22}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
SIGNATURE_FIELD_NAME = "ChuKySoMotCua"
STORAGE_DIRECTORY = "signed"
# A stored document is validated again at most this often (the result is cached per token and per trust list).
VERIFICATION_CACHE_SECONDS = 3600
PDF_MAGIC = b"%PDF-"
# ISO 32000 lets the header start anywhere in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024

VERIFICATION_EXPLANATIONS = {
    VerificationStatus.VALID: _(
        "Văn bản còn nguyên vẹn kể từ khi ký; chữ ký số được tạo bằng chứng thư số do tổ chức được hệ thống tin cậy "
        "cấp."
    ),
    VerificationStatus.INVALID: _("Nội dung tệp đã bị thay đổi sau khi ký hoặc chữ ký số bị hỏng."),
    VerificationStatus.UNTRUSTED: _(
        "Chữ ký còn nguyên vẹn nhưng chứng thư số không do tổ chức cung cấp dịch vụ chứng thực được hệ thống tin cậy "
        "cấp, hoặc đã hết hạn."
    ),
    VerificationStatus.UNSIGNED: _("Tệp không có chữ ký số."),
    VerificationStatus.UNREADABLE: _("Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng."),
}


class ResultSource(models.TextChoices):
    GENERATED = "mau", _("Tạo từ mẫu kết quả của thủ tục")
    UPLOADED = "tai-len", _("Do chuyên viên tải lên")


class DeliveryMethod(models.TextChoices):
    COUNTER = "truc-tiep", _("Nhận trực tiếp tại Bộ phận Một cửa")
    ONLINE = "truc-tuyen", _("Nhận trực tuyến (tải kết quả điện tử)")
    POSTAL = "buu-chinh", _("Nhận qua dịch vụ bưu chính công ích")


class PostalStatus(models.TextChoices):
    REQUESTED = "yeu-cau", _("Đã yêu cầu chuyển phát")
    PICKED_UP = "da-nhan", _("Bưu điện đã nhận kết quả")
    IN_TRANSIT = "dang-phat", _("Đang chuyển phát")
    DELIVERED = "da-phat", _("Đã phát thành công")
    FAILED = "that-bai", _("Phát không thành công, đã hoàn trả")


# Each tracking state and the states a postal order may move to from it; a failed delivery comes back to the desk.
POSTAL_TRANSITIONS: dict[str, frozenset[str]] = {
    PostalStatus.REQUESTED: frozenset({PostalStatus.PICKED_UP}),
    PostalStatus.PICKED_UP: frozenset({PostalStatus.IN_TRANSIT, PostalStatus.FAILED}),
    PostalStatus.IN_TRANSIT: frozenset({PostalStatus.DELIVERED, PostalStatus.FAILED}),
    PostalStatus.DELIVERED: frozenset(),
    PostalStatus.FAILED: frozenset(),
}
# Until the post has the result, the citizen may still choose another way to receive it.
POSTAL_CANCELLABLE_STATUSES = frozenset({PostalStatus.REQUESTED, PostalStatus.FAILED})

# Placeholders a result template may use; their values are filled in when the result is issued.
TEMPLATE_PLACEHOLDERS = ("ho_ten", "ma_ho_so", "ten_thu_tuc", "ma_thu_tuc", "ngay", "co_quan", "so")
# A result template's body: paragraphs separated by an empty line.
PARAGRAPH_SEPARATOR = "\n\n"
# The template used for a procedure without one of its own. Printed on the legal document, in the deployment's
# language whatever the interface language: no gettext.
DEFAULT_RESULT_TITLE = "Giấy xác nhận kết quả giải quyết thủ tục hành chính"
DEFAULT_RESULT_BODY = PARAGRAPH_SEPARATOR.join(
    [
        "{co_quan} xác nhận đã giải quyết xong hồ sơ mã số {ma_ho_so} của Ông/Bà {ho_ten}.",
        "Thủ tục hành chính: {ten_thu_tuc} (mã thủ tục {ma_thu_tuc}).",
        "Kết quả giải quyết được ký số và có giá trị pháp lý như văn bản giấy theo quy định của pháp luật về "
        "giao dịch điện tử.",
        "Ngày cấp: {ngay}.",
    ]
)
RESULT_SIGNER_TITLE = "Thủ trưởng cơ quan"
RESULT_SIGNING_REASON = "Ký số kết quả giải quyết thủ tục hành chính"
# Issued numbers read "<sequence>/<year>/KQ-<agency>": the sequence restarts every year at each agency.
ISSUED_NUMBER_SYMBOL = "KQ"
RESULT_UPLOAD_DIRECTORY = "result-uploads"
# A dossier's result may be uploaded while it is being appraised, before the leader approves.
RESULT_UPLOAD_STATUSES = frozenset({DossierStatus.PROCESSING})
# The citizen downloads the e-result once the desk has it (resolved) and afterwards.
DOWNLOADABLE_STATUSES = frozenset({DossierStatus.RESOLVED, DossierStatus.RETURNED})
ID_NUMBER_PATTERN = r"^[A-Z0-9]{6,20}$"
