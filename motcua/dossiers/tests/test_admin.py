import pytest
from django.urls import reverse

from motcua.dossiers.constants import AgencySelector, StepKind
from motcua.dossiers.models import WorkflowTemplate
from motcua.organization.constants import StaffRole

pytestmark = pytest.mark.django_db

STEPS = [
    (StepKind.RECEIVE, StaffRole.CLERK, AgencySelector.RECEIVING),
    (StepKind.ASSIGN, StaffRole.LEADER, AgencySelector.HANDLING),
    (StepKind.APPRAISE, StaffRole.SPECIALIST, AgencySelector.HANDLING),
    (StepKind.RESOLVE, StaffRole.CLERK, AgencySelector.RECEIVING),
    (StepKind.RETURN, StaffRole.CLERK, AgencySelector.RECEIVING),
]


def workflow_form(procedure, steps) -> dict:
    data = {
        "procedure": procedure.pk,
        "name": "Quy trình rút gọn",
        "steps-TOTAL_FORMS": len(steps),
        "steps-INITIAL_FORMS": 0,
        "steps-MIN_NUM_FORMS": 0,
        "steps-MAX_NUM_FORMS": 1000,
    }
    for index, (kind, role, selector) in enumerate(steps):
        data.update(
            {
                f"steps-{index}-position": index + 1,
                f"steps-{index}-kind": kind,
                f"steps-{index}-role": role,
                f"steps-{index}-agency_selector": selector,
                f"steps-{index}-time_share": 20 if kind in (StepKind.ASSIGN, StepKind.APPRAISE) else "",
            }
        )
    return data


@pytest.fixture
def admin_client_logged(client, admin_user):
    client.force_login(admin_user)
    return client


def test_admin_saves_a_workflow_of_the_right_shape(admin_client_logged, desk):
    response = admin_client_logged.post(
        reverse("admin:dossiers_workflowtemplate_add"), workflow_form(desk.procedure, STEPS)
    )
    assert response.status_code == 302
    template = WorkflowTemplate.objects.get(procedure=desk.procedure)
    assert list(template.steps.order_by("position").values_list("kind", flat=True)) == [kind for kind, _, _ in STEPS]


def test_admin_refuses_a_workflow_without_the_desk_steps(admin_client_logged, desk):
    response = admin_client_logged.post(
        reverse("admin:dossiers_workflowtemplate_add"), workflow_form(desk.procedure, STEPS[:3])
    )
    assert response.status_code == 200
    assert "Quy trình phải bắt đầu bằng bước" in response.content.decode()
    assert not WorkflowTemplate.objects.exists()


def test_dossier_pages_are_read_only(admin_client_logged, desk):
    dossier = desk.received()
    change = admin_client_logged.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
    assert change.status_code == 200
    assert dossier.code in change.content.decode()
    assert admin_client_logged.get(reverse("admin:dossiers_dossier_changelist")).status_code == 200
    assert admin_client_logged.get(reverse("admin:dossiers_dossier_add")).status_code == 403
    assert admin_client_logged.post(reverse("admin:dossiers_dossier_delete", args=[dossier.pk])).status_code == 403
    edit = admin_client_logged.post(reverse("admin:dossiers_dossier_change", args=[dossier.pk]), {"status": "returned"})
    assert edit.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == "received"
