from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"
    verbose_name = _("Phí, lệ phí và thanh toán")

    def ready(self):
        # Imported for what they register: the gateways, the dossier-event receiver, the start-up checks.
        from motcua.payments import checks, gateways, receivers  # noqa: F401
