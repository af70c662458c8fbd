import pytest
from django.core import mail

from motcua.core.constants import NotificationStatus
from motcua.dossiers import services
from motcua.dossiers.constants import EventAction
from motcua.dossiers.models import DossierNotification
from motcua.dossiers.signals import event_committed
from motcua.dossiers.tasks import process_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memory_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_acceptance_mails_the_applicant_after_commit_and_logs_it(desk, django_capture_on_commit_callbacks):
    dossier = desk.submitted()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.do_accept(desk.clerk, dossier)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [desk.citizen.email]
    assert dossier.code in message.subject and "Được tiếp nhận" in message.subject
    assert f"/tra-cuu/?ma={dossier.code}" in message.body
    log = DossierNotification.objects.get(event__action=EventAction.ACCEPT)
    assert (log.recipient, log.status) == (desk.citizen.email, NotificationStatus.SENT)


def test_a_supplement_request_mail_lists_the_items(desk, django_capture_on_commit_callbacks):
    dossier = desk.submitted()
    with django_capture_on_commit_callbacks(execute=True):
        services.do_request_supplement(desk.clerk, dossier, items=["Sơ đồ vị trí thửa đất"], reason="Thiếu sơ đồ")
    assert "- Sơ đồ vị trí thửa đất" in mail.outbox[-1].body


def test_internal_steps_send_no_mail(desk, django_capture_on_commit_callbacks):
    dossier = desk.received()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.do_assign(desk.leader, dossier, specialist=desk.specialist)
    assert mail.outbox == []


def test_running_the_task_again_sends_nothing_twice(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.do_accept(desk.clerk, desk.submitted())
    event = dossier.events.get(action=EventAction.ACCEPT)
    sent = len(mail.outbox)
    process_event(event.pk)
    assert len(mail.outbox) == sent
    assert DossierNotification.objects.filter(event=event).count() == 1


def test_other_apps_hear_of_committed_events(desk, django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, event, **kwargs):
        heard.append(event.action)

    event_committed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.do_accept(desk.clerk, desk.submitted())
    finally:
        event_committed.disconnect(receiver)
    assert heard[-1] == EventAction.ACCEPT


def test_nothing_is_scheduled_when_the_transition_fails(desk, django_capture_on_commit_callbacks):
    dossier = desk.submitted()
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(services.DossierError):
        services.do_accept(desk.leader, dossier)
    assert callbacks == []
