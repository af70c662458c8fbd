from django.urls import path

from motcua.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_search, name="procedure-search"),
    path("thu-tuc/<str:key>/", views.procedure_detail, name="procedure-detail"),
]
