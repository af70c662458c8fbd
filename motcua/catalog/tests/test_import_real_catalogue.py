"""The importer on the real national catalogue (2,936 records), imported once for this module."""

import gzip
import json
import unicodedata

import pytest

from motcua.catalog.constants import LEVEL_FIELDS, FlagReason, Level, ServiceLevel
from motcua.catalog.models import Channel, Procedure
from motcua.catalog.parsing import local_key_for
from motcua.catalog.services import import_procedures
from motcua.catalog.tests.fixtures import REAL_CATALOGUE

pytestmark = pytest.mark.django_db


def real_records() -> list[dict]:
    with gzip.open(REAL_CATALOGUE, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def test_every_record_is_read_and_all_but_the_two_duplicates_are_created(real_catalogue):
    assert real_catalogue.lines == 2936
    assert real_catalogue.skipped == []
    assert (real_catalogue.created, real_catalogue.updated) == (2934, 0)
    assert Procedure.objects.count() == 2934


def test_the_two_duplicated_2021_records_are_recognised(real_catalogue):
    duplicates = {(d.line, d.first_line) for d in real_catalogue.duplicates}
    records = real_records()

    assert duplicates == {(2855, 2854), (2890, 2860)}
    for line, first_line in duplicates:
        assert records[line - 1]["ten_tthc"] == records[first_line - 1]["ten_tthc"]
        assert records[line - 1]["duplicate_of_previous_in_source"] is True


def test_records_without_national_code_get_the_local_key_of_their_source(real_catalogue):
    codeless = [record for record in real_records() if record["ma_tthc"] is None]
    expected = {local_key_for(record["source"]) for record in codeless}

    duplicate_keys = {duplicate.key for duplicate in real_catalogue.duplicates}

    assert len(codeless) == len(expected) == 87
    assert (
        set(Procedure.objects.filter(code__isnull=True).values_list("local_key", flat=True))
        == expected - duplicate_keys
    )
    assert len(expected - duplicate_keys) == 85
    assert all(
        FlagReason.NO_NATIONAL_CODE in flags
        for flags in Procedure.objects.filter(code__isnull=True).values_list("flags", flat=True)
    )


def test_second_import_changes_nothing(real_catalogue):
    before = dict(Procedure.objects.values_list("pk", "content_hash"))

    report = import_procedures(REAL_CATALOGUE)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2934)
    assert dict(Procedure.objects.values_list("pk", "content_hash")) == before


def test_fresh_import_gives_the_same_keys(real_catalogue):
    keys = set(Procedure.objects.values_list("code", "local_key"))
    Procedure.objects.all().delete()

    import_procedures(REAL_CATALOGUE)

    assert set(Procedure.objects.values_list("code", "local_key")) == keys


def test_flagged_records_and_their_reasons(real_catalogue):
    flagged = Procedure.objects.filter(is_flagged=True)

    assert real_catalogue.flagged == flagged.count() == 614
    assert not Procedure.objects.filter(is_flagged=False).exclude(flags=[]).exists()
    khai_sinh = Procedure.objects.get(code="1.001193")
    assert khai_sinh.flags == [FlagReason.TIME_WITHOUT_UNIT]
    assert khai_sinh.raw_text is not None


def test_birth_registration_is_imported_with_its_real_details(real_catalogue):
    khai_sinh = Procedure.objects.get(code="1.001193")

    assert khai_sinh.name == "Thủ tục đăng ký khai sinh"
    assert khai_sinh.levels == [Level.COMMUNE]
    assert khai_sinh.field == "Hộ tịch"
    assert khai_sinh.popularity > 0 and khai_sinh.in_online_list_2025
    assert khai_sinh.service_level == ServiceLevel.FULL
    assert {channel.kind for channel in khai_sinh.channels.all()} == {"direct", "online", "postal"}
    assert all(channel.processing_time_unit == "" for channel in khai_sinh.channels.all())
    assert {"Giấy tờ phải nộp", "Giấy tờ phải xuất trình"} <= set(khai_sinh.documents.values_list("group", flat=True))
    assert "123/2015/NĐ-CP" in khai_sinh.legal_basis
    assert khai_sinh.results[0]["ma"] == "KQ.G15.000031"


def test_level_counts_match_the_published_figures(real_catalogue):
    # data README: 1,288 records include cấp tỉnh, 673 cấp xã, 1,553 cấp bộ; 2,233 have an online channel.
    counts = {level: Procedure.objects.filter(**{LEVEL_FIELDS[level]: True}).count() for level in Level}

    assert (counts[Level.PROVINCE], counts[Level.COMMUNE], counts[Level.MINISTRY]) == (1288, 673, 1553)
    assert Procedure.objects.filter(has_online_channel=True).count() == 2233 - 2  # the two duplicates offered online


def test_every_stored_text_is_nfc(real_catalogue):
    for name, steps in Procedure.objects.values_list("name", "steps"):
        assert unicodedata.is_normalized("NFC", name) and unicodedata.is_normalized("NFC", steps)
    assert all(unicodedata.is_normalized("NFC", text) for text in Channel.objects.values_list("fee_text", flat=True))
