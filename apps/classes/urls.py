from django.urls import path

from . import views

app_name = "classes"

urlpatterns = [
    path("", views.menu_page, name="menu"),
    path("<int:pk>/", views.course_page, name="course"),
    path("sessions/<int:pk>/", views.session_page, name="session"),
    path("sites/", views.sites_page, name="sites"),
    path("routes/", views.routes_page, name="routes"),
    path("member/", views.member_apply_page, name="member_apply"),
]
