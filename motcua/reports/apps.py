from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self):
        from motcua.dossiers.services import event_committed
        from motcua.reports import services

        event_committed.connect(services.on_event_committed, dispatch_uid="reports.count_event")
