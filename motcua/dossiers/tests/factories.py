"""Factories for dossier tests, built on the factories of the apps the dossier stands on."""

from dataclasses import dataclass
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.tests.factories import CitizenFactory
from motcua.catalog.constants import ChannelKind, ServiceLevel, TimeUnit
from motcua.catalog.tests.factories import ChannelFactory, OfferingFactory, ProcedureFactory, RequiredDocumentFactory
from motcua.dossiers import services
from motcua.organization.constants import StaffRole
from motcua.organization.services import grant_role
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory

# Smallest bodies the content sniffing accepts; a real PDF header, a JPEG SOI marker, a PNG signature.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class ApplicantFactory(CitizenFactory):
    """A citizen account without a password hash: hashing with Argon2 for every test would be slow."""

    password = "!"


class StaffFactory(StaffUserFactory):
    username = factory.Sequence(lambda n: f"canbo-hoso-{n}")
    full_name = factory.Sequence(lambda n: f"Hoàng Văn Thắng {n}")
    email = factory.Sequence(lambda n: f"canbo{n}@example.com")
    password = "!"


def staff(agency, *roles: str):
    user = StaffFactory()
    for role in roles:
        grant_role(user, agency, role)
    return user


def online_procedure(
    *, agency, days: int = 5, unit: str = TimeUnit.WORKING_DAY, service_level: int = ServiceLevel.PARTIAL
):
    """A procedure offered at `agency` at `service_level`, with the same limit on every channel, two required
    components and one conditional component."""
    procedure = ProcedureFactory(service_level=service_level, online_mode="mot_phan" if service_level == 3 else "")
    for position, kind in enumerate((ChannelKind.ONLINE, ChannelKind.DIRECT, ChannelKind.POSTAL), start=1):
        ChannelFactory(
            procedure=procedure,
            position=position,
            kind=kind,
            processing_time_value=Decimal(days),
            processing_time_unit=unit,
        )
    RequiredDocumentFactory(procedure=procedure, position=1, name="Tờ khai đề nghị cấp giấy phép")
    RequiredDocumentFactory(procedure=procedure, position=2, name="Bản sao Căn cước công dân")
    RequiredDocumentFactory(
        procedure=procedure,
        position=3,
        name="Trường hợp ủy quyền thì nộp văn bản ủy quyền",
        quantity_text="1 bản chính",
    )
    OfferingFactory(procedure=procedure, agency=agency)
    return procedure


def pdf(name: str = "to-khai.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def required_files() -> dict:
    return {1: pdf("to-khai.pdf"), 2: pdf("cccd.pdf")}


@dataclass
class Desk:
    """One receiving agency with a person in each role, a citizen and an online procedure."""

    agency: object
    clerk: object
    leader: object
    specialist: object
    postal: object
    citizen: object
    procedure: object

    def draft(self, citizen=None, *, files: dict | None = None):
        citizen = citizen or self.citizen
        dossier = services.do_create_draft(citizen, procedure=self.procedure, agency=self.agency)
        for position, upload in (required_files() if files is None else files).items():
            services.do_attach_document(citizen, dossier, position=position, upload=upload)
        return dossier

    def submitted(self, citizen=None):
        return services.do_submit_online(citizen or self.citizen, self.draft(citizen))

    def received(self, citizen=None):
        return services.do_accept(self.clerk, self.submitted(citizen))

    def processing(self, citizen=None):
        return services.do_assign(self.leader, self.received(citizen), specialist=self.specialist)

    def at_approval(self, citizen=None):
        return services.do_appraise(self.specialist, self.processing(citizen), opinion="Hồ sơ đủ điều kiện.")

    def at_desk(self, citizen=None):
        return services.do_approve(self.leader, self.at_approval(citizen))

    def resolved(self, citizen=None):
        return services.do_mark_resolved(self.clerk, self.at_desk(citizen))


def make_desk(**procedure_options) -> Desk:
    agency = DepartmentFactory()
    return Desk(
        agency=agency,
        clerk=staff(agency, StaffRole.CLERK),
        leader=staff(agency, StaffRole.LEADER),
        specialist=staff(agency, StaffRole.SPECIALIST),
        postal=staff(agency, StaffRole.POSTAL),
        citizen=ApplicantFactory(full_name="Nguyễn Văn An"),
        procedure=online_procedure(agency=agency, **procedure_options),
    )
