from django.urls import path

from chorus.program import views

app_name = "program"

urlpatterns = [
    path("program/settings/", views.settings_edit, name="settings"),
    path(
        "program/settings/analytics/",
        views.analytics_settings_edit,
        name="analytics-settings",
    ),
]
