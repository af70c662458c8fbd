from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "motcua.reports"
    label = "reports"
    verbose_name = "Thống kê, báo cáo"

    def ready(self):
        from motcua.dossiers.services import event_committed
        from motcua.reports import services

        event_committed.connect(services.on_event_committed, dispatch_uid="reports.count_event")
