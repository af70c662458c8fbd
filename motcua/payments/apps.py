from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = _("Phí, lệ phí và thanh toán")

    def ready(self):
        from motcua.payments import gateways, receivers  # noqa: F401  (registers the gateways and the receiver)
