import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.constants import ChannelKind, FlagReason, ImportSkipReason, Level, TimeUnit
from motcua.catalog.parsing import RecordRejected, local_key_for, parse_record, procedure_name_key
from motcua.catalog.tests.factories import catalogue_record, channel_row


def test_structured_time_keeps_number_and_unit():
    data = parse_record(catalogue_record())

    channel = data.channels[0]
    assert channel.kind == ChannelKind.DIRECT
    assert channel.processing_time_value == Decimal("5")
    assert channel.processing_time_unit == TimeUnit.WORKING_DAY
    assert data.flags == []


def test_time_without_unit_keeps_number_leaves_unit_empty_and_flags_record():
    data = parse_record(
        catalogue_record(cach_thuc_thuc_hien=[channel_row(thoi_han="1", thoi_han_so="1", thoi_han_don_vi=None)])
    )

    assert data.channels[0].processing_time_value == Decimal("1")
    assert data.channels[0].processing_time_unit == ""
    assert data.channels[0].time_text == "1"
    assert data.flags == [FlagReason.TIME_WITHOUT_UNIT]


def test_time_given_only_as_words_has_no_value_and_flags_record():
    words = "Ngay trong ngày tiếp nhận hồ sơ"
    data = parse_record(
        catalogue_record(cach_thuc_thuc_hien=[channel_row(thoi_han=words, thoi_han_so=None, thoi_han_don_vi=None)])
    )

    assert data.channels[0].processing_time_value is None
    assert data.channels[0].time_text == words
    assert FlagReason.TIME_NOT_NUMERIC in data.flags


def test_half_day_and_hours_are_kept_exactly():
    data = parse_record(
        catalogue_record(
            cach_thuc_thuc_hien=[
                channel_row(thoi_han_so="0,5", thoi_han_don_vi="Ngày"),
                channel_row(thoi_han_so="8", thoi_han_don_vi="Giờ"),
            ]
        )
    )

    assert [(c.processing_time_value, c.processing_time_unit) for c in data.channels] == [
        (Decimal("0.5"), TimeUnit.DAY),
        (Decimal("8"), TimeUnit.HOUR),
    ]


@pytest.mark.parametrize(
    ("number", "unit"),
    [("-3", "Ngày"), ("400000", "Ngày"), ("12100", "Tháng"), ("9000000", "Giờ"), ("366001", None), ("NaN", "Ngày")],
)
def test_absurd_time_rejects_the_record(number, unit):
    record = catalogue_record(cach_thuc_thuc_hien=[channel_row(thoi_han_so=number, thoi_han_don_vi=unit)])

    with pytest.raises(RecordRejected) as rejected:
        parse_record(record)

    assert rejected.value.reason == ImportSkipReason.ABSURD_TIME


def test_thousand_year_limit_is_not_reached_by_long_real_deadlines():
    data = parse_record(catalogue_record(cach_thuc_thuc_hien=[channel_row(thoi_han_so="300", thoi_han_don_vi="Ngày")]))

    assert data.channels[0].processing_time_value == Decimal("300")


@pytest.mark.parametrize("name", [None, "", "   "])
def test_record_without_name_is_rejected(name):
    with pytest.raises(RecordRejected) as rejected:
        parse_record(catalogue_record(ten_tthc=name))

    assert rejected.value.reason == ImportSkipReason.MISSING_NAME


@pytest.mark.parametrize("record", [[], "text", 42, None])
def test_line_that_is_not_an_object_is_rejected(record):
    with pytest.raises(RecordRejected) as rejected:
        parse_record(record)

    assert rejected.value.reason == ImportSkipReason.NOT_AN_OBJECT


@pytest.mark.parametrize("code", ["1 001193", "<script>", "LOCAL-ABC", "x" * 40])
def test_malformed_code_is_rejected(code):
    with pytest.raises(RecordRejected) as rejected:
        parse_record(catalogue_record(ma_tthc=code))

    assert rejected.value.reason == ImportSkipReason.BAD_CODE


def test_record_without_code_gets_local_key_derived_from_source_and_is_flagged():
    source = "github:trannguyenhan/dichvucong_7sins@940c6f2 databases/data.json [index 0]"
    first = parse_record(catalogue_record(ma_tthc=None, source=source))
    again = parse_record(catalogue_record(ma_tthc=None, source=source, ten_tthc="Tên khác"))

    assert first.code is None
    assert first.local_key == again.local_key == local_key_for(source)
    assert first.local_key.startswith("LOCAL-")
    assert FlagReason.NO_NATIONAL_CODE in first.flags


