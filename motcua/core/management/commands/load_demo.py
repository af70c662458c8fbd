"""The Hà Giang 2021 demo deployment, loaded by `make run`. Idempotent: a second run changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts import services as account_services
from motcua.catalog import services as catalog_services
from motcua.organization import selectors as organization_selectors
from motcua.organization import services as organization_services
from motcua.organization.constants import AgencyKind, AgencyLevel
from motcua.reports import selectors as report_selectors
from motcua.reports import services as report_services

DEMO_DEPLOYMENT = settings.BASE_DIR / "deployments" / "ha-giang-2021.json"
CATALOGUE_FILE = "tthc/tthc_procedures.jsonl.gz"
DEMO_HISTORY_DOSSIERS = 120
DEMO_HISTORY_SEED = 2021


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn tỉnh Hà Giang (2021): đơn vị hành chính, cơ quan, danh mục TTHC, tài khoản dùng thử."

    def add_arguments(self, parser):
        parser.add_argument("--deployment", default=str(DEMO_DEPLOYMENT), help="Tệp cấu hình triển khai (JSON).")
        parser.add_argument(
            "--catalogue",
            default=str(Path(settings.MOTCUA_SHARED_DATA) / CATALOGUE_FILE),
            help="Tệp danh mục thủ tục hành chính (JSON lines, có thể nén gzip).",
        )
        parser.add_argument(
            "--history",
            type=int,
            default=DEMO_HISTORY_DOSSIERS,
            help="Số hồ sơ giả lập năm 2021 nạp lần đầu (0 để bỏ qua).",
        )

    def handle(self, *args, deployment, catalogue, history, **options):
        if not Path(catalogue).exists():
            raise CommandError(f"Không tìm thấy tệp danh mục thủ tục: {catalogue}")

        for line in organization_services.load_deployment(deployment).lines():
            self.stdout.write(str(line))
        # The demo signs e-results and slips with a locally generated CA; production points at real keys.
        call_command("ensure_demo_pki", stdout=self.stdout)

        report = catalog_services.import_procedures(catalogue)
        self.stdout.write(
            f"Danh mục TTHC: {report.imported} thủ tục (tạo mới {report.created}, cập nhật {report.updated}, "
            f"giữ nguyên {report.unchanged}, cần rà soát {report.flagged}, bỏ qua {len(report.skipped)}, "
            f"trùng lặp {len(report.duplicates)})"
        )
        levels = catalog_services.apply_demo_service_levels()
        self.stdout.write("Mức độ DVC trực tuyến mới gán theo quy tắc trình diễn (thủ tục chưa có mức độ): " + ", ".join(
            f"mức {level}: {count}" for level, count in sorted(levels.items())
        ))

        demo_agencies = self._demo_agencies()
        offered = catalog_services.apply_demo_offerings(
            {
                AgencyLevel.PROVINCE: [demo_agencies["province_centre"]],
                AgencyLevel.DISTRICT: organization_selectors.agencies_for_level(AgencyLevel.DISTRICT).filter(
                    kind=AgencyKind.PEOPLES_COMMITTEE
                ),
                AgencyLevel.COMMUNE: organization_selectors.agencies_for_level(AgencyLevel.COMMUNE).filter(
                    kind=AgencyKind.PEOPLES_COMMITTEE
                ),
            }
        )
        self.stdout.write(f"Nơi tiếp nhận (quy tắc trình diễn): thêm {offered} thủ tục–cơ quan")

        accounts = account_services.ensure_demo_accounts(demo_agencies)

        # A modest synthetic 2021 history, so that statistics and dashboards are alive on first start.
        if history and not report_selectors.has_synthetic_history():
            report_services.generate_history(dossiers=history, seed=DEMO_HISTORY_SEED)
            self.stdout.write(f"Lịch sử giả lập (đánh dấu là dữ liệu giả lập): {history} hồ sơ năm 2021")
        self.stdout.write(self.style.SUCCESS("\nTài khoản dùng thử (chỉ có trong cơ sở dữ liệu trình diễn):"))
        width = max(len(account.username) for account in accounts)
        for account in accounts:
            where = f" — {account.agency_name}" if account.agency_name else ""
            self.stdout.write(f"  {account.username:<{width}}  mật khẩu: {account.password}  ({account.role}{where})")
        self.stdout.write(self.style.SUCCESS("\nCổng Dịch vụ công: http://127.0.0.1:8000/   Quản trị: http://127.0.0.1:8000/quan-tri/"))

    def _demo_agencies(self) -> dict:
        province = organization_selectors.province_agency()
        if province is None:
            raise CommandError("Chưa có UBND tỉnh trong dữ liệu triển khai.")
        centre = organization_selectors.agencies_for_level(AgencyLevel.PROVINCE).filter(kind=AgencyKind.SERVICE_CENTRE).first()
        district = organization_selectors.agencies_for_level(AgencyLevel.DISTRICT).filter(kind=AgencyKind.PEOPLES_COMMITTEE).first()
        commune = (
            organization_selectors.agencies_for_level(AgencyLevel.COMMUNE)
            .filter(parent=district, admin_unit__unit_type__icontains="xã")
            .first()
            or organization_selectors.agencies_for_level(AgencyLevel.COMMUNE).filter(parent=district).first()
        )
        if not (centre and district and commune):
            raise CommandError("Dữ liệu triển khai thiếu Trung tâm PVHCC, UBND cấp huyện hoặc UBND cấp xã.")
        return {"province_centre": centre, "district": district, "commune": commune}
