import factory
from django.contrib.auth import get_user_model

from motcua.accounts.constants import AccountKind
from motcua.organization.constants import AgencyKind, AgencyLevel, Scheme, StaffRole, UnitLevel
from motcua.organization.models import AdministrativeUnit, Agency, Desk, Membership


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("scheme", "code")

    scheme = Scheme.THREE_TIER
    code = "02"
    name = "Tỉnh Hà Giang"
    unit_type = "tỉnh"
    level = UnitLevel.PROVINCE


class ProvinceAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = "000.00.00.H22"
    name = "Ủy ban nhân dân tỉnh Hà Giang"
    kind = AgencyKind.PEOPLES_COMMITTEE
    level = AgencyLevel.PROVINCE
    admin_unit = factory.SubFactory(ProvinceFactory)


class DepartmentFactory(factory.django.DjangoModelFactory):
    """Numbered down from 50 so that it does not collide with a loaded deployment's departments (01, 02, …)."""

    class Meta:
        model = Agency

    parent = factory.SubFactory(ProvinceAgencyFactory)
    code = factory.Sequence(lambda n: f"000.00.{50 - n % 30:02d}.H22")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = AgencyKind.DEPARTMENT
    level = AgencyLevel.PROVINCE
    admin_unit = factory.SelfAttribute("parent.admin_unit")


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    agency = factory.SubFactory(ProvinceAgencyFactory)
    name = factory.Sequence(lambda n: f"Bộ phận Tiếp nhận và Trả kết quả số {n}")


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    kind = AccountKind.STAFF
    username = factory.Sequence(lambda n: f"canbo-org-{n}")
    full_name = factory.Sequence(lambda n: f"Vàng Thị Dung {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(StaffUserFactory)
    agency = factory.SubFactory(DepartmentFactory)
    role = StaffRole.CLERK
