import factory

from motcua.catalog.constants import OnlineMode, ServiceLevel
from motcua.core.pdf import DocumentSpec, Field, PageSize, SignatureBlock, render_document
from motcua.dossiers.tests.factories import make_desk
from motcua.results import services
from motcua.results.constants import DocumentKind
from motcua.results.models import SignedDocument

# Real catalogue entry (../shared/data/tthc) and Hà Giang agency codes (deployments/ha-giang-2021.json).
PROCEDURE_CODE = "2.000635"
PROCEDURE_NAME = "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"
JUSTICE_DEPARTMENT = "000.00.03.H22"
PKI_PASSWORD = "mat-khau-thu-nghiem"
# A real commune (../shared/data/admin_units/ha_giang_2023.csv).
ADDRESS = "Xã Pải Lủng, huyện Mèo Vạc, tỉnh Hà Giang"


def full_online_desk():
    """The dossiers app's desk, its procedure offered fully online (level 4: the result can be received online)."""
    desk = make_desk()
    desk.procedure.service_level, desk.procedure.online_mode = ServiceLevel.FULL, OnlineMode.FULL
    desk.procedure.save(update_fields=["service_level", "online_mode"])
    return desk


class ResultSpecFactory(factory.Factory):
    """A one-page A4 result, as a department issues it at the end of a dossier."""

    class Meta:
        model = DocumentSpec

    page_size = PageSize.A4
    title = "Bản sao trích lục khai sinh"
    agency = "Sở Tư pháp tỉnh Hà Giang"
    parent_agency = "Ủy ban nhân dân tỉnh Hà Giang"
    number = factory.Sequence(lambda n: f"{n + 1}/TLKS-BS")
    place = "Hà Giang"
    body = factory.LazyFunction(
        lambda: [
            Field("Họ, chữ đệm, tên", "Vàng Thị Mai"),
            Field("Ngày, tháng, năm sinh", "12/03/2015"),
            Field("Nơi sinh", "Trạm Y tế xã Pải Lủng, huyện Mèo Vạc, tỉnh Hà Giang"),
            Field("Dân tộc", "Mông"),
        ]
    )
    signatures = factory.LazyFunction(lambda: [SignatureBlock("Giám đốc", authority="KT. Giám đốc", hint="")])


class SignedDocumentFactory(factory.Factory):
    """Signed for real through `services.sign_pdf`; pass `pdf` to sign other bytes."""

    class Meta:
        model = SignedDocument

    name = "Bản sao trích lục khai sinh"
    kind = DocumentKind.RESULT
    dossier_code = factory.Sequence(lambda n: f"000.01.01.H22-210616-{n + 1:04d}")
    procedure_code = PROCEDURE_CODE
    procedure_name = PROCEDURE_NAME
    issued_number = "15/TLKS-BS"
    agency_code = JUSTICE_DEPARTMENT
    reason = "Ký số kết quả giải quyết thủ tục hành chính"
    location = "Hà Giang"

    @classmethod
    def _create(cls, model_class, *, pdf=None, agency_code, reason, location, **meta):
        return services.sign_pdf(
            pdf or render_document(ResultSpecFactory()),
            agency_code=agency_code,
            reason=reason,
            location=location,
            document_meta=services.DocumentMeta(**meta),
        )
