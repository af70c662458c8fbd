import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.tests.factories import PDF_BYTES, ApplicantFactory, make_desk

pytestmark = pytest.mark.django_db


def create(client, desk, **overrides):
    body = {
        "procedure": desk.procedure.code,
        "agency": desk.agency.code,
        "channel": "online",
        "applicant": {"name": "Nguyễn Văn An", "phone": "0912345678", "address": "Tổ 5, phường Minh Khai"},
    }
    body.update(overrides)
    return client.post("/api/v1/dossiers", body, content_type="application/json")


def upload(client, key, position, name="to-khai.pdf", content=PDF_BYTES):
    return client.post(
        f"/api/v1/dossiers/{key}/documents", {"position": position, "file": SimpleUploadedFile(name, content)}
    )


def test_citizen_creates_uploads_and_submits_a_dossier(client, desk):
    client.force_login(desk.citizen)
    created = create(client, desk)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["status_code"], body["channel"], body["channel_code"]) == ("draft", None, "online", 2)
    key = body["id"]

    assert upload(client, key, 1).status_code == 201
    assert upload(client, key, 2, "cccd.pdf").status_code == 201
    submitted = client.post(f"/api/v1/dossiers/{key}/submit")
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["status"], submitted.json()["status_code"]) == ("submitted", 1)
    assert [document["has_file"] for document in submitted.json()["documents"]] == [True, True, False, False]


def test_creating_needs_a_signed_in_session(client, desk):
    response = create(client, desk)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert not Dossier.objects.exists()


def test_creating_for_an_unknown_procedure_or_channel_is_a_clear_error(client, desk):
    client.force_login(desk.citizen)
    unknown = create(client, desk, procedure="9.999999")
    assert unknown.status_code == 404 and "Không tìm thấy" in unknown.json()["error"]["message"]
    direct = create(client, desk, channel="direct")
    assert direct.status_code == 400 and direct.json()["error"]["code"] == "invalid_channel"
    html = create(client, desk, applicant={"name": "<script>alert(1)</script>"})
    assert html.status_code == 400 and "<" in html.json()["error"]["message"]
    assert not Dossier.objects.exists()


def test_malformed_body_is_a_vietnamese_400(client, desk):
    client.force_login(desk.citizen)
    response = client.post("/api/v1/dossiers", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 60, "file_type"),
        ("rong.pdf", b"", "empty_file"),
        ("../../../etc/passwd", b"root:x:0:0", "file_type"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(client, desk, name, content, code):
    client.force_login(desk.citizen)
    key = create(client, desk).json()["id"]
    response = upload(client, key, 1, name, content)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not DossierDocument.objects.exclude(file="").exists()


def test_upload_over_the_limit_is_refused(client, desk, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1000
    client.force_login(desk.citizen)
    key = create(client, desk).json()["id"]
    response = upload(client, key, 1, "lon.pdf", PDF_BYTES + b"0" * 2000)
    assert response.status_code == 400 and response.json()["error"]["code"] == "file_too_large"


def test_submitting_an_incomplete_dossier_names_what_is_missing(client, desk):
    client.force_login(desk.citizen)
    key = create(client, desk).json()["id"]
    response = client.post(f"/api/v1/dossiers/{key}/submit")
    assert response.status_code == 400
    assert "Tờ khai đề nghị cấp giấy phép" in response.json()["error"]["message"]


def test_owner_and_allowed_staff_read_the_dossier_by_id_or_code(client, desk):
    dossier = desk.received()
    client.force_login(desk.citizen)
    by_code = client.get(f"/api/v1/dossiers/{dossier.code}")
    assert by_code.status_code == 200
    assert by_code.json()["code"] == dossier.code
    assert by_code.json()["applicant"]["id_number"] == desk.citizen.cccd

    client.force_login(desk.clerk)
    by_id = client.get(f"/api/v1/dossiers/{dossier.pk}")
    assert by_id.status_code == 200 and by_id.json()["receiving_agency"]["code"] == desk.agency.code


def test_everyone_else_gets_404_never_403(client, desk):
    dossier = desk.received()
    for outsider in (ApplicantFactory(), make_desk().clerk, None):
        client.logout()
        if outsider:
            client.force_login(outsider)
        for key in (dossier.pk, dossier.code):
            response = client.get(f"/api/v1/dossiers/{key}")
            assert response.status_code == 404
            assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy dữ liệu yêu cầu."}}
        assert client.post(f"/api/v1/dossiers/{dossier.pk}/submit").status_code in (401, 404)


def test_another_citizen_cannot_upload_into_my_dossier(client, desk):
    dossier = desk.draft()
    client.force_login(ApplicantFactory())
    assert upload(client, dossier.pk, 1).status_code == 404


def test_public_lookup_masks_the_name_and_gives_the_timeline(client, desk):
    dossier = services.do_assign(desk.leader, desk.received(), specialist=desk.specialist)
    response = client.get(f"/api/v1/lookup/{dossier.code}")
    assert response.status_code == 200
    body = response.json()
    assert body["applicant"] == "Nguyễn V*** A**"
    assert body["procedure"] == {"code": desk.procedure.code, "name": desk.procedure.name}
    assert (body["status"], body["status_code"], body["channel"]) == ("processing", 4, "online")
    assert [step["status_code"] for step in body["timeline"]] == [1, 2, 4]
    assert set(body) >= {"code", "received_at", "due_at", "timeline"}
    assert desk.citizen.cccd not in response.content.decode()


@pytest.mark.parametrize("code", ["000.00.00.H22-210616-0001", "khong-phai-ma", "%3Cscript%3E"])
def test_lookup_of_an_unknown_code_is_404(client, desk, code):
    response = client.get(f"/api/v1/lookup/{code}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_openapi_document_lists_the_dossier_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/dossiers", "/api/v1/dossiers/{key}", "/api/v1/lookup/{code}"} <= set(paths)
