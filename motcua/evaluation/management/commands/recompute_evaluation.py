from django.core.management.base import BaseCommand, CommandError

from motcua.evaluation import services


class Command(BaseCommand):
    help = "Tính lại kết quả đánh giá (Thông tư 01/2018/TT-VPCP) của một năm: bốn quý và cả năm."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, year, **options):
        try:
            units = services.recompute_year(year)
        except services.EvaluationError as error:
            raise CommandError(error.message) from error
        for quarter, count in units.items():
            self.stdout.write(f"{year} quý {quarter or 'cả năm'}: {count} đơn vị")
