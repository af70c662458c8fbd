from django.urls import path

from motcua.reports import views_leader

app_name = "reports_leader"
urlpatterns = [
    path("", views_leader.overview, name="overview"),
    path("don-vi/<str:code>/", views_leader.overview, name="area"),
    path("bieu-06/", views_leader.bieu06_report, name="bieu06"),
]
