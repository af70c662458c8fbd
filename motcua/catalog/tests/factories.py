from decimal import Decimal

import factory

from motcua.catalog.constants import ChannelKind, TimeUnit
from motcua.catalog.models import Channel, Offering, Procedure, RequiredDocument
from motcua.catalog.parsing import procedure_name_key, procedure_search_key
from motcua.organization.constants import AgencyLevel
from motcua.organization.tests.factories import DepartmentFactory


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A national-code procedure; codes start with 9. so that they never collide with the real catalogue's."""

    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    local_key = None
    name = factory.Sequence(lambda n: f"Cấp giấy phép thử nghiệm số {n}")
    search_key = factory.LazyAttribute(lambda procedure: procedure_search_key(procedure.name, procedure.code))
    name_key = factory.LazyAttribute(lambda procedure: procedure_name_key(procedure.name))
    field = "Hộ tịch"
    at_province = True
    level_text = "Cấp tỉnh"
    source = factory.LazyAttribute(lambda procedure: f"test:{procedure.code or procedure.local_key}")
    content_hash = "0" * 64


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    procedure = factory.SubFactory(ProcedureFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = ChannelKind.DIRECT
    kind_text = "Trực tiếp"
    time_text = "5 Ngày làm việc"
    processing_time_value = Decimal("5")
    processing_time_unit = TimeUnit.WORKING_DAY
    fee_text = "Lệ phí: 8.000 Đồng"


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    position = factory.Sequence(lambda n: n + 1)
    group = "Giấy tờ phải nộp"
    name = factory.Sequence(lambda n: f"Tờ khai thử nghiệm số {n}")
    quantity_text = "1 bản chính"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    procedure = factory.SubFactory(ProcedureFactory)
    agency = factory.SubFactory(DepartmentFactory)
    level = AgencyLevel.PROVINCE


def catalogue_record(**overrides) -> dict:
    """One line of the national catalogue export (the real 1.001193, shortened), with fields replaced."""
    record = {
        "ma_tthc": "1.001193",
        "ten_tthc": "Thủ tục đăng ký khai sinh",
        "linh_vuc": "Hộ tịch",
        "cap_thuc_hien": "Cấp xã",
        "cap_thuc_hien_codes": ["xa"],
        "cach_thuc_thuc_hien": [
            {
                "hinh_thuc_nop": "Trực tiếp",
                "thoi_han": "05 Ngày làm việc",
                "thoi_han_so": "05",
                "thoi_han_don_vi": "Ngày làm việc",
                "phi_le_phi": "Miễn phí",
                "mo_ta": None,
                "raw": "Trực tiếp05 Ngày làm việcMiễn phí",
                "parse_ok": True,
            }
        ],
        "thanh_phan_ho_so": [
            {
                "nhom": "Giấy tờ phải nộp",
                "ten_giay_to": "Giấy chứng sinh",
                "so_luong": "1 bản chính",
                "mau_don_tep_doan": None,
            }
        ],
        "ket_qua": [{"ten": "Giấy khai sinh", "ma": "KQ.G15.000031"}],
        "can_cu_phap_ly_so_hieu": ["123/2015/NĐ-CP", "123/2015/NĐ-CP", "04/2020/TT-BTP"],
        "source": "test:khai-sinh",
        "co_trong_ds_dvc_truc_tuyen_2025": True,
    }
    record.update(overrides)
    return record


def channel_row(**overrides) -> dict:
    row = dict(catalogue_record()["cach_thuc_thuc_hien"][0])
    row.update(overrides)
    return row
