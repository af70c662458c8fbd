"""Assertions shared by the service tests: a refused action changes nothing and explains itself in Vietnamese."""

import re

import pytest

from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierEvent

_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


def dossier_state(dossier) -> tuple:
    row = Dossier.objects.get(pk=dossier.pk)
    return (
        row.version,
        row.status,
        row.code,
        row.due_at,
        row.assignee_id,
        row.current_step_id,
        row.handling_agency_id,
        DossierEvent.objects.filter(dossier=row).count(),
    )


def refused(dossier, call, *args, code: str | None = None, **kwargs) -> DossierError:
    """Run a service call that must fail: the dossier and its log stay as they were, the message is Vietnamese."""
    before = dossier_state(dossier)
    with pytest.raises(DossierError) as caught:
        call(*args, **kwargs)
    assert dossier_state(dossier) == before
    assert _VIETNAMESE_LETTER.search(caught.value.message), caught.value.message
    if code is not None:
        assert caught.value.code == code, caught.value.message
    return caught.value


def actions(dossier) -> list[str]:
    return list(DossierEvent.objects.filter(dossier=dossier).order_by("at", "id").values_list("action", flat=True))
