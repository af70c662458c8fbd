import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.documents import selectors, services
from motcua.documents.constants import StoredSource
from motcua.documents.errors import StoreError
from motcua.documents.models import StoredDocument
from motcua.documents.tests.factories import ApplicantFactory, accepted, pdf_upload, scanned_pdf
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DocumentSource, EventAction
from motcua.dossiers.signals import event_committed

pytestmark = pytest.mark.django_db


def _stored_hashes(owner):
    return sorted(selectors.stored_documents_of(owner).values_list("sha256", flat=True))


def test_accepting_a_dossier_keeps_its_components_in_the_applicants_store(desk, django_capture_on_commit_callbacks):
    dossier = accepted(desk, django_capture_on_commit_callbacks)

    stored = list(selectors.stored_documents_of(desk.citizen).order_by("name"))
    assert [document.name for document in stored] == ["Bản sao Căn cước công dân", "Tờ khai đề nghị cấp giấy phép"]
    assert {document.source for document in stored} == {StoredSource.ACCEPTED_COMPONENT}
    assert {document.source_dossier_code for document in stored} == {dossier.code}
    for document in stored:
        with document.file.open("rb") as kept:
            assert hashlib.sha256(kept.read()).hexdigest() == document.sha256


def test_a_replayed_accept_event_keeps_each_file_once(desk, django_capture_on_commit_callbacks):
    committed = []

    def remember(sender, event, **kwargs):
        committed.append(event)

    event_committed.connect(remember, dispatch_uid="documents.tests.remember")
    try:
        accepted(desk, django_capture_on_commit_callbacks)
    finally:
        event_committed.disconnect(dispatch_uid="documents.tests.remember")
    before = _stored_hashes(desk.citizen)
    accept_event = next(event for event in committed if event.action == EventAction.ACCEPT)

    event_committed.send(sender=type(accept_event), event=accept_event)

    assert _stored_hashes(desk.citizen) == before
    assert len(before) == 2


def test_the_same_file_in_a_second_dossier_is_not_stored_again(desk, django_capture_on_commit_callbacks):
    accepted(desk, django_capture_on_commit_callbacks)
    accepted(desk, django_capture_on_commit_callbacks)

    assert StoredDocument.objects.filter(owner=desk.citizen).count() == 2


def test_a_stored_document_is_reused_in_a_new_dossier_with_the_same_content(desk, django_capture_on_commit_callbacks):
    accepted(desk, django_capture_on_commit_callbacks)
    stored = selectors.stored_documents_of(desk.citizen).get(name="Bản sao Căn cước công dân")
    draft = dossier_services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)

    component = services.reuse_in_dossier(desk.citizen, draft, 2, stored)

    assert component.source == DocumentSource.REUSED
    with component.file.open("rb") as attached, stored.file.open("rb") as kept:
        assert attached.read() == kept.read()
    assert selectors.component_counts().reused == 1


def test_another_citizens_document_cannot_be_reused_and_nothing_changes(desk, django_capture_on_commit_callbacks):
    accepted(desk, django_capture_on_commit_callbacks)
    stored = selectors.stored_documents_of(desk.citizen).first()
    intruder = ApplicantFactory()
    draft = dossier_services.do_create_draft(intruder, procedure=desk.procedure, agency=desk.agency)

    with pytest.raises(StoreError) as refused:
        services.reuse_in_dossier(intruder, draft, 1, stored)

    assert refused.value.code == "not_found"
    assert "kho dữ liệu" in refused.value.message
    assert not any(component.has_file for component in dossier_selectors.documents_of(draft))
    assert selectors.component_counts().reused == 0


def test_reuse_into_a_dossier_that_is_not_the_actors_is_refused_in_vietnamese(desk, django_capture_on_commit_callbacks):
    accepted(desk, django_capture_on_commit_callbacks)
    stored = selectors.stored_documents_of(desk.citizen).first()
    others_draft = dossier_services.do_create_draft(ApplicantFactory(), procedure=desk.procedure, agency=desk.agency)

    with pytest.raises(StoreError):
        services.reuse_in_dossier(desk.citizen, others_draft, 1, stored)

    assert selectors.component_counts().reused == 0


def test_a_clerk_digitises_a_paper_original_into_the_applicants_store(desk):
    dossier = desk.submitted()

    stored = services.digitise_at_reception(
        desk.clerk,
        dossier,
        position=2,
        upload=SimpleUploadedFile("cccd-scan.pdf", scanned_pdf("ban scan cccd"), content_type="application/pdf"),
        name="Căn cước công dân",
        issuer="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    )

    assert stored.owner == desk.citizen
    assert stored.source == StoredSource.DIGITISED
    assert stored.digitised_by == desk.clerk
    assert stored.original_sha256 == hashlib.sha256(scanned_pdf("ban scan cccd")).hexdigest()
    component = dossier_selectors.documents_of(dossier)[1]
    assert component.source == DocumentSource.DIGITISED
    assert selectors.component_counts().digitised == 1


def test_a_citizen_cannot_digitise(desk):
    dossier = desk.submitted()

    with pytest.raises(StoreError):
        services.digitise_at_reception(desk.citizen, dossier, position=2, upload=pdf_upload("x.pdf", "x"))

    assert not StoredDocument.objects.exists()


def test_digitising_a_file_that_is_not_a_document_is_refused_and_stores_nothing(desk):
    dossier = desk.submitted()
    executable = SimpleUploadedFile("cccd.pdf", b"MZ\x90\x00" + b"\x00" * 64, content_type="application/pdf")

    with pytest.raises(StoreError):
        services.digitise_at_reception(desk.clerk, dossier, position=2, upload=executable)

    assert not StoredDocument.objects.exists()


def test_files_a_clerk_scanned_at_the_counter_are_kept_as_digitised_by_that_clerk(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dossier_services.do_receive_at_counter(
            desk.clerk,
            procedure=desk.procedure,
            agency=desk.agency,
            applicant=dossier_services.ApplicantData(name="Nguyễn Văn An"),
            files={1: pdf_upload("to-khai.pdf", "quet tai quay 1"), 2: pdf_upload("cccd.pdf", "quet tai quay 2")},
            on_behalf_of=desk.citizen,
        )

    stored = selectors.stored_documents_of(desk.citizen)
    assert stored.count() == 2
    assert {(document.source, document.digitised_by) for document in stored} == {(StoredSource.DIGITISED, desk.clerk)}
    assert selectors.component_counts().digitised == 2


def test_a_walk_in_without_an_account_has_no_store(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier_services.do_receive_at_counter(
            desk.clerk,
            procedure=desk.procedure,
            agency=desk.agency,
            applicant=dossier_services.ApplicantData(name="Vàng Thị Mỷ"),
            files={1: pdf_upload("to-khai.pdf", "khach vang lai 1"), 2: pdf_upload("cccd.pdf", "khach vang lai 2")},
        )

    assert not StoredDocument.objects.exists()


def test_a_component_lost_from_storage_does_not_stop_the_others(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = desk.draft(files={1: pdf_upload("to-khai.pdf", "mat tep"), 2: pdf_upload("cccd.pdf", "con tep")})
        dossier = dossier_services.do_submit_online(desk.citizen, dossier)
        lost = dossier_selectors.documents_of(dossier)[0]
        lost.file.storage.delete(lost.file.name)
        dossier_services.do_accept(desk.clerk, dossier)

    assert list(selectors.stored_documents_of(desk.citizen).values_list("name", flat=True)) == [
        "Bản sao Căn cước công dân"
    ]
