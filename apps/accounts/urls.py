from django.urls import path

from . import views

# Same paths and names as allauth's, placed before allauth's URLs so these wrappers answer.
urlpatterns = [
    path("phone/verify/", views.verify_phone, name="account_verify_phone"),
    path("login/code/confirm/", views.confirm_login_code, name="account_confirm_login_code"),
]
