from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from motcua.accounts import selectors, services
from motcua.accounts.forms import BusinessRegistrationForm, CitizenRegistrationForm, IdentifierAuthenticationForm

# The query flag the OIDC callback adds when the national single sign-on did not let the visitor in
# (settings.LOGIN_REDIRECT_URL_FAILURE points here with it).
SSO_FAILED_FLAG = "sso"
SSO_FAILED_MESSAGE = _(
    "Không đăng nhập được qua Cổng Dịch vụ công quốc gia. Vui lòng thử lại, hoặc đăng nhập bằng số CCCD và mật khẩu."
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = IdentifierAuthenticationForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        if request.GET.get(SSO_FAILED_FLAG) == "loi":
            messages.error(request, SSO_FAILED_MESSAGE)
        return super().get(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Logging out is a POST (so no link or image can log anyone out); a plain visit asks for confirmation."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        return render(request, "accounts/logout_confirm.html")


class RegistrationView(FormView):
    register = None  # the service that creates the account from the form's cleaned data (a staticmethod)
    success_url = reverse_lazy("accounts:profile")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(self.success_url)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            user = self.register(**form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        login(self.request, user, backend="motcua.accounts.backends.IdentifierBackend")
        messages.success(self.request, _("Đăng ký thành công. Chào mừng %(name)s!") % {"name": user.full_name})
        return redirect(self.get_success_url())

    def get_success_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return next_url
        return str(self.success_url)


class CitizenRegistrationView(RegistrationView):
    template_name = "accounts/register_citizen.html"
    form_class = CitizenRegistrationForm
    register = staticmethod(services.register_citizen)


class BusinessRegistrationView(RegistrationView):
    template_name = "accounts/register_business.html"
    form_class = BusinessRegistrationForm
    register = staticmethod(services.register_business)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["roles"] = selectors.get_roles(self.request.user)
        return context
