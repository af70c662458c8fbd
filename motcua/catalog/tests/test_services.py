import gzip
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from motcua.catalog.constants import ImportSkipReason, OnlineMode, ServiceLevel, TimeUnit
from motcua.catalog.models import Channel, Offering, Procedure, RequiredDocument
from motcua.catalog.services import (
    apply_demo_offerings,
    apply_demo_service_levels,
    import_procedures,
    set_processing_time,
    set_service_level,
)
from motcua.catalog.tests.factories import ChannelFactory, ProcedureFactory, catalogue_record, channel_row
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def write_lines(path, lines: list[str], *, compress: bool = False):
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    if compress:
        path.write_bytes(gzip.compress(payload))
    else:
        path.write_bytes(payload)
    return path


def as_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def test_malformed_lines_are_reported_with_line_numbers_and_the_rest_imports(tmp_path):
    path = write_lines(
        tmp_path / "catalogue.jsonl",
        [
            as_line(catalogue_record(ma_tthc="1.000001")),
            '{"ma_tthc": "1.000002", "ten_tthc": "Thiếu dấu đóng"',
            as_line(catalogue_record(ma_tthc="1.000003", ten_tthc=None)),
            as_line(catalogue_record(ma_tthc="1.000004", cach_thuc_thuc_hien=[channel_row(thoi_han_so="-5")])),
            as_line(
                catalogue_record(
                    ma_tthc="1.000005", cach_thuc_thuc_hien=[channel_row(thoi_han_so="500000", thoi_han_don_vi="Ngày")]
                )
            ),
            as_line(catalogue_record(ma_tthc="1.000006")),
        ],
    )

    report = import_procedures(path)

    assert (report.lines, report.created) == (6, 2)
    assert [(line.line, line.reason) for line in report.skipped] == [
        (2, ImportSkipReason.BAD_JSON),
        (3, ImportSkipReason.MISSING_NAME),
        (4, ImportSkipReason.ABSURD_TIME),
        (5, ImportSkipReason.ABSURD_TIME),
    ]
    assert all(line.message for line in report.skipped)
    assert sorted(Procedure.objects.values_list("code", flat=True)) == ["1.000001", "1.000006"]


def test_line_that_is_not_utf8_is_reported_not_fatal(tmp_path):
    path = tmp_path / "catalogue.jsonl"
    path.write_bytes(b'{"ten_tthc": "\xff\xfe"}\n' + as_line(catalogue_record()).encode("utf-8") + b"\n")

    report = import_procedures(path)

    assert [(line.line, line.reason) for line in report.skipped] == [(1, ImportSkipReason.BAD_JSON)]
    assert report.created == 1


def test_gzip_and_plain_files_import_the_same(tmp_path):
    lines = [as_line(catalogue_record())]
    gz_report = import_procedures(write_lines(tmp_path / "a.jsonl.gz", lines, compress=True))
    plain_report = import_procedures(write_lines(tmp_path / "b.jsonl", lines))

    assert (gz_report.created, plain_report.unchanged) == (1, 1)


def test_same_code_twice_in_a_file_is_imported_once_and_reported(tmp_path):
    path = write_lines(
        tmp_path / "catalogue.jsonl",
        [as_line(catalogue_record()), as_line(catalogue_record(linh_vuc="Chứng thực"))],
    )

    report = import_procedures(path)

    assert report.created == 1
    assert [(d.line, d.first_line, d.key) for d in report.duplicates] == [(2, 1, "1.001193")]
    assert Procedure.objects.get().field == "Hộ tịch"


def test_same_content_under_another_source_is_a_duplicate(tmp_path):
    first = catalogue_record(ma_tthc=None, source="crawl [index 4]")
    copy = catalogue_record(ma_tthc=None, source="crawl [index 5]", duplicate_of_previous_in_source=True)

    report = import_procedures(write_lines(tmp_path / "catalogue.jsonl", [as_line(first), as_line(copy)]))

    assert report.created == 1
    assert [(d.line, d.first_line) for d in report.duplicates] == [(2, 1)]


def test_reimport_changes_nothing_and_a_changed_record_is_updated_in_place(tmp_path):
    original = catalogue_record()
    import_procedures(write_lines(tmp_path / "v1.jsonl", [as_line(original)]))
    procedure = Procedure.objects.get()
    set_service_level(procedure, ServiceLevel.FULL)

    unchanged = import_procedures(write_lines(tmp_path / "v1-again.jsonl", [as_line(original)]))
    changed = catalogue_record(
        cach_thuc_thuc_hien=[
            channel_row(thoi_han_so="3", thoi_han_don_vi="Giờ"),
            channel_row(hinh_thuc_nop="Trực tuyến"),
        ],
        thanh_phan_ho_so=[],
    )
    updated = import_procedures(write_lines(tmp_path / "v2.jsonl", [as_line(changed)]))

    assert (unchanged.created, unchanged.updated, unchanged.unchanged) == (0, 0, 1)
    assert (updated.created, updated.updated) == (0, 1)
    procedure.refresh_from_db()
    assert procedure.pk == Procedure.objects.get().pk
    assert [(c.processing_time_value, c.processing_time_unit) for c in procedure.channels.all()] == [
        (Decimal("3"), TimeUnit.HOUR),
        (Decimal("5"), TimeUnit.WORKING_DAY),
    ]
    assert RequiredDocument.objects.count() == 0
    assert procedure.has_online_channel is True
    assert (procedure.service_level, procedure.online_mode) == (ServiceLevel.FULL, OnlineMode.FULL)


