"""The result block of the dossier pages and its forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.core.pdf import render_document
from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DossierStatus
from motcua.dossiers.tests.factories import make_desk
from motcua.results import selectors, services
from motcua.results.constants import DeliveryMethod, PostalStatus, VerificationStatus
from motcua.results.tests.factories import ADDRESS, ResultSpecFactory, full_online_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return full_online_desk()


def _resolved(desk, capture):
    dossier = desk.at_approval()
    with capture(execute=True):
        dossier = dossier_services.do_approve(desk.leader, dossier)
    return dossier_services.do_mark_resolved(desk.clerk, dossier)


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_citizen_downloads_signed_result_and_it_is_recorded(client, desk, django_capture_on_commit_callbacks):
    dossier = _resolved(desk, django_capture_on_commit_callbacks)
    client.force_login(desk.citizen)

    page = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    response = client.get(reverse("results:dossier-download", args=[dossier.pk]))

    assert "Kết quả giải quyết" in page.content.decode()
    assert reverse("results:dossier-download", args=[dossier.pk]) in page.content.decode()
    body = b"".join(response.streaming_content)
    assert selectors.verify_signed_pdf(body).status == VerificationStatus.VALID
    assert selectors.delivery_of(dossier).first_downloaded_at is not None


def test_other_citizen_gets_404_on_download(client, desk, django_capture_on_commit_callbacks):
    dossier = _resolved(desk, django_capture_on_commit_callbacks)
    client.force_login(make_desk().citizen)

    response = client.get(reverse("results:dossier-download", args=[dossier.pk]))

    assert response.status_code == 404
    assert selectors.delivery_of(dossier) is None


def test_download_before_resolution_is_404(client, desk, django_capture_on_commit_callbacks):
    dossier = desk.at_approval()
    with django_capture_on_commit_callbacks(execute=True):
        dossier_services.do_approve(desk.leader, dossier)
    client.force_login(desk.citizen)

    assert client.get(reverse("results:dossier-download", args=[dossier.pk])).status_code == 404


def test_delivery_choice_form_shows_vietnamese_error_and_changes_nothing(client, desk):
    dossier = desk.submitted()
    client.force_login(desk.citizen)

    response = client.post(
        reverse("results:choose-delivery", args=[dossier.pk]), {"phuong_thuc": DeliveryMethod.POSTAL, "dia_chi": ""}
    )

    assert response.status_code == 302
    assert _messages(response) == ["Vui lòng nhập địa chỉ nhận kết quả qua bưu chính."]
    assert selectors.delivery_of(dossier) is None

    client.post(
        reverse("results:choose-delivery", args=[dossier.pk]), {"phuong_thuc": DeliveryMethod.POSTAL, "dia_chi": ADDRESS}
    )
    assert selectors.delivery_of(dossier).address == ADDRESS


def test_specialist_uploads_result_from_staff_page(client, desk):
    dossier = desk.at_approval()
    client.force_login(desk.specialist)
    upload = SimpleUploadedFile("ket-qua.pdf", render_document(ResultSpecFactory()), content_type="application/pdf")

    response = client.post(reverse("results:upload", args=[dossier.pk]), {"tep": upload})

    assert response.url == reverse("dossiers:staff-detail", args=[dossier.pk])
    assert selectors.result_panel(dossier, desk.specialist).upload is not None


def test_counter_return_form_returns_the_dossier(client, desk, django_capture_on_commit_callbacks):
    dossier = _resolved(desk, django_capture_on_commit_callbacks)
    client.force_login(desk.clerk)

    page = client.get(reverse("dossiers:staff-detail", args=[dossier.pk]))
    client.post(
        reverse("results:return-at-counter", args=[dossier.pk]),
        {"nguoi_nhan": "Nguyễn Văn An", "so_giay_to": "002099001234"},
    )

    assert "Ghi nhận đã trả kết quả" in page.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED


def test_postal_staff_page_updates_tracking(client, desk, django_capture_on_commit_callbacks):
    dossier = _resolved(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier, tracking_code="EB123456789VN")
    client.force_login(desk.postal)

    page = client.get(reverse("results:postal-orders"))
    skipped = client.post(reverse("results:postal-orders"), {"don": order.pk, "trang_thai": PostalStatus.DELIVERED})
    client.post(reverse("results:postal-orders"), {"don": order.pk, "trang_thai": PostalStatus.PICKED_UP})

    assert "EB123456789VN" in page.content.decode()
    assert "không chuyển được" in _messages(skipped)[0]
    order.refresh_from_db()
    assert order.status == PostalStatus.PICKED_UP


def test_postal_page_hides_other_agencies_orders(client, desk, django_capture_on_commit_callbacks):
    dossier = _resolved(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier)
    client.force_login(make_desk().postal)

    response = client.post(reverse("results:postal-orders"), {"don": order.pk, "trang_thai": PostalStatus.PICKED_UP})

    assert response.status_code == 404
