import os

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.results.forms import VerificationUploadForm
from motcua.results.tests.factories import SignedDocumentFactory

pytestmark = pytest.mark.django_db


def _stored_bytes(document) -> bytes:
    with default_storage.open(document.file.name, "rb") as stored:
        return stored.read()


def _page(document) -> str:
    return f"/xac-thuc/{document.token}/"


def _upload(client, document, content: bytes, name: str = "ket-qua.pdf"):
    return client.post(_page(document), {"tep": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_page_shows_who_signed_when_what_and_that_it_is_valid(client):
    document = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0012")

    response = client.get(_page(document))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chữ ký số hợp lệ" in html
    assert "Trung tâm Phục vụ hành chính công tỉnh Hà Giang" in html
    assert "000.01.01.H22-210616-0012" in html
    assert "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh" in html
    assert "Bản sao trích lục khai sinh" in html
    assert document.sha256 in html
    assert document.signed_at.astimezone().strftime("%d/%m/%Y") in html
    assert f'href="/xac-thuc/{document.token}/tai-ve/"' in html


def test_unknown_or_malformed_token_is_a_404(client):
    assert client.get("/xac-thuc/AAAAAAAAAAAAAAAAAAAAAA/").status_code == 404
    assert client.get("/xac-thuc/khong-hop-le/").status_code == 404
    assert client.get("/xac-thuc/AAAAAAAAAAAAAAAAAAAAAA/tai-ve/").status_code == 404


def test_page_says_invalid_when_the_stored_file_was_altered(client):
    document = SignedDocumentFactory()
    signed = bytearray(_stored_bytes(document))
    signed[200] ^= 0x01
    with default_storage.open(document.file.name, "wb") as stored:
        stored.write(bytes(signed))

    html = client.get(_page(document)).content.decode()

    assert "Chữ ký số hợp lệ" not in html
    assert "Không hợp lệ" in html


def test_uploading_the_same_file_says_it_is_the_same_and_valid(client):
    document = SignedDocumentFactory()

    response = _upload(client, document, _stored_bytes(document))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h3>Hợp lệ</h3>" in html
    assert "Tệp trùng khớp từng byte với văn bản đã ký" in html


def test_uploading_a_tampered_file_says_not_valid(client):
    document = SignedDocumentFactory()
    signed = _stored_bytes(document)
    position = signed.index(b"/Title") + 8
    tampered = signed[:position] + bytes([signed[position] ^ 0x01]) + signed[position + 1 :]

    html = _upload(client, document, tampered).content.decode()

    assert "<h3>Không hợp lệ</h3>" in html
    assert "Tệp KHÁC văn bản đã ký" in html
    assert "Nội dung tệp đã bị thay đổi sau khi ký" in html


def test_uploading_another_signed_document_says_it_is_a_different_document(client):
    document = SignedDocumentFactory()

    html = _upload(client, document, _stored_bytes(SignedDocumentFactory())).content.decode()

    assert "<h3>Không hợp lệ</h3>" in html
    assert "Tệp KHÁC văn bản đã ký" in html
    assert "Chữ ký số trong tệp hợp lệ" in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 this is an executable renamed to .pdf", "Tệp này không phải tệp PDF."),
        (b"", "Tệp đã chọn rỗng (0 byte)."),
    ],
)
def test_upload_that_is_not_a_pdf_gets_a_clear_message(client, content, message):
    document = SignedDocumentFactory()

    response = _upload(client, document, content)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_missing_file_gets_a_clear_message(client):
    response = client.post(_page(SignedDocumentFactory()), {})

    assert response.status_code == 400
    assert "Vui lòng chọn tệp PDF cần kiểm tra." in response.content.decode()


def test_oversized_upload_is_refused_without_being_kept(client, settings, monkeypatch):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    document = SignedDocumentFactory()
    refusals = []
    refuse = VerificationUploadForm.refused.__func__

    def counting_refusal(cls, message):
        refusals.append(message)
        return refuse(cls, message)

    monkeypatch.setattr(VerificationUploadForm, "refused", classmethod(counting_refusal))

    response = _upload(client, document, b"%PDF-1.7\n" + b"0" * 1024 * 1024)

    assert response.status_code == 400
    assert "Tệp vượt quá dung lượng cho phép (1 MB)." in response.content.decode()
    assert len(refusals) == 1  # stopped by the upload handler while streaming, not after the whole file was read


def test_garbage_behind_a_pdf_header_is_reported_unreadable(client):
    response = _upload(client, SignedDocumentFactory(), b"%PDF-1.7\n\x00\x01 not really a pdf")

    assert response.status_code == 200
    assert "Không hợp lệ: không đọc được tệp PDF" in response.content.decode()


def test_upload_without_csrf_token_is_refused():
    document = SignedDocumentFactory()
    client = Client(enforce_csrf_checks=True)

    response = _upload(client, document, _stored_bytes(document))

    assert response.status_code == 403


def test_upload_with_csrf_token_is_accepted():
    document = SignedDocumentFactory()
    client = Client(enforce_csrf_checks=True)
    client.get(_page(document))
    token = client.cookies["csrftoken"].value

    response = client.post(
        _page(document),
        {"tep": SimpleUploadedFile("a.pdf", _stored_bytes(document)), "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 200
    assert "<h3>Hợp lệ</h3>" in response.content.decode()


@pytest.fixture
def signed_document():
    return SignedDocumentFactory()


# The examples share one document (hypothesis runs them inside one test): they only read it.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    content=st.binary(max_size=3000),
    pdf_header=st.booleans(),
    # Names a browser can send: Django's test client itself refuses to build an upload called "/" or "..".
    name=st.text(max_size=40).filter(lambda text: os.path.basename(text) not in {"", ".", ".."}),
)
def test_no_upload_causes_a_server_error(client, signed_document, content, pdf_header, name):
    upload = (b"%PDF-1.4\n" if pdf_header else b"") + content

    response = _upload(client, signed_document, upload, name)

    assert response.status_code in {200, 400}


def test_download_serves_the_signed_file_as_a_pdf_attachment(client):
    document = SignedDocumentFactory(name="Bản sao trích lục khai sinh")

    response = client.get(f"/xac-thuc/{document.token}/tai-ve/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="ban-sao-trich-luc-khai-sinh.pdf"' == response["Content-Disposition"]
    assert b"".join(response.streaming_content) == _stored_bytes(document)


def test_download_of_a_lost_file_is_a_404(client):
    document = SignedDocumentFactory()
    default_storage.delete(document.file.name)

    assert client.get(f"/xac-thuc/{document.token}/tai-ve/").status_code == 404
