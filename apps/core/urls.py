from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("mode/elder/", views.display_mode, {"mode": "elder"}, name="elder_mode"),
    path("mode/standard/", views.display_mode, {"mode": "standard"}, name="standard_mode"),
    path("mode/text-larger/", views.display_mode, {"mode": "text-larger"}, name="text_larger"),
    path("mode/text-smaller/", views.display_mode, {"mode": "text-smaller"}, name="text_smaller"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]
