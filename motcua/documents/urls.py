from django.urls import path

from motcua.documents import views

app_name = "documents"
urlpatterns = [
    path("kho-du-lieu/", views.store, name="store"),
    path("kho-du-lieu/<int:pk>/", views.detail, name="detail"),
    path("kho-du-lieu/<int:pk>/tai-ve/", views.download, name="download"),
    path("kho-du-lieu/chon/<int:dossier_pk>/<int:position>/", views.pick, name="pick"),
    path("mot-cua/so-hoa/<int:dossier_pk>/", views.digitise, name="digitise"),
]
