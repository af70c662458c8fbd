"""URLconf of the baseline handler (bench/wsgi.py); never part of motcua.urls."""

from django.urls import path

from bench import views

urlpatterns = [
    path("__bench__/baseline", views.baseline, name="bench-baseline"),
]
