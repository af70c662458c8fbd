import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.reports import services
from motcua.reports.bulk_history import generate_bulk_history


class Command(BaseCommand):
    help = _(
        "Tạo lịch sử hồ sơ giả lập năm 2021 (đúng quy trình, qua các dịch vụ xử lý hồ sơ) cho trang thống kê "
        "và đo hiệu năng; mọi hồ sơ tạo ra được ghi nhận là giả lập."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, required=True)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=_(
                "Ghi hàng loạt cùng các sự kiện như khi qua dịch vụ (không kèm giấy tờ, không ký kết quả): dùng cho "
                "lịch sử thống kê lớn."
            ),
        )

    def handle(self, *args, dossiers: int, seed: int, bulk: bool = False, **options):
        if dossiers < 1:
            raise CommandError(_("Số hồ sơ phải là số nguyên dương."))
        started = time.perf_counter()
        generate = generate_bulk_history if bulk else services.generate_history
        made = generate(dossiers=dossiers, seed=seed)
        if not made:
            raise CommandError(_("Không tạo được hồ sơ nào: cần danh mục thủ tục và cơ quan (chạy load_demo trước)."))
        self.stdout.write(
            _("Đã tạo %(made)s hồ sơ giả lập (hạt giống %(seed)s) trong %(seconds).1f giây.")
            % {"made": made, "seed": seed, "seconds": time.perf_counter() - started}
        )
