from django.urls import path

from motcua.results import views

app_name = "results"
urlpatterns = [
    path("xac-thuc/<str:token>/", views.verify, name="verify"),
    path("xac-thuc/<str:token>/tai-ve/", views.download, name="download"),
]
