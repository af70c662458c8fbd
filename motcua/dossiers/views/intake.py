"""Dossiers that staff type in: at the counter (a walk-in), nộp hộ (online for a citizen, by a clerk or a postal
worker), and from the public postal service (with the hand-over record's time)."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts import selectors as accounts
from motcua.catalog import selectors as catalog
from motcua.core.formatting import format_datetime
from motcua.dossiers import services
from motcua.dossiers.constants import Intake
from motcua.dossiers.errors import DossierError
from motcua.dossiers.forms import ApplicantForm, DocumentsForm, IntakeForm, IntakeStartForm
from motcua.dossiers.views.common import error_links, procedure_slots, staff_required
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole

PROCEDURE_RESULTS = 20


@dataclass(frozen=True)
class IntakeKind:
    slug: str
    intake: str
    roles: tuple[str, ...]
    label: str


INTAKE_KINDS = {
    kind.slug: kind
    for kind in (
        IntakeKind("tai-quay", Intake.COUNTER, (StaffRole.CLERK,), gettext_lazy("Tiếp nhận trực tiếp tại quầy")),
        IntakeKind(
            "nop-ho",
            Intake.ASSISTED,
            (StaffRole.CLERK, StaffRole.POSTAL),
            gettext_lazy("Nộp hộ trực tuyến cho công dân"),
        ),
        IntakeKind(
            "buu-chinh",
            Intake.POSTAL,
            (StaffRole.POSTAL, StaffRole.CLERK),
            gettext_lazy("Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích"),
        ),
    )
}


def _agencies(user, kind: IntakeKind) -> list:
    found = {}
    for role in kind.roles:
        for agency in organization.agencies_where(user, role):
            found[agency.code] = agency
    return sorted(found.values(), key=lambda agency: agency.code)


def _kinds_for(user) -> list[IntakeKind]:
    return [kind for kind in INTAKE_KINDS.values() if _agencies(user, kind)]


@staff_required
@require_GET
def start(request):
    """Choose how the dossier comes in, at which agency, and find the procedure among those the agency offers."""
    kinds = _kinds_for(request.user)
    if not kinds:
        raise Http404
    agencies = {agency.code: agency for kind in kinds for agency in _agencies(request.user, kind)}
    data = None
    if "kieu" in request.GET:
        data = request.GET.copy()
        if len(agencies) == 1:
            # Most people work at one agency; a link naming only the intake and the procedure is enough then.
            data.setdefault("co_quan", next(iter(agencies)))
    form = IntakeStartForm(
        data,
        initial={"q": request.GET.get("q", "")},
        kinds=[(kind.slug, kind.label) for kind in kinds],
        agencies=list(agencies.values()),
    )
    procedures = []
    status = 200
    if form.is_bound:
        if form.is_valid():
            try:
                procedures = list(
                    catalog.search_procedures(q=form.cleaned_data["q"], agency_code=form.cleaned_data["co_quan"])[
                        :PROCEDURE_RESULTS
                    ]
                )
            except catalog.InvalidSearch as invalid:
                form.add_error("q", invalid.message)
                status = 400
        else:
            status = 400
    return render(
        request,
        "dossiers/staff/intake_start.html",
        {
            "form": form,
            "procedures": procedures,
            "chosen": form.cleaned_data if form.is_bound and form.is_valid() else {},
            "errors": error_links(form),
        },
        status=status,
    )


def _service_call(kind: IntakeKind, actor, *, intake_form, procedure, agency, applicant, files, on_behalf_of):
    common = {
        "procedure": procedure,
        "agency": agency,
        "applicant": applicant,
        "files": files,
        "on_behalf_of": on_behalf_of,
    }
    if kind.intake == Intake.COUNTER:
        return services.do_receive_at_counter(actor, **common)
    if kind.intake == Intake.ASSISTED:
        return services.do_submit_assisted(actor, **common)
    return services.do_receive_postal(actor, handed_over_at=intake_form.cleaned_data["handed_over_at"], **common)


def _account(intake_form: IntakeForm):
    """The applicant's portal account named in the form, or None; a name that matches nothing is a field error."""
    identifier = intake_form.cleaned_data["account"]
    if not identifier:
        return None
    account = accounts.get_user_by_identifier(identifier)
    if account is None:
        intake_form.add_error("account", _("Không tìm thấy tài khoản với số CCCD hoặc mã số thuế này."))
    return account


def _done_message(dossier) -> str:
    if dossier.code:
        return _(
            "Đã tiếp nhận hồ sơ. Mã hồ sơ: %(code)s; hẹn trả kết quả: %(due)s. In Giấy tiếp nhận (Mẫu 01) bên dưới."
        ) % {"code": dossier.code, "due": format_datetime(dossier.due_at)}
    return _("Đã nộp hồ sơ. Hồ sơ đang chờ Bộ phận Một cửa kiểm tra, tiếp nhận.")


@staff_required
@require_http_methods(["GET", "POST"])
def intake(request, kind_slug, procedure_key):
    kind = INTAKE_KINDS.get(kind_slug)
    procedure = catalog.get_procedure(procedure_key)
    if kind is None or procedure is None:
        raise Http404
    offered_at = {offering.agency.code for offering in catalog.procedure_offerings(procedure)}
    agencies = [agency for agency in _agencies(request.user, kind) if agency.code in offered_at]
    if not agencies:
        messages.error(request, _("Cơ quan của bạn không tiếp nhận thủ tục này theo hình thức đã chọn."))
        return redirect(f"{reverse('dossiers:intake-start')}?{urlencode({'kieu': kind.slug, 'q': procedure.key})}")

    data = request.POST if request.method == "POST" else None
    intake_form = IntakeForm(
        data, agencies=agencies, intake=kind.intake, initial={"agency": request.GET.get("co_quan")}
    )
    applicant_form = ApplicantForm(data)
    documents_form = DocumentsForm(data, request.FILES or None, slots=procedure_slots(procedure))
    status = 200
    if data is not None:
        status = 400
        if all([intake_form.is_valid(), applicant_form.is_valid(), documents_form.is_valid()]):
            on_behalf_of = _account(intake_form)
            if intake_form.is_valid():
                try:
                    dossier = _service_call(
                        kind,
                        request.user,
                        intake_form=intake_form,
                        procedure=procedure,
                        agency=intake_form.chosen_agency(),
                        applicant=applicant_form.applicant_data(),
                        files=documents_form.uploads(),
                        on_behalf_of=on_behalf_of,
                    )
                except DossierError as error:
                    if error.code == "invalid_time":
                        intake_form.add_service_error(error)
                    else:
                        applicant_form.add_service_error(error)
                else:
                    messages.success(request, _done_message(dossier))
                    return redirect("dossiers:staff-detail", pk=dossier.pk)
    return render(
        request,
        "dossiers/staff/intake.html",
        {
            "kind": kind,
            "procedure": procedure,
            "intake_form": intake_form,
            "applicant_form": applicant_form,
            "documents_form": documents_form,
            "errors": error_links(intake_form, applicant_form, documents_form),
        },
        status=status,
    )
