from django.core import mail

from motcua.dossiers import services as dossier_services
from motcua.feedback import selectors


def test_the_returned_result_email_invites_the_applicant_to_rate_by_a_working_link(
    desk, client, settings, django_capture_on_commit_callbacks
):
    resolved = desk.resolved(None)
    with django_capture_on_commit_callbacks(execute=True):
        returned = dossier_services.do_return_result(desk.clerk, resolved, recipient_name="Nguyễn Văn An")

    invitation = next(message for message in mail.outbox if "đánh giá mức độ hài lòng" in message.body)
    link = next(line for line in invitation.body.splitlines() if "/danh-gia/lien-ket/" in line).split(": ", 1)[1]
    token = link.rsplit("/danh-gia/lien-ket/", 1)[1].strip("/")

    assert selectors.dossier_for_link(token) == returned
    assert client.get(link.removeprefix(settings.MOTCUA_PUBLIC_URL)).status_code == 200


def test_other_emails_carry_no_rating_link(desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        desk.resolved(None)

    assert mail.outbox
    assert not any("/danh-gia/lien-ket/" in message.body for message in mail.outbox)
