from django.urls import path

from chorus.analytics import views

app_name = "analytics"

urlpatterns = [
    path("analytics/", views.program_view, name="program"),
    path("analytics/print/", views.program_print, name="program-print"),
    path("analytics/export/<slug:table>.csv", views.program_export, name="program-export"),
    path("analytics/content/<int:pk>/", views.item_view, name="item"),
    path("program/health/", views.health_view, name="health"),
    path("analytics/me/", views.me_view, name="me"),
    path("analytics/me/audiences/", views.me_audiences, name="me-audiences"),
    path("analytics/me/export/<slug:table>.csv", views.me_export, name="me-export"),
    path("leaderboard/", views.leaderboard_view, name="leaderboard"),
    path("leaderboard/visibility/", views.leaderboard_visibility, name="leaderboard-visibility"),
]
