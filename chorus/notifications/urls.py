from django.urls import path

from chorus.notifications import views

app_name = "notifications"

urlpatterns = [
    path("announcements/", views.announcements, name="announcements"),
    path("notifications/", views.notification_list, name="list"),
    path("notifications/bell/", views.bell, name="bell"),
    path("notifications/read/", views.mark_read, name="read"),
    path("notifications/settings/", views.notification_settings, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
