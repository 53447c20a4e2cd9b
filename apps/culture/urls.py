from django.urls import path

from . import views

app_name = "culture"

urlpatterns = [
    path("", views.index_page, name="index"),
    path("events/<int:pk>/", views.event_page, name="event"),
    path("events/<int:pk>/register/", views.event_register_page, name="event_register"),
    path("library/", views.library_page, name="library"),
    path("drift/", views.drift_page, name="drift"),
    path("drift/<str:code>/", views.drift_book_page, name="drift_book"),
]
