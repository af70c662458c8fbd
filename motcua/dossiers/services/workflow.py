"""The processing workflow: which template a procedure follows, and moving a dossier from step to step."""

from collections.abc import Sequence
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.constants import DEFAULT_WORKFLOW, DEFAULT_WORKFLOW_NAME, AgencySelector, StepKind
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, WorkflowStep, WorkflowTemplate
from motcua.dossiers.services.common import forbidden, holds

# Steps every template needs, where the services expect them: reception first, the desk's two steps last.
_FIXED_FIRST = StepKind.RECEIVE
_FIXED_LAST = (StepKind.RESOLVE, StepKind.RETURN)


def check_workflow_steps(kinds: Sequence[str]) -> None:
    """A template must start with reception and end with the result at the desk and its return, with at least
    one processing step between; the lifecycle services rely on that shape."""
    kinds = list(kinds)
    fixed = (_FIXED_FIRST, *_FIXED_LAST)
    if (
        len(kinds) < 4
        or kinds[0] != _FIXED_FIRST
        or tuple(kinds[-2:]) != _FIXED_LAST
        or any(kinds.count(kind) != 1 for kind in fixed)
    ):
        raise DossierError(
            _(
                "Quy trình phải bắt đầu bằng bước “%(receive)s”, kết thúc bằng hai bước “%(resolve)s” và "
                "“%(return)s” (mỗi bước này chỉ một lần), và có ít nhất một bước xử lý ở giữa."
            )
            % {
                "receive": StepKind.RECEIVE.label,
                "resolve": StepKind.RESOLVE.label,
                "return": StepKind.RETURN.label,
            },
            code="workflow_shape",
        )


def default_workflow() -> WorkflowTemplate:
    """The deployment's default template, created from DEFAULT_WORKFLOW the first time it is needed."""
    template = WorkflowTemplate.objects.filter(procedure__isnull=True).first()
    if template is not None:
        return template
    try:
        with transaction.atomic():
            template = WorkflowTemplate.objects.create(name=DEFAULT_WORKFLOW_NAME)
            WorkflowStep.objects.bulk_create(
                WorkflowStep(
                    template=template,
                    position=position,
                    kind=kind,
                    role=role,
                    agency_selector=selector,
                    time_share=share,
                )
                for position, (kind, role, selector, share) in enumerate(DEFAULT_WORKFLOW, start=1)
            )
    except IntegrityError:
        # Another request created it at the same moment; theirs is the same.
        template = WorkflowTemplate.objects.get(procedure__isnull=True)
    return template


def workflow_for(procedure) -> WorkflowTemplate:
    return WorkflowTemplate.objects.filter(procedure=procedure).first() or default_workflow()


def steps_of(template: WorkflowTemplate) -> list[WorkflowStep]:
    return list(template.steps.order_by("position"))


def step_after(dossier: Dossier) -> WorkflowStep | None:
    steps = steps_of(dossier.workflow)
    positions = [step.pk for step in steps]
    index = positions.index(dossier.current_step_id)
    return steps[index + 1] if index + 1 < len(steps) else None


def step_before(dossier: Dossier) -> WorkflowStep | None:
    """The previous processing step; reception is never gone back to (a supplement request is used instead)."""
    steps = steps_of(dossier.workflow)
    index = [step.pk for step in steps].index(dossier.current_step_id)
    if index <= 1:
        return None
    return steps[index - 1]


def first_processing_step(dossier: Dossier) -> WorkflowStep:
    return steps_of(dossier.workflow)[1]


def agency_for_step(step: WorkflowStep, dossier: Dossier):
    if step.agency_selector == AgencySelector.RECEIVING:
        return dossier.receiving_agency
    if step.agency_selector == AgencySelector.NAMED:
        return step.agency
    if step.agency_selector == AgencySelector.PARENT:
        parent = dossier.handling_agency.parent
        if parent is None:
            raise DossierError(
                _("Cơ quan đang giải quyết không có cơ quan cấp trên để chuyển bước “%(step)s”.")
                % {"step": step.label},
                code="workflow_agency",
            )
        return parent
    return dossier.handling_agency


def enter_step(dossier: Dossier, step: WorkflowStep, at: datetime, *, assignee=None) -> None:
    agency = agency_for_step(step, dossier)
    if step.agency_selector in (AgencySelector.NAMED, AgencySelector.PARENT) and agency != dossier.handling_agency:
        # A step at another agency moves the dossier there, as a transfer set in advance by the template.
        dossier.handling_agency = agency
        dossier.agency_due_at = None
    dossier.current_step = step
    dossier.step_role = step.role
    dossier.step_agency = agency
    dossier.step_started_at = at
    dossier.step_due_at = deadlines.step_due_at(step, dossier.procedure, dossier.channel, at)
    dossier.assignee = assignee


def leave_workflow(dossier: Dossier) -> None:
    """A finished dossier waits for nobody."""
    dossier.current_step = None
    dossier.step_role = ""
    dossier.step_agency = None
    dossier.step_started_at = None
    dossier.step_due_at = None
    dossier.assignee = None


def check_turn(actor, dossier: Dossier, kind: str) -> None:
    """It is `actor`'s turn when the dossier is at a step of `kind`, the actor holds the step's role at the step's
    agency, and the step is assigned to them or to nobody in particular."""
    step = dossier.current_step
    if step is None or step.kind != kind:
        raise DossierError(_("Hồ sơ không ở bước “%(step)s”.") % {"step": StepKind(kind).label}, code="invalid_state")
    if not holds(actor, dossier.step_role, dossier.step_agency):
        raise forbidden()
    if dossier.assignee_id is not None and dossier.assignee_id != actor.pk:
        raise DossierError(
            _("Hồ sơ đã được giao cho %(name)s xử lý ở bước này.") % {"name": dossier.assignee}, code="forbidden"
        )


def holder_of_turn(actor, dossier: Dossier) -> bool:
    step = dossier.current_step
    if step is None:
        return False
    try:
        check_turn(actor, dossier, step.kind)
    except DossierError:
        return False
    return True
