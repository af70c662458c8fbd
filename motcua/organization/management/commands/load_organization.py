from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy as _

from motcua.organization.deployments import DeploymentError
from motcua.organization.services import load_deployment


class Command(BaseCommand):
    help = _("Nạp đơn vị hành chính, cơ quan và bộ phận một cửa từ một tệp triển khai (chạy lại không thay đổi gì).")

    def add_arguments(self, parser):
        parser.add_argument(
            "deployment", help=_("Đường dẫn tệp JSON, hoặc tên tệp trong deployments/ (ví dụ ha-giang-2021).")
        )

    def handle(self, *args, deployment: str, **options):
        try:
            report = load_deployment(deployment)
        except DeploymentError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
