from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from motcua.api import api
from motcua.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("thanh-toan/", include("motcua.payments.urls")),
    path("bao-cao/", include("motcua.reports.urls_leader")),
    path("danh-gia-chi-so/", include("motcua.evaluation.urls")),
    path("", include("motcua.results.urls")),
    path("", include("motcua.dossiers.urls")),
    path("", include("motcua.reports.urls")),
    path("", include("motcua.documents.urls")),
    path("", include("motcua.feedback.urls")),
    path("", include("motcua.portal.urls")),
]
if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

handler404 = "motcua.portal.views.page_not_found"
handler500 = "motcua.portal.views.server_error"
