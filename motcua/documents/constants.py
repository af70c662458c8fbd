"""Vocabulary of the citizen's document store (Kho dữ liệu, Decree 45/2020)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.constants import EventAction


class StoredSource(models.TextChoices):
    ACCEPTED_COMPONENT = "accepted_component", _("Thành phần hồ sơ đã được tiếp nhận")
    E_RESULT = "e_result", _("Kết quả điện tử")
    DIGITISED = "digitised", _("Số hóa từ bản giấy tại Bộ phận Một cửa")


# The dossier steps after which a signed e-result may exist; the store looks for new ones at each (idempotent).
RESULT_ACTIONS = frozenset({EventAction.APPROVE, EventAction.RESOLVE, EventAction.RETURN_RESULT})

STORAGE_DIRECTORY = "kho-du-lieu"
# Printed on the signed copy and in its signature, which are Vietnamese legal texts whatever the interface
# language: no gettext.
DIGITISED_CAPTION = "Bản sao điện tử từ bản chính — {name} — số hóa ngày {date} bởi {clerk}"
DIGITISATION_SIGNING_REASON = "Ký số bản sao điện tử được số hóa từ bản chính tại Bộ phận Một cửa"
# What a clerk may scan, told by the file's first bytes (the dossier's upload check tells the same kinds apart).
PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
SHA256_PATTERN = r"^[0-9a-f]{64}$"
NAME_MAX = 500
READ_CHUNK_BYTES = 64 * 1024
