"""The one-stop desk and the processing inboxes under /mot-cua/: inboxes with counts, the staff view of a dossier
and one POST endpoint per transition."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.core.formatting import format_datetime
from motcua.dossiers import forms, selectors, selectors_web, services, slips
from motcua.dossiers.constants import INBOX_PAGE_SIZE, EventAction, InboxBox
from motcua.dossiers.errors import DossierConflict, DossierError
from motcua.dossiers.views.common import dossier_slots, error_links, provide_supplement, staff_required
from motcua.organization import selectors as organization
from motcua.organization.constants import StaffRole
from motcua.payments.errors import PaymentError

# Vietnamese slugs of the inbox boxes, in the order of the tabs; "tat-ca" is every dossier the person may open.
BOX_SLUGS = {
    "moi": InboxBox.NEW_ONLINE,
    "cua-toi": InboxBox.MINE,
    "sap-den-han": InboxBox.DUE_SOON,
    "qua-han": InboxBox.OVERDUE,
    "cho-cong-dan": InboxBox.WAITING_CITIZEN,
}
ALL_SLUG = "tat-ca"


@dataclass(frozen=True)
class Tab:
    slug: str
    label: str
    count: int | None


@staff_required
@require_GET
def inbox(request):
    user = request.user
    counts = selectors.inbox_counts(user)
    default = "moi" if organization.has_role(user, StaffRole.CLERK) else "cua-toi"
    slug = request.GET.get("hop") or default
    if slug != ALL_SLUG and slug not in BOX_SLUGS:
        raise Http404
    tabs = [Tab(key, str(InboxBox(box).label), counts[box]) for key, box in BOX_SLUGS.items()]
    tabs.append(Tab(ALL_SLUG, _("Tất cả hồ sơ"), None))
    form = forms.SearchForm(request.GET)
    page = selectors.Page(items=[], next_cursor=None, count=0)
    status = 400
    if form.is_valid():
        query, cursor = form.cleaned_data["q"], request.GET.get("sau") or None
        try:
            if slug == ALL_SLUG:
                found = selectors.search_visible(user, query).select_related(
                    "procedure", "receiving_agency", "assignee"
                )
                page = selectors.keyset_page(found, "id", cursor, INBOX_PAGE_SIZE, descending=True)
            else:
                page = selectors.inbox(user, BOX_SLUGS[slug], query=query, cursor=cursor)
            status = 200
        except DossierError as error:
            forms.add_dossier_error(form, error)
    rows = [(dossier, selectors.deadline_flags(dossier)) for dossier in page.items]
    return render(
        request,
        "dossiers/staff/inbox.html",
        {"tabs": tabs, "current": slug, "form": form, "page": page, "rows": rows, "errors": error_links(form)},
        status=status,
    )


# --- One dossier ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffAction:
    slug: str
    action: str
    form_class: type


# Returning the result at the desk is the results app's form on the same page (it records the ID shown), not one
# of these.
STAFF_ACTIONS = [
    StaffAction("tiep-nhan", EventAction.ACCEPT, forms.AcceptForm),
    StaffAction("yeu-cau-bo-sung", EventAction.REQUEST_SUPPLEMENT, forms.RequestSupplementForm),
    StaffAction("tu-choi", EventAction.REFUSE, forms.RefuseForm),
    StaffAction("phan-cong", EventAction.ASSIGN, forms.AssignForm),
    StaffAction("tham-dinh", EventAction.APPRAISE, forms.AppraiseForm),
    StaffAction("phe-duyet", EventAction.APPROVE, forms.ApproveForm),
    StaffAction("chuyen-lien-thong", EventAction.TRANSFER, forms.TransferForm),
    StaffAction("tra-lai-buoc-truoc", EventAction.RETURN_TO_PREVIOUS, forms.ReturnToPreviousForm),
    StaffAction("da-co-ket-qua", EventAction.RESOLVE, forms.ResolveForm),
    StaffAction("yeu-cau-nop-phi", EventAction.REQUEST_PAYMENT, forms.RequestFeesForm),
    StaffAction("xin-loi", EventAction.APOLOGISE, forms.ApologyForm),
    StaffAction("dung-xu-ly", EventAction.STOP, forms.StopForm),
    StaffAction("rut-ho-so", EventAction.WITHDRAW, forms.StaffWithdrawForm),
]
_BY_SLUG = {entry.slug: entry for entry in STAFF_ACTIONS}

_DONE_MESSAGES = {
    EventAction.REQUEST_SUPPLEMENT: gettext_lazy("Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) cho người nộp."),
    EventAction.REFUSE: gettext_lazy("Đã từ chối tiếp nhận hồ sơ (Mẫu 03)."),
    EventAction.ASSIGN: gettext_lazy("Đã phân công xử lý hồ sơ."),
    EventAction.APPRAISE: gettext_lazy("Đã chuyển hồ sơ kèm ý kiến thẩm định."),
    EventAction.APPROVE: gettext_lazy("Đã phê duyệt kết quả."),
    EventAction.TRANSFER: gettext_lazy("Đã chuyển hồ sơ liên thông."),
    EventAction.RETURN_TO_PREVIOUS: gettext_lazy("Đã trả hồ sơ về bước trước."),
    EventAction.RESOLVE: gettext_lazy("Đã ghi nhận có kết quả tại Bộ phận Một cửa."),
    EventAction.REQUEST_PAYMENT: gettext_lazy("Đã yêu cầu người nộp thực hiện nghĩa vụ tài chính."),
    EventAction.APOLOGISE: gettext_lazy("Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)."),
    EventAction.STOP: gettext_lazy("Đã dừng xử lý hồ sơ."),
    EventAction.WITHDRAW: gettext_lazy("Đã ghi nhận rút hồ sơ."),
}


def _form_options(action: str, dossier) -> dict:
    """What a form needs to offer its choices: the dossier's components, the people or agencies to pick from."""
    if action == EventAction.REQUEST_SUPPLEMENT:
        return {"document_names": [document.name for document in selectors.documents_of(dossier)]}
    if action == EventAction.ASSIGN:
        return {"specialists": selectors_web.staff_holding(StaffRole.SPECIALIST, dossier.handling_agency)}
    if action == EventAction.TRANSFER:
        return {
            "agency_choices": [
                (code, name) for code, name in organization.agency_choices() if code != dossier.handling_agency.code
            ]
        }
    return {}


