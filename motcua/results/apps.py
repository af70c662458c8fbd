from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "motcua.results"
    label = "results"
    verbose_name = _("Kết quả và chữ ký số")

    def ready(self):
        # Imported for what they register: the start-up checks and the dossier-event receiver.
        from motcua.results import checks, receivers  # noqa: F401
