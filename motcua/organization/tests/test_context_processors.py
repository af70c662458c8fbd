import pytest

from motcua.organization.constants import StaffRole
from motcua.organization.services import grant_role
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "shown"), [(StaffRole.LEADER, True), (StaffRole.MONITOR, True), (StaffRole.CLERK, False)])
def test_header_links_to_reports_only_for_leaders_and_monitors(client, role, shown):
    staff = StaffUserFactory()
    grant_role(staff, DepartmentFactory(), role)
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert ('href="/bao-cao/"' in page) is shown
    assert "/mot-cua/" in page


def test_visitors_see_no_back_office_links(client):
    page = client.get("/").content.decode()

    assert 'href="/bao-cao/"' not in page and "/mot-cua/" not in page
