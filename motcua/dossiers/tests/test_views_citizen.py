"""The citizen's pages: the e-form with drafts, "Hồ sơ của tôi", supplements, withdrawal, document downloads."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.catalog.constants import ServiceLevel
from motcua.catalog.tests.factories import OfferingFactory
from motcua.dossiers import services
from motcua.dossiers.constants import DossierStatus, EventAction, Intake
from motcua.dossiers.models import Dossier, DossierDocument
from motcua.dossiers.tests.checks import actions, dossier_state
from motcua.dossiers.tests.factories import PDF_BYTES, ApplicantFactory, online_procedure, pdf
from motcua.organization.tests.factories import DepartmentFactory
from motcua.results import selectors as result_selectors
from motcua.results.constants import DeliveryMethod

pytestmark = pytest.mark.django_db


def stored_files(django_settings) -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def submit_url(desk) -> str:
    return reverse("dossiers:submit", args=[desk.procedure.key])


def eform_post(desk, *, button="nop", **fields) -> dict:
    return {"agency": desk.agency.code, "name": "Nguyễn Văn An", button: "1", **fields}


@pytest.fixture
def citizen_client(client, desk):
    client.force_login(desk.citizen)
    return client


# --- Access ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["dossiers:mine"])
def test_anonymous_visitor_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_visitor_of_the_eform_is_sent_to_log_in_and_back(client, desk):
    response = client.get(submit_url(desk))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={submit_url(desk)}"


def test_another_citizens_dossier_is_not_found_by_id_draft_or_download(client, desk):
    dossier = desk.submitted()
    client.force_login(ApplicantFactory())
    for url in (
        reverse("dossiers:detail", args=[dossier.pk]),
        reverse("dossiers:draft", args=[dossier.pk]),
        reverse("dossiers:withdraw", args=[dossier.pk]),
        reverse("dossiers:document", args=[dossier.pk, 1]),
    ):
        assert client.get(url).status_code == 404, url
    before = dossier_state(dossier)
    assert (
        client.post(reverse("dossiers:withdraw", args=[dossier.pk]), {"reason": "x", "confirm": "on"}).status_code
        == 404
    )
    assert dossier_state(dossier) == before


def test_unknown_procedure_is_not_found(citizen_client):
    assert citizen_client.get(reverse("dossiers:submit", args=["9.999999"])).status_code == 404
    assert citizen_client.get(reverse("dossiers:submit", args=["<script>"])).status_code == 404


def test_the_procedure_page_links_to_this_eform(citizen_client, desk):
    page = citizen_client.get(reverse("portal:procedure-detail", args=[desk.procedure.key])).content.decode()
    assert f'href="{submit_url(desk)}"' in page
    assert citizen_client.get(submit_url(desk)).status_code == 200


# --- The e-form -----------------------------------------------------------------------------------------------


def test_eform_has_one_labelled_upload_per_component_with_requirement_type_and_size(citizen_client, desk, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    response = citizen_client.get(submit_url(desk))
    html = response.content.decode()

    assert response.status_code == 200
    for position, name in enumerate(
        [
            "Tờ khai đề nghị cấp giấy phép",
            "Bản sao Căn cước công dân",
            "Trường hợp ủy quyền thì nộp văn bản ủy quyền",
            "Giấy tờ khác (nếu có)",
        ],
        start=1,
    ):
        assert f'<label for="id_giay-to-{position}">{name}' in html
        assert f'id="id_giay-to-{position}_hint"' in html
        assert f'aria-describedby="id_giay-to-{position}_hint"' in html
    assert html.count('<span class="tag tag-required">bắt buộc</span>') == 2
    assert html.count('<span class="tag">không bắt buộc</span>') == 2
    assert "PDF, JPG hoặc PNG, tối đa 5 MB." in html
    assert 'accept=".pdf,.jpg,.jpeg,.png' in html


def test_eform_is_prefilled_from_the_account(citizen_client, desk):
    form = citizen_client.get(submit_url(desk)).context["applicant_form"]
    assert form["name"].value() == "Nguyễn Văn An"
    assert form["id_number"].value() == desk.citizen.cccd
    assert form["email"].value() == desk.citizen.email


def test_procedure_below_level_three_explains_where_to_submit_in_person(citizen_client, desk):
    procedure = online_procedure(agency=desk.agency, service_level=ServiceLevel.FORMS)
    response = citizen_client.get(reverse("dossiers:submit", args=[procedure.key]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "chưa nhận hồ sơ trực tuyến" in html
    assert desk.agency.name in html
    assert 'type="file"' not in html
    assert citizen_client.post(reverse("dossiers:submit", args=[procedure.key]), {"nop": "1"}).status_code == 200
    assert not Dossier.objects.exists()


def test_staff_opening_the_eform_is_sent_to_the_assisted_intake(client, desk):
    client.force_login(desk.clerk)
    response = client.get(submit_url(desk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dossiers:intake-start"))


def test_submitting_with_every_required_file_makes_a_new_online_dossier(citizen_client, desk):
    response = citizen_client.post(
        submit_url(desk), eform_post(desk, **{"giay-to-1": pdf("to-khai.pdf"), "giay-to-2": pdf("cccd.pdf")})
    )

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert (dossier.status, dossier.intake, dossier.applicant) == (
        DossierStatus.SUBMITTED,
        Intake.SELF_SERVICE,
        desk.citizen,
    )
    assert sorted(dossier.documents.exclude(file="").values_list("original_name", flat=True)) == [
        "cccd.pdf",
        "to-khai.pdf",
    ]
    page = citizen_client.get(response["Location"]).content.decode()
    assert "Đã nộp hồ sơ." in page
    assert "Mới đăng ký" in page


def test_saving_a_draft_keeps_it_for_later_and_the_eform_offers_to_resume_it(citizen_client, desk):
    response = citizen_client.post(submit_url(desk), eform_post(desk, button="luu", **{"giay-to-1": pdf()}))

    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("dossiers:draft", args=[dossier.pk])
    assert dossier.status == DossierStatus.DRAFT
    draft_page = citizen_client.get(response["Location"]).content.decode()
    assert "Đã lưu bản nháp" in draft_page
    assert "Đã có tệp: to-khai.pdf" in draft_page
    assert '<a href="#id_giay-to-2">Bản sao Căn cước công dân</a>' in draft_page
    assert reverse("dossiers:draft", args=[dossier.pk]) in citizen_client.get(submit_url(desk)).content.decode()


def test_resumed_draft_is_completed_and_submitted(citizen_client, desk):
    dossier = Dossier.objects.get(pk=desk.draft(files={1: pdf()}).pk)
    response = citizen_client.post(
        reverse("dossiers:draft", args=[dossier.pk]),
        {
            "version": dossier.version,
            "name": "Nguyễn Văn An",
            "address": "Tổ 5, phường Minh Khai",
            "nop": "1",
            "giay-to-2": pdf("cccd.pdf"),
        },
    )

    dossier.refresh_from_db()
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert (dossier.status, dossier.applicant_address) == (DossierStatus.SUBMITTED, "Tổ 5, phường Minh Khai")


def test_submitting_without_a_required_file_keeps_the_draft_and_names_what_is_missing(citizen_client, desk):
    response = citizen_client.post(submit_url(desk), eform_post(desk, **{"giay-to-1": pdf()}), follow=True)

    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.DRAFT
    assert "chưa nộp được: Hồ sơ còn thiếu giấy tờ bắt buộc: Bản sao Căn cước công dân" in response.content.decode()


def test_a_draft_changed_in_another_tab_is_not_overwritten(citizen_client, desk):
    dossier = Dossier.objects.get(pk=desk.draft(files={1: pdf()}).pk)
    before = dossier_state(dossier)
    response = citizen_client.post(
        reverse("dossiers:draft", args=[dossier.pk]), {"version": dossier.version - 1, "name": "Khác", "luu": "1"}
    )
    assert response.status_code == 400
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert dossier_state(dossier) == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("to-khai.pdf", b"MZ\x90\x00" + b"\x00" * 60), "Chỉ nhận tệp PDF, JPEG hoặc PNG"),
        (pdf("to-khai.pdf", b""), "rỗng"),
        (pdf("to-khai.exe", PDF_BYTES), "không khớp với phần mở rộng .exe"),
    ],
    ids=["exe-renamed-pdf", "empty", "pdf-named-exe"],
)
def test_a_bad_file_is_named_at_its_control_and_nothing_is_stored(citizen_client, desk, settings, upload, message):
    response = citizen_client.post(
        submit_url(desk), eform_post(desk, **{"giay-to-1": upload, "giay-to-2": pdf("cccd.pdf")})
    )
    html = response.content.decode()

    assert response.status_code == 400
    assert message in html
    assert 'id="id_giay-to-1" accept' in html and 'aria-invalid="true"' in html
    assert '<a href="#id_giay-to-1">' in html
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_a_file_over_the_limit_is_refused_before_it_is_stored(citizen_client, desk, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024
    big = pdf("to-khai.pdf", PDF_BYTES + b"0" * 2048)
    response = citizen_client.post(submit_url(desk), eform_post(desk, **{"giay-to-1": big}))
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép" in response.content.decode()
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_html_in_the_applicant_name_is_refused_with_nothing_stored(citizen_client, desk, settings):
    response = citizen_client.post(
        submit_url(desk), eform_post(desk, name="<script>alert(1)</script>", **{"giay-to-1": pdf()})
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Họ tên người nộp không được chứa ký tự &lt;" in html
    assert "<script>alert(1)" not in html
    assert not Dossier.objects.exists()
    assert stored_files(settings) == []


def test_a_path_in_the_file_name_keeps_only_the_name(citizen_client, desk):
    citizen_client.post(submit_url(desk), eform_post(desk, button="luu", **{"giay-to-1": pdf("../../etc/to-khai.pdf")}))
    document = DossierDocument.objects.get(position=1)
    assert document.original_name == "to-khai.pdf"
    assert ".." not in document.file.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=300), phone=st.text(max_size=30))
def test_any_applicant_text_is_saved_or_explained_never_an_error(citizen_client, desk, name, phone):
    before = Dossier.objects.count()
    response = citizen_client.post(submit_url(desk), eform_post(desk, button="luu", name=name, phone=phone))
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Dossier.objects.count() == before
        assert 'class="error-summary"' in response.content.decode()


def test_procedure_offered_at_several_agencies_lets_the_citizen_choose(citizen_client, desk):
    second = OfferingFactory(procedure=desk.procedure, agency=DepartmentFactory()).agency
    form = citizen_client.get(submit_url(desk)).context["agency_form"]
    assert {code for code, _name in form.fields["agency"].choices} == {desk.agency.code, second.code}
    citizen_client.post(submit_url(desk), eform_post(desk, button="luu", agency=second.code))
    assert Dossier.objects.get().receiving_agency == second


def test_eform_of_a_procedure_offered_at_many_agencies_costs_a_bounded_number_of_queries(
    citizen_client, desk, django_assert_max_num_queries
):
    for _ in range(20):  # the department factory has 30 codes; the desk holds one of them
        OfferingFactory(procedure=desk.procedure, agency=DepartmentFactory())
    OfferingFactory(procedure=desk.procedure, agency=DepartmentFactory(), service_level=ServiceLevel.FORMS)
    with django_assert_max_num_queries(20):
        response = citizen_client.get(submit_url(desk))
    assert len(response.context["agency_form"].fields["agency"].choices) == 21


def test_an_agency_that_does_not_offer_the_procedure_cannot_be_posted(citizen_client, desk):
    response = citizen_client.post(submit_url(desk), eform_post(desk, agency="000.00.01.H22"))
    assert response.status_code == 400
    assert not Dossier.objects.exists()


def test_csrf_token_is_required(desk):
    client = Client(enforce_csrf_checks=True)
    client.force_login(desk.citizen)
    assert client.post(submit_url(desk), eform_post(desk)).status_code == 403
    assert not Dossier.objects.exists()


# --- Hồ sơ của tôi --------------------------------------------------------------------------------------------


def test_my_dossiers_lists_only_my_own_and_finds_by_name(citizen_client, desk):
    mine = desk.submitted()
    theirs = desk.submitted(ApplicantFactory(full_name="Lò Thị Mai"))

    response = citizen_client.get(reverse("dossiers:mine"))
    assert f'<a href="{reverse("dossiers:mine")}">Hồ sơ của tôi</a>' in response.content.decode()
    assert reverse("dossiers:staff-inbox") not in response.content.decode()
    listed = response.context["page"].items
    assert listed == [mine]
    assert theirs not in listed
    assert citizen_client.get(reverse("dossiers:mine"), {"q": "nguyen van"}).context["page"].items == [mine]
    assert citizen_client.get(reverse("dossiers:mine"), {"q": "Lò Thị Mai"}).context["page"].items == []


def test_my_dossiers_refuses_an_overlong_search_with_a_message(citizen_client):
    response = citizen_client.get(reverse("dossiers:mine"), {"q": "a" * 500})
    assert response.status_code == 400
    assert "tối đa" in response.content.decode()


def test_my_dossiers_survives_a_tampered_cursor(citizen_client, desk):
    mine = desk.submitted()
    response = citizen_client.get(reverse("dossiers:mine"), {"sau": "%%%not-a-cursor"})
    assert response.status_code == 200
    assert response.context["page"].items == [mine]


def test_detail_shows_status_timeline_without_staff_names_and_the_receipt(citizen_client, desk):
    dossier = services.do_assign(desk.leader, desk.received(), specialist=desk.specialist)
    html = citizen_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()

    assert dossier.code in html
    assert "Đang xử lý" in html
    assert "Tiếp nhận hồ sơ" in html
    assert "Phân công xử lý" not in html
    assert str(desk.clerk) not in html
    assert "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in html
    assert "Mẫu 05" not in html


def test_owner_downloads_an_attached_document(citizen_client, desk):
    dossier = desk.submitted()
    response = citizen_client.get(reverse("dossiers:document", args=[dossier.pk, 1]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert citizen_client.get(reverse("dossiers:document", args=[dossier.pk, 3])).status_code == 404


# --- Supplement and withdrawal --------------------------------------------------------------------------------


def test_citizen_answers_a_supplement_request_with_the_missing_file(citizen_client, desk):
    dossier = services.do_request_supplement(
        desk.clerk, desk.submitted(), items=["Bản sao Căn cước công dân còn hạn"], reason="Bản cũ đã hết hạn."
    )
    page = citizen_client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "Bản sao Căn cước công dân còn hạn" in page
    assert "Bản cũ đã hết hạn." in page

    response = citizen_client.post(
        reverse("dossiers:supplement", args=[dossier.pk]),
        {"version": dossier.version, "giay-to-2": pdf("cccd-moi.pdf")},
    )
    dossier.refresh_from_db()
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.documents.get(position=2).original_name == "cccd-moi.pdf"
    assert actions(dossier)[-2:] == [EventAction.ATTACH, EventAction.PROVIDE_SUPPLEMENT]


def test_a_supplement_with_nothing_in_it_changes_nothing(citizen_client, desk):
    dossier = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu chữ ký.")
    before = dossier_state(dossier)
    response = citizen_client.post(reverse("dossiers:supplement", args=[dossier.pk]), {"version": dossier.version})
    assert response.status_code == 400
    assert "Vui lòng đính kèm giấy tờ bổ sung" in response.content.decode()
    assert dossier_state(dossier) == before


def test_a_supplement_refused_after_its_files_were_attached_keeps_neither_rows_nor_files(
    citizen_client, desk, settings
):
    dossier = services.do_request_supplement(desk.clerk, desk.submitted(), items=["Tờ khai"], reason="Thiếu chữ ký.")
    files_before, state_before = stored_files(settings), dossier_state(dossier)
    response = citizen_client.post(
        reverse("dossiers:supplement", args=[dossier.pk]),
        {"version": dossier.version, "giay-to-1": pdf("to-khai-moi.pdf"), "note": "<" * 3000},
    )
    assert response.status_code == 400
    assert dossier_state(dossier) == state_before
    assert stored_files(settings) == files_before


def test_withdrawal_asks_for_confirmation_then_withdraws(citizen_client, desk):
    dossier = desk.submitted()
    url = reverse("dossiers:withdraw", args=[dossier.pk])
    assert "Xác nhận rút hồ sơ" in citizen_client.get(url).content.decode()

    unconfirmed = citizen_client.post(url, {"version": dossier.version, "reason": "Nộp nhầm thủ tục."})
    assert unconfirmed.status_code == 400
    assert Dossier.objects.get().status == DossierStatus.SUBMITTED

    response = citizen_client.post(url, {"version": dossier.version, "reason": "Nộp nhầm thủ tục.", "confirm": "on"})
    dossier.refresh_from_db()
    assert response["Location"] == reverse("dossiers:detail", args=[dossier.pk])
    assert (dossier.status, dossier.decision_reason) == (DossierStatus.WITHDRAWN, "Nộp nhầm thủ tục.")


def test_withdrawing_a_resolved_dossier_is_refused_with_the_reason(citizen_client, desk):
    dossier = desk.resolved()
    before = dossier_state(dossier)
    response = citizen_client.post(
        reverse("dossiers:withdraw", args=[dossier.pk]), {"version": dossier.version, "reason": "x", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "Đã xử lý xong" in response.content.decode()
    assert dossier_state(dossier) == before


# --- How the result is received, chosen with the submission ---------------------------------------------------


def test_the_applicant_chooses_postal_return_with_the_submission(citizen_client, desk):
    response = citizen_client.post(
        submit_url(desk),
        eform_post(
            desk,
            phuong_thuc=DeliveryMethod.POSTAL,
            dia_chi="Thôn Lũng Cú, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang",
            **{"giay-to-1": pdf("to-khai.pdf"), "giay-to-2": pdf("cccd.pdf")},
        ),
    )

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    delivery = result_selectors.delivery_of(dossier)
    assert (delivery.method, delivery.address) == (
        DeliveryMethod.POSTAL,
        "Thôn Lũng Cú, xã Lũng Cú, huyện Đồng Văn, tỉnh Hà Giang",
    )


def test_postal_return_without_an_address_is_explained_and_nothing_is_saved(citizen_client, desk):
    response = citizen_client.post(
        submit_url(desk),
        eform_post(desk, phuong_thuc=DeliveryMethod.POSTAL, **{"giay-to-1": pdf(), "giay-to-2": pdf()}),
    )

    assert response.status_code == 400
    assert not Dossier.objects.exists()
    assert "địa chỉ" in response.content.decode().lower()


def test_online_return_is_offered_only_for_a_fully_online_procedure(citizen_client, desk):
    page = citizen_client.get(submit_url(desk)).content.decode()

    assert (DeliveryMethod.ONLINE.value in page) is (desk.procedure.service_level == ServiceLevel.FULL)
    assert DeliveryMethod.COUNTER.value in page and DeliveryMethod.POSTAL.value in page
