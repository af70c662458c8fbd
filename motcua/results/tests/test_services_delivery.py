"""Returning the result: the applicant's choice, at the counter, by post (tracked), online download."""

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DossierStatus, EventAction
from motcua.dossiers.tests.factories import make_desk
from motcua.results import selectors, services
from motcua.results.constants import DeliveryMethod, PostalStatus
from motcua.results.models import Delivery, PostalEvent, PostalOrder
from motcua.results.tests.factories import ADDRESS, full_online_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return full_online_desk()


def _resolved_with_result(desk, capture):
    dossier = desk.at_approval()
    with capture(execute=True):
        dossier = dossier_services.do_approve(desk.leader, dossier)
    return dossier_services.do_mark_resolved(desk.clerk, dossier)


def test_applicant_chooses_and_changes_the_method(desk):
    dossier = desk.submitted()

    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    delivery = services.choose_delivery(desk.citizen, dossier, DeliveryMethod.ONLINE, " ")

    assert (delivery.method, delivery.address) == (DeliveryMethod.ONLINE, "")
    assert Delivery.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "address", "code"),
    [
        (DeliveryMethod.POSTAL, "  ", "address_required"),
        ("bo-cau", None, "invalid_method"),
    ],
)
def test_invalid_choice_changes_nothing(desk, method, address, code):
    dossier = desk.submitted()
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.COUNTER)

    with pytest.raises(services.ResultError) as refused:
        services.choose_delivery(desk.citizen, dossier, method, address)

    assert refused.value.code == code
    assert refused.value.message
    assert selectors.delivery_of(dossier).method == DeliveryMethod.COUNTER


def test_online_return_needs_a_full_online_procedure():
    desk = make_desk()
    dossier = desk.submitted()

    with pytest.raises(services.ResultError) as refused:
        services.choose_delivery(desk.citizen, dossier, DeliveryMethod.ONLINE)

    assert refused.value.code == "not_full_online"
    assert selectors.delivery_of(dossier) is None


def test_another_citizen_cannot_choose(desk):
    dossier = desk.submitted()
    other = make_desk().citizen

    with pytest.raises(services.ResultError) as refused:
        services.choose_delivery(other, dossier, DeliveryMethod.COUNTER)

    assert refused.value.code == "forbidden"


def test_counter_return_records_recipient_and_returns_the_dossier(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)

    delivery = services.return_at_counter(
        desk.clerk, dossier, recipient_name="Nguyễn Văn An", id_number="002 099 001 234"
    )

    assert delivery.recipient_id_number == "002099001234"
    assert delivery.handed_over_by == desk.clerk
    assert delivery.handed_over_at is not None
    dossier.refresh_from_db()
    assert (dossier.status, dossier.result_recipient) == (DossierStatus.RETURNED, "Nguyễn Văn An")


def test_counter_return_refused_twice_and_without_id(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)
    with pytest.raises(services.ResultError) as no_id:
        services.return_at_counter(desk.clerk, dossier, recipient_name="Nguyễn Văn An", id_number="?")
    assert no_id.value.code == "invalid_id"
    assert selectors.delivery_of(dossier) is None

    services.return_at_counter(desk.clerk, dossier, recipient_name="Nguyễn Văn An", id_number="002099001234")
    with pytest.raises(services.ResultError) as again:
        services.return_at_counter(desk.clerk, dossier, recipient_name="Người khác", id_number="002099001235")
    assert again.value.code == "invalid_state"
    assert selectors.delivery_of(dossier).recipient_id_number == "002099001234"


def test_postal_order_tracked_to_delivery_returns_the_dossier(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier, tracking_code="EB123456789VN")

    services.record_postal_event(desk.postal, order, PostalStatus.PICKED_UP)
    services.record_postal_event(desk.postal, order, PostalStatus.IN_TRANSIT, note="Bưu cục Mèo Vạc")
    services.record_postal_event(desk.clerk, order, PostalStatus.DELIVERED)

    assert list(PostalEvent.objects.filter(order=order).values_list("status", flat=True)) == [
        PostalStatus.REQUESTED,
        PostalStatus.PICKED_UP,
        PostalStatus.IN_TRANSIT,
        PostalStatus.DELIVERED,
    ]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert PostalOrder.objects.get().address == ADDRESS


def test_postal_order_refuses_skipped_states_and_locks_the_choice(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier)

    with pytest.raises(services.ResultError) as skipped:
        services.record_postal_event(desk.postal, order, PostalStatus.DELIVERED)
    assert skipped.value.code == "invalid_transition"
    with pytest.raises(services.ResultError) as locked:
        services.choose_delivery(desk.citizen, dossier, DeliveryMethod.COUNTER)
    assert locked.value.code == "postal_under_way"

    order.refresh_from_db()
    dossier.refresh_from_db()
    assert (order.status, dossier.status) == (PostalStatus.REQUESTED, DossierStatus.RESOLVED)
    assert order.events.count() == 1


def test_failed_delivery_frees_the_choice(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier)
    services.record_postal_event(desk.postal, order, PostalStatus.PICKED_UP)
    services.record_postal_event(desk.postal, order, PostalStatus.FAILED, note="Không có người nhận")

    delivery = services.choose_delivery(desk.citizen, dossier, DeliveryMethod.COUNTER)

    assert delivery.method == DeliveryMethod.COUNTER


def test_dispatch_needs_a_postal_choice(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)

    with pytest.raises(services.ResultError) as refused:
        services.dispatch_by_post(desk.clerk, dossier)

    assert refused.value.code == "not_postal"
    assert not PostalOrder.objects.exists()


def test_online_download_is_remembered_once(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)

    first = services.record_online_download(desk.citizen, dossier).first_downloaded_at
    again = services.record_online_download(desk.citizen, dossier).first_downloaded_at

    assert first is not None and again == first


def test_online_download_refused_before_resolution(desk, django_capture_on_commit_callbacks):
    dossier = desk.at_approval()

    with pytest.raises(services.ResultError) as refused:
        services.record_online_download(desk.citizen, dossier)

    assert refused.value.code == "not_ready"


def test_postal_staff_delivery_returns_the_dossier_and_names_the_postal_worker(
    desk, django_capture_on_commit_callbacks
):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    order = services.dispatch_by_post(desk.clerk, dossier)
    services.record_postal_event(desk.postal, order, PostalStatus.PICKED_UP)
    services.record_postal_event(desk.postal, order, PostalStatus.IN_TRANSIT)

    services.record_postal_event(desk.postal, order, PostalStatus.DELIVERED)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.events.order_by("-id").first().actor == desk.postal


def test_first_online_download_returns_the_dossier_once(desk, django_capture_on_commit_callbacks):
    dossier = _resolved_with_result(desk, django_capture_on_commit_callbacks)

    services.record_online_download(desk.citizen, dossier)
    dossier.refresh_from_db()
    services.record_online_download(desk.citizen, dossier)

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.events.filter(action=EventAction.RETURN_RESULT).count() == 1