def test_record_without_code_or_source_is_rejected():
    with pytest.raises(RecordRejected) as rejected:
        parse_record(catalogue_record(ma_tthc=None, source=None))

    assert rejected.value.reason == ImportSkipReason.NO_KEY


def test_decomposed_source_text_is_stored_composed():
    decomposed = unicodedata.normalize("NFD", "Báo cáo kết quả xác minh")
    data = parse_record(
        catalogue_record(
            ten_tthc=unicodedata.normalize("NFD", "Thủ tục đăng ký khai sinh"),
            thanh_phan_ho_so=[{"nhom": None, "ten_giay_to": decomposed, "so_luong": "1 bản chính"}],
        )
    )

    assert data.name == "Thủ tục đăng ký khai sinh"
    assert data.documents[0].name == "Báo cáo kết quả xác minh"


def test_steps_keep_their_line_breaks():
    data = parse_record(
        catalogue_record(trinh_tu_thuc_hien="Bước 1: Nộp hồ sơ\r\n\r\n\r\n\r\nBước 2:   Nhận kết quả  ")
    )

    assert data.steps == "Bước 1: Nộp hồ sơ\n\nBước 2: Nhận kết quả"


def test_unsplit_channel_keeps_raw_text_and_flags_record():
    raw = "Trực tuyến120,000 VNĐ(Theo khoản 1 Điều 3 Thông tư số 172/2010/TT-BTC)"
    row = {
        "hinh_thuc_nop": "Trực tuyến",
        "thoi_han": None,
        "thoi_han_so": None,
        "thoi_han_don_vi": None,
        "raw": raw,
        "parse_ok": False,
    }
    data = parse_record(catalogue_record(cach_thuc_thuc_hien=[row]))

    assert data.channels[0].parse_ok is False
    assert data.channels[0].raw == raw
    assert FlagReason.CHANNEL_NOT_SPLIT in data.flags
    assert data.has_online_channel is True


def test_unknown_channel_and_level_are_flagged_not_guessed():
    data = parse_record(
        catalogue_record(
            cap_thuc_hien_codes=["xa", "thon"], cach_thuc_thuc_hien=[channel_row(hinh_thuc_nop="Qua Zalo")]
        )
    )

    assert data.levels == (Level.COMMUNE,)
    assert data.channels[0].kind == ChannelKind.OTHER
    assert {FlagReason.UNKNOWN_LEVEL, FlagReason.UNKNOWN_CHANNEL} <= set(data.flags)


def test_result_code_glued_to_its_name_is_separated():
    data = parse_record(
        catalogue_record(ket_qua=[{"ten": "Quyết định giải quyết khiếu nại lần 1Mã: KQ.G01.00262", "ma": None}])
    )

    assert data.results == [{"ten": "Quyết định giải quyết khiếu nại lần 1", "ma": "KQ.G01.00262"}]


def test_legal_basis_numbers_are_kept_once_in_source_order():
    assert parse_record(catalogue_record()).legal_basis == ["123/2015/NĐ-CP", "04/2020/TT-BTP"]


def test_ranking_key_drops_generic_leading_word():
    assert procedure_name_key("Thủ tục đăng ký khai sinh") == "dang ky khai sinh"
    assert procedure_name_key("Đăng ký thường trú") == "dang ky thuong tru"


def test_content_hash_changes_with_content_only():
    assert parse_record(catalogue_record()).content_hash() == parse_record(catalogue_record()).content_hash()
    assert (
        parse_record(catalogue_record()).content_hash()
        != parse_record(catalogue_record(linh_vuc="Chứng thực")).content_hash()
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=3),
    max_leaves=12,
)
record_keys = st.sampled_from(
    [
        "ma_tthc",
        "ten_tthc",
        "linh_vuc",
        "cap_thuc_hien_codes",
        "cach_thuc_thuc_hien",
        "thanh_phan_ho_so",
        "ket_qua",
        "can_cu_phap_ly_so_hieu",
        "trinh_tu_thuc_hien",
        "source",
        "detail_url",
    ]
)


@given(st.dictionaries(record_keys, json_values, max_size=6))
def test_any_malformed_field_is_either_parsed_or_rejected_with_a_reason(overrides):
    try:
        data = parse_record(catalogue_record(**overrides))
    except RecordRejected as rejected:
        assert rejected.reason in ImportSkipReason.values
        assert rejected.message
    else:
        assert data.name and data.key
