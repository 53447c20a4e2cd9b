from django.urls import path

from . import views

app_name = "pioneers"

urlpatterns = [
    path("", views.gallery_page, name="gallery"),
    path("<int:pk>/", views.profile_page, name="profile"),
    path("teams/<int:pk>/", views.team_page, name="team"),
    path("activities/<int:pk>/", views.activity_page, name="activity"),
]
