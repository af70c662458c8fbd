"""The dossier's e-result: issued once at approval, signed with the agency key, from a template or an upload."""

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from motcua.core.pdf import render_document
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import EventAction
from motcua.dossiers.tasks import process_event
from motcua.dossiers.tests.factories import make_desk
from motcua.results import selectors, services
from motcua.results.constants import DEFAULT_RESULT_TITLE, ResultSource, VerificationStatus
from motcua.results.models import DossierResult, ResultTemplate, SignedDocument
from motcua.results.models.result_template import validate_placeholders
from motcua.results.tests.factories import ResultSpecFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return make_desk()


def _approve(desk, capture):
    dossier = desk.at_approval()
    with capture(execute=True):
        return dossier_services.do_approve(desk.leader, dossier)


def _approve_event(dossier):
    return dossier.events.get(action=EventAction.APPROVE)


def test_approval_issues_one_signed_result_that_validates(desk, django_capture_on_commit_callbacks):
    dossier = _approve(desk, django_capture_on_commit_callbacks)

    result = DossierResult.objects.get(dossier=dossier)
    with result.document.file.open("rb") as stored:
        verification = selectors.verify_signed_pdf(stored.read())
    assert verification.status == VerificationStatus.VALID
    assert result.source == ResultSource.GENERATED
    assert result.document.name == DEFAULT_RESULT_TITLE
    assert result.document.dossier_code == dossier.code
    assert result.document.procedure_name == dossier.procedure.name
    assert result.issued_number == f"1/{result.issued_on.year}/KQ-{dossier.handling_agency.code}"
    assert result.document.issued_number == result.issued_number


def test_replayed_approval_event_never_signs_twice(desk, django_capture_on_commit_callbacks):
    dossier = _approve(desk, django_capture_on_commit_callbacks)
    event = _approve_event(dossier)

    process_event(event.pk)
    services.issue_result_for_event(event)

    assert DossierResult.objects.filter(dossier=dossier).count() == 1
    assert SignedDocument.objects.filter(dossier_code=dossier.code).count() == 1


def test_other_events_issue_nothing(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        desk.at_approval()

    assert not DossierResult.objects.exists()


def test_issued_numbers_follow_each_other_at_an_agency(desk, django_capture_on_commit_callbacks):
    first = _approve(desk, django_capture_on_commit_callbacks)
    second = _approve(desk, django_capture_on_commit_callbacks)

    assert [DossierResult.objects.get(dossier=d).sequence for d in (first, second)] == [1, 2]


def test_procedure_template_fills_placeholders(desk, django_capture_on_commit_callbacks):
    ResultTemplate.objects.create(
        procedure_code=desk.procedure.code,
        title="Giấy phép {ma_ho_so}",
        body="Cấp cho Ông/Bà {ho_ten}.\n\nNgày {ngay}.",
    )
    dossier = _approve(desk, django_capture_on_commit_callbacks)

    document = DossierResult.objects.get(dossier=dossier).document
    assert document.name == f"Giấy phép {dossier.code}"
    with document.file.open("rb") as stored:
        text = " ".join(page.extract_text() for page in PdfReader(stored).pages)
    assert dossier.applicant_name in text
    title, paragraphs = selectors.result_wording(desk.procedure.code)
    assert paragraphs == ["Cấp cho Ông/Bà {ho_ten}.", "Ngày {ngay}."]


@pytest.mark.parametrize("text", ["{ten}", "{ho_ten", "{0}"])
def test_template_refuses_unknown_placeholders(text):
    with pytest.raises(ValidationError):
        validate_placeholders(text)


def test_uploaded_result_is_signed_as_uploaded(desk, django_capture_on_commit_callbacks):
    dossier = desk.at_approval()
    services.upload_result(desk.specialist, dossier, pdf_bytes=render_document(ResultSpecFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_services.do_approve(desk.leader, dossier)

    result = DossierResult.objects.get(dossier=dossier)
    assert result.source == ResultSource.UPLOADED
    with result.document.file.open("rb") as stored:
        assert selectors.verify_signed_pdf(stored.read()).status == VerificationStatus.VALID


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"not a pdf at all", "not_pdf"), (b"%PDF-1.4\ngarbage", "unreadable_pdf")],
)
def test_upload_refuses_what_cannot_be_signed(desk, data, code):
    dossier = desk.at_approval()

    with pytest.raises(services.ResultError) as refused:
        services.upload_result(desk.specialist, dossier, pdf_bytes=data)

    assert refused.value.code == code
    assert selectors.result_panel(dossier, desk.specialist).upload is None


def test_upload_refuses_oversized_file(desk, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 100
    dossier = desk.at_approval()

    with pytest.raises(services.ResultError) as refused:
        services.upload_result(desk.specialist, dossier, pdf_bytes=render_document(ResultSpecFactory()))

    assert refused.value.code == "too_large"


def test_upload_refused_to_a_citizen_and_after_approval(desk, django_capture_on_commit_callbacks):
    pdf = render_document(ResultSpecFactory())
    dossier = desk.at_approval()
    with pytest.raises(services.ResultError) as refused:
        services.upload_result(desk.citizen, dossier, pdf_bytes=pdf)
    assert refused.value.code == "forbidden"

    approved = _approve(desk, django_capture_on_commit_callbacks)
    with pytest.raises(services.ResultError) as late:
        services.upload_result(
            desk.specialist, dossier_selectors.get_dossier_for(desk.leader, approved.pk), pdf_bytes=pdf
        )
    assert late.value.code == "invalid_state"


def test_missing_key_leaves_approval_standing_without_result(desk, settings, django_capture_on_commit_callbacks):
    settings.MOTCUA_SIGNING_PKCS12 = "/khong/co/tep.p12"
    dossier = _approve(desk, django_capture_on_commit_callbacks)

    assert dossier.events.filter(action=EventAction.APPROVE).exists()
    assert not DossierResult.objects.exists()
