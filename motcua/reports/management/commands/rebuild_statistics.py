from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from motcua.reports import services


class Command(BaseCommand):
    help = _("Tính lại toàn bộ bộ đếm thống kê từ nhật ký hồ sơ.")

    def handle(self, *args, **options):
        counted = services.rebuild_counters()
        self.stdout.write(_("Đã tính lại thống kê từ %(count)s sự kiện.") % {"count": counted})
