from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"
    verbose_name = _("Kho dữ liệu của công dân")

    def ready(self):
        # Imported for what it registers: the dossier-event receiver that fills the store.
        from motcua.documents import receivers  # noqa: F401
