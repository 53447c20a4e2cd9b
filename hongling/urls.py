from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.functional import lazy

from apps.core.media import media_file
from apps.core.models import SiteSettings
from apps.core.monitoring import views as monitoring_views
from apps.core.sitemaps import SITEMAPS

admin.site.login = secure_admin_login(admin.site.login)  # rate limits and MFA apply to staff too
admin.site.site_header = lazy(lambda: f"{SiteSettings.load().brand_name} 管理后台", str)()
admin.site.site_title = lazy(lambda: f"{SiteSettings.load().brand_name} 管理后台", str)()
admin.site.index_title = "内容与服务管理"

handler400 = "apps.core.errors.bad_request"
# A 503 with Retry-After when the database is unreachable; else the 500 page with the request's ID
# (请把这个编号告诉工作人员), the key to its log lines and error report.
handler500 = "apps.core.errors.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("accounts/", include("apps.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("apps.accounts.me_urls")),
    path("search/", include("apps.core.search.urls")),
    path("healthz/ready", monitoring_views.ready, name="healthz_ready"),
    path("metrics", monitoring_views.metrics, name="metrics"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("apps.news.urls")),
    path("", include("apps.core.urls")),
    path("", include("apps.hubs.urls")),
    path("classes/", include("apps.classes.urls")),
    path("pioneers/", include("apps.pioneers.urls")),
    path("culture/", include("apps.culture.urls")),
]

# Uploaded media are cleaned images under random names; Django serves them (cached for a year) unless a
# proxy or object storage does (see README, "Media storage").
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_file, name="media")]
