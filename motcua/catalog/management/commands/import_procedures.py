from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from motcua.catalog.services import import_procedures
from motcua.core.formatting import format_number


class Command(BaseCommand):
    help = _("Nhập (idempotent) danh mục thủ tục hành chính từ tệp JSON lines (.jsonl hoặc .jsonl.gz).")

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help=_("Tệp danh mục, ví dụ tthc_procedures.jsonl.gz"))
        parser.add_argument(
            "--raw-text",
            type=Path,
            help=_("Tệp văn bản gốc (mặc định: tthc_procedures_rawtext.jsonl.gz cạnh tệp danh mục)"),
        )
        parser.add_argument(
            "--online-list",
            type=Path,
            help=_("Danh sách DVC trực tuyến 2025 (mặc định: dvc_truc_tuyen_list_2025.csv.gz cạnh tệp danh mục)"),
        )

    def handle(self, *args, path: Path, raw_text: Path | None, online_list: Path | None, **options):
        for candidate in (path, raw_text, online_list):
            if candidate is not None and not candidate.is_file():
                raise CommandError(_("Không tìm thấy tệp %(path)s") % {"path": candidate})
        report = import_procedures(path, raw_text_path=raw_text, online_list_path=online_list)

        for skipped in report.skipped:
            self.stderr.write(
                _("Dòng %(line)s bị bỏ qua: %(message)s") % {"line": skipped.line, "message": skipped.message}
            )
        for duplicate in report.duplicates:
            self.stdout.write(
                _("Dòng %(line)s trùng với dòng %(first)s (%(key)s), không nhập lần nữa.")
                % {"line": duplicate.line, "first": duplicate.first_line, "key": duplicate.key}
            )
        self.stdout.write(
            _(
                "Đã đọc %(lines)s bản ghi: thêm mới %(created)s, cập nhật %(updated)s, không đổi %(unchanged)s, "
                "cần rà soát %(flagged)s, trùng lặp %(duplicates)s, bỏ qua %(skipped)s."
            )
            % {
                name: format_number(value)
                for name, value in {
                    "lines": report.lines,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "flagged": report.flagged,
                    "duplicates": len(report.duplicates),
                    "skipped": len(report.skipped),
                }.items()
            }
        )
