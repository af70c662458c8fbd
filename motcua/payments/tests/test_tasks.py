import threading
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.management import call_command

from motcua.payments import tasks
from motcua.payments.constants import TransactionStatus
from motcua.payments.gateways import sandbox
from motcua.payments.models import PaymentTransaction, SandboxPayment
from motcua.payments.tests.flows import pay_at_sandbox, start

pytestmark = pytest.mark.django_db


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def merchant():
    """A notification endpoint on 127.0.0.1 that keeps what it receives."""
    received = []

    def app(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
        received.append((environ["REQUEST_METHOD"], dict(parse_qsl(body))))
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"ok": true}']

    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/thanh-toan/thong-bao/sandbox/", received
    server.shutdown()
    server.server_close()


def test_sandbox_posts_a_signed_notification_after_commit(owed, desk, merchant, django_capture_on_commit_callbacks):
    notify_url, received = merchant
    started = start(desk.citizen, owed)
    order = sandbox.verified_order(dict(parse_qsl(started.redirect_url.split("?", 1)[1])))

    with django_capture_on_commit_callbacks(execute=True):
        sandbox.decide({**order, "notify_url": notify_url}, pay=True)

    [(method, params)] = received
    assert method == "POST" and sandbox.verify(params)["status"] == "paid"
    assert params["ref"] == started.transaction.reference


def test_an_unreachable_merchant_is_reported_not_raised(owed, desk):
    pay_at_sandbox(start(desk.citizen, owed))
    payment = SandboxPayment.objects.get()
    SandboxPayment.objects.filter(pk=payment.pk).update(notify_url="http://127.0.0.1:9/thong-bao/")
    assert tasks.deliver_sandbox_notification(payment.pk) is False


def test_reconcile_task_and_command_settle_a_paid_transaction(owed, desk, capsys):
    pay_at_sandbox(start(desk.citizen, owed))

    call_command("reconcile_payments")

    assert "settled: 1" in capsys.readouterr().out
    assert PaymentTransaction.objects.get().status == TransactionStatus.SUCCEEDED
    assert tasks.reconcile_payments.delay().get() == "0"


def test_celery_beat_runs_the_reconciliation_task(settings):
    assert settings.CELERY_BEAT_SCHEDULE["payments-reconcile"]["task"] == tasks.reconcile_payments.name
