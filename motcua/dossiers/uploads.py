"""Checks on a file before it becomes part of a dossier.

The type is decided by the file's first bytes, never by its name or the browser's Content-Type: an .exe renamed
to .pdf is refused. The stored name is generated; the name the person gave is kept only as display text.
"""

import os
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from motcua.core.formatting import format_number
from motcua.dossiers.errors import DossierError

# (content type, stored extension, the extensions a person may have written for it, magic bytes at offset 0)
_KINDS = (
    ("application/pdf", "pdf", {"pdf"}, b"%PDF-"),
    ("image/jpeg", "jpg", {"jpg", "jpeg"}, b"\xff\xd8\xff"),
    ("image/png", "png", {"png"}, b"\x89PNG\r\n\x1a\n"),
)
ORIGINAL_NAME_MAX = 200


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    extension: str
    original_name: str
    size: int


def max_upload_bytes() -> int:
    return settings.MOTCUA_UPLOAD_MAX_BYTES


def clean_original_name(name: str) -> str:
    """Display name only: the last path component, NFC, without control characters, bounded in length."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    return base.strip()[:ORIGINAL_NAME_MAX] or _("tệp đính kèm")


def check_upload(upload: UploadedFile) -> CheckedUpload:
    size = upload.size or 0
    if size <= 0:
        raise DossierError(_("Tệp đính kèm rỗng (0 byte). Vui lòng chọn lại tệp."), code="empty_file")
    if size > max_upload_bytes():
        raise DossierError(
            _("Tệp đính kèm vượt quá dung lượng cho phép (%(limit)s MB).")
            % {"limit": format_number(max_upload_bytes() / (1024 * 1024), 0)},
            code="file_too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    name = clean_original_name(upload.name)
    written_extension = os.path.splitext(name)[1].lstrip(".").lower()
    for content_type, extension, accepted_extensions, magic in _KINDS:
        if head.startswith(magic):
            if written_extension and written_extension not in accepted_extensions:
                raise DossierError(
                    _("Nội dung tệp không khớp với phần mở rộng .%(extension)s của tên tệp.")
                    % {"extension": written_extension},
                    code="file_type_mismatch",
                )
            return CheckedUpload(content_type=content_type, extension=extension, original_name=name, size=size)
    raise DossierError(
        _("Chỉ nhận tệp PDF, JPEG hoặc PNG; nội dung tệp này không thuộc các loại đó."), code="file_type"
    )


def storage_name(dossier_id: int, extension: str) -> str:
    return f"dossiers/{dossier_id}/{uuid.uuid4().hex}.{extension}"
