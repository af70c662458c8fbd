from django.core.management.base import BaseCommand, CommandError

from motcua.evaluation import services
from motcua.evaluation.constants import QUARTERS, WHOLE_YEAR


class Command(BaseCommand):
    help = "Tính lại kết quả đánh giá (Thông tư 01/2018/TT-VPCP) của một năm (bốn quý và cả năm) hoặc một quý."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=QUARTERS)

    def handle(self, *args, year, quarter, **options):
        for period in (quarter,) if quarter else (*QUARTERS, WHOLE_YEAR):
            try:
                units = services.recompute_period(year, period)
            except services.EvaluationError as error:
                raise CommandError(error.message) from error
            self.stdout.write(f"{year} quý {period or 'cả năm'}: {units} đơn vị")
