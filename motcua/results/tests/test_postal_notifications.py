"""The applicant is e-mailed at each step of the postal return of the result, once per step."""

import pytest
from django.core import mail

from motcua.core import mail as core_mail
from motcua.core.constants import NotificationStatus
from motcua.dossiers import services as dossier_services
from motcua.results import services, tasks
from motcua.results.constants import DeliveryMethod, PostalStatus
from motcua.results.models import PostalEvent, PostalNotification
from motcua.results.tests.factories import ADDRESS, full_online_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    return full_online_desk()


@pytest.fixture
def dispatched(desk, django_capture_on_commit_callbacks):
    """A resolved dossier whose result was handed to the post; the request's mail already sent."""
    dossier = desk.at_approval()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = dossier_services.do_approve(desk.leader, dossier)
    dossier = dossier_services.do_mark_resolved(desk.clerk, dossier)
    services.choose_delivery(desk.citizen, dossier, DeliveryMethod.POSTAL, ADDRESS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order = services.dispatch_by_post(desk.clerk, dossier, tracking_code="EB123456789VN")
    return order


def postal_mails():
    """The postal mails, not the dossier's own (the delivery also returns the dossier, which mails too)."""
    return [message for message in mail.outbox if "Trạng thái chuyển phát:" in message.body]


def test_dispatch_mails_the_applicant_that_the_post_was_requested(desk, dispatched):
    [message] = postal_mails()

    code = dispatched.dossier.code
    assert message.to == [desk.citizen.email]
    assert message.subject == f"Hồ sơ {code}: Đã yêu cầu chuyển phát"
    assert f"Mã số hồ sơ: {code}." in message.body
    assert "Trạng thái chuyển phát: Đã yêu cầu chuyển phát" in message.body
    assert "Mã bưu gửi: EB123456789VN." in message.body
    assert ADDRESS in message.body
    assert PostalNotification.objects.get().status == NotificationStatus.SENT


def test_each_tracking_step_mails_its_new_state_and_delivery_mails_once(
    desk, dispatched, django_capture_on_commit_callbacks
):
    steps = [PostalStatus.PICKED_UP, PostalStatus.IN_TRANSIT, PostalStatus.DELIVERED]
    for status in steps:
        with django_capture_on_commit_callbacks(execute=True):
            services.record_postal_event(desk.postal, dispatched, status, note="Bưu cục Mèo Vạc")

    subjects = [message.subject for message in postal_mails()]
    code = dispatched.dossier.code
    assert subjects == [
        f"Hồ sơ {code}: Đã yêu cầu chuyển phát",
        f"Hồ sơ {code}: Bưu điện đã nhận kết quả",
        f"Hồ sơ {code}: Đang chuyển phát",
    ]
    assert "Ghi chú: Bưu cục Mèo Vạc" in postal_mails()[-1].body
    assert PostalNotification.objects.filter(status=NotificationStatus.SENT).count() == 3
    # The delivery is told once, by the dossier's own mail: returned, with the tracking code.
    [returned] = [message for message in mail.outbox if message not in postal_mails() and "Đã trả" in message.subject]
    assert "EB123456789VN" in returned.body


def test_failed_delivery_mail_says_the_result_came_back(desk, dispatched, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.record_postal_event(desk.postal, dispatched, PostalStatus.PICKED_UP)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_postal_event(desk.postal, dispatched, PostalStatus.FAILED, note="Không có người nhận")

    message = postal_mails()[-1]
    assert message.subject == f"Hồ sơ {dispatched.dossier.code}: Phát không thành công, đã hoàn trả"
    assert "hoàn trả về Bộ phận Một cửa" in message.body


def test_running_the_task_twice_sends_one_mail_per_step(dispatched):
    event = PostalEvent.objects.get(order=dispatched)

    tasks.notify_postal_event(event.pk)
    tasks.notify_postal_event(event.pk)

    assert len(postal_mails()) == 1
    assert PostalNotification.objects.filter(event=event).count() == 1


def test_a_refused_step_mails_nobody(desk, dispatched, django_capture_on_commit_callbacks):
    with pytest.raises(services.ResultError), django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.record_postal_event(desk.postal, dispatched, PostalStatus.DELIVERED)

    assert callbacks == []
    assert len(postal_mails()) == 1


def test_a_failed_send_is_logged_and_retried(dispatched, monkeypatch):
    event = PostalEvent.objects.get(order=dispatched)
    PostalNotification.objects.all().delete()
    mail.outbox.clear()

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(core_mail, "send_mail", refuse)
    tasks.notify_postal_event(event.pk)
    failed = PostalNotification.objects.get(event=event)
    assert (failed.status, failed.error) == (NotificationStatus.FAILED, "máy chủ thư không trả lời")

    monkeypatch.undo()
    tasks.notify_postal_event(event.pk)

    assert PostalNotification.objects.get(event=event).status == NotificationStatus.SENT
    assert len(postal_mails()) == 1


def test_an_applicant_without_e_mail_is_skipped(desk, dispatched):
    event = PostalEvent.objects.get(order=dispatched)
    PostalNotification.objects.all().delete()
    mail.outbox.clear()
    desk.citizen.email = ""
    desk.citizen.save(update_fields=["email"])
    dossier = dispatched.dossier
    dossier.applicant_email = ""
    dossier.save(update_fields=["applicant_email"])

    tasks.notify_postal_event(event.pk)

    assert mail.outbox == [] and not PostalNotification.objects.exists()
