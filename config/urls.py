from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from chorus.api.urls import api
from chorus.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("chorus.tracking.urls")),
    path("", include("chorus.scheduler.urls")),
    path("", include("chorus.notifications.urls")),
    path("", include("chorus.accounts.urls")),
    path("", include("chorus.program.urls")),
    path("", include("chorus.content.urls")),
    path("", include("chorus.academy.urls")),
    path("", include("chorus.campaigns.urls")),
    path("", include("chorus.digests.urls")),
    path("", include("chorus.sharing.urls")),
    path("", include("chorus.analytics.urls")),
    path("", include("chorus.home.urls")),
    # Uploaded media (logos, images). A front web server may serve MEDIA_ROOT itself instead.
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
]
