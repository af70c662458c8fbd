from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from motcua.evaluation.models import EmulationWeights
from motcua.evaluation.tests.factories import WeightsFactory
from motcua.organization.constants import StaffRole
from motcua.organization.services import grant_role
from motcua.organization.tests.factories import DepartmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    monitor = get_user_model().objects.create_superuser("quantri", "quantri@example.com", "Mat-khau-2021")
    client.force_login(monitor)
    client.user_in_admin = monitor
    return client


def form(**changes):
    return {
        "effective_from": timezone.localdate().isoformat(),
        "online_rate": 2,
        "on_time_rate": 1,
        "evaluation": 1,
        "reason": "Kế hoạch thi đua năm",
        **changes,
    }


def test_monitor_adds_weights_recorded_with_who_and_why(admin_client):
    old = WeightsFactory()

    response = admin_client.post(reverse("admin:evaluation_emulationweights_add"), form())

    assert response.status_code == 302
    new = EmulationWeights.objects.exclude(pk=old.pk).get()
    assert (new.created_by, new.reason, new.online_rate) == (admin_client.user_in_admin, "Kế hoạch thi đua năm", 2)


def test_backdated_weights_are_refused_with_a_message(admin_client):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = admin_client.post(reverse("admin:evaluation_emulationweights_add"), form(effective_from=yesterday))

    assert response.status_code == 200
    assert "Ngày áp dụng không được trước ngày hôm nay." in response.content.decode()
    assert not EmulationWeights.objects.exists()


def test_weights_cannot_be_edited_in_the_admin(admin_client):
    weights = WeightsFactory()

    response = admin_client.post(
        reverse("admin:evaluation_emulationweights_change", args=[weights.pk]), form(online_rate=9)
    )

    assert response.status_code == 403
    weights.refresh_from_db()
    assert weights.online_rate == 1


def staff_with_admin_site(role):
    user = StaffUserFactory(password="!")
    grant_role(user, DepartmentFactory(), role)
    # Admin-site access is granted by the organization app per role; set directly here so that the test
    # exercises this app's own permission checks.
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_a_monitor_may_add_weights_and_targets_in_the_admin(client):
    client.force_login(staff_with_admin_site(StaffRole.MONITOR))

    assert client.get(reverse("admin:evaluation_emulationweights_add")).status_code == 200
    assert client.get(reverse("admin:evaluation_annualtarget_add")).status_code == 200


def test_other_staff_may_not_touch_weights_or_targets(client):
    client.force_login(staff_with_admin_site(StaffRole.CATALOGUE_ADMIN))

    assert client.post(reverse("admin:evaluation_emulationweights_add"), form()).status_code == 403
    assert client.get(reverse("admin:evaluation_annualtarget_add")).status_code == 403
    assert not EmulationWeights.objects.exists()
