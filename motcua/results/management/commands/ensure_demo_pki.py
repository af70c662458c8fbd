"""Creates the demo CA and the agency signing certificate of the embedded default; a second run changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.organization import selectors as organization_selectors
from motcua.organization.constants import AgencyKind, AgencyLevel
from motcua.results import services


class Command(BaseCommand):
    # Its job is to fix what the signing checks report, so it must not stop on them.
    requires_system_checks = []
    help = "Tạo CA trình diễn và chứng thư số ký văn bản của Trung tâm Phục vụ hành chính công (nếu chưa có)."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.MOTCUA_PKI_DIR), help="Thư mục lưu khóa và chứng thư.")
        parser.add_argument("--agency-name", default="", help="Tên cơ quan ký (mặc định: Trung tâm PVHCC tỉnh).")
        parser.add_argument("--organization", default="", help="Cơ quan chủ quản (mặc định: UBND tỉnh).")

    def handle(self, *args, directory, agency_name, organization, **options):
        province = organization_selectors.province_agency()
        if not (agency_name and organization):
            centre = (
                organization_selectors.agencies_for_level(AgencyLevel.PROVINCE)
                .filter(kind=AgencyKind.SERVICE_CENTRE)
                .first()
            )
            if province is None or centre is None:
                raise CommandError(
                    "Chưa có UBND tỉnh và Trung tâm PVHCC trong dữ liệu: nạp dữ liệu triển khai trước "
                    "hoặc ghi rõ --agency-name và --organization."
                )
            agency_name = agency_name or centre.name
            organization = organization or province.name
        locality = province.admin_unit.name if province and province.admin_unit else ""
        report = services.ensure_demo_pki(
            agency_name=agency_name, organization=organization, locality=locality, directory=Path(directory)
        )
        created = report.created_root or report.created_agency
        verb = "Đã tạo" if created else "Đã có sẵn"
        self.stdout.write(f"{verb} CA trình diễn: {report.paths.root_certificate}")
        self.stdout.write(f"{verb} chứng thư ký số của {report.agency_common_name}: {report.paths.agency_pkcs12}")
        if Path(settings.MOTCUA_SIGNING_PKCS12) != report.paths.agency_pkcs12:
            self.stdout.write(
                self.style.WARNING(f"Lưu ý: MOTCUA_SIGNING_PKCS12 đang trỏ tới {settings.MOTCUA_SIGNING_PKCS12}.")
            )
