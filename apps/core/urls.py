from django.urls import path

from . import views
from .booking import views as booking_views
from .shortlinks import shortlink_redirect
from .wechat import wechat_share_config

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
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("calendar/events/<int:pk>.ics", views.occurrence_ics, name="occurrence_ics"),
    path("occurrences/<int:pk>/register/", booking_views.occurrence_register, name="occurrence_register"),
    path("occurrences/<int:pk>/checkin/", booking_views.checkin_by_code, name="checkin_by_code"),
    path("registrations/<int:pk>/cancel/", booking_views.registration_cancel_view, name="registration_cancel"),
    path("checkin/<int:pk>/<str:token>/", booking_views.checkin, name="checkin"),
    path("me/calendar/<str:token>.ics", views.my_calendar_ics, name="my_calendar_ics"),
    path("favicon.ico", views.favicon),
    path("r/<str:code>", shortlink_redirect, name="shortlink"),
    path("wechat/share-config", wechat_share_config, name="wechat_share_config"),
]