def _action_forms(allowed: set[str], dossier, bound: tuple[str, forms.StaffActionForm] | None) -> list:
    entries = []
    for entry in STAFF_ACTIONS:
        if entry.action not in allowed:
            continue
        if bound and bound[0] == entry.slug:
            form = bound[1]
        else:
            form = entry.form_class(
                initial={"version": dossier.version}, prefix=entry.slug, **_form_options(entry.action, dossier)
            )
        entries.append((entry, str(EventAction(entry.action).label), form))
    return entries


def _detail(request, dossier, *, bound=None, supplement_forms=None, status=200):
    allowed = set(services.available_actions(request.user, dossier))
    context = {
        "dossier": dossier,
        "flags": selectors.deadline_flags(dossier),
        "timeline": selectors.timeline(dossier, for_staff=True),
        "documents": selectors.documents_of(dossier),
        "slips": slips.issued_slips(dossier, for_staff=True),
        "action_forms": _action_forms(allowed, dossier, bound),
        "bound_slug": bound[0] if bound else "",
        "errors": error_links(bound[1] if bound else None, *(supplement_forms or ())),
    }
    if EventAction.PROVIDE_SUPPLEMENT in allowed:
        context["supplement_form"], context["documents_form"] = supplement_forms or (
            forms.SupplementForm(initial={"version": dossier.version}),
            forms.DocumentsForm(slots=dossier_slots(dossier)),
        )
    return render(request, "dossiers/staff/detail.html", context, status=status)


@staff_required
@require_GET
def detail(request, pk):
    return _detail(request, selectors.get_dossier_for(request.user, pk))


@staff_required
@require_POST
def act(request, pk, slug):
    """One transition from the staff page. Success: back to the page (POST-redirect-GET). Refused: the page
    again with the reason at the form, nothing changed."""
    entry = _BY_SLUG.get(slug)
    if entry is None:
        raise Http404
    dossier = selectors.get_dossier_for(request.user, pk)
    form = entry.form_class(request.POST, prefix=entry.slug, **_form_options(entry.action, dossier))
    if form.is_valid():
        try:
            dossier = form.perform(request.user, dossier)
        except DossierConflict as conflict:
            # Someone acted first: show the dossier as it is now, with fresh forms, rather than this stale page.
            messages.error(request, conflict.message)
            return redirect("dossiers:staff-detail", pk=dossier.pk)
        except (DossierError, PaymentError) as error:
            forms.add_dossier_error(form, error)
        else:
            messages.success(request, _done_message(entry.action, dossier))
            return redirect("dossiers:staff-detail", pk=dossier.pk)
    return _detail(request, dossier, bound=(entry.slug, form), status=400)


@staff_required
@require_POST
def supplement(request, pk):
    """The desk hands in a supplement for the applicant (papers brought to the counter, scanned here)."""
    dossier = selectors.get_dossier_for(request.user, pk)
    supplied, supplement_forms = provide_supplement(request, dossier)
    if supplied:
        messages.success(request, _("Đã nhận hồ sơ bổ sung thay người nộp."))
        return redirect("dossiers:staff-detail", pk=dossier.pk)
    return _detail(request, dossier, supplement_forms=supplement_forms, status=400)


def _done_message(action: str, dossier) -> str:
    if action == EventAction.ACCEPT:
        return _(
            "Đã tiếp nhận hồ sơ. Mã hồ sơ: %(code)s; hẹn trả kết quả: %(due)s. In Giấy tiếp nhận (Mẫu 01) bên dưới."
        ) % {"code": dossier.code, "due": format_datetime(dossier.due_at)}
    return str(_DONE_MESSAGES[action])
