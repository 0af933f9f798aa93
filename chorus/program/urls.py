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
    path("program/settings/recognition/", views.recognition_edit, name="recognition"),
    path("program/readiness/", views.readiness, name="readiness"),
    path("program/readiness/export.csv", views.readiness_export, name="readiness-export"),
    path("program/readiness/survey/open/", views.pulse_survey_open, name="pulse-open"),
    path("program/readiness/survey/<int:pk>/close/", views.pulse_survey_close, name="pulse-close"),
    path("pulse/", views.pulse, name="pulse"),
]