def test_companion_files_add_popularity_and_keep_raw_text_only_for_unsure_records(tmp_path):
    online_list = tmp_path / "list.csv"
    online_list.write_text(
        "ma_tthc,ten_tthc,doi_tuong,is_nganh_doc,weight_popularity,source\n1.001193,x,cong_dan,0,4321\n"
    )
    raw_text = tmp_path / "raw.jsonl"
    raw_text.write_text(
        "\n".join(
            json.dumps({"ma_tthc": code, "raw": {"can_cu_phap_ly": f"Luật Hộ tịch 60/2014/QH13 ({code})"}})
            for code in ("1.001193", "1.000002")
        )
    )
    sure = catalogue_record()
    unsure = catalogue_record(ma_tthc="1.000002", cach_thuc_thuc_hien=[channel_row(thoi_han_don_vi=None)])
    catalogue = write_lines(tmp_path / "catalogue.jsonl", [as_line(sure), as_line(unsure)])

    import_procedures(catalogue, raw_text_path=raw_text, online_list_path=online_list)

    popular, flagged = Procedure.objects.get(code="1.001193"), Procedure.objects.get(code="1.000002")
    assert (popular.popularity, flagged.popularity) == (4321, 0)
    assert popular.legal_basis_raw == "Luật Hộ tịch 60/2014/QH13 (1.001193)"
    assert popular.raw_text is None
    assert flagged.is_flagged and flagged.raw_text == {"can_cu_phap_ly": "Luật Hộ tịch 60/2014/QH13 (1.000002)"}


def test_demo_rule_sets_levels_by_online_channel_and_national_list_without_touching_set_levels():
    full = ProcedureFactory(has_online_channel=True, in_online_list_2025=True)
    partial = ProcedureFactory(has_online_channel=True, in_online_list_2025=False)
    offline = ProcedureFactory(has_online_channel=False, in_online_list_2025=True)
    decided = ProcedureFactory(has_online_channel=True, in_online_list_2025=True, service_level=ServiceLevel.FORMS)

    assigned = apply_demo_service_levels()

    levels = {p.pk: (p.service_level, p.online_mode) for p in Procedure.objects.all()}
    assert levels[full.pk] == (ServiceLevel.FULL, OnlineMode.FULL)
    assert levels[partial.pk] == (ServiceLevel.PARTIAL, OnlineMode.PARTIAL)
    assert levels[offline.pk] == (ServiceLevel.FORMS, "")
    assert levels[decided.pk] == (ServiceLevel.FORMS, "")
    assert assigned == {4: 1, 3: 1, 2: 1}
    assert apply_demo_service_levels() == {4: 0, 3: 0, 2: 0}


def test_service_level_decides_online_mode():
    procedure = ProcedureFactory()

    set_service_level(procedure, ServiceLevel.PARTIAL)
    assert Procedure.objects.get().online_mode == OnlineMode.PARTIAL
    set_service_level(procedure, None)
    assert (Procedure.objects.get().service_level, Procedure.objects.get().online_mode) == (None, "")


def test_service_level_outside_one_to_four_is_refused():
    with pytest.raises(ValueError, match="từ 1 đến 4"):
        set_service_level(ProcedureFactory(), 5)


def test_command_prints_vietnamese_report(tmp_path, capsys):
    path = write_lines(tmp_path / "catalogue.jsonl", [as_line(catalogue_record()), "not json"])

    call_command("import_procedures", str(path))

    captured = capsys.readouterr()
    assert "thêm mới 1" in captured.out and "bỏ qua 1" in captured.out
    assert "Dòng 2 bị bỏ qua: Dòng không phải JSON hợp lệ" in captured.err
    assert Channel.objects.count() == 1


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_procedures", str(tmp_path / "missing.jsonl.gz"))


# --- Demo offerings and admin-stated time limits -------------------------------------------------


def test_demo_offerings_offer_each_level_at_its_receivers_and_keep_existing_ones():
    province_procedure = ProcedureFactory(at_province=True)
    commune_procedure = ProcedureFactory(at_province=False, at_commune=True)
    centre, commune_a, commune_b = DepartmentFactory(), DepartmentFactory(), DepartmentFactory()
    kept = Offering.objects.create(procedure=commune_procedure, agency=commune_a, level="xa", service_level=2)

    created = apply_demo_offerings({"tinh": [centre], "xa": [commune_a, commune_b]})

    assert created == 2
    assert set(Offering.objects.values_list("procedure_id", "agency_id")) == {
        (province_procedure.pk, centre.pk),
        (commune_procedure.pk, commune_a.pk),
        (commune_procedure.pk, commune_b.pk),
    }
    kept.refresh_from_db()
    assert kept.service_level == 2
    assert apply_demo_offerings({"tinh": [centre], "xa": [commune_a, commune_b]}) == 0


def test_admin_can_state_the_unit_the_source_left_out():
    channel = ChannelFactory(processing_time_value=Decimal("1"), processing_time_unit="")

    set_processing_time(channel, value=Decimal("1"), unit=TimeUnit.WORKING_DAY)
    channel.refresh_from_db()
    assert channel.processing_time_unit == TimeUnit.WORKING_DAY

    with pytest.raises(ValidationError):
        set_processing_time(channel, value=None, unit=TimeUnit.WORKING_DAY)
    channel.refresh_from_db()
    assert channel.processing_time_value == Decimal("1")
