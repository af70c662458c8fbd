from django.urls import path

from motcua.payments import views

app_name = "payments"
urlpatterns = [
    path("ho-so/<str:dossier_key>/", views.pay, name="pay"),
    path("ket-qua/<slug:gateway_id>/", views.gateway_return, name="return"),
    path("thong-bao/<slug:gateway_id>/", views.notify, name="notify"),
    path("bien-lai/<str:reference>/", views.receipt, name="receipt"),
    path("sandbox/thanh-toan/", views.sandbox_pay, name="sandbox_pay"),
    path("sandbox/truy-van/", views.sandbox_query, name="sandbox_query"),
]
