from django.urls import path

from motcua.dossiers.views import citizen, files, intake, public, staff

app_name = "dossiers"
urlpatterns = [
    path("tra-cuu/", public.lookup, name="lookup"),
    path("nop-ho-so/<str:procedure_key>/", citizen.submit, name="submit"),
    path("ho-so-cua-toi/", citizen.mine, name="mine"),
    path("ho-so-cua-toi/<int:pk>/", citizen.detail, name="detail"),
    path("ho-so-cua-toi/<int:pk>/soan/", citizen.draft, name="draft"),
    path("ho-so-cua-toi/<int:pk>/bo-sung/", citizen.supplement, name="supplement"),
    path("ho-so-cua-toi/<int:pk>/rut/", citizen.withdraw, name="withdraw"),
    path("ho-so/<int:pk>/giay-to/<int:position>/", files.document, name="document"),
    path("ho-so/<int:pk>/phieu/<str:kind>/<int:event_id>/", files.slip, name="slip"),
    path("mot-cua/", staff.inbox, name="staff-inbox"),
    path("mot-cua/ho-so/<int:pk>/", staff.detail, name="staff-detail"),
    path("mot-cua/ho-so/<int:pk>/bo-sung/", staff.supplement, name="staff-supplement"),
    path("mot-cua/ho-so/<int:pk>/<str:slug>/", staff.act, name="staff-action"),
    path("mot-cua/nhap-ho-so/", intake.start, name="intake-start"),
    path("mot-cua/nhap-ho-so/<str:kind_slug>/<str:procedure_key>/", intake.intake, name="intake"),
]
