"""Start-up checks: a gateway offered to citizens must be able to sign, and production must not run the sandbox
with the secret published in this repository."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from motcua.payments import gateways

DEMO_SANDBOX_SECRET = "motcua-sandbox-secret-not-for-production"


@register()
def gateways_configured(app_configs, **kwargs):
    problems = [
        Error(f"PAYMENTS_GATEWAYS names {gateway_id!r}, which no plugin registers.", id="payments.E001")
        for gateway_id in settings.PAYMENTS_GATEWAYS
        if not gateways.is_enabled(gateway_id)
    ]
    if "vnpay" in settings.PAYMENTS_GATEWAYS and not (settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET):
        problems.append(
            Error(
                "VNPay is offered but VNPAY_TMN_CODE or VNPAY_HASH_SECRET is empty.",
                hint="Set the merchant code and secret VNPay issued, or remove vnpay from PAYMENTS_GATEWAYS.",
                id="payments.E002",
            )
        )
    return problems


@register(deploy=True)
def sandbox_secret_private(app_configs, **kwargs):
    if "sandbox" in settings.PAYMENTS_GATEWAYS and settings.PAYMENTS_SANDBOX_SECRET == DEMO_SANDBOX_SECRET:
        return [
            Warning(
                "The sandbox gateway is offered with its published demo secret: anyone can sign a payment.",
                hint="Remove sandbox from PAYMENTS_GATEWAYS, or set PAYMENTS_SANDBOX_SECRET.",
                id="payments.W001",
            )
        ]
    return []
