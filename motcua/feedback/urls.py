from django.urls import path

from motcua.feedback import views

app_name = "feedback"
urlpatterns = [
    path("danh-gia/ho-so/<int:pk>/", views.rate, name="rate"),
    path("danh-gia/lien-ket/<str:token>/", views.rate_by_link, name="rate-by-link"),
    path("giam-sat/danh-gia/", views.monitor, name="monitor"),
]
