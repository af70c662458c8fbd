import re
import stat
import unicodedata

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError

from motcua.core.pdf import render_document
from motcua.core.pdf.tests.reading import decoded_qr_codes, page_text
from motcua.results import services
from motcua.results.constants import DocumentKind, VerificationStatus
from motcua.results.models import SignedDocument
from motcua.results.signatures import load_trust_roots, sha256_hex, validate_pdf
from motcua.results.tests.factories import (
    JUSTICE_DEPARTMENT,
    PKI_PASSWORD,
    PROCEDURE_CODE,
    PROCEDURE_NAME,
    ResultSpecFactory,
    SignedDocumentFactory,
)

pytestmark = pytest.mark.django_db


def _stored_bytes(document: SignedDocument) -> bytes:
    with default_storage.open(document.file.name, "rb") as stored:
        return stored.read()


def _stored_files() -> list[str]:
    try:
        years = default_storage.listdir("signed")[0]
    except FileNotFoundError:
        return []
    return [
        name
        for year in years
        for month in default_storage.listdir(f"signed/{year}")[0]
        for name in default_storage.listdir(f"signed/{year}/{month}")[1]
    ]


def _sign(pdf: bytes, **meta) -> SignedDocument:
    return services.sign_pdf(
        pdf,
        agency_code=JUSTICE_DEPARTMENT,
        reason="Ký số kết quả",
        location="Hà Giang",
        document_meta=services.DocumentMeta(**({"name": "Bản sao trích lục khai sinh"} | meta)),
    )


def test_sign_pdf_stores_the_signed_file_and_what_it_is(demo_pki):
    document = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0007")

    stored = _stored_bytes(document)
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", document.token)
    assert document.sha256 == sha256_hex(stored)
    assert document.size == len(stored)
    assert document.file.name == f"signed/{document.signed_at:%Y/%m}/{document.token}.pdf"
    assert (document.dossier_code, document.procedure_code, document.procedure_name) == (
        "000.01.01.H22-210616-0007",
        PROCEDURE_CODE,
        PROCEDURE_NAME,
    )
    assert document.kind == DocumentKind.RESULT
    assert document.agency_code == JUSTICE_DEPARTMENT
    assert document.signer_name == demo_pki.agency_common_name
    assert "O=Ủy ban nhân dân tỉnh Hà Giang" in document.signer_subject
    assert len(document.certificate_fingerprint) == 64


def test_signed_file_validates_against_the_configured_roots(demo_pki):
    document = SignedDocumentFactory()

    result = validate_pdf(_stored_bytes(document), load_trust_roots([demo_pki.paths.root_certificate]))

    assert result.status == VerificationStatus.VALID
    assert abs((result.signing_time - document.signed_at).total_seconds()) < 2


def test_verification_qr_code_and_token_are_part_of_the_signed_bytes():
    document = SignedDocumentFactory()
    signed = _stored_bytes(document)
    url = f"https://dichvucong.hagiang.gov.vn/xac-thuc/{document.token}/"

    assert url in decoded_qr_codes(signed)
    text = " ".join(page_text(signed).split())
    assert f"Mã xác thực: {document.token}" in text
    assert "Văn bản điện tử đã được ký số bởi: Trung tâm Phục vụ hành chính công tỉnh Hà Giang" in text
    # The signature covers everything up to its own value, and the stamp comes before it.
    assert signed.index(b"/MotCuaVerificationStamp") < signed.index(b"/ByteRange")


def test_every_signature_gets_its_own_token():
    assert SignedDocumentFactory().token != SignedDocumentFactory().token


def test_document_text_is_stored_in_nfc():
    document = SignedDocumentFactory(name=unicodedata.normalize("NFD", "  Giấy   khai sinh "))

    assert document.name == "Giấy khai sinh"


