"""Deployment overrides of the national calendar: model rules, services, selectors and the admin screens."""

import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from motcua.core import selectors, services
from motcua.core.calendar import is_working_day
from motcua.core.constants import CalendarOverrideKind
from motcua.core.models import CalendarOverride
from motcua.core.tests.factories import CalendarOverrideFactory

pytestmark = pytest.mark.django_db


def test_save_stores_reason_and_decision_number_in_nfc():
    override = CalendarOverrideFactory(
        reason=unicodedata.normalize("NFD", "Nghỉ  bù ngày Quốc khánh "), decision_number=" 12/QĐ-UBND"
    )
    override.refresh_from_db()
    assert override.reason == "Nghỉ bù ngày Quốc khánh"
    assert override.decision_number == "12/QĐ-UBND"


@pytest.mark.parametrize(
    ("day", "kind", "message"),
    [
        (date(2021, 6, 20), CalendarOverrideKind.DAY_OFF, "20/06/2021 đã là ngày nghỉ"),  # a Sunday
        (date(2021, 2, 12), CalendarOverrideKind.DAY_OFF, "12/02/2021 đã là ngày nghỉ"),  # Mùng một Tết
        (date(2021, 6, 16), CalendarOverrideKind.WORKING_DAY, "16/06/2021 đã là ngày làm việc"),
        (date(2025, 4, 26), CalendarOverrideKind.WORKING_DAY, "26/04/2025 đã là ngày làm việc"),  # national swap
    ],
)
def test_an_override_that_changes_nothing_is_refused(day, kind, message):
    with pytest.raises(ValidationError) as error:
        services.calendar_override_save(override=CalendarOverride(date=day, kind=kind, reason="Điều chỉnh"))
    assert message in error.value.message_dict["date"][0]
    assert not CalendarOverride.objects.exists()


def test_an_override_needs_a_reason():
    with pytest.raises(ValidationError) as error:
        services.calendar_override_save(
            override=CalendarOverride(date=date(2021, 6, 17), kind=CalendarOverrideKind.DAY_OFF, reason="   ")
        )
    assert "reason" in error.value.message_dict


def test_one_override_per_day():
    CalendarOverrideFactory(date=date(2021, 6, 17))
    with pytest.raises(ValidationError) as error:
        CalendarOverrideFactory(date=date(2021, 6, 17))
    assert "date" in error.value.message_dict
    assert CalendarOverride.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "thu_bay", "reason": "Điều chỉnh"},
        {"kind": CalendarOverrideKind.DAY_OFF, "reason": ""},
    ],
)
def test_database_refuses_invalid_rows_written_around_the_service(fields):
    with pytest.raises(IntegrityError):
        CalendarOverride.objects.create(date=date(2021, 6, 17), **fields)


def test_selector_lists_every_override_by_date():
    CalendarOverrideFactory(date=date(2021, 6, 17), kind=CalendarOverrideKind.DAY_OFF)
    CalendarOverrideFactory(date=date(2021, 6, 19), kind=CalendarOverrideKind.WORKING_DAY, reason="Làm bù")
    assert selectors.calendar_override_kinds() == {
        date(2021, 6, 17): CalendarOverrideKind.DAY_OFF,
        date(2021, 6, 19): CalendarOverrideKind.WORKING_DAY,
    }


def test_admin_adds_an_override_that_the_calendar_uses_at_once(admin_client):
    assert is_working_day(date(2021, 6, 17))
    response = admin_client.post(
        reverse("admin:core_calendaroverride_add"),
        {"date": "2021-06-17", "kind": CalendarOverrideKind.DAY_OFF, "reason": "Nghỉ do mưa lũ"},
    )
    assert response.status_code == 302
    assert CalendarOverride.objects.get().date == date(2021, 6, 17)
    assert not is_working_day(date(2021, 6, 17))


def test_admin_shows_a_vietnamese_error_and_stores_nothing_for_a_useless_override(admin_client):
    response = admin_client.post(
        reverse("admin:core_calendaroverride_add"),
        {"date": "2021-06-19", "kind": CalendarOverrideKind.DAY_OFF, "reason": "Nghỉ"},
    )
    assert response.status_code == 200
    assert "19/06/2021 đã là ngày nghỉ theo lịch chung" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_admin_list_shows_the_weekday(admin_client):
    CalendarOverrideFactory(date=date(2021, 6, 19), kind=CalendarOverrideKind.WORKING_DAY, reason="Làm bù")
    response = admin_client.get(reverse("admin:core_calendaroverride_changelist"))
    assert response.status_code == 200
    assert "Thứ Bảy" in response.content.decode()


def test_admin_bulk_delete_restores_the_calendar(admin_client):
    override = CalendarOverrideFactory(date=date(2021, 6, 17))
    assert not is_working_day(date(2021, 6, 17))
    response = admin_client.post(
        reverse("admin:core_calendaroverride_changelist"),
        {"action": "delete_selected", "_selected_action": [override.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert is_working_day(date(2021, 6, 17))
