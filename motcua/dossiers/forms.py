"""Forms of the dossier pages. They read and check what a person typed; the services decide and write.

A form whose input passed its own checks can still be refused by a service (DossierError): `add_dossier_error`
puts that message next to the field it is about, or at the top of the form.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.catalog import constants as catalog_constants
from motcua.core.formatting import format_number
from motcua.dossiers import services, uploads
from motcua.dossiers.constants import SEARCH_MAX_LENGTH, SUPPLEMENT_ITEMS_MAX, TEXT_FIELD_MAX, Intake
from motcua.dossiers.errors import DossierError
from motcua.organization import selectors as organization
from motcua.payments import services as payments

# What the upload controls offer in the file picker; the services decide by content (uploads.check_upload).
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
ACCEPTED_FILES_TEXT = _("PDF, JPG hoặc PNG")
# Service error codes that are about one applicant field; other errors go to the top of the form.
_APPLICANT_FIELD_OF_ERROR = {
    "required": "name",
    "invalid_phone": "phone",
    "invalid_email": "email",
    "invalid_id_number": "id_number",
}


def add_dossier_error(form: forms.Form, error, field_of_code: dict[str, str] | None = None) -> None:
    """Show a refused write (a DossierError, or the payments app's PaymentError: both carry code and message)."""
    field = (field_of_code or {}).get(error.code)
    form.add_error(field if field in form.fields else None, error.message)


def max_upload_text() -> str:
    return _("tối đa %(size)s MB") % {"size": format_number(uploads.max_upload_bytes() / (1024 * 1024), 0)}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class VersionForm(forms.Form):
    """Carries the dossier version a page was rendered from, so that acting on a dossier someone changed
    meanwhile is refused (DossierConflict) instead of applied to a state the person never saw."""

    version = forms.IntegerField(label=_("Phiên bản hồ sơ"), widget=forms.HiddenInput, min_value=1)

    def expected(self) -> dict:
        return {"expected_version": self.cleaned_data["version"]}


# --- Applicant and documents ---------------------------------------------------------------------------------


class ApplicantForm(forms.Form):
    """The applicant as written on the dossier; the service normalises and validates it fully."""

    name = forms.CharField(label=_("Họ tên người nộp hoặc tên tổ chức"), max_length=255, required=False)
    id_number = forms.CharField(
        label=_("Số CCCD hoặc mã số thuế"),
        max_length=20,
        required=False,
        help_text=_("CCCD 12 chữ số; mã số thuế 10 hoặc 13 chữ số."),
    )
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ liên hệ"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["id_number"].widget.attrs.update(inputmode="numeric")
        self.fields["address"].widget.attrs.update(autocomplete="street-address")

    @staticmethod
    def initial_from_dossier(dossier) -> dict:
        return {
            "name": dossier.applicant_name,
            "id_number": dossier.applicant_cccd,
            "phone": dossier.applicant_phone,
            "email": dossier.applicant_email,
            "address": dossier.applicant_address,
        }

    @staticmethod
    def initial_from_account(user) -> dict:
        return {
            "name": user.full_name,
            "id_number": user.cccd or user.tax_code or "",
            "phone": user.phone,
            "email": user.email,
        }

    def applicant_data(self) -> services.ApplicantData:
        return services.ApplicantData(**{name: self.cleaned_data[name] for name in self.fields})

    def add_service_error(self, error: DossierError) -> None:
        add_dossier_error(self, error, _APPLICANT_FIELD_OF_ERROR)


@dataclass(frozen=True)
class Slot:
    """One upload control: a dossier component, whether it is required, and the file it holds already."""

    position: int
    name: str
    quantity_text: str
    required: bool
    file_name: str = ""
    file_size: int = 0

    @property
    def has_file(self) -> bool:
        return bool(self.file_name)

    @classmethod
    def of_document(cls, document) -> "Slot":
        return cls(
            position=document.position,
            name=document.name,
            quantity_text=document.quantity_text,
            required=document.required,
            file_name=document.original_name if document.has_file else "",
            file_size=document.size,
        )


def field_name(position: int) -> str:
    return f"giay-to-{position}"


class DocumentsForm(forms.Form):
    """One optional upload control per component. Each chosen file is checked here, before anything is stored,
    so every bad file is named at its own control."""

    accepted_files = ACCEPTED_FILES
    accepted_text = ACCEPTED_FILES_TEXT

    def __init__(self, *args, slots: Sequence[Slot], **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = list(slots)
        for slot in self.slots:
            self.fields[field_name(slot.position)] = forms.FileField(
                label=slot.name,
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
            )

    def clean(self):
        cleaned = super().clean()
        for slot in self.slots:
            upload = cleaned.get(field_name(slot.position))
            if upload:
                try:
                    uploads.check_upload(upload)
                except DossierError as error:
                    self.add_error(field_name(slot.position), error.message)
        return cleaned

    def uploads(self) -> dict:
        """{position: file} of the controls a file was chosen in."""
        return {
            slot.position: self.cleaned_data[field_name(slot.position)]
            for slot in self.slots
            if self.cleaned_data.get(field_name(slot.position))
        }

    @property
    def max_size(self) -> str:
        return max_upload_text()

    def rows(self):
        """(slot, bound field) pairs for the template."""
        return [(slot, self[field_name(slot.position)]) for slot in self.slots]


# --- Citizen -------------------------------------------------------------------------------------------------


class AgencyChoiceForm(forms.Form):
    agency = forms.ChoiceField(label=_("Nơi nộp hồ sơ"))

    def __init__(self, *args, agencies: Sequence, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in agencies}
        self.fields["agency"].choices = [(agency.code, agency.name) for agency in agencies]
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].code

    def chosen_agency(self):
        return self.agencies[self.cleaned_data["agency"]]


class SupplementForm(VersionForm):
    note = forms.CharField(
        label=_("Nội dung đã bổ sung (nếu cần giải thích thêm)"),
        max_length=TEXT_FIELD_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"), max_length=TEXT_FIELD_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(label=_("Tôi hiểu rằng hồ sơ đã rút sẽ không được tiếp tục giải quyết."))


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo mã hồ sơ, họ tên hoặc số CCCD"), max_length=SEARCH_MAX_LENGTH, required=False
    )


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=80,
        help_text=_("Mã in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.00.H22-210616-0001."),
    )