def test_agency_with_its_own_key_signs_with_it(settings, untrusted_pki):
    settings.MOTCUA_SIGNING_KEYS_BY_AGENCY = {
        JUSTICE_DEPARTMENT: {"pkcs12": str(untrusted_pki.paths.agency_pkcs12), "password": PKI_PASSWORD}
    }

    assert SignedDocumentFactory(agency_code=JUSTICE_DEPARTMENT).signer_name == "Sở Tư pháp tỉnh Hà Giang"
    assert SignedDocumentFactory(agency_code="000.01.01.H22").signer_name == (
        "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    )


def test_already_signed_pdf_is_refused_and_nothing_is_stored():
    signed = _stored_bytes(SignedDocumentFactory())
    before = SignedDocument.objects.count()

    with pytest.raises(services.SigningError) as refused:
        _sign(signed)

    assert refused.value.code == "already_signed"
    assert SignedDocument.objects.count() == before
    assert len(_stored_files()) == before


@pytest.mark.parametrize(
    "garbage", [b"", b"%PDF-1.7\n", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", b"MZ\x90\x00"]
)
def test_unreadable_pdf_is_refused_and_nothing_is_stored(garbage):
    with pytest.raises(services.SigningError) as refused:
        _sign(garbage)

    assert refused.value.code == "unreadable_pdf"
    assert not SignedDocument.objects.exists()
    assert _stored_files() == []


def test_missing_key_is_reported_in_vietnamese(settings, tmp_path):
    settings.MOTCUA_SIGNING_PKCS12 = tmp_path / "khong-co.p12"

    with pytest.raises(services.SigningError) as refused:
        _sign(render_document(ResultSpecFactory()))

    assert refused.value.code == "key_unavailable"
    assert "Chưa có khóa ký số" in refused.value.message


def test_document_without_a_name_is_refused_before_signing():
    with pytest.raises(services.SigningError) as refused:
        _sign(render_document(ResultSpecFactory()), name="   ")

    assert refused.value.code == "invalid_meta"
    assert _stored_files() == []


def test_unknown_document_kind_is_refused():
    with pytest.raises(services.SigningError) as refused:
        _sign(render_document(ResultSpecFactory()), kind="mau-99")

    assert refused.value.code == "invalid_meta"


def test_file_is_removed_when_the_record_cannot_be_saved(monkeypatch):
    def failing_save(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(SignedDocument, "save", failing_save)

    with pytest.raises(IntegrityError):
        _sign(render_document(ResultSpecFactory()))

    assert _stored_files() == []


def test_ensure_demo_pki_is_idempotent(tmp_path):
    first = services.ensure_demo_pki(
        agency_name="Trung tâm Phục vụ hành chính công tỉnh Hà Giang",
        organization="Ủy ban nhân dân tỉnh Hà Giang",
        directory=tmp_path,
        password=PKI_PASSWORD,
    )
    contents = {path: path.read_bytes() for path in tmp_path.iterdir()}

    second = services.ensure_demo_pki(
        agency_name="Tên khác", organization="Tổ chức khác", directory=tmp_path, password=PKI_PASSWORD
    )

    assert (first.created_root, first.created_agency) == (True, True)
    assert (second.created_root, second.created_agency) == (False, False)
    assert {path: path.read_bytes() for path in tmp_path.iterdir()} == contents
    assert second.agency_common_name == "Trung tâm Phục vụ hành chính công tỉnh Hà Giang"
    assert stat.S_IMODE(first.paths.root_key.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.paths.agency_pkcs12.stat().st_mode) == 0o600


def test_lost_agency_key_is_reissued_under_the_existing_root(tmp_path):
    first = services.ensure_demo_pki(agency_name="A", organization="B", directory=tmp_path, password=PKI_PASSWORD)
    root = first.paths.root_certificate.read_bytes()
    first.paths.agency_pkcs12.unlink()

    second = services.ensure_demo_pki(agency_name="A", organization="B", directory=tmp_path, password=PKI_PASSWORD)

    assert (second.created_root, second.created_agency) == (False, True)
    assert first.paths.root_certificate.read_bytes() == root

