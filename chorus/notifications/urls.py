from django.urls import path

from chorus.notifications import views

app_name = "notifications"

urlpatterns = [
    path("announcements/", views.announcements, name="announcements"),
]