# --- Staff actions -------------------------------------------------------------------------------------------


class StaffActionForm(VersionForm):
    """A form for one transition: each subclass's `perform(actor, dossier)` calls that transition's service."""


def _note_field(label=_("Ghi chú"), required=False):
    return forms.CharField(
        label=label, max_length=TEXT_FIELD_MAX, required=required, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptForm(StaffActionForm):
    note = _note_field()

    def perform(self, actor, dossier):
        return services.do_accept(actor, dossier, note=self.cleaned_data["note"], **self.expected())


class RequestSupplementForm(StaffActionForm):
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ trong hồ sơ cần bổ sung, hoàn thiện"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other_items = forms.CharField(
        label=_("Nội dung khác cần bổ sung (mỗi dòng một mục)"),
        max_length=TEXT_FIELD_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = _note_field(_("Lý do yêu cầu bổ sung"), required=True)

    def __init__(self, *args, document_names: Sequence[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(name, name) for name in document_names]

    def clean(self):
        cleaned = super().clean()
        items = list(cleaned.get("documents") or []) + _lines(cleaned.get("other_items", ""))
        if not items and not self.errors:
            raise ValidationError(_("Vui lòng chọn hoặc ghi đầy đủ các giấy tờ, nội dung cần bổ sung."))
        if len(items) > SUPPLEMENT_ITEMS_MAX:
            raise ValidationError(
                _("Danh sách cần bổ sung quá dài (tối đa %(limit)s mục).") % {"limit": SUPPLEMENT_ITEMS_MAX}
            )
        cleaned["items"] = items
        return cleaned

    def perform(self, actor, dossier):
        return services.do_request_supplement(
            actor, dossier, items=self.cleaned_data["items"], reason=self.cleaned_data["reason"], **self.expected()
        )


class RefuseForm(StaffActionForm):
    reason = _note_field(_("Lý do từ chối tiếp nhận"), required=True)

    def perform(self, actor, dossier):
        return services.do_refuse(actor, dossier, reason=self.cleaned_data["reason"], **self.expected())


class AssignForm(StaffActionForm):
    specialist = forms.TypedChoiceField(label=_("Giao cho chuyên viên"), coerce=int)
    note = _note_field()

    def __init__(self, *args, specialists: Sequence = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.specialists = {person.pk: person for person in specialists}
        self.fields["specialist"].choices = [("", _("— Chọn chuyên viên —"))] + [
            (person.pk, str(person)) for person in specialists
        ]

    def perform(self, actor, dossier):
        return services.do_assign(
            actor,
            dossier,
            specialist=self.specialists[self.cleaned_data["specialist"]],
            note=self.cleaned_data["note"],
            **self.expected(),
        )


class AppraiseForm(StaffActionForm):
    opinion = _note_field(_("Ý kiến thẩm định"), required=True)

    def perform(self, actor, dossier):
        return services.do_appraise(actor, dossier, opinion=self.cleaned_data["opinion"], **self.expected())


class TransferForm(StaffActionForm):
    to_agency = forms.ChoiceField(label=_("Chuyển đến cơ quan"))
    working_days = forms.DecimalField(
        label=_("Thời hạn xử lý của cơ quan nhận (ngày làm việc)"), min_value=0.5, max_value=365, decimal_places=1
    )
    note = _note_field()

    def __init__(self, *args, agency_choices: Sequence[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_agency"].choices = [("", _("— Chọn cơ quan —")), *agency_choices]

    def perform(self, actor, dossier):
        return services.do_transfer(
            actor,
            dossier,
            to_agency=organization.get_agency(self.cleaned_data["to_agency"]),
            working_days=self.cleaned_data["working_days"],
            note=self.cleaned_data["note"],
            **self.expected(),
        )


class ReturnToPreviousForm(StaffActionForm):
    reason = _note_field(_("Lý do trả lại bước trước"), required=True)

    def perform(self, actor, dossier):
        return services.do_return_to_previous_step(
            actor, dossier, reason=self.cleaned_data["reason"], **self.expected()
        )


class ApproveForm(StaffActionForm):
    result_summary = _note_field(_("Kết quả giải quyết (tóm tắt)"))
    note = _note_field()

    def perform(self, actor, dossier):
        return services.do_approve(
            actor,
            dossier,
            note=self.cleaned_data["note"],
            result_summary=self.cleaned_data["result_summary"],
            **self.expected(),
        )


class RequestFeesForm(StaffActionForm):
    """Fees go through the payments app, which records what is owed and moves the dossier to status 6."""

    amount = forms.IntegerField(
        label=_("Số tiền phải nộp (đồng)"),
        min_value=1,
        required=False,
        help_text=_("Để trống để áp dụng mức phí, lệ phí đã công bố của thủ tục."),
    )
    note = _note_field()

    def perform(self, actor, dossier):
        payments.request_fees(actor, dossier, amount=self.cleaned_data["amount"], note=self.cleaned_data["note"])
        return dossier


class StopForm(StaffActionForm):
    reason = _note_field(_("Lý do dừng xử lý"), required=True)

    def perform(self, actor, dossier):
        return services.do_stop(actor, dossier, reason=self.cleaned_data["reason"], **self.expected())


class ResolveForm(StaffActionForm):
    note = _note_field()

    def perform(self, actor, dossier):
        return services.do_mark_resolved(actor, dossier, note=self.cleaned_data["note"], **self.expected())


class ApologyForm(StaffActionForm):
    reason = _note_field(_("Lý do chậm trả kết quả"), required=True)
    new_due_at = forms.DateTimeField(
        label=_("Ngày giờ hẹn trả kết quả mới"), help_text=_("Ngày/tháng/năm giờ:phút, ví dụ 25/06/2021 16:30.")
    )

    def perform(self, actor, dossier):
        return services.do_issue_apology(
            actor,
            dossier,
            reason=self.cleaned_data["reason"],
            new_due_at=self.cleaned_data["new_due_at"],
            **self.expected(),
        )


class StaffWithdrawForm(StaffActionForm):
    reason = _note_field(_("Lý do rút hồ sơ (theo đề nghị của người nộp)"), required=True)

    def perform(self, actor, dossier):
        return services.do_withdraw(actor, dossier, reason=self.cleaned_data["reason"], **self.expected())


# --- Staff intake --------------------------------------------------------------------------------------------


class IntakeForm(forms.Form):
    """The desk's or the post office's part of an intake: where, and the applicant's account if they have one."""

    agency = forms.ChoiceField(label=_("Cơ quan tiếp nhận"))
    account = forms.CharField(
        label=_("Tài khoản của người nộp trên Cổng (nếu có)"),
        max_length=20,
        required=False,
        help_text=_("Số CCCD hoặc mã số thuế dùng để đăng nhập; hồ sơ sẽ hiện trong mục “Hồ sơ của tôi” của họ."),
    )

    def __init__(self, *args, agencies: Sequence, intake: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = {agency.code: agency for agency in agencies}
        self.fields["agency"].choices = [(agency.code, agency.name) for agency in agencies]
        if intake == Intake.POSTAL:
            self.fields["handed_over_at"] = forms.DateTimeField(
                label=_("Thời điểm ký biên bản giao nhận hồ sơ"),
                help_text=_(
                    "Ngày/tháng/năm giờ:phút, ví dụ 16/06/2021 09:15. Đây là thời điểm nộp hồ sơ theo quy định."
                ),
            )

    def chosen_agency(self):
        return self.agencies[self.cleaned_data["agency"]]

    def add_service_error(self, error: DossierError) -> None:
        add_dossier_error(self, error, {"invalid_time": "handed_over_at"})


class IntakeStartForm(forms.Form):
    """The first step of a staff intake: how the dossier comes in, at which agency, and which procedure."""

    kieu = forms.ChoiceField(label=_("Hình thức tiếp nhận"), widget=forms.RadioSelect)
    co_quan = forms.ChoiceField(label=_("Cơ quan tiếp nhận"))
    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"), max_length=catalog_constants.MAX_QUERY_LENGTH, required=False
    )

    def __init__(self, *args, kinds: Sequence[tuple[str, str]], agencies: Sequence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kieu"].choices = list(kinds)
        self.fields["kieu"].initial = kinds[0][0] if kinds else None
        self.fields["co_quan"].choices = [(agency.code, agency.name) for agency in agencies]
