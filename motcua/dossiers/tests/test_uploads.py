import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.errors import DossierError
from motcua.dossiers.tests.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES
from motcua.dossiers.uploads import check_upload, clean_original_name


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("to-khai.pdf", PDF_BYTES, "application/pdf", "pdf"),
        ("anh.jpeg", JPEG_BYTES, "image/jpeg", "jpg"),
        ("anh.JPG", JPEG_BYTES, "image/jpeg", "jpg"),
        ("scan.png", PNG_BYTES, "image/png", "png"),
        ("khong-duoi", PDF_BYTES, "application/pdf", "pdf"),
    ],
)
def test_accepts_pdf_jpeg_and_png_by_their_content(name, content, content_type, extension):
    checked = check_upload(upload(name, content))
    assert (checked.content_type, checked.extension, checked.size) == (content_type, extension, len(content))


def test_refuses_an_executable_renamed_to_pdf():
    with pytest.raises(DossierError) as caught:
        check_upload(upload("to-khai.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "application/pdf"))
    assert caught.value.code == "file_type"
    assert "PDF, JPEG hoặc PNG" in caught.value.message


def test_refuses_an_empty_file():
    with pytest.raises(DossierError) as caught:
        check_upload(upload("rong.pdf", b""))
    assert caught.value.code == "empty_file"
    assert "rỗng" in caught.value.message


def test_refuses_a_file_over_the_size_limit(settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(DossierError) as caught:
        check_upload(upload("lon.pdf", PDF_BYTES + b"0" * (1024 * 1024)))
    assert caught.value.code == "file_too_large"
    assert "1 MB" in caught.value.message


def test_refuses_content_that_contradicts_the_written_extension():
    with pytest.raises(DossierError) as caught:
        check_upload(upload("anh.pdf", PNG_BYTES))
    assert caught.value.code == "file_type_mismatch"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\to khai.pdf", "to khai.pdf"),
        ("to\x00khai\n.pdf", "tokhai.pdf"),
        ("", "tệp đính kèm"),
    ],
)
def test_original_name_keeps_only_a_harmless_display_name(given, kept):
    assert clean_original_name(given) == kept
