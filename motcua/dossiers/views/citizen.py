"""The citizen's side: the online e-form with drafts, "Hồ sơ của tôi", supplements and withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog import selectors as catalog
from motcua.catalog.constants import ServiceLevel
from motcua.dossiers import selectors, selectors_web, services, slips
from motcua.dossiers.constants import DossierStatus, EventAction
from motcua.dossiers.errors import DossierError
from motcua.dossiers.forms import (
    AgencyChoiceForm,
    ApplicantForm,
    DocumentsForm,
    SearchForm,
    SupplementForm,
    VersionForm,
    WithdrawForm,
    add_dossier_error,
)
from motcua.dossiers.views.common import (
    dossier_slots,
    error_links,
    is_citizen,
    is_staff_member,
    own_dossier,
    procedure_slots,
    provide_supplement,
)
from motcua.results import selectors as result_selectors
from motcua.results import services as result_services
from motcua.results.constants import DeliveryMethod
from motcua.results.errors import ResultError
from motcua.results.forms import DeliveryChoiceForm

SUBMIT_BUTTON = "nop"


def _online_agencies(procedure) -> list:
    """The agencies taking this procedure online, from one read of its offerings: a commune-level procedure is
    offered at every commune, and asking `selectors.accepts_online` agency by agency would cost queries for each.
    Same rule as there: the agency's own service level, else the procedure's, must be 3 or more."""
    return [
        offering.agency
        for offering in catalog.procedure_offerings(procedure)
        if (offering.service_level or procedure.service_level or 0) >= ServiceLevel.PARTIAL
    ]


def _save_draft(user, dossier, *, procedure, agency, applicant, files, version, delivery):
    """Create the draft or update it, with its new files and the chosen way to receive the result, in one
    transaction (nothing kept if refused)."""
    with transaction.atomic():
        if dossier is None:
            dossier = services.do_create_draft(user, procedure=procedure, agency=agency, applicant=applicant)
            dossier = services.attach_files_then(user, dossier, files, lambda saved, _version: saved, version=None)
        else:
            dossier = services.attach_files_then(
                user,
                dossier,
                files,
                lambda saved, expected: services.do_save_draft(
                    user, saved, applicant=applicant, expected_version=expected
                ),
                version=version,
            )
        method = delivery.get("phuong_thuc") or DeliveryMethod.COUNTER
        result_services.choose_delivery(user, dossier, method, delivery.get("dia_chi"))
        return dossier


def _after_save(request, dossier):
    """Submit when the person pressed "Nộp hồ sơ"; the draft stays saved when the submission is refused."""
    if SUBMIT_BUTTON not in request.POST:
        messages.success(request, _("Đã lưu bản nháp. Bạn có thể quay lại hoàn thiện và nộp bất cứ lúc nào."))
        return redirect("dossiers:draft", pk=dossier.pk)
    try:
        services.do_submit_online(request.user, dossier)
    except DossierError as error:
        messages.error(request, _("Đã lưu bản nháp nhưng chưa nộp được: %(reason)s") % {"reason": error.message})
        return redirect("dossiers:draft", pk=dossier.pk)
    messages.success(
        request,
        _("Đã nộp hồ sơ. Bộ phận Một cửa sẽ kiểm tra và thông báo cho bạn khi hồ sơ được tiếp nhận."),
    )
    return redirect("dossiers:detail", pk=dossier.pk)


def _eform(request, *, procedure, dossier, agencies, status=200, **forms):
    return render(
        request,
        "dossiers/citizen/eform.html",
        {
            "procedure": procedure,
            "dossier": dossier,
            "agencies": agencies,
            "drafts": [] if dossier else selectors_web.drafts_for(request.user, procedure),
            "missing_required": [slot for slot in forms["documents_form"].slots if slot.required and not slot.has_file]
            if dossier
            else [],
            "errors": error_links(*forms.values()),
            **forms,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, procedure_key):
    """The e-form of a procedure: a new draft on the first save, or straight to submission."""
    procedure = catalog.get_procedure(procedure_key)
    if procedure is None:
        raise Http404
    agencies = _online_agencies(procedure)
    if not agencies:
        return render(
            request,
            "dossiers/citizen/not_online.html",
            {"procedure": procedure, "offerings": catalog.procedure_offerings(procedure)},
        )
    if not is_citizen(request.user):
        if is_staff_member(request.user):
            return redirect(f"{reverse('dossiers:intake-start')}?{urlencode({'q': procedure.key})}")
        raise Http404

    slots = procedure_slots(procedure)
    data = request.POST if request.method == "POST" else None
    agency_form = AgencyChoiceForm(data, agencies=agencies)
    applicant_form = ApplicantForm(data, initial=ApplicantForm.initial_from_account(request.user))
    documents_form = DocumentsForm(data, request.FILES or None, slots=slots)
    delivery_form = _delivery_form(data, procedure, None)
    forms = {
        "agency_form": agency_form,
        "applicant_form": applicant_form,
        "documents_form": documents_form,
        "delivery_form": delivery_form,
    }
    if data is None:
        return _eform(request, procedure=procedure, dossier=None, agencies=agencies, **forms)
    if all([agency_form.is_valid(), applicant_form.is_valid(), documents_form.is_valid(), delivery_form.is_valid()]):
        try:
            dossier = _save_draft(
                request.user,
                None,
                procedure=procedure,
                agency=agency_form.chosen_agency(),
                applicant=applicant_form.applicant_data(),
                files=documents_form.uploads(),
                version=None,
                delivery=delivery_form.cleaned_data,
            )
        except DossierError as error:
            applicant_form.add_service_error(error)
        except ResultError as error:
            delivery_form.add_error(None, error.message)
        else:
            return _after_save(request, dossier)
    return _eform(request, procedure=procedure, dossier=None, agencies=agencies, status=400, **forms)


@login_required
@require_http_methods(["GET", "POST"])
def draft(request, pk):
    """Resume a draft: change the applicant data, add or replace files, save again or submit."""
    dossier = own_dossier(request.user, pk)
    if dossier.status != DossierStatus.DRAFT or dossier.submitter_id != request.user.pk:
        return redirect("dossiers:detail", pk=dossier.pk)
    data = request.POST if request.method == "POST" else None
    applicant_form = ApplicantForm(data, initial=ApplicantForm.initial_from_dossier(dossier))
    documents_form = DocumentsForm(data, request.FILES or None, slots=dossier_slots(dossier))
    version_form = VersionForm(data, initial={"version": dossier.version})
    delivery_form = _delivery_form(data, dossier.procedure, dossier)
    forms = {
        "applicant_form": applicant_form,
        "documents_form": documents_form,
        "version_form": version_form,
        "delivery_form": delivery_form,
    }
    context = {"procedure": dossier.procedure, "dossier": dossier, "agencies": [dossier.receiving_agency]}
    if data is None:
        return _eform(request, **context, **forms)
    if all([applicant_form.is_valid(), documents_form.is_valid(), version_form.is_valid(), delivery_form.is_valid()]):
        try:
            dossier = _save_draft(
                request.user,
                dossier,
                procedure=dossier.procedure,
                agency=dossier.receiving_agency,
                applicant=applicant_form.applicant_data(),
                files=documents_form.uploads(),
                version=version_form.cleaned_data["version"],
                delivery=delivery_form.cleaned_data,
            )
        except DossierError as error:
            applicant_form.add_service_error(error)
        except ResultError as error:
            delivery_form.add_error(None, error.message)
        else:
            return _after_save(request, dossier)
    return _eform(request, status=400, **context, **forms)


def _delivery_form(data, procedure, dossier) -> DeliveryChoiceForm:
    """How the applicant wants the result, chosen with the submission (changeable later on the dossier page)."""
    chosen = result_selectors.delivery_of(dossier) if dossier else None
    initial = (
        {"phuong_thuc": chosen.method, "dia_chi": chosen.address} if chosen else {"phuong_thuc": DeliveryMethod.COUNTER}
    )
    form = DeliveryChoiceForm(data, initial=initial)
    # Pre-selected on the page; a client that sends nothing gets the counter, the usual way.
    form.fields["phuong_thuc"].required = False
    if procedure.service_level != ServiceLevel.FULL:
        # Only a fully online (level 4) procedure returns its result online.
        form.fields["phuong_thuc"].choices = [
            choice for choice in DeliveryMethod.choices if choice[0] != DeliveryMethod.ONLINE
        ]
    return form


@login_required
def mine(request):
    """ "Hồ sơ của tôi": the person's dossiers, newest first, with search and paging."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = selectors.Page(items=[], next_cursor=None, count=0)
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        status = 200
        try:
            page = selectors.my_dossiers(request.user, query=query, cursor=request.GET.get("sau") or None)
        except DossierError as error:
            add_dossier_error(form, error)
            status = 400
    context = {"form": form, "page": page, "query": query, "errors": error_links(form)}
    return render(request, "dossiers/citizen/mine.html", context, status=status)


