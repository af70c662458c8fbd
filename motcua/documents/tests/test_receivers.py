"""The store follows the dossier log, e-results included: signed for real with the results app's demo PKI."""

import pytest

from motcua.documents import selectors
from motcua.documents.constants import StoredSource
from motcua.dossiers import services as dossier_services
from motcua.results import selectors as result_selectors
from motcua.results.tests.conftest import demo_pki, signing_settings  # noqa: F401  (the signing key and trust)

pytestmark = pytest.mark.django_db


def test_the_signed_e_result_joins_the_applicants_store_once(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = desk.at_desk()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_services.do_mark_resolved(desk.clerk, dossier)
        dossier_services.do_return_result(desk.clerk, dossier, recipient_name="Nguyễn Văn An")

    signed = list(result_selectors.signed_documents_for_dossier(dossier.code))
    results = list(selectors.stored_documents_of(desk.citizen).filter(source=StoredSource.E_RESULT))
    assert len(signed) == 1
    assert [(stored.sha256, stored.source_dossier_code) for stored in results] == [(signed[0].sha256, dossier.code)]
    assert results[0].issuer == desk.agency.name
    with results[0].file.open("rb") as kept:
        assert kept.read() == result_selectors.read_stored_bytes(signed[0])
