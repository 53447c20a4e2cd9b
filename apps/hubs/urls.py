from django.urls import path

from . import views

app_name = "hubs"

urlpatterns = [
    path("hubs/", views.directory, name="directory"),
    path("hubs/<slug:slug>/", views.hub_detail, name="hub_detail"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<str:reference>/", views.report_detail, name="report_detail"),
    path("reports/<str:reference>/confirm/", views.report_respond, {"action": "confirm"}, name="report_confirm"),
    path("reports/<str:reference>/reopen/", views.report_respond, {"action": "reopen"}, name="report_reopen"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/meetings/<int:pk>/", views.consultation_meeting, name="consultation_meeting"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("me/reports/", views.my_reports, name="my_reports"),
]
