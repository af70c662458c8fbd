"""Staff intake end to end through the pages: at the counter, nộp hộ (assisted online) and by post."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.constants import Channel, DossierStatus, Intake
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import StaffFactory, pdf

pytestmark = pytest.mark.django_db


def intake_url(kind: str, desk) -> str:
    return reverse("dossiers:intake", args=[kind, desk.procedure.key])


def applicant_fields(**overrides) -> dict:
    return {
        "name": "Giàng Thị Sua",
        "id_number": "002190000777",
        "phone": "0912 345 678",
        "address": "Thôn Lũng Cú, xã Lũng Cú",
        **overrides,
    }


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_chooser_offers_only_the_intakes_the_roles_allow_and_finds_the_procedure(client, desk):
    client.force_login(desk.postal)
    page = client.get(reverse("dossiers:intake-start"))
    assert [value for value, _label in page.context["form"].fields["kieu"].choices] == ["nop-ho", "buu-chinh"]

    found = client.get(
        reverse("dossiers:intake-start"), {"kieu": "buu-chinh", "co_quan": desk.agency.code, "q": "giấy phép"}
    )
    assert found.context["procedures"] == [desk.procedure]
    assert f"{intake_url('buu-chinh', desk)}?co_quan={desk.agency.code}" in found.content.decode().replace(
        "&amp;", "&"
    )


def test_a_link_naming_the_procedure_opens_the_chooser_without_complaints(client, desk):
    client.force_login(desk.clerk)
    page = client.get(reverse("dossiers:intake-start"), {"q": desk.procedure.key})
    assert page.status_code == 200
    assert page.context["form"]["q"].value() == desk.procedure.key
    found = client.get(reverse("dossiers:intake-start"), {"kieu": "tai-quay", "q": desk.procedure.key})
    assert found.status_code == 200
    assert found.context["procedures"] == [desk.procedure]


def test_chooser_refuses_an_agency_the_person_does_not_work_at(client, desk):
    client.force_login(desk.clerk)
    response = client.get(reverse("dossiers:intake-start"), {"kieu": "tai-quay", "co_quan": "000.00.01.H22"})
    assert response.status_code == 400


def test_staff_without_an_intake_role_have_no_chooser(client, desk):
    client.force_login(desk.specialist)
    assert client.get(reverse("dossiers:intake-start")).status_code == 404
    assert client.get(intake_url("tai-quay", desk)).status_code == 302


def test_counter_intake_accepts_at_once_with_code_receipt_and_the_citizens_account(client, desk):
    client.force_login(desk.clerk)
    form = client.get(intake_url("tai-quay", desk))
    assert form.status_code == 200
    assert 'id="id_giay-to-1"' in form.content.decode()

    response = client.post(
        intake_url("tai-quay", desk),
        {
            "agency": desk.agency.code,
            "account": desk.citizen.cccd,
            **applicant_fields(name="Nguyễn Văn An", id_number=desk.citizen.cccd),
            "giay-to-1": pdf("to-khai-scan.pdf"),
            "giay-to-2": pdf("cccd-scan.pdf"),
        },
    )

    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dossiers:staff-detail", args=[dossier.pk])
    assert (dossier.status, dossier.channel, dossier.intake) == (DossierStatus.RECEIVED, Channel.DIRECT, Intake.COUNTER)
    assert dossier.code and dossier.applicant == desk.citizen
    assert set(dossier.documents.exclude(file="").values_list("source", flat=True)) == {"digitised"}
    page = client.get(response["Location"]).content.decode()
    assert f"Mã hồ sơ: {dossier.code}" in page
    receipt_url = reverse("dossiers:slip", args=[dossier.pk, "mau-01", dossier.events.get(action="accept").pk])
    assert receipt_url in page
    assert client.get(receipt_url)["Content-Type"] == "application/pdf"

    client.force_login(desk.citizen)
    assert client.get(reverse("dossiers:mine")).context["page"].items == [dossier]
    assert client.get(receipt_url).status_code == 200


def test_counter_intake_for_a_walk_in_without_an_account(client, desk):
    client.force_login(desk.clerk)
    response = client.post(
        intake_url("tai-quay", desk),
        {"agency": desk.agency.code, **applicant_fields(), "giay-to-1": pdf(), "giay-to-2": pdf("cccd.pdf")},
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert (dossier.applicant, dossier.applicant_name, dossier.applicant_phone) == (None, "Giàng Thị Sua", "0912345678")


def test_counter_intake_with_a_missing_paper_stores_nothing(client, desk, settings):
    client.force_login(desk.clerk)
    response = client.post(
        intake_url("tai-quay", desk), {"agency": desk.agency.code, **applicant_fields(), "giay-to-1": pdf()}
    )
    assert response.status_code == 400
    assert "Bản sao Căn cước công dân" in response.content.decode()
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_intake_names_an_unknown_account_at_its_field(client, desk):
    client.force_login(desk.clerk)
    response = client.post(
        intake_url("tai-quay", desk),
        {"agency": desk.agency.code, "account": "001099009999", **applicant_fields(), "giay-to-1": pdf()},
    )
    assert response.status_code == 400
    assert '<a href="#id_account">' in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_clerk_cannot_take_in_for_an_agency_they_do_not_work_at(client, desk):
    client.force_login(desk.clerk)
    response = client.post(
        intake_url("tai-quay", desk),
        {"agency": "000.00.01.H22", **applicant_fields(), "giay-to-1": pdf(), "giay-to-2": pdf()},
    )
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_assisted_online_by_postal_staff_is_recorded_as_such_then_accepted_by_the_clerk(client, desk):
    client.force_login(desk.postal)
    response = client.post(
        intake_url("nop-ho", desk),
        {
            "agency": desk.agency.code,
            "account": desk.citizen.cccd,
            **applicant_fields(name="Nguyễn Văn An", id_number=desk.citizen.cccd),
            "giay-to-1": pdf(),
            "giay-to-2": pdf("cccd.pdf"),
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert (dossier.status, dossier.channel, dossier.intake) == (DossierStatus.SUBMITTED, Channel.ONLINE, Intake.ASSISTED)
    assert (dossier.submitter, dossier.applicant) == (desk.postal, desk.citizen)
    assert client.get(response["Location"]).status_code == 200

    client.force_login(desk.clerk)
    assert client.get(reverse("dossiers:staff-inbox")).context["page"].items == [dossier]
    client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]), {"tiep-nhan-version": dossier.version}
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED

    client.force_login(desk.citizen)
    assert "Được tiếp nhận" in client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()


def test_postal_intake_takes_the_hand_over_time_as_the_legal_submission_time(client, desk):
    handed_over = timezone.localtime() - timedelta(hours=2)
    client.force_login(desk.postal)
    response = client.post(
        intake_url("buu-chinh", desk),
        {
            "agency": desk.agency.code,
            "handed_over_at": handed_over.strftime("%d/%m/%Y %H:%M"),
            **applicant_fields(),
            "giay-to-1": pdf(),
            "giay-to-2": pdf("cccd.pdf"),
        },
    )
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert (dossier.status, dossier.channel, dossier.intake) == (DossierStatus.SUBMITTED, Channel.POSTAL, Intake.POSTAL)
    assert dossier.submitted_at == handed_over.replace(second=0, microsecond=0)
    assert client.get(response["Location"]).status_code == 200

    client.force_login(desk.clerk)
    client.post(
        reverse("dossiers:staff-action", args=[dossier.pk, "tiep-nhan"]), {"tiep-nhan-version": dossier.version}
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.received_at) == (DossierStatus.RECEIVED, dossier.submitted_at)


def test_postal_intake_refuses_a_hand_over_in_the_future_at_its_field(client, desk, settings):
    client.force_login(desk.postal)
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = client.post(
        intake_url("buu-chinh", desk),
        {
            "agency": desk.agency.code,
            "handed_over_at": tomorrow.strftime("%d/%m/%Y %H:%M"),
            **applicant_fields(),
            "giay-to-1": pdf(),
            "giay-to-2": pdf(),
        },
    )
    assert response.status_code == 400
    assert '<a href="#id_handed_over_at">' in response.content.decode()
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_staff_without_a_role_at_the_agency_cannot_use_a_kind_link(client, desk):
    client.force_login(StaffFactory())
    assert client.get(intake_url("nop-ho", desk)).status_code == 404


def test_citizen_account_given_for_assisted_online_must_be_a_citizen(client, desk):
    client.force_login(desk.clerk)
    response = client.post(
        intake_url("nop-ho", desk),
        {
            "agency": desk.agency.code,
            "account": desk.leader.username,
            **applicant_fields(),
            "giay-to-1": pdf(),
            "giay-to-2": pdf(),
        },
    )
    assert response.status_code == 400
    assert not Dossier.objects.exists()
