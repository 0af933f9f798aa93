from django.urls import path

from chorus.notifications import views

app_name = "notifications"

urlpatterns = [
    path("announcements/", views.announcements, name="announcements"),
    path("notifications/", views.notification_list, name="list"),
    path("notifications/chat/", views.chat, name="chat"),
    path("notifications/chat/<int:pk>/", views.chat_edit, name="chat-edit"),
    path("notifications/chat/<int:pk>/<slug:action>/", views.chat_action, name="chat-action"),
    path("notifications/bell/", views.bell, name="bell"),
    path("notifications/read/", views.mark_read, name="read"),
    path("notifications/settings/", views.notification_settings, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
