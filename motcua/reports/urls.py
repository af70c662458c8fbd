from django.urls import path

from motcua.reports import views

app_name = "reports"
urlpatterns = [path("thong-ke/", views.statistics, name="statistics")]
