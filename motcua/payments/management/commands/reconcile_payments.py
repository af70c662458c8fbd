from django.core.management.base import BaseCommand

from motcua.payments import services


class Command(BaseCommand):
    help = "Đối soát các giao dịch thanh toán đang chờ: hỏi cổng thanh toán, ghi nhận hoặc cho hết hạn."

    def handle(self, *args, **options):
        report = services.reconcile_pending()
        self.stdout.write(f"Đối soát xong: {report}")
