"""Background payment work: the sandbox's server-to-server notification and the reconciliation run."""

import logging
import urllib.request
from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings

from motcua.payments import services
from motcua.payments.gateways import sandbox
from motcua.payments.models import SandboxPayment

logger = logging.getLogger(__name__)


@shared_task
def deliver_sandbox_notification(sandbox_payment_id: int) -> bool:
    """POST the signed outcome to the merchant, as a bank would. One attempt: a lost notification is what
    reconciliation exists for, and the merchant must cope with it."""
    payment = SandboxPayment.objects.filter(pk=sandbox_payment_id).first()
    if payment is None:
        return False
    body = urlencode(sandbox.outcome_params(payment)).encode()
    request = urllib.request.Request(payment.notify_url, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=settings.PAYMENTS_GATEWAY_TIMEOUT_SECONDS) as response:
            return response.status == 200
    except OSError as error:
        logger.warning("sandbox notification for %s failed: %s", payment.reference, error)
        return False


@shared_task
def reconcile_payments() -> str:
    return str(services.reconcile_pending())
