from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.catalog.constants import ServiceLevel
from motcua.dossiers import services
from motcua.dossiers.constants import Channel, DocumentSource, DossierStatus, EventAction, Intake
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.tests.checks import actions, refused
from motcua.dossiers.tests.factories import (
    PNG_BYTES,
    ApplicantFactory,
    StaffFactory,
    online_procedure,
    pdf,
    required_files,
    staff,
)
from motcua.organization.constants import StaffRole
from motcua.organization.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def refused_creation(call, *args, code=None, **kwargs) -> DossierError:
    before = (Dossier.objects.count(), DossierDocument.objects.count())
    with pytest.raises(DossierError) as caught:
        call(*args, **kwargs)
    assert (Dossier.objects.count(), DossierDocument.objects.count()) == before
    if code:
        assert caught.value.code == code, caught.value.message
    return caught.value


def test_citizen_draft_takes_applicant_data_from_the_account_and_lays_out_components(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)

    assert (dossier.status, dossier.channel, dossier.intake) == (
        DossierStatus.DRAFT,
        Channel.ONLINE,
        Intake.SELF_SERVICE,
    )
    assert (dossier.applicant, dossier.submitter) == (desk.citizen, desk.citizen)
    assert (dossier.applicant_name, dossier.applicant_cccd) == ("Nguyễn Văn An", desk.citizen.cccd)
    slots = list(dossier.documents.order_by("position").values_list("name", "required"))
    assert slots == [
        ("Tờ khai đề nghị cấp giấy phép", True),
        ("Bản sao Căn cước công dân", True),
        ("Trường hợp ủy quyền thì nộp văn bản ủy quyền", False),
        ("Giấy tờ khác (nếu có)", False),
    ]
    assert actions(dossier) == [EventAction.CREATE]


def test_online_draft_is_refused_below_service_level_three(desk):
    procedure = online_procedure(agency=desk.agency, service_level=ServiceLevel.FORMS)
    error = refused_creation(
        services.do_create_draft, desk.citizen, procedure=procedure, agency=desk.agency, code="not_online"
    )
    assert "mức độ 3" in error.message


def test_draft_is_refused_at_an_agency_that_does_not_receive_the_procedure(desk):
    other_agency = DepartmentFactory()
    refused_creation(
        services.do_create_draft, desk.citizen, procedure=desk.procedure, agency=other_agency, code="not_offered"
    )


def test_staff_without_a_desk_role_cannot_open_a_dossier(desk):
    refused_creation(
        services.do_create_draft, StaffFactory(), procedure=desk.procedure, agency=desk.agency, code="forbidden"
    )


