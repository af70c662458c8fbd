from decimal import Decimal

import pytest

from motcua.catalog.constants import OnlineMode, ServiceLevel, TimeUnit
from motcua.catalog.models import Procedure
from motcua.catalog.tests.factories import ChannelFactory, OfferingFactory, ProcedureFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/quan-tri/catalog/procedure/"


def test_changelist_searches_with_or_without_diacritics(admin_client):
    wanted = ProcedureFactory(name="Đăng ký khai sinh lưu động")
    ProcedureFactory(name="Cấp giấy phép xây dựng")

    for term in ["khai sinh lưu động", "khai sinh luu dong", wanted.code]:
        page = admin_client.get(CHANGELIST, {"q": term}).content.decode()
        assert wanted.name in page and "Cấp giấy phép xây dựng" not in page


def test_changelist_filters_by_level_service_level_and_flag(admin_client):
    ProcedureFactory(at_commune=True, is_flagged=True, flags=["time_without_unit"], name="Thủ tục cấp xã cần rà soát")

    response = admin_client.get(CHANGELIST, {"cap": "xa", "is_flagged__exact": "1", "service_level__isnull": "True"})

    assert response.status_code == 200
    assert "Thủ tục cấp xã cần rà soát" in response.content.decode()


def test_change_form_shows_channels_documents_and_offerings(admin_client):
    procedure = ProcedureFactory(flags=["time_without_unit"], is_flagged=True)
    ChannelFactory(procedure=procedure, fee_text="Lệ phí: 8.000 đồng")
    RequiredDocumentFactory(procedure=procedure, name="Giấy chứng sinh")
    OfferingFactory(procedure=procedure)

    page = admin_client.get(f"{CHANGELIST}{procedure.pk}/change/").content.decode()

    assert "Lệ phí: 8.000 đồng" in page and "Giấy chứng sinh" in page
    assert "Thời hạn giải quyết có số nhưng không có đơn vị" in page


def test_administrator_sets_service_level_and_online_mode_follows(admin_client):
    procedure = ProcedureFactory(name="Tên từ nguồn")

    response = admin_client.post(
        f"{CHANGELIST}{procedure.pk}/change/",
        {
            "service_level": "4",
            "name": "Tên bị sửa tay",
            "channels-TOTAL_FORMS": "0",
            "channels-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "offerings-TOTAL_FORMS": "0",
            "offerings-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    procedure = Procedure.objects.get(pk=procedure.pk)
    assert (procedure.service_level, procedure.online_mode) == (ServiceLevel.FULL, OnlineMode.FULL)
    assert procedure.name == "Tên từ nguồn"


def test_offering_admin_lists_deployment_data(admin_client):
    offering = OfferingFactory()

    page = admin_client.get("/quan-tri/catalog/offering/").content.decode()

    assert offering.agency.name in page
    assert admin_client.get("/quan-tri/catalog/offering/add/").status_code == 200


def test_offering_added_in_admin_is_validated_and_saved(admin_client):
    procedure = ProcedureFactory()
    agency = OfferingFactory().agency

    response = admin_client.post(
        "/quan-tri/catalog/offering/add/",
        {"procedure": procedure.pk, "agency": agency.pk, "level": "tinh", "service_level": "3", "is_active": "on"},
    )

    assert response.status_code == 302
    assert procedure.offerings.get().agency == agency


def test_administrator_states_the_time_unit_the_source_left_out(admin_client):
    channel = ChannelFactory(processing_time_value=Decimal("1"), processing_time_unit="")
    procedure = channel.procedure

    response = admin_client.post(
        f"{CHANGELIST}{procedure.pk}/change/",
        {
            "service_level": "",
            "channels-TOTAL_FORMS": "1",
            "channels-INITIAL_FORMS": "1",
            "channels-0-id": str(channel.pk),
            "channels-0-procedure": str(procedure.pk),
            "channels-0-processing_time_value": "1",
            "channels-0-processing_time_unit": TimeUnit.WORKING_DAY,
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "offerings-TOTAL_FORMS": "0",
            "offerings-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.processing_time_unit == TimeUnit.WORKING_DAY
