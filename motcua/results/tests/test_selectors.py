from datetime import datetime
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from motcua.dossiers.tests.factories import make_desk
from motcua.organization.constants import AgencyLevel
from motcua.organization.models import Agency
from motcua.results import selectors
from motcua.results.constants import VerificationStatus
from motcua.results.tests.factories import SignedDocumentFactory

pytestmark = pytest.mark.django_db


def _stored_bytes(document) -> bytes:
    with default_storage.open(document.file.name, "rb") as stored:
        return stored.read()


def test_get_signed_document_finds_by_token():
    document = SignedDocumentFactory()

    assert selectors.get_signed_document(document.token) == document


@pytest.mark.parametrize("token", ["", "x", "A" * 21, "A" * 23, "../../etc/passwd_____", "Ā" * 22, "a b" * 7 + "a"])
def test_malformed_token_is_not_looked_up(token, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.get_signed_document(token) is None


def test_unknown_token_finds_nothing():
    assert selectors.get_signed_document("A" * 22) is None


def test_documents_of_a_dossier_come_in_signing_order():
    first = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0003", name="Giấy tiếp nhận hồ sơ")
    second = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0003", name="Bản sao trích lục khai sinh")
    SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0004")

    assert list(selectors.signed_documents_for_dossier("000.01.01.H22-210616-0003")) == [first, second]


def test_stored_document_verifies_as_valid():
    result = selectors.document_verification(SignedDocumentFactory())

    assert result.status == VerificationStatus.VALID
    assert result.signer_name == "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"


def test_verification_of_a_stored_document_is_cached(monkeypatch):
    document = SignedDocumentFactory()
    selectors.document_verification(document)
    reads = []
    monkeypatch.setattr(selectors, "read_stored_bytes", lambda stored: reads.append(stored) or b"")

    assert selectors.document_verification(document).status == VerificationStatus.VALID
    assert reads == []


def test_changing_the_trust_roots_revalidates(settings, untrusted_pki):
    document = SignedDocumentFactory()
    assert selectors.document_verification(document).is_valid

    settings.MOTCUA_TRUST_ROOTS = [str(untrusted_pki.paths.root_certificate)]

    assert selectors.document_verification(document).status == VerificationStatus.UNTRUSTED


def test_stored_file_replaced_behind_the_records_back_is_invalid():
    document = SignedDocumentFactory()
    other = _stored_bytes(SignedDocumentFactory())
    default_storage.delete(document.file.name)
    default_storage.save(document.file.name, ContentFile(other))

    result = selectors.document_verification(document)

    assert result.status == VerificationStatus.INVALID


def test_missing_stored_file_is_invalid_not_an_error():
    document = SignedDocumentFactory()
    default_storage.delete(document.file.name)

    assert not selectors.document_verification(document).is_valid


def test_uploaded_copy_of_the_same_document_is_the_same_and_valid():
    document = SignedDocumentFactory()

    comparison = selectors.compare_upload(document, _stored_bytes(document))

    assert comparison.same_document is True
    assert comparison.verification.is_valid


def test_another_validly_signed_document_is_valid_but_not_the_same():
    document = SignedDocumentFactory()

    comparison = selectors.compare_upload(document, _stored_bytes(SignedDocumentFactory()))

    assert comparison.same_document is False
    assert comparison.verification.is_valid


def test_tampered_copy_is_neither_the_same_nor_valid():
    document = SignedDocumentFactory()
    signed = _stored_bytes(document)
    position = signed.index(b"/Title") + 8
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]

    comparison = selectors.compare_upload(document, tampered)

    assert comparison.same_document is False
    assert comparison.verification.status == VerificationStatus.INVALID


def test_verify_signed_pdf_uses_the_configured_roots(settings):
    signed = _stored_bytes(SignedDocumentFactory())
    assert selectors.verify_signed_pdf(signed).is_valid

    settings.MOTCUA_TRUST_ROOTS = []

    assert selectors.verify_signed_pdf(signed).status == VerificationStatus.UNTRUSTED


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


MARCH, APRIL = _at(2021, 3, 1, 0), _at(2021, 4, 1, 0)


def _approved_at(desk, moment, capture):
    with mock.patch("django.utils.timezone.now", return_value=moment), capture(execute=True):
        return desk.at_desk()


def test_e_results_issued_counts_signed_results_by_signing_time(django_capture_on_commit_callbacks):
    desk, district = make_desk(), make_desk()
    Agency.objects.filter(pk=district.agency.pk).update(level=AgencyLevel.DISTRICT)
    for moment in (MARCH, _at(2021, 3, 31, 23, 59), APRIL):
        _approved_at(desk, moment, django_capture_on_commit_callbacks)
    _approved_at(district, _at(2021, 3, 15), django_capture_on_commit_callbacks)
    desk.at_approval()  # not approved: no result

    assert selectors.e_results_issued(MARCH, APRIL) == 3
    assert selectors.e_results_issued(MARCH, APRIL, level=AgencyLevel.PROVINCE) == 2
    assert selectors.e_results_issued(MARCH, APRIL, agency_codes=[district.agency.code]) == 1
    assert selectors.e_results_issued(APRIL, _at(2021, 4, 2, 0)) == 1
