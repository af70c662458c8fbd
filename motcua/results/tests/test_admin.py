import pytest
from django.contrib.auth import get_user_model

from motcua.results.models import ResultTemplate
from motcua.results.tests.factories import SignedDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(client):
    admin = get_user_model().objects.create_superuser(username="quantri-ketqua", password="Mat-khau-2021!")
    client.force_login(admin)
    return client


def test_admin_lists_signed_documents_by_dossier_code(admin_client_logged_in):
    document = SignedDocumentFactory(dossier_code="000.01.01.H22-210616-0031")

    response = admin_client_logged_in.get("/quan-tri/results/signeddocument/?q=210616-0031")

    assert response.status_code == 200
    assert document.name in response.content.decode()


def test_signed_documents_cannot_be_added_changed_or_deleted_in_the_admin(admin_client_logged_in):
    document = SignedDocumentFactory()
    change_url = f"/quan-tri/results/signeddocument/{document.pk}/change/"

    assert admin_client_logged_in.get("/quan-tri/results/signeddocument/add/").status_code == 403
    assert admin_client_logged_in.post(change_url, {"name": "Đã sửa"}).status_code == 403
    assert admin_client_logged_in.post(f"/quan-tri/results/signeddocument/{document.pk}/delete/").status_code == 403
    document.refresh_from_db()
    assert document.name == "Bản sao trích lục khai sinh"


def test_admin_edits_result_template_and_refuses_unknown_placeholders(admin_client_logged_in):
    url = "/quan-tri/results/resulttemplate/add/"
    refused = admin_client_logged_in.post(
        url, {"procedure_code": "2.000635", "title": "Giấy xác nhận", "body": "Cấp cho {ten_nguoi_nop}."}
    )
    accepted = admin_client_logged_in.post(
        url, {"procedure_code": "2.000635", "title": "Giấy xác nhận", "body": "Cấp cho {ho_ten}.\n\nNgày {ngay}."}
    )

    assert refused.status_code == 200
    assert "Trường thay thế không hợp lệ: {ten_nguoi_nop}" in refused.content.decode()
    assert accepted.status_code == 302
    assert ResultTemplate.objects.get().body == "Cấp cho {ho_ten}.\n\nNgày {ngay}."
