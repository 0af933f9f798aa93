from django.urls import path

from chorus.digests import views

app_name = "digests"
urlpatterns = [
    path("digests/settings/", views.digest_settings, name="settings"),
    path("digests/preview/", views.preview, name="preview"),
    path("digests/preview/html/", views.preview_html, name="preview-html"),
]
