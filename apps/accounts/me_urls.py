from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.me, name="me"),
    path("registrations/", views.me_registrations, name="me_registrations"),
    path("export/", views.me_export, name="me_export"),
    path("delete/", views.me_delete, name="me_delete"),
    path("notices/", views.me_notices, name="me_notices"),
    path("calendar/renew/", views.me_calendar_renew, name="me_calendar_renew"),
]