def _detail_context(request, dossier, **forms) -> dict:
    actions = services.available_actions(request.user, dossier)
    context = {
        "dossier": dossier,
        "timeline": selectors.timeline(dossier, for_staff=False),
        "documents": selectors.documents_of(dossier),
        "slips": slips.issued_slips(dossier, for_staff=False),
        "flags": selectors.deadline_flags(dossier),
        "can_supplement": EventAction.PROVIDE_SUPPLEMENT in actions,
        "can_withdraw": EventAction.WITHDRAW in actions,
    }
    if context["can_supplement"]:
        context.setdefault("supplement_form", SupplementForm(initial={"version": dossier.version}))
        context.setdefault("documents_form", DocumentsForm(slots=dossier_slots(dossier)))
    context.update(forms)
    context["errors"] = error_links(*forms.values())
    return context


@login_required
def detail(request, pk):
    dossier = own_dossier(request.user, pk)
    if dossier.status == DossierStatus.DRAFT:
        return redirect("dossiers:draft", pk=dossier.pk)
    return render(request, "dossiers/citizen/detail.html", _detail_context(request, dossier))


@login_required
@require_POST
def supplement(request, pk):
    """Answer a supplement request: upload what was asked (and a note); all of it or nothing is kept."""
    dossier = own_dossier(request.user, pk)
    supplied, (supplement_form, documents_form) = provide_supplement(request, dossier)
    if supplied:
        messages.success(request, _("Đã gửi hồ sơ bổ sung. Cơ quan sẽ tiếp tục giải quyết hồ sơ của bạn."))
        return redirect("dossiers:detail", pk=dossier.pk)
    context = _detail_context(request, dossier, supplement_form=supplement_form, documents_form=documents_form)
    return render(request, "dossiers/citizen/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """Withdraw a dossier, after a confirmation page that states what it means."""
    dossier = own_dossier(request.user, pk)
    form = WithdrawForm(request.POST or None, initial={"version": dossier.version})
    if form.is_bound and form.is_valid():
        try:
            services.do_withdraw(request.user, dossier, reason=form.cleaned_data["reason"], **form.expected())
        except DossierError as error:
            add_dossier_error(form, error)
        else:
            messages.success(request, _("Đã rút hồ sơ."))
            return redirect("dossiers:detail", pk=dossier.pk)
    status = 400 if form.is_bound else 200
    context = {"dossier": dossier, "form": form, "errors": error_links(form)}
    return render(request, "dossiers/citizen/withdraw.html", context, status=status)
