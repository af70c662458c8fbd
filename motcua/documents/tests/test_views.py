import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.documents import selectors
from motcua.documents.tests.factories import ApplicantFactory, accepted, pdf_upload, scanned_pdf
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DocumentSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(desk, django_capture_on_commit_callbacks):
    accepted(desk, django_capture_on_commit_callbacks)
    return selectors.stored_documents_of(desk.citizen).get(name="Bản sao Căn cước công dân")


def test_the_store_lists_the_owners_documents_only(client, desk, stored, django_capture_on_commit_callbacks):
    other = ApplicantFactory()
    accepted(desk, django_capture_on_commit_callbacks, citizen=other)
    client.force_login(desk.citizen)

    response = client.get(reverse("documents:store"))

    assert response.status_code == 200
    assert "Kho dữ liệu của tôi" in response.text
    assert list(response.context["documents"]) == list(selectors.stored_documents_of(desk.citizen))
    assert not set(response.context["documents"]) & set(selectors.stored_documents_of(other))


def test_the_owner_downloads_the_stored_file(client, desk, stored):
    client.force_login(desk.citizen)

    detail = client.get(reverse("documents:detail", args=[stored.pk]))
    download = client.get(reverse("documents:download", args=[stored.pk]))

    assert detail.status_code == 200 and stored.sha256 in detail.text
    with stored.file.open("rb") as kept:
        assert b"".join(download.streaming_content) == kept.read()


@pytest.mark.parametrize("page", ["documents:detail", "documents:download"])
def test_another_citizen_gets_404_for_a_stored_document(client, stored, page):
    client.force_login(ApplicantFactory())

    assert client.get(reverse(page, args=[stored.pk])).status_code == 404


def test_the_draft_offers_the_store_and_picking_fills_the_component(client, desk, stored):
    draft = dossier_services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    client.force_login(desk.citizen)
    pick_url = reverse("documents:pick", args=[draft.pk, 2])

    assert pick_url in client.get(reverse("dossiers:draft", args=[draft.pk])).text
    assert "Bản sao Căn cước công dân" in client.get(pick_url).text
    response = client.post(pick_url, {"stored_document": stored.pk})

    assert response.status_code == 302 and response.url == reverse("dossiers:draft", args=[draft.pk])
    component = dossier_selectors.documents_of(draft)[1]
    assert component.source == DocumentSource.REUSED


def test_picking_another_citizens_document_is_refused_and_changes_nothing(client, desk, stored):
    intruder = ApplicantFactory()
    draft = dossier_services.do_create_draft(intruder, procedure=desk.procedure, agency=desk.agency)
    client.force_login(intruder)

    response = client.post(reverse("documents:pick", args=[draft.pk, 2]), {"stored_document": stored.pk})

    assert response.status_code == 400
    assert "không có trong kho dữ liệu của bạn" in response.text
    assert not any(component.has_file for component in dossier_selectors.documents_of(draft))


def test_the_pick_page_of_someone_elses_draft_is_404(client, desk, stored):
    draft = dossier_services.do_create_draft(desk.citizen, procedure=desk.procedure, agency=desk.agency)
    client.force_login(ApplicantFactory())

    assert client.get(reverse("documents:pick", args=[draft.pk, 1])).status_code == 404
    assert client.post(reverse("documents:pick", args=[draft.pk, 1]), {"stored_document": stored.pk}).status_code == 404


def test_the_store_needs_a_login(client):
    response = client.get(reverse("documents:store"))

    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_the_main_navigation_links_the_store_for_citizens(client, desk):
    client.force_login(desk.citizen)

    assert reverse("documents:store") in client.get(reverse("dossiers:mine")).text


def test_the_clerk_digitises_a_paper_original_from_the_dossier_page(client, desk):
    dossier = desk.submitted()
    client.force_login(desk.clerk)
    url = reverse("documents:digitise", args=[dossier.pk])

    assert url in client.get(reverse("dossiers:staff-detail", args=[dossier.pk])).text
    response = client.post(
        url,
        {
            "position": 2,
            "upload": SimpleUploadedFile("cccd-scan.pdf", scanned_pdf("ban giay cccd"), content_type="application/pdf"),
            "name": "Căn cước công dân",
            "issuer": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            "issued_on": "16/06/2021",
            "valid_until": "2036-06-16",
        },
    )

    assert response.status_code == 302
    stored = selectors.stored_documents_of(desk.citizen).get()
    assert (stored.name, stored.digitised_by, str(stored.issued_on)) == ("Căn cước công dân", desk.clerk, "2021-06-16")


def test_digitising_with_the_validity_before_the_issue_date_is_refused(client, desk):
    dossier = desk.submitted()
    client.force_login(desk.clerk)

    response = client.post(
        reverse("documents:digitise", args=[dossier.pk]),
        {"position": 2, "upload": pdf_upload("a.pdf", "a"), "issued_on": "16/06/2021", "valid_until": "15/06/2021"},
    )

    assert response.status_code == 400
    assert "Ngày hết hiệu lực không được trước ngày cấp." in response.text
    assert not selectors.stored_documents_of(desk.citizen).exists()


@pytest.mark.parametrize("who", ["citizen", "specialist"])
def test_the_digitisation_page_is_404_for_anyone_but_desk_staff(client, desk, who):
    dossier = desk.submitted()
    client.force_login(getattr(desk, who))

    assert client.get(reverse("documents:digitise", args=[dossier.pk])).status_code == 404
