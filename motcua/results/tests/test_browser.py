import pytest
from django.core.files.storage import default_storage

from motcua.results.tests.factories import SignedDocumentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_scans_the_qr_code_downloads_the_result_and_checks_copies(page, tmp_path):
    document = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0021")

    page.goto(f"{page.base_url}/xac-thuc/{document.token}/")
    page.get_by_role("heading", name="Chữ ký số hợp lệ").wait_for()
    assert "000.01.01.H22-210616-0021" in page.content()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải văn bản đã ký (PDF)").click()
    downloaded = tmp_path / "ket-qua.pdf"
    download_info.value.save_as(downloaded)
    with default_storage.open(document.file.name, "rb") as stored:
        assert downloaded.read_bytes() == stored.read()

    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(downloaded)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    verdict = page.get_by_role("status")
    assert verdict.get_by_role("heading", name="Hợp lệ").is_visible()
    assert "trùng khớp" in verdict.inner_text()

    tampered = tmp_path / "ket-qua-da-sua.pdf"
    signed = bytearray(downloaded.read_bytes())
    signed[signed.index(b"/Title") + 8] ^= 0x01
    tampered.write_bytes(bytes(signed))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(tampered)
    page.get_by_role("button", name="Kiểm tra tệp").click()
    verdict = page.get_by_role("status")
    assert verdict.get_by_role("heading", name="Không hợp lệ").is_visible()
    assert "đã bị thay đổi sau khi ký" in verdict.inner_text()
