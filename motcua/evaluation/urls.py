from django.urls import path

from motcua.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.public_scores, name="public"),
    path("chi-tieu/", views.monitor_targets, name="targets"),
]
