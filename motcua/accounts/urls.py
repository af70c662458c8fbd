from django.urls import path

from motcua.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.ProfileView.as_view(), name="profile"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.CitizenRegistrationView.as_view(), name="register"),
    path("dang-ky-doanh-nghiep/", views.BusinessRegistrationView.as_view(), name="register_business"),
]
