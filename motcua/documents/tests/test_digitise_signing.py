"""A clerk's digitised copy of a paper original is signed by the receiving agency and verifiable by anyone."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from motcua.documents import selectors, services
from motcua.documents.errors import StoreError
from motcua.documents.models import StoredDocument
from motcua.documents.tests.factories import scanned_image, scanned_pdf
from motcua.dossiers import selectors as dossier_selectors
from motcua.results import selectors as result_selectors
from motcua.results import services as result_services
from motcua.results.constants import DocumentKind, VerificationStatus

pytestmark = pytest.mark.django_db


def _stored_bytes(document) -> bytes:
    with document.file.open("rb") as kept:
        return kept.read()


def _media_files(root) -> set:
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _digitise(desk, dossier, upload, **metadata):
    return services.digitise_at_reception(desk.clerk, dossier, position=2, upload=upload, **metadata)


def test_a_digitised_pdf_is_signed_by_the_receiving_agency_and_validates(desk):
    dossier = desk.submitted()
    scan = scanned_pdf("so ho khau ban giay")

    stored = _digitise(
        desk, dossier, SimpleUploadedFile("so-ho-khau.pdf", scan, content_type="application/pdf"), name="Sổ hộ khẩu"
    )

    signed_pdf = _stored_bytes(stored)
    verification = result_selectors.verify_signed_pdf(signed_pdf)
    assert verification.status == VerificationStatus.VALID
    assert stored.original_sha256 == hashlib.sha256(scan).hexdigest()
    assert stored.sha256 == hashlib.sha256(signed_pdf).hexdigest() != stored.original_sha256
    assert (stored.content_type, stored.arrived_signed) == ("application/pdf", False)
    signed = stored.signed_document
    assert (signed.kind, signed.agency_code, signed.dossier_code) == (
        DocumentKind.DIGITISED_COPY,
        desk.agency.code,
        dossier.code or "",
    )
    assert signed.sha256 == stored.sha256
    component = dossier_selectors.documents_of(dossier)[1]
    with component.file.open("rb") as attached:
        assert attached.read() == signed_pdf


@pytest.mark.parametrize("image_format", ["JPEG", "PNG"])
def test_a_scanned_image_becomes_a_one_page_captioned_pdf_with_a_valid_signature(desk, image_format):
    dossier = desk.submitted()
    scan = scanned_image(image_format)
    upload = SimpleUploadedFile(f"cccd.{image_format.lower()}", scan)

    stored = _digitise(desk, dossier, upload, name="Căn cước công dân")

    signed_pdf = _stored_bytes(stored)
    pages = PdfReader(io.BytesIO(signed_pdf)).pages
    assert len(pages) == 1
    text = pages[0].extract_text()
    assert "Bản sao điện tử từ bản chính — Căn cước công dân — số hóa ngày" in text
    assert f"bởi {desk.clerk}" in text
    assert result_selectors.verify_signed_pdf(signed_pdf).status == VerificationStatus.VALID
    assert stored.original_sha256 == hashlib.sha256(scan).hexdigest()
    assert stored.original_name == "cccd.pdf"


def test_a_pdf_that_arrives_signed_is_kept_as_it_is(desk):
    signed_elsewhere = result_services.sign_pdf(
        scanned_pdf("giay khai sinh dien tu"),
        agency_code="UBND-XA",
        reason="Ký số kết quả giải quyết thủ tục hành chính",
        location="Ủy ban nhân dân xã",
        document_meta=result_services.DocumentMeta(name="Giấy khai sinh"),
    )
    already_signed = result_selectors.read_stored_bytes(signed_elsewhere)

    stored = _digitise(desk, desk.submitted(), SimpleUploadedFile("khai-sinh.pdf", already_signed))

    assert stored.arrived_signed and stored.signed_document is None
    assert _stored_bytes(stored) == already_signed
    assert stored.original_sha256 == stored.sha256


def test_the_same_scan_digitised_again_is_signed_once(desk):
    scan = scanned_pdf("chung minh nhan dan")
    first = _digitise(desk, desk.submitted(), SimpleUploadedFile("cmnd.pdf", scan))

    again = _digitise(desk, desk.submitted(), SimpleUploadedFile("cmnd.pdf", scan))

    assert again == first
    assert selectors.stored_documents_of(desk.citizen).count() == 1


def test_without_a_signing_key_digitising_fails_and_stores_nothing(desk, settings, tmp_path):
    dossier = desk.submitted()
    settings.MOTCUA_SIGNING_PKCS12 = tmp_path / "khong-co-khoa.p12"
    files_before = _media_files(settings.MEDIA_ROOT)
    component_before = dossier_selectors.documents_of(dossier)[1].file.name

    with pytest.raises(StoreError) as refused:
        _digitise(desk, dossier, SimpleUploadedFile("cccd.jpg", scanned_image()), name="Căn cước công dân")

    assert refused.value.code == "signing_failed"
    assert "Chưa ký số được bản sao điện tử" in refused.value.message
    assert not StoredDocument.objects.exists()
    assert dossier_selectors.documents_of(dossier)[1].file.name == component_before
    assert _media_files(settings.MEDIA_ROOT) == files_before


def test_a_failure_after_signing_deletes_the_files_already_written(desk, settings, monkeypatch):
    dossier = desk.submitted()
    files_before = _media_files(settings.MEDIA_ROOT)
    component_before = dossier_selectors.documents_of(dossier)[1].file.name

    def refuse_to_keep(*args, **kwargs):
        raise RuntimeError("kho dữ liệu không ghi được")

    monkeypatch.setattr(services, "_keep", refuse_to_keep)
    with pytest.raises(RuntimeError):
        _digitise(desk, dossier, SimpleUploadedFile("cccd.pdf", scanned_pdf("loi sau khi ky")))

    assert not StoredDocument.objects.exists()
    assert dossier_selectors.documents_of(dossier)[1].file.name == component_before
    assert _media_files(settings.MEDIA_ROOT) == files_before


def test_an_image_that_cannot_be_decoded_is_refused(desk):
    broken = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32

    with pytest.raises(StoreError) as refused:
        _digitise(desk, desk.submitted(), SimpleUploadedFile("cccd.jpg", broken))

    assert refused.value.code == "unreadable_scan"
    assert not StoredDocument.objects.exists()


def test_the_kho_detail_page_links_the_owner_to_the_verification_page(client, desk):
    stored = _digitise(desk, desk.submitted(), SimpleUploadedFile("cccd.jpg", scanned_image()), name="Căn cước")
    client.force_login(desk.citizen)

    page = client.get(reverse("documents:detail", args=[stored.pk])).text

    assert "Bản sao điện tử có chữ ký số" in page
    assert reverse("results:verify", args=[stored.signed_document.token]) in page
    assert client.get(reverse("results:verify", args=[stored.signed_document.token])).status_code == 200


def test_the_digitisation_page_explains_a_missing_signing_key_in_vietnamese(client, desk, settings, tmp_path):
    dossier = desk.submitted()
    settings.MOTCUA_SIGNING_PKCS12 = tmp_path / "khong-co-khoa.p12"
    client.force_login(desk.clerk)

    response = client.post(
        reverse("documents:digitise", args=[dossier.pk]),
        {"position": 2, "upload": SimpleUploadedFile("cccd.png", scanned_image("PNG"))},
    )

    assert response.status_code == 400
    assert "Chưa ký số được bản sao điện tử nên chưa lưu bản số hóa" in response.text
    assert "Chưa có khóa ký số dùng được cho cơ quan" in response.text
    assert not StoredDocument.objects.exists()
