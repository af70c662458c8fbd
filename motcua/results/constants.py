from django.db import models
from django.utils.translation import gettext_lazy as _


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
