from django.urls import path

from motcua.results import views

app_name = "results"
urlpatterns = [
    path("xac-thuc/<str:token>/", views.verify, name="verify"),
    path("xac-thuc/<str:token>/tai-ve/", views.download, name="download"),
    path("ket-qua/ho-so/<int:pk>/tai-ve/", views.download_result, name="dossier-download"),
    path("ket-qua/ho-so/<int:pk>/hinh-thuc-nhan/", views.choose_delivery, name="choose-delivery"),
    path("ket-qua/ho-so/<int:pk>/tai-len/", views.upload_result, name="upload"),
    path("ket-qua/ho-so/<int:pk>/tra-tai-quay/", views.return_at_counter, name="return-at-counter"),
    path("ket-qua/ho-so/<int:pk>/gui-buu-dien/", views.dispatch_by_post, name="dispatch"),
    path("ket-qua/buu-gui/", views.postal_orders, name="postal-orders"),
]