def test_save_draft_is_for_whoever_typed_it_in(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    services.do_save_draft(
        desk.citizen, dossier, applicant=services.ApplicantData(name="Nguyễn Văn An", phone="+84 912 000 111")
    )
    dossier.refresh_from_db()
    assert dossier.applicant_phone == "0912000111"

    refused(
        dossier,
        services.do_save_draft,
        ApplicantFactory(),
        dossier,
        applicant=services.ApplicantData(name="X"),
        code="forbidden",
    )


@pytest.mark.parametrize(
    ("applicant", "code"),
    [
        (services.ApplicantData(name="<b>An</b>"), "invalid_text"),
        (services.ApplicantData(name="An\x00"), "invalid_text"),
        (services.ApplicantData(name="An", id_number="003190000001"), "invalid_id_number"),
        (services.ApplicantData(name="An", phone="12345"), "invalid_phone"),
        (services.ApplicantData(name="An", email="khong-phai-email"), "invalid_email"),
        (services.ApplicantData(name="An" * 200), "too_long"),
    ],
)
def test_bad_applicant_data_is_refused_with_a_message(desk, applicant, code):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    refused(dossier, services.do_save_draft, desk.citizen, dossier, applicant=applicant, code=code)


def test_another_citizen_cannot_attach_to_my_draft(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    refused(
        dossier, services.do_attach_document, ApplicantFactory(), dossier, position=1, upload=pdf(), code="forbidden"
    )


def test_attaching_replaces_the_slot_file_and_records_it(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    services.do_attach_document(desk.citizen, dossier, position=1, upload=pdf("lan-1.pdf"))
    document = services.do_attach_document(desk.citizen, dossier, position=1, upload=pdf("lan-2.pdf"))

    assert (document.original_name, document.source, document.content_type) == (
        "lan-2.pdf",
        DocumentSource.UPLOADED,
        "application/pdf",
    )
    assert document.file.name.startswith(f"dossiers/{dossier.pk}/") and document.file.name.endswith(".pdf")
    last = dossier.events.order_by("-id").first()
    assert last.payload["replaced"] == "lan-1.pdf"


def test_a_rejected_file_leaves_the_slot_empty(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    refused(
        dossier,
        services.do_attach_document,
        desk.citizen,
        dossier,
        position=1,
        upload=pdf("virus.pdf", b"MZ\x90\x00" * 8),
        code="file_type",
    )
    assert not dossier.documents.get(position=1).file


def test_unknown_component_position_is_refused(desk):
    dossier = services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    refused(
        dossier, services.do_attach_document, desk.citizen, dossier, position=99, upload=pdf(), code="unknown_document"
    )


def test_submission_lists_the_missing_required_components(desk):
    dossier = desk.draft(files={1: pdf()})
    error = refused(dossier, services.do_submit_online, desk.citizen, dossier, code="missing_documents")
    assert "Bản sao Căn cước công dân" in error.message


def test_online_submission_makes_the_dossier_new_for_the_desk(desk):
    dossier = services.do_submit_online(desk.citizen, desk.draft())
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.submitted_at is not None and dossier.code is None
    assert actions(dossier) == [EventAction.CREATE, EventAction.ATTACH, EventAction.ATTACH, EventAction.SUBMIT]


def test_only_the_one_who_typed_the_draft_submits_it(desk):
    dossier = desk.draft()
    refused(dossier, services.do_submit_online, ApplicantFactory(), dossier, code="forbidden")
    refused(dossier, services.do_submit_online, desk.clerk, dossier, code="forbidden")


def test_a_submitted_dossier_no_longer_takes_the_citizens_files(desk):
    dossier = desk.submitted()
    refused(dossier, services.do_attach_document, desk.citizen, dossier, position=3, upload=pdf(), code="invalid_state")


def test_assisted_submission_is_recorded_as_made_for_the_citizen(desk):
    dossier = services.do_submit_assisted(
        desk.clerk,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(),
        files=required_files(),
        on_behalf_of=desk.citizen,
    )
    assert (dossier.intake, dossier.channel, dossier.status) == (
        Intake.ASSISTED,
        Channel.ONLINE,
        DossierStatus.SUBMITTED,
    )
    assert (dossier.submitter, dossier.applicant, dossier.applicant_name) == (desk.clerk, desk.citizen, "Nguyễn Văn An")
    assert set(dossier.documents.exclude(file="").values_list("source", flat=True)) == {DocumentSource.DIGITISED}
    assert dossier.is_assisted


def test_postal_staff_may_submit_for_a_citizen_too(desk):
    dossier = services.do_submit_assisted(
        desk.postal,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Lò Văn Páo"),
        files=required_files(),
    )
    assert (dossier.submitter, dossier.applicant, dossier.intake) == (desk.postal, None, Intake.ASSISTED)


def test_a_citizen_cannot_use_assisted_submission(desk):
    refused_creation(
        services.do_submit_assisted,
        desk.citizen,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(),
        files=required_files(),
        code="forbidden",
    )


def test_counter_intake_enters_scans_and_accepts_in_one_go(desk):
    dossier = services.do_receive_at_counter(
        desk.clerk,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Giàng Seo Phử", id_number="002090000777"),
        files={1: pdf(), 2: pdf("cccd.png", PNG_BYTES)},
    )
    assert (dossier.status, dossier.channel, dossier.intake) == (DossierStatus.RECEIVED, Channel.DIRECT, Intake.COUNTER)
    assert dossier.applicant is None and dossier.code and dossier.due_at
    assert actions(dossier) == [
        EventAction.CREATE,
        EventAction.ATTACH,
        EventAction.ATTACH,
        EventAction.SUBMIT,
        EventAction.ACCEPT,
    ]


def test_counter_intake_without_a_name_stores_nothing(desk, settings):
    refused_creation(
        services.do_receive_at_counter,
        desk.clerk,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(),
        files=required_files(),
        code="required",
    )
    stored = [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()] if settings.MEDIA_ROOT.exists() else []
    assert stored == [], "the scans of a refused intake are deleted with it"


def test_only_a_clerk_of_the_agency_receives_at_its_counter(desk):
    other_clerk = staff(DepartmentFactory(), StaffRole.CLERK)
    for actor in (other_clerk, desk.postal, desk.citizen):
        refused_creation(
            services.do_receive_at_counter,
            actor,
            procedure=desk.procedure,
            agency=desk.agency,
            applicant=services.ApplicantData(name="Giàng Seo Phử"),
            files=required_files(),
            code="forbidden",
        )


def test_postal_handover_time_is_the_legal_submission_time(desk):
    handed_over_at = timezone.now() - timedelta(hours=20)
    dossier = services.do_receive_postal(
        desk.postal,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Vàng Thị Mỷ"),
        files=required_files(),
        handed_over_at=handed_over_at,
    )
    assert (dossier.status, dossier.channel, dossier.intake) == (DossierStatus.SUBMITTED, Channel.POSTAL, Intake.POSTAL)
    assert dossier.submitted_at == handed_over_at

    accepted = services.do_accept(desk.clerk, dossier)
    assert accepted.received_at == handed_over_at
    assert accepted.code.split("-")[1] == timezone.localdate(handed_over_at).strftime("%y%m%d")


@pytest.mark.parametrize("hours_ago", [-1, 24 * 40])
def test_postal_handover_in_the_future_or_long_ago_is_refused(desk, hours_ago):
    refused_creation(
        services.do_receive_postal,
        desk.postal,
        procedure=desk.procedure,
        agency=desk.agency,
        applicant=services.ApplicantData(name="Vàng Thị Mỷ"),
        files=required_files(),
        handed_over_at=timezone.now() - timedelta(hours=hours_ago),
        code="invalid_time",
    )
