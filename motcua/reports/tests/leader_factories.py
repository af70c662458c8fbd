"""A small province for the leaders' pages: two departments, a district (000.00.51.H22) with one commune
(000.01.51.H22), and a history of the first quarter of 2021 played through the dossier services."""

from dataclasses import dataclass

from motcua.dossiers.constants import Channel
from motcua.dossiers.tests.factories import staff
from motcua.organization.constants import AgencyLevel, StaffRole
from motcua.organization.models import Agency
from motcua.reports import services
from motcua.reports.constants import Outcome
from motcua.reports.services import Cast
from motcua.reports.tests.factories import local, make_cast

DISTRICT_CODE = "000.00.51.H22"
COMMUNE_CODE = "000.01.51.H22"


def area_cast(level: str, code: str, name: str) -> Cast:
    cast = make_cast(level)
    Agency.objects.filter(pk=cast.agency.pk).update(code=code, name=name)
    cast.agency.refresh_from_db()
    return cast


@dataclass(frozen=True)
class Province:
    department: Cast
    other_department: Cast
    district: Cast
    commune: Cast

    def monitor(self):
        """A monitor at a province department: sees the whole province."""
        return staff(self.department.agency, StaffRole.MONITOR)

    def district_leader(self):
        return staff(self.district.agency, StaffRole.LEADER)


def _play(cast: Cast, channel: str, outcome: str, day: tuple[int, int, int], pace: float = 0.3):
    services.play(services.DossierPlan(channel, outcome, local(*day), pace=pace), cast)


def province_history() -> Province:
    """Run inside `django_capture_on_commit_callbacks(execute=True)` (or a transactional test) so that the
    counters follow the events."""
    province = Province(
        department=make_cast(AgencyLevel.PROVINCE),
        other_department=make_cast(AgencyLevel.PROVINCE),
        district=area_cast(AgencyLevel.DISTRICT, DISTRICT_CODE, "Ủy ban nhân dân huyện Đồng Văn"),
        commune=area_cast(AgencyLevel.COMMUNE, COMMUNE_CODE, "Ủy ban nhân dân xã Lũng Cú"),
    )
    # Carried over into the first quarter: received in December, still being processed.
    _play(province.department, Channel.ONLINE, Outcome.PROCESSING, (2020, 12, 21))
    _play(province.department, Channel.ONLINE, Outcome.RETURNED, (2021, 1, 5))
    _play(province.department, Channel.DIRECT, Outcome.RETURNED, (2021, 2, 3), pace=1.6)
    _play(province.other_department, Channel.POSTAL, Outcome.RETURNED, (2021, 1, 12))
    _play(province.other_department, Channel.ONLINE, Outcome.WITHDRAWN, (2021, 3, 2))
    _play(province.district, Channel.DIRECT, Outcome.RETURNED, (2021, 1, 8), pace=1.8)
    _play(province.district, Channel.DIRECT, Outcome.PROCESSING, (2021, 2, 15))
    _play(province.commune, Channel.DIRECT, Outcome.RETURNED, (2021, 3, 4))
    _play(province.commune, Channel.DIRECT, Outcome.STOPPED, (2021, 3, 9))
    return province
