import datetime

import factory

from motcua.core.pdf import DocumentSpec, Field, Numbered, PageSize, SignatureBlock, Table


class DocumentSpecFactory(factory.Factory):
    """A Mẫu 01 receipt slip of the Hà Giang service centre, as the dossiers app will fill it."""

    class Meta:
        model = DocumentSpec

    title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    agency = "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    parent_agency = "Văn phòng Ủy ban nhân dân tỉnh Hà Giang"
    page_size = PageSize.A5
    number = "12/GTN-TTPVHCC"
    place = "Hà Giang"
    issued_on = datetime.date(2021, 6, 16)
    subtitle = "Mã hồ sơ: 000.00.01.H22-210616-0001"
    body = factory.LazyFunction(
        lambda: [
            "Trung tâm Phục vụ hành chính công tỉnh Hà Giang tiếp nhận hồ sơ của ông Vàng Mí Sính.",
            Numbered(
                [
                    Field("Địa chỉ", "Thôn Mã Pì Lèng, xã Pải Lủng, huyện Mèo Vạc"),
                    Field("Nội dung yêu cầu giải quyết", "Cấp bản sao trích lục hộ tịch"),
                ]
            ),
            Table(
                header=["STT", "Tên giấy tờ", "Hình thức", "Số lượng"],
                rows=[["1", "Tờ khai đề nghị cấp bản sao trích lục hộ tịch", "Bản chính", "1"]],
                column_weights=(1, 6, 2.5, 1.8),
            ),
            Field("Thời gian trả kết quả", "14 giờ 00 phút, ngày 18/06/2021"),
        ]
    )
    signatures = factory.LazyFunction(
        lambda: [
            SignatureBlock("Người nộp hồ sơ", "Vàng Mí Sính"),
            SignatureBlock("Người tiếp nhận hồ sơ", "Nguyễn Thị Hoa"),
        ]
    )
    qr_url = "http://127.0.0.1:8000/tra-cuu/?ma=000.00.01.H22-210616-0001"
    qr_caption = "Quét mã để tra cứu tiến độ hồ sơ"
    footer = "Mẫu số 01 — Thông tư 01/2018/TT-VPCP"
