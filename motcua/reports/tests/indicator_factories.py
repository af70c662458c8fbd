"""Histories for the service indicators, made through the services of the apps that own each figure."""

from datetime import timedelta
from unittest import mock

from motcua.dossiers import services as dossier_services
from motcua.dossiers.constants import DocumentSource
from motcua.dossiers.tests.factories import make_desk, pdf, required_files
from motcua.feedback import services as feedback_services
from motcua.organization.constants import AgencyLevel
from motcua.organization.models import Agency
from motcua.payments import services as payment_services
from motcua.payments.constants import CounterMethod, EventSource
from motcua.payments.tests.flows import pay_at_sandbox, start

FEE = 50_000


def clock(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def district_desk():
    desk = make_desk()
    Agency.objects.filter(pk=desk.agency.pk).update(level=AgencyLevel.DISTRICT)
    desk.agency.refresh_from_db()
    return desk


def paid(desk, moment, *, online: bool = False):
    with clock(moment):
        owed = payment_services.request_fees(desk.clerk, desk.received(), amount=FEE)
        if online:
            started = start(desk.citizen, owed, key=f"key-{owed.pk}")
            payment_services.process_callback("sandbox", pay_at_sandbox(started), source=EventSource.RETURN)
        else:
            payment_services.record_counter_payment(
                desk.clerk, owed, method=CounterMethod.CASH, receipt_number=f"BL{owed.pk}"
            )


def resolved_and_rated(desk, received, resolved, answers, capture):
    """Received and approved (the e-result is signed) at `received`, resolved at `resolved`, returned and rated
    the next day."""
    with clock(received), capture(execute=True):
        dossier = desk.at_desk()
    with clock(resolved), capture(execute=True):
        dossier = dossier_services.do_mark_resolved(desk.clerk, dossier)
    with clock(resolved + timedelta(days=1)), capture(execute=True):
        returned = dossier_services.do_return_result(desk.clerk, dossier, recipient_name="Nguyễn Văn An")
        feedback_services.rate_as_applicant(desk.citizen, returned, answers)


def components(desk, moment):
    """A walk-in whose two papers the clerk scans, and an online draft with one component from the store."""
    walk_in = dossier_services.ApplicantData(name="Lò Văn Páo")
    with clock(moment):
        dossier_services.do_receive_at_counter(
            desk.clerk, procedure=desk.procedure, agency=desk.agency, applicant=walk_in, files=required_files()
        )
        draft = desk.draft()
        dossier_services.do_attach_document(
            desk.citizen, draft, position=3, upload=pdf("uy-quyen.pdf"), source=DocumentSource.REUSED
        )
